/* grading.js against the Python oracle's grades (cases written by tests/runtime/test_runtime.py). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, cases } = require("./runtime.js");

const runtime = loadRuntime("state.js", "grading.js");
const plain = (value) => JSON.parse(JSON.stringify(value));

test("every sample answer gets the oracle's credit", () => {
  for (const c of cases("grading.json")) {
    const result = runtime.gradeAnswer(c.kind, c.key, c.answer);
    assert.equal(result.percent, c.percent, `${c.question} (${c.kind}) answered ${JSON.stringify(c.answer)}`);
  }
});

test("feedback comes from the key's named fields", () => {
  for (const c of cases("grading.json")) {
    const result = runtime.gradeAnswer(c.kind, c.key, c.answer);
    for (const note of result.feedback) assert.ok(note === null || typeof note === "string", c.question);
    if (c.kind === "multiple_choice" && c.answer) {
      const choice = c.key.choices[parseInt(c.answer, 36)];
      assert.deepEqual(plain(result.feedback), [choice && choice.feedback !== undefined ? choice.feedback : null], c.question);
    }
  }
});

test("the correct response of every graded question earns full credit", () => {
  const seen = new Set();
  for (const c of cases("grading.json")) {
    if (seen.has(c.question) || c.percent === null) continue;
    seen.add(c.question);
    const correct = runtime.correctParts(c.kind, c.key);
    assert.ok(correct !== null, c.question);
    if (c.kind === "short_answer") assert.equal(runtime.gradeAnswer(c.kind, c.key, correct.text).percent, Math.max(...c.key.texts.map((t) => t.credit)));
    if (c.kind === "numerical" && correct.min !== null) {
      assert.equal(runtime.gradeAnswer(c.kind, c.key, String((correct.min + correct.max) / 2)).percent, Math.max(...c.key.ranges.map((r) => r.credit)));
    }
  }
});
