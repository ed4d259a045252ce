/* coursekit's LMS: the SCORM 1.2 API (window.API) as Moodle 5.0's player answers it.

   Written from reading Moodle's mod/scorm/datamodels/scorm_12.js and checked against recordings of a
   real Moodle 5.0.6. It keeps Moodle's behaviour where it departs from the standard, because packages
   meet that behaviour in Moodle:
   - the formats are Moodle's regular expressions, where "." is any character ("85 " is a decimal);
   - elements with a range hold a JS number once set: GetValue returns 85, not "85";
   - cmi.comments appends; CMIString256/4096 are 64,000 characters unless SCORM standards mode is on;
   - LMSFinish: status "not attempted" becomes "completed", and with mastery override a score decides
     "passed"/"failed"; only values that changed since the last commit are sent;
   - LMSInitialize on the same object works again for the next SCO of the package; for the same SCO
     after its LMSFinish it rebuilds the data model and throws, as Moodle does.
   Options: {scos: {id: {def: {element: value}, arrays: [[path, value|null]...]}}, standards, masteryOverride,
   auto, autocommit, currentSco(): id, store(scoId, pairs, finishing): "true\n0", next(), previous(), stored()} */
(function (root) {
  "use strict";

  var STRING255 = "^[\\u0000-\\uFFFF]{0,255}$", STRING4096 = "^[\\u0000-\\uFFFF]{0,4096}$";
  var STRING64000 = "^[\\u0000-\\uFFFF]{0,64000}$";
  var TIME = "^([0-2]{1}[0-9]{1}):([0-5]{1}[0-9]{1}):([0-5]{1}[0-9]{1})(.[0-9]{1,2})?$";
  var TIMESPAN = "^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(.[0-9]{1,2})?$";
  var SINTEGER = "^-?([0-9]+)$";
  var DECIMAL = "^-?([0-9]{0,3})(.[0-9]*)?$";
  var IDENTIFIER = "^[\\u0021-\\u007E]{0,255}$";
  var INDEX = /[._](\d+)./g;
  var STATUS = "^passed$|^completed$|^failed$|^incomplete$|^browsed$";
  var STATUS_OBJECTIVE = STATUS + "|^not attempted$";
  var EXIT = "^time-out$|^suspend$|^logout$|^$";
  var TYPE = "^true-false$|^choice$|^fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$";
  var RESULT = "^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(.[0-9]*)?$";
  var NAV_EVENT = "^previous$|^continue$";
  var CHILDREN = {
    cmi: "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
    core: "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
    score: "raw,min,max", correct_responses: "pattern", comments: "content,location,time", objectives: "id,score,status",
    student_data: "mastery_score,max_time_allowed,time_limit_action", student_preference: "audio,language,speed,text",
    interactions: "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
  };
  var ERRORS = {
    "0": "No error", "101": "General exception", "201": "Invalid argument error", "202": "Element cannot have children",
    "203": "Element not an array - cannot have count", "301": "Not initialized", "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword", "403": "Element is read only", "404": "Element is write only",
    "405": "Incorrect data type"
  };

  /* The data model of one SCO: element -> {value (the default, then the last value sent), mod, format, range}.
     "@name" takes the value from the SCO's launch data. */
  function dataModel(def, string255, string4096) {
    var r = function (value, error) { return { value: value, mod: "r", writeerror: error || "403" }; };
    var rw = function (format, value, range) { return { value: value, format: format, range: range, mod: "rw", writeerror: "405" }; };
    var w = function (format, value, range) {
      return { value: value, format: format, range: range, mod: "w", readerror: "404", writeerror: "405" };
    };
    var model = {
      "cmi._children": r(CHILDREN.cmi, "402"), "cmi._version": r("3.4", "402"), "cmi.core._children": r(CHILDREN.core, "402"),
      "cmi.core.student_id": r("@"), "cmi.core.student_name": r("@"), "cmi.core.lesson_location": rw(string255, "@"),
      "cmi.core.credit": r("@"), "cmi.core.lesson_status": rw(STATUS, "@"), "cmi.core.entry": r("@"),
      "cmi.core.score._children": r(CHILDREN.score, "402"), "cmi.core.score.raw": rw(DECIMAL, "@", [0, 100]),
      "cmi.core.score.max": rw(DECIMAL, "@", [0, 100]), "cmi.core.score.min": rw(DECIMAL, "@", [0, 100]),
      "cmi.core.total_time": r("@"), "cmi.core.lesson_mode": r("@"), "cmi.core.exit": w(EXIT, "@"),
      "cmi.core.session_time": w(TIMESPAN, "00:00:00"), "cmi.suspend_data": rw(string4096, "@"), "cmi.launch_data": r("@"),
      "cmi.comments": rw(string4096, "@"),
      "cmi.evaluation.comments._count": r("0", "402"), "cmi.evaluation.comments._children": r(CHILDREN.comments, "402"),
      "cmi.evaluation.comments.n.content": rw(string255, ""), "cmi.evaluation.comments.n.location": rw(string255, ""),
      "cmi.evaluation.comments.n.time": rw(TIME, ""), "cmi.comments_from_lms": r(undefined),
      "cmi.objectives._children": r(CHILDREN.objectives, "402"), "cmi.objectives._count": r("0", "402"),
      "cmi.objectives.n.id": rw(IDENTIFIER), "cmi.objectives.n.score._children": r(undefined, "402"),
      "cmi.objectives.n.score.raw": rw(DECIMAL, "", [0, 100]), "cmi.objectives.n.score.min": rw(DECIMAL, "", [0, 100]),
      "cmi.objectives.n.score.max": rw(DECIMAL, "", [0, 100]), "cmi.objectives.n.status": rw(STATUS_OBJECTIVE),
      "cmi.student_data._children": r(CHILDREN.student_data, "402"), "cmi.student_data.mastery_score": r("@"),
      "cmi.student_data.max_time_allowed": r("@"), "cmi.student_data.time_limit_action": r("@"),
      "cmi.student_preference._children": r(CHILDREN.student_preference, "402"),
      "cmi.student_preference.audio": rw(SINTEGER, "@", [-1, 100]), "cmi.student_preference.language": rw(string255, "@"),
      "cmi.student_preference.speed": rw(SINTEGER, "@", [-100, 100]), "cmi.student_preference.text": rw(SINTEGER, "@", [-1, 1]),
      "cmi.interactions._children": r(CHILDREN.interactions, "402"), "cmi.interactions._count": r("0", "402"),
      "cmi.interactions.n.id": w(IDENTIFIER), "cmi.interactions.n.objectives._count": r("0", "402"),
      "cmi.interactions.n.objectives.n.id": w(IDENTIFIER), "cmi.interactions.n.time": w(TIME), "cmi.interactions.n.type": w(TYPE),
      "cmi.interactions.n.correct_responses._count": r("0", "402"),
      "cmi.interactions.n.correct_responses.n.pattern": w(string255), "cmi.interactions.n.weighting": w(DECIMAL, undefined, [-100, 100]),
      "cmi.interactions.n.student_response": w(string255), "cmi.interactions.n.result": w(RESULT),
      "cmi.interactions.n.latency": w(TIMESPAN), "nav.event": w(NAV_EVENT, "")
    };
    Object.keys(model).forEach(function (element) {
      if (model[element].value === "@") model[element].value = def[element];
    });
    return model;
  }

  var tree = root.CoursekitLMSTree;

  function Scorm12API(options) {
    var api = this, models = {}, data = null, errorCode = "0", initialized = false, scoId = null, timer = null;
    var string255 = options.standards ? STRING255 : STRING64000, string4096 = options.standards ? STRING4096 : STRING64000;
    Object.keys(options.scos).forEach(function (id) {
      models[id] = dataModel(options.scos[id].def, string255, string4096);
    });

    /* The SCO's data, afresh from its model and what was stored (Moodle rebuilds it at each LMSInitialize). */
    function load(id) {
      var model = models[id];
      data = { cmi: { core: { score: {} }, objectives: {}, student_data: {}, student_preference: {}, interactions: {},
                      evaluation: { comments: {} } }, nav: {} };
      Object.keys(model).forEach(function (element) {
        if (!/\.n\./.test(element)) tree.assign(data, element, model[element].value === undefined ? "" : model[element].value);
      });
      options.scos[id].arrays.forEach(function (step) {
        tree.assign(data, step[0], step[1] === null ? {} : tree.named(step[1], CHILDREN));
      });
      if (data.cmi.core.lesson_status === "") data.cmi.core.lesson_status = "not attempted";
    }

    function model(element) {
      return models[scoId][String(element).replace(INDEX, ".n.")];
    }

    api.LMSInitialize = function (param) {
      scoId = options.currentSco();
      load(scoId);
      errorCode = "0";
      if (param == "") {
        if (!initialized) {
          initialized = true;
          return "true";
        }
        errorCode = "101";
      } else {
        errorCode = "201";
      }
      return "false";
    };

    api.LMSFinish = function (param) {
      errorCode = "0";
      if (param != "") { errorCode = "201"; return "false"; }
      if (!initialized) { errorCode = "301"; return "false"; }
      initialized = false;
      var result = store(true);
      var event = data.nav.event;
      if (event === "continue" || (event === "" && options.auto)) setTimeout(options.next, 500);
      else if (event !== "" && event !== undefined) setTimeout(options.previous, 500);
      result = result === "true" ? "true" : "false";
      errorCode = result === "true" ? "0" : "101";
      if (options.stored) options.stored();
      return result;
    };

    api.LMSGetValue = function (element) {
      errorCode = "0";
      if (!initialized) { errorCode = "301"; return ""; }
      if (element == "") { errorCode = "201"; return ""; }
      var entry = model(element);
      if (entry !== undefined) {
        if (entry.mod === "w") { errorCode = entry.readerror; return ""; }
        var path = String(element).replace(INDEX, "_$1.");
        return tree.reaches(data, path) ? tree.read(data, path) : "";
      }
      var generic = String(element).replace(INDEX, ".n.");
      var suffix = /\._children$/.test(generic) ? "._children" : /\._count$/.test(generic) ? "._count" : null;
      if (suffix && models[scoId][generic.slice(0, -suffix.length)] !== undefined) {
        errorCode = suffix === "._children" ? "202" : "203";
      } else {
        errorCode = "201";
      }
      return "";
    };

    api.LMSSetValue = function (element, value) {
      errorCode = "0";
      if (!initialized) { errorCode = "301"; return "false"; }
      if (element == "") { errorCode = "201"; return "false"; }
      var generic = String(element).replace(INDEX, ".n."), entry = models[scoId][generic];
      if (entry === undefined) { errorCode = "201"; return "false"; }
      value = value + "";
      if (entry.mod === "r" || value.match(new RegExp(entry.format)) === null) { errorCode = entry.writeerror; return "false"; }
      var path = element;
      if (element !== generic) {
        var made = tree.makeItems(data, element);
        path = made.path;
        if (made.outOfOrder) errorCode = "201";
      }
      if (errorCode !== "0") return "false";
      if (options.autocommit && !timer) timer = setTimeout(function () { api.LMSCommit(""); }, 60000);
      if (entry.range) {
        var number = value * 1.0;
        if (!(number >= entry.range[0] && number <= entry.range[1])) { errorCode = entry.writeerror; return "false"; }
        tree.assign(data, path, number);
      } else if (path === "cmi.comments") {
        data.cmi.comments = data.cmi.comments + value;
      } else {
        tree.assign(data, path, value);
      }
      return "true";
    };

    api.LMSCommit = function (param) {
      if (timer) { clearTimeout(timer); timer = null; }
      errorCode = "0";
      if (param != "") { errorCode = "201"; return "false"; }
      if (!initialized) { errorCode = "301"; return "false"; }
      var result = store(false) === "true" ? "true" : "false";
      errorCode = result === "true" ? "0" : "101";
      if (options.stored) options.stored();
      return result;
    };

    api.LMSGetLastError = function () { return errorCode; };

    api.LMSGetErrorString = function (param) {
      return param != "" ? ERRORS[param] : "";      // undefined for an unknown code, as in Moodle
    };

    api.LMSGetDiagnostic = function (param) {
      return param == "" ? errorCode : param;
    };

    /* What Moodle's StoreData sends: the elements changed since the last send, and at LMSFinish the new total time. */
    function store(finishing) {
      var core = data.cmi.core, pairs;
      if (finishing) {
        if (core.lesson_status === "not attempted") core.lesson_status = "completed";
        if (core.lesson_mode === "normal" && core.credit === "credit" && options.masteryOverride &&
            data.cmi.student_data.mastery_score !== "" && core.score.raw !== "") {
          core.lesson_status = parseFloat(core.score.raw) >= parseFloat(data.cmi.student_data.mastery_score) ? "passed" : "failed";
        }
        if (core.lesson_mode === "browse" && models[scoId]["cmi.core.lesson_status"].value === "" &&
            core.lesson_status === "not attempted") {
          core.lesson_status = "browsed";
        }
        pairs = changed(data.cmi, "cmi");
        pairs.push(["cmi.core.total_time", addTime(core.total_time, core.session_time)]);
      } else {
        pairs = changed(data.cmi, "cmi");
      }
      var answer = tree.store(options, scoId, pairs, finishing);
      errorCode = answer.errorCode;
      return answer.result;
    }

    function changed(node, parent) {
      var pairs = [], sco = models[scoId];
      Object.keys(node).forEach(function (property) {
        var value = node[property], element = parent + "." + property;
        if (typeof value === "object") {
          if (value !== null) pairs = pairs.concat(changed(value, element));
          return;
        }
        if (element === "cmi.core.session_time") return;
        var generic = element.replace(INDEX, ".n.");
        if (sco[element] === undefined && sco[generic] !== undefined) sco[element] = tree.clone(sco[generic]);
        var entry = sco[element];
        if (entry === undefined || entry.mod === "r") return;
        if (entry.value === undefined || !tree.looseEqual(entry.value, value) || typeof entry.value !== typeof value) {
          pairs.push([element, String(value)]);
          entry.value = value;
        }
      });
      return pairs;
    }
  }

  /* HH:MM:SS.SS + HH:MM:SS.SS as Moodle adds them: hundredths always written, hours from 10 unpadded. */
  function addTime(first, second) {
    var a = String(first).split(":"), b = String(second).split(":"), ac = a[2].split("."), bc = b[2].split(".");
    var cents = (ac.length > 1 ? parseInt(ac[1], 10) : 0) + (bc.length > 1 ? parseInt(bc[1], 10) : 0);
    var carry = Math.floor(cents / 100);
    cents -= carry * 100;
    var secs = parseInt(ac[0], 10) + parseInt(bc[0], 10) + carry;
    carry = Math.floor(secs / 60);
    secs -= carry * 60;
    var mins = parseInt(a[1], 10) + parseInt(b[1], 10) + carry;
    carry = Math.floor(mins / 60);
    mins -= carry * 60;
    var hours = parseInt(a[0], 10) + parseInt(b[0], 10) + carry;
    var two = function (n) { return n < 10 ? "0" + n : String(n); };
    return two(hours) + ":" + two(mins) + ":" + two(secs) + "." + two(cents);
  }

  root.CoursekitLMS = root.CoursekitLMS || {};
  root.CoursekitLMS.Scorm12API = Scorm12API;
  root.CoursekitLMS.addTime12 = addTime;
})(typeof window !== "undefined" ? window : globalThis);
