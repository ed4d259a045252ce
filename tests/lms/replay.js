/* Replays recorded API calls against coursekit's LMS APIs in Node, as the probe made them in Moodle: after
   each call, GetLastError, GetErrorString(code), GetDiagnostic(code) and GetDiagnostic("").
   stdin: {templates, launch (activity.LMS.launch's data), calls: [{sco, call, args}]}
   stdout: {results: [...], posts: [{sco, pairs, finishing}]} */
"use strict";
const fs = require("fs");
const path = require("path");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
globalThis.CoursekitLMSDataModel = JSON.parse(fs.readFileSync(path.join(input.templates, "lms", "datamodel.json"), "utf8"));
for (const file of ["tree.js", "languages.js", "scorm12.js", "scorm2004.js"]) {
  (0, eval)(fs.readFileSync(path.join(input.templates, "lms", file), "utf8"));
}
const launch = input.launch, is12 = launch.version === "1.2";
let current = launch.start;
const posts = [];
const options = {
  scos: launch.scos, standards: launch.standards, masteryOverride: launch.masteryOverride, auto: launch.auto,
  currentSco: () => current,
  store: (sco, pairs, finishing) => { posts.push({ sco, pairs, finishing }); return "true\n0"; },
  next: () => {}, previous: () => {}
};
const api = is12 ? new CoursekitLMS.Scorm12API(options) : new CoursekitLMS.Scorm2004API(options);
const F = is12 ? { err: "LMSGetLastError", str: "LMSGetErrorString", diag: "LMSGetDiagnostic" }
               : { err: "GetLastError", str: "GetErrorString", diag: "GetDiagnostic" };
const results = input.calls.map((c) => {
  current = c.sco;
  const o = {};
  try {
    const r = api[c.call].apply(api, c.args);
    o.returned = r === undefined ? null : r;
    o.type = typeof r;
  } catch (e) {
    o.exception = String(e);
    o.returned = null;
  }
  const code = api[F.err]();
  o.error_code = code;
  const text = api[F.str](code);
  o.error_string = text === undefined ? null : text;
  o.diagnostic = api[F.diag](code);
  o.diagnostic_noarg = api[F.diag]("");
  return o;
});
process.stdout.write(JSON.stringify({ results, posts }));
