"""A non-editable install (a wheel) carries its templates and builds with no source tree around."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import FIXTURES, REPO_ROOT


def test_the_wheel_ships_templates_and_builds_on_its_own(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "wheel"), str(REPO_ROOT)],
                   check=True, capture_output=True)
    [wheel] = (tmp_path / "wheel").glob("coursekit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("page.html.j2", "coursekit.css", "runtime/player.js", "runtime/scorm12.js", "i18n/en.yml"):
        assert f"builder/templates/{template}" in names

    # A venv of its own, which finds the dependencies where this interpreter found them (whether it runs
    # in a venv or not: --system-site-packages would give the base interpreter's, not this one's), after
    # its own site-packages, so the wheel's copy of coursekit comes first.
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                         check=True, capture_output=True, text=True).stdout.strip()
    Path(own, "coursekit-test-dependencies.pth").write_text("\n".join(dependency_folders()) + "\n")
    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "PYTHONHOME")}
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True, capture_output=True, env=env)
    where = subprocess.run([str(python), "-c", "import builder; print(builder.__file__)"], cwd=tmp_path,
                           check=True, capture_output=True, text=True, env=env).stdout
    assert str(tmp_path / "venv") in where
    build = subprocess.run([str(tmp_path / "venv" / "bin" / "coursekit"), "build", str(FIXTURES / "courses" / "sample"),
                            "--out", str(tmp_path / "dist")], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr
    assert len(list((tmp_path / "dist").glob("*.zip"))) == 2


def dependency_folders() -> list[str]:
    """The folders this interpreter imports coursekit's dependencies from."""
    names = ("jinja2", "markupsafe", "markdown", "lxml", "yaml", "latex2mathml", "nh3")
    return sorted({str(Path(importlib.import_module(name).__file__).resolve().parent.parent) for name in names})
