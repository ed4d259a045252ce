"""The report's three forms, one writer for all: a self-contained HTML page, CSV and JSON.

The page holds its styles and charts inline and links nothing outside it, so it opens offline
and can be mailed to a colleague. CSV and JSON carry the same figures for other tools.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from builder.paths import templates_dir
from builder.report.charts import choice_chart, overview_chart
from builder.report.match import renamed_to
from builder.report.stats import ModuleStats, QuestionStats


def report_name(stats: ModuleStats) -> str:
    course, module = stats.responses.course, stats.responses.module
    return f"{course.id}_{module.id}_report"


def report_files(stats: ModuleStats) -> dict[str, bytes]:
    """File name -> content, everything made before anything is written."""
    name = report_name(stats)
    return {f"{name}.html": html_page(stats).encode("utf-8"), f"{name}.csv": csv_table(stats).encode("utf-8"),
            f"{name}.json": (json.dumps(json_document(stats), ensure_ascii=False, indent=2) + "\n").encode("utf-8")}


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def question_json(q: QuestionStats) -> dict:
    question = q.item.question
    return {
        "id": q.id, "source": q.source, "title": question.title, "kind": question.kind.value, "points": q.item.points,
        "attempts": q.attempts, "learners": q.learners, "unanswered": q.unanswered,
        "facility": _round(q.facility), "discrimination": _round(q.discrimination),
        "responses": [{"response": r.label, "recorded": r.recorded, "count": r.count, "credit": r.credit,
                       "known": r.known, "rest_mean": _round(r.rest_mean)} for r in q.responses],
        "essays": [{"learner": learner, "text": text} for learner, text in q.essays],
        "average_latency_seconds": q.latency,
        "flags": [{"code": f.code, "message": f.message} for f in q.flags],
    }


def json_document(stats: ModuleStats) -> dict:
    found = stats.responses
    return {
        "course": found.course.id, "module": found.module.id, "module_title": found.module.title,
        "files": found.files, "attempts": stats.attempts, "learners": stats.learners,
        "mean_score": _round(stats.mean_score, 2),
        "questions": [question_json(q) for q in stats.questions],
        "unknown_questions": [{"id": id, "attempts": len(seen), "probably_now": renamed_to(id, found.module),
                               "flags": [{"code": "not-in-sources", "message":
                                          "no question of the sources has this id: the module changed since these attempts"}]}
                              for id, seen in sorted(found.unknown.items())],
        "flags": [{"code": f.code, "message": f.message} for f in stats.flags],
        "latency_note": "Moodle's interactions report does not include the latency the package records",
    }


CSV_COLUMNS = ("id", "source", "title", "kind", "attempts", "learners", "facility", "discrimination",
               "response", "count", "credit", "flags")


def csv_table(stats: ModuleStats) -> str:
    """One row per question (its figures and flags), then one row per response given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in stats.questions:
        figures = [q.id, q.source, q.item.question.title or "", q.item.question.kind.value, q.attempts, q.learners,
                   _csv_number(q.facility), _csv_number(q.discrimination)]
        writer.writerow(figures + ["", "", "", " | ".join(f.message for f in q.flags)])
        for r in q.responses:
            writer.writerow([q.id, q.source] + [""] * 6 + [r.label, r.count, _csv_number(r.credit), ""])
        for learner, text in q.essays:
            writer.writerow([q.id, q.source] + [""] * 6 + [text, 1, "", ""])
    for id, seen in sorted(stats.responses.unknown.items()):
        writer.writerow([id, "", "", "", len(seen), "", "", "", "", "", "", "not in the sources: the module changed"])
    return out.getvalue()


def _csv_number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def html_page(stats: ModuleStats) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = environment.get_template("report.html.j2")
    questions = [{"stats": q, "json": question_json(q),
                  "chart": Markup(choice_chart(q.responses, q.attempts))}
                 for q in stats.questions]
    return template.render(stats=stats, found=stats.responses, questions=questions,
                           unknown=json_document(stats)["unknown_questions"],
                           overview=Markup(overview_chart(stats.questions)),
                           css=Markup((templates_dir() / "report.css").read_text(encoding="utf-8")))


def write_reports(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    from builder.output import write_atomically

    return [write_atomically(out_dir / name, lambda stream, data=data: stream.write(data)) for name, data in files.items()]
