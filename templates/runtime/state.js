/* Learner state kept in suspend_data (or localStorage): versioned, compact, parsed defensively.
   "1|h<lessons hash>|v<visited bitmap, hex>". State from another build of the module (other
   lessons) keeps nothing that could point at the wrong lesson: the learner starts fresh. */
var STATE_VERSION = "1";

function emptyState(lessonCount) {
  var visited = [];
  for (var i = 0; i < lessonCount; i++) visited.push(false);
  return { visited: visited };
}

function encodeState(state, lessonsHash) {
  return [STATE_VERSION, "h" + lessonsHash, "v" + bitsToHex(state.visited)].join("|");
}

function decodeState(text, lessonCount, lessonsHash) {
  var state = emptyState(lessonCount);
  if (typeof text !== "string" || text.length > 65536) return state;
  var parts = text.split("|");
  if (parts[0] !== STATE_VERSION || parts.indexOf("h" + lessonsHash) < 0) return state;
  for (var i = 1; i < parts.length; i++) {
    if (parts[i].charAt(0) === "v" && /^[0-9a-f]*$/.test(parts[i].slice(1))) {
      state.visited = hexToBits(parts[i].slice(1), lessonCount);
    }
  }
  return state;
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
  var bits = emptyState(count).visited;
  for (var i = 0; i < count; i++) {
    var nibble = parseInt(hex.charAt(i >> 2) || "0", 16);
    bits[i] = (nibble & (1 << (i & 3))) !== 0;
  }
  return bits;
}
