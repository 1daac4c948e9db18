"""ProperDocs, the community's fork of MkDocs, builds the course unchanged: mkdocs.yml and the course-quiz plugin.

The real course is built once, from the repository into a temporary folder; the broken build uses the
fixture course.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_quiz.course import load_course
from tests.conftest import PROJECT
from tests.portability.hosts import course_verify, run, tool

pytestmark = pytest.mark.build

PROPERDOCS = ".venv-properdocs"


def properdocs_build(course: Path, *options: str | Path) -> str:
    result = run([tool(PROPERDOCS, "properdocs"), "build", "--config-file", "mkdocs.yml", *options], course)
    assert "Traceback" not in result.stderr
    return f"{result.returncode}\n{result.stderr}"


def test_properdocs_builds_the_course_with_the_plugin_and_course_verify_passes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    # Not --strict: the content's teaching warnings are course check's to report (make test runs it).
    outcome = properdocs_build(PROJECT, "--no-strict", "--site-dir", site)
    assert outcome.startswith("0\n"), outcome
    assert '<meta name="generator" content="mkdocs-ProperDocs 1.6.7' in (site / "index.html").read_text()
    result = course_verify(PROPERDOCS, PROJECT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    quizzes = len(load_course(PROJECT / "docs", PROJECT / "quizzes").quizzes)
    assert re.fullmatch(rf"{re.escape(str(site))}: {quizzes} quizzes, \d+ questions verified \(student edition, "
                        r"without the \d+ instructor notes\), in 2 languages \(en, zh\), "
                        r"each page with the same keys\n", result.stdout)


def test_a_broken_quiz_fails_the_properdocs_build_with_its_problem_line(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: [write, build, verify]", "answer: [write, build]"))
    outcome = properdocs_build(course_dir, "--strict")
    assert not outcome.startswith("0\n")
    assert ("quizzes/sample.yml:65:1: Q208 order key of question 's-order' is not a permutation of its items "
            "(missing verify)") in outcome
    assert not (course_dir / "site" / "lesson" / "index.html").exists()
