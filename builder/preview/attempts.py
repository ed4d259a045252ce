"""Attempts and their run-time data, in SQLite, as Moodle records them.

Each module (course id / module id) has numbered attempts; an attempt keeps the last value of each
element the SCO committed (Moodle's tracks) and the log of its commits and finishes. Resetting starts
the next attempt; earlier ones stay in the file.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from builder.preview.cmi import element_order, stored_values

EVENTS = ("commit", "finish")
SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id          INTEGER PRIMARY KEY,
    module_key  TEXT NOT NULL,                -- course id/module id
    number      INTEGER NOT NULL,             -- 1, 2... for each module
    started_at  TEXT NOT NULL,
    UNIQUE (module_key, number)
);
CREATE TABLE IF NOT EXISTS tracks (           -- the last value of each element, as Moodle keeps them
    attempt_id  INTEGER NOT NULL REFERENCES attempts (id),
    element     TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (attempt_id, element)
);
CREATE TABLE IF NOT EXISTS commits (          -- every LMSCommit and LMSFinish, with the values it sent
    id          INTEGER PRIMARY KEY,
    attempt_id  INTEGER NOT NULL REFERENCES attempts (id),
    event       TEXT NOT NULL CHECK (event IN ('commit', 'finish')),
    at          TEXT NOT NULL,
    sent        TEXT NOT NULL                 -- JSON: {"element": "value", ...}
);
"""


class UnknownAttempt(Exception):
    """A commit names an attempt that is not one of this module's."""


@dataclass(frozen=True)
class Attempt:
    id: int
    module_key: str
    number: int
    started_at: str


@dataclass(frozen=True)
class Commit:
    event: str
    at: str
    sent: dict[str, str]


@dataclass(frozen=True)
class AttemptRecord:
    attempt: Attempt
    tracks: dict[str, str]            # element -> value, in data-model order
    commits: list[Commit]

    @property
    def status(self) -> str:
        return self.tracks.get("cmi.core.lesson_status", "not attempted")

    @property
    def score(self) -> str:
        return self.tracks.get("cmi.core.score.raw", "")


class AttemptStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._writing = threading.RLock()    # one writer at a time: numbering attempts must not race
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def latest(self, module_key: str) -> AttemptRecord | None:
        """The module's current attempt, or None when it was never launched."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT id, module_key, number, started_at FROM attempts WHERE module_key = ? "
                             "ORDER BY number DESC LIMIT 1", (module_key,)).fetchone()
            return self._record(db, Attempt(*row)) if row else None

    def current(self, module_key: str) -> AttemptRecord:
        """The module's current attempt; a launch of a module never launched starts attempt 1."""
        with self._writing:
            return self.latest(module_key) or self.reset(module_key)

    def reset(self, module_key: str) -> AttemptRecord:
        """Start the next attempt, with no data: the SCO is launched afresh."""
        with self._writing, closing(self._connect()) as db, db:
            number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM attempts WHERE module_key = ?",
                                (module_key,)).fetchone()[0]
            started = now()
            cursor = db.execute("INSERT INTO attempts (module_key, number, started_at) VALUES (?, ?, ?)",
                                (module_key, number, started))
            return AttemptRecord(Attempt(cursor.lastrowid, module_key, number, started), {}, [])

    def record(self, module_key: str, attempt_id: int, event: str, values: dict[str, str]) -> AttemptRecord:
        """Store what a commit or finish sent into its attempt; the attempt's record after it."""
        if event not in EVENTS:
            raise ValueError(f"event must be one of {', '.join(EVENTS)}")
        with self._writing, closing(self._connect()) as db, db:
            row = db.execute("SELECT id, module_key, number, started_at FROM attempts WHERE id = ? AND module_key = ?",
                             (attempt_id, module_key)).fetchone()
            if row is None:
                raise UnknownAttempt(f"attempt {attempt_id} is not an attempt of {module_key}")
            attempt, at = Attempt(*row), now()
            stored = stored_values(self._tracks(db, attempt.id), event, values)
            db.executemany("INSERT INTO tracks (attempt_id, element, value, updated_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (attempt_id, element) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                           [(attempt.id, element, value, at) for element, value in stored.items()])
            db.execute("INSERT INTO commits (attempt_id, event, at, sent) VALUES (?, ?, ?, ?)",
                       (attempt.id, event, at, json.dumps(values, ensure_ascii=False)))
            return self._record(db, attempt)

    def _record(self, db: sqlite3.Connection, attempt: Attempt) -> AttemptRecord:
        commits = [Commit(event, at, json.loads(sent)) for event, at, sent in
                   db.execute("SELECT event, at, sent FROM commits WHERE attempt_id = ? ORDER BY id", (attempt.id,))]
        return AttemptRecord(attempt, self._tracks(db, attempt.id), commits)

    @staticmethod
    def _tracks(db: sqlite3.Connection, attempt_id: int) -> dict[str, str]:
        rows = db.execute("SELECT element, value FROM tracks WHERE attempt_id = ?", (attempt_id,)).fetchall()
        return dict(sorted(rows, key=lambda row: element_order(row[0])))


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
