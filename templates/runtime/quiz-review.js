/* The quiz, continued: feedback on each question, the results summary, retries, and the seeded
   draw and shuffles that make an attempt (the same seed always gives the same attempt). */
Quiz.prototype.showFeedback = function (q, announce) {
  var result = this.grade(q), box = q.element.querySelector(".ck-q-feedback"), key = this.key(q);   // an essay's key holds its general feedback
  var verdict = result.percent === null ? "not-graded" : result.percent >= 100 ? "correct" : result.percent > 0 ? "partly-correct" : "incorrect";
  box.textContent = "";
  var label = appendElement(box, "p", "ck-verdict ck-" + verdict);
  label.textContent = this.messages["quiz." + verdict];
  result.feedback.concat([key.general]).forEach(function (html) {
    if (html) appendElement(box, "div", "ck-feedback-text").innerHTML = html;    // the author's own feedback
  });
  var answer = this.showsCorrectAnswers() && verdict !== "correct" && q.kind !== "essay" ? this.correctAnswerText(q, key) : "";
  if (answer) appendElement(box, "p", "ck-correct-answer").textContent = format(this.messages["quiz.correct-answer"], { answer: answer });
  box.hidden = false;
  if (announce) box.setAttribute("role", "status");
  q.element.setAttribute("data-verdict", verdict);
  Array.prototype.forEach.call(q.element.querySelectorAll("input, select, textarea, .ck-check"), function (control) { control.disabled = true; });
};

Quiz.prototype.showsCorrectAnswers = function () {
  var when = this.config.showCorrect;
  return when === "after_attempt" || (when === "after_passing" && this.passed());
};

Quiz.prototype.correctAnswerText = function (q, key) {
  var element = q.element, locale = this.player.config.language;
  var choiceText = function (i) {
    var input = element.querySelector("input[value='" + i + "']"), option = element.querySelector("option[value='" + i + "']");
    return input ? input.parentNode.textContent.trim() : option ? option.textContent : "";
  };
  var separator = this.messages["quiz.list-separator"];
  if (q.kind === "multiple_response") return key.choices.map(function (c, i) { return c.credit > 0 ? choiceText(i) : ""; }).filter(Boolean).join(separator);
  if (key.choices) return choiceText(indexOfBest(key.choices));
  if (key.texts) return key.texts[indexOfBest(key.texts)].text;
  if (key.ranges) {
    var range = key.ranges[indexOfBest(key.ranges)];       // as Moodle shows it: the value, not the tolerance
    return number((range.min + range.max) / 2, locale);
  }
  if (key.matches) {
    var selects = element.querySelectorAll("select"), pair = this.messages["quiz.match-pair"];
    return key.matches.map(function (option, i) {
      return format(pair, { prompt: element.querySelector("label[for='" + selects[i].id + "']").textContent.trim(),
                            answer: selects[i].options[option + 1].textContent });
    }).join(separator);
  }
  return "";
};

Quiz.prototype.showResults = function (focus) {
  var quiz = this, messages = this.messages, box = byId("ck-quiz-result");
  this.activeQuestions().forEach(function (q) { if (q.kind !== "description") quiz.showFeedback(q, false); });
  box.textContent = "";
  var last = this.state.scores.length ? this.state.scores[this.state.scores.length - 1] : this.state.best;
  var heading = appendElement(box, "p", "ck-score");
  heading.textContent = format(messages["quiz.score"], { score: last });
  var status = appendElement(box, "p", "ck-outcome " + (this.passed() ? "ck-passed" : "ck-failed"));
  status.textContent = (this.passed() ? messages["quiz.passed"] : messages["quiz.failed"]) + " · " +
    format(messages["quiz.info"], { mastery: this.mastery() });
  if (this.state.attempts > 1) appendElement(box, "p").textContent = format(messages["quiz.best"], { score: this.state.best });
  if (!this.attemptsLeft()) appendElement(box, "p").textContent = messages["quiz.no-attempts-left"];
  this.renderReview(box);
  box.hidden = false;
  byId("ck-quiz-submit").hidden = true;
  byId("ck-quiz-retry").hidden = !this.attemptsLeft();
  byId("ck-quiz-info").textContent = "";
  if (focus) box.focus();
  this.player.quizChanged();
};

