"""The Markdown answer sheet: one entry per question under its lesson, to read or print.

Each entry is a heading with the question's number, id, type and level, the prompt, then three list
lines: the key, the objective, and the section to review (a link relative to the docs folder).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from course_quiz.export.base import QuizSource, Written, language_of
from course_quiz.export.sheet import COLUMNS, SheetRow, compare_rows, sheet_rows
from course_quiz.messages import Words, words
from course_quiz.problems import Problem
from course_quiz.qtypes.forms import one_line

NAME = "markdown"
TITLE = "Markdown answer sheet"
_ENTRY = re.compile(r"^### \d+\. `(?P<question>[^`]+)` \((?P<type>[^,)]+)(?:, (?P<level>[^)]+))?\)$")
_FIELDS = ("key", "objective", "review")
_OBJECTIVE = re.compile(r"^`(?P<id>[^`]*)`(?:: (?P<text>.*))?$")
_REVIEW = re.compile(r"^\[(?P<section>.*)\]\((?P<target>[^)\s]*)\)$")


def _line_pattern(say: Words) -> re.Pattern[str]:
    """A field line of an entry (``- **Key:** ...``), its label in the sheet's language."""
    labels = "|".join(f"(?P<{name}>{re.escape(say('sheet_' + name))})" for name in _FIELDS)
    return re.compile(rf"^- \*\*(?:{labels})\*\* ?(?P<value>.*)$")


def _entry(number: int, row: SheetRow, say: Words) -> list[str]:
    level = f", {row.level}" if row.level else ""
    objective = f"`{row.objective}`: {one_line(row.objective_text)}" if row.objective_text else (
        f"`{row.objective}`" if row.objective else "")
    review = f"[{one_line(row.review_section) or row.review}]({row.review})" if row.review else ""
    return [f"### {number}. `{row.question}` ({row.type}{level})", "", row.prompt, "",
            f"- **{say('sheet_key')}** {row.key}", f"- **{say('sheet_objective')}** {objective}".rstrip(),
            f"- **{say('sheet_review')}** {review}".rstrip(), ""]


def write(sources: Sequence[QuizSource], step: Callable[[], None]) -> Written:
    """One section per lesson, one entry per question."""
    count = sum(len(s.quiz.questions) for s in sources)
    say = words(language_of(sources))
    lines = [f"# {say('sheet_title')}", "", say("sheet_intro", count=count, quizzes=len(sources)), ""]
    for source in sources:
        quiz = source.quiz
        lines += [f"## {source.lesson_title}", "",
                  say("sheet_quiz", id=quiz.id, title=one_line(quiz.title), lesson=quiz.lesson), ""]
        for number, (_, _, row) in enumerate(sheet_rows([source]), start=1):
            lines += _entry(number, row, say)
        step()
    return Written(("\n".join(lines).rstrip() + "\n").encode("utf-8"))


def read_back(data: bytes, sources: Sequence[QuizSource]) -> list[Problem]:
    """Read each entry's id, type, level, key, objective and review back and compare them with the source."""
    expected = sheet_rows(sources)
    field_line = _line_pattern(words(language_of(sources)))
    found: list[tuple[str, ...]] = []
    current: dict[str, str] | None = None

    def finish() -> None:
        if current is not None:
            found.append(tuple(current.get(name, "") for name in COLUMNS))

    for line in data.decode("utf-8").splitlines():
        entry = _ENTRY.match(line)
        if entry:
            finish()
            current = {"question": entry["question"], "type": entry["type"], "level": entry["level"] or ""}
            continue
        field = field_line.match(line)
        if current is None or not field:
            continue
        value = field["value"]
        if field["key"]:
            current["key"] = value
        elif field["objective"] and (objective := _OBJECTIVE.match(value)):
            current["objective"], current["objective_text"] = objective["id"], objective["text"] or ""
        elif field["review"] and (review := _REVIEW.match(value)):
            current["review"], current["review_section"] = review["target"], review["section"]
    finish()
    # The sheet holds these fields of each row; the others (lesson, prompt) are its layout.
    kept = ("question", "type", "level", "key", "objective", "objective_text", "review", "review_section")
    shown = [(quiz, question, SheetRow(**{name: one_line(getattr(row, name)) if name in kept else ""
                                          for name in COLUMNS}))
             for quiz, question, row in expected]
    return compare_rows(TITLE, shown, found)
