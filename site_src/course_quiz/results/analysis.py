"""The gradebook and the item analysis, folded in one regraded file at a time.

Item statistics follow classical test theory as Moodle's quiz statistics report does. Per question,
over the students whose answer to it was graded:

- **facility**: the share right (``right / answered``);
- **discrimination**: the Pearson correlation between the question's score x (1 right, 0 wrong) and the
  rest score r, the student's number right among the *other* questions of that quiz (the corrected
  item-total, or point-biserial, correlation; Moodle's discrimination index is the same correlation).
  Every sum it needs streams: n, Σx, Σr, Σr², Σxr, so nothing per student is kept for it.

Flags (``FLAGS``), given once at least ``MIN_ANSWERED`` answers are graded: too easy (facility ≥ 0.9),
too hard (≤ 0.3), negative discrimination (< 0), weak discrimination (0 ≤ d < 0.2).

When two files are of the same student (the same name or ID, compared without case and extra spaces),
the later one counts (``GradedFile.when``: exported, else last activity); the earlier one's share of the
tallies is taken out again, by reading it again (duplicates are few; sums and counts subtract).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from course_quiz.normalize import normalize_answer
from course_quiz.qtypes.short import ShortKey
from course_quiz.results.grading import GRADED, Disagreement, GradedFile, Status
from course_quiz.results.keys import CourseKeys, QuestionKey

TOO_EASY = 0.9
TOO_HARD = 0.3
WEAK = 0.2
MIN_ANSWERED = 5
FLAGS = ("too-easy", "too-hard", "weak-discrimination", "negative-discrimination")
CHOICE_TYPES = ("single", "multiple", "true-false")
TEXT_TYPES = ("short", "numeric")
# Distinct wrong texts tallied per question; beyond them, wrong texts are only counted (memory stays bounded).
MAX_WRONG_TEXTS = 200
SHOWN_WRONG_TEXTS = 5


class ItemTally:
    """The running sums of one question: answers, right, the rest-score sums, options and wrong texts."""

    __slots__ = ("changed", "invalid", "n", "options", "other_wrong", "right", "sum_r", "sum_r2", "sum_xr", "wrong")

    def __init__(self) -> None:
        self.n = self.right = self.sum_r = self.sum_r2 = self.sum_xr = 0
        self.changed = self.invalid = self.other_wrong = 0
        self.options: Counter[str] = Counter()
        self.wrong: Counter[str] = Counter()

    def add(self, key: QuestionKey, x: int, rest: int, response: object, sign: int) -> None:
        """Add (``sign`` 1) or take out (-1) one graded answer: its score, the rest score, its response."""
        self.n += sign
        self.right += sign * x
        self.sum_r += sign * rest
        self.sum_r2 += sign * rest * rest
        self.sum_xr += sign * x * rest
        question = key.question
        if question.type in CHOICE_TYPES:
            for option in response if isinstance(response, list) else [response]:
                self.options[str(option)] += sign
        elif question.type in TEXT_TYPES and not x and isinstance(response, str):
            text = normalize_answer(response, question.key.normalize if isinstance(question.key, ShortKey)
                                    else ("whitespace",))
            if text in self.wrong or len(self.wrong) < MAX_WRONG_TEXTS:
                self.wrong[text] += sign
                if self.wrong[text] <= 0:
                    del self.wrong[text]
            else:
                self.other_wrong += sign

    @property
    def facility(self) -> float | None:
        """The share of graded answers that are right."""
        return self.right / self.n if self.n else None

    @property
    def discrimination(self) -> float | None:
        """The correlation of the question's score with the rest score; ``None`` without spread in either."""
        n, sx, sr = self.n, self.right, self.sum_r
        spread = (n * sx - sx * sx) * (n * self.sum_r2 - sr * sr)
        if n < 2 or spread <= 0:
            return None
        return (n * self.sum_xr - sx * sr) / math.sqrt(spread)

    def flags(self) -> list[str]:
        """The flags this question earns (``FLAGS``), in that order."""
        facility, discrimination = self.facility, self.discrimination
        if self.n < MIN_ANSWERED or facility is None:
            return []
        found = []
        if facility >= TOO_EASY:
            found.append("too-easy")
        if facility <= TOO_HARD:
            found.append("too-hard")
        if discrimination is not None and discrimination < 0:
            found.append("negative-discrimination")
        elif discrimination is not None and discrimination < WEAK:
            found.append("weak-discrimination")
        return found


