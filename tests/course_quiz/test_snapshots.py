"""Exact HTML of every question type and of the quiz around them, pinned: quiz.js and verify read it.

The snapshots in tests/course_quiz/snapshots/ were reviewed by eye. After an intended change of the
markup, run ``UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/course_quiz/test_snapshots.py``,
review the diff of the snapshots, and update quiz.js, quiz.css and ARCHITECTURE.md to match.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from course_quiz.loader import load_quiz_file
from course_quiz.model import Quiz
from course_quiz.render import QuizRenderer
from tests.conftest import CORPUS

SNAPSHOTS = Path(__file__).parent / "snapshots"
TITLES = {"types": "Question types", "checking-keys": "Checking keys"}


def sample() -> Quiz:
    quiz, problems = load_quiz_file(CORPUS / "valid-all-types.yml", "valid-all-types.yml")
    assert quiz is not None
    assert problems == []
    return quiz


def compare(name: str, html: str) -> None:
    path = SNAPSHOTS / f"{name}.html"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == path.read_text(encoding="utf-8"), f"markup of {name} changed; see this module's docstring"


QUESTIONS = [(q.type, q.id) for q in sample().questions]


@pytest.mark.parametrize(("question_type", "question_id"), QUESTIONS, ids=[f"{t}-{i}" for t, i in QUESTIONS])
def test_question_markup_is_pinned(question_type: str, question_id: str) -> None:
    quiz = sample()
    index, question = next((n, q) for n, q in enumerate(quiz.questions, start=1) if q.id == question_id)
    compare(f"{question_type}-{question_id}", QuizRenderer().render_question(question, index, len(quiz.questions),
                                                                             TITLES))


def test_every_type_has_a_snapshot() -> None:
    assert {t for t, _ in QUESTIONS} == {"single", "multiple", "true-false", "short", "numeric", "order", "match"}


def test_quiz_markup_around_the_questions_is_pinned() -> None:
    quiz = sample()
    first = quiz.questions[:1]
    compare("quiz", QuizRenderer().render(Quiz(quiz.id, quiz.title, quiz.lesson, quiz.path, 1, first), TITLES))
