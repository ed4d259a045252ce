"""The results as a table, each figure beside its target (targets are goals, not assertions)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

KB = 1024
# Targets, in the units of the JSON results.
COLD_BUILD_SECONDS = 1.0
# "Flat": the per-lesson cost at the largest size within 25% of the smallest, in CPU time (the work
# done); wall time is shown too, but moves with other load on the machine and with parallel rendering.
FLAT_PER_LESSON_RATIO = 1.25
INCREMENTAL_RATIO = 0.20
PACKAGE_WITHOUT_MEDIA_BYTES = 300 * KB
RUNTIME_GZIP_BYTES = 30 * KB
FIRST_PAINT_MS = 200.0
# In CPU time, beside Python-Markdown alone with the same extensions on the same files.
ADDED_LESSON_RATIO = {"default": 1.5, "short": 2.5}
COLD_BUILD_RATIO = 2.0


@dataclass(frozen=True)
class Row:
    measure: str
    result: str
    target: str = ""
    met: bool | None = None          # None: no target, or not measured


def rows(results: dict) -> list[Row]:
    return [
        cold_build_row(results["default_build"]), *scale_rows(results["scale"]),
        *incremental_row(results["incremental"]), floor_row(results["markdown_floor"]),
        *against_markdown_rows(results["against_markdown"]),
        *size_rows(results["package_size"]), *learner_rows(results["learner"], results["lms_traffic"]),
    ]


def cold_build_row(cold: dict) -> Row:
    return Row(f"Default curriculum, cold build ({cold['packages']} packages, {cold['lessons']} lessons)",
               f"{cold['seconds']:.2f} s ({cold['cpu_seconds']:.2f} s CPU), {cold['peak_rss_mb']:.0f} MB peak RSS",
               f"under {COLD_BUILD_SECONDS:g} s", cold["seconds"] < COLD_BUILD_SECONDS)


def scale_rows(scale: dict) -> list[Row]:
    sizes, ratio = scale["sizes"], scale["per_lesson_ratio"]
    def each(key: str, spec: str) -> str:
        return " / ".join(format(size[key], spec) for size in sizes)

    per_lesson = Row(f"Build time per lesson at {each('lessons', ',')} lessons",
                     f"{each('per_lesson_ms', '.1f')} ms (peak RSS {each('peak_rss_mb', '.0f')} MB)")
    target = f"flat (≤ ×{FLAT_PER_LESSON_RATIO:g} in CPU time)"
    if ratio is None:
        return [per_lesson, Row("Per-lesson cost, largest vs smallest size", "not measured (--quick)", target)]
    smallest, largest = scale["ratio_sizes"]
    cpu_ratio = scale["per_lesson_cpu_ratio"]
    return [per_lesson, Row(f"Per-lesson cost, {largest:,} vs {smallest:,} lessons",
                            f"×{cpu_ratio:.2f} in CPU time (wall time ×{ratio:.2f})", target,
                            cpu_ratio <= FLAT_PER_LESSON_RATIO)]


def incremental_row(incremental: dict) -> list[Row]:
    """Judged on the running process (the preview's rebuild on save); a new process pays Python's
    start-up and imports, about 0.3 s, whatever the cache does, and is shown for information."""
    warm = incremental["warm"]
    return [Row("Rebuild after editing one lesson (running process, as the preview does)",
                f"{warm['rebuild_seconds']:.2f} s ({warm['ratio']:.0%} of a full build in the same process; "
                f"in CPU time {warm['cpu_ratio']:.0%})",
                f"under {INCREMENTAL_RATIO:.0%} of a full build", warm["ratio"] < INCREMENTAL_RATIO),
            Row("Rebuild after editing one lesson (new process, `coursekit build`)",
                f"{incremental['rebuild_seconds']:.2f} s ({incremental['ratio']:.0%} of a cold full build; "
                f"in CPU time {incremental['cpu_ratio']:.0%})")]


def floor_row(floor: dict) -> Row:
    return Row(f"Python-Markdown alone on the same {floor['lessons']} lessons (the floor)",
               f"{floor['markdown_seconds'] * 1000:.0f} ms; the build {floor['build_seconds'] * 1000:.0f} ms "
               f"= ×{floor['ratio']:.1f}")


def against_markdown_rows(against: dict) -> list[Row]:
    found = []
    for kind, label in (("default", "default-like lessons"), ("short", "short lessons")):
        added = against[kind]
        found.append(Row(f"CPU time per added lesson, {label} (~{added['words_per_lesson']} words; {added['sizes'][0]:,} → "
                         f"{added['sizes'][1]:,} lessons)", f"{added['build_ms']:.2f} ms; Python-Markdown {added['markdown_ms']:.2f} ms "
                         f"= ×{added['ratio']:.2f}", f"≤ ×{ADDED_LESSON_RATIO[kind]:g} Python-Markdown's",
                         added["ratio"] <= ADDED_LESSON_RATIO[kind]))
    cold = against["cold"]
    found.append(Row("Cold build of the default courses, CPU time (new process)", f"{cold['build_cpu_seconds']:.2f} s; a cold "
                     f"Python-Markdown run {cold['markdown_cpu_seconds']:.2f} s = ×{cold['ratio']:.2f}",
                     f"≤ ×{COLD_BUILD_RATIO:g} a cold Markdown run", cold["ratio"] <= COLD_BUILD_RATIO))
    return found


def size_rows(size: dict) -> list[Row]:
    runtime = size["runtime"]
    return [
        Row("Largest module package",
            f"{size['largest_zip_bytes'] / KB:.0f} KB; without author media {size['largest_without_media_bytes'] / KB:.0f} KB",
            f"under {PACKAGE_WITHOUT_MEDIA_BYTES // KB} KB without media",
            size["largest_without_media_bytes"] < PACKAGE_WITHOUT_MEDIA_BYTES),
        Row("Runtime JS + CSS (with quiz)",
            f"{runtime['total_bytes'] / KB:.1f} KB raw, {runtime['total_gzip_bytes'] / KB:.1f} KB gzipped",
            f"≤ {RUNTIME_GZIP_BYTES // KB} KB gzipped", runtime["total_gzip_bytes"] <= RUNTIME_GZIP_BYTES),
    ]


def learner_rows(speed: dict, traffic: dict) -> list[Row]:
    answered, commits = traffic["answered_questions"], traffic["commits"]
    return [
        Row("First contentful paint of a module",
            f"{speed['first_contentful_paint_ms']:.0f} ms (page received at {speed['html_received_ms']:.0f} ms, "
            f"parsed and started at {speed['dom_content_loaded_ms']:.0f} ms)",
            f"under {FIRST_PAINT_MS:g} ms", speed["first_contentful_paint_ms"] < FIRST_PAINT_MS),
        Row("Switching lesson (click to new lesson laid out)", f"{speed['lesson_switch_ms']:.1f} ms"),
        Row("Grading the quiz (click to result shown)", f"{speed['quiz_grade_ms']:.1f} ms"),
        Row(f"LMS traffic, one full attempt ({answered} questions answered)",
            f"{traffic['set_values']} LMSSetValue, {commits} LMSCommit "
            f"({traffic['commits_per_answered_question']:.2f} per answer)",
            "≤ 1 commit per answer + 1 at the end", commits <= answered + 1),
    ]


def table(table_rows: list[Row]) -> str:
    """A Markdown table: readable in a terminal, and pasted as is into the README."""
    status = {True: "met", False: "**not met**", None: ""}
    lines = ["| Measure | Result | Target | |", "|---|---|---|---|"]
    lines += [f"| {row.measure} | {row.result} | {row.target} | {status[row.met]} |" for row in table_rows]
    return "\n".join(lines)


def targets(table_rows: list[Row]) -> list[dict]:
    return [asdict(row) for row in table_rows if row.target]
