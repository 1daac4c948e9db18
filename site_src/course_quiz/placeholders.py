"""Placeholder text that ``course new`` writes and the author must replace (Q310).

Every placeholder starts with ``TODO:``. In a quiz, any text field that starts with it is reported; in
a page, any line outside fenced code whose text starts with it, once Markdown list and heading marks,
a YAML key and an opening quote are set aside. A ``TODO:`` in the middle of a sentence (as in the
guide, which explains the rule) is not a placeholder.
"""

from __future__ import annotations

import re

from course_quiz.directives import outside_fences
from course_quiz.model import Quiz
from course_quiz.problems import Problem, problem
from course_quiz.qtypes.short import ShortKey

MARK = "TODO:"
# Before the mark on a page line: indentation, list or heading marks, a YAML key, an opening quote.
_PAGE_LINE = re.compile(r"^(?P<lead>\s*(?:(?:[-*+]|\d+[.)]|#{1,6}|>)\s+)*(?:[A-Za-z_][\w-]*:\s+)?[\"']?)TODO:")


def is_placeholder(text: str | None) -> bool:
    """Tell whether a text field is (or starts with) a placeholder."""
    return text is not None and text.strip().startswith(MARK)


def quiz_placeholders(quiz: Quiz) -> list[Problem]:
    """Every text field of ``quiz`` still holding a placeholder, at its line."""
    found = []

    def check(text: str | None, line: int, what: str) -> None:
        if is_placeholder(text):
            found.append(problem(quiz.path, line, "Q310", f"{what} is still the placeholder '{_short(text)}'; "
                                 "replace it with real text"))

    check(quiz.title, quiz.lines.get("title", quiz.line), f"title of quiz '{quiz.id}'")
    for question in quiz.questions:
        label = f"question '{question.id}'"
        for field in ("prompt", "explanation", "hint"):
            check(getattr(question, field), question.lines.get(field, question.line), f"{field} of {label}")
        for choice in question.choices:
            check(choice.text, choice.line, f"text of '{choice.id}' in {label}")
            check(choice.feedback, choice.line, f"feedback of '{choice.id}' in {label}")
        for accepted in question.key.accepted if isinstance(question.key, ShortKey) else ():
            check(accepted, question.key_line, f"accepted answer of {label}")
    return found


def page_placeholders(display_path: str, text: str) -> list[Problem]:
    """Every line of a page (front matter included) that is still a placeholder, at its line and column."""
    found: list[Problem] = []
    if MARK not in text:  # most pages: one scan of the text instead of a match per line
        return found
    for index, line in outside_fences(text.splitlines()):
        match = _PAGE_LINE.match(line)
        if match:
            found.append(problem(display_path, index + 1, "Q310", f"placeholder '{_short(line)}' is still in the "
                                 "page; replace it with real text", column=len(match.group("lead")) + 1))
    return found


def _short(text: str | None) -> str:
    shown = " ".join((text or "").split())
    shown = shown[shown.find(MARK):] if MARK in shown else shown
    return shown if len(shown) <= 60 else shown[:57] + "..."
