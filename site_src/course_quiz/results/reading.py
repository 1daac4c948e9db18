"""Reading one results file, as the progress page downloads it, into plain records; bad input is data.

Format version 2 (``browser/quiz.js``) carries, per question: its type and the key stamp it was answered
against, the latest response and verdict, the first checked response and verdict, and the number of
attempts; and the optional name or ID the student typed. Version 1 carries only the latest response and
verdict and each quiz's version, no stamps: its answers are trusted to a key only while the quiz's version
is today's. Everything in a file is a claim: nothing read here is a grade (see ``grading``).

Every problem is a ``Problem`` naming the file (codes R901 to R908): a file that cannot be used at all
gives one line and no record; unknown ids and malformed entries give one line per kind and file, and the
rest of the file is kept.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from course_quiz.problems import Problem, problem
from course_quiz.results.keys import CourseKeys

FORMAT = "course-quiz-results"
VERSIONS = (1, 2)
# A class's real files are tens of kilobytes (about 250 bytes per question); far larger is not a download.
MAX_BYTES = 2_000_000
MAX_STUDENT_CHARS = 200
SUFFIXES = (".json", ".csv")
VERDICTS = ("right", "wrong")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One checked response as the file gives it: the response, the file's own verdict, and when."""

    response: object
    claimed: str  # "right" or "wrong": what the student's browser said
    at: datetime | None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One question of a file: the type and stamp answered against, the latest and first attempts.

    ``first`` is ``None`` when the file does not know it (version 1, or answers saved before the page
    kept first attempts); ``stamp`` is ``None`` in version 1 (see ``ResultFile.version_matches``).
    """

    question: str
    type: str | None
    stamp: str | None
    latest: Attempt | None
    first: Attempt | None
    attempts: int | None


@dataclass(frozen=True, slots=True)
class QuizRecord:
    """One quiz of a file: its id, the version it names, and its answered questions by id."""

    quiz: str
    version: str | None
    answers: dict[str, AnswerRecord]


@dataclass(frozen=True, slots=True)
class ResultFile:
    """One file read and validated: who, when, which format, and each known quiz's answers."""

    path: str
    version: int
    student: str
    exported: datetime | None
    quizzes: dict[str, QuizRecord]


def result_paths(paths: Iterable[Path]) -> Iterator[tuple[Path, Problem | None]]:
    """Each file named, and each ``.json`` or ``.csv`` file under each folder named, sorted; surprises as problems.

    Files are yielded one at a time, so a folder of any size is never listed twice in memory.
    """
    for given in paths:
        if given.is_dir():
            for current, folders, names in os.walk(given, onerror=None):
                folders.sort()
                for name in sorted(names):
                    if name.endswith(SUFFIXES) and not name.startswith("."):
                        yield Path(current) / name, None
        elif given.exists():
            yield given, None
        else:
            yield given, problem(given, 0, "R901", "no such file or folder; check the path")


def read_result(path: Path, course: CourseKeys) -> tuple[ResultFile | None, list[Problem]]:
    """Read ``path`` as a results file of ``course``: the record (``None`` if unusable) and its problems."""
    text, found = _text(path)
    if text is None:
        return None, [found] if found else []
    if path.suffix.lower() == ".csv" or text.startswith(('"course","', "course,")):
        return None, [problem(path, 0, "R904", "is the progress page's CSV download, which carries no responses and cannot be regraded; ask the student for the JSON download (Download my results (JSON))")]  # noqa: E501 (a message stays on one line, so grep finds it)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()):
            return None, [problem(path, error.lineno, "R903", "ends before its JSON does: the file is truncated; ask the student to download it again", error.colno)]  # noqa: E501 (a message stays on one line, so grep finds it)
        return None, [problem(path, error.lineno, "R903", f"is not JSON ({error.msg}); a results file is the JSON the progress page downloads", error.colno)]  # noqa: E501 (a message stays on one line, so grep finds it)
    except (ValueError, RecursionError):  # an integer of thousands of digits, or nesting deeper than Python's stack
        return None, [problem(path, 0, "R903", "is not JSON that can be read (a number too long or nesting too deep); a results file is the JSON the progress page downloads")]  # noqa: E501 (a message stays on one line, so grep finds it)
    return _record(path, data, course)


