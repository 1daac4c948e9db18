"""CPU of the Markdown extension's validity check at one placement: a stat of every entry, or the stamp.

    .venv/bin/python bench/placement_check.py --lessons 1000

On the generated course (``ours``, in ``bench/work/placement/``), each of its quizzes is "placed" in
turn, and for each the two checks run alternately, several rounds:

``every entry``
    the check before issue 16: a walk of ``docs/`` and ``quizzes/`` with a stat of every entry, and the
    configuration parsed again (``siteconfig.read_host_settings``), at every placement;
``stamp``
    ``sourcestamp.SourceStamp.current(quiz_id)``: every folder, the shared files, the quiz's own files.

Prints the CPU per placement of each, their ratio, and what a build's placements cost in all.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from course_quiz.course import load_course, source_path  # noqa: E402
from course_quiz.lock import LOCK_NAME  # noqa: E402
from course_quiz.siteconfig import read_host_settings  # noqa: E402
from course_quiz.sourcestamp import SourceStamp  # noqa: E402
from generate import write_course  # noqa: E402 (beside this script)
from run import SEED, WORK  # noqa: E402


def every_entry(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """The check before issue 16 (``markdown_ext._sources_state``): every entry under ``folder``, stat'd."""
    found: list[tuple[str, int, int, int]] = []
    for current, folders, names in os.walk(folder):
        for name in folders + names:
            path = os.path.join(current, name)
            try:
                status = os.stat(path)
            except OSError:
                found.append((path, 0, 0, 0))
                continue
            found.append((path, status.st_mtime_ns, status.st_size, status.st_ino))
    return tuple(sorted(found))


def main(argv: list[str] | None = None) -> int:
    """Time both checks over every placement of the course; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    root = write_course(WORK / "placement" / f"n{args.lessons:04d}", args.lessons, "ours", SEED)
    docs, quizzes, config = root / "docs", root / "quizzes", root / "mkdocs.yml"
    hosts = read_host_settings(config, config.name)
    course = load_course(docs, quizzes, root=root)
    started = time.process_time()
    stamp = SourceStamp.take((docs, quizzes), (quizzes / LOCK_NAME, *hosts.files, *hosts.snippets))
    stamp = stamp.with_quizzes({quiz.id: (source_path(quiz.path, root), docs / quiz.lesson)
                                for quiz in course.quizzes.values()})
    taking = time.process_time() - started
    ids = sorted(course.quizzes)
    if not all(stamp.current(quiz_id) for quiz_id in ids):
        print("the stamp does not hold on an unchanged course", file=sys.stderr)
        return 2
    checks = {
        "every entry": lambda _: (every_entry(docs), every_entry(quizzes), read_host_settings(config, config.name)),
        "stamp": stamp.current,
    }
    spent = dict.fromkeys(checks, 0.0)
    for _ in range(args.rounds):
        for name, check in checks.items():
            started = time.process_time()
            for quiz_id in ids:
                check(quiz_id)
            spent[name] += time.process_time() - started
    placements = len(ids) * args.rounds
    print(f"N={args.lessons}: {len(stamp.files)} files, {len(stamp.folders)} folders; stamp taken once per "
          f"preparation in {taking * 1000:.0f} ms CPU; {placements} placements per check\n")
    print("| check | CPU per placement ms | per build s |\n| --- | ---: | ---: |")
    for name, seconds in spent.items():
        print(f"| {name} | {seconds / placements * 1000:.3f} | {seconds / args.rounds:.2f} |")
    print(f"\nratio every entry / stamp: {spent['every entry'] / spent['stamp']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
