/* The SCORM 1.2 adapter. Every LMS call goes through call(), which never throws into the page.
   Interface shared with the other adapters:
     connect() -> bool                 LMSInitialize, once
     resumed() -> {location, suspendData, entry}
     begin()                           status "incomplete" unless already done (never "not attempted")
     save(location, suspendData)       set, not committed
     complete()                        status "completed" (unscored modules)
     commit() -> bool
     finish(finished)                  exit, session_time, LMSFinish: exactly once
     lastError() -> string             for the learner-facing message */
function Scorm12Adapter(api) {
  this.api = api;
  this.kind = "scorm12";
  this.started = 0;
  this.initialized = false;
  this.finished = false;
  this.error = "";
}

Scorm12Adapter.find = function () {
  var api = findLmsApi("API");
  return api && typeof api.LMSInitialize === "function" ? new Scorm12Adapter(api) : null;
};

Scorm12Adapter.prototype.call = function (method, a, b) {
  try {
    var result = String(b === undefined ? this.api[method](a) : this.api[method](a, b));
    if (result === "false") this.error = this.errorText();
    return result;
  } catch (error) {
    this.error = method + ": " + error;
    return "false";
  }
};

Scorm12Adapter.prototype.errorText = function () {
  try {
    var code = String(this.api.LMSGetLastError());
    return code + " " + String(this.api.LMSGetErrorString(code));
  } catch (error) {
    return String(error);
  }
};

Scorm12Adapter.prototype.get = function (element) {
  return this.call("LMSGetValue", element);
};

Scorm12Adapter.prototype.set = function (element, value) {
  return this.call("LMSSetValue", element, String(value)) === "true";
};

Scorm12Adapter.prototype.connect = function () {
  if (this.initialized) return true;
  this.initialized = this.call("LMSInitialize", "") === "true";
  this.started = Date.now();
  return this.initialized;
};

Scorm12Adapter.prototype.resumed = function () {
  return {
    entry: this.get("cmi.core.entry"),
    location: this.get("cmi.core.lesson_location"),
    suspendData: this.get("cmi.suspend_data")
  };
};

Scorm12Adapter.prototype.status = function () {
  return this.get("cmi.core.lesson_status");
};

Scorm12Adapter.prototype.begin = function () {
  var status = this.status();
  if (status !== "completed" && status !== "passed" && status !== "incomplete") {
    this.set("cmi.core.lesson_status", "incomplete");
  }
};

Scorm12Adapter.prototype.save = function (location, suspendData) {
  var savedLocation = this.set("cmi.core.lesson_location", location);
  return this.set("cmi.suspend_data", suspendData) && savedLocation;
};

Scorm12Adapter.prototype.complete = function () {
  var status = this.status();
  if (status !== "completed" && status !== "passed") this.set("cmi.core.lesson_status", "completed");
};

Scorm12Adapter.prototype.commit = function () {
  return this.call("LMSCommit", "") === "true";
};

Scorm12Adapter.prototype.finish = function (finished) {
  if (this.finished || !this.initialized) return;
  this.finished = true;
  this.set("cmi.core.exit", finished ? "" : "suspend");
  this.set("cmi.core.session_time", scorm12Timespan(Date.now() - this.started));
  this.call("LMSFinish", "");
};

Scorm12Adapter.prototype.lastError = function () {
  return this.error;
};

/* The bundle holds one LMS adapter; the player asks for it by this name. */
var LmsAdapter = Scorm12Adapter;
