/* coursekit's LMS: the SCORM 1.2 API (window.API) as Moodle 5.0's player answers it.

   Written from reading Moodle's mod/scorm/datamodels/scorm_12.js and checked against recordings of a
   real Moodle 5.0.6; its data model (elements, formats) is datamodel.json, which the server checks
   posted values against too (builder/lms/elements.py). It keeps Moodle's behaviour where it departs
   from the standard, because packages meet that behaviour in Moodle:
   - the formats are Moodle's regular expressions, where "." is any character ("85 " is a decimal);
   - elements with a range hold a JS number once set: GetValue returns 85, not "85";
   - cmi.comments appends; CMIString255/4096 are 64,000 characters unless SCORM standards mode is on;
   - LMSFinish: status "not attempted" becomes "completed", and with mastery override a score decides
     "passed"/"failed"; only values that changed since the last commit are sent;
   - LMSInitialize on the same object works again for the next SCO of the package; for the same SCO
     after its LMSFinish it rebuilds the data model and throws, as Moodle does.
   Options: {scos: {id: {def: {element: value}, arrays: [[path, value|null]...]}}, standards, masteryOverride,
   auto, autocommit, currentSco(): id, store(scoId, pairs, finishing): "true\n0", next(), previous(), stored()} */
(function (root) {
  "use strict";

  var tree = root.CoursekitLMSTree;
  var MODEL = root.CoursekitLMSDataModel["1.2"], FORMATS = MODEL.formats, CHILDREN = MODEL.children;
  var INDEX = /[._](\d+)./g;
  var ERRORS = {
    "0": "No error", "101": "General exception", "201": "Invalid argument error", "202": "Element cannot have children",
    "203": "Element not an array - cannot have count", "301": "Not initialized", "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword", "403": "Element is read only", "404": "Element is write only",
    "405": "Incorrect data type"
  };

  var ERROR_CODES = { r: { writeerror: "403" }, rw: { writeerror: "405" }, w: { readerror: "404", writeerror: "405" } };

  /* The data model of one SCO (datamodel.json): element -> {value (the default, then the last value sent), mod,
     format, range}. "@" takes the value from the SCO's launch data. Outside SCORM standards mode the
     CMIString255 and CMIString4096 elements take 64,000 characters, as in Moodle. */
  function dataModel(def, standards) {
    var model = {};
    Object.keys(MODEL.elements).forEach(function (element) {
      var spec = MODEL.elements[element], codes = ERROR_CODES[spec.mod];
      var format = standards ? spec.format : MODEL.outsideStandards[spec.format] || spec.format;
      model[element] = {
        value: spec.value === "@" ? def[element] : tree.named(spec.value, CHILDREN), mod: spec.mod, format: FORMATS[format],
        range: spec.range, appends: spec.appends, posted: spec.posted, readerror: spec.readerror || codes.readerror,
        writeerror: spec.writeerror || codes.writeerror
      };
    });
    return model;
  }

  function Scorm12API(options) {
    var api = this, models = {}, data = null, errorCode = "0", initialized = false, scoId = null, timer = null;
    Object.keys(options.scos).forEach(function (id) {
      models[id] = dataModel(options.scos[id].def, options.standards);
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
      } else if (entry.appends) {                   // cmi.comments
        tree.assign(data, path, tree.read(data, path) + value);
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
        var generic = element.replace(INDEX, ".n.");
        if (sco[element] === undefined && sco[generic] !== undefined) sco[element] = tree.clone(sco[generic]);
        var entry = sco[element];
        if (entry === undefined || entry.mod === "r" || entry.posted === false) return;     // session_time: total_time is sent
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
