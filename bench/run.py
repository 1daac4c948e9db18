"""Build benchmark of the course-quiz plugin: our quizzes against the same pages without quizzes.

For each course size N (default 20, 200 and 1000 lessons of about 800 words and 10 questions each) the
runner generates the course (``bench/generate.py``), checks it with ``course check --strict``, builds
every variant once to warm up, then builds them alternately (baseline, ours[, peer], baseline, ours ...)
and records each build's wall time and CPU time; then it builds each kind twice more, sampling the
summed PSS of the build's process tree every 10 ms for peak memory (the largest single process's RSS
from ``os.wait4`` is shown beside it). It also
times ``course check`` and ``course verify``, measures the quiz assets and what each variant adds to a
page, prints Markdown tables, and exits 1 when a target of the issue is missed (2 when it cannot run).

    .venv/bin/python bench/run.py --peers          # the documented full run
    .venv/bin/python bench/run.py --quick          # smoke test: N=20, 2 pairs
    .venv/bin/python bench/run.py --sizes 1000 --profile   # also cProfile builds and a check
    .venv/bin/python bench/run.py --engine path/to/site_src  # measure a candidate engine tree
    .venv/bin/python bench/run.py --before path/to/old/site_src  # an earlier engine, side by side

``--peers`` also builds the course in mkdocs-quiz's syntax with mkdocs-quiz, installed in
``bench/.peers-venv`` (created on first use, with the same MkDocs, Material, Markdown and
pymdown-extensions versions as ours), so mkdocs-quiz is never a dependency of the course.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
VENV_BIN = REPO / ".venv" / "bin"
PEERS_VENV = BENCH / ".peers-venv"
PEER_QUIZ = "mkdocs-quiz==1.7.1"
SHARED_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")
ENGINE = REPO / "site_src"
SITE_ASSET_DIR = "assets/course-quiz"
SEED = 1
# An earlier engine's cache folder, removed before it builds (the engine today keeps no cache).
OLD_CACHE_DIR = Path(".cache") / "course-quiz"
# What is built in each round: kind -> generated variant. "before" builds the same course as "ours" with
# another engine tree (``--before``), so that an engine change is measured side by side in one run.
KINDS = {"baseline": "baseline", "ours": "ours", "before": "ours", "peer": "peer"}

# How often a running build's process tree is sampled for memory (each sample reads /proc for a few
# processes: well under a millisecond).
SAMPLE_SECONDS = 0.01
MEMORY_ROUNDS = 2  # builds per kind, after the timed rounds, sampled for memory

# The engine tree of the "before" kind, set from ``--before`` (a list, so the build function can read it).
BEFORE: list[Path | None] = [None]

TARGET_BUILD_RATIO = 1.10
# CPU ratio ours / baseline: what a build costs on one core (issue 16).
TARGET_CPU_RATIO = {200: 1.30, 1000: 1.25}
TARGET_MEMORY_RATIO = 1.2
TARGET_CHECK_SECONDS = 1.5
TARGET_VERIFY_SECONDS = 2.0
TARGET_CHECK_GROWTH = 5.0  # at most linear from N=200 to N=1000
TARGET_ASSETS_GZIP = 9 * 1024  # 8 KB until issue 20 added the Chinese messages (tests/course_quiz/test_published.py)

sys.path.insert(0, str(BENCH))
from generate import QUESTIONS_PER_QUIZ, write_course  # noqa: E402 (the generator sits beside this script)


class BenchError(RuntimeError):
    """The benchmark cannot go on (a build failed, the course is invalid, an install failed)."""


@dataclass(frozen=True)
class Run:
    """One measured child process."""

    seconds: float
    max_rss_kb: int
    cpu_seconds: float = 0.0  # user + system time of the child and the children it waited for
    tree_pss_kb: int = 0  # peak of the summed PSS of the child and its descendants, sampled


@dataclass
class SizeResult:
    """Everything measured for one course size."""

    lessons: int
    questions: int
    builds: dict[str, list[Run]] = field(default_factory=dict)
    memory: dict[str, list[Run]] = field(default_factory=dict)  # separate builds, sampled for memory
    check: list[Run] = field(default_factory=list)
    verify: list[Run] = field(default_factory=list)
    check_before: list[Run] = field(default_factory=list)  # the --before engine, alternating with ours
    verify_before: list[Run] = field(default_factory=list)
    home_bytes: dict[str, tuple[int, int]] = field(default_factory=dict)
    lesson_bytes: dict[str, tuple[int, int]] = field(default_factory=dict)
    search_bytes: dict[str, tuple[int, int]] = field(default_factory=dict)
    asset_pages: tuple[int, int] = (0, 0)

    def ratios(self, variant: str, what: str = "seconds") -> list[float]:
        """``variant`` over the baseline, pair by pair (same round)."""
        pairs = zip(self.builds[variant], self.builds["baseline"], strict=True)
        return [getattr(ours, what) / getattr(base, what) for ours, base in pairs]

    def median(self, variant: str, what: str = "seconds") -> float:
        """Median of one measure over the measured builds of ``variant``."""
        return float(statistics.median(getattr(run, what) for run in self.builds[variant]))

    def peak_memory_kb(self, variant: str) -> float:
        """Median over the memory rounds of the build's peak memory (all its processes)."""
        return statistics.median(run.tree_pss_kb for run in self.memory[variant])


