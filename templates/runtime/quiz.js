/* The quiz: draws and orders questions for an attempt, keeps answers in the learner state,
   grades on submit, shows feedback and results, and reports score, status, interactions and
   objectives through the adapter. Learner input is only ever read as text, never written as HTML. */
function Quiz(config, player) {
  this.config = config;
  this.player = player;
  this.adapter = player.adapter;
  this.state = player.state.quiz;
  this.keys = {};
  this.confirming = false;
  this.messages = player.config.messages;
  this.questions = config.questions.map(function (q, index) {
    return { id: q.id, kind: q.kind, points: q.points, category: q.category, index: index,
             element: document.getElementById("q-" + q.id), active: true, started: 0, changed: 0 };
  });
  // Shuffles start from the source order every time, so a seed always gives the same attempt.
  this.questions.forEach(function (q) {
    q.element.setAttribute("data-order", q.index);
    Array.prototype.forEach.call(q.element.querySelectorAll(".ck-choice input, select.ck-blank option"), function (control) {
      (control.tagName === "OPTION" ? control : control.parentNode).setAttribute("data-order", control.value || "-1");
    });
  });
}

Quiz.prototype.start = function () {
  var quiz = this;
  this.lmsMastery = this.adapter.masteryScore();   // read once: the LMS's pass mark does not change
  if (!this.state.seed) this.state.seed = newSeed();
  this.arrange();
  this.questions.forEach(function (q) { quiz.writeAnswer(q, quiz.state.answers[q.index]); });
  var container = document.getElementById("lesson-" + this.config.lesson);
  container.addEventListener("change", guard(function (event) { quiz.changed(event); }));
  container.addEventListener("input", guard(function (event) { quiz.changed(event); }));
  container.addEventListener("click", guard(function (event) {
    if (event.target.classList && event.target.classList.contains("ck-check")) quiz.check(quiz.questionOf(event.target));
  }));
  byId("ck-quiz-submit").addEventListener("click", guard(function () { quiz.submit(); }));
  byId("ck-quiz-retry").addEventListener("click", guard(function () { quiz.retry(); }));
  this.questions.forEach(function (q) { if (quiz.state.checked[q.index]) quiz.showFeedback(q, false); });
  if (this.state.submitted) this.showResults(false);
  else this.renderInfo();
};

/* Which questions this attempt shows, in which order, with which order of answers: all from the seed. */
Quiz.prototype.arrange = function () {
  var random = mulberry32(this.state.seed), config = this.config, quiz = this;
  var drawn = drawQuestions(this.questions, config.draw, random);
  this.questions.forEach(function (q) { q.active = drawn[q.index]; q.element.hidden = !q.active; });
  if (config.shuffleQuestions) shuffleSiblings(this.questions.map(function (q) { return q.element; }), random);
  this.questions.forEach(function (q) { if (config.shuffleAnswers) shuffleAnswers(q, random); });
  var numbered = this.activeQuestions().filter(function (q) { return q.kind !== "description"; });
  numbered.sort(function (a, b) { return a.element.compareDocumentPosition(b.element) & 2 ? 1 : -1; });
  numbered.forEach(function (q, i) {
    q.element.querySelector(".ck-q-number").textContent = format(quiz.messages["quiz.number"], { n: i + 1, total: numbered.length });
  });
};

Quiz.prototype.activeQuestions = function () {
  return this.questions.filter(function (q) { return q.active; });
};

Quiz.prototype.questionOf = function (node) {
  var element = node.closest ? node.closest(".ck-question") : null;
  for (var i = 0; element && i < this.questions.length; i++) if (this.questions[i].element === element) return this.questions[i];
  return null;
};

Quiz.prototype.key = function (q) {
  return this.keys[q.id] || (this.keys[q.id] = unseal(this.config.salt, q.id, this.config.questions[q.index].key));
};

Quiz.prototype.shown = function () {
  var now = Date.now();
  this.questions.forEach(function (q) { if (!q.started) q.started = now; });
};

Quiz.prototype.changed = function (event) {
  var q = this.questionOf(event.target);
  if (!q || this.state.submitted || this.state.checked[q.index]) return;
  this.state.answers[q.index] = this.readAnswer(q);
  q.changed = Date.now();
  if (this.confirming) this.renderInfo();
  this.confirming = false;
  this.player.saveState();
};

Quiz.prototype.readAnswer = function (q) {
  var inputs = q.element.querySelectorAll(".ck-input, input[type=radio], input[type=checkbox]");
  if (q.kind === "multiple_response") {
    return bitsToHex(Array.prototype.map.call(inputs, function (_, i) { return q.element.querySelector("input[value='" + i + "']").checked; }));
  }
  if (q.kind === "matching") {
    return Array.prototype.map.call(inputs, function (select) { return select.value === "" ? "-" : DIGITS36.charAt(+select.value); }).join("");
  }
  if (q.kind === "multiple_choice" || q.kind === "true_false") {
    var chosen = q.element.querySelector("input:checked, select");
    return chosen && chosen.value !== "" ? DIGITS36.charAt(+chosen.value) : "";
  }
  return inputs.length ? inputs[0].value : "";
};

