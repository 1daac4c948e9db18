"""What regrading needs from the course's sources, prepared once: each question's stamp and page key.

A response is checked against the key the page carries (``keycodec.page_key``), by the same function
verification uses (``keycodec.accepts``), so results are graded by exactly the rules of quiz.js.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from course_quiz.keycodec import key_stamp, page_key_text, quiz_stamps
from course_quiz.model import Question, Quiz
from course_quiz.pageread import PageKey
from course_quiz.progress import quiz_version
from course_quiz.qtypes.numeric import NumericKey


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a cache key, made once per question
class QuestionKey:
    """One question as the current sources give it: the question, its stamp and the key its page carries."""

    question: Question
    index: int  # position in its quiz
    stamp: str
    page_key: PageKey


@dataclass(frozen=True)
class CourseKeys:
    """Every quiz of the course in order, with its version, and every question's key.

    Attributes:
        title: The course's title as the progress page writes it into results (``site_name``).
        quizzes: Quizzes in the order reports list them (the lessons' order in the navigation).
        versions: Each quiz's version (``progress.quiz_version``), which version-1 files carry.
        keys: Each question's key, by (quiz id, question id).

    """

    title: str
    quizzes: tuple[Quiz, ...]
    versions: dict[str, str]
    keys: dict[tuple[str, str], QuestionKey]

    def quiz(self, quiz_id: str) -> Quiz | None:
        """The quiz ``quiz_id``, or ``None``."""
        return self.by_id.get(quiz_id)

    @cached_property
    def by_id(self) -> dict[str, Quiz]:
        """Quizzes by id."""
        return {quiz.id: quiz for quiz in self.quizzes}

    @cached_property
    def questions(self) -> dict[str, tuple[QuestionKey, ...]]:
        """Each quiz's question keys, in order."""
        return {quiz.id: tuple(self.keys[(quiz.id, q.id)] for q in quiz.questions) for quiz in self.quizzes}

    def quiz_questions(self, quiz_id: str) -> tuple[QuestionKey, ...]:
        """The keys of the questions of ``quiz_id``, in order."""
        return self.questions[quiz_id]


def course_keys(title: str, quizzes: Sequence[Quiz]) -> CourseKeys:
    """Prepare the keys of ``quizzes`` (in report order) for regrading results of the course ``title``."""
    keys: dict[tuple[str, str], QuestionKey] = {}
    for quiz in quizzes:
        for index, question in enumerate(quiz.questions):
            unit = question.key.unit if isinstance(question.key, NumericKey) else ""
            parsed = PageKey.parse(page_key_text(question), unit)
            assert parsed is not None, "the engine's own page key always parses"
            keys[(quiz.id, question.id)] = QuestionKey(question, index, key_stamp(question), parsed)
    versions = {quiz.id: quiz_version(quiz_stamps(quiz)) for quiz in quizzes}
    return CourseKeys(title, tuple(quizzes), versions, keys)
