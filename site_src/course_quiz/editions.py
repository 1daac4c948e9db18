"""The two editions of a course built from the same sources, and what the instructor edition adds.

The **student edition** (the default) leaves every instructor note out of the site (``notes``) and
shows quizzes as students use them. The **instructor edition** keeps the notes, puts each question's
key under it (``instructor``), adds a page gathering every note under its lesson and a printable
answer-key page per lesson (``instructor_pages``), and marks every page with a banner and a request
to search engines not to index it (``mark_instructor_page``).

Nothing here imports MkDocs: a host adds the generated pages, fills the answer-key slots after
conversion (``contract.ANSWER_KEY_SLOT``) and marks each page.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from course_quiz.contract import INSTRUCTOR_MARK, answer_key_slot
from course_quiz.messages import DEFAULT_LANGUAGE, Words, words

if TYPE_CHECKING:
    from course_quiz.lessons import Page
    from course_quiz.notes import Note


class Edition(enum.StrEnum):
    """Which edition a build makes."""

    STUDENT = "student"
    INSTRUCTOR = "instructor"


ROBOTS_META = '<meta name="robots" content="noindex">'
def banner(language: str = DEFAULT_LANGUAGE) -> str:
    """The banner at the top of every page of the instructor edition, in ``language``."""
    return f'<div class="cq-edition-banner" role="note" {INSTRUCTOR_MARK}>{words(language)("banner")}</div>'


BANNER = banner()
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def mark_instructor_page(page: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Add the noindex request to a page's head and the edition banner (in ``language``) at the top of its body."""
    head_end = _HEAD_END.search(page)
    if head_end is not None:
        page = f"{page[:head_end.start()]}{ROBOTS_META}{page[head_end.start():]}"
    body = _BODY.search(page)
    at = body.end() if body is not None else 0
    return f"{page[:at]}{banner(language)}{page[at:]}"


# ---- The instructor edition's own pages ----------------------------------------------------------

NOTES_PAGE = "instructor/notes.md"
ANSWER_KEYS = "instructor/answer-keys"


def answer_key_page(lesson: str) -> str:
    """Where the answer-key page of the lesson ``lesson`` (a page under docs/) is generated."""
    return f"{ANSWER_KEYS}/{lesson}"


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page the instructor edition adds: its path as if under docs/, its title, its Markdown."""

    path: str
    title: str
    markdown: str


def instructor_pages(pages: Mapping[str, Page], notes: Sequence[Note], order: Sequence[str] = (),
                     titles: Mapping[str, str] | None = None, numbers: Mapping[str, int] | None = None,
                     *, language: str = DEFAULT_LANGUAGE) -> list[GeneratedPage]:
    """The "Instructor notes" page and one answer-key page per lesson that places a quiz.

    Args:
        pages: The course's pages, as loaded (``course.Course.pages``): nothing is read again.
        notes: The course's instructor notes, by page then line (``course.Course.notes``).
        order: Pages in the order the course lists them (its navigation); others follow, sorted.
        titles: Titles by page, as the navigation names them; otherwise a page's front-matter title.
        numbers: Each lesson's number (``numbering.lesson_numbers``), shown before its title.
        language: The language of the pages: their own words, and the notes of that language's pages
            (a translated page's notes, ``x.zh.md``, under the page it translates); give the pages of a
            build in it (``prepare.PreparedCourse.pages``). Paths stay the default language's: a host of
            several languages places them as it places that language's pages.

    The notes are copied from their pages when the site is built, never into docs/: both editions
    come from the same sources. Relative links in a note are rewritten to work from the notes page.

    """
    from course_quiz.numbering import numbered
    from course_quiz.twins import page_twin_name

    say = words(language)
    notes_of: dict[str, list[str]] = {}
    for note in notes:
        # The notes of the language's pages (a twin's notes under the page it translates).
        twin = page_twin_name(note.page)
        translated, note_language = twin if twin is not None else (note.page, DEFAULT_LANGUAGE)
        if note_language == language:
            # Relinked from the page translated: a twin's links are written as its page's (x.md, not x.zh.md).
            notes_of.setdefault(translated, []).append(_relink_all(note.markdown, translated, NOTES_PAGE))
    lessons: dict[str, tuple[str, list[str], list[str]]] = {}  # page: (title, quiz ids, notes)
    for relative in sorted(pages):
        page = pages[relative]
        page_notes = notes_of.get(relative, [])
        quizzes = [placement.quiz_id for placement in page.placements]
        if page_notes or quizzes:
            title = (titles or {}).get(relative) or _text(page.meta.get("title")) or Path(relative).stem
            title = numbered((numbers or {}).get(relative), title)
            lessons[relative] = (title, quizzes, page_notes)
    ranked = {page: rank for rank, page in enumerate(order)}
    ordered = sorted(lessons, key=lambda page: (ranked.get(page, len(ranked)), page))
    generated = [GeneratedPage(NOTES_PAGE, say("notes_title"), _notes_markdown(ordered, lessons, say))]
    for lesson in ordered:
        title, quizzes, _ = lessons[lesson]
        if quizzes:
            markdown = _answer_key_markdown(lesson, title, quizzes, say)
            generated.append(GeneratedPage(answer_key_page(lesson), title, markdown))
    return generated


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _link(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _notes_markdown(ordered: list[str], lessons: Mapping[str, tuple[str, list[str], list[str]]], say: Words) -> str:
    parts = [f"# {say('notes_title')}", "", say("notes_intro"), ""]
    with_notes = [lesson for lesson in ordered if lessons[lesson][2]]
    if not with_notes:
        parts += [say("notes_none"), ""]
    for lesson in with_notes:
        title, quizzes, notes = lessons[lesson]
        links = [f"[{say('notes_lesson_link')}]({_link(NOTES_PAGE, lesson)})"]
        if quizzes:
            links.append(f"[{say('notes_key_link')}]({_link(NOTES_PAGE, answer_key_page(lesson))})")
        parts += [f"## {title}", "", " · ".join(links), ""]
        for note in notes:
            parts += [note, ""]
    return "\n".join(parts)


def _answer_key_markdown(lesson: str, title: str, quizzes: list[str], say: Words) -> str:
    page = answer_key_page(lesson)
    parts = [f"# {say('answer_key_title', title=title)}", "", say("answer_key_intro", link=_link(page, lesson)), ""]
    for quiz_id in quizzes:
        parts += [answer_key_slot(quiz_id), ""]
    return "\n".join(parts)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFERENCE = re.compile(r"^(\s*\[(?!\^)[^\]]+\]:\s*<?)([^\s>]+)", re.MULTILINE)


def _relink(target: str, from_page: str, to_page: str) -> str:
    """A link target written in ``from_page``, rewritten to reach the same place from ``to_page``."""
    if _SCHEME.match(target) or target.startswith("/"):
        return target
    path, hash_sign, fragment = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path)) if path else from_page
    return _link(to_page, resolved) + hash_sign + fragment


def _relink_all(markdown: str, from_page: str, to_page: str) -> str:
    """Every inline link, image and link reference of ``markdown``, rewritten by ``_relink``."""
    def swap(match: re.Match[str]) -> str:
        return match.group(1) + _relink(match.group(2), from_page, to_page)

    return _REFERENCE.sub(swap, _INLINE_LINK.sub(swap, markdown))
