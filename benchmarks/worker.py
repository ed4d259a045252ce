"""Work timed inside a fresh process, so start-up and imports are left out of the figure.

    python -m benchmarks.worker build WARM_UP_COURSE COURSE OUT    the whole build, after a warm-up build
    python -m benchmarks.worker rebuild WARM_UP_COURSE COURSE OUT  a full build, then a rebuild after one lesson changes
    python -m benchmarks.worker floor COURSE...                     Python-Markdown alone on the lessons

Each prints one line of JSON: {"seconds": wall time, "cpu_seconds": ..., ...}. The warm-up (a
one-lesson course built first, a small text converted first) pays the one-time costs (template
compilation, lazy imports), so what is timed is the cost that grows with the course.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

# The "basic" extensions a plain Python-Markdown site would use: the floor under our own pipeline.
FLOOR_EXTENSIONS = ["tables", "fenced_code", "footnotes", "attr_list", "def_list", "abbr", "toc", "smarty"]
FRONT_MATTER_FENCE = "---"


def timed_build(warm_up: Path, course: Path, out: Path) -> dict:
    from builder.build import build
    from builder.diagnostics import Diagnostics

    def build_checked(source: Path, target: Path):
        diagnostics = Diagnostics()
        result = build([source], target, diagnostics)
        if diagnostics.has_errors:
            raise SystemExit("\n".join(str(d) for d in diagnostics.sorted()))
        return result

    build_checked(warm_up, out.parent / f"{out.name}-warm-up")
    started, cpu_started = time.perf_counter(), cpu_seconds()
    result = build_checked(course, out)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu_started,
            "packages": len(result.written)}


def timed_rebuild(warm_up: Path, course: Path, out: Path) -> dict:
    """As `coursekit preview` rebuilds on save: in a running process, with the render cache."""
    from builder.build import build
    from builder.diagnostics import Diagnostics

    build([warm_up], out.parent / f"{out.name}-warm-up", Diagnostics())
    cache = out.parent / f"{out.name}-cache"
    started, cpu_started = time.perf_counter(), cpu_seconds()
    build([course], out, Diagnostics(), cache_dir=cache)
    full, full_cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    lesson = lesson_files([course])[0]
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n", encoding="utf-8")
    started, cpu_started = time.perf_counter(), cpu_seconds()
    diagnostics = Diagnostics()
    build([course], out, diagnostics, cache_dir=cache)
    if diagnostics.has_errors:
        raise SystemExit("\n".join(str(d) for d in diagnostics.sorted()))
    return {"full_seconds": full, "full_cpu_seconds": full_cpu, "seconds": time.perf_counter() - started,
            "cpu_seconds": cpu_seconds() - cpu_started}


def timed_floor(courses: list[Path]) -> dict:
    import markdown

    bodies = [lesson_body(path) for path in lesson_files(courses)]
    md = markdown.Markdown(extensions=FLOOR_EXTENSIONS, output_format="html")
    md.convert("## Warm-up\n\n| a | b |\n| - | - |\n| 1 | 2 |\n")     # extensions load on first use
    started, cpu_started = time.perf_counter(), cpu_seconds()
    for body in bodies:
        md.reset()
        md.convert(body)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu_started,
            "lessons": len(bodies)}


def cpu_seconds() -> float:
    """User and system time of this process and of its finished children (the build may render
    modules in worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def lesson_files(courses: list[Path]) -> list[Path]:
    """Every lesson: the Markdown files of every folder that has a module.yml."""
    return sorted(lesson for course in courses for module in course.rglob("module.yml")
                  for lesson in module.parent.glob("*.md"))


def lesson_body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].rstrip() == FRONT_MATTER_FENCE:
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == FRONT_MATTER_FENCE), 0)
        lines = lines[end + 1:]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    command, *paths = argv
    if command == "build":
        warm_up, course, out = map(Path, paths)
        figures = timed_build(warm_up, course, out)
    elif command == "rebuild":
        warm_up, course, out = map(Path, paths)
        figures = timed_rebuild(warm_up, course, out)
    elif command == "floor":
        figures = timed_floor([Path(p) for p in paths])
    else:
        raise SystemExit(f"unknown command {command!r}: use build or floor")
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