# Running children --------------------------------------------------------------------------------

def child_env(engine: Path | None = None) -> dict[str, str]:
    """The environment of a measured child; ``engine`` puts a candidate engine tree first on the path."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # Bytecode caches as an installed package has them: with PYTHONDONTWRITEBYTECODE set (some shells and
    # CI images set it), every build and check would compile the engine's sources (an editable install,
    # no cache) again, 0.1-0.2 s of CPU per process that a baseline build, whose packages pip compiled at
    # install, never pays. The warm-up build writes the caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if engine is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(engine), env.get("PYTHONPATH", ""))))
    return env


def measure(command: list[str], cwd: Path, log: Path, engine: Path | None = None, sample: bool = False) -> Run:
    """Run ``command`` in ``cwd`` with output to ``log``; return its wall time and peak memory.

    With ``sample``, the process tree's memory is read every ``SAMPLE_SECONDS``. Timed runs do not
    sample: the sampler is a third process on a 2-core machine, and it would slow a build that keeps
    both cores busy more than one that leaves a core idle.
    """
    env = child_env(engine)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        tree_peak = 0
        if sample:
            tree_peak, status, usage = wait_sampling(child.pid)
        else:
            _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        raise BenchError(f"`{' '.join(command)}` in {cwd} exited {child.returncode}; end of {log}:\n{tail}")
    return Run(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, tree_peak)


def wait_sampling(pid: int) -> tuple[int, int, resource.struct_rusage]:
    """Wait for ``pid`` while sampling its process tree's memory: (peak KB, wait status, usage)."""
    peak = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return peak, status, usage
        peak = max(peak, tree_pss_kb(pid))
        time.sleep(SAMPLE_SECONDS)


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants now (Linux ``/proc``), in KB.

    PSS divides each shared page among the processes that map it, so a forked worker's pages shared
    with its parent are counted once across the tree, and the sum is the memory the whole build holds.
    ``ru_maxrss`` only reports the largest single process.
    """
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue  # the process ended between two reads
    return total


def mkdocs_bin(variant: str) -> Path:
    """The ``mkdocs`` that builds ``variant`` (mkdocs-quiz lives in its own environment)."""
    return (PEERS_VENV / "bin" / "mkdocs") if variant == "peer" else (VENV_BIN / "mkdocs")


def build(root: Path, kind: str, tag: str, engine: Path | None, sample: bool = False) -> Run:
    """Build one kind's site into ``root/site`` (ours with ``engine`` when given, before with ``BEFORE``)."""
    variant = KINDS[kind]
    shutil.rmtree(root / OLD_CACHE_DIR, ignore_errors=True)  # an earlier engine builds cold, as on a fresh clone
    if kind == "before":
        engine = BEFORE[0]
    # Outside the timed window: remove this kind's previous site and write everything out. The disk is
    # mounted with online discard, so deleting a site just written makes the next journal commits slow;
    # left to MkDocs' own clean-up, a kind built right after itself (ours and before share a folder)
    # paid for that, and the order of the kinds decided the ratios (1.04 forward, 1.19 reversed).
    shutil.rmtree(root / "site", ignore_errors=True)
    os.sync()
    command = [str(mkdocs_bin(variant)), "build", "--quiet", "--site-dir", "site"]
    log = WORK / "logs" / f"{root.parent.name}-{kind}-{tag}.log"
    return measure(command, root, log, engine if variant == "ours" else None, sample)


