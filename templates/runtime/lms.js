/* Finding the LMS's API object, as the SCORM run-time specification describes: walk up the
   parent frames (to a limit), then try the opener window and its parents. Frames of another
   origin throw on access; that only means "not here". */
var MAX_FRAME_DEPTH = 500;
var LETTERS = CONTRACT.responses.choiceIds, PROMPTS = CONTRACT.responses.promptIds;   // identifiers in interactions

function findApiFrom(win, name) {
  for (var depth = 0; win && depth <= MAX_FRAME_DEPTH; depth++) {
    try {
      if (win[name]) return win[name];
    } catch (error) { /* cross-origin frame */ }
    if (!win.parent || win.parent === win) break;
    win = win.parent;
  }
  return null;
}

function findLmsApi(name) {
  var api = findApiFrom(window, name);
  if (!api) {
    try {
      if (window.opener) api = findApiFrom(window.opener, name);
      if (!api && window.top && window.top.opener) api = findApiFrom(window.top.opener, name);
    } catch (error) { /* closed or cross-origin opener */ }
  }
  return api;
}

/* What both LMS adapters do alike, named by each version's method names: every call caught (an LMS
   that throws never breaks the page), the LMS's error kept for the learner-facing message.
   `scorm` is the version's entry of the build's table (builder/scorm.py), from the page's config:
   {version, stateLimit, types: {kind: interaction type}, textLimits: {type: characters}, descriptionLimit,
   commentLimit, responses: {true, false, list, pair, range}}. */
function initLmsAdapter(adapter, api, kind, scorm) {
  adapter.api = api;
  adapter.kind = kind;
  adapter.scorm = scorm;
  adapter.started = 0;
  adapter.initialized = false;
  adapter.finished = false;
  adapter.error = "";
}

function installLmsCalls(prototype, names) {
  prototype.call = function (method, a, b) {
    try {
      var result = String(b === undefined ? this.api[method](a) : this.api[method](a, b));
      if (result === "false") this.error = this.errorText();
      return result;
    } catch (error) {
      this.error = method + ": " + error;
      return "false";
    }
  };
  prototype.errorText = function () {
    try {
      var code = String(this.api[names.lastError]());
      return code + " " + String(this.api[names.errorString](code));
    } catch (error) {
      return String(error);
    }
  };
  prototype.get = function (element) {
    return this.call(names.getValue, element);
  };
  prototype.set = function (element, value) {
    return this.call(names.setValue, element, String(value)) === "true";
  };
  prototype.connect = function () {
    if (this.initialized) return true;
    this.initialized = this.call(names.initialize, "") === "true";
    this.started = Date.now();
    return this.initialized;
  };
  prototype.lastError = function () {
    return this.error;
  };
  prototype.stateLimit = function () {
    return this.scorm.stateLimit;
  };
  prototype.interactionType = function (kind) {
    return this.scorm.types[kind];
  };
  prototype.textLimit = function (type) {           // a text response of a type without its own limit is a fill-in's
    return this.scorm.textLimits[type] || this.scorm.textLimits["fill-in"];
  };
  prototype.response = function (parts, type) {
    return interactionResponse(parts, this.scorm.responses, this.textLimit(type));
  };
}

/* A learner's or a correct response, from its parts (grading.js), in the version's format. */
function interactionResponse(parts, format, textLimit) {
  if (parts.bool !== undefined) return parts.bool ? format["true"] : format["false"];
  if (parts.choices) return parts.choices.map(function (i) { return LETTERS.charAt(i); }).join(format.list);
  if (parts.pairs) {
    return parts.pairs.map(function (p) { return PROMPTS.charAt(p[0]) + format.pair + LETTERS.charAt(p[1]); }).join(format.list);
  }
  if (parts.min !== undefined) {
    if (parts.min === parts.max) return String(parts.min);
    return format.range ? parts.min + format.range + parts.max : String((parts.min + parts.max) / 2);
  }
  if (parts.number !== undefined) return String(parts.number);
  return String(parts.text).slice(0, textLimit);
}

/* Milliseconds as SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
function scorm12Timespan(ms) {
  var cs = Math.max(0, Math.round(ms / 10));
  var hours = Math.min(9999, Math.floor(cs / 360000));
  var minutes = Math.floor(cs / 6000) % 60;
  var seconds = Math.floor(cs / 100) % 60;
  return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." + pad(cs % 100, 2);
}

function pad(number, width) {
  var text = String(number);
  while (text.length < width) text = "0" + text;
  return text;
}
