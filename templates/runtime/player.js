/* The player: one page holds every lesson of the module; this shows one at a time, tracks which
   were viewed, bookmarks the current one, offers to resume, and reports to the LMS through the
   adapter. Everything it does on an event goes through guard(): nothing ever throws into the page. */
function Player(config, adapter) {
  this.config = config;
  this.adapter = adapter;
  this.lessons = config.lessons;
  this.sections = this.lessons.map(function (lesson) { return document.getElementById("lesson-" + lesson.id); });
  this.links = Array.prototype.slice.call(document.querySelectorAll("#ck-nav a[data-lesson]"));
  this.current = -1;
  this.questionCount = config.quiz ? config.quiz.questions.length : 0;
  this.state = emptyState(this.lessons.length, this.questionCount);
  this.quiz = null;
  this.completedReported = false;
  this.dirty = false;       // saved to the adapter since the last commit
  this.failedCommits = 0;
  this.retry = null;
  this.backup = null;
  this.bookmark = -1;       // the saved lesson, kept as the location until the learner moves
  this.finished = false;    // set once, when the module closes
}

var COMMIT_RETRY_SECONDS = [1, 2, 4, 8];

Player.prototype.start = function () {
  document.body.classList.add("ck-js");
  var resumed = this.adapter.resumed();
  this.state = this.decode(resumed.suspendData);
  var lmsBest = this.state.quiz ? this.state.quiz.best : null;
  if (this.adapter.kind !== "standalone") {
    var player = this;
    this.backup = new StateBackup(this.config.storageKey + ":" + this.adapter.learnerId(), function (encoded) { player.merge(encoded); });
    mergeState(this.state, this.decode(this.backup.read()));
  }
  this.adapter.begin();
  this.completedReported = this.allViewed();
  if (this.config.quiz) {
    this.quiz = new Quiz(this.config.quiz, this);
    this.quiz.start();
    // A result only this browser kept (the LMS lost a commit): report it again.
    if (this.state.quiz.best !== null && (lmsBest === null || this.state.quiz.best > lmsBest)) this.quiz.reportAgain();
  }
  var saved = this.indexOf(resumed.location);
  this.bindControls();
  // Until the returning learner moves, the saved lesson stays the bookmark: opening and closing the
  // module must never lose where they were.
  if (saved > 0) this.bookmark = saved;
  this.show(0, false);
  if (saved > 0) this.offerResume(saved);
  if (this.adapter.kind === "standalone") this.say(this.config.messages["status.standalone"]);
};

Player.prototype.decode = function (encoded) {
  return decodeState(encoded, this.lessons.length, this.questionCount, this.config.lessonsHash);
};

/* Another tab of the same module saved its state: keep whatever it achieved. */
Player.prototype.merge = function (encoded) {
  mergeState(this.state, this.decode(encoded));
  this.renderNavigation();
};

Player.prototype.indexOf = function (lessonId) {
  for (var i = 0; i < this.lessons.length; i++) if (this.lessons[i].id === lessonId) return i;
  return -1;
};

Player.prototype.bindControls = function () {
  var player = this;
  document.getElementById("ck-prev").addEventListener("click", guard(function () { player.go(player.current - 1, true); }));
  document.getElementById("ck-next").addEventListener("click", guard(function () {
    if (player.current === player.lessons.length - 1) { player.moved(); player.showSummary(); }
    else player.go(player.current + 1, true);
  }));
  document.addEventListener("click", guard(function (event) { player.followLessonLink(event); }));
  var menu = document.getElementById("ck-menu");
  menu.hidden = false;
  menu.addEventListener("click", guard(function () {
    var open = menu.getAttribute("aria-expanded") !== "true";
    menu.setAttribute("aria-expanded", String(open));
    document.body.classList.toggle("ck-nav-open", open);
  }));
  document.querySelector(".ck-pager").hidden = false;
  document.querySelector(".ck-progress").hidden = false;
};

/* Links to a lesson (the list, or a cross-reference in the text) change lesson inside the page. */
Player.prototype.followLessonLink = function (event) {
  var link = event.target && event.target.closest ? event.target.closest("a[data-lesson]") : null;
  if (!link) return;
  var index = this.indexOf(link.getAttribute("data-lesson"));
  if (index < 0) return;
  event.preventDefault();
  var fragment = link.getAttribute("href").slice(1);
  var target = fragment.indexOf("lesson-") === 0 ? null : document.getElementById(fragment);
  this.go(index, !target);
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
  document.body.classList.remove("ck-nav-open");
  document.getElementById("ck-menu").setAttribute("aria-expanded", "false");
};

