/* coursekit's LMS: the player page, as Moodle's mod/scorm player.php and module.js run a package.
   - One API object for the whole package (window.API, or window.API_1484_11 for SCORM 2004), made
     once; the SCO in the frame finds it in this page. Moving to another SCO (the < > buttons, a
     "continue"/"previous" request, auto-continue) loads that SCO in the same frame under the same
     object: SCORM 1.2 initializes again, SCORM 2004 stays terminated (error 104), as in Moodle.
   - Each Commit and Finish posts, synchronously as Moodle does, the values the API collected; the
     server stores them as Moodle would and answers "true\n0". While the page is closing, it sends
     them with navigator.sendBeacon instead.
   - The panel shows every call's errors, what was stored, the grade and the completion. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("pv-config").textContent);
  var frame = document.getElementById("scorm_object");
  var log = document.getElementById("pv-log");
  var order = config.order, current = config.start, closing = false;
  var is2004 = config.version === "2004";

  function note(kind, text) {
    if (!log) return;
    var item = document.createElement("li");
    item.className = "pv-" + kind;
    item.textContent = new Date().toLocaleTimeString() + " " + text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function showReport(report) {
    var stored = document.getElementById("pv-stored");
    if (stored && report && report.stored_html) stored.innerHTML = report.stored_html;
  }

  /* Moodle's DoRequest: a synchronous POST; its answer, or the HTTP status when it failed. */
  function store(sco, pairs, finishing) {
    var body = JSON.stringify({ learner: config.learner, attempt: config.attempt, sco: sco, values: pairs });
    var beacon = function () {
      var sent = navigator.sendBeacon && navigator.sendBeacon(config.endpoints.track, new Blob([body], { type: "application/json" }));
      note(sent ? "saved" : "error", (finishing ? "Finish" : "Commit") + (sent ? ": sent as the page closed" : " NOT stored"));
      return sent ? "true\n0" : "false";
    };
    if (closing) return beacon();
    var request = new XMLHttpRequest();
    try {
      request.open("POST", config.endpoints.track, false);
      request.setRequestHeader("Content-Type", "application/json");
      request.send(body);
    } catch (error) {          // a SCO finishing in its unload: the browser refuses a synchronous request then
      return beacon();
    }
    if (request.status !== 200) {
      note("error", (finishing ? "Finish" : "Commit") + " NOT stored: HTTP " + request.status + " " + request.responseText);
      return String(request.status);
    }
    var answer = JSON.parse(request.responseText);
    note("saved", (finishing ? "Finish" : "Commit") + ": " + pairs.length + " value(s) stored");
    showReport(answer);
    return answer.answer;
  }

  function launch(sco) {
    current = sco;
    frame.src = config.files + config.launch[sco];
    var index = order.indexOf(sco), previous = document.getElementById("nav_prev"), next = document.getElementById("nav_next");
    if (previous) previous.disabled = index <= 0;
    if (next) next.disabled = index >= order.length - 1;
    note("call", "launching " + config.titles[sco]);
  }

  function step(by) {
    var index = order.indexOf(current) + by;
    if (index >= 0 && index < order.length) launch(order[index]);
  }

  var options = {
    scos: config.scos, standards: config.standards, masteryOverride: config.masteryOverride, auto: config.auto,
    currentSco: function () { return current; }, store: store,
    next: function () { step(1); }, previous: function () { step(-1); }
  };
  var api = is2004 ? new CoursekitLMS.Scorm2004API(options) : new CoursekitLMS.Scorm12API(options);
  var names = is2004 ? ["Initialize", "GetValue", "SetValue", "Commit", "Terminate"]
                     : ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish"];
  var lastError = is2004 ? "GetLastError" : "LMSGetLastError", errorString = is2004 ? "GetErrorString" : "LMSGetErrorString";
  /* Every call the SCO makes shows in the panel when it fails; the API answers exactly as it would. */
  names.forEach(function (name) {
    var call = api[name];
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments), result = call.apply(api, args), code = api[lastError]();
      if (code !== "0" && code !== 0) {
        note("error", name + "(" + args.map(function (a) { return JSON.stringify(String(a).slice(0, 80)); }).join(", ") +
             ") returned " + result + ": error " + code + " " + api[errorString](code));
      }
      return result;
    };
  });
  window[is2004 ? "API_1484_11" : "API"] = api;

  /* The SCO unloads (and finishes) while this page is still here: its last values are stored before we go. */
  function leave(then) {
    var done = false, go = function () { if (!done) { done = true; then(); } };
    frame.addEventListener("load", go, { once: true });
    setTimeout(go, 3000);
    frame.src = "about:blank";
  }
  window.coursekitBeforeReload = function () {
    return new Promise(function (resolve) { leave(resolve); });
  };
  window.addEventListener("pagehide", function () { closing = true; });
  var previous = document.getElementById("nav_prev"), next = document.getElementById("nav_next");
  if (previous) previous.addEventListener("click", function () { step(-1); });
  if (next) next.addEventListener("click", function () { step(1); });
  document.getElementById("pv-exit").addEventListener("click", function () { leave(function () { window.location.href = "/"; }); });
  document.getElementById("pv-relaunch").addEventListener("click", function () { leave(function () { window.location.reload(); }); });
  document.getElementById("pv-reset").addEventListener("click", function () {
    leave(function () {
      var request = new XMLHttpRequest();
      request.open("POST", config.endpoints.reset, false);
      request.setRequestHeader("Content-Type", "application/json");
      request.send(JSON.stringify({ learner: config.learner }));
      window.location.reload();
    });
  });
  launch(current);
})();
