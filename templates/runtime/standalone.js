/* No LMS: the module still works, and progress is kept in this browser's localStorage
   (when the browser allows it; otherwise for this visit only). Same interface as the LMS adapters. */
function StandaloneAdapter(storageKey) {
  this.kind = "standalone";
  this.key = "coursekit:" + storageKey;
  this.data = { location: "", suspendData: "", status: "" };
  this.finished = false;
}

StandaloneAdapter.prototype.connect = function () {
  try {
    var stored = JSON.parse(window.localStorage.getItem(this.key) || "null");
    if (stored && typeof stored === "object") {
      this.data.location = typeof stored.location === "string" ? stored.location : "";
      this.data.suspendData = typeof stored.suspendData === "string" ? stored.suspendData : "";
      this.data.status = typeof stored.status === "string" ? stored.status : "";
    }
  } catch (error) { /* storage disabled or corrupted: start fresh */ }
  return true;
};

StandaloneAdapter.prototype.resumed = function () {
  return { entry: this.data.location ? "resume" : "ab-initio", location: this.data.location, suspendData: this.data.suspendData };
};

StandaloneAdapter.prototype.begin = function () {
  if (!this.data.status) this.data.status = "incomplete";
};

StandaloneAdapter.prototype.save = function (location, suspendData) {
  this.data.location = location;
  this.data.suspendData = suspendData;
  return true;
};

StandaloneAdapter.prototype.allLessonsViewed = function (scored) {
  if (scored || this.data.status === "completed") return false;
  this.data.status = "completed";
  return true;
};

StandaloneAdapter.prototype.canNavigate = function () {
  return false;
};

StandaloneAdapter.prototype.masteryScore = function () {
  return null;
};

StandaloneAdapter.prototype.reportScore = function (raw, passed) {
  this.data.score = raw;
  this.data.status = passed ? "passed" : "failed";
};

StandaloneAdapter.prototype.recordInteraction = function () {};

StandaloneAdapter.prototype.recordObjective = function () {};

StandaloneAdapter.prototype.stateLimit = function () {
  return 65536;
};

StandaloneAdapter.prototype.commit = function () {
  try {
    window.localStorage.setItem(this.key, JSON.stringify(this.data));
    return true;
  } catch (error) {
    return false;
  }
};

StandaloneAdapter.prototype.finish = function () {
  if (this.finished) return;
  this.finished = true;
  this.commit();
};

StandaloneAdapter.prototype.lastError = function () {
  return "";
};