# The peers' environment --------------------------------------------------------------------------

def peer_requirements() -> list[str]:
    """mkdocs-quiz plus the exact versions of the packages our builds use, for a like-for-like build."""
    return [PEER_QUIZ, *(f"{name}=={metadata.version(name)}" for name in SHARED_PACKAGES)]


def ensure_peers_venv() -> None:
    """Create ``bench/.peers-venv`` with mkdocs-quiz unless it already holds the same requirements."""
    wanted = "\n".join(peer_requirements()) + "\n"
    stamp = PEERS_VENV / "bench-requirements.txt"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted and mkdocs_bin("peer").exists():
        return
    print(f"installing {', '.join(peer_requirements())} into {PEERS_VENV} ...", flush=True)
    log = WORK / "logs" / "peers-venv.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        for command in ([sys.executable, "-m", "venv", str(PEERS_VENV)],
                        [str(PEERS_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                         *peer_requirements()]):
            if subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False).returncode != 0:
                raise BenchError(f"`{' '.join(command)}` failed; see {log}")
    stamp.write_text(wanted, encoding="utf-8")


# Page weight -------------------------------------------------------------------------------------

def sizes_of(path: Path) -> tuple[int, int]:
    """Raw and gzip -9 size of a file."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


# Published with the instructor edition only (contract.INSTRUCTOR_ASSETS), never to students.
INSTRUCTOR_ONLY_ASSETS = ("instructor.css",)


def asset_sizes(engine: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzip size of each quiz asset the package ships to students (as a site serves it: minified)."""
    assets = engine / "course_quiz" / "assets"
    return {path.name: sizes_of(path) for path in sorted(assets.iterdir())
            if path.suffix in (".js", ".css") and path.name not in INSTRUCTOR_ONLY_ASSETS}


def pages_loading_assets(site: Path) -> tuple[int, int]:
    """How many HTML pages load quiz.js and quiz.css as external (cacheable) files, out of all pages."""
    script = re.compile(r'<script src="[^"]*' + re.escape(SITE_ASSET_DIR) + r'/quiz\.js"')
    sheet = re.compile(r'<link rel="stylesheet" href="[^"]*' + re.escape(SITE_ASSET_DIR) + r'/quiz\.css"')
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    loading = sum(1 for p in pages if script.search(text := p.read_text(encoding="utf-8")) and sheet.search(text))
    return loading, len(pages)


def round_order(kinds: list[str], round_number: int) -> list[str]:
    """The kinds in the order round ``round_number`` builds them: forward in odd rounds, reversed in even.

    On this machine each build in a sequence tends to run a little slower than the one before (about
    1.5 % per build at N=1000, in the file system's write phase), so a kind always built right after
    the baseline would look cheaper than one built three places later. Alternating the direction (an
    ABBA design) gives every kind the same average distance from the baseline over each pair of rounds.
    """
    return list(kinds) if round_number % 2 else list(reversed(kinds))


# One size ----------------------------------------------------------------------------------------

