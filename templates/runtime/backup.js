/* A copy of the learner state in this browser, beside the LMS's: if a commit fails and the window
   closes, or the module is open in two tabs, nothing the learner did is lost. Merging is monotone:
   a lesson viewed stays viewed, attempts and the best score only grow, so a stale tab can never
   undo what a newer one recorded. Storage may be unavailable (private modes): then it does nothing. */
function StateBackup(key, onChange) {
  this.key = "coursekit-backup:" + key;
  var backup = this;
  try {
    window.addEventListener("storage", guard(function (event) {
      if (event.key === backup.key && event.newValue) onChange(event.newValue);
    }));
  } catch (error) { /* no storage events: single tab only */ }
}

StateBackup.prototype.read = function () {
  try {
    return window.localStorage.getItem(this.key) || "";
  } catch (error) {
    return "";
  }
};

StateBackup.prototype.write = function (encoded) {
  try {
    window.localStorage.setItem(this.key, encoded);
  } catch (error) { /* full or disabled: the LMS copy is all there is */ }
};

function mergeState(mine, theirs) {
  mine.visited = mine.visited.map(function (seen, i) { return seen || Boolean(theirs.visited[i]); });
  var a = mine.quiz, b = theirs.quiz;
  if (!a || !b || b.attempts < a.attempts || (b.attempts === a.attempts && b.best === a.best)) return mine;
  // The other copy has more attempts (or a better score): its results win; this tab's draft stays.
  a.best = a.best === null ? b.best : (b.best === null ? a.best : Math.max(a.best, b.best));
  if (b.attempts > a.attempts) {
    a.attempts = b.attempts;
    a.scores = b.scores.slice();
    a.submitted = b.submitted;
    a.seed = b.seed;
    a.answers = b.answers.slice();
    a.checked = b.checked.slice();
  }
  return mine;
}
