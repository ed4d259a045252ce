"""The LMS's tracks in SQLite, kept as Moodle keeps them (mdl_scorm_attempt and mdl_scorm_scoes_value):
one value per element, per SCO, per attempt of a learner at an activity."""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id        INTEGER PRIMARY KEY,
    activity  TEXT NOT NULL,
    learner   TEXT NOT NULL,
    attempt   INTEGER NOT NULL,
    UNIQUE (activity, learner, attempt)
);
CREATE TABLE IF NOT EXISTS tracks (
    attempt_id    INTEGER NOT NULL REFERENCES attempts (id),
    sco           TEXT NOT NULL,
    element       TEXT NOT NULL,
    value         TEXT NOT NULL,
    timemodified  INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, sco, element)
);
"""
MAX_ATTEMPT = 1_000_000


class TrackStore:
    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._memory = sqlite3.connect(":memory:", check_same_thread=False) if self.path == ":memory:" else None
        with self._lock, self._db() as db:
            db.executescript(SCHEMA)

    def _db(self):
        if self._memory is not None:
            return _Shared(self._memory)
        return closing_commit(sqlite3.connect(self.path, timeout=10))

    def attempts(self, activity: str, learner: str) -> list[int]:
        with self._lock, self._db() as db:
            return [row[0] for row in db.execute("SELECT attempt FROM attempts WHERE activity = ? AND learner = ? ORDER BY attempt",
                                                 (activity, learner))]

    def last_attempt(self, activity: str, learner: str) -> int:
        """Moodle's scorm_get_last_attempt: 1 when there is none yet."""
        found = self.attempts(activity, learner)
        return found[-1] if found else 1

    def tracks(self, activity: str, learner: str, attempt: int, sco: str | None = None) -> dict:
        """{sco: {element: value}} of one attempt (one SCO's dict when `sco` is given)."""
        with self._lock, self._db() as db:
            rows = db.execute("SELECT t.sco, t.element, t.value FROM tracks t JOIN attempts a ON a.id = t.attempt_id "
                              "WHERE a.activity = ? AND a.learner = ? AND a.attempt = ? ORDER BY t.sco, t.element",
                              (activity, learner, attempt)).fetchall()
        found: dict[str, dict[str, str]] = {}
        for sco_id, element, value in rows:
            found.setdefault(sco_id, {})[element] = value
        return found.get(sco, {}) if sco is not None else found

    def timemodified(self, activity: str, learner: str, attempt: int, sco: str) -> int:
        with self._lock, self._db() as db:
            row = db.execute("SELECT MAX(t.timemodified) FROM tracks t JOIN attempts a ON a.id = t.attempt_id "
                             "WHERE a.activity = ? AND a.learner = ? AND a.attempt = ? AND t.sco = ?",
                             (activity, learner, attempt, sco)).fetchone()
        return row[0] or 0

    def write(self, activity: str, learner: str, attempt: int, sco: str, values: list[tuple[str, str]]) -> None:
        """Insert or update tracks, creating the attempt on its first track (as scorm_insert_track does)."""
        if not 0 < attempt <= MAX_ATTEMPT:
            raise ValueError(f"attempt must be from 1 to {MAX_ATTEMPT}")
        now = int(time.time())
        with self._lock, self._db() as db:
            db.execute("INSERT OR IGNORE INTO attempts (activity, learner, attempt) VALUES (?, ?, ?)", (activity, learner, attempt))
            attempt_id = db.execute("SELECT id FROM attempts WHERE activity = ? AND learner = ? AND attempt = ?",
                                    (activity, learner, attempt)).fetchone()[0]
            db.executemany("INSERT INTO tracks (attempt_id, sco, element, value, timemodified) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT (attempt_id, sco, element) DO UPDATE SET value = excluded.value, "
                           "timemodified = excluded.timemodified",
                           [(attempt_id, sco, element, value, now) for element, value in values])


class closing_commit:
    """A connection that commits on success and always closes."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, kind, error, trace) -> None:
        with closing(self.connection):
            if kind is None:
                self.connection.commit()


class _Shared(closing_commit):
    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.connection.commit()