/* The learner chose where to go: from now on the location follows them. */
Player.prototype.go = function (index, moveFocus) {
  this.moved();
  this.show(index, moveFocus);
};

Player.prototype.moved = function () {
  this.bookmark = -1;
  document.getElementById("ck-resume").hidden = true;
};

Player.prototype.show = function (index, moveFocus) {
  if (index < 0 || index >= this.lessons.length) return;
  this.current = index;
  for (var i = 0; i < this.sections.length; i++) this.sections[i].hidden = i !== index;
  document.getElementById("ck-complete").hidden = true;
  this.state.visited[index] = true;
  this.renderNavigation();
  var heading = this.sections[index].querySelector(".ck-lesson-title");
  if (moveFocus) {
    window.scrollTo(0, 0);
    heading.focus();
  }
  this.markScrollables();
  this.saveState();
  if (this.quiz && this.lessons[index].id === this.config.quiz.lesson) this.quiz.shown();
  if (!this.completedReported && this.allViewed()) this.reportCompleted();
};

/* After the last lesson: where the learner stands, and what is left to do, if anything. */
Player.prototype.showSummary = function () {
  var messages = this.config.messages, viewed = this.state.visited.filter(Boolean).length, total = this.lessons.length;
  var quiz = this.quiz, done = this.scored() ? quiz.finished() : this.allViewed(), lines = [];
  if (quiz && this.scored() && quiz.state.best !== null) {
    lines.push(format(messages[quiz.passed() ? "complete.passed" : "complete.best"], { score: quiz.state.best }));
  }
  if (!done && this.scored() && !quiz.passed()) lines.push(format(messages["progress.quiz-pending"], { mastery: quiz.mastery() }));
  if (viewed < total) lines.push(format(messages["progress.lessons-left"], { done: viewed, total: total }));
  if (done) lines.push(messages["complete.body"]);
  for (var i = 0; i < this.sections.length; i++) this.sections[i].hidden = true;
  this.links.forEach(function (link) { link.removeAttribute("aria-current"); });
  document.getElementById("ck-complete").hidden = false;
  document.getElementById("ck-complete-title").textContent = messages[done ? "complete.title" : "progress.title"];
  document.getElementById("ck-complete-text").textContent = lines.join(" ");
  document.getElementById("ck-next").disabled = true;
  window.scrollTo(0, 0);
  document.getElementById("ck-complete-title").focus();
};

/* Tables, formulas and code wider than the column scroll: keyboard users must be able to reach them. */
Player.prototype.markScrollables = function () {
  var section = this.sections[this.current];
  Array.prototype.forEach.call(section.querySelectorAll("table, pre, .formula"), function (box) {
    if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
    else box.removeAttribute("tabindex");
  });
};

Player.prototype.renderNavigation = function () {
  var messages = this.config.messages, total = this.lessons.length, current = this.current;
  var viewed = this.state.visited.filter(Boolean).length;
  var player = this;
  this.links.forEach(function (link, i) {
    var visited = player.state.visited[i];
    link.classList.toggle("ck-visited", visited);
    if (i === current) link.setAttribute("aria-current", "step");
    else link.removeAttribute("aria-current");
    link.querySelector(".ck-state").textContent = i === current ? " " + messages["page.current"] : (visited ? " " + messages["page.visited"] : "");
  });
  document.getElementById("ck-prev").disabled = current === 0;
  document.getElementById("ck-next").textContent = messages[current === total - 1 ? "page.finish" : "page.next"];
  document.getElementById("ck-position").textContent = format(messages["page.position"], { n: current + 1, total: total });
  document.getElementById("ck-progress").value = viewed;
  document.getElementById("ck-progress-text").textContent = format(messages["page.progress"], { done: viewed, total: total });
};

Player.prototype.offerResume = function (saved) {
  var player = this, box = document.getElementById("ck-resume");
  document.getElementById("ck-resume-text").textContent = format(this.config.messages["resume.prompt"], { title: this.lessons[saved].title });
  box.hidden = false;
  box.addEventListener("click", guard(function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("data-action");
    if (!action) return;
    player.go(action === "resume" ? saved : 0, true);
  }));
};

