"""The README's picture of the report is made by its script, from Moodle's own download."""
from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

REFERENCE = REPO_ROOT.parent / "shared" / "moodle-reference" / "interactions-report"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/moodle-reference/interactions-report/ not found")
def test_the_readme_picture_script_photographs_the_report(tmp_path):
    run = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "report_screenshot.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    header = (tmp_path / "report.png").read_bytes()[:24]
    assert header.startswith(b"\x89PNG") and struct.unpack(">II", header[16:24]) == (1100, 900)
