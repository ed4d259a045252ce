/* Grading: a question's answer (as the state stores it) and its unsealed key → credit, feedback,
   and the response as structured parts for the adapters. Pure functions: no DOM, no LMS. */

function gradeAnswer(kind, key, answer) {
  if (kind === "essay") return { percent: null, feedback: [], answered: answer.trim() !== "" };
  if (!answer) return { percent: 0, feedback: [], answered: false };
  if (kind === "multiple_choice" || kind === "true_false") {
    var choice = key.c[parseInt(answer, 36)] || [0, null];
    return { percent: choice[0], feedback: [choice[1]], answered: true };
  }
  if (kind === "multiple_response") {
    var selected = hexToBits(answer, key.c.length), total = 0, notes = [];
    key.c.forEach(function (c, i) { if (selected[i]) { total += c[0]; notes.push(c[1]); } });
    return { percent: Math.max(0, Math.min(100, total)), feedback: notes, answered: selected.some(Boolean) };
  }
  if (kind === "short_answer") return bestOf(key.s, function (a) { return textMatches(a[0], answer); }, 1, 2);
  if (kind === "numerical") {
    var number = parseNumber(answer);
    return bestOf(key.n, function (a) { return a[0] === null || (isFinite(number) && a[0] <= number && number <= a[1]); }, 2, 3);
  }
  if (kind === "matching") {
    var right = 0;
    key.m.forEach(function (option, i) { if (parseInt(answer.charAt(i), 36) === option) right++; });
    return { percent: Math.round(10000 * right / key.m.length) / 100, feedback: [], answered: /[0-9a-z]/.test(answer) };
  }
  return { percent: null, feedback: [], answered: false };
}

function bestOf(answers, accepts, percentAt, feedbackAt) {
  var best = { percent: 0, feedback: [], answered: true };
  (answers || []).forEach(function (a) {
    if (accepts(a) && (a[percentAt] > best.percent || !best.feedback.length)) best = { percent: a[percentAt], feedback: [a[feedbackAt]], answered: true };
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

/* "3.5", "3,5" (a decimal comma), "1,250.5" and "1 250" all read as numbers. */
function parseNumber(text) {
  var clean = String(text).trim().replace(/[\s\u00a0\u202f]/g, "");
  if (/^[-+]?\d+,\d+$/.test(clean)) clean = clean.replace(",", ".");
  else if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(clean)) clean = clean.replace(/,/g, "");
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean) ? Number(clean) : NaN;
}

/* The learner's answer and the correct one as structured parts; each adapter writes them in its
   SCORM version's format: {bool}, {choices: [i]}, {pairs: [[prompt, option]]}, {text}, {number},
   or {min, max} for a numerical answer's accepted range. */
function responseParts(kind, answer, key) {
  if (kind === "true_false") return { bool: answer === "0" };
  if (kind === "multiple_choice") return { choices: [parseInt(answer, 36)] };
  if (kind === "multiple_response") return { choices: indicesOf(hexToBits(answer, key.c.length)) };
  if (kind === "numerical") { var n = parseNumber(answer); return isFinite(n) ? { number: n } : { text: answer }; }
  if (kind === "matching") {
    return { pairs: answer.split("").map(function (c, i) { return [i, c === "-" ? -1 : parseInt(c, 36)]; })
                           .filter(function (pair) { return pair[1] >= 0; }) };
  }
  return { text: answer.replace(/\s+/g, " ").trim() };
}

function correctParts(kind, key) {
  if (kind === "true_false") return { bool: key.c[0][0] >= 100 };
  if (kind === "multiple_choice") return { choices: [indexOfBest(key.c, 0)] };
  if (kind === "multiple_response") return { choices: indicesOf(key.c.map(function (c) { return c[0] > 0; })) };
  if (kind === "short_answer") return { text: key.s[indexOfBest(key.s, 1)][0] };
  if (kind === "numerical") { var range = key.n[indexOfBest(key.n, 2)]; return { min: range[0], max: range[1] }; }
  if (kind === "matching") return { pairs: key.m.map(function (option, i) { return [i, option]; }) };
  return null;
}

function indicesOf(bits) {
  var indices = [];
  bits.forEach(function (on, i) { if (on) indices.push(i); });
  return indices;
}

function indexOfBest(rows, at) {
  var best = 0;
  rows.forEach(function (row, i) { if (row[at] > rows[best][at]) best = i; });
  return best;
}
