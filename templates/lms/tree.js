/* coursekit's LMS: the run-time data as Moodle's player keeps it, a tree of plain objects reached by
   dotted paths ("cmi.objectives_0.score.raw" in SCORM 1.2, "cmi.objectives.N0.id" in 2004), and the
   JavaScript semantics Moodle's player relies on (loose comparison, errors on undefined parents). */
(function (root) {
  "use strict";

  function describe(value) {
    return value === null ? "null" : "undefined";
  }

  /* path = value, failing as JavaScript fails when a parent is missing. */
  function assign(data, path, value) {
    var parts = path.split("."), node = data[parts[0]];
    for (var i = 1; i < parts.length - 1; i++) {
      if (node === undefined || node === null) {
        throw new TypeError("Cannot read properties of " + describe(node) + " (reading '" + parts[i] + "')");
      }
      node = node[parts[i]];
    }
    if (node === undefined || node === null) {
      throw new TypeError("Cannot set properties of " + describe(node) + " (setting '" + parts[parts.length - 1] + "')");
    }
    node[parts[parts.length - 1]] = value;
  }

  function read(data, path) {
    var parts = path.split("."), node = data[parts[0]];
    for (var i = 1; i < parts.length; i++) {
      if (node === undefined || node === null) {
        throw new TypeError("Cannot read properties of " + describe(node) + " (reading '" + parts[i] + "')");
      }
      node = node[parts[i]];
    }
    return node;
  }

  /* Moodle's walk: every parent of the last name exists (the last one itself may not). */
  function reaches(data, path) {
    var parts = path.split("."), node = data[parts[0]], i = 1;
    while (i < parts.length && node !== undefined) {
      if (node === null) throw new TypeError("Cannot read properties of null (reading '" + parts[i] + "')");
      node = node[parts[i++]];
    }
    return i === parts.length;
  }

  function exists(data, path) {
    return reaches(data, path) && read(data, path) !== undefined;
  }

  /* SCORM 1.2: the items a numbered element needs ("cmi.objectives.0.id" makes cmi.objectives_0 and counts it),
     made even when the number is out of order, as Moodle makes them; the path to store at. */
  function makeItems(data, element) {
    var parts = element.split("."), path = "cmi", outOfOrder = false;
    for (var i = 1; i < parts.length - 1; i++) {
      var name = parts[i];
      if (/^\d+$/.test(parts[i + 1])) {
        var list = read(data, path + "." + name);
        if (list === undefined) {
          list = { _count: 0 };
          assign(data, path + "." + name, list);
        }
        if (looseEqual(parts[i + 1], list._count)) list._count++;
        if (Number(parts[i + 1]) > Number(list._count)) outOfOrder = true;
        path += "." + name + "_" + parts[i + 1];
        i++;
      } else {
        path += "." + name;
      }
      if (read(data, path) === undefined) {
        var item = {};
        if (path.substr(0, 14) === "cmi.objectives") item.score = { _children: "raw,min,max", raw: "", min: "", max: "" };
        if (path.substr(0, 16) === "cmi.interactions") {
          item.objectives = { _count: 0 };
          item.correct_responses = { _count: 0 };
        }
        assign(data, path, item);
      }
    }
    return { path: path + "." + parts[parts.length - 1], outOfOrder: outOfOrder };
  }

  /* JavaScript's == for the values a data model holds (strings, numbers, null, undefined). */
  function looseEqual(a, b) {
    if (a === null || a === undefined || b === null || b === undefined) return (a === null || a === undefined) === (b === null || b === undefined);
    if (typeof a === typeof b) return a === b;
    return Number(a) === Number(b);
  }

  function clone(entry) {
    var copy = {};
    Object.keys(entry).forEach(function (key) { copy[key] = entry[key]; });
    return copy;
  }

  /* The name Moodle's player posts an element under (datamodel.php turns "__" back into "."). */
  function posted(element) {
    return String(element).replace(/.N/g, ".").replace(/\./g, "__");
  }

  /* Post the changed elements as the player's datamodel.php receives them; its answer is the result
     ("true"/"false") on the first line and the error code on the second. */
  function store(options, scoId, pairs, finishing) {
    var answer = String(options.store(scoId, pairs.map(function (p) { return [posted(p[0]), p[1]]; }), finishing));
    var lines = answer.split("\n");
    return { result: lines[0], errorCode: lines[1] };
  }

  /* A value of a reconstituted list: {children: "score"} is that list's _children constant. */
  function named(value, children) {
    return value !== null && typeof value === "object" ? children[value.children] : value;
  }

  root.CoursekitLMSTree = { assign: assign, read: read, reaches: reaches, exists: exists, makeItems: makeItems,
                            looseEqual: looseEqual, clone: clone, posted: posted, store: store, named: named };
})(typeof window !== "undefined" ? window : globalThis);
