"""The instructor edition's key blocks and answer keys: readable keys for every type, pinned markup.

The snapshots (tests/course_quiz/snapshots/key-*.html and answer-key.html) were reviewed by eye; after
an intended change run ``UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/course_quiz/test_instructor.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from course_quiz.blockdiff import verify_rendered
from course_quiz.contract import INSTRUCTOR_MARK, QUIZ_MARKERS
from course_quiz.model import Quiz
from course_quiz.pageread import read_page_quizzes
from course_quiz.render import QuizRenderer
from tests.course_quiz.test_snapshots import QUESTIONS, TITLES, compare, sample


def key_of(question_id: str) -> str:
    quiz = sample()
    question = next(q for q in quiz.questions if q.id == question_id)
    renderer = QuizRenderer(instructor=True)
    assert renderer.instructor is not None
    return renderer.instructor.key_block(question, TITLES)


def text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()


@pytest.mark.parametrize(("question_type", "question_id"), QUESTIONS, ids=[f"{t}-{i}" for t, i in QUESTIONS])
def test_key_block_markup_is_pinned(question_type: str, question_id: str) -> None:
    compare(f"key-{question_type}-{question_id}", key_of(question_id))


def test_answer_key_markup_is_pinned() -> None:
    quiz = sample()
    renderer = QuizRenderer(instructor=True)
    assert renderer.instructor is not None
    compare("answer-key", renderer.instructor.answer_key(Quiz(quiz.id, quiz.title, quiz.lesson, quiz.path, 1,
                                                                  quiz.questions[:2]), TITLES))


@pytest.mark.parametrize(("question_id", "expected"), [
    ("s-single", ["Right option: Radio buttons", "Wrong: Checkboxes Checkboxes allow several answers.",
                  "Right: Radio buttons Radio buttons allow exactly one.",
                  "Wrong: A text box Text boxes are for typed answers."]),
    ("s-multiple", ["Right options (all of them, nothing else): Order; Match",
                    "Wrong: Short answer Short answers are typed.", "Right: Match Match uses a list per left entry."]),
    ("s-tf", ["Answer: False"]),
    ("s-short", ["Accepted answers: SHA-256 , SHA2-256",
                 "Compared ignoring letter case, repeated spaces and punctuation; spaces at either end never count."]),
    ("s-numeric", ["Answer: 7 ± 0 types", "Accepted: only 7 types, compared at 0 decimals. A decimal comma and the "
                   "unit may be typed."]),
    ("s-numeric-decimal", ["Answer: 3.14 ± 0.01", "Accepted: from 3.13 to 3.15, compared at 2 decimals. A decimal "
                           "comma may be typed."]),
    ("s-order", ["Right order: Write the quiz Build the site Verify the built page"]),
    ("s-match", ["Right pairs: Single → Radio Multiple → Checkbox"]),
])
def test_each_type_shows_its_key_in_readable_form(question_id: str, expected: list[str]) -> None:
    block = text_of(key_of(question_id))
    for part in expected:
        assert part in block
    assert "Explanation:" in block
    assert "Objective: " in block


def test_short_answer_without_normalising_says_it_is_exact() -> None:
    quiz = sample()
    question = replace(next(q for q in quiz.questions if q.id == "s-short"), normalize=())
    renderer = QuizRenderer(instructor=True)
    assert renderer.instructor is not None
    assert "Compared exactly as written" in renderer.instructor.key_block(question, {})


def test_instructor_quiz_is_the_student_quiz_with_a_key_under_each_question() -> None:
    quiz = sample()
    student = QuizRenderer().render(quiz, TITLES)
    instructor = QuizRenderer(instructor=True).render(quiz, TITLES)
    keys = re.findall(r'\n<div class="cq-key" data-cq-instructor>.*?\n</div>', instructor, re.DOTALL)
    assert len(keys) == len(quiz.questions)
    without_keys = instructor
    for key in keys:
        without_keys = without_keys.replace(key, "", 1)
    assert without_keys == student  # the quiz itself works as in the student edition
    # Each key follows its own question's form.
    assert re.findall(r'data-question-id="([^"]+)"[^\n]*\n(?:(?!<form).*\n)*?<div class="cq-key"', instructor,
                      re.MULTILINE) == [q.id for q in quiz.questions]
    assert verify_rendered(quiz, instructor) == []
    assert [list(q.questions) for q in read_page_quizzes("p", instructor)] == [[q.id for q in quiz.questions]]


def test_answer_key_has_no_control_and_no_quiz_marker() -> None:
    quiz = sample()
    renderer = QuizRenderer(instructor=True)
    assert renderer.instructor is not None
    key = renderer.instructor.answer_key(quiz, TITLES)
    assert INSTRUCTOR_MARK in key
    for forbidden in ("<button", "<input", "<select", "<form", *QUIZ_MARKERS):
        assert forbidden not in key
    assert key.count('class="cq-key-question"') == len(quiz.questions)
    assert "Review: Question types" in key
