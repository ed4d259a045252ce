"""Build-side figures: the default curriculum built cold, an incremental rebuild, the Markdown
floor, and synthetic courses of growing size. Every build is a fresh process with a cache folder of
its own (benchmarks.timing.run_isolated) and a fresh copy of its sources: no run benefits from another's work."""
from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.synthetic import LESSONS_PER_MODULE, generate_course
from benchmarks.timing import (
    REPO_ROOT, ProcessRun, median, python_module, rounded, run_isolated, settle, worker,
)
from benchmarks.worker import lesson_files

DEFAULT_COURSES = REPO_ROOT / "courses"
EDIT = "\nA sentence added by the benchmark, to measure a rebuild after one lesson changes.\n"


def cli_build(sources: Path, out: Path, cache: Path) -> ProcessRun:
    """`python -m builder build SOURCES --out OUT`, as a user runs it, with `cache` its own (see run_isolated)."""
    return run_isolated(python_module("builder", "build", sources, "--out", out), cache)


def fresh_copy(workdir: Path, source: Path = DEFAULT_COURSES) -> Path:
    """A private copy of a course tree, so a cache kept beside the sources starts empty."""
    target = workdir / source.name
    shutil.copytree(source, target)
    return target


def warm_up_course(workdir: Path) -> Path:
    """A one-lesson course: built once, discarded, so Python's bytecode is compiled as after an
    install; then built first by every in-process timing (see benchmarks.worker)."""
    course = generate_course(workdir / "warm-up", 1, seed=7).directory
    cli_build(course, workdir / "warm-up-dist", workdir / "warm-up-cache")
    return course


def default_build(runs: int, workdir: Path) -> tuple[dict, dict]:
    """The default courses: a cold full build, then a rebuild after editing one lesson, `runs` times."""
    full, rebuilt, edited = [], [], ""
    copies = [fresh_copy(workdir / f"default-{run}") for run in range(runs)]
    settle()
    for sources in copies:
        folder = sources.parent
        full.append(cli_build(sources, folder / "dist", folder / "cache"))
        lesson = lesson_files([sources])[0]
        with lesson.open("a", encoding="utf-8") as stream:
            stream.write(EDIT)
        edited = lesson.relative_to(sources).as_posix()
        settle()
        rebuilt.append(cli_build(sources, folder / "dist", folder / "cache"))
    full_seconds, rebuild_seconds = median([r.seconds for r in full]), median([r.seconds for r in rebuilt])
    full_cpu, rebuild_cpu = median([r.cpu_seconds for r in full]), median([r.cpu_seconds for r in rebuilt])
    cold = {
        "lessons": len(lesson_files([DEFAULT_COURSES])), "packages": len(list((copies[0].parent / "dist").glob("*.zip"))),
        "runs": runs, "seconds": rounded(full_seconds), "cpu_seconds": rounded(full_cpu),
        "peak_rss_mb": rounded(median([r.peak_rss_mb for r in full]), 1), "seconds_each": [rounded(r.seconds) for r in full],
    }
    incremental = {
        "edited_lesson": edited, "runs": runs, "full_seconds": rounded(full_seconds),
        "rebuild_seconds": rounded(rebuild_seconds), "ratio": rounded(rebuild_seconds / full_seconds),
        "full_cpu_seconds": rounded(full_cpu), "rebuild_cpu_seconds": rounded(rebuild_cpu),
        "cpu_ratio": rounded(rebuild_cpu / full_cpu), "seconds_each": [rounded(r.seconds) for r in rebuilt],
        "warm": warm_rebuild(runs, workdir),
    }
    return cold, incremental


def warm_rebuild(runs: int, workdir: Path) -> dict:
    """In a running process, as `coursekit preview` rebuilds on save: a full build, then one lesson edited."""
    warm_up = warm_up_course(workdir / "warm-rebuild")
    figures = []
    for run in range(runs):
        sources = fresh_copy(workdir / f"warm-{run}")
        settle()
        figures.append(worker(["rebuild", warm_up, sources, sources.parent / "dist"], sources.parent / "cache")[0])
    full, rebuild = median([f["full_seconds"] for f in figures]), median([f["seconds"] for f in figures])
    return {"runs": runs, "full_seconds": rounded(full), "rebuild_seconds": rounded(rebuild), "ratio": rounded(rebuild / full),
            "cpu_ratio": rounded(median([f["cpu_seconds"] for f in figures]) / median([f["full_cpu_seconds"] for f in figures]))}


