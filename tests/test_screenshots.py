"""The README's screenshots come from a script; it must keep working."""
from __future__ import annotations

import struct
import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_the_screenshot_script_photographs_desktop_phone_and_arabic(tmp_path):
    run = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "screenshots.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    sizes = {}
    for name in ("desktop.png", "phone.png", "arabic.png"):
        header = (tmp_path / name).read_bytes()[:24]
        assert header.startswith(b"\x89PNG")
        sizes[name] = struct.unpack(">II", header[16:24])
    assert sizes == {"desktop.png": (1280, 860), "phone.png": (390, 780), "arabic.png": (1100, 760)}
