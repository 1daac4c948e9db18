"""The "My progress" page: one row per quiz, which quiz.js fills from what this browser has saved.

The page itself holds no student data. Each row names its quiz, links to its lesson, and carries
what quiz.js needs to trust saved answers without the quiz at hand: the stamp of each question
(``keycodec.key_stamp``; a saved answer whose stamp differs was given to another key and is dropped)
and the quiz's version, a digest of its question ids and stamps, which the downloaded results carry
so an instructor can tell which version of a quiz was answered (``course versions`` prints them).
Above the buttons, an optional field takes the student's name or ID, which quiz.js puts only into the
downloaded file (results format 2, read by ``course results``), never into storage.

None of these names contains a marker of quiz markup (``contract.QUIZ_MARKERS``): the page is not a
quiz, and verification would report it as a forged one.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass

from course_quiz.contract import attr
from course_quiz.messages import DEFAULT_LANGUAGE, words

# Where a page wants the progress table (docs/progress.md); the MkDocs plugin puts the table there.
PROGRESS_SLOT = '<div class="cq-progress-slot"></div>'


def quiz_version(stamps: Sequence[tuple[str, str]]) -> str:
    """A digest of a quiz's question ids and stamps, in order: it changes with any question or key."""
    return hashlib.sha256(" ".join(f"{qid}:{stamp}" for qid, stamp in stamps).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One quiz on the progress page: its id, its lesson's title and address, its question stamps."""

    quiz_id: str
    lesson_title: str
    href: str
    stamps: tuple[tuple[str, str], ...]


def render_progress(course_title: str, rows: Sequence[ProgressRow], language: str = DEFAULT_LANGUAGE) -> str:
    """The progress table and its buttons, in ``language``; quiz.js fills the cells and makes the buttons work.

    ``course_title`` is what the downloaded results carry (``course results`` checks it): give the same
    one in every language, so that a student's results are of one course.
    """
    say = words(language)
    head = "".join(f'<th scope="col">{say(key)}</th>' for key in ("progress_lesson", "progress_score",
                                                                   "progress_completion", "progress_activity"))
    body = "".join(
        f'<tr data-cq-for="{attr(row.quiz_id)}" data-cq-version="{quiz_version(row.stamps)}" '
        f'data-cq-stamps="{attr(" ".join(f"{qid}:{stamp}" for qid, stamp in row.stamps))}">'
        f'<th scope="row"><a href="{attr(row.href)}">{html.escape(row.lesson_title)}</a></th>'
        f"<td>{say.count('progress_questions', len(row.stamps))}</td><td></td><td></td></tr>"
        for row in rows)
    return (f'<div class="cq-progress" data-cq-course="{attr(course_title)}">\n'
            f'<p class="cq-progress-status" role="status">{say("progress_status")}</p>\n'
            f"<table><thead><tr>{head}</tr></thead>\n"
            f"<tbody>{body}</tbody></table>\n"
            f'<p class="cq-progress-student"><label for="cq-student">{say("progress_student")}</label> '
            '<input type="text" id="cq-student" class="cq-student" autocomplete="off" maxlength="200" '
            'aria-describedby="cq-student-note"> '
            f'<span id="cq-student-note">{say("progress_student_note")}</span></p>\n'
            '<p class="cq-progress-actions"><button type="button" class="cq-download" data-cq-format="json">'
            f'{say("progress_download_json")}</button> '
            f'<button type="button" class="cq-download" data-cq-format="csv">{say("progress_download_csv")}</button> '
            f'<button type="button" class="cq-reset-all">{say("progress_reset")}</button></p>\n</div>')