/* Location and state to the adapter (not committed: commits happen at meaningful points). */
Player.prototype.saveState = function () {
  var encoded = encodeState(this.state, this.config.lessonsHash);
  if (encoded.length > this.adapter.stateLimit() && this.state.quiz) {
    // The build checks the worst case fits; should an LMS allow less, keep progress, drop the draft answers.
    var draft = this.state.quiz.answers;
    this.state.quiz.answers = draft.map(function () { return ""; });
    encoded = encodeState(this.state, this.config.lessonsHash);
    this.state.quiz.answers = draft;
  }
  var viewed = this.state.visited.filter(Boolean).length;
  var location = this.bookmark >= 0 ? this.bookmark : Math.max(this.current, 0);
  this.adapter.save(this.lessons[location].id, encoded, viewed / this.lessons.length);
  if (this.backup) this.backup.write(encoded);
  this.dirty = true;
};

Player.prototype.scored = function () {
  return Boolean(this.config.quiz && this.config.quiz.scored);
};

/* Called when the quiz has a new result: the module may now be finished. */
Player.prototype.quizChanged = function () {
  this.renderNavigation();
};

Player.prototype.allViewed = function () {
  return this.state.visited.every(Boolean);
};

Player.prototype.reportCompleted = function () {
  this.completedReported = true;
  if (this.adapter.allLessonsViewed(this.scored())) this.commit();
  if (!this.scored()) this.say(this.config.messages["status.completed"]);
  this.offerNextModule();
};

/* In a SCORM 2004 course package the LMS can take the learner on to the next module, or, after the
   last one, close the whole course: offered only when the LMS says the request is valid now. */
Player.prototype.offerNextModule = function () {
  var button = document.getElementById("ck-continue"), player = this;
  var request = this.adapter.canNavigate("continue") ? "continue" : (this.adapter.canNavigate("exitAll") ? "exitAll" : "");
  if (!button || !button.hidden || !request) return;
  button.textContent = this.config.messages[request === "continue" ? "page.next-module" : "page.exit-course"];
  button.hidden = false;
  button.addEventListener("click", guard(function () {
    player.adapter.navigate(request);
    player.finish();
  }));
};

/* A failed commit is retried with growing pauses; only when every retry failed is the learner told.
   The values stay set in the LMS API and the state stays in the backup, so the next commit, or
   the LMS's own save when the module closes, still carries everything. */
Player.prototype.commit = function () {
  this.dirty = false;
  if (this.retry) window.clearTimeout(this.retry);
  this.retry = null;
  if (this.adapter.commit() || this.adapter.kind === "standalone") {
    if (this.failedCommits > COMMIT_RETRY_SECONDS.length) this.say(this.config.messages["status.saved-again"]);
    this.failedCommits = 0;
    return;
  }
  this.failedCommits += 1;
  if (this.failedCommits <= COMMIT_RETRY_SECONDS.length && !this.finished) {
    var player = this;
    this.retry = window.setTimeout(guard(function () { player.commit(); }), COMMIT_RETRY_SECONDS[this.failedCommits - 1] * 1000);
  } else {
    this.say(format(this.config.messages["status.lms-error"], { code: this.adapter.lastError() }));
  }
};

Player.prototype.finish = function () {
  if (this.finished) return;                       // pagehide and unload both come
  this.finished = true;
  if (this.retry) window.clearTimeout(this.retry);
  this.adapter.finish(this.scored() ? this.quiz.finished() : this.allViewed());
};

Player.prototype.say = function (message) {
  document.getElementById("ck-status").textContent = message;
};

function connectAdapter(config) {
  var lms = LmsAdapter.find(config.scorm);
  if (lms && lms.connect()) return lms;
  var standalone = new StandaloneAdapter(config.storageKey);
  standalone.connect();
  return standalone;
}

guard(function () {
  var config = JSON.parse(document.getElementById("ck-config").textContent);
  LOCALE = config.language;
  var player = new Player(config, connectAdapter(config));
  player.start();
  var leave = guard(function () { player.finish(); });
  window.addEventListener("pagehide", leave);
  window.addEventListener("resize", guard(function () { player.markScrollables(); }));
  window.addEventListener("unload", leave);
  document.addEventListener("visibilitychange", guard(function () {
    if (document.visibilityState === "hidden" && player.dirty && !player.finished) player.commit();
  }));
})();
