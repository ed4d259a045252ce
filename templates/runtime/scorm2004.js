/* The SCORM 2004 adapter (API_1484_11), with the interface of the SCORM 1.2 adapter (see scorm12.js).
   Completion and success are separate here: completion_status says every lesson was viewed,
   success_status says the quiz was passed. Every LMS call goes through call(), which never throws. */
function Scorm2004Adapter(api, scorm) {
  initLmsAdapter(this, api, "scorm2004", scorm);
  this.navigation = "";
}
installLmsCalls(Scorm2004Adapter.prototype, { initialize: "Initialize", getValue: "GetValue", setValue: "SetValue",
                                              lastError: "GetLastError", errorString: "GetErrorString" });

Scorm2004Adapter.find = function (scorm) {
  var api = findLmsApi("API_1484_11");
  return api && typeof api.Initialize === "function" ? new Scorm2004Adapter(api, scorm) : null;
};

/* Location and state are read only on a resumed attempt: reading them unset is an error in 2004. */
Scorm2004Adapter.prototype.resumed = function () {
  var entry = this.get("cmi.entry");
  if (entry !== "resume") return { entry: entry, location: "", suspendData: "" };
  return { entry: entry, location: this.get("cmi.location"), suspendData: this.get("cmi.suspend_data") };
};

Scorm2004Adapter.prototype.begin = function () {
  var status = this.get("cmi.completion_status");
  if (status !== "completed" && status !== "incomplete") this.set("cmi.completion_status", "incomplete");
};

Scorm2004Adapter.prototype.save = function (location, suspendData, progress) {
  var saved = this.set("cmi.location", location) && this.set("cmi.suspend_data", suspendData);
  if (progress !== undefined) this.set("cmi.progress_measure", progress.toFixed(4).replace(/\.?0+$/, "") || "0");
  return saved;
};

/* Every lesson viewed: complete, whether or not the module is scored (success comes from the quiz). */
Scorm2004Adapter.prototype.allLessonsViewed = function () {
  return this.get("cmi.completion_status") !== "completed" && this.set("cmi.completion_status", "completed");
};

Scorm2004Adapter.prototype.masteryScore = function () {
  var value = this.get("cmi.scaled_passing_score");
  return value === "" || !isFinite(parseFloat(value)) ? null : Math.round(parseFloat(value) * 10000) / 100;
};

Scorm2004Adapter.prototype.reportScore = function (raw, passed) {
  this.set("cmi.score.min", "0");
  this.set("cmi.score.max", "100");
  this.set("cmi.score.raw", String(raw));
  this.set("cmi.score.scaled", String(Math.round(raw * 100) / 10000));
  this.set("cmi.success_status", passed ? "passed" : "failed");
};

Scorm2004Adapter.prototype.recordInteraction = function (i) {
  var n = parseInt(this.get("cmi.interactions._count"), 10) || 0, prefix = "cmi.interactions." + n + ".";
  var type = this.interactionType(i.kind);
  this.set(prefix + "id", i.id);
  this.set(prefix + "type", type);
  this.set(prefix + "timestamp", isoTimestamp(i.time));
  this.set(prefix + "weighting", String(i.weighting));
  this.set(prefix + "learner_response", this.response(i.response, type));
  if (i.correct) this.set(prefix + "correct_responses.0.pattern", this.response(i.correct, type));
  this.set(prefix + "result", i.percent === null ? "neutral" : i.percent >= 100 ? "correct" : i.percent <= 0 ? "incorrect" : String(i.percent));
  this.set(prefix + "latency", isoDuration(i.latency));
  if (i.description) this.set(prefix + "description", i.description.slice(0, this.scorm.descriptionLimit));
};

Scorm2004Adapter.prototype.recordObjective = function (o) {
  var count = parseInt(this.get("cmi.objectives._count"), 10) || 0, n = count;
  for (var i = 0; i < count; i++) if (this.get("cmi.objectives." + i + ".id") === o.id) n = i;
  var prefix = "cmi.objectives." + n + ".";
  this.set(prefix + "id", o.id);
  this.set(prefix + "score.min", "0");
  this.set(prefix + "score.max", "100");
  this.set(prefix + "score.raw", String(o.raw));
  this.set(prefix + "score.scaled", String(Math.round(o.raw * 100) / 10000));
  this.set(prefix + "success_status", o.passed ? "passed" : "failed");
  this.set(prefix + "completion_status", "completed");
};

Scorm2004Adapter.prototype.commit = function () {
  return this.call("Commit", "") === "true";
};

/* Ask the LMS to move on (a course package's next module), if it says the request is valid now. */
Scorm2004Adapter.prototype.canNavigate = function (request) {
  return this.initialized && !this.finished && this.get("adl.nav.request_valid." + request) === "true";
};

Scorm2004Adapter.prototype.navigate = function (request) {
  this.navigation = request;
};

Scorm2004Adapter.prototype.finish = function (finished) {
  if (this.finished || !this.initialized) return;
  this.finished = true;
  this.set("cmi.exit", finished ? "normal" : "suspend");
  this.set("cmi.session_time", isoDuration(Date.now() - this.started));
  if (this.navigation) this.set("adl.nav.request", this.navigation);
  this.call("Terminate", "");
};

Scorm2004Adapter.prototype.learnerId = function () {
  return this.get("cmi.learner_id");
};

/* Milliseconds as an ISO 8601 duration, the SCORM 2004 timeinterval: PT1H2M3.45S */
function isoDuration(ms) {
  var cs = Math.max(0, Math.round(ms / 10));
  var hours = Math.floor(cs / 360000), minutes = Math.floor(cs / 6000) % 60, seconds = (cs % 6000) / 100;
  return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + seconds + "S";
}

function isoTimestamp(date) {
  return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" + pad(date.getDate(), 2) + "T" +
    pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
}

/* The bundle holds one LMS adapter; the player asks for it by this name. */
var LmsAdapter = Scorm2004Adapter;
