/* coursekit's LMS: the SCORM 2004 API (window.API_1484_11) as Moodle 5.0's player answers it.

   Written from reading Moodle's mod/scorm/datamodels/scorm_13.js and checked against recordings of a
   real Moodle 5.0.6. What packages meet there, kept here:
   - one API object for the whole package: after Terminate it stays terminated, so the next SCO of a
     multi-SCO package gets Initialize "false" with error 104 and every later call fails (123/133/143/113);
   - adl.nav.request_valid.* answers "unknown" until a request is set, then "true" for that very request
     and "false" for any other; adl.nav.request never takes "_none_" back;
   - numbers are kept as JS numbers for elements with a range (score.scaled, progress_measure...);
   - Terminate sends every element that differs from its default, the new total time and the request.
   Options as for Scorm12API (see scorm12.js), without standards mode. */
(function (root) {
  "use strict";

  var tree = root.CoursekitLMSTree;
  var STRING250 = "^[\\u0000-\\uFFFF]{0,250}$", STRING1000 = "^[\\u0000-\\uFFFF]{0,1000}$";
  var STRING4000 = "^[\\u0000-\\uFFFF]{0,4000}$", STRING64000 = "^[\\u0000-\\uFFFF]{0,64000}$";
  var LANG = "^([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?$|^$";
  var LANG_STRING250 = "^({lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?})?([^{].{0,250}$)?";
  var LANG_PREFIX = "^(({lang=([a-zA-Z]{2,3}|i|x)?(-[a-zA-Z0-9-]{2,8})?}))(.*?)$";
  var LANG_STRING250_CR = "^(({lang=([a-zA-Z]{2,3}|i|x)?(-[a-zA-Z0-9-]{2,8})?})?(.{0,250})?)?$";
  var LANG_STRING4000 = "^({lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?})?([^{].{0,4000}$)?";
  var TIME = "^(19[7-9]{1}[0-9]{1}|20[0-2]{1}[0-9]{1}|203[0-8]{1})((-(0[1-9]{1}|1[0-2]{1}))((-(0[1-9]{1}|[1-2]{1}[0-9]{1}|3[0-1]{1}))" +
             "(T([0-1]{1}[0-9]{1}|2[0-3]{1})((:[0-5]{1}[0-9]{1})((:[0-5]{1}[0-9]{1})((\\.[0-9]{1,2})((Z|([+|-]([0-1]{1}[0-9]{1}|2[0-3]{1})))" +
             "(:[0-5]{1}[0-9]{1})?)?)?)?)?)?)?)?$";
  var TIMESPAN = "^P(\\d+Y)?(\\d+M)?(\\d+D)?(T(((\\d+H)(\\d+M)?(\\d+(.\\d{1,2})?S)?)|((\\d+M)(\\d+(.\\d{1,2})?S)?)|((\\d+(.\\d{1,2})?S))))?$";
  var SINTEGER = "^-?([0-9]+)$";
  var DECIMAL = "^-?([0-9]{1,5})(\\.[0-9]{1,18})?$";
  var SHORT_ID = "^[\\w.]{1,250}$";
  var LONG_ID = "^(?:(?!urn:)\\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\\S{1,4000})$";
  var FEEDBACK = "^.*$";          // learner_response and correct_responses: checked against the interaction's type
  var INDEX = /[._](\d+)./g, STORED_INDEX = /.N(\d+)./g;
  var COMPLETION = "^completed$|^incomplete$|^not attempted$|^unknown$", SUCCESS = "^passed$|^failed$|^unknown$";
  var EXIT = "^time-out$|^suspend$|^logout$|^normal$|^$";
  var TYPE = "^true-false$|^choice$|^(long-)?fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$|^other$";
  var RESULT = "^correct$|^incorrect$|^unanticipated$|^neutral$|^-?([0-9]{1,4})(\\.[0-9]{1,18})?$";
  var NAV_REQUEST = "^previous$|^continue$|^exit$|^exitAll$|^abandon$|^abandonAll$|^suspendAll$|^{target=\\S{0,200}[a-zA-Z0-9]}choice|jump$";
  var NAV_TARGET = "^previous$|^continue$|^choice.{target=\\S{0,200}[a-zA-Z0-9]}$";
  var CHILDREN = {
    cmi: "_version,comments_from_learner,comments_from_lms,completion_status,credit,entry,exit,interactions,launch_data,learner_id," +
         "learner_name,learner_preference,location,max_time_allowed,mode,objectives,progress_measure,scaled_passing_score,score," +
         "session_time,success_status,suspend_data,time_limit_action,total_time",
    comments: "comment,timestamp,location", score: "max,raw,scaled,min", correct_responses: "pattern",
    objectives: "progress_measure,completion_status,success_status,description,score,id",
    learner_preference: "audio_level,audio_captioning,delivery_speed,language",
    interactions: "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description"
  };
  var RESPONSES = {              // learner_response by interaction type
    "true-false": { format: "^true$|^false$", max: 1, delimiter: "" },
    "choice": { format: SHORT_ID, max: 36, delimiter: "[,]", unique: true },
    "fill-in": { format: LANG_STRING250, max: 10, delimiter: "[,]" },
    "long-fill-in": { format: LANG_STRING4000, max: 1, delimiter: "" },
    "matching": { format: SHORT_ID, format2: SHORT_ID, max: 36, delimiter: "[,]", delimiter2: "[.]" },
    "performance": { format: "^$|" + SHORT_ID, format2: DECIMAL + "|^$|" + SHORT_ID, max: 250, delimiter: "[,]", delimiter2: "[.]" },
    "sequencing": { format: SHORT_ID, max: 36, delimiter: "[,]" },
    "likert": { format: SHORT_ID, max: 1, delimiter: "" },
    "numeric": { format: DECIMAL, max: 1, delimiter: "" },
    "other": { format: STRING4000, max: 1, delimiter: "" }
  };
  var PATTERNS = {               // correct_responses.n.pattern by interaction type
    "true-false": { pre: "", max: 1, delimiter: "", duplicate: false, format: "^true$|^false$", limit: 1 },
    "choice": { pre: "", max: 36, delimiter: "[,]", unique: true, duplicate: false, format: SHORT_ID },
    "fill-in": { pre: "", max: 10, delimiter: "[,]", duplicate: false, format: LANG_STRING250_CR },
    "long-fill-in": { pre: "^({case_matters=(true|false)})?", max: 1, delimiter: "", duplicate: true, format: LANG_STRING4000 },
    "matching": { pre: "", max: 36, delimiter: "[,]", delimiter2: "[.]", duplicate: false, format: SHORT_ID, format2: SHORT_ID },
    "performance": { pre: "^({order_matters=(true|false)})?", max: 250, delimiter: "[,]", delimiter2: "[.]", duplicate: false,
                     format: "^$|" + SHORT_ID, format2: DECIMAL + "|^$|" + SHORT_ID },
    "sequencing": { pre: "", max: 36, delimiter: "[,]", duplicate: false, format: SHORT_ID },
    "likert": { pre: "", max: 1, delimiter: "", duplicate: false, format: SHORT_ID, limit: 1 },
    "numeric": { pre: "", max: 2, delimiter: "[:]", duplicate: false, format: DECIMAL, limit: 1 },
    "other": { pre: "", max: 1, delimiter: "", duplicate: false, format: STRING4000, limit: 1 }
  };
  var ERRORS = {
    "0": "No error", "101": "General exception", "102": "General Inizialization Failure", "103": "Already Initialized",
    "104": "Content Instance Terminated", "111": "General Termination Failure", "112": "Termination Before Inizialization",
    "113": "Termination After Termination", "122": "Retrieve Data Before Initialization", "123": "Retrieve Data After Termination",
    "132": "Store Data Before Inizialization", "133": "Store Data After Termination", "142": "Commit Before Inizialization",
    "143": "Commit After Termination", "201": "General Argument Error", "301": "General Get Failure", "351": "General Set Failure",
    "391": "General Commit Failure", "401": "Undefinited Data Model", "402": "Unimplemented Data Model Element",
    "403": "Data Model Element Value Not Initialized", "404": "Data Model Element Is Read Only",
    "405": "Data Model Element Is Write Only", "406": "Data Model Element Type Mismatch",
    "407": "Data Model Element Value Out Of Range", "408": "Data Model Dependency Not Established"
  };
  var OUT_OF_ORDER = "Data Model Element Collection Set Out Of Order", ID_EXISTS = "Data Model Element ID Already Exists";
  var TOO_LONG = "Data Model Element Pattern Too Long";

  /* element -> {value: default, mod, format, range}; "@" takes the SCO's launch value. */
  function dataModel(def) {
    var r = function (value) { return { value: value, mod: "r" }; };
    var rw = function (format, value, range) { return { value: value, format: format, range: range, mod: "rw" }; };
    var model = {
      "cmi._children": r(CHILDREN.cmi), "cmi._version": r("1.0"),
      "cmi.comments_from_learner._children": r(CHILDREN.comments), "cmi.comments_from_learner._count": r("0"),
      "cmi.comments_from_learner.n.comment": rw(LANG_STRING4000), "cmi.comments_from_learner.n.location": rw(STRING250),
      "cmi.comments_from_learner.n.timestamp": rw(TIME),
      "cmi.comments_from_lms._children": r(CHILDREN.comments), "cmi.comments_from_lms._count": r("0"),
      "cmi.comments_from_lms.n.comment": r(), "cmi.comments_from_lms.n.location": r(), "cmi.comments_from_lms.n.timestamp": r(),
      "cmi.completion_status": rw(COMPLETION, "@"), "cmi.completion_threshold": r("@"), "cmi.credit": r("@"), "cmi.entry": r("@"),
      "cmi.exit": { value: "@", format: EXIT, mod: "w" },
      "cmi.interactions._children": r(CHILDREN.interactions), "cmi.interactions._count": r("0"),
      "cmi.interactions.n.id": rw(LONG_ID), "cmi.interactions.n.type": rw(TYPE),
      "cmi.interactions.n.objectives._count": r("0"), "cmi.interactions.n.objectives.n.id": rw(LONG_ID),
      "cmi.interactions.n.timestamp": rw(TIME), "cmi.interactions.n.correct_responses._count": r("0"),
      "cmi.interactions.n.correct_responses.n.pattern": rw(FEEDBACK), "cmi.interactions.n.weighting": rw(DECIMAL),
      "cmi.interactions.n.learner_response": rw(FEEDBACK), "cmi.interactions.n.result": rw(RESULT),
      "cmi.interactions.n.latency": rw(TIMESPAN), "cmi.interactions.n.description": rw(LANG_STRING250),
      "cmi.launch_data": r("@"), "cmi.learner_id": r("@"), "cmi.learner_name": r("@"),
      "cmi.learner_preference._children": r(CHILDREN.learner_preference),
      "cmi.learner_preference.audio_level": rw(DECIMAL, "@", [0, "*"]), "cmi.learner_preference.language": rw(LANG, "@"),
      "cmi.learner_preference.delivery_speed": rw(DECIMAL, "@", [0, "*"]),
      "cmi.learner_preference.audio_captioning": rw(SINTEGER, "@", [-1, 1]),
      "cmi.location": rw(STRING1000, "@"), "cmi.max_time_allowed": r("@"), "cmi.mode": r("@"),
      "cmi.objectives._children": r(CHILDREN.objectives), "cmi.objectives._count": r("0"),
      "cmi.objectives.n.id": rw(LONG_ID), "cmi.objectives.n.score._children": r(CHILDREN.score),
      "cmi.objectives.n.score.scaled": rw(DECIMAL, null, [-1, 1]), "cmi.objectives.n.score.raw": rw(DECIMAL, null),
      "cmi.objectives.n.score.min": rw(DECIMAL, null), "cmi.objectives.n.score.max": rw(DECIMAL, null),
      "cmi.objectives.n.success_status": rw(SUCCESS, "unknown"), "cmi.objectives.n.completion_status": rw(COMPLETION, "unknown"),
      "cmi.objectives.n.progress_measure": rw(DECIMAL, null, [0, 1]), "cmi.objectives.n.description": rw(LANG_STRING250),
      "cmi.progress_measure": rw(DECIMAL, "@", [0, 1]), "cmi.scaled_passing_score": r("@"),
      "cmi.score._children": r(CHILDREN.score), "cmi.score.scaled": rw(DECIMAL, "@", [-1, 1]), "cmi.score.raw": rw(DECIMAL, "@"),
      "cmi.score.min": rw(DECIMAL, "@"), "cmi.score.max": rw(DECIMAL, "@"),
      "cmi.session_time": { value: "PT0H0M0S", format: TIMESPAN, mod: "w" }, "cmi.success_status": rw(SUCCESS, "@"),
      "cmi.suspend_data": rw(STRING64000, "@"), "cmi.time_limit_action": r("@"), "cmi.total_time": r("@"),
      "adl.nav.request": rw(NAV_REQUEST, "_none_")
    };
    Object.keys(model).forEach(function (element) {
      if (model[element].value === "@") model[element].value = def[element];
    });
    return model;
  }

  function Scorm2004API(options) {
    var api = this, models = {}, data = null, scoId = null, timer = null;
    var errorCode = "0", diagnostic = "", initialized = false, terminated = false;
    Object.keys(options.scos).forEach(function (id) { models[id] = dataModel(options.scos[id].def); });

    function load(id) {
      data = { cmi: { comments_from_learner: { _count: 0 }, comments_from_lms: { _count: 0 }, interactions: { _count: 0 },
                      learner_preference: {}, objectives: { _count: 0 }, score: {} },
               adl: { nav: { request_valid: [] } } };
      var model = models[id];
      Object.keys(model).forEach(function (element) {
        if (!/\.n\./.test(element)) tree.assign(data, element, model[element].value === undefined ? "" : model[element].value);
      });
      options.scos[id].arrays.forEach(function (step) {
        tree.assign(data, step[0], step[1] === null ? {} : tree.named(step[1], CHILDREN));
      });
      if (data.cmi.completion_status === "") data.cmi.completion_status = "not attempted";
    }

    function running() { return initialized && !terminated; }

    api.Initialize = function (param) {
      scoId = options.currentSco();
      load(scoId);
      errorCode = "0";
      if (param == "") {
        if (!initialized && !terminated) {
          initialized = true;
          return "true";
        }
        errorCode = initialized ? "103" : "104";
      } else {
        errorCode = "201";
      }
      return "false";
    };

    api.Terminate = function (param) {
      errorCode = "0";
      if (param != "") { errorCode = "201"; return "false"; }
      if (!running()) { errorCode = terminated ? "113" : "112"; return "false"; }
      var answer = store(true), result = answer === "true" ? "true" : "false";
      errorCode = result === "true" ? "0" : "101";
      if (result === "true") {
        initialized = false;
        terminated = true;
        var request = data.adl.nav.request;
        if (request === "continue" || (request === "_none_" && options.auto)) setTimeout(options.next, 500);
        else if (request === "previous") setTimeout(options.previous, 500);
        if (options.stored) options.stored();
      } else {
        diagnostic = "Failure calling the Terminate remote callback: the server replied with HTTP Status " + answer;
      }
      return result;
    };

    api.GetValue = function (element) {
      errorCode = "0";
      diagnostic = "";
      if (!running()) { errorCode = terminated ? "123" : "122"; return ""; }
      if (element == "") { errorCode = "301"; return ""; }
      var generic = String(element).replace(INDEX, ".n."), entry = models[scoId][generic];
      if (entry !== undefined) {
        if (entry.mod === "w") { errorCode = "405"; return ""; }
        var path = String(element).replace(/\.(\d+)\./, ".N$1.").replace(/\.(\d+)\./, ".N$1.");
        if (!tree.reaches(data, path)) { errorCode = "301"; return ""; }
        var value = tree.read(data, path);
        if (value === undefined || value === null) { errorCode = "403"; return ""; }
        return value;
      }
      return unmodelled(String(element), generic);
    };

    /* _children and _count of elements that have none, and adl.nav.request_valid.* */
    function unmodelled(element, generic) {
      var suffix = /\._children$/.test(generic) ? "._children" : /\._count$/.test(generic) ? "._count" : null;
      if (suffix) {
        if (models[scoId][generic.slice(0, -suffix.length)] !== undefined) {
          errorCode = "301";
          diagnostic = suffix === "._children" ? "Data Model Element Does Not Have Children" : "Data Model Element Cannot Have Count";
        } else {
          errorCode = "401";
        }
        return "";
      }
      var prefix = "adl.nav.request_valid.";
      if (element.substr(0, prefix.length) !== prefix) { errorCode = "401"; return ""; }
      var target = element.substr(prefix.length);
      if (target.match(NAV_TARGET) === null) { errorCode = "301"; return ""; }
      var request = data.adl.nav.request;
      return request == target ? "true" : request === "_none_" ? "unknown" : "false";
    }

    api.SetValue = function (element, value) {
      errorCode = "0";
      diagnostic = "";
      if (!running()) { errorCode = terminated ? "133" : "132"; return "false"; }
      if (element == "") { errorCode = "351"; return "false"; }
      var generic = String(element).replace(INDEX, ".n."), entry = models[scoId][generic];
      if (entry === undefined) { errorCode = "401"; return "false"; }
      if (entry.mod === "r") { errorCode = "404"; return "false"; }
      value = value + "";
      var matches = value.match(new RegExp(entry.format));
      if (matches === null || (matches.join("").length === 0 && value.length !== 0)) { errorCode = "406"; return "false"; }
      var path = element;
      if (element !== generic) path = makeItem(element, generic, value);
      if (errorCode !== "0") return "false";
      if (options.autocommit && !timer) timer = setTimeout(function () { api.Commit(""); }, 60000);
      if (entry.range) {
        var number = value * 1.0;
        if (!(number >= entry.range[0]) || !(entry.range[1] === "*" || number <= entry.range[1])) { errorCode = "407"; return "false"; }
        tree.assign(data, path, number);
      } else {
        tree.assign(data, path, value);
      }
      return "true";
    };

    /* A numbered element ("cmi.interactions.3.result"): its item made or checked as Moodle does; the path to store at. */
    function makeItem(element, generic, value) {
      var parts = element.split("."), item = "cmi", list = "cmi";
      for (var i = 1; i < parts.length - 1 && errorCode === "0"; i++) {
        if (!/^\d+$/.test(parts[i + 1])) { item += "." + parts[i]; continue; }
        if (parseInt(parts[i + 1], 10) > 0 && parts[i + 1].charAt(0) == 0) errorCode = "351";   // a leading zero
        list = item + "." + parts[i];
        if (!tree.exists(data, list) || read(list + "._count") === undefined) {
          errorCode = "408";
          continue;
        }
        if (Number(parts[i + 1]) > Number(read(list + "._count"))) fail("351", OUT_OF_ORDER);
        item += "." + parts[i] + ".N" + parts[i + 1];
        i++;
        if (!tree.exists(data, item) && i < parts.length - 2) errorCode = "408";
      }
      if (errorCode !== "0") return null;
      var path = item + "." + parts[parts.length - 1], index = parts[parts.length - 2];
      if (!tree.exists(data, item)) newItem(generic, item, list, path, index, value);
      else checkItem(generic, item, list, path, value);
      return path;
    }

    function read(path) { return tree.reaches(data, path) ? tree.read(data, path) : undefined; }
    function fail(code, why) { errorCode = code; diagnostic = why; }

    function newItem(generic, item, list, path, index, value) {
      var count = read(list + "._count");
      if (generic === "cmi.objectives.n.id") {
        if (duplicatedId(path, list, value)) return fail("351", ID_EXISTS);
        if (tree.looseEqual(index, count)) {
          tree.assign(data, list + "._count", Number(count) + 1);
          var model = models[scoId], objective = {
            success_status: model["cmi.objectives.n.success_status"].value,
            completion_status: model["cmi.objectives.n.completion_status"].value,
            progress_measure: model["cmi.objectives.n.progress_measure"].value,
            score: { _children: CHILDREN.score, scaled: null, raw: null, min: null, max: null }
          };
          tree.assign(data, item, objective);
        }
      } else if (generic === "cmi.interactions.n.id") {
        if (tree.looseEqual(index, count)) {
          tree.assign(data, list + "._count", Number(count) + 1);
          tree.assign(data, item, { objectives: { _count: 0 } });
        }
      } else if (generic === "cmi.interactions.n.objectives.n.id") {
        if (!tree.exists(data, list)) return fail("408", "");
        if (duplicatedId(path, list, value)) return fail("351", ID_EXISTS);
        if (tree.looseEqual(index, count)) {
          tree.assign(data, list + "._count", Number(count) + 1);
          tree.assign(data, item, {});
        }
      } else if (generic === "cmi.interactions.n.correct_responses.n.pattern") {
        if (!tree.exists(data, list)) return fail("408", "");
        if (!tree.looseEqual(index, count)) return fail("351", OUT_OF_ORDER);
        newPattern(item, list, path, value, count);
      } else if (list !== "cmi.objectives" && list !== "cmi.interactions" && tree.exists(data, list)) {
        if (!tree.looseEqual(index, count)) return fail("351", OUT_OF_ORDER);
        tree.assign(data, list + "._count", Number(count) + 1);
        tree.assign(data, item, {});
      } else {
        errorCode = "408";
      }
    }

    function newPattern(item, list, path, value, count) {
      var type = read(list.replace("correct_responses", "type")), rules = PATTERNS[type];
      if (type === "choice") duplicateChoice(list, count, value);
      if (rules.limit !== undefined && !(count < rules.limit)) return fail("351", "Data Model Element Collection Limit Reached");
      var nodes = rules.delimiter !== "" ? value.split(rules.delimiter) : [value];
      if (nodes.length > rules.max) fail("351", TOO_LONG);
      else errorCode = checkPatternNodes(type, nodes, value, errorCode);
      if ((errorCode === "0" && (rules.duplicate === false || !duplicatedPattern(path, list, value))) || (errorCode === "0" && value === "")) {
        tree.assign(data, list + "._count", Number(count) + 1);
        tree.assign(data, item, {});
      } else if (errorCode === "0") {
        fail("351", "Data Model Element Pattern Already Exists");
      }
    }

    function checkItem(generic, item, list, path, value) {
      if (generic === "cmi.objectives.n.id") {
        if (!tree.looseEqual(read(path), value)) fail("351", "Write Once Violation");
      } else if (generic === "cmi.interactions.n.objectives.n.id") {
        if (duplicatedId(path, list, value)) fail("351", ID_EXISTS);
      } else if (generic === "cmi.interactions.n.type") {
        tree.read(data, item).correct_responses = { _count: 0 };
      } else if (generic === "cmi.interactions.n.learner_response") {
        checkResponse(read(item + ".type"), value);
      } else if (generic === "cmi.interactions.n.correct_responses.n.pattern") {
        var type = read("cmi.interactions." + item.split(".")[2] + ".type");
        if (type === undefined) return fail("408", "");
        var rules = PATTERNS[type];
        if (type === "choice") duplicateChoice(list, read(list + "._count"), value);
        var nodes = rules.delimiter !== "" ? value.split(rules.delimiter) : [value];
        if (nodes.length > rules.max) fail("351", TOO_LONG);
        else errorCode = checkPatternNodes(type, nodes, value, errorCode);
      }
    }

    function duplicateChoice(list, count, value) {
      for (var n = 0; n < count && errorCode === "0"; n++) {
        if (tree.looseEqual(read(list + ".N" + n + ".pattern"), value)) errorCode = "351";
      }
    }

    function checkResponse(type, value) {
      if (type === undefined) return fail("408", "");
      var rules = RESPONSES[type], nodes = rules.delimiter !== "" ? value.split(rules.delimiter) : [value];
      if (nodes.length > rules.max) return fail("351", TOO_LONG);
      var format = new RegExp(rules.format);
      for (var i = 0; i < nodes.length && errorCode === "0"; i++) {
        if (rules.delimiter2 !== undefined) {
          var pair = nodes[i].split(rules.delimiter2);
          if (pair.length !== 2 || pair[0].match(format) === null || pair[1].match(new RegExp(rules.format2)) === null) errorCode = "406";
        } else if (nodes[i].match(format) === null) {
          errorCode = "406";
        } else if (nodes[i] !== "" && rules.unique && nodes.slice(0, i).indexOf(nodes[i]) >= 0) {
          errorCode = "406";
        }
      }
    }

    function duplicatedId(path, list, value) {
      var count = read(list + "._count");
      for (var n = 0; n < count; n++) {
        if (list + ".N" + n + ".id" !== path && tree.looseEqual(read(list + ".N" + n + ".id"), value)) return true;
      }
      return false;
    }

    function duplicatedPattern(path, list, value) {
      var count = read(list + "._count");
      for (var n = 0; n < count; n++) {
        if (list + ".N" + n + ".pattern" !== path && tree.looseEqual(read(list + ".N" + n + ".pattern"), value)) return true;
      }
      return false;
    }

    api.Commit = function (param) {
      if (timer) { clearTimeout(timer); timer = null; }
      errorCode = "0";
      if (param != "") { errorCode = "201"; return "false"; }
      if (!running()) { errorCode = terminated ? "143" : "142"; return "false"; }
      var answer = store(false), result = answer === "true" ? "true" : "false";
      errorCode = result === "true" ? "0" : "101";
      if (result === "false") diagnostic = "Failure calling the Commit remote callback: the server replied with HTTP Status " + answer;
      if (options.stored) options.stored();
      return result;
    };

    api.GetLastError = function () { return errorCode; };
    api.GetErrorString = function (param) { return param != "" ? ERRORS[param] || "" : ""; };
    api.GetDiagnostic = function (param) { return diagnostic !== "" ? diagnostic : param; };
    api.version = "1.0";

    function store(finishing) {
      var cmi = data.cmi, pairs = [];
      if (finishing) {
        if (cmi.mode === "normal" && cmi.credit === "credit" && cmi.completion_threshold && cmi.progress_measure) {
          cmi.completion_status = cmi.progress_measure >= cmi.completion_threshold ? "completed" : "incomplete";
        }
        pairs.push(["cmi.total_time", addTime(cmi.total_time, cmi.session_time)]);
      }
      pairs = pairs.concat(changed(cmi, "cmi"));
      var request = data.adl.nav.request;
      if (request !== models[scoId]["adl.nav.request"].value) pairs.push(["adl.nav.request", request]);
      var answer = tree.store(options, scoId, pairs, finishing);
      errorCode = answer.errorCode;
      return answer.result;
    }

    /* Every element whose value differs from its default (the defaults never move in 2004). */
    function changed(node, parent) {
      var pairs = [], model = models[scoId];
      Object.keys(node).forEach(function (property) {
        var value = node[property], element = parent + "." + property;
        if (typeof value === "object") {
          if (value !== null) pairs = pairs.concat(changed(value, element));
          return;
        }
        var entry = model[element.replace(STORED_INDEX, ".n.")];
        if (entry === undefined || entry.mod === "r") return;
        if (entry.value === undefined || !tree.looseEqual(entry.value, value) || typeof entry.value !== typeof value) {
          pairs.push([element, String(value)]);
        }
      });
      return pairs;
    }
  }

  /* Two ISO 8601 durations added as Moodle adds them (its day carry included). */
  function addTime(first, second) {
    var pattern = /^P((\d+)Y)?((\d+)M)?((\d+)D)?(T((\d+)H)?((\d+)M)?((\d+(\.\d{1,2})?)S)?)?$/;
    var a = String(first).match(pattern), b = String(second).match(pattern), text = "P";
    if (a === null || b === null) return text;
    var num = function (parts, n, parse) { var v = parse(parts[n], 10); return v > 0 ? v : 0; };
    var secs = num(a, 13, parseFloat) + num(b, 13, parseFloat), carry = Math.floor(secs / 60);
    secs = Math.round((secs - carry * 60) * 100) / 100;
    var mins = num(a, 11, parseInt) + num(b, 11, parseInt) + carry;
    carry = Math.floor(mins / 60);
    mins = Math.round(mins - carry * 60);
    var hours = num(a, 9, parseInt) + num(b, 9, parseInt) + carry;
    carry = Math.floor(hours / 24);
    hours = Math.round(hours - carry * 24);
    var days = Math.round((num(b, 6, parseInt) || num(a, 6, parseInt)) + carry);   // Moodle keeps one of the two
    var months = num(a, 4, parseInt) + num(b, 4, parseInt), years = num(a, 2, parseInt) + num(b, 2, parseInt);
    if (years > 0) text += years + "Y";
    if (months > 0) text += months + "M";
    if (days > 0) text += days + "D";
    if (hours > 0 || mins > 0 || secs > 0) {
      text += "T";
      if (hours > 0) text += hours + "H";
      if (mins > 0) text += mins + "M";
      if (secs > 0) text += secs + "S";
    }
    return text;
  }

  /* CMI correct-response nodes checked as Moodle's CRcheckValueNodes does (prefixes removed first). */
  function checkPatternNodes(type, nodes, value, errorCode) {
    var rules = PATTERNS[type], format = new RegExp(rules.format);
    for (var i = 0; i < nodes.length && errorCode === "0"; i++) {
      if (/^(fill-in|long-fill-in|matching|performance|sequencing)$/.test(type)) {
        var stripped = removePrefixes(nodes[i]);
        errorCode = stripped.errorCode;
        nodes[i] = stripped.node;
      }
      if (rules.pre !== "") {
        var pre = nodes[i].match(rules.pre);
        if (pre !== null) nodes[i] = nodes[i].substr(pre[1].length);    // throws without the prefix, as Moodle does
      }
      if (rules.delimiter2 !== undefined) {
        var pair = nodes[i].split(rules.delimiter2);
        if (pair.length !== 2 || pair[0].match(format) === null || pair[1].match(new RegExp(rules.format2)) === null) errorCode = "406";
      } else if (nodes[i].match(format) === null && (value !== "" || type === "true-false")) {
        errorCode = "406";
      } else if (type === "numeric" && nodes.length > 1) {
        if (parseFloat(nodes[0]) > parseFloat(nodes[1])) errorCode = "406";
      } else if (nodes[i] !== "" && rules.unique && nodes.slice(0, i).indexOf(nodes[i]) >= 0) {
        errorCode = "406";
      }
    }
    return errorCode;
  }

  function removePrefixes(node) {
    var seenOrder = false, seenCase = false, seenLang = false, errorCode = "0", matches;
    while ((matches = node.match("^({(lang|case_matters|order_matters)=([^}]+)})"))) {
      if (matches[2] === "lang") {
        var lang = node.match(LANG_PREFIX);
        if (lang !== null && lang[3].length > 0 && root.CoursekitLMSLanguages.indexOf(lang[3].toLowerCase()) < 0) errorCode = "406";
        seenLang = true;
      } else if (!seenLang && !seenOrder && !seenCase && matches[3] !== "true" && matches[3] !== "false") {
        errorCode = "406";
      }
      if (matches[2] === "case_matters") seenCase = true;
      if (matches[2] === "order_matters") seenOrder = true;
      node = node.substr(matches[1].length);
    }
    return { errorCode: errorCode, node: node };
  }

  root.CoursekitLMS = root.CoursekitLMS || {};
  root.CoursekitLMS.Scorm2004API = Scorm2004API;
  root.CoursekitLMS.addTime2004 = addTime;
})(typeof window !== "undefined" ? window : globalThis);