Quiz.prototype.renderReview = function (box) {
  var messages = this.messages;
  appendElement(box, "p", "ck-review-title").textContent = messages["quiz.review"];
  var list = appendElement(box, "ul", "ck-review");
  this.activeQuestions().filter(function (q) { return q.kind !== "description"; }).forEach(function (q) {
    var link = appendElement(appendElement(list, "li"), "a");
    link.href = "#" + q.element.id;
    link.textContent = format(messages["quiz.review-item"], { question: q.element.querySelector(".ck-q-number").textContent,
                                                              verdict: messages["quiz." + q.element.getAttribute("data-verdict")] });
  });
};

Quiz.prototype.retry = function () {
  if (!this.attemptsLeft()) return;
  var state = this.state;
  state.seed = newSeed();
  state.submitted = false;
  state.answers = state.answers.map(function () { return ""; });
  state.checked = state.checked.map(function () { return false; });
  var quiz = this, now = Date.now();
  this.questions.forEach(function (q) {
    q.started = now;
    q.changed = 0;
    q.element.removeAttribute("data-verdict");
    var box = q.element.querySelector(".ck-q-feedback");
    box.hidden = true;
    box.textContent = "";
    Array.prototype.forEach.call(q.element.querySelectorAll("input, select, textarea, .ck-check"), function (control) { control.disabled = false; });
    quiz.writeAnswer(q, "");
  });
  this.arrange();
  byId("ck-quiz-result").hidden = true;
  byId("ck-quiz-retry").hidden = true;
  byId("ck-quiz-submit").hidden = false;
  this.renderInfo();
  this.player.saveState();
  var first = this.activeQuestions()[0];
  if (first) {
    var text = first.element.querySelector(".ck-q-text");
    text.setAttribute("tabindex", "-1");
    text.focus();
  }
};

Quiz.prototype.renderInfo = function () {
  var text = format(this.messages["quiz.info"], { mastery: this.mastery() });
  if (this.config.attempts) text += " " + format(this.messages["quiz.info-attempts"], { n: this.state.attempts + 1, max: this.config.attempts });
  byId("ck-quiz-info").textContent = text;
};

function drawQuestions(questions, rules, random) {
  var drawn = questions.map(function (q) { return !rules.length || !isGradedKind(q.kind); });
  rules.forEach(function (rule) {
    var pool = questions.filter(function (q) { return !drawn[q.index] && isGradedKind(q.kind) && (rule.category === null || q.category === rule.category); });
    shuffle(pool, random).slice(0, rule.count).forEach(function (q) { drawn[q.index] = true; });
  });
  return drawn;
}

function isGradedKind(kind) {
  return kind !== "description" && kind !== "essay";
}

function shuffleAnswers(q, random) {
  if (q.kind === "true_false" || q.kind === "matching") return;
  var labels = q.element.querySelectorAll(".ck-choice"), select = q.element.querySelector("select.ck-blank");
  if (labels.length) shuffleSiblings(Array.prototype.slice.call(labels), random);
  if (select) shuffleSiblings(Array.prototype.slice.call(select.options, 1), random);
}

/* Reorders elements among the places they already hold (each stays with its own parent). */
function shuffleSiblings(elements, random) {
  var groups = [];
  elements.forEach(function (element) {
    var group = groups.filter(function (g) { return g.parent === element.parentNode; })[0];
    if (!group) groups.push(group = { parent: element.parentNode, members: [] });
    group.members.push(element);
  });
  groups.forEach(function (group) {
    var marker = document.createComment("");
    group.parent.insertBefore(marker, group.members[0]);
    var order = shuffle(group.members.slice().sort(function (a, b) { return (+a.getAttribute("data-order") || 0) - (+b.getAttribute("data-order") || 0); }), random);
    order.forEach(function (element) { group.parent.insertBefore(element, marker); });
    group.parent.removeChild(marker);
  });
}

function shuffle(list, random) {
  for (var i = list.length - 1; i > 0; i--) {
    var j = Math.floor(random() * (i + 1)), swap = list[i];
    list[i] = list[j];
    list[j] = swap;
  }
  return list;
}

/* A small seeded generator: an attempt's draw and shuffles are reproducible from its seed. */
function mulberry32(seed) {
  return function () {
    seed = seed + 0x6d2b79f5 | 0;
    var t = Math.imul(seed ^ seed >>> 15, 1 | seed);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

function newSeed() {
  return (Math.floor(Math.random() * 4294967295) >>> 0) || 1;
}
