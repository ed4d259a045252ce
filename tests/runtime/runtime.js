/* Loads runtime files into a fresh context, as the bundle would (CONTRACT first), for Node's tests. */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const RUNTIME = path.join(__dirname, "..", "..", "templates", "runtime");

function loadRuntime(...names) {
  const context = vm.createContext({});
  vm.runInContext(`var CONTRACT = ${fs.readFileSync(path.join(RUNTIME, "contract.json"), "utf8")};`, context);
  for (const name of names) vm.runInContext(fs.readFileSync(path.join(RUNTIME, name), "utf8"), context, { filename: name });
  return context;
}

function cases(name) {
  return JSON.parse(fs.readFileSync(path.join(process.env.COURSEKIT_CASES, name), "utf8"));
}

module.exports = { loadRuntime, cases };
