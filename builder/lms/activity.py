"""A SCORM activity of the LMS: a package imported with its Moodle settings, played by learners.

    launch()  what Moodle's player.php hands the page: the SCOs' launch data, the SCO to start with
    post()    datamodel.php: the values a SCO sends, stored
    report()  what Moodle stored, the grade and the activity completion
"""
from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from builder.lms.datamodel import Learner, entry_status, launch_data, post
from builder.lms.grading import Completion, Grade, completion, gradebook, score_raw
from builder.lms.package import ImportedPackage, PackageError, read_folder_manifest, read_zip_manifest
from builder.lms.store import TrackStore
from builder.moodle_settings import MoodleSettings

UNFINISHED = ("", "notattempted", "incomplete", "browsed")


@dataclass(frozen=True)
class ScoReport:
    identifier: str
    title: str
    status: str                      # lesson_status (1.2) or completion_status (2004), as stored
    success: str                     # 2004 success_status
    score: float | None
    tracks: dict[str, str]


@dataclass(frozen=True)
class Report:
    attempt: int
    scos: tuple[ScoReport, ...]
    attempts: dict[int, dict[str, dict[str, str]]]
    grade: Grade | None
    completion: Completion


@dataclass
class Activity:
    id: str
    package: ImportedPackage
    folder: Path                       # the package, unpacked
    settings: MoodleSettings = field(default_factory=MoodleSettings)
    standards: bool = False            # the site's "SCORM standards mode" (scormstandard)

    @property
    def sco_ids(self) -> list[str]:
        return [sco.identifier for sco in self.package.scos]


def import_package(activity_id: str, zip_path: Path, folder: Path, settings: MoodleSettings | None = None,
                   standards: bool = False) -> Activity:
    """A zip read and unpacked into `folder`, as Moodle does on upload (entries that would land
    outside `folder` are refused)."""
    package = playable(read_zip_manifest(zip_path), zip_path)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts:
                raise PackageError(f"{zip_path.name}: {info.filename} would be written outside the package")
        archive.extractall(folder)
    return Activity(activity_id, package, folder, settings or MoodleSettings(), standards)


def import_folder(activity_id: str, folder: Path, settings: MoodleSettings | None = None, standards: bool = False) -> Activity:
    """A package already unpacked in `folder` (the preview writes its packages so)."""
    package = playable(read_folder_manifest(folder), folder)
    return Activity(activity_id, package, folder, settings or MoodleSettings(), standards)


def playable(package: ImportedPackage, source: Path) -> ImportedPackage:
    if not package.scos:
        raise PackageError(f"{source.name}: no SCO to launch")
    return package


class LMS:
    """Activities and their tracks."""

    def __init__(self, store: TrackStore) -> None:
        self.store = store
        self.activities: dict[str, Activity] = {}

    def add(self, activity: Activity) -> Activity:
        self.activities[activity.id] = activity
        return activity

    def launch(self, activity_id: str, learner: Learner, new_attempt: bool = False, sco: str | None = None) -> dict:
        """The player page's data, as player.php prepares it; the SCO it starts stores x.start.time."""
        activity = self.activities[activity_id]
        attempt = self.store.last_attempt(activity_id, learner.username)
        if new_attempt and self.store.attempts(activity_id, learner.username):
            attempt += 1
        tracks = self.store.tracks(activity_id, learner.username, attempt)
        start = sco or first_unfinished(activity, tracks)
        scos = {s.identifier: launch_data(s, tracks.get(s.identifier, {}), learner, activity.standards, activity.package.is_2004)
                for s in activity.package.scos}
        self.store.write(activity_id, learner.username, attempt, start, [("x.start.time", str(self._now()))])
        settings = activity.settings
        return {
            "activity": activity_id, "version": "2004" if activity.package.is_2004 else "1.2", "attempt": attempt, "start": start,
            "scos": scos, "order": activity.sco_ids, "standards": activity.standards,
            "launch": {s.identifier: s.launch for s in activity.package.scos},
            "titles": {s.identifier: s.title for s in activity.package.scos},
            "masteryOverride": settings.masteryoverride, "auto": settings.auto,
        }

    @staticmethod
    def _now() -> int:
        import time
        return int(time.time())

    def post(self, activity_id: str, learner: Learner, attempt: int, sco: str, pairs: list[tuple[str, str]]) -> str:
        activity = self.activities[activity_id]
        if sco not in activity.sco_ids:
            raise KeyError(f"no SCO {sco} in {activity_id}")
        return post(self.store, activity_id, learner, attempt, sco, pairs, activity.settings.forcecompleted)

    def report(self, activity_id: str, learner: Learner) -> Report:
        activity = self.activities[activity_id]
        numbers = self.store.attempts(activity_id, learner.username)
        attempts = {n: self.store.tracks(activity_id, learner.username, n) for n in numbers}
        last = numbers[-1] if numbers else 1
        current = attempts.get(last, {})
        scos = tuple(ScoReport(s.identifier, s.title, status_of(current.get(s.identifier, {})),
                               current.get(s.identifier, {}).get("cmi.success_status", ""),
                               score_raw(current.get(s.identifier, {})), current.get(s.identifier, {}))
                     for s in activity.package.scos)
        return Report(last, scos, attempts, gradebook(activity.sco_ids, attempts, activity.settings),
                      completion(activity.sco_ids, attempts, activity.settings))


def status_of(tracks: dict[str, str]) -> str:
    return tracks.get("cmi.core.lesson_status") or tracks.get("cmi.completion_status") or ""


def first_unfinished(activity: Activity, tracks: dict[str, dict[str, str]]) -> str:
    """player.php without a SCO asked for: the first SCO not yet completed or passed, else the first."""
    for sco in activity.sco_ids:
        if entry_status(tracks.get(sco, {})) in UNFINISHED:
            return sco
    return activity.sco_ids[0]
