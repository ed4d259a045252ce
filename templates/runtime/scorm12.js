/* The SCORM 1.2 adapter. Every LMS call goes through call(), which never throws into the page.
   Interface shared with the other adapters:
     connect() -> bool                 LMSInitialize, once
     resumed() -> {location, suspendData, entry}
     begin()                           status "incomplete" unless already done (never "not attempted")
     save(location, suspendData, progress)   set, not committed; progress from 0 to 1
     allLessonsViewed(scored) -> bool  completion; true when something changed
     masteryScore() -> number|null     the pass mark the LMS sends, which wins over the package's
     reportScore(raw, passed)          score 0-100 and status passed/failed (scored modules)
     recordInteraction(i), recordObjective(o)
     stateLimit() -> number            characters of suspend_data the LMS must accept
     canNavigate(request), navigate(request)   SCORM 2004 navigation requests (continue)
     commit() -> bool
     finish(finished)                  exit, session_time, LMSFinish: exactly once
     learnerId() -> string             who is learning (keys the browser's backup of the state)
     lastError() -> string             for the learner-facing message */
function Scorm12Adapter(api, scorm) {
  initLmsAdapter(this, api, "scorm12", scorm);
}
installLmsCalls(Scorm12Adapter.prototype, { initialize: "LMSInitialize", getValue: "LMSGetValue", setValue: "LMSSetValue",
                                            lastError: "LMSGetLastError", errorString: "LMSGetErrorString" });

Scorm12Adapter.find = function (scorm) {
  var api = findLmsApi("API");
  return api && typeof api.LMSInitialize === "function" ? new Scorm12Adapter(api, scorm) : null;
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

Scorm12Adapter.prototype.save = function (location, suspendData) {      // 1.2 has no progress measure
  var savedLocation = this.set("cmi.core.lesson_location", location);
  return this.set("cmi.suspend_data", suspendData) && savedLocation;
};

/* Every lesson viewed. In 1.2 one status says it all: a scored module waits for its quiz. */
Scorm12Adapter.prototype.allLessonsViewed = function (scored) {
  var status = this.status();
  if (scored || status === "completed" || status === "passed") return false;
  return this.set("cmi.core.lesson_status", "completed");
};

Scorm12Adapter.prototype.masteryScore = function () {
  var value = this.get("cmi.student_data.mastery_score");
  return value === "" ? null : parseFloat(value);
};

/* Moodle grades from score.raw against 100; status passed/failed counts as done. */
Scorm12Adapter.prototype.reportScore = function (raw, passed) {
  this.set("cmi.core.score.min", "0");
  this.set("cmi.core.score.max", "100");
  this.set("cmi.core.score.raw", String(raw));
  this.set("cmi.core.lesson_status", passed ? "passed" : "failed");
};

Scorm12Adapter.prototype.recordInteraction = function (i) {
  var n = parseInt(this.get("cmi.interactions._count"), 10) || 0, prefix = "cmi.interactions." + n + ".";
  this.set(prefix + "id", i.id);
  var type = this.interactionType(i.kind);
  this.set(prefix + "type", type);
  this.set(prefix + "time", pad(i.time.getHours(), 2) + ":" + pad(i.time.getMinutes(), 2) + ":" + pad(i.time.getSeconds(), 2));
  this.set(prefix + "weighting", String(i.weighting));
  if (i.kind === "essay") this.recordEssay(prefix, i);
  else this.set(prefix + "student_response", this.response(i.response, type));
  if (i.correct) this.set(prefix + "correct_responses.0.pattern", this.response(i.correct, type));
  this.set(prefix + "result", i.percent === null ? "neutral" : i.percent >= 100 ? "correct" : i.percent <= 0 ? "wrong" : String(i.percent));
  this.set(prefix + "latency", scorm12Timespan(i.latency));
};

/* SCORM 1.2 has no long fill-in, and a teacher must be able to read every essay whole in Moodle.
   student_response takes the whole text where the LMS allows it (Moodle does without SCORM standards
   mode). Where it is refused as too long (CMIString255: Moodle with standards mode), the response is
   its beginning, marked cut with "…", and the whole text goes to cmi.comments, which Moodle shows whole
   in the attempt's track details. Both limits are the version table's: textLimit, scorm.commentLimit. */

Scorm12Adapter.prototype.recordEssay = function (prefix, i) {
  var text = String(i.response.text), error = this.error;
  var limit = this.textLimit(this.interactionType(i.kind));
  if (this.set(prefix + "student_response", text) || text.length <= limit) return;
  this.error = error;                                   // refused as too long: expected, and handled here
  this.set(prefix + "student_response", text.slice(0, limit - 1) + "\u2026");
  this.recordEssayComment(i.id, text);
};

/* Once per text: Moodle appends every value set to cmi.comments, and keeps it from one session to the next. */
Scorm12Adapter.prototype.recordEssayComment = function (id, text) {
  var entry = essayComment(id, text, this.scorm.commentLimit), error = this.error;
  if (this.get("cmi.comments").indexOf(entry) !== -1) return;
  if (!this.set("cmi.comments", entry)) this.error = error;      // a refusal here loses nothing the score needs
};

/* "[q08-risk] the text", then a blank line: one value of at most `limit` characters (CMIString4096). */
function essayComment(id, text, limit) {
  var head = "[" + id + "] ";
  return head + text.slice(0, limit - head.length - 2) + "\n\n";
}

Scorm12Adapter.prototype.recordObjective = function (o) {
  var count = parseInt(this.get("cmi.objectives._count"), 10) || 0, n = count;
  for (var i = 0; i < count; i++) if (this.get("cmi.objectives." + i + ".id") === o.id) n = i;
  var prefix = "cmi.objectives." + n + ".";
  this.set(prefix + "id", o.id);
  this.set(prefix + "score.min", "0");
  this.set(prefix + "score.max", "100");
  this.set(prefix + "score.raw", String(o.raw));
  this.set(prefix + "status", o.passed ? "passed" : "failed");
};

Scorm12Adapter.prototype.canNavigate = function () {
  return false;                                     // SCORM 1.2 has no navigation requests
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

Scorm12Adapter.prototype.learnerId = function () {
  return this.get("cmi.core.student_id");
};

/* The bundle holds one LMS adapter; the player asks for it by this name. */
var LmsAdapter = Scorm12Adapter;