def run_size(lessons: int, pairs: int, kinds: list[str], checks: int, engine: Path | None) -> SizeResult:
    """Generate, warm up and measure one course size."""
    base = WORK / f"n{lessons:04d}"
    variants = list(dict.fromkeys(KINDS[kind] for kind in kinds))
    roots = {variant: write_course(base / variant, lessons, variant, SEED) for variant in variants}
    result = SizeResult(lessons, lessons * QUESTIONS_PER_QUIZ, {kind: [] for kind in kinds})
    course = [str(VENV_BIN / "course")]
    logs = WORK / "logs"
    measure([*course, "check", "--strict"], roots["ours"], logs / f"n{lessons:04d}-check-strict.log", engine)
    for kind in kinds:
        build(roots[KINDS[kind]], kind, "warmup", engine)
    for round_number in range(1, pairs + 1):
        for kind in round_order(kinds, round_number):
            run = build(roots[KINDS[kind]], kind, f"round{round_number}", engine)
            result.builds[kind].append(run)
            print(f"  N={lessons} round {round_number} {kind:9} {run.seconds:7.2f} s {run.cpu_seconds:7.2f} s CPU",
                  flush=True)
    result.memory = {kind: [] for kind in kinds}
    for round_number in range(1, MEMORY_ROUNDS + 1):
        for kind in kinds:
            run = build(roots[KINDS[kind]], kind, f"memory{round_number}", engine, sample=True)
            result.memory[kind].append(run)
            print(f"  N={lessons} memory round {round_number} {kind:9} {run.tree_pss_kb / 1024:7.1f} MB "
                  "(all processes)", flush=True)
    if BEFORE[0] is not None:  # the earlier engine verifies the site it built itself (options were not shuffled)
        build(roots["ours"], "before", "for-verify-before", engine)
        shutil.rmtree(roots["ours"] / "site-before", ignore_errors=True)
        shutil.copytree(roots["ours"] / "site", roots["ours"] / "site-before")
    build(roots["ours"], "ours", "for-verify", engine)  # the folder's last build may be another engine's
    for number in range(checks):
        result.check.append(measure([*course, "check"], roots["ours"], logs / f"n{lessons:04d}-check.log", engine))
        result.verify.append(measure([*course, "verify", "site"], roots["ours"], logs / f"n{lessons:04d}-verify.log",
                                     engine))
        print(f"  N={lessons} course check {result.check[-1].seconds:.2f} s, "
              f"course verify {result.verify[-1].seconds:.2f} s ({number + 1}/{checks})", flush=True)
        if BEFORE[0] is not None:  # the earlier engine on the same site, in the same round
            result.check_before.append(measure([*course, "check"], roots["ours"],
                                               logs / f"n{lessons:04d}-check-before.log", BEFORE[0]))
            result.verify_before.append(measure([*course, "verify", "site-before"], roots["ours"],
                                                logs / f"n{lessons:04d}-verify-before.log", BEFORE[0]))
            print(f"  N={lessons} before: course check {result.check_before[-1].seconds:.2f} s, "
                  f"course verify {result.verify_before[-1].seconds:.2f} s", flush=True)
    first_lesson = Path("unit-01") / "lesson-0001" / "index.html"
    for variant in variants:
        site = roots[variant] / "site"
        result.home_bytes[variant] = sizes_of(site / "index.html")
        result.lesson_bytes[variant] = sizes_of(site / first_lesson)
        result.search_bytes[variant] = sizes_of(site / "search" / "search_index.json")
    result.asset_pages = pages_loading_assets(roots["ours"] / "site")
    return result


# Profiling ---------------------------------------------------------------------------------------

# Build phases compared between the baseline and our variant: (label, file ending, function).
PHASES = (
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("`on_config` of all plugins (ours: fork the course's preparation)", "mkdocs/plugins.py", "on_config"),
    ("Markdown of all pages (`_populate_page`)", "mkdocs/commands/build.py", "_populate_page"),
    ("Material search parsing each page (`on_page_context`)", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("`on_env` of all plugins (ours: wait for the prepared course; the forked child is profiled too, so "
     "it finishes later than unprofiled)", "mkdocs/plugins.py", "on_env"),
    ("templates (`Template.render`)", "jinja2/environment.py", "render"),
    ("`on_post_page` of all plugins", "mkdocs/plugins.py", "on_post_page"),
    ("`on_post_build` of all plugins (ours: verify the site)", "mkdocs/plugins.py", "on_post_build"),
)


def profile(lessons: int, engine: Path | None) -> str:
    """cProfile a baseline build, our build and ``course check`` at ``lessons``; where our time goes."""
    base = WORK / f"n{lessons:04d}"
    mkdocs = [str(VENV_BIN / "mkdocs"), "build", "--quiet", "--site-dir", "site"]
    runs = {"baseline": ("baseline", mkdocs), "ours": ("ours", mkdocs),
            "check": ("ours", [str(VENV_BIN / "course"), "check"])}
    files: dict[str, Path] = {}
    for name, (variant, command) in runs.items():
        root = base / variant
        if not (root / "mkdocs.yml").exists():
            write_course(root, lessons, variant, SEED)
        files[name] = WORK / f"profile-n{lessons:04d}-{name}.prof"
        measure([str(VENV_BIN / "python"), "-m", "cProfile", "-o", str(files[name]), *command], root,
                WORK / "logs" / f"profile-n{lessons:04d}-{name}.log", engine if variant == "ours" else None)
    saved = ", ".join(str(f.relative_to(REPO)) for f in files.values())
    return "\n".join([
        f"cProfile of `mkdocs build` at N={lessons}, baseline against ours (cumulative seconds under the "
        f"profiler, which slows Python about threefold; saved in {saved}):",
        "", phase_table(files["baseline"], files["ours"]), "",
        f"Engine functions with the most cumulative time in our build at N={lessons}:", "",
        engine_profile(files["ours"]), "",
        f"Engine functions with the most cumulative time in `course check` at N={lessons}:", "",
        engine_profile(files["check"]),
    ])


def _cumulative(stats_file: Path) -> dict[tuple[str, str], float]:
    """Cumulative seconds by (file path, function name); the largest entry when a name repeats."""
    found: dict[tuple[str, str], float] = {}
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    for (filename, _, function), (_, _, _, cumulative, _) in stats.items():
        key = (filename, function)
        found[key] = max(found.get(key, 0.0), cumulative)
    return found


def _phase(times: dict[tuple[str, str], float], ending: str, function: str) -> float:
    return max((t for (f, name), t in times.items() if name == function and f.endswith(ending)), default=0.0)


def phase_table(baseline_file: Path, ours_file: Path) -> str:
    """Baseline and our build, phase by phase."""
    base, ours = _cumulative(baseline_file), _cumulative(ours_file)
    lines = ["| phase | baseline s | ours s | added s |", "| --- | ---: | ---: | ---: |"]
    for label, ending, function in PHASES:
        b, o = _phase(base, ending, function), _phase(ours, ending, function)
        lines.append(f"| {label} | {b:.2f} | {o:.2f} | {o - b:+.2f} |")
    return "\n".join(lines)


def engine_profile(stats_file: Path, limit: int = 15) -> str:
    """The ``limit`` engine functions (course_quiz, mkdocs_course) with the largest cumulative time."""
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), (_, calls, _, cumulative, _) in stats.items():
        for package in ("/course_quiz/", "/mkdocs_course/"):
            if package in filename:
                short = package.strip("/") + "/" + filename.split(package, 1)[1]
                rows.append((cumulative, calls, f"{short}:{line}({function})"))
    lines = ["| cumulative s | calls | function |", "| ---: | ---: | --- |"]
    lines += [f"| {cum:.2f} | {calls} | `{name}` |" for cum, calls, name in sorted(rows, reverse=True)[:limit]]
    return "\n".join(lines)


