"""Where the templates are: inside the installed package (wheel), or at the top of a source checkout."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "templates"     # the wheel force-includes templates/ here
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "templates"