Quiz.prototype.writeAnswer = function (q, answer) {
  var element = q.element;
  if (q.kind === "multiple_response") {
    var bits = hexToBits(answer, element.querySelectorAll("input").length);
    bits.forEach(function (on, i) { element.querySelector("input[value='" + i + "']").checked = on; });
  } else if (q.kind === "matching") {
    Array.prototype.forEach.call(element.querySelectorAll("select"), function (select, i) {
      var c = answer.charAt(i);
      select.value = c && c !== "-" ? String(parseInt(c, 36)) : "";
    });
  } else if (q.kind === "multiple_choice" || q.kind === "true_false") {
    var value = answer === "" ? "" : String(parseInt(answer, 36));
    Array.prototype.forEach.call(element.querySelectorAll("input"), function (input) { input.checked = input.value === value; });
    var select = element.querySelector("select");
    if (select) select.value = value;
  } else {
    var input = element.querySelector(".ck-input");
    if (input) input.value = answer;
  }
};

Quiz.prototype.grade = function (q) {
  return gradeAnswer(q.kind, this.key(q), this.state.answers[q.index]);
};

/* Immediate feedback: the answer is final once checked. */
Quiz.prototype.check = function (q) {
  if (!q || this.state.submitted) return;
  this.state.answers[q.index] = this.readAnswer(q);
  this.state.checked[q.index] = true;
  this.showFeedback(q, true);
  this.player.saveState();
};

Quiz.prototype.submit = function () {
  if (this.state.submitted || !this.attemptsLeft()) return;
  var quiz = this, active = this.activeQuestions();
  active.forEach(function (q) { quiz.state.answers[q.index] = quiz.readAnswer(q); });
  var unanswered = active.filter(function (q) { return q.kind !== "description" && !quiz.grade(q).answered; });
  if (unanswered.length && !this.confirming) {
    this.confirming = true;
    byId("ck-quiz-info").textContent = format(this.messages["quiz.unanswered"], { count: unanswered.length });
    return;
  }
  this.confirming = false;
  var score = this.score(active);
  this.state.attempts += 1;
  this.state.scores = this.state.scores.concat([score]).slice(-SCORES_KEPT);
  this.state.best = this.state.best === null ? score : Math.max(this.state.best, score);
  this.state.submitted = true;
  this.report(active, score);
  this.showResults(true);
};

Quiz.prototype.reportAgain = function () {
  this.adapter.reportScore(this.state.best, this.passed());
  this.player.saveState();
  this.player.commit();
};

Quiz.prototype.score = function (active) {
  var quiz = this, earned = 0, possible = 0;
  active.forEach(function (q) {
    var result = quiz.grade(q);
    if (result.percent === null || q.kind === "description") return;
    possible += q.points;
    earned += q.points * Math.max(0, result.percent) / 100;
  });
  return possible ? Math.round(10000 * earned / possible) / 100 : 0;
};

Quiz.prototype.mastery = function () {
  return this.lmsMastery !== null && isFinite(this.lmsMastery) ? this.lmsMastery : this.config.mastery;
};

Quiz.prototype.passed = function () {
  return this.state.best !== null && this.state.best >= this.mastery();
};

Quiz.prototype.attemptsLeft = function () {
  return !this.config.attempts || this.state.attempts < this.config.attempts;
};

Quiz.prototype.finished = function () {
  return this.passed() || (this.state.submitted && !this.attemptsLeft());
};

/* What Moodle records: the best score and status, one interaction per answered question, objectives. */
Quiz.prototype.report = function (active, score) {
  var quiz = this, now = new Date();
  this.adapter.reportScore(this.state.best, this.passed());
  active.forEach(function (q) {
    if (q.kind === "description") return;
    var result = quiz.grade(q), key = quiz.key(q);
    if (!result.answered) return;
    quiz.adapter.recordInteraction({
      id: q.id, kind: q.kind, weighting: q.points, time: now, percent: result.percent,
      response: responseParts(q.kind, quiz.state.answers[q.index], key), correct: correctParts(q.kind, key),
      description: q.element.querySelector(".ck-q-text").textContent.replace(/\s+/g, " ").trim(),
      latency: q.changed && q.started ? q.changed - q.started : 0
    });
  });
  (this.config.objectives || []).forEach(function (objective) {
    var members = active.filter(function (q) { return objective.questions.indexOf(q.index) >= 0; });
    if (!members.length) return;
    var raw = quiz.score(members);
    quiz.adapter.recordObjective({ id: objective.id, raw: raw, passed: raw >= quiz.mastery() });
  });
  this.player.saveState();
  this.player.commit();
  this.player.say(this.messages["status.quiz-saved"]);
};
