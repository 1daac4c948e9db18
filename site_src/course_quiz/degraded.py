"""What ``mkdocs serve`` shows for a quiz whose source has errors: its sound questions, each problem in place.

A build stops on any error. While serving, an author editing one question should still see the rest of
the quiz: each question entry with an error is shown as its problems, in its place, and every sound
question as it will be published. Problems that belong to no question (the quiz's id or lesson, say)
are listed above the questions. A file that yields no quiz at all is shown as its problems alone
(``markdown_ext.broken_quiz``).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping, Sequence

from course_quiz.model import Quiz
from course_quiz.problems import Problem
from course_quiz.render import QuizRenderer

QUIZ_LEVEL = 0  # the key of the problems that belong to no question entry


def problem_box(title: str, problems: Sequence[Problem]) -> str:
    """An alert listing ``problems`` as the terminal prints them, under ``title``."""
    listing = "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)
    heading = html.escape(title, quote=False)
    return (f'<div class="admonition failure cq-broken" role="alert"><p class="admonition-title">{heading}</p>'
            f"<ul>{listing}</ul><p>Fix {'it' if len(problems) == 1 else 'them'} and save: this page reloads by "
            "itself. Until then <code>mkdocs build</code> fails.</p></div>")


def problems_by_entry(quiz: Quiz, problems: Sequence[Problem]) -> dict[int, list[Problem]]:
    """Each problem under the line of the question entry it falls in (``QUIZ_LEVEL`` when in none)."""
    entries = sorted(set(quiz.entry_lines) | {q.line for q in quiz.questions})
    found: dict[int, list[Problem]] = defaultdict(list)
    for each in problems:
        found[max((line for line in entries if line <= each.line), default=QUIZ_LEVEL)].append(each)
    return found


def partial_quiz(renderer: QuizRenderer, quiz: Quiz, problems: Sequence[Problem],
                 review_titles: Mapping[str, str] | None = None) -> str:
    """The quiz with every sound question, and the problems of each broken one in its place."""
    by_entry = problems_by_entry(quiz, problems)
    kept = {q.line for q in quiz.questions}
    in_place: dict[int, str] = {}
    for line in sorted(set(quiz.entry_lines) | kept):
        found = by_entry.get(line, [])
        if found:
            in_place[line] = problem_box(f"The question at line {line} cannot be shown: {len(found)} error(s)", found)
        elif line not in kept:  # left out for an error reported elsewhere
            in_place[line] = problem_box(f"The question at line {line} cannot be shown; run course check", [])
    if by_entry.get(QUIZ_LEVEL):
        in_place[QUIZ_LEVEL] = problem_box(f"Quiz \"{quiz.id}\" has {len(by_entry[QUIZ_LEVEL])} error(s)",
                                           by_entry[QUIZ_LEVEL])
    return renderer.render(quiz, review_titles, in_place)
