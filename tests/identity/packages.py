"""Every package of the default courses and of the fixture courses, in every SCORM version, as
digests: the whole zip and each entry. A refactoring must leave them byte-identical.

    PYTHONPATH=. python -m tests.identity.packages --record     # after an intended change only
"""
from __future__ import annotations

import hashlib
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

from builder.build import build
from builder.diagnostics import Diagnostics

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSES = REPO_ROOT / "tests" / "fixtures" / "courses"
# report-reference is the planning module as it was when Moodle's report was recorded: the same
# course id as courses/industrial-parks, so it cannot be built beside it.
SOURCES = [REPO_ROOT / "courses", *sorted(p for p in FIXTURE_COURSES.iterdir() if p.is_dir() and p.name != "report-reference")]
VERSIONS = ("1.2", "2004-3rd", "2004-4th")
RECORD = REPO_ROOT / "tests" / "fixtures" / "package-digests.json"


def zip_digests(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: hashlib.sha256(archive.read(info)).hexdigest() for info in archive.infolist()}
    return {"zip": hashlib.sha256(data).hexdigest(), "entries": entries}


def package_digests() -> dict[str, dict]:
    """Package name -> digests, for module packages and whole-course packages in every version."""
    found: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        for scorm in VERSIONS:
            for whole_course in (False, True):
                out = Path(folder) / f"{scorm}-{whole_course}"
                diagnostics = Diagnostics()
                result = build(SOURCES, out, diagnostics, scorm=scorm, whole_course=whole_course)
                if diagnostics.has_errors:
                    raise RuntimeError("\n".join(map(str, diagnostics)))
                for path in result.written:
                    found[path.name] = zip_digests(path.read_bytes())
    return dict(sorted(found.items()))


def recorded() -> dict[str, dict]:
    return json.loads(RECORD.read_text())


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    lines = [f"missing: {name}" for name in expected.keys() - actual.keys()]
    lines += [f"new: {name}" for name in actual.keys() - expected.keys()]
    for name in sorted(expected.keys() & actual.keys()):
        if expected[name]["zip"] != actual[name]["zip"]:
            was, now = expected[name]["entries"], actual[name]["entries"]
            changed = sorted(e for e in was.keys() | now.keys() if was.get(e) != now.get(e)) or ["(zip layout)"]
            lines.append(f"{name}: {', '.join(changed)}")
    return lines


if __name__ == "__main__":
    digests = package_digests()
    if "--record" in sys.argv:
        old = recorded() if RECORD.is_file() else {}
        print("\n".join(differences(old, digests)) or "no change")
        RECORD.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
        print(f"recorded {len(digests)} packages in {RECORD.relative_to(REPO_ROOT)}")
    else:
        print("\n".join(differences(recorded(), digests)) or f"all {len(digests)} packages identical")