# Report ------------------------------------------------------------------------------------------

def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f}"


def _ratio(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


LABELS = {"baseline": "baseline (no quiz)", "ours": "ours (course-quiz)", "before": "ours, engine before (--before)",
          "peer": "mkdocs-quiz 1.7.1"}


def build_table(results: list[SizeResult]) -> str:
    """Median wall time, CPU time and peak memory per size and build, with the pair-by-pair ratios."""
    lines = ["| N | build | wall s | wall ratio to baseline: median (min–max) | CPU s | CPU ratio | "
             "peak memory MB (all processes) | memory ratio | largest process RSS MB |",
             "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        for kind in result.builds:
            seconds, cpu = result.median(kind), result.median(kind, "cpu_seconds")
            rss, tree = result.median(kind, "max_rss_kb"), result.peak_memory_kb(kind)
            if kind == "baseline":
                ratio = cpu_ratio = tree_ratio = "1"
            else:
                ratio = _ratio(result.ratios(kind))
                cpu_ratio = f"{statistics.median(result.ratios(kind, 'cpu_seconds')):.2f}"
                tree_ratio = f"{tree / result.peak_memory_kb('baseline'):.2f}"
            lines.append(f"| {result.lessons} | {LABELS[kind]} | {seconds:.2f} | {ratio} | {cpu:.2f} | {cpu_ratio} | "
                         f"{_mb(tree)} | {tree_ratio} | {_mb(rss)} |")
    return "\n".join(lines)


def cli_table(results: list[SizeResult]) -> str:
    """Median time of ``course check`` and ``course verify`` per size."""
    lines = ["| N | questions | engine | `course check` s | CPU s | peak RSS MB | `course verify site` s | CPU s | "
             "peak RSS MB |", "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        for label, check, verify in (("ours", r.check, r.verify), ("before (--before)", r.check_before,
                                                                     r.verify_before)):
            if not check:
                continue
            seconds = statistics.median(x.seconds for x in check)
            lines.append(f"| {r.lessons} | {r.questions} | {label} | {seconds:.2f} | "
                         f"{statistics.median(x.cpu_seconds for x in check):.2f} | "
                         f"{_mb(max(x.max_rss_kb for x in check))} | "
                         f"{statistics.median(x.seconds for x in verify):.2f} | "
                         f"{statistics.median(x.cpu_seconds for x in verify):.2f} | "
                         f"{_mb(max(x.max_rss_kb for x in verify))} |")
    return "\n".join(lines)


def _sized(value: tuple[int, int], base: tuple[int, int]) -> str:
    return f"{value[0]:,} ({value[1]:,}) | {value[0] - base[0]:+,} ({value[1] - base[1]:+,})"


def weight_table(result: SizeResult, assets: dict[str, tuple[int, int]]) -> str:
    """What each variant adds to a page without a quiz, a lesson page and the search index; our assets."""
    lines = ["| variant | home page bytes (gzip) | added | lesson page bytes (gzip) | added | "
             "search_index.json bytes (gzip) | added |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for variant in result.home_bytes:
        label = LABELS[variant].removesuffix(", cold")
        lines.append(f"| {label} | {_sized(result.home_bytes[variant], result.home_bytes['baseline'])} | "
                     f"{_sized(result.lesson_bytes[variant], result.lesson_bytes['baseline'])} | "
                     f"{_sized(result.search_bytes[variant], result.search_bytes['baseline'])} |")
    lines += ["", "| our asset | raw bytes | gzip -9 bytes |", "| --- | ---: | ---: |"]
    lines += [f"| `{name}` | {raw:,} | {gz:,} |" for name, (raw, gz) in assets.items()]
    total = (sum(a[0] for a in assets.values()), sum(a[1] for a in assets.values()))
    lines.append(f"| together | {total[0]:,} | {total[1]:,} |")
    return "\n".join(lines)


def targets(results: list[SizeResult], assets: dict[str, tuple[int, int]]) -> list[tuple[bool, str]]:
    """Each target of the issue that this run measured, with whether it holds."""
    by_n = {r.lessons: r for r in results}
    found: list[tuple[bool, str]] = []
    for n in (200, 1000):
        if n in by_n:
            ratio = statistics.median(by_n[n].ratios("ours"))
            found.append((ratio <= TARGET_BUILD_RATIO, f"build ratio ours/baseline at N={n}: median {ratio:.2f} "
                          f"(target <= {TARGET_BUILD_RATIO})"))
            cpu = statistics.median(by_n[n].ratios("ours", "cpu_seconds"))
            found.append((cpu <= TARGET_CPU_RATIO[n], f"CPU ratio ours/baseline at N={n}: median {cpu:.2f} "
                          f"(target <= {TARGET_CPU_RATIO[n]})"))
    if 1000 in by_n:
        r = by_n[1000]
        memory = r.peak_memory_kb("ours") / r.peak_memory_kb("baseline")
        found.append((memory <= TARGET_MEMORY_RATIO, f"peak memory ours/baseline at N=1000: {memory:.2f} "
                      f"(target <= {TARGET_MEMORY_RATIO})"))
        check = statistics.median(x.seconds for x in r.check)
        found.append((check <= TARGET_CHECK_SECONDS, f"`course check` at N=1000: {check:.2f} s "
                      f"(target <= {TARGET_CHECK_SECONDS} s)"))
        verify = statistics.median(x.seconds for x in r.verify)
        found.append((verify < TARGET_VERIFY_SECONDS, f"`course verify site` at N=1000: {verify:.2f} s "
                      f"(target < {TARGET_VERIFY_SECONDS} s)"))
        if 200 in by_n:
            growth = check / statistics.median(x.seconds for x in by_n[200].check)
            found.append((growth <= TARGET_CHECK_GROWTH, f"`course check` N=1000 / N=200: {growth:.2f} "
                          f"(target <= {TARGET_CHECK_GROWTH})"))
    files = sorted(assets)
    gz = sum(a[1] for a in assets.values())
    found.append((files == ["quiz.css", "quiz.js"] and gz <= TARGET_ASSETS_GZIP,
                  f"quiz assets: {len(files)} files ({', '.join(files)}), {gz:,} B gzipped together "
                  f"(target: one JS + one CSS, <= {TARGET_ASSETS_GZIP:,} B)"))
    loading, pages = results[-1].asset_pages
    found.append((loading == pages and pages > 0, f"pages loading both assets as external, cacheable files at "
                  f"N={results[-1].lessons}: {loading} of {pages}"))
    return found


def fingerprint(engine: Path) -> str:
    """A short hash of the engine's sources and assets, to notice an engine edited during a run."""
    digest = hashlib.sha256()
    for path in sorted(engine.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js", ".css"):
            digest.update(path.relative_to(engine).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def environment() -> str:
    """The versions and machine this run measured on."""
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in SHARED_PACKAGES)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"Python {platform.python_version()}, {versions}; {os.cpu_count()} CPUs; "
            f"load average {load}; {time.strftime('%Y-%m-%d %H:%M %Z')}")


def report(results: list[SizeResult], command: str, checks: list[tuple[bool, str]], started: str,
           *, engine: Path, engine_before: str) -> str:
    """The Markdown summary printed at the end (and saved to bench/work/summary.md)."""
    assets = asset_sizes(engine)
    engine_after = fingerprint(engine)
    changed = ("" if engine_after == engine_before else
               f" **changed during the run (was {engine_before}): the numbers mix engine versions, run again**")
    parts = [
        f"Command: `{command}`  ",
        f"Engine: `{engine}`, sources {engine_after}{changed}  ",
        f"Before: {started}  ",
        f"After: {environment()}",
        "",
        "Build (`mkdocs build`, alternating rounds after one warm-up build of each kind; ratios pair by pair):",
        "",
        build_table(results),
        "",
        "Command-line checks on our variant (median of repeated runs):",
        "",
        cli_table(results),
        "",
        f"Page weight at N={results[-1].lessons} (site/index.html has no quiz, unit-01/lesson-0001/ has one; "
        "search_index.json for the whole site):",
        "",
        weight_table(results[-1], assets),
        "",
        "Targets:",
        "",
        *(f"- {'PASS' if ok else 'MISS'}: {text}" for ok, text in checks),
    ]
    return "\n".join(parts) + "\n"


# Command line ------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20,200,1000", help="lesson counts, comma-separated")
    parser.add_argument("--pairs", type=int, default=None,
                        help="measured rounds per size (default: 8; even, so that forward and reversed "
                             "rounds balance)")
    parser.add_argument("--checks", type=int, default=5, help="runs of course check and course verify per size")
    parser.add_argument("--peers", action="store_true", help="also build the course with mkdocs-quiz")
    parser.add_argument("--quick", action="store_true", help="smoke test: N=20, 2 pairs, 2 checks")
    parser.add_argument("--profile", action="store_true",
                        help="afterwards, cProfile a baseline build, our build and a check at the largest size")
    parser.add_argument("--engine", type=Path, default=None,
                        help="a candidate engine tree (a site_src folder) to measure instead of the installed one")
    parser.add_argument("--before", type=Path, default=None,
                        help="another engine tree (a site_src folder, e.g. of an earlier commit) built beside ours in "
                             "every round, to measure a change side by side")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.pairs, args.checks = "20", args.pairs or 2, 2
    args.size_list = [int(n) for n in args.sizes.split(",") if n.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when every measured target holds, 1 when one is missed, 2 on failure."""
    args = parse_args(argv)
    command = "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    started = environment()
    engine_before = fingerprint(args.engine.resolve() if args.engine else ENGINE)
    kinds = ["baseline", "ours"] + (["before"] if args.before else []) + (["peer"] if args.peers else [])
    engine = args.engine.resolve() if args.engine else None
    BEFORE[0] = args.before.resolve() if args.before else None
    for tree in (engine, BEFORE[0]):
        if tree is not None and not (tree / "mkdocs_course" / "plugin.py").exists():
            print(f"engine tree {tree} holds no mkdocs_course/plugin.py", file=sys.stderr)
            return 2
    results: list[SizeResult] = []
    try:
        if args.peers:
            ensure_peers_venv()
        for lessons in args.size_list:
            pairs = args.pairs or 8
            print(f"N={lessons}: {pairs} rounds of {', '.join(kinds)}", flush=True)
            results.append(run_size(lessons, pairs, kinds, args.checks, engine))
        profiled = profile(max(args.size_list), engine) if args.profile else ""
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2
    assets = asset_sizes(engine or ENGINE)
    checks = targets(results, assets)
    summary = report(results, command.strip(), checks, started, engine=engine or ENGINE, engine_before=engine_before)
    if profiled:
        summary += "\n" + profiled
    WORK.mkdir(exist_ok=True)
    (WORK / "summary.md").write_text(summary, encoding="utf-8")
    (WORK / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    print("\n" + summary)
    missed = [text for ok, text in checks if not ok]
    for text in missed:
        print(f"target missed: {text}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
