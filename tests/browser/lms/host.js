/* A test LMS, as Moodle's player is for the SCO: it installs scorm-again's API object (SCORM 1.2,
   or 2004 with ?api=2004) in the parent window and launches the SCO in an iframe. Every API call the SCO makes is logged with
   its result and error code, so tests can assert exactly what the LMS recorded and accepted.
   The test sets window.__initialCMI (via an init script) to relaunch with saved data. */
(function () {
  var params = new URLSearchParams(window.location.search);
  var scorm2004 = params.get("api") === "2004";
  var api = scorm2004 ? new Scorm2004API({ logLevel: 5, autocommit: false }) : new Scorm12API({ logLevel: 5, autocommit: false });
  if (window.__initialCMI) api.loadFromJSON(window.__initialCMI, "");
  var calls = (window.lmsCalls = []);
  var methods = scorm2004 ? ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"]
                          : ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"];
  var lastError = scorm2004 ? "GetLastError" : "LMSGetLastError";
  /* Injected faults (set by a test in window.__faults before this script runs): each fault is
     {method, element (a prefix; optional), times (how many calls fail; default all), error, throws}. */
  var faults = (window.__faults || []).map(function (f) { return Object.assign({ used: 0 }, f); });
  function faultFor(method, element) {
    return faults.filter(function (f) {
      return f.method === method && (!f.element || String(element).indexOf(f.element) === 0) && (f.times === undefined || f.used < f.times);
    })[0];
  }
  methods.forEach(function (method) {
    var original = api[method].bind(api);
    api[method] = function (a, b) {
      var fault = faultFor(method, a);
      if (fault) {
        fault.used += 1;
        calls.push({ method: method, element: a, value: b === undefined ? null : b, result: "false",
                     error: String(fault.error || 101), injected: true, at: Date.now() });
        if (fault.throws) throw new Error("injected LMS failure in " + method);
        return "false";
      }
      var result = b === undefined ? original(a) : original(a, b);
      calls.push({ method: method, element: a, value: b === undefined ? null : b, result: String(result),
                   error: String(api[lastError]()), at: Date.now() });
      return result;
    };
  });
  if (scorm2004) window.API_1484_11 = api;
  else window.API = api;
  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("sco").src = params.get("launch");
  });
})();
