"""Regrading one results file against the current sources, with the engine's own checking.

Each question of each quiz gets one ``Outcome``: right or wrong as ``keycodec.accepts`` decides today
(the same rules as quiz.js and ``course verify``), unanswered, changed since answered (its type or key
stamp differs from today's, so it is not graded), or invalid (a response whose shape the question's form
could not hold, ``QuestionType.response_problem``). The attempt graded is the first checked one or the
latest (``Attempt``); when a file does not know the first (version 1), the latest is graded and counted.
Where the file's own verdict, first or latest, differs from the regrade, that is a ``Disagreement``.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from course_quiz.keycodec import accepts
from course_quiz.problems import Problem, problem
from course_quiz.qtypes import TYPES, Response
from course_quiz.results.keys import CourseKeys, QuestionKey
from course_quiz.results.reading import AnswerRecord, Attempt, ResultFile


class Which(enum.Enum):
    """The attempt that is graded: the first checked response, or the latest."""

    FIRST = "first"
    LAST = "last"


class Status(enum.Enum):
    """What regrading found for one question of one file."""

    RIGHT = "right"
    WRONG = "wrong"
    UNANSWERED = "unanswered"
    CHANGED = "changed"  # answered against another type or key: not graded
    INVALID = "invalid"  # a response the question's form could not hold: not graded


GRADED = (Status.RIGHT, Status.WRONG)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One question of one file, regraded: the status and the response graded (``None`` when not graded)."""

    status: Status
    response: object = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A verdict in the file that the regrade does not confirm: a sign of an edited file."""

    quiz: str
    question: str
    attempt: str  # "first" or "latest"
    file_says: str
    regrade: str


@dataclass(frozen=True, slots=True)
class QuizGrade:
    """One quiz of one file: an outcome per question of today's quiz, in order."""

    quiz: str
    outcomes: tuple[Outcome, ...]

    @property
    def score(self) -> int:
        """Questions regraded right."""
        return sum(outcome.status is Status.RIGHT for outcome in self.outcomes)

    @property
    def answered(self) -> int:
        """Questions regraded, right or wrong."""
        return sum(outcome.status in GRADED for outcome in self.outcomes)

    @property
    def changed(self) -> int:
        """Questions answered against another type or key than today's."""
        return sum(outcome.status is Status.CHANGED for outcome in self.outcomes)


@dataclass(frozen=True, slots=True)
class GradedFile:
    """One file, regraded."""

    path: str
    version: int
    student: str
    exported: datetime | None
    last_activity: datetime | None
    quizzes: dict[str, QuizGrade]
    disagreements: tuple[Disagreement, ...]
    first_unknown: int  # questions graded on the latest attempt because the file does not know the first

    @property
    def when(self) -> datetime | None:
        """When the file was written: its export time, else its last activity."""
        return self.exported or self.last_activity


def grade_file(result: ResultFile, course: CourseKeys, which: Which) -> tuple[GradedFile, list[Problem]]:
    """Regrade every answer of ``result``; responses of the wrong shape are problems (R908) and not graded."""
    quizzes: dict[str, QuizGrade] = {}
    disagreements: list[Disagreement] = []
    invalid: list[str] = []
    first_unknown = 0
    times: list[datetime] = []
    for quiz in course.quizzes:
        record = result.quizzes.get(quiz.id)
        version_ok = record is not None and record.version == course.versions[quiz.id]
        outcomes = []
        for question in quiz.questions:
            answer = record.answers.get(question.id) if record is not None else None
            key = course.keys[(quiz.id, question.id)]
            if answer is None:
                outcomes.append(Outcome(Status.UNANSWERED))
                continue
            times.extend(a.at for a in (answer.latest, answer.first) if a is not None and a.at is not None)
            if not _same_key(answer, key, result.version, version_ok):
                outcomes.append(Outcome(Status.CHANGED))
                continue
            chosen = answer.first if which is Which.FIRST else answer.latest
            if which is Which.FIRST and chosen is None and answer.latest is not None and answer.attempts != 0:
                chosen, first_unknown = answer.latest, first_unknown + 1
            if chosen is None:
                outcomes.append(Outcome(Status.UNANSWERED))
                continue
            verdicts = {label: check(key, attempt.response) for label, attempt in _attempts(answer)}
            if any(verdict is None for verdict in verdicts.values()):
                invalid.append(f"{quiz.id}/{question.id}")
                outcomes.append(Outcome(Status.INVALID))
                continue
            for label, attempt in _attempts(answer):
                regrade = "right" if verdicts[label] else "wrong"
                if regrade != attempt.claimed:
                    disagreements.append(Disagreement(quiz.id, question.id, label, attempt.claimed, regrade))
            right = verdicts["first"] if chosen is answer.first else verdicts["latest"]
            outcomes.append(Outcome(Status.RIGHT if right else Status.WRONG, chosen.response))
        quizzes[quiz.id] = QuizGrade(quiz.id, tuple(outcomes))
    found = []
    if invalid:
        shown = ", ".join(invalid[:5]) + (f" and {len(invalid) - 5} more" if len(invalid) > 5 else "")
        found.append(problem(result.path, 0, "R908", f"has responses of the wrong shape for their question, not graded: {shown}; the file was edited or damaged"))
    graded = GradedFile(result.path, result.version, result.student, result.exported, max(times, default=None),
                        quizzes, tuple(disagreements), first_unknown)
    return graded, found


def _same_key(answer: AnswerRecord, key: QuestionKey, version: int, version_ok: bool) -> bool:
    """Whether the answer was given to today's type and key (version 1: the quiz's version is today's)."""
    if version == 1:
        return version_ok
    return answer.type == key.question.type and answer.stamp == key.stamp


def _attempts(answer: AnswerRecord) -> list[tuple[str, Attempt]]:
    return [(label, attempt) for label, attempt in (("first", answer.first), ("latest", answer.latest))
            if attempt is not None]


def check(key: QuestionKey, response: object) -> bool | None:
    """Whether today's key accepts ``response``; ``None`` when the question's form could not hold it."""
    if isinstance(response, str):  # most responses: an option id or a typed text, a cache key as they are
        return _check(key, response, is_text=True)
    try:
        text = json.dumps(response, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return _check(key, text, is_text=False)


@lru_cache(maxsize=65536)  # responses repeat across a class; bounded, so memory stays flat
def _check(key: QuestionKey, given: str, is_text: bool) -> bool | None:
    """``check`` of a response given as text, or as the JSON of a list or object."""
    response: object = given if is_text else json.loads(given)
    qtype = TYPES[key.question.type]
    if qtype.response_problem(key.question, response) is not None:
        return None
    return accepts(key.question.type, key.page_key, _as_response(response))


def _as_response(value: object) -> Response:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    assert isinstance(value, Sequence)
    return [str(item) for item in value]
