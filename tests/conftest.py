"""Shared test fixtures: where the repository, the official SCORM schemas and the fixtures are."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMAS_DIR = REPO_ROOT.parent / "shared" / "scorm-schemas"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def schemas_dir() -> Path:
    """The official SCORM schemas, found at ../shared/scorm-schemas beside the checkout."""
    if not (SCHEMAS_DIR / "scorm12").is_dir():
        pytest.skip(f"needs the official SCORM schemas: put them at {SCHEMAS_DIR} (scorm12/, scorm2004-3rd/, scorm2004-4th/)")
    return SCHEMAS_DIR


COURSE_YML = "id: c\ntitle: C\nlanguage: en\nversion: 1.0.0\n"


def one_module_course(root: Path, lesson: str, *, course: str = COURSE_YML, files: dict[str, str | bytes] | None = None) -> Path:
    """The smallest course: `course` as course.yml, one module (01-m, titled M) with one lesson
    (01-l.md, titled L, its body `lesson`) and `files` beside it in the module folder."""
    module = root / "01-m"
    module.mkdir(parents=True, exist_ok=True)
    (root / "course.yml").write_text(course)
    (module / "module.yml").write_text("title: M\n")
    (module / "01-l.md").write_text(f"---\ntitle: L\n---\n{lesson}")
    for name, content in (files or {}).items():
        (module / name).write_bytes(content) if isinstance(content, bytes) else (module / name).write_text(content)
    return root
