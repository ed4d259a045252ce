/* state.js against the layout the Python side writes from the same contract, and its budget. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, cases } = require("./runtime.js");

const runtime = loadRuntime("state.js");
const plain = (value) => JSON.parse(JSON.stringify(value));

test("a state encodes exactly as the Python side writes it, and decodes back", () => {
  for (const c of cases("state.json")) {
    const questions = c.sample.quiz ? c.sample.quiz.answers.length : 0;
    assert.equal(runtime.encodeState(c.sample, c.hash), c.encoded, c.module);
    assert.deepEqual(plain(runtime.decodeState(c.encoded, c.lessons, questions, c.hash)), c.sample, c.module);
  }
});

test("the widest state is exactly the build's budget", () => {
  const widest = 4294967295;          // the largest seed (a 32-bit unsigned number)
  for (const c of cases("state.json")) {
    const questions = c.answerSizes ? c.answerSizes.length : 0;
    const state = runtime.emptyState(c.lessons, questions);
    state.visited = state.visited.map(() => true);
    if (state.quiz) {
      Object.assign(state.quiz, { attempts: 100, best: 99.99, scores: Array(runtime.SCORES_KEPT).fill(99.99), seed: widest, submitted: true });
      state.quiz.answers = c.answerSizes.map((size) => "x".repeat(size));
    }
    assert.equal(runtime.encodeState(state, c.hash).length, c.budget, c.module);
  }
});

test("a state of another build, or damaged, starts fresh", () => {
  const c = cases("state.json").find((entry) => entry.sample.quiz);
  const questions = c.sample.quiz.answers.length;
  const fresh = plain(runtime.emptyState(c.lessons, questions));
  assert.deepEqual(plain(runtime.decodeState(c.encoded, c.lessons, questions, "ffffffff")), fresh);
  assert.deepEqual(plain(runtime.decodeState(c.encoded.slice(0, -1), c.lessons, questions, c.hash)), fresh);
  assert.deepEqual(plain(runtime.decodeState("ck0" + c.encoded.slice(3), c.lessons, questions, c.hash)), fresh);
});
