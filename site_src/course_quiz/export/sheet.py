"""The rows of an answer sheet: one per question, with its key, objective and review section.

The CSV and Markdown answer sheets write these rows; the key is the type's readable key
(``forms.readable_key``), the objective and the review section are looked up in the lesson.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields

from course_quiz.export.base import QuizSource, form_of
from course_quiz.messages import words
from course_quiz.model import Question, Quiz
from course_quiz.problems import Problem, problem
from course_quiz.qtypes.forms import readable_key


@dataclass(frozen=True)
class SheetRow:
    """One question of an answer sheet."""

    lesson: str  # the lesson page, under docs/
    lesson_title: str
    quiz: str
    question: str
    type: str
    level: str
    prompt: str
    key: str
    objective: str
    objective_text: str
    review: str  # page#anchor
    review_section: str  # the heading's text


COLUMNS = tuple(f.name for f in fields(SheetRow))


def sheet_row(source: QuizSource, question: Question) -> SheetRow:
    """The answer-sheet row of ``question``."""
    quiz = source.quiz
    return SheetRow(
        lesson=quiz.lesson, lesson_title=source.lesson_title, quiz=quiz.id, question=question.id,
        type=question.type, level=question.level or "", prompt=question.prompt.strip(),
        key=readable_key(form_of(question), words(source.language)), objective=question.objective or "",
        objective_text=source.objective_text(question.objective),
        review=f"{quiz.lesson}#{question.review}" if question.review else "",
        review_section=source.heading(question.review))


def sheet_rows(sources: Sequence[QuizSource]) -> list[tuple[Quiz, Question, SheetRow]]:
    """Every question of ``sources`` in order, with its quiz and its row."""
    return [(s.quiz, q, sheet_row(s, q)) for s in sources for q in s.quiz.questions]


def compare_rows(title: str, expected: Sequence[tuple[Quiz, Question, SheetRow]],
                 found: Sequence[tuple[str, ...]]) -> list[Problem]:
    """X802 problems for every row read back from a sheet that differs from its source."""
    problems = []
    if len(found) != len(expected):
        path = expected[0][0].path if expected else "export"
        problems.append(problem(path, 0, "X802", f"{title} reads back as {len(found)} rows, not {len(expected)}"))
    for (quiz, question, row), read in zip(expected, found, strict=False):
        wanted = astuple(row)
        gaps = [f"{name}: expected {want!r}, read {got!r}"
                for name, want, got in zip(COLUMNS, wanted, read, strict=False) if want != got]
        if len(read) != len(wanted):
            gaps.append(f"{len(read)} columns, not {len(wanted)}")
        if gaps:
            problems.append(problem(quiz.path, question.line, "X802", f"{title} row of question '{question.id}' "
                                    f"does not read back as its source: {'; '.join(gaps)}"))
    return problems
