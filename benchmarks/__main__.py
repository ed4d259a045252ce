"""python -m benchmarks [--quick] [--out PATH]: measure build speed and scale, package size,
learner-side speed and LMS traffic; print a table and write the figures as JSON.

Benchmarks are not tests: figures are compared with targets and marked met or not met, and the
exit status is 0 either way (1 only if something could not be measured).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.build_speed import (
    added_lesson_cost, cli_build, cold_against_markdown, default_build, fresh_copy, markdown_floor, scale, warm_up_course,
)
from benchmarks.package_size import package_sizes
from benchmarks.report import rows, table, targets
from benchmarks.timing import REPO_ROOT, BenchmarkError

DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"
QUIZ_FIXTURE = REPO_ROOT / "tests" / "fixtures" / "courses" / "quiz"
QUIZ_MODULE = "check"
# lessons -> runs. The 1,000-lesson build takes seconds, so it runs twice, not five times.
# Added-lesson cost: two sizes of a generated course, of default-like lessons (600-900 words with
# tables and footnotes) and of short ones (about 200 words), and how many runs of each.
FULL_PLAN = {"runs": 5, "scale": {10: 5, 100: 3, 1000: 2}, "added": {"default": (100, 1000), "short": (12, 1200)}, "added_runs": 2}
QUICK_PLAN = {"runs": 1, "scale": {10: 1}, "added": {"default": (10, 20), "short": (12, 24)}, "added_runs": 1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Measure build speed and scale, package size, learner-side speed and LMS traffic; "
                                     "print a table and write the figures as JSON.")
    parser.add_argument("--quick", action="store_true", help="the smallest synthetic size only, and fewer runs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="PATH",
                        help=f"where the JSON results go (default: {DEFAULT_OUT.relative_to(REPO_ROOT)})")
    options = parser.parse_args(argv)
    started, load_before = time.perf_counter(), os.getloadavg()
    try:
        with tempfile.TemporaryDirectory(prefix="coursekit-benchmarks-") as workdir:
            results = measure(QUICK_PLAN if options.quick else FULL_PLAN, Path(workdir))
    except BenchmarkError as error:
        print(f"benchmarks: {error}", file=sys.stderr)
        return 1
    results["meta"] = meta(options.quick, time.perf_counter() - started, load_before)
    table_rows = rows(results)
    results["targets"] = targets(table_rows)
    write_json(results, options.out)
    print(table(table_rows))
    print(f"\n{results['meta']['seconds']:.0f} s; figures written to {options.out}")
    return 0


def measure(plan: dict, workdir: Path) -> dict:
    runs = plan["runs"]
    warm_up = warm_up_course(workdir)
    times = f"{runs} run{'s' if runs > 1 else ''}"
    step(f"default curriculum: cold build and one-lesson rebuild, {times}")
    cold, incremental = default_build(runs, workdir)
    step(f"Python-Markdown floor, {times}")
    floor = markdown_floor(runs, workdir, warm_up)
    step("cost of an added lesson, beside Python-Markdown's, and a cold build beside a cold Markdown run")
    added = {kind: added_lesson_cost(sizes, plan["added_runs"], workdir / f"added-{kind}", warm_up, short=kind == "short")
             for kind, sizes in plan["added"].items()}
    added["cold"] = cold_against_markdown(runs, workdir / "cold")
    step(f"synthetic courses of {', '.join(f'{n:,}' for n in plan['scale'])} lessons")
    growth = scale(plan["scale"], workdir, warm_up)
    step("package sizes")
    packages = built_packages(fresh_copy(workdir / "sizes"), workdir / "sizes" / "dist")
    quiz = next(path for path in built_packages(QUIZ_FIXTURE, workdir / "quiz-dist") if f"_{QUIZ_MODULE}_" in path.name)
    step(f"learner side in Chromium, {times}")
    from benchmarks.learner import learner_figures     # Playwright is imported only when it is needed

    largest_module = max(packages, key=lambda path: path.stat().st_size)
    speed, traffic = learner_figures(runs, workdir / "served", largest_module, quiz)
    return {
        "default_build": cold, "incremental": incremental, "markdown_floor": floor, "scale": growth, "against_markdown": added,
        "package_size": package_sizes(packages), "learner": speed, "lms_traffic": traffic,
    }


def built_packages(sources: Path, out: Path) -> list[Path]:
    cli_build(sources, out, out.parent / "cache")
    return sorted(out.glob("*.zip"))


def meta(quick: bool, seconds: float, load_before: tuple[float, float, float]) -> dict:
    from builder import __version__

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "coursekit": __version__, "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "quick": quick, "seconds": round(seconds, 1),
        # Other work on the machine slows wall times: the load averages tell how busy it was.
        "load_average_before": [round(load, 2) for load in load_before],
        "load_average_after": [round(load, 2) for load in os.getloadavg()],
    }


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def step(message: str) -> None:
    print(f"benchmarks: {message}…", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