def _text(path: Path) -> tuple[str | None, Problem | None]:
    try:
        with path.open("rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                return None, problem(path, 0, "R901", "is not a regular file; give results files or folders of them")
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        return None, problem(path, 0, "R901", f"cannot be read: {error.strerror or error}")
    if len(data) > MAX_BYTES:
        return None, problem(path, 0, "R902", f"is larger than {MAX_BYTES // 1_000_000} MB, far more than a results file holds; check that it is one")  # noqa: E501 (a message stays on one line, so grep finds it)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, problem(path, 0, "R901", f"is not UTF-8 text (byte {error.start}); a results file is the JSON the progress page downloads")  # noqa: E501 (a message stays on one line, so grep finds it)


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time as quiz.js writes it, or ``None``; a time without zone is taken as given."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class _Collector:
    """Problems of one file, one line per kind: unknown ids and malformed entries are listed together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unknown_quizzes: list[str] = []
        self.unknown_questions: list[str] = []
        self.malformed: list[str] = []

    def problems(self) -> list[Problem]:
        found = []
        if self.unknown_quizzes or self.unknown_questions:
            parts = []
            if self.unknown_quizzes:
                parts.append(f"quiz id(s) {_listed(self.unknown_quizzes)}")
            if self.unknown_questions:
                parts.append(f"question id(s) {_listed(self.unknown_questions)}")
            found.append(problem(self.path, 0, "R907", f"names {' and '.join(parts)} that the course's sources do not have (removed or renamed since, or another course's); those answers are left out"))  # noqa: E501 (a message stays on one line, so grep finds it)
        if self.malformed:
            found.append(problem(self.path, 0, "R908", f"has {len(self.malformed)} entr{'y' if len(self.malformed) == 1 else 'ies'} of the wrong shape, left out: {_listed(self.malformed)}; the file was edited or damaged"))  # noqa: E501 (a message stays on one line, so grep finds it)
        return found


def _listed(items: list[str], shown: int = 5) -> str:
    named = ", ".join(f"'{item[:60]}'" for item in items[:shown])
    return named + (f" and {len(items) - shown} more" if len(items) > shown else "")


def _record(path: Path, data: object, course: CourseKeys) -> tuple[ResultFile | None, list[Problem]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, [problem(path, 0, "R904", f"is JSON but not a results file (no \"format\": \"{FORMAT}\"); a results file is the JSON the progress page downloads")]  # noqa: E501 (a message stays on one line, so grep finds it)
    version = data.get("version")
    if isinstance(version, bool) or version not in VERSIONS:
        return None, [problem(path, 0, "R905", f"is of results format version {json.dumps(version)[:20]}, which this command does not know (it reads versions {', '.join(map(str, VERSIONS))}); update the course's tools")]  # noqa: E501 (a message stays on one line, so grep finds it)
    named = data.get("course")
    if named != course.title:
        shown = f"'{named[:80]}'" if isinstance(named, str) else "no course"
        return None, [problem(path, 0, "R906", f"holds results of {shown}, not of '{course.title}'; leave it out, or run the command in that course's folder")]  # noqa: E501 (a message stays on one line, so grep finds it)
    quizzes = data.get("quizzes")
    if not isinstance(quizzes, list):
        return None, [problem(path, 0, "R908", "has no list of quizzes; the file was edited or damaged")]
    student = data.get("student", "") if version >= 2 else ""
    collect = _Collector(path)
    if not isinstance(student, str):
        collect.malformed.append("student")
        student = ""
    records: dict[str, QuizRecord] = {}
    for entry in quizzes:
        quiz_id = entry.get("quiz") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(quiz_id, str) or not isinstance(entry.get("answers"), list):
            collect.malformed.append("a quiz entry")
            continue
        if course.quiz(quiz_id) is None:
            collect.unknown_quizzes.append(quiz_id)
            continue
        if quiz_id in records:
            collect.malformed.append(f"{quiz_id} (listed twice)")
            continue
        quiz_version = entry.get("quiz_version")
        answers: dict[str, AnswerRecord] = {}
        for answer in entry["answers"]:
            record = _answer(answer, version, quiz_id, course, collect)
            if record is not None and record.question not in answers:
                answers[record.question] = record
        records[quiz_id] = QuizRecord(quiz_id, quiz_version if isinstance(quiz_version, str) else None, answers)
    result = ResultFile(str(path), version, " ".join(student.split())[:MAX_STUDENT_CHARS],
                        parse_time(data.get("exported")), records)
    return result, collect.problems()


def _attempt(response: object, result: object, at: object) -> Attempt | None:
    """An attempt whose verdict is right or wrong; ``None`` for one that is unanswered."""
    if result == "unanswered":
        return None
    if result not in VERDICTS or response is None:
        raise ValueError
    return Attempt(response, str(result), parse_time(at))


def _answer(answer: object, version: int, quiz_id: str, course: CourseKeys,
            collect: _Collector) -> AnswerRecord | None:
    question = answer.get("question") if isinstance(answer, dict) else None
    if not isinstance(answer, dict) or not isinstance(question, str):
        collect.malformed.append(f"an answer in {quiz_id}")
        return None
    if (quiz_id, question) not in course.keys:
        collect.unknown_questions.append(f"{quiz_id}/{question}")
        return None
    label = f"{quiz_id}/{question}"
    try:
        latest = _attempt(answer.get("response"), answer.get("result"), answer.get("answered_at"))
        if version == 1:
            return AnswerRecord(question, None, None, latest, None, None) if latest else None
        qtype, stamp, attempts, first = (answer.get(name) for name in ("type", "stamp", "attempts", "first"))
        first_attempt = None
        if isinstance(first, dict):
            first_attempt = _attempt(first.get("response"), first.get("result"), first.get("answered_at"))
        elif first is not None:
            raise ValueError
        if latest is None and first_attempt is None:
            return None
        if not isinstance(qtype, str) or not isinstance(stamp, str):
            raise ValueError
        if attempts is not None and (isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 0):
            raise ValueError
    except ValueError:
        collect.malformed.append(label)
        return None
    return AnswerRecord(question, qtype, stamp, latest, first_attempt, attempts)
