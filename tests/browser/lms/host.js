/* A test LMS, as Moodle's player is for the SCO: it installs scorm-again's API object in the
   parent window and launches the SCO in an iframe. Every API call the SCO makes is logged with
   its result and error code, so tests can assert exactly what the LMS recorded and accepted.
   The test sets window.__initialCMI (via an init script) to relaunch with saved data. */
(function () {
  var params = new URLSearchParams(window.location.search);
  var api = new Scorm12API({ logLevel: 5, autocommit: false });
  if (window.__initialCMI) api.loadFromJSON(window.__initialCMI, "");
  var calls = (window.lmsCalls = []);
  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"].forEach(function (method) {
    var original = api[method].bind(api);
    api[method] = function (a, b) {
      var result = b === undefined ? original(a) : original(a, b);
      calls.push({ method: method, element: a, value: b === undefined ? null : b, result: String(result),
                   error: String(api.LMSGetLastError()), at: Date.now() });
      return result;
    };
  });
  window.API = api;
  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("sco").src = params.get("launch");
  });
})();
