"""Problems found in the course sources: plain data, never printed or raised here.

Every check in the core returns ``Problem`` values. The adapters (command-line tool, MkDocs plugin)
decide how to report them: printed as ``path:line:col: CODE message`` or logged for MkDocs.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.Enum):
    """How serious a problem is: errors always fail; warnings fail under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


# Every code the checker can emit, with a short name. The instructors' guide lists them; a test makes
# sure each one has a test that triggers it and a line in the guide.
CODES: dict[str, str] = {
    # Structure of a quiz file.
    "Q100": "file cannot be read (missing, too large, binary or not UTF-8)",
    "Q101": "invalid YAML syntax",
    "Q102": "tab used for indentation",
    "Q103": "duplicate key in a mapping",
    "Q104": "YAML feature not allowed (custom tag, alias or merge key)",
    "Q110": "unknown key",
    "Q111": "missing required field",
    "Q112": "field has the wrong type",
    "Q113": "empty text",
    "Q114": "fewer than two options or items",
    "Q115": "unknown question type",
    "Q116": "invalid identifier",
    # Translations of quizzes (quizzes/<stem>.<language>.yml).
    "Q120": "translation of a quiz that does not exist, or into a language the engine cannot build",
    "Q121": "translation names an id its source quiz does not have (added or renamed)",
    "Q122": "translation gives the same id twice",
    "Q123": "translation gives a field that comes from the source (a key, type, objective...) or an unknown field",
    "Q124": "translation entry has the wrong shape",
    # Answer keys.
    "Q201": "key names an id that does not exist",
    "Q202": "single choice or true-false needs exactly one key",
    "Q203": "multiple choice key is empty",
    "Q204": "duplicate option or item id",
    "Q205": "duplicate option or item text",
    "Q206": "short answers empty or duplicated after normalising",
    "Q207": "numeric key or tolerance is not a usable number",
    "Q208": "order key is not a permutation of the items",
    "Q209": "match key is not one-to-one onto existing ids",
    # References between quizzes and lessons.
    "Q301": "quiz id used twice in the course",
    "Q302": "question id used twice in the course",
    "Q303": "quiz placed in no lesson",
    "Q304": "quiz placed in more than one lesson",
    "Q305": "directive names a quiz that does not exist",
    "Q306": "quiz's lesson is not the page that places it",
    "Q307": "objective not declared by the lesson",
    "Q308": "review anchor is not a heading of the lesson",
    "Q309": "lesson front matter is invalid",
    "Q310": "placeholder text from `course new` left in",
    "Q311": "translated page differs from its page (objective ids, headings, quiz placements)",
    # Unsafe content.
    "Q501": "unsafe HTML or link in quiz text",
    "Q502": "resource loaded from another host (image, frame, media, script, stylesheet)",
    "Q503": "allowed_hosts setting is not a list of host names",
    "Q504": "toc setting (slugify or separator) the checker cannot follow",
    # Answer-key lock.
    "Q601": "answer key differs from the lock",
    "Q602": "question has no entry in the lock",
    "Q603": "lock has an entry for a question that no longer exists",
    "Q604": "lock file is malformed",
    # Teaching quality (warnings).
    "W401": "question has no explanation",
    "W402": "explanation or feedback begins with a verdict word",
    "W403": "lesson objective assessed by no question",
    "W404": "key in the same position in every question",
    "W405": "option without feedback",
    "W406": "key is the longest option in most single-choice questions",
    "W407": "key is the shortest option in most single-choice questions",
    "W408": "most of the course's true-false keys are the same value",
    "W409": "catch-all options that are never the key",
    # Lesson numbers (warnings).
    "W410": "lesson number in a link's text that its target does not have, or written without a link",
    # Translations (warnings).
    "W411": "text of a quiz with no translation (the English text is shown)",
    "W412": "page with no translation in a language of the course",
    # Built-site verification.
    "V701": "quiz missing from the built site",
    "V702": "question missing or incomplete on its page",
    "V703": "key on the page does not accept the source key",
    "V704": "key on the page accepts a wrong answer",
    "V705": "built site folder missing or unreadable",
    "V706": "quiz block differs from a fresh rendering of its source",
    "V707": "quiz markup outside the verified quiz blocks",
    "V708": "quiz.js or quiz.css differs from the engine's",
    "V709": "instructor-only content in a student build",
    "V710": "instructor-only page in a student build",
    "V711": "key on a language's page differs from the default language's page or from the lock",
    # Exports (course export).
    "X801": "question cannot be exported faithfully in this format",
    "X802": "export does not read back as its source",
    # Students' results files (course results).
    "R901": "results file cannot be read (missing, unreadable or not UTF-8)",
    "R902": "results file is too large",
    "R903": "results file is not JSON, or is truncated",
    "R904": "not a results file of the progress page's JSON download",
    "R905": "unknown results format version",
    "R906": "results of another course",
    "R907": "quiz or question id unknown to the sources",
    "R908": "entry or response of the wrong shape",
}


# The code of every problem made in this process. The test suite reads it to prove that each code in
# ``CODES`` is emitted by some test (tests/conftest.py); a set of at most ``len(CODES)`` strings.
EMITTED_CODES: set[str] = set()


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One problem at one place in a source file.

    Attributes:
        path: The file the problem is in, as given to the loader (relative paths stay relative).
        line: 1-based line in that file; 0 when the problem concerns the whole file.
        column: 1-based column; 0 when unknown.
        code: One of ``CODES``.
        message: What is wrong and what to do, in one line.
        severity: Error or warning.

    """

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        EMITTED_CODES.add(self.code)

    def format(self) -> str:
        """Return the problem as ``path:line:col: CODE message``."""
        kind = "" if self.severity is Severity.ERROR else "warning: "
        # Editors jump to line 1, column 1 for problems that concern a whole file (line 0).
        return f"{self.path}:{max(self.line, 1)}:{max(self.column, 1)}: {self.code} {kind}{self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The problem as a JSON object, for editors and CI annotations (line and column as ``format`` gives them)."""
        return {"path": self.path, "line": max(self.line, 1), "column": max(self.column, 1), "code": self.code,
                "severity": self.severity.value, "message": self.message}


def problem(path: str | Path, line: int, code: str, message: str, column: int = 0) -> Problem:
    """Build a problem whose severity follows from its code (``W`` codes are warnings)."""
    if code not in CODES:
        raise ValueError(f"unknown problem code {code}")
    severity = Severity.WARNING if code.startswith("W") else Severity.ERROR
    return Problem(str(path), line, column, code, message, severity)


def is_error(found: Problem) -> bool:
    """Tell whether a problem is an error (errors fail every check; warnings only strict ones)."""
    return found.severity is Severity.ERROR


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among ``problems``."""
    return [p for p in problems if is_error(p)]


def has_failures(problems: Iterable[Problem], strict: bool) -> bool:
    """Tell whether ``problems`` fail a check: any error, or any warning under ``strict``."""
    return any(strict or is_error(p) for p in problems)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A hint naming the known word closest to ``word``, or an empty string when none is close."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