@dataclass(frozen=True, slots=True)
class QuizScore:
    """One quiz in a gradebook row."""

    score: int
    questions: int
    answered: int
    changed: int


@dataclass
class StudentRow:
    """One student in the gradebook: the file that counts, its scores, and every file of the student."""

    student: str
    file: str
    version: int
    when: datetime | None
    last_activity: datetime | None
    quizzes: dict[str, QuizScore]
    disagreements: tuple[Disagreement, ...]
    first_unknown: int
    files: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        """Right answers over every quiz."""
        return sum(q.score for q in self.quizzes.values())

    @property
    def questions(self) -> int:
        """Questions of every quiz."""
        return sum(q.questions for q in self.quizzes.values())

    @property
    def answered(self) -> int:
        """Answers graded over every quiz."""
        return sum(q.answered for q in self.quizzes.values())


def student_key(graded: GradedFile) -> str:
    """Who a file is of: the name or ID typed, without case and extra spaces; else the file itself."""
    return "name:" + " ".join(graded.student.casefold().split()) if graded.student else "file:" + graded.path


class Analysis:
    """The gradebook and item tallies of every file added so far."""

    def __init__(self, course: CourseKeys, reread: Callable[[str], GradedFile | None]) -> None:
        self.course = course
        self.reread = reread
        self.rows: dict[str, StudentRow] = {}
        self.tallies = {key: ItemTally() for key in course.keys}
        self.edited: list[tuple[str, str, int]] = []  # every file whose verdicts the regrade contradicts
        self.files = 0
        self.version_one = 0

    def add(self, graded: GradedFile) -> None:
        """Add one regraded file: a new student's row, or the later of two files of the same student."""
        self.files += 1
        self.version_one += graded.version == 1
        if graded.disagreements:
            self.edited.append((graded.path, graded.student, len(graded.disagreements)))
        key = student_key(graded)
        existing = self.rows.get(key)
        if existing is None:
            self._fold(graded, 1)
            self.rows[key] = _row(graded, [graded.path])
            return
        files = [*existing.files, graded.path]
        if graded.when is not None and (existing.when is None or graded.when >= existing.when):
            earlier = self.reread(existing.file)
            if earlier is not None:
                self._fold(earlier, -1)
            self._fold(graded, 1)
            self.rows[key] = _row(graded, files)
        else:
            existing.files = files

    def _fold(self, graded: GradedFile, sign: int) -> None:
        for quiz_id, grade in graded.quizzes.items():
            total = grade.score
            for question, outcome in zip(self.course.quiz_questions(quiz_id), grade.outcomes, strict=True):
                tally = self.tallies[(quiz_id, question.question.id)]
                if outcome.status in GRADED:
                    x = int(outcome.status is Status.RIGHT)
                    tally.add(question, x, total - x, outcome.response, sign)
                elif outcome.status is Status.CHANGED:
                    tally.changed += sign
                elif outcome.status is Status.INVALID:
                    tally.invalid += sign

    def students(self) -> list[StudentRow]:
        """The gradebook's rows, by student."""
        return sorted(self.rows.values(), key=lambda row: (row.student.casefold(), row.file))


def _row(graded: GradedFile, files: list[str]) -> StudentRow:
    quizzes = {quiz_id: QuizScore(grade.score, len(grade.outcomes), grade.answered, grade.changed)
               for quiz_id, grade in graded.quizzes.items()}
    return StudentRow(graded.student or _file_name(graded.path), graded.path, graded.version, graded.when,
                      graded.last_activity, quizzes, graded.disagreements, graded.first_unknown, files)


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
