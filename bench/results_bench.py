"""Benchmark of ``course results`` on synthetic classes of the real course: time and peak memory by size.

For each size N (default 1,000, 5,000 and 10,000 files), ``results_generate.py`` writes N results files
under ``bench/work/results-N/`` (kept between runs while the quizzes' versions stay the same), then
``course results`` runs on them as an instructor runs it (``--format html -o ...``, a fresh process
each time), ``--rounds`` times per size, the sizes interleaved within each round. Wall time is measured
around the process; peak memory is its maximum resident set (``wait4``). Printed: per size the median
time and peak memory, the time per 1,000 files, and the ratios of the largest size to the smallest
(time should grow like N, memory should not). The exit code is 1 when the target is missed: N = 10,000
in under 30 s and peak memory at the largest size below twice that at the smallest.

Usage: ``python bench/results_bench.py [--sizes 1000 5000 10000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_generate import real_course, write_results

PROJECT = Path(__file__).resolve().parent.parent
WORK = PROJECT / "bench" / "work"
COURSE = Path(sys.executable).parent / "course"
TARGET_SECONDS = 30.0
TARGET_FILES = 10_000
MEMORY_RATIO = 2.0


def ensure_files(size: int) -> Path:
    """The folder of ``size`` files, written again when the course's quizzes changed since (their versions)."""
    folder = WORK / f"results-{size}"
    marker = folder / ".complete"
    course = real_course()
    versions = " ".join(f"{quiz}:{version}" for quiz, version in sorted(course.versions.items()))
    if not marker.exists() or marker.read_text(encoding="utf-8") != versions:
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        write_results(folder, size, course=course)
        marker.write_text(versions, encoding="utf-8")
        print(f"generated {size} files in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def measure(folder: Path, output: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one ``course results`` run."""
    started = time.perf_counter()
    process = subprocess.Popen([str(COURSE), "results", str(folder), "--format", "html", "-o", str(output)],
                               cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"course results exited {process.returncode} on {folder}")
    return elapsed, usage.ru_maxrss * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    folders = {size: ensure_files(size) for size in sizes}
    times: dict[int, list[float]] = {size: [] for size in sizes}
    peaks: dict[int, list[int]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory() as scratch:
        for round_number in range(args.rounds):
            order = sizes if round_number % 2 == 0 else sizes[::-1]
            for size in order:
                seconds, peak = measure(folders[size], Path(scratch) / str(size))
                times[size].append(seconds)
                peaks[size].append(peak)
    print("| files | median time (s) | time per 1,000 files (s) | peak memory (MB) |")
    print("| ---: | ---: | ---: | ---: |")
    for size in sizes:
        median = statistics.median(times[size])
        print(f"| {size:,} | {median:.1f} (min {min(times[size]):.1f}, max {max(times[size]):.1f}) | "
              f"{1000 * median / size:.2f} | {statistics.median(peaks[size]) / 1e6:.0f} |")
    small, large = sizes[0], sizes[-1]
    time_ratio = statistics.median(times[large]) / statistics.median(times[small])
    memory_ratio = statistics.median(peaks[large]) / statistics.median(peaks[small])
    print(f"\n{large:,} vs {small:,} files ({large / small:.0f} times as many): time x{time_ratio:.2f}, "
          f"peak memory x{memory_ratio:.2f}")
    failed = False
    if TARGET_FILES in times and statistics.median(times[TARGET_FILES]) >= TARGET_SECONDS:
        print(f"missed: {TARGET_FILES:,} files took {statistics.median(times[TARGET_FILES]):.1f} s "
              f"(target < {TARGET_SECONDS:.0f} s)", file=sys.stderr)
        failed = True
    if len(sizes) > 1 and memory_ratio >= MEMORY_RATIO:
        print(f"missed: peak memory grew x{memory_ratio:.2f} (target < x{MEMORY_RATIO})", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
