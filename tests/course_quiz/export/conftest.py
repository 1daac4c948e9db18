"""Courses to export: the real course, and a generated quiz of every type whose texts hold every GIFT
special character, line breaks, Markdown, backslashes and a negative number."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course_quiz.course import Course, load_course
from course_quiz.export.base import QuizSource
from course_quiz.navfile import nav_pages
from course_quiz.problems import errors
from tests.conftest import PROJECT, WriteCourse

EVERY_TYPE_PAGE = """---
title: "Every type / all: specials {~=#}"
summary: A lesson whose quiz uses every question type and every special character.
objectives:
  - id: tell-types
    text: Tell the question types apart.
keypoints:
  - Seven types.
minutes:
  reading: 3
  activity: 2
---

## Types { #types }

Text.

/// quiz | every-type
///
"""

# YAML double-quoted strings: "\\\\" is one backslash in the text; "\\n" a line break.
EVERY_TYPE_QUIZ = r"""id: every-type
title: "Every type: ~ = # { } :"
lesson: lesson.md
questions:
  - id: e-single
    type: single
    objective: tell-types
    level: remember
    prompt: "Which of {a}, b~c, d=e, f#g, h:i is *right*?\n\nA second paragraph with `code: x` and 5 \\* 3."
    options:
      - {id: a, text: "Braces {like} these", feedback: "Feedback with } and { and # and ~ and \\\\new."}
      - {id: b, text: "Equals = sign, 50% of it", feedback: "Because a=b: yes."}
      - {id: c, text: "Tilde ~ and hash #", feedback: "[A link](https://example.org/x) first."}
    answer: b
    explanation: "[Nye 2004](https://example.org/nye) explains: it's 1 = 1 {ok}.\n\nAnd C:\\\\\\\\Users is a path."
    hint: "A hint: GIFT has none."
    review: types
  - id: e-multiple
    type: multiple
    objective: tell-types
    level: understand
    prompt: "Pick every text with a special character: ~ = # { } :"
    options:
      - {id: tilde, text: "~tilde first", feedback: "~ starts it."}
      - {id: plain, text: "Plain words", feedback: "No special character here."}
      - {id: hash, text: "#hash first", feedback: "# starts it."}
      - {id: colon, text: "Ends in a colon:", feedback: "A colon: at the end."}
      - {id: none, text: "Nothing special", feedback: "Nothing."}
    answer: [tilde, hash, colon]
    explanation: "Three of them {~, #, :}."
    review: types
  - id: e-true-false
    type: true-false
    objective: tell-types
    prompt: "GIFT needs ~ = # { } : escaped.\nEven on a second line."
    answer: true
    explanation: "True: all six, and line breaks as \\\\n."
  - id: e-short
    type: short
    objective: tell-types
    prompt: "Type a{b} or x = y or c#:"
    answer: ["a{b}", "x = y", "c#", "50%"]
    normalize: [whitespace]
    explanation: "Any of the four."
  - id: e-numeric-negative
    type: numeric
    objective: tell-types
    prompt: "Below zero: what is -3.5, give or take 0.25?"
    answer: {value: -3.5, tolerance: 0.25}
    explanation: "Minus three and a half."
  - id: e-numeric-unit
    type: numeric
    objective: tell-types
    prompt: "What share, in %?"
    answer: {value: 12.5, tolerance: 0, unit: "%"}
    explanation: "One eighth."
  - id: e-order
    type: order
    objective: tell-types
    prompt: "Order: {first} ~ second = third #"
    items:
      - {id: two, text: "Second ~"}
      - {id: one, text: "First {1}"}
      - {id: three, text: "Third = #3"}
    answer: [one, two, three]
    explanation: "One, two, three: in order."
  - id: e-match
    type: match
    objective: tell-types
    prompt: "Match each character: to its name"
    left:
      - {id: tilde, text: "~"}
      - {id: equals, text: "="}
      - {id: brace, text: "{ and }"}
    right:
      - {id: t, text: "tilde ~"}
      - {id: e, text: "equals: ="}
      - {id: b, text: "braces {}"}
    answer: {tilde: t, equals: e, brace: b}
    explanation: "Each to its own name."
"""


def sources_of(course: Course, config: Path | None = None) -> list[QuizSource]:
    """The course's quizzes in nav order (the order `course export` uses), with their lessons."""
    order = nav_pages(config.read_text(encoding="utf-8")) if config is not None else []
    rank = {path: index for index, path in enumerate(order)}
    quizzes = sorted(course.quizzes.values(), key=lambda q: (rank.get(q.lesson, len(rank)), q.lesson, q.path))
    return [QuizSource(quiz, course.pages.get(quiz.lesson)) for quiz in quizzes]


@pytest.fixture(scope="session")
def real_sources() -> list[QuizSource]:
    """The real course (quizzes/*.yml), whichever revision of its quizzes this checkout holds."""
    course = load_course(PROJECT / "docs", PROJECT / "quizzes", root=PROJECT, check_lock=False)
    assert course.quizzes, "the real course has quizzes"
    return sources_of(course, PROJECT / "mkdocs.yml")


@pytest.fixture
def every_type(write_course: WriteCourse) -> list[QuizSource]:
    """The generated quiz of every type, loaded without errors."""
    root = write_course(quizzes={"every-type.yml": EVERY_TYPE_QUIZ}, docs={"lesson.md": EVERY_TYPE_PAGE})
    course = load_course(root / "docs", root / "quizzes", root=root, check_lock=False)
    assert errors(course.problems) == []
    return sources_of(course)


CourseSources = Callable[[str], list[QuizSource]]


@pytest.fixture
def quiz_sources(write_course: WriteCourse) -> CourseSources:
    """Sources of one quiz written from YAML text, placed on the every-type page."""

    def build(quiz: str) -> list[QuizSource]:
        root = write_course(quizzes={"every-type.yml": quiz}, docs={"lesson.md": EVERY_TYPE_PAGE})
        course = load_course(root / "docs", root / "quizzes", root=root, check_lock=False)
        assert errors(course.problems) == [], [p.format() for p in course.problems]
        return sources_of(course)

    return build
