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
