"""Every problem code has a line in the instructors' guide.

That every code is emitted by some test is checked by tests/conftest.py at the end of a run of the whole
suite, from the problems the engine actually created.
"""

from __future__ import annotations

import pytest

from course_quiz.problems import CODES, Severity, problem
from tests.conftest import PROJECT

GUIDE = (PROJECT / "docs" / "instructors.md").read_text(encoding="utf-8")


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