def markdown_floor(runs: int, workdir: Path, warm_up: Path) -> dict:
    """Python-Markdown alone on the default lessons, against our whole build, both timed in-process."""
    floors, builds, floor_processes = [], [], []
    copies = [fresh_copy(workdir / f"floor-{run}") for run in range(runs)]
    settle()
    for sources in copies:
        folder = sources.parent
        figures, process = worker(["floor", sources], folder / "cache-floor")
        floors.append(figures)
        floor_processes.append(process)
        builds.append(worker(["build", warm_up, sources, folder / "dist"], folder / "cache-build")[0])
    floor_seconds, build_seconds = median([f["seconds"] for f in floors]), median([b["seconds"] for b in builds])
    return {
        "lessons": len(lesson_files([DEFAULT_COURSES])), "runs": runs,
        "markdown_seconds": rounded(floor_seconds, 4), "build_seconds": rounded(build_seconds, 4),
        "ratio": rounded(build_seconds / floor_seconds, 2),
        "markdown_cpu_seconds": rounded(median([f["cpu_seconds"] for f in floors]), 4),
        "build_cpu_seconds": rounded(median([b["cpu_seconds"] for b in builds]), 4),
        "markdown_cold_process_seconds": rounded(median([p.seconds for p in floor_processes])),
    }


def scale(plan: dict[int, int], workdir: Path, warm_up: Path) -> dict:
    """Synthetic courses of each size in `plan` (lessons -> runs): is the cost per lesson flat?"""
    sizes = [scale_one(lessons, runs, workdir / f"scale-{lessons}", warm_up) for lessons, runs in sorted(plan.items())]
    result = {"lessons_per_module": LESSONS_PER_MODULE, "sizes": sizes, "per_lesson_ratio": None}
    if len(sizes) > 1:
        smallest, largest = sizes[0], sizes[-1]
        result["per_lesson_ratio"] = rounded(largest["per_lesson_ms"] / smallest["per_lesson_ms"], 2)
        result["per_lesson_cpu_ratio"] = rounded(largest["per_lesson_cpu_ms"] / smallest["per_lesson_cpu_ms"], 2)
        result["ratio_sizes"] = [smallest["lessons"], largest["lessons"]]
    return result


def scale_one(lessons: int, runs: int, folder: Path, warm_up: Path) -> dict:
    course = generate_course(folder / "sources", lessons)
    builds, floors, processes = [], [], []
    for run in range(runs):
        settle()
        figures, process = worker(["build", warm_up, course.directory, folder / f"dist-{run}"], folder / f"cache-{run}")
        builds.append(figures)
        processes.append(process)
        floors.append(worker(["floor", course.directory], folder / f"cache-floor-{run}")[0]["seconds"])
        shutil.rmtree(folder / f"dist-{run}")
    build_seconds, floor_seconds = median([b["seconds"] for b in builds]), median(floors)
    return {
        "lessons": lessons, "modules": course.modules, "words": course.words, "runs": runs,
        "build_seconds": rounded(build_seconds), "per_lesson_ms": rounded(build_seconds / lessons * 1000, 2),
        "per_lesson_cpu_ms": rounded(median([b["cpu_seconds"] for b in builds]) / lessons * 1000, 2),
        "markdown_per_lesson_ms": rounded(floor_seconds / lessons * 1000, 2),
        "ratio_to_markdown": rounded(build_seconds / floor_seconds, 2),
        "cold_process_seconds": rounded(median([p.seconds for p in processes])),
        "peak_rss_mb": rounded(max(p.peak_rss_mb for p in processes), 1),
    }


def added_lesson_cost(sizes: tuple[int, int], runs: int, workdir: Path, warm_up: Path, short: bool) -> dict:
    """What one more lesson costs, in CPU time (a build's parallel workers count): the slope between
    two sizes of a generated course, for the build and for Python-Markdown alone on the same files."""
    figures = {}
    for lessons in sizes:
        course = generate_course(workdir / f"added-{lessons}", lessons, short=short)
        builds, floors = [], []
        for run in range(runs):
            settle()
            builds.append(worker(["build", warm_up, course.directory, workdir / f"added-{lessons}-dist-{run}"],
                                 workdir / f"added-{lessons}-cache-{run}")[0]["cpu_seconds"])
            floors.append(worker(["floor", course.directory], workdir / f"added-{lessons}-floor-{run}")[0]["cpu_seconds"])
        figures[lessons] = (median(builds), median(floors), course.words / lessons)
    (small, (build_s, floor_s, _)), (large, (build_l, floor_l, words)) = sorted(figures.items())
    build_ms, floor_ms = (build_l - build_s) / (large - small) * 1000, (floor_l - floor_s) / (large - small) * 1000
    return {"sizes": [small, large], "runs": runs, "words_per_lesson": round(words), "build_ms": rounded(build_ms, 2),
            "markdown_ms": rounded(floor_ms, 2), "ratio": rounded(build_ms / floor_ms, 2)}


def cold_against_markdown(runs: int, workdir: Path) -> dict:
    """A cold build of the default courses (`coursekit build`, a new process) against a cold
    Python-Markdown run over the same lessons (a new process too), in CPU time."""
    builds, floors = [], []
    for run in range(runs):
        sources = fresh_copy(workdir / f"cold-{run}")
        settle()
        builds.append(cli_build(sources, sources.parent / "dist", sources.parent / "cache").cpu_seconds)
        floors.append(worker(["floor", sources], sources.parent / "cache-floor")[1].cpu_seconds)
    build, floor = median(builds), median(floors)
    return {"runs": runs, "build_cpu_seconds": rounded(build), "markdown_cpu_seconds": rounded(floor), "ratio": rounded(build / floor, 2)}
