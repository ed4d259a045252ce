/* Grading: a question's answer (as the state stores it) and its unsealed key → credit, feedback,
   and the response as structured parts for the adapters. Pure functions: no DOM, no LMS.
   The key has the named fields of CONTRACT.answerKey (builder/contract.py, AnswerKey):
   general, choices [{credit, feedback}], texts [{text, credit, feedback}],
   ranges [{min, max, credit, feedback}] (min null: any other number), matches [option of each prompt]. */

function gradeAnswer(kind, key, answer) {
  if (kind === "essay") return { percent: null, feedback: [], answered: answer.trim() !== "" };
  if (kind === "description") return { percent: null, feedback: [], answered: false };
  if (!answer) return { percent: 0, feedback: [], answered: false };
  if (kind === "multiple_choice" || kind === "true_false") {
    var choice = key.choices[parseInt(answer, 36)] || { credit: 0 };
    return { percent: choice.credit, feedback: [feedbackOf(choice)], answered: true };
  }
  if (kind === "multiple_response") {
    var selected = hexToBits(answer, key.choices.length), total = 0, notes = [];
    key.choices.forEach(function (c, i) { if (selected[i]) { total += c.credit; notes.push(feedbackOf(c)); } });
    return { percent: Math.max(0, Math.min(100, total)), feedback: notes, answered: selected.some(Boolean) };
  }
  if (kind === "short_answer") return bestOf(key.texts, function (a) { return textMatches(a.text, answer); });
  if (kind === "numerical") {
    var number = parseNumber(answer);
    return bestOf(key.ranges, function (a) { return a.min === null || (isFinite(number) && a.min <= number && number <= a.max); });
  }
  if (kind === "matching") {
    var right = 0;
    key.matches.forEach(function (option, i) { if (parseInt(answer.charAt(i), 36) === option) right++; });
    return { percent: Math.round(10000 * right / key.matches.length) / 100, feedback: [], answered: /[0-9a-z]/.test(answer) };
  }
  return { percent: null, feedback: [], answered: false };
}

function feedbackOf(answer) {
  return answer.feedback === undefined ? null : answer.feedback;
}

function bestOf(answers, accepts) {
  var best = { percent: 0, feedback: [], answered: true };
  (answers || []).forEach(function (a) {
    if (accepts(a) && (a.credit > best.percent || !best.feedback.length)) best = { percent: a.credit, feedback: [feedbackOf(a)], answered: true };
  });
  return best;
}

/* As Moodle's short answer: case-insensitive, surrounding spaces ignored, "*" matches anything. */
function textMatches(accepted, given) {
  var pattern = normalise(accepted).split("*").map(function (part) { return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"); }).join(".*");
  return new RegExp("^" + pattern + "$", "i").test(normalise(given));
}

function normalise(text) {
  return String(text).trim().replace(/\s+/g, " ").toLowerCase();
}

/* "3.5", "3,5" (a decimal comma), "1,250.5" and "1 250" all read as numbers (the contract's formats). */
var NUMBER_SPACES = new RegExp(CONTRACT.numbers.spaces, "g"), DECIMAL_COMMA = new RegExp(CONTRACT.numbers.decimalComma);
var THOUSANDS = new RegExp(CONTRACT.numbers.thousands), NUMBER = new RegExp(CONTRACT.numbers.number);

function parseNumber(text) {
  var clean = String(text).trim().replace(NUMBER_SPACES, "");
  if (DECIMAL_COMMA.test(clean)) clean = clean.replace(",", ".");
  else if (THOUSANDS.test(clean)) clean = clean.replace(/,/g, "");
  return NUMBER.test(clean) ? Number(clean) : NaN;
}

/* The learner's answer and the correct one as structured parts; each adapter writes them in its
   SCORM version's format: {bool}, {choices: [i]}, {pairs: [[prompt, option]]}, {text}, {number},
   or {min, max} for a numerical answer's accepted range. */
function responseParts(kind, answer, key) {
  if (kind === "true_false") return { bool: answer === "0" };
  if (kind === "multiple_choice") return { choices: [parseInt(answer, 36)] };
  if (kind === "multiple_response") return { choices: indicesOf(hexToBits(answer, key.choices.length)) };
  if (kind === "numerical") { var n = parseNumber(answer); return isFinite(n) ? { number: n } : { text: answer }; }
  if (kind === "matching") {
    return { pairs: answer.split("").map(function (c, i) { return [i, c === "-" ? -1 : parseInt(c, 36)]; })
                           .filter(function (pair) { return pair[1] >= 0; }) };
  }
  return { text: answer.replace(/\s+/g, " ").trim() };
}

function correctParts(kind, key) {
  if (kind === "true_false") return { bool: key.choices[0].credit >= 100 };
  if (kind === "multiple_choice") return { choices: [indexOfBest(key.choices)] };
  if (kind === "multiple_response") return { choices: indicesOf(key.choices.map(function (c) { return c.credit > 0; })) };
  if (kind === "short_answer") return { text: key.texts[indexOfBest(key.texts)].text };
  if (kind === "numerical") { var range = key.ranges[indexOfBest(key.ranges)]; return { min: range.min, max: range.max }; }
  if (kind === "matching") return { pairs: key.matches.map(function (option, i) { return [i, option]; }) };
  return null;
}

function indicesOf(bits) {
  var indices = [];
  bits.forEach(function (on, i) { if (on) indices.push(i); });
  return indices;
}

/* The answer with the most credit (the first of equals). */
function indexOfBest(answers) {
  var best = 0;
  answers.forEach(function (a, i) { if (a.credit > answers[best].credit) best = i; });
  return best;
}
