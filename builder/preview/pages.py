"""The preview's HTML pages, from the Jinja2 templates in templates/preview/."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from builder.diagnostics import Location, display_path
from builder.preview.attempts import AttemptRecord
from builder.preview.builds import BuildState, PreviewModule
from builder.preview.cmi import launch_values, nested
from builder.paths import templates_dir


@dataclass(frozen=True)
class Endpoints:
    """Where the player page finds the module and sends its data."""

    launch: str
    commit: str
    reset: str


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(preview_templates())),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters["display_path"] = display_path
    environment.filters["source_line"] = source_line
    return environment


def source_line(location: Location) -> str | None:
    """The source line a problem points at, shown under it; None for a folder, a binary file or no such line."""
    try:
        lines = Path(location.path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return lines[location.line - 1] if 0 < location.line <= len(lines) else None


def preview_templates() -> Path:
    return templates_dir() / "preview"


def render(template: str, **values) -> bytes:
    return _environment().get_template(template).render(**values).encode("utf-8")


def index_page(state: BuildState, records: dict[str, AttemptRecord | None]) -> bytes:
    return render("index.html.j2", state=state, records=records)


def errors_page(state: BuildState) -> bytes:
    return render("errors.html.j2", state=state)


def not_found_page(state: BuildState, message: str) -> bytes:
    return render("not-found.html.j2", state=state, message=message)


def player_page(state: BuildState, module: PreviewModule, record: AttemptRecord, endpoints: Endpoints,
                scorm_again: bool, scorm_again_searched: list[Path]) -> bytes:
    launch = launch_values(record.tracks, module.mastery_score)
    config = {
        "module": module.key, "attempt": {"id": record.attempt.id, "number": record.attempt.number},
        "launch": nested(launch), "endpoints": asdict(endpoints),
    }
    return render("player.html.j2", state=state, module=module, record=record, launch=launch, config=config,
                  scorm_again=scorm_again, searched=scorm_again_searched)


def stored_fragment(record: AttemptRecord) -> str:
    """The panel's "stored in SQLite" section, sent again after each commit."""
    return _environment().get_template("stored.html.j2").render(record=record)
