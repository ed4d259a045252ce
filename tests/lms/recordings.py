"""The recordings made in a real Moodle 5.0.6 (../shared/moodle-reference), and playing them here."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.lms.activity import LMS, import_package
from builder.lms.datamodel import Learner
from builder.lms.store import TrackStore
from builder.moodle_settings import MoodleSettings
from builder.paths import templates_dir
from tests.conftest import REPO_ROOT

REFERENCE = REPO_ROOT.parent / "shared" / "moodle-reference"
TRACES = REFERENCE / "api-probe" / "traces"
PROBES = REFERENCE / "api-probe" / "probe-sco"
TRACKS = REFERENCE / "coursekit-tracks"
PROBE_ZIPS = {"scorm12": "probe-scorm12.zip", "scorm2004-4th_1sco": "probe-scorm2004-4th-1sco.zip",
              "scorm2004-4th_2sco": "probe-scorm2004-4th-2sco.zip"}
PROBE_SCOS = {"12": "probe-sco-1", "2004single": "probe-sco-1", "2004a": "probe-sco-1", "2004b": "probe-sco-2"}
# How the recordings' activities were set up (README: grading Highest, max 100, "Passed or completed", mastery override on)
RECORDED_SETTINGS = MoodleSettings()
LONG = re.compile(r"^<(\d+) chars: (.{0,20})\.\.\.>$", re.S)


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"Moodle recordings not found: put moodle-reference/ in ../shared ({path} is missing)")
    return path


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed (apt-get install -y nodejs)")
    return found


def expand(value):
    """The probe's long strings, "<N chars: abcdefghij...>", back to what was sent."""
    if isinstance(value, str):
        match = LONG.match(value)
        if match:
            return ("abcdefghij" * (int(match.group(1)) // 10 + 1))[: int(match.group(1))]
    return value


def abbreviate(value, limit: int = 120):
    return f"<{len(value)} chars: {value[:20]}...>" if isinstance(value, str) and len(value) > limit else value


def read_trace(name: str) -> list[dict]:
    return [json.loads(line) for line in require(TRACES / f"{name}.jsonl").read_text().splitlines() if line.strip()]


def probe_lms(name: str, standards: bool, tmp_path: Path, user: str) -> tuple[LMS, Learner]:
    lms = LMS(TrackStore(":memory:"))
    package = next(zip_name for prefix, zip_name in PROBE_ZIPS.items() if name.startswith(prefix))
    lms.add(import_package("probe", require(PROBES / package), tmp_path / "probe", RECORDED_SETTINGS, standards))
    return lms, Learner(user, "Lab", "Student")


def replay(launch: dict, calls: list[dict]) -> dict:
    """Run the calls against the JavaScript APIs in Node: each call's answers, and what the API posted."""
    payload = {"templates": str(templates_dir()), "launch": launch, "calls": calls}
    done = subprocess.run([node(), str(Path(__file__).with_name("replay.js"))], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
