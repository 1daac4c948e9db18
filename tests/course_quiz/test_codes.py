"""Every problem code has a test that triggers it and a line in the instructors' guide."""

from __future__ import annotations

import re

import pytest

from course_quiz.problems import CODES, Severity, problem
from tests.conftest import CORPUS, PROJECT, TESTS

GUIDE = (PROJECT / "docs" / "instructors.md").read_text(encoding="utf-8")


def triggering_sources() -> str:
    texts = [p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py") if p.name != "test_codes.py"]
    texts += [p.read_text(encoding="utf-8") for p in CORPUS.glob("*.yml")]
    return "\n".join(texts)


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_triggered_by_a_test(code: str) -> None:
    assert re.search(rf"\b{code}\b", triggering_sources()), f"no test triggers {code}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_documented(code: str) -> None:
    assert f"| {code} |" in GUIDE


def test_severity_follows_the_code() -> None:
    assert problem("f", 1, "W401", "m").severity is Severity.WARNING
    assert problem("f", 1, "Q101", "m").severity is Severity.ERROR
    with pytest.raises(ValueError, match="unknown problem code"):
        problem("f", 1, "X999", "m")


def test_format_is_path_line_column_code_message() -> None:
    assert problem("quizzes/a.yml", 3, "Q110", "unknown key", column=5).format() == \
        "quizzes/a.yml:3:5: Q110 unknown key"
    assert problem("quizzes", 0, "Q100", "missing").format() == "quizzes:1:1: Q100 missing"
