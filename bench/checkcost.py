"""``course check`` with this engine and an earlier one, side by side in one run, on the same course.

    .venv/bin/python bench/checkcost.py --before ../before/site_src            # the real course
    .venv/bin/python bench/checkcost.py --before ../before/site_src --lessons 200  # a synthetic course

Rounds alternate the two engines (forward in odd rounds, reversed in even ones); each run is a fresh
``course check`` process, timed around the child, as a user runs it. Prints each engine's median wall
time and the median of the per-round ratios (ours / before). Problems do not count: only time does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent


def timed(engine: Path | None, course: Path) -> float:
    """Wall seconds of one ``course check`` in ``course``, with ``engine`` first on the path if given."""
    env = dict(os.environ)
    if engine is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(engine), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    start = time.perf_counter()
    command = [sys.executable, "-c", "from course_quiz.cli import main; main()", "check"]
    subprocess.run(command, cwd=course, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    """Run the rounds and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the earlier engine's site_src folder")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--lessons", type=int, default=0, help="a synthetic course of this many lessons instead")
    args = parser.parse_args()
    course = PROJECT
    if args.lessons:
        course = BENCH / "work" / f"checkcost-{args.lessons}"
        if not course.exists():
            subprocess.run([sys.executable, str(BENCH / "generate.py"), str(course), "--lessons", str(args.lessons),
                            "--variant", "ours"], check=True)
    engines: dict[str, Path | None] = {"ours": None, "before": args.before.resolve()}
    for engine in engines.values():  # warm the file cache and byte-code
        timed(engine, course)
    times: dict[str, list[float]] = {name: [] for name in engines}
    ratios: list[float] = []
    for number in range(args.rounds):
        order = list(engines) if number % 2 == 0 else list(reversed(engines))
        round_times = {name: timed(engines[name], course) for name in order}
        for name, seconds in round_times.items():
            times[name].append(seconds)
        ratios.append(round_times["ours"] / round_times["before"])
    print(f"course: {course}  rounds: {args.rounds}")
    for name, values in times.items():
        print(f"{name:7} median {statistics.median(values):.3f} s  (min {min(values):.3f}, max {max(values):.3f})")
    print(f"ours / before: median {statistics.median(ratios):.2f}  (min {min(ratios):.2f}, max {max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
