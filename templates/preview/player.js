/* The preview's LMS, in the page that hosts the module, as Moodle's player is:
   - scorm-again's SCORM 1.2 API as window.API, loaded before launch with what Moodle would hand the
     module (the stored location, status, score and suspend data; entry "resume" after a suspend);
   - every call the module makes shows in the panel: the values set, each commit, every API error;
   - each successful LMSCommit and LMSFinish sends the values set since the one before to the server,
     which stores them in SQLite; the panel then shows what is stored. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("pv-config").textContent);
  var frame = document.getElementById("pv-sco");
  var log = document.getElementById("pv-log");
  var api = new Scorm12API({ autocommit: false, logLevel: 5 });   // 5: silent; the panel shows errors
  api.loadFromJSON(config.launch, "");

  var pending = {};                    // values set since the last commit or finish
  var queue = [];                      // request bodies waiting for the one in flight: the server gets them in order
  var inFlight = false;
  var initialized = false;
  var finished = false;
  var SHOWN_LENGTH = 160;

  function note(kind, text) {
    var item = document.createElement("li");
    var time = document.createElement("time");
    item.className = "pv-" + kind;
    time.textContent = new Date().toLocaleTimeString();
    item.appendChild(time);
    item.appendChild(document.createTextNode(" " + text));
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
  }

  function shorten(value) {
    var text = String(value);
    return text.length > SHOWN_LENGTH ? text.slice(0, SHOWN_LENGTH) + "… (" + text.length + " characters)" : text;
  }

  function send(event) {
    queue.push({ attempt: config.attempt.id, event: event, values: pending });
    pending = {};
    sendNext();
  }

  function sendNext() {
    if (inFlight || !queue.length) return;
    inFlight = true;
    post(queue.shift()).then(function () {
      inFlight = false;
      sendNext();
    });
  }

  /* keepalive: the request completes even if this page is going away. */
  function post(body) {
    var count = Object.keys(body.values).length;
    return fetch(config.endpoints.commit, {
      method: "POST", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.error || "HTTP " + response.status);
        document.getElementById("pv-stored").innerHTML = answer.stored_html;
        note("saved", body.event + " stored in SQLite: " + count + (count === 1 ? " value" : " values"));
      });
    }).catch(function (error) {
      note("error", body.event + " NOT stored: " + error.message);
    });
  }

  /* Leaving the page with requests still waiting: send them all now, while it is still possible. */
  window.addEventListener("pagehide", function () {
    while (queue.length) post(queue.shift());
  });

  function reportError(method, args, result) {
    var code = String(api.LMSGetLastError());
    if (code === "0" && result !== "false") return false;
    note("error", method + "(" + args.map(function (a) { return JSON.stringify(shorten(a)); }).join(", ") + ") returned " +
         result + ": error " + code + " " + api.LMSGetErrorString(code) + ". " + api.LMSGetDiagnostic(code));
    return true;
  }

  /* Moodle refuses LMSCommit after LMSFinish ("false", error 301: not initialized); scorm-again
     accepts it. The preview answers as Moodle does, so the panel shows what would be lost. */
  var refused = null;
  var scormAgainLastError = api.LMSGetLastError.bind(api);
  api.LMSGetLastError = function () { return refused || scormAgainLastError(); };

  function watch(method, onSuccess) {
    var original = api[method].bind(api);
    api[method] = function () {
      var args = Array.prototype.slice.call(arguments);
      refused = method === "LMSCommit" && finished ? "301" : null;
      if (refused) {
        note("error", method + " after LMSFinish returned false: error 301 " + api.LMSGetErrorString("301") +
             ". Moodle refuses it (scorm-again would not): nothing of it is stored.");
        return "false";
      }
      var result = String(original.apply(null, args));
      if (!reportError(method, args, result) && onSuccess) onSuccess(args, result);
      return result;
    };
  }

  watch("LMSInitialize", function () {
    initialized = true;
    note("call", "LMSInitialize: entry = \"" + api.cmi.core.entry + "\"");
  });
  watch("LMSGetValue");
  watch("LMSSetValue", function (args) {
    pending[args[0]] = String(args[1]);
    note("set", args[0] + " = " + shorten(args[1]));
  });
  watch("LMSCommit", function () {
    note("commit", "LMSCommit");
    send("commit");
  });
  watch("LMSFinish", function () {
    finished = true;
    note("finish", "LMSFinish");
    send("finish");
  });
  window.API = api;

  function waitUntil(test, milliseconds) {
    var started = Date.now();
    return new Promise(function (resolve) {
      (function look() {
        if (test() || Date.now() - started > milliseconds) resolve();
        else setTimeout(look, 20);
      })();
    });
  }

  /* The learner leaves: the module's frame goes away (it calls LMSFinish), and its data is stored. */
  function endSession() {
    if (frame.isConnected) frame.remove();
    return waitUntil(function () { return finished || !initialized; }, 2000).then(function () {
      return waitUntil(function () { return !inFlight && !queue.length; }, 5000);
    });
  }
  window.coursekitBeforeReload = endSession;

  document.getElementById("pv-exit").addEventListener("click", function () {
    endSession().then(function () { window.location.href = "/"; });
  });
  document.getElementById("pv-relaunch").addEventListener("click", function () {
    endSession().then(function () { window.location.reload(); });
  });
  document.getElementById("pv-reset").addEventListener("click", function () {
    endSession().then(function () {
      return fetch(config.endpoints.reset, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    }).then(function () { window.location.reload(); });
  });

  frame.src = config.endpoints.launch;
})();
