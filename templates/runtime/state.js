/* Learner state kept in suspend_data (or localStorage): versioned, compact, parsed defensively.

   The layout is the contract's (CONTRACT.state, from templates/runtime/contract.json, which the
   build's saved-state budget reads too): the prefix, then fields written <key><length>:<value>; a
   quiz's answers are length-prefixed strings, one per question. Nothing needs escaping. State from
   another build of the module (other lessons or questions: the hash differs) is ignored: the
   learner starts fresh rather than resuming wrongly. */
var STATE = CONTRACT.state, FIELD = CONTRACT.state.fields;
var STATE_PREFIX = STATE.prefix;
var SCORES_KEPT = STATE.scoresKept;

function emptyState(lessonCount, questionCount) {
  var state = { visited: repeat(false, lessonCount), quiz: null };
  if (questionCount) {
    state.quiz = { attempts: 0, best: null, scores: [], seed: 0, submitted: false,
                   checked: repeat(false, questionCount), answers: repeat("", questionCount) };
  }
  return state;
}

function repeat(value, count) {
  var list = [];
  for (var i = 0; i < count; i++) list.push(value);
  return list;
}

function prefixed(text) {
  return text.length + ":" + text;
}

function encodeState(state, hash) {
  var fields = [[FIELD.hash, hash], [FIELD.visited, bitsToHex(state.visited)]], quiz = state.quiz;
  if (quiz) {
    fields.push([FIELD.attempts, String(quiz.attempts)], [FIELD.best, quiz.best === null ? "" : String(quiz.best)],
                [FIELD.scores, quiz.scores.slice(-SCORES_KEPT).join(",")], [FIELD.seed, quiz.seed.toString(36)],
                [FIELD.submitted, quiz.submitted ? "1" : "0"], [FIELD.checked, bitsToHex(quiz.checked)],
                [FIELD.answers, quiz.answers.map(prefixed).join("")]);
  }
  return STATE_PREFIX + fields.map(function (field) { return field[0] + prefixed(field[1]); }).join("");
}

/* Length-prefixed pieces, read from `start`; null when the text is not what we wrote. */
function readPrefixed(text, start, keyed) {
  var pieces = [], i = start;
  while (i < text.length) {
    var key = keyed ? text.charAt(i++) : "";
    var colon = text.indexOf(":", i), digits = text.slice(i, colon);
    if (colon < 0 || !/^\d{1,5}$/.test(digits)) return null;
    var value = text.substr(colon + 1, +digits);
    if (value.length !== +digits) return null;
    pieces.push([key, value]);
    i = colon + 1 + value.length;
  }
  return pieces;
}

function decodeState(text, lessonCount, questionCount, hash) {
  var state = emptyState(lessonCount, questionCount);
  if (typeof text !== "string" || text.slice(0, STATE_PREFIX.length) !== STATE_PREFIX) return state;
  var pieces = readPrefixed(text, STATE_PREFIX.length, true), fields = {};
  if (!pieces) return state;
  Object.keys(FIELD).forEach(function (name) {
    pieces.forEach(function (piece) { if (piece[0] === FIELD[name]) fields[name] = piece[1]; });
  });
  if (fields.hash !== hash) return state;
  if (/^[0-9a-f]*$/.test(fields.visited || "")) state.visited = hexToBits(fields.visited || "", lessonCount);
  if (state.quiz && fields.answers !== undefined) readQuizState(state.quiz, fields, questionCount);
  return state;
}

function readQuizState(quiz, fields, questionCount) {
  var answers = readPrefixed(fields.answers, 0, false);
  var scores = (fields.scores || "").split(",").filter(isScore).map(Number);
  if (!answers || answers.length !== questionCount || !/^\d{1,3}$/.test(fields.attempts || "")) return;
  quiz.attempts = +fields.attempts;
  quiz.best = isScore(fields.best) ? +fields.best : null;
  quiz.scores = scores;
  quiz.seed = parseInt(fields.seed || "0", 36) || 0;
  quiz.submitted = fields.submitted === "1";
  quiz.checked = hexToBits(/^[0-9a-f]*$/.test(fields.checked || "") ? fields.checked : "", questionCount);
  quiz.answers = answers.map(function (piece) { return piece[1]; });
}

function isScore(text) {
  return typeof text === "string" && /^\d{1,3}(\.\d{1,2})?$/.test(text) && +text <= 100;
}

function bitsToHex(bits) {
  var hex = "";
  for (var i = 0; i < bits.length; i += 4) {
    var nibble = 0;
    for (var j = 0; j < 4; j++) if (bits[i + j]) nibble |= 1 << j;
    hex += nibble.toString(16);
  }
  return hex;
}

function hexToBits(hex, count) {
  var bits = repeat(false, count);
  for (var i = 0; i < count; i++) {
    var nibble = parseInt(hex.charAt(i >> 2) || "0", 16);
    bits[i] = (nibble & (1 << (i & 3))) !== 0;
  }
  return bits;
}
