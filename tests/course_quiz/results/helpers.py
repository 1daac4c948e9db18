"""Results files of the fixture course written by hand, in the shapes the progress page downloads."""

from __future__ import annotations

import json
from pathlib import Path

from course_quiz.course import load_course
from course_quiz.keycodec import key_stamp, quiz_stamps
from course_quiz.progress import quiz_version
from course_quiz.results.keys import CourseKeys, course_keys
from tests.conftest import FIXTURE_COURSE

QUIZ = load_course(FIXTURE_COURSE / "docs", FIXTURE_COURSE / "quizzes").quizzes["sample"]
TITLE = "Fixture course"
IDS = [q.id for q in QUIZ.questions]
RIGHT: dict[str, object] = {
    "s-single": "radio", "s-multiple": ["order", "match"], "s-tf": "false", "s-short": "Sha-256",
    "s-numeric": "7 types", "s-numeric-decimal": "3,15", "s-order": ["write", "build", "verify"],
    "s-match": {"single": "radio", "multiple": "checkbox"}}
WRONG: dict[str, object] = {
    "s-single": "checkbox", "s-multiple": ["order"], "s-tf": "true", "s-short": "MD5", "s-numeric": "6",
    "s-numeric-decimal": "3.2", "s-order": ["verify", "write", "build"],
    "s-match": {"single": "checkbox", "multiple": "radio"}}


def keys() -> CourseKeys:
    return course_keys(TITLE, [QUIZ])


def answer(qid: str, first: bool | None, latest: bool | None = True, attempts: int | None = None,
           at: str = "2026-11-02T10:00:00.000Z") -> dict[str, object]:
    """One version-2 answer: ``first`` and ``latest`` right (True), wrong (False) or absent (None)."""
    question = next(q for q in QUIZ.questions if q.id == qid)
    entry: dict[str, object] = {"question": qid, "type": question.type, "stamp": key_stamp(question),
                                "result": "unanswered", "answered_at": None, "attempts": 0, "first": None}
    if latest is not None:
        entry.update(result="right" if latest else "wrong", response=RIGHT[qid] if latest else WRONG[qid],
                     answered_at=at)
    if first is not None:
        entry["first"] = {"result": "right" if first else "wrong", "response": RIGHT[qid] if first else WRONG[qid],
                          "answered_at": at}
        entry["attempts"] = attempts or (1 if first else 2)
    return entry


def results(student: str, pattern: str, exported: str = "2026-11-02T12:00:00.000Z",
            course: str = TITLE) -> dict[str, object]:
    """A version-2 file: ``pattern`` gives each question's first attempt, 1 right, 0 wrong, - unanswered.

    A wrong first attempt is followed by a right latest one (the student retried), as students do.
    """
    answers = [answer(qid, None, None) if mark == "-" else answer(qid, mark == "1", True)
               for qid, mark in zip(IDS, pattern, strict=True)]
    return {"format": "course-quiz-results", "version": 2, "course": course, "student": student,
            "exported": exported, "quizzes": [{"quiz": "sample", "quiz_version": quiz_version(quiz_stamps(QUIZ)),
                                               "answers": answers}]}


def version_one(pattern: str, quiz_version_text: str | None = None) -> dict[str, object]:
    """A version-1 file (before first attempts): the latest verdicts only, and the quiz's version."""
    answers = [{"question": qid, "result": "unanswered", "response": None, "answered_at": None} if mark == "-" else
               {"question": qid, "result": "right" if mark == "1" else "wrong",
                "response": RIGHT[qid] if mark == "1" else WRONG[qid], "answered_at": "2026-10-01T09:00:00.000Z"}
               for qid, mark in zip(IDS, pattern, strict=True)]
    return {"format": "course-quiz-results", "version": 1, "course": TITLE, "exported": "2026-10-01T10:00:00.000Z",
            "quizzes": [{"quiz": "sample", "quiz_version": quiz_version_text or quiz_version(quiz_stamps(QUIZ)),
                         "answers": answers}]}


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path
