/* coursekit's LMS: the SCORM 2004 API (window.API_1484_11) as Moodle 5.0's player answers it.

   Written from reading Moodle's mod/scorm/datamodels/scorm_13.js and checked against recordings of a
   real Moodle 5.0.6; its data model (elements, formats, the rules of responses) is datamodel.json,
   which the server checks posted values against too (builder/lms/elements.py). What packages meet
   there, kept here:
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
  var MODEL = root.CoursekitLMSDataModel["2004"], FORMATS = MODEL.formats, CHILDREN = MODEL.children;
  var RESPONSES = withFormats(MODEL.responses), PATTERNS = withFormats(MODEL.patterns);   // by interaction type
  var INDEX = /[._](\d+)./g, STORED_INDEX = /.N(\d+)./g;
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

  /* The data model of one SCO (datamodel.json): element -> {value: default, mod, format, range}; "@" takes the
     SCO's launch value. */
  function dataModel(def) {
    var model = {};
    Object.keys(MODEL.elements).forEach(function (element) {
      var spec = MODEL.elements[element];
      model[element] = { value: spec.value === "@" ? def[element] : tree.named(spec.value, CHILDREN), mod: spec.mod,
                         format: FORMATS[spec.format], range: spec.range };
    });
    return model;
  }

  /* The rules of learner_response or correct_responses.n.pattern by interaction type, their formats named. */
  function withFormats(table) {
    var rules = {};
    Object.keys(table).forEach(function (type) {
      rules[type] = {};
      Object.keys(table[type]).forEach(function (key) {
        rules[type][key] = key === "format" || key === "format2" ? FORMATS[table[type][key]] : table[type][key];
      });
    });
    return rules;
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
      if (target.match(FORMATS.NAV_TARGET) === null) { errorCode = "301"; return ""; }
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
        var lang = node.match(FORMATS.LANG_PREFIX);
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
