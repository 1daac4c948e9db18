"""``course stats``: what each lesson asks, by type and level, and what it assesses.

Per lesson: questions by type and by cognitive level, objectives with the questions that assess them,
reading and activity minutes. A lesson is a page that places a quiz or declares objectives. Lessons
come in the order given (the nav of mkdocs.yml), then any others by path; those under docs/lessons/
carry their number (``numbering``), as the site shows it.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from course_quiz.course import Course
from course_quiz.messages import DEFAULT_LANGUAGE
from course_quiz.model import LEVELS, Quiz
from course_quiz.numbering import lesson_numbers, numbered
from course_quiz.qtypes import QUESTION_TYPES
from course_quiz.translation import QuestionText, missing_texts

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
    language: str = DEFAULT_LANGUAGE  # the language of the title and objectives
    untranslated: int = 0  # texts of its quizzes with no translation in that language (shown in English)


def course_stats(course: Course, order: Sequence[str] = (), language: str = DEFAULT_LANGUAGE) -> list[LessonStats]:
    """The statistics of every lesson of ``course``, in the order of ``order`` (page paths), then by path.

    In another ``language``, titles and objectives are its translation's (the page's where it has none),
    and each lesson counts the texts of its quizzes that have no translation (``untranslated``).
    """
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
        shown = course.page(page.path, language) or page
        title = shown.meta.get("title")
        texts = {o.id: o.text for o in shown.objectives}
        found.append(LessonStats(
            lesson=page.path, number=numbers.get(page.path), title=title if isinstance(title, str) else page.path,
            quizzes=[quiz.id for quiz in quizzes],
            reading_minutes=page.minutes.get("reading"), activity_minutes=page.minutes.get("activity"),
            questions=len(questions),
            types={name: types[name] for name in QUESTION_TYPES},
            levels={name: levels[name] for name in (*LEVELS, NO_LEVEL)},
            objectives=[ObjectiveStats(o.id, texts.get(o.id, o.text), [q.id for q in questions if q.objective == o.id])
                        for o in page.objectives],
            language=language, untranslated=_untranslated(course, quizzes, language)))
    return found


def _untranslated(course: Course, quizzes: Sequence[Quiz], language: str) -> int:
    """How many texts of ``quizzes`` (titles, prompts, options...) have no translation in ``language``."""
    if language == DEFAULT_LANGUAGE:
        return 0
    translations = course.translations.get(language, {})
    count = 0
    for quiz in quizzes:
        translation = translations.get(quiz.id)
        count += translation is None or translation.title is None
        for question in quiz.questions:
            found = translation.questions.get(question.id) if translation is not None else None
            count += len(missing_texts(question, found or QuestionText(question.id, question.line, {}, {})))
    return count


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


def _width(text: str) -> int:
    """The columns ``text`` takes in a terminal: Chinese characters and full-width punctuation take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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
    widths = [max(_width(row[i]) for row in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        first = cells[0] + " " * (widths[0] - _width(cells[0]))
        return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))])

    out = [line(heads), "  ".join("-" * w for w in widths), *(line(r) for r in rows[:-1]),
           "  ".join("-" * w for w in widths), line(rows[-1]), "",
           "Read and Act: reading and activity minutes. Question types: "
           + ", ".join(f"{h} {t}" for t, h in _TYPE_HEADS.items()) + ". Levels: "
           + ", ".join(f"{h} {v}" for v, h in _LEVEL_HEADS.items() if v != NO_LEVEL) + ", — none given.", ""]
    if any(s.language != DEFAULT_LANGUAGE for s in stats):
        out += [f"Texts of the quizzes with no {stats[0].language} translation (shown in English): "
                + ", ".join(f"{s.lesson} {s.untranslated}" for s in stats if s.quizzes), ""]
    for s in stats:
        out.append(f"{numbered(s.number, s.title)} ({s.lesson}): objectives and the questions that assess them")
        for objective in s.objectives:
            assessed = ", ".join(objective.questions) if objective.questions else "no question"
            out.append(f"  {objective.id}: {assessed}")
        if not s.objectives:
            out.append("  (no objectives declared)")
    return "\n".join(out).rstrip() + "\n"
