"""Zensical build of the generated course, with quizzes (the ``course_quiz`` Markdown extension) and without.

    .venv/bin/python bench/zensical_bench.py                                  # N=200 and N=1000, 3 pairs
    .venv/bin/python bench/zensical_bench.py --before ../before/site_src      # an earlier engine beside ours
    .venv/bin/python bench/zensical_bench.py --sizes 20 --pairs 1             # smoke test

Zensical runs no MkDocs plugin, so this is not a kind of ``run.py``: each course is built by
``zensical build --clean`` from the Zensical of ``make tools`` (``.venv-zensical``), with a
``zensical.yml`` that inherits the generated ``mkdocs.yml``. The two variants are ``run.py``'s:

``baseline``
    the pages with the quiz directive removed; ``zensical.yml`` adds nothing.
``ours``
    the pages with ``/// quiz | id``; ``zensical.yml`` adds the ``course_quiz`` extension and the quiz
    script and stylesheet (as the course's own ``zensical.yml`` does). The extension prepares the
    course itself, once per process, and checks at every placement that it is still current
    (``markdown_ext.prepared_quizzes``).
``before`` (with ``--before``)
    ``ours`` with another engine tree first on ``PYTHONPATH``: a change to the extension measured beside
    the change in the same run.

After one warm-up build of each kind, the kinds build alternately (forward in odd rounds, reversed in
even ones, as ``run.py`` does); every build samples its process tree's memory (PSS, every 10 ms), the
same for every kind. Prints each kind's medians and its ratios to the baseline, pair by pair.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import write_course  # noqa: E402 (beside this script)
from run import ENGINE, REPO, SEED, WORK, BenchError, Run, environment, fingerprint, measure, round_order  # noqa: E402

ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"
CONFIG = "zensical.yml"
KINDS = {"baseline": "baseline", "ours": "ours", "before": "ours"}  # kind -> generated variant
QUIZ_ASSETS = ("quiz.js", "quiz.css")


def zensical_yml(variant: str) -> str:
    """The Zensical configuration of a generated course of ``variant``."""
    if variant == "baseline":
        return "INHERIT: mkdocs.yml\n"
    return ("INHERIT: mkdocs.yml\ntheme:\n  custom_dir: overrides\n"
            "extra_css:\n  - assets/course-quiz/quiz.css\nextra_javascript:\n  - assets/course-quiz/quiz.js\n"
            "markdown_extensions:\n  - course_quiz\n")


def write_zensical_course(root: Path, lessons: int, variant: str) -> Path:
    """The generated course of ``variant`` in ``root``, with its Zensical configuration (and quiz assets)."""
    write_course(root, lessons, variant, SEED)
    (root / CONFIG).write_text(zensical_yml(variant), encoding="utf-8")
    if variant == "ours":
        assets = root / "overrides" / "assets" / "course-quiz"
        assets.mkdir(parents=True)
        for name in QUIZ_ASSETS:
            shutil.copyfile(ENGINE / "course_quiz" / "assets" / name, assets / name)
    return root


def build(root: Path, kind: str, tag: str, before: Path | None) -> Run:
    """One clean Zensical build of ``root`` (with the ``before`` engine for that kind), memory sampled."""
    shutil.rmtree(root / "site", ignore_errors=True)  # outside the timer, as in run.py
    engine = before if kind == "before" else None
    log = WORK / "logs" / f"zensical-{root.parent.name}-{kind}-{tag}.log"
    return measure([str(ZENSICAL), "build", "--config-file", CONFIG, "--clean"], root, log, engine, sample=True)


def run_size(lessons: int, pairs: int, kinds: list[str], before: Path | None) -> dict[str, list[Run]]:
    """Generate, warm up and measure one size; the builds of each kind in round order."""
    base = WORK / "zensical" / f"n{lessons:04d}"
    roots = {variant: write_zensical_course(base / variant, lessons, variant)
             for variant in dict.fromkeys(KINDS[kind] for kind in kinds)}
    for kind in kinds:
        build(roots[KINDS[kind]], kind, "warmup", before)
    runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
    for number in range(1, pairs + 1):
        for kind in round_order(kinds, number):
            run = build(roots[KINDS[kind]], kind, f"round{number}", before)
            runs[kind].append(run)
            print(f"  N={lessons} round {number} {kind:8} {run.seconds:6.2f} s wall {run.cpu_seconds:6.2f} s CPU "
                  f"{run.tree_pss_kb / 1024:6.0f} MB", flush=True)
    return runs


def _ratios(runs: dict[str, list[Run]], kind: str, what: str) -> list[float]:
    return [getattr(a, what) / getattr(b, what) for a, b in zip(runs[kind], runs["baseline"], strict=True)]


def table(results: dict[int, dict[str, list[Run]]]) -> str:
    """Medians per size and kind, with the median (min–max) of the pair-by-pair ratios to the baseline."""
    lines = ["| N | build | wall s | wall ratio | CPU s | CPU ratio | peak memory MB | memory ratio |",
             "| ---: | --- | ---: | --- | ---: | --- | ---: | --- |"]
    for lessons, runs in results.items():
        for kind, built in runs.items():
            cells = []
            for what in ("seconds", "cpu_seconds", "tree_pss_kb"):
                value = statistics.median(getattr(run, what) for run in built)
                shown = f"{value / 1024:.0f}" if what == "tree_pss_kb" else f"{value:.2f}"
                found = _ratios(runs, kind, what)
                ratio = "1" if kind == "baseline" else \
                    f"{statistics.median(found):.2f} ({min(found):.2f}–{max(found):.2f})"
                cells += [shown, ratio]
            lines.append(f"| {lessons} | {kind} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the rounds and print the table; 2 when a build fails or Zensical is not installed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000", help="lesson counts, comma-separated")
    parser.add_argument("--pairs", type=int, default=3, help="measured rounds per size")
    parser.add_argument("--before", type=Path, default=None, help="an earlier engine tree (a site_src folder)")
    args = parser.parse_args(argv)
    if not ZENSICAL.exists():
        print(f"{ZENSICAL} is missing: run `make tools` first", file=sys.stderr)
        return 2
    before = args.before.resolve() if args.before else None
    kinds = ["baseline", "ours"] + (["before"] if before else [])
    started, engine = environment(), fingerprint(ENGINE)
    results: dict[int, dict[str, list[Run]]] = {}
    try:
        for lessons in (int(n) for n in args.sizes.split(",") if n.strip()):
            print(f"N={lessons}: {args.pairs} rounds of {', '.join(kinds)}", flush=True)
            results[lessons] = run_size(lessons, args.pairs, kinds, before)
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2
    command = "python bench/zensical_bench.py " + " ".join(sys.argv[1:] if argv is None else argv)
    print(f"\nCommand: `{command.strip()}`  \nEngine: sources {engine}"
          f"{'' if before is None else f', before: {before}'}  \nBefore: {started}  \nAfter: {environment()}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
