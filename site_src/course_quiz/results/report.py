"""One run of ``course results``: every file read, regraded and folded in, then the report's data.

Files are handled one at a time (read, regraded, folded into the tallies, dropped), so memory holds the
per-question tallies and one small gradebook row per student, never the files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from course_quiz.model import Quiz
from course_quiz.problems import Problem
from course_quiz.qtypes.choice import ChoiceKey
from course_quiz.qtypes.truefalse import BoolKey
from course_quiz.results.analysis import (
    CHOICE_TYPES,
    SHOWN_WRONG_TEXTS,
    Analysis,
    StudentRow,
)
from course_quiz.results.grading import GradedFile, Which, grade_file
from course_quiz.results.keys import CourseKeys
from course_quiz.results.reading import read_result, result_paths


@dataclass(frozen=True, slots=True)
class OptionCount:
    """How often one option of a choice question was chosen."""

    id: str
    text: str
    count: int
    right: bool


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One question in the item analysis."""

    quiz: str
    question: str
    type: str
    prompt: str
    level: str | None
    objective: str | None
    answered: int
    right: int
    facility: float | None
    discrimination: float | None
    flags: tuple[str, ...]
    options: tuple[OptionCount, ...]
    wrong: tuple[tuple[str, int], ...]
    other_wrong: int
    changed: int
    invalid: int


@dataclass(frozen=True)
class Report:
    """Everything a report shows."""

    course: str
    attempt: Which
    files: int
    version_one: int
    quizzes: tuple[Quiz, ...]
    students: list[StudentRow]
    questions: list[QuestionRow]
    problems: list[Problem]
    edited: list[tuple[str, str, int]]

    @property
    def flagged(self) -> list[QuestionRow]:
        """The questions with at least one flag."""
        return [row for row in self.questions if row.flags]


def run(paths: Iterable[Path], course: CourseKeys, which: Which) -> Report:
    """Read, regrade and fold every results file under ``paths``; problems are collected, never raised."""
    problems: list[Problem] = []

    def reread(path: str) -> GradedFile | None:
        result, _ = read_result(Path(path), course)
        return grade_file(result, course, which)[0] if result is not None else None

    analysis = Analysis(course, reread)
    for path, found in result_paths(paths):
        if found is not None:
            problems.append(found)
            continue
        result, read_problems = read_result(path, course)
        problems.extend(read_problems)
        if result is None:
            continue
        graded, grade_problems = grade_file(result, course, which)
        problems.extend(grade_problems)
        analysis.add(graded)
    return Report(course.title, which, analysis.files, analysis.version_one, course.quizzes, analysis.students(),
                  _question_rows(analysis), problems, analysis.edited)


def _question_rows(analysis: Analysis) -> list[QuestionRow]:
    rows = []
    for quiz in analysis.course.quizzes:
        for question in quiz.questions:
            tally = analysis.tallies[(quiz.id, question.id)]
            options: tuple[OptionCount, ...] = ()
            if question.type in CHOICE_TYPES:
                choices = ([(o.id, o.text) for o in question.options] if question.type != "true-false"
                           else [("true", "True"), ("false", "False")])
                key = question.key
                right = (set(key.ids) if isinstance(key, ChoiceKey)
                         else {str(v).lower() for v in key.values} if isinstance(key, BoolKey) else set())
                options = tuple(OptionCount(oid, _one_line(text), tally.options[oid], oid in right)
                                for oid, text in choices)
            wrong = tuple(tally.wrong.most_common(SHOWN_WRONG_TEXTS))
            rows.append(QuestionRow(quiz.id, question.id, question.type, _one_line(question.prompt), question.level,
                                    question.objective, tally.n, tally.right, tally.facility, tally.discrimination,
                                    tuple(tally.flags()), options, wrong,
                                    tally.other_wrong + sum(tally.wrong.values()) - sum(c for _, c in wrong),
                                    tally.changed, tally.invalid))
    return rows


def _one_line(markdown: str) -> str:
    """A quiz text on one line, as written (Markdown), for tables."""
    return " ".join(markdown.split())
