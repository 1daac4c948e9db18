"""What every export format shares: its sources, its notes, and the comparison of a read-back with its source.

A format writes bytes from ``QuizSource`` values, with ``ExportNote`` values for what the format cannot
carry (reported on the command line, never dropped silently) and X801 problems for what it cannot
write at all. It then reads its own bytes back into ``ReadQuestion`` records and compares them with
the records expected from the source (``compare``): any difference is X802, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal

from course_quiz.lessons import Page
from course_quiz.messages import DEFAULT_LANGUAGE
from course_quiz.model import Question, Quiz
from course_quiz.numbering import numbered
from course_quiz.problems import Problem, problem
from course_quiz.qtypes import TYPES
from course_quiz.qtypes.forms import ExportForm


@dataclass(frozen=True)
class QuizSource:
    """A quiz to export, with the lesson page that places it (``None`` if it has none) and its number.

    For a language other than the sources', ``quiz`` is the localized quiz (``course.localize``) and
    ``lesson`` the lesson's translation (``course.Course.page``); the export's own words are that
    language's (``messages``).
    """

    quiz: Quiz
    lesson: Page | None
    number: int | None = None  # the lesson's number in the navigation's order (``numbering``)
    language: str = DEFAULT_LANGUAGE

    @property
    def lesson_title(self) -> str:
        """The lesson's title from its front matter (or the quiz's lesson path), numbered as the site shows it."""
        title = self.lesson.meta.get("title") if self.lesson is not None else None
        plain = " ".join(title.split()) if isinstance(title, str) and title.strip() else self.quiz.lesson
        return numbered(self.number, plain)

    def heading(self, anchor: str | None) -> str:
        """The text of the lesson heading with ``anchor``, or an empty string."""
        if anchor is None or self.lesson is None:
            return ""
        return self.lesson.headings.get(anchor, "")

    def objective_text(self, objective: str | None) -> str:
        """The text of the lesson objective ``objective``, or an empty string."""
        if objective is None or self.lesson is None:
            return ""
        return next((o.text for o in self.lesson.objectives if o.id == objective), "")


def language_of(sources: Sequence[QuizSource]) -> str:
    """The language of an export (every source is in one language)."""
    return sources[0].language if sources else DEFAULT_LANGUAGE


def form_of(question: Question) -> ExportForm:
    """The question's content in the shape exporters write, from its type's module."""
    return TYPES[question.type].export_form(question)


@dataclass(frozen=True, order=True)
class ExportNote:
    """Something a format cannot carry, at the question it concerns: reported, and the export still written."""

    path: str
    line: int
    message: str

    def format(self) -> str:
        """``path:line:col: note: message``, like a problem line."""
        return f"{self.path}:{max(self.line, 1)}:1: note: {self.message}"


def note(quiz: Quiz, question: Question, message: str) -> ExportNote:
    """A note about ``question``, at its line."""
    return ExportNote(quiz.path, question.line, f"question '{question.id}': {message}")


def cannot_export(quiz: Quiz, line: int, message: str) -> Problem:
    """An X801 problem: the format cannot hold this text or key faithfully."""
    return problem(quiz.path, line, "X801", message)


@dataclass(frozen=True)
class Written:
    """The bytes of one export, and what the format could not carry or write."""

    data: bytes
    notes: tuple[ExportNote, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ExportFormat:
    """One export format: what ``--format`` calls it, and the functions its module provides."""

    name: str  # as given to --format
    title: str  # for messages, e.g. "GIFT (Moodle)"
    binary: bool  # a zip rather than UTF-8 text
    write: Callable[[Sequence[QuizSource], Callable[[], None]], Written]
    read_back: Callable[[bytes, Sequence[QuizSource]], list[Problem]]


@dataclass(frozen=True)
class ReadAnswer:
    """One answer as a format holds it: its text, its share of the grade in percent, its feedback, its id.

    ``ident`` is the choice's identifier where the format has one (QTI), so that a key is compared by id
    as well as by text.
    """

    text: str
    weight: Decimal
    feedback: str = ""
    ident: str = ""


@dataclass(frozen=True)
class ReadQuestion:
    """A question as an export holds it, in terms every format can be read into.

    Records are built twice: from the source (what the export must hold) and by reading the export back.
    ``malformed`` lists what a strict reading found wrong, such as a special character left unescaped;
    a record from the source has none.
    """

    name: str
    type: str  # single, multiple, true-false, short, numeric or match (how the format holds it)
    stem: str
    answers: tuple[ReadAnswer, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    value: bool | None = None
    number: tuple[Decimal, Decimal] | None = None  # value, tolerance
    general_feedback: str = ""
    group: str = ""  # GIFT category or QTI assessment the question is in
    malformed: tuple[str, ...] = ()


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 160 else f"{text[:150]}…{text[-10:]}"


def differences(expected: ReadQuestion, found: ReadQuestion) -> list[str]:
    """Each field in which ``found`` differs from ``expected``, as ``field: expected …, read …``."""
    return [f"{f.name}: expected {_shown(getattr(expected, f.name))}, read {_shown(getattr(found, f.name))}"
            for f in fields(ReadQuestion) if getattr(expected, f.name) != getattr(found, f.name)]


def compare(title: str, expected: Sequence[tuple[Quiz, Question, ReadQuestion]],
            found: Sequence[ReadQuestion], errors: Sequence[str] = ()) -> list[Problem]:
    """X802 problems for every way ``found`` (read back from an export) differs from ``expected``.

    Args:
        title: The format, for messages.
        expected: Each exported question with its quiz and the record the export must hold, in order.
        found: The records read back from the export, in order.
        errors: Problems the reader found outside any question (a broken manifest, a stray block).

    """
    if not expected:
        return [problem("export", 0, "X802", f"{title} export: {message}") for message in errors]
    first_quiz = expected[0][0]
    found_problems = [problem(first_quiz.path, 0, "X802", f"{title} export does not read back: {message}")
                      for message in errors]
    if len(found) != len(expected):
        names = [record.name for record in found]
        found_problems.append(problem(first_quiz.path, 0, "X802", f"{title} export reads back as {len(found)} "
                                      f"questions, not {len(expected)} ({', '.join(names[:8])}"
                                      f"{', …' if len(names) > 8 else ''})"))
    for (quiz, question, wanted), read in zip(expected, found, strict=False):
        gaps = differences(wanted, read)
        if gaps:
            found_problems.append(problem(quiz.path, question.line, "X802", f"{title} export of question "
                                          f"'{question.id}' does not read back as its source: {'; '.join(gaps)}"))
    return found_problems
