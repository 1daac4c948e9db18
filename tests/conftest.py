"""Shared fixtures: the small fixture course, and builders for courses written inside a test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
FIXTURE_COURSE = TESTS / "fixtures" / "course"
# The Simplified Chinese overlay of the fixture course: copied over it, a course in two languages.
FIXTURE_ZH = TESTS / "fixtures" / "zh"
CORPUS = TESTS / "corpus"

# Material for MkDocs prints an end-of-life notice on every build; it is not our warning.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A fresh copy of the fixture course (mkdocs.yml, docs/, quizzes/ with its lock)."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, target)
    return target


@pytest.fixture
def zh_course(course_dir: Path) -> Path:
    """The fixture course with its Simplified Chinese translation (quiz and every page)."""
    for folder in ("docs", "quizzes"):
        shutil.copytree(FIXTURE_ZH / folder, course_dir / folder, dirs_exist_ok=True)
    return course_dir


@pytest.fixture
def in_course(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture course as the working folder, as an instructor runs `course` in it."""
    monkeypatch.chdir(course_dir)
    return course_dir


WriteCourse = Callable[..., Path]


@pytest.fixture
def write_course(tmp_path: Path) -> WriteCourse:
    """Write a course from dicts of file texts: ``write_course(quizzes={...}, docs={...})``."""

    def write(quizzes: dict[str, str] | None = None, docs: dict[str, str] | None = None) -> Path:
        root = tmp_path / "written"
        for folder, files in (("quizzes", quizzes or {}), ("docs", docs or {})):
            (root / folder).mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                path = root / folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return root

    return write


# ---- Work units under pytest-xdist ------------------------------------------------------------------
# make test runs pytest on two processes with --dist loadgroup. A test without a group is a work unit of
# its own, handed to whichever worker is free, so the tests of one module alternated between the workers
# and each worker built the module's sites (scope="module" fixtures) again. A test that names no
# xdist_group is grouped with its module (what --dist loadfile does), so a module's fixtures are set up
# once; a test that names its group keeps it. Tests marked ``longest`` run first: xdist hands the first
# work units one to each worker (in collection order under --no-loadscope-reorder, as make test runs it),
# so two such groups (the axe audits in light and in dark) run side by side rather than one after the
# other at the end of a worker's queue.


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (its hook runs on each worker)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    items.sort(key=lambda item: item.get_closest_marker("longest") is None)  # stable: the order is kept otherwise


def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    """Under --dist loadgroup, stop before any test runs if pytest-xdist lost the groups.

    pytest-xdist passes a test's group to its scheduler as a suffix of the node id (every test has one,
    above); with pytest 9.2 the suffix is silently lost (pytest-xdist issue 1386), and every test would be
    scheduled on its own again.
    """
    config = getattr(node, "config", None)
    if config is not None and config.getoption("dist", "no") == "loadgroup" and ids and "@" not in ids[0]:
        pytest.exit("pytest-xdist ignores the xdist_group marks (--dist loadgroup) with this pytest: install the "
                    "versions pyproject.toml pins (make setup)", returncode=pytest.ExitCode.USAGE_ERROR)


# ---- Every problem code is emitted by some test --------------------------------------------------
# Problems are recorded as the engine creates them during the run (in this process and, under
# pytest-xdist, in every worker); at the end of a run of the whole suite, a code that no test made the
# engine emit fails the run. Codes emitted only in child processes (builds run through the command
# line) do not count, so each code needs an in-process test.
# ``problems.EMITTED_CODES`` holds the codes of the problems made in this process.
_WORKER_CODES: set[str] = set()


def pytest_testnodedown(node: object, error: object) -> None:
    """Under pytest-xdist, collect the codes each worker recorded."""
    _WORKER_CODES.update(getattr(node, "workeroutput", {}).get("emitted_codes", ()))


def _whole_suite(config: pytest.Config) -> bool:
    chosen = {str(Path(arg.split("::")[0]).resolve()) for arg in config.args}
    return (not config.option.keyword and not config.option.markexpr and not getattr(config.option, "lf", False)
            and chosen == {str(TESTS.resolve())})


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from course_quiz.problems import CODES, EMITTED_CODES

    config = session.config
    if hasattr(config, "workeroutput"):  # an xdist worker: hand the codes to the controller
        config.workeroutput["emitted_codes"] = sorted(EMITTED_CODES)
        return
    if config.option.collectonly or not _whole_suite(config) or session.testsfailed or exitstatus != 0:
        return
    missing = sorted(set(CODES) - EMITTED_CODES - _WORKER_CODES)
    if missing:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"no test made the engine emit these problem codes: {', '.join(missing)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
