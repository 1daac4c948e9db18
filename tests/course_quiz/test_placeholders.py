"""Placeholders that `course new` writes are problems (Q310) until replaced; TODO: mid-sentence is not one."""

from __future__ import annotations

from course_quiz.course import load_course
from course_quiz.loader import load_quiz_text
from course_quiz.placeholders import page_placeholders, quiz_placeholders
from course_quiz.scaffold import quiz_text
from tests.conftest import WriteCourse

PAGE = """---
title: A lesson
summary: "TODO: a summary."
objectives:
  - id: one
    text: "TODO: an objective."
keypoints:
  - "TODO: a keypoint."
  - A real keypoint that mentions TODO: in the middle.
---

TODO: an introduction.

## TODO: a heading { #first }

- TODO: a list item
    TODO: in an admonition

```text
TODO: inside fenced code is an example, not a placeholder
```

Placeholders start with `TODO:` and the checker reports them.
"""


def test_page_placeholders_at_their_line_and_column() -> None:
    found = [(p.line, p.column, p.code) for p in page_placeholders("docs/a.md", PAGE)]
    assert found == [(3, 11, "Q310"), (6, 12, "Q310"), (8, 6, "Q310"), (12, 1, "Q310"), (14, 4, "Q310"),
                     (16, 3, "Q310"), (17, 5, "Q310")]


def test_quiz_placeholders_in_every_text_field() -> None:
    quiz, problems = load_quiz_text("quizzes/new.yml", quiz_text("new"))
    assert quiz is not None
    assert problems == []
    found = quiz_placeholders(quiz)
    assert {p.code for p in found} == {"Q310"}
    messages = " ".join(p.message for p in found)
    for what in ("prompt of question 'new-single'", "feedback of 'a' in question 'new-single'",
                 "text of 'b' in question 'new-order'", "text of 'x' in question 'new-match'",
                 "accepted answer of question 'new-short'", "hint of question 'new-numeric'",
                 "explanation of question 'new-true-false'"):
        assert what in messages
    filled, _ = load_quiz_text("quizzes/new.yml", quiz_text("new").replace("TODO: ", ""))
    assert filled is not None
    assert quiz_placeholders(filled) == []


def test_course_check_reports_placeholders(write_course: WriteCourse) -> None:
    root = write_course(docs={"a.md": PAGE})
    course = load_course(root / "docs", root / "quizzes", root=root, check_lock=False)
    assert [p.line for p in course.problems if p.code == "Q310"] == [3, 6, 8, 12, 14, 16, 17]
