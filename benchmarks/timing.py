"""Measuring a cold process: wall time and peak resident memory of one child, and medians."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ProcessRun:
    seconds: float          # wall time, from spawn to exit
    cpu_seconds: float      # user + system time of the child: less sensitive than wall time to a busy machine
    peak_rss_mb: float      # the child's own peak resident set (not the maximum of all children so far)
    stdout: str


class BenchmarkError(RuntimeError):
    """A measured command failed: the benchmark cannot report a figure for it."""


def run_cold(args: list[str], *, env: dict[str, str] | None = None, cwd: Path = REPO_ROOT) -> ProcessRun:
    """Run `args` to completion in a new process and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=err)
        # wait4 reaps this child and returns its own rusage; RUSAGE_CHILDREN would only give a running maximum.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise BenchmarkError(f"{' '.join(map(str, args))} exited with {process.returncode}:\n{stderr[-2000:]}")
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return ProcessRun(seconds, cpu_seconds, usage.ru_maxrss / 1024, stdout)       # ru_maxrss is in KiB on Linux


def python_module(module: str, *args: object) -> list[str]:
    return [sys.executable, "-m", module, *map(str, args)]


def run_isolated(args: list[str], cache_dir: Path) -> ProcessRun:
    """Run with `cache_dir` as working folder and as XDG_CACHE_HOME: whether the builder keeps a
    cache in its working folder or in the user's cache folder, it starts empty for this run."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH", "")]))
    return run_cold(args, env=env, cwd=cache_dir)


def worker(args: list[object], cache_dir: Path) -> tuple[dict, ProcessRun]:
    """Run benchmarks.worker, which times work inside the process and prints it as JSON."""
    run = run_isolated(python_module("benchmarks.worker", *args), cache_dir)
    return json.loads(run.stdout.strip().splitlines()[-1]), run


def settle() -> None:
    """Flush files written while preparing a run: the builder fsyncs each package, and on ext4 that
    can also flush other dirty data, which would charge our preparation to the measured build."""
    os.sync()


def median(values: list[float]) -> float:
    return statistics.median(values)


def rounded(value: float, digits: int = 3) -> float:
    return round(value, digits)
