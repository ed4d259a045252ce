"""The preview's HTML pages, from the Jinja2 templates in templates/preview/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from builder.diagnostics import Location, display_path
from builder.lms.activity import Activity, Report
from builder.moodle_settings import describe
from builder.paths import templates_dir
from builder.preview.builds import BuildState, PreviewModule


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


def index_page(state: BuildState, reports: dict[str, Report]) -> bytes:
    return render("index.html.j2", state=state, reports=reports)


def errors_page(state: BuildState) -> bytes:
    return render("errors.html.j2", state=state)


def not_found_page(state: BuildState, message: str) -> bytes:
    return render("not-found.html.j2", state=state, message=message)


def player_page(state: BuildState, module: PreviewModule, activity: Activity, launch: dict, report: Report,
                learner: str) -> bytes:
    api = f"/api/modules/{module.key}"
    config = {**launch, "learner": learner, "files": f"/packages/{module.key}/",
              "endpoints": {"track": f"{api}/track", "reset": f"{api}/reset", "report": f"{api}/report?learner={learner}"}}
    return render("player.html.j2", state=state, module=module, activity=activity, report=report, config=config,
                  settings=describe(activity.settings), version=launch["version"])


def stored_fragment(activity: Activity, report: Report) -> str:
    """The panel's "what Moodle would record" section, sent again after each commit."""
    return _environment().get_template("stored.html.j2").render(activity=activity, report=report,
                                                                 settings=describe(activity.settings))


def report_json(activity: Activity, report: Report) -> dict:
    grade = report.grade
    return {
        "attempt": report.attempt,
        "scos": [{"sco": s.identifier, "status": s.status, "success": s.success, "score": s.score} for s in report.scos],
        "grade": None if grade is None else {"raw": grade.rawgrade, "final": grade.finalgrade, "max": grade.grademax},
        "completion": report.completion.state,
        "stored_html": stored_fragment(activity, report),
    }
