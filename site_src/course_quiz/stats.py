"""``course stats``: what each lesson asks, by type and level, and what it assesses.

Per lesson: questions by type and by cognitive level, objectives with the questions that assess them,
reading and activity minutes. A lesson is a page that places a quiz or declares objectives. Lessons
come in the order given (the nav of mkdocs.yml), then any others by path; those under docs/lessons/
carry their number (``numbering``), as the site shows it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from course_quiz.course import Course
from course_quiz.model import LEVELS
from course_quiz.numbering import lesson_numbers, numbered
from course_quiz.qtypes import QUESTION_TYPES

NO_LEVEL = "none"


@dataclass(frozen=True)
class ObjectiveStats:
    """One objective and the questions that assess it."""

    id: str
    text: str
    questions: list[str]


@dataclass(frozen=True)
class LessonStats:
    """What ``course stats`` reports for one lesson."""

    lesson: str
    number: int | None  # its number in the navigation's order (``numbering``); None for other pages
    title: str
    quizzes: list[str]
    reading_minutes: int | None
    activity_minutes: int | None
    questions: int
    types: dict[str, int]
    levels: dict[str, int]
    objectives: list[ObjectiveStats]


def course_stats(course: Course, order: Sequence[str] = ()) -> list[LessonStats]:
    """The statistics of every lesson of ``course``, in the order of ``order`` (page paths), then by path."""
    rank = {path: index for index, path in enumerate(order)}
    numbers = lesson_numbers(order)
    lessons = sorted((page for page in course.pages.values() if page.placements or page.objectives),
                     key=lambda page: (rank.get(page.path, len(rank)), page.path))
    found = []
    for page in lessons:
        quizzes = [quiz for quiz in course.quizzes.values() if quiz.lesson == page.path]
        questions = [question for quiz in quizzes for question in quiz.questions]
        types = Counter(question.type for question in questions)
        levels = Counter(question.level or NO_LEVEL for question in questions)
        title = page.meta.get("title")
        found.append(LessonStats(
            lesson=page.path, number=numbers.get(page.path), title=title if isinstance(title, str) else page.path,
            quizzes=[quiz.id for quiz in quizzes],
            reading_minutes=page.minutes.get("reading"), activity_minutes=page.minutes.get("activity"),
            questions=len(questions),
            types={name: types[name] for name in QUESTION_TYPES},
            levels={name: levels[name] for name in (*LEVELS, NO_LEVEL)},
            objectives=[ObjectiveStats(o.id, o.text, [q.id for q in questions if q.objective == o.id])
                        for o in page.objectives]))
    return found


def stats_json(stats: Sequence[LessonStats]) -> str:
    """The statistics as JSON: ``{"lessons": [...], "totals": {...}}``."""
    totals = {
        "lessons": len(stats),
        "questions": sum(s.questions for s in stats),
        "reading_minutes": sum(s.reading_minutes or 0 for s in stats),
        "activity_minutes": sum(s.activity_minutes or 0 for s in stats),
        "types": {name: sum(s.types[name] for s in stats) for name in QUESTION_TYPES},
        "levels": {name: sum(s.levels[name] for s in stats) for name in (*LEVELS, NO_LEVEL)},
    }
    return json.dumps({"lessons": [asdict(s) for s in stats], "totals": totals}, indent=2, ensure_ascii=False)


# Short column heads for the table, in the order of the types and levels.
_TYPE_HEADS = {"single": "sgl", "multiple": "mul", "true-false": "t/f", "short": "sho", "numeric": "num",
               "order": "ord", "match": "mat"}
_LEVEL_HEADS = {"remember": "rem", "understand": "und", "apply": "app", "analyse": "ana", "evaluate": "eva",
                "create": "cre", NO_LEVEL: "—"}


def _minutes(value: int | None) -> str:
    return "?" if value is None else str(value)


def stats_table(stats: Sequence[LessonStats]) -> str:
    """The statistics as a plain-text table, one row per lesson, then each lesson's objectives."""
    heads = ["Lesson", "Read", "Act", "Qs", *_TYPE_HEADS.values(), "|", *_LEVEL_HEADS.values()]
    rows = [[numbered(s.number, s.title), _minutes(s.reading_minutes), _minutes(s.activity_minutes), str(s.questions),
             *(str(s.types[t]) for t in _TYPE_HEADS), "|", *(str(s.levels[v]) for v in _LEVEL_HEADS)]
            for s in stats]
    rows.append(["Total", str(sum(s.reading_minutes or 0 for s in stats)),
                 str(sum(s.activity_minutes or 0 for s in stats)), str(sum(s.questions for s in stats)),
                 *(str(sum(s.types[t] for s in stats)) for t in _TYPE_HEADS), "|",
                 *(str(sum(s.levels[v] for s in stats)) for v in _LEVEL_HEADS)])
    widths = [max(len(row[i]) for row in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))])

    out = [line(heads), "  ".join("-" * w for w in widths), *(line(r) for r in rows[:-1]),
           "  ".join("-" * w for w in widths), line(rows[-1]), "",
           "Read and Act: reading and activity minutes. Question types: "
           + ", ".join(f"{h} {t}" for t, h in _TYPE_HEADS.items()) + ". Levels: "
           + ", ".join(f"{h} {v}" for v, h in _LEVEL_HEADS.items() if v != NO_LEVEL) + ", — none given.", ""]
    for s in stats:
        out.append(f"{numbered(s.number, s.title)} ({s.lesson}): objectives and the questions that assess them")
        for objective in s.objectives:
            assessed = ", ".join(objective.questions) if objective.questions else "no question"
            out.append(f"  {objective.id}: {assessed}")
        if not s.objectives:
            out.append("  (no objectives declared)")
    return "\n".join(out).rstrip() + "\n"
