"""A non-editable install (a wheel) carries its templates and builds with no source tree around."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import FIXTURES, REPO_ROOT


def test_the_wheel_ships_templates_and_builds_on_its_own(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "wheel"), str(REPO_ROOT)],
                   check=True, capture_output=True)
    [wheel] = (tmp_path / "wheel").glob("coursekit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("page.html.j2", "coursekit.css", "runtime/player.js", "runtime/scorm12.js", "i18n/en.yml"):
        assert f"builder/templates/{template}" in names

    # System site-packages provide the dependencies; the venv's own copy of coursekit comes first.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True, capture_output=True)
    where = subprocess.run([str(python), "-c", "import builder; print(builder.__file__)"], cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout
    assert str(tmp_path / "venv") in where
    build = subprocess.run([str(tmp_path / "venv" / "bin" / "coursekit"), "build", str(FIXTURES / "courses" / "sample"),
                            "--out", str(tmp_path / "dist")], cwd=tmp_path, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert len(list((tmp_path / "dist").glob("*.zip"))) == 2
