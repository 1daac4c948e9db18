"""The scan of ``course verify`` (``verify.verify_site``) with this engine and an earlier one, side by side.

    .venv/bin/python bench/verifycost.py COURSE --before ../before/site_src

COURSE is a generated course, built (``bench/generate.py DIR --lessons 1000 --variant ours``, then
``mkdocs build`` in DIR). Each run is a fresh process that prepares the course (not timed: that is
``course check`` and the rendering) and then times ``verify_site`` alone, in CPU seconds, twice: as
the course is, and with one instructor note that no page holds, so that the student edition's search
for note texts (V709) reads every built file. Rounds alternate the two engines (forward in odd rounds,
reversed in even ones); prints each engine's medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

# Run in the child, with the engine measured first on the path.
CHILD = r"""
import sys, time
from pathlib import Path
from course_quiz.cli import _hosts
from course_quiz.editions import Edition
from course_quiz.notes import Note
from course_quiz.prepare import expected_quizzes, prepare_course
from course_quiz.verify import verify_site

root = Path.cwd()
prepared = prepare_course(root / "docs", root / "quizzes", root=root, edition=Edition.STUDENT, hosts=_hosts(),
                          check_lock=False)
expected = expected_quizzes(prepared, {})
note = Note("p.md", "docs/p.md", 1, "!!! instructor\n    A sufficiently long instructor note that no built page holds.")
for notes in ((), (note,)):
    start = time.process_time()
    problems = verify_site(root / "site", expected, notes=notes, languages=prepared.languages)
    print(time.process_time() - start, len(problems))
"""


def measured(engine: Path | None, course: Path) -> tuple[float, float]:
    """CPU seconds of ``verify_site`` without and with a note, with ``engine`` first on the path if given."""
    env = dict(os.environ)
    if engine is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(engine), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=course, env=env, check=True, capture_output=True,
                          text=True)
    (plain, plain_problems), (noted, noted_problems) = [line.split() for line in done.stdout.splitlines()]
    if plain_problems != "0" or noted_problems != "0":
        sys.exit(f"verification found problems ({plain_problems}, {noted_problems}): build the course first")
    return float(plain), float(noted)


def main() -> int:
    """Run the rounds and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path, help="a generated course with its built site/")
    parser.add_argument("--before", type=Path, required=True, help="the earlier engine's site_src folder")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    engines: dict[str, Path | None] = {"ours": None, "before": args.before.resolve()}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
    for index in range(args.rounds):
        order = list(engines) if index % 2 == 0 else list(reversed(engines))
        for name in order:
            times[name].append(measured(engines[name], args.course))
            print(f"round {index + 1} {name:6s} verify_site {times[name][-1][0]:.2f} s CPU, "
                  f"with a note {times[name][-1][1]:.2f} s", flush=True)
    for name, values in times.items():
        print(f"{name}: verify_site median {statistics.median(v[0] for v in values):.2f} s CPU, with one note "
              f"{statistics.median(v[1] for v in values):.2f} s ({args.rounds} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
