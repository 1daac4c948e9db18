"""The instructor edition's generated pages and page marks, without MkDocs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import markdown

from course_quiz.contract import ANSWER_KEY_SLOT, INSTRUCTOR_MARK
from course_quiz.course import load_course
from course_quiz.editions import (
    BANNER,
    NOTES_PAGE,
    ROBOTS_META,
    GeneratedPage,
    answer_key_page,
    instructor_pages,
    mark_instructor_page,
)
from tests.conftest import FIXTURE_COURSE, WriteCourse

LESSON = """---
title: Lesson {n}
---

# Lesson {n}

!!! instructor "Instructor notes"
    Note of lesson {n}: see [the section](#part), [the other lesson](other.md#top), [a site](https://example.org),
    ![a figure](../img/f.png) and [a reference][ref].

    [ref]: ../index.md

/// quiz | quiz-{q}
///
"""


def _instructor_pages(docs: Path, order: Sequence[str] = (), titles: dict[str, str] | None = None,
                      ) -> list[GeneratedPage]:
    """The generated pages of the course whose pages are ``docs``, from the course as loaded."""
    course = load_course(docs, docs.parent / "quizzes", check_lock=False)
    return instructor_pages(course.pages, course.notes, order, titles)


def test_every_page_gets_noindex_and_the_banner() -> None:
    page = '<!doctype html><html><head><meta charset="utf-8"></head><body class="x">\n<main>Text</main></body></html>'
    marked = mark_instructor_page(page)
    assert marked == ('<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"></head>'
                      f'<body class="x">{BANNER}\n<main>Text</main></body></html>')
    assert INSTRUCTOR_MARK in BANNER
    assert mark_instructor_page("<p>fragment</p>") == f"{BANNER}<p>fragment</p>"
    assert ROBOTS_META == '<meta name="robots" content="noindex">'


def test_notes_page_gathers_notes_under_their_lessons_in_course_order(write_course: WriteCourse) -> None:
    root = write_course(docs={"lessons/a.md": LESSON.format(n="A", q="a"), "lessons/b.md": LESSON.format(n="B", q="b"),
                              "index.md": "# Home\n", "lessons/other.md": "# Other\n"})
    pages = _instructor_pages(root / "docs", order=["index.md", "lessons/b.md", "lessons/a.md"],
                             titles={"lessons/b.md": "2. The B lesson"})
    assert [(p.path, p.title) for p in pages] == [
        (NOTES_PAGE, "Instructor notes"),
        ("instructor/answer-keys/lessons/b.md", "2. The B lesson"),
        ("instructor/answer-keys/lessons/a.md", "Lesson A"),
    ]
    notes = pages[0].markdown
    assert notes.index("## 2. The B lesson") < notes.index("Note of lesson B") < notes.index("## Lesson A") \
        < notes.index("Note of lesson A")
    # Links keep working from the notes page.
    assert "[Lesson](../lessons/a.md) · [Answer key](answer-keys/lessons/a.md)" in notes
    assert "[the section](../lessons/a.md#part)" in notes
    assert "[the other lesson](../lessons/other.md#top)" in notes
    assert "[a site](https://example.org)" in notes
    assert "![a figure](../img/f.png)" in notes
    assert "[ref]: ../index.md" in notes
    # The gathered note is still an instructor note (the edition's extension marks it).
    assert 'class="admonition instructor"' in markdown.markdown(notes, extensions=["admonition"])


def test_answer_key_page_links_its_lesson_and_leaves_a_slot_per_quiz(write_course: WriteCourse) -> None:
    root = write_course(docs={"lessons/a.md": LESSON.format(n="A", q="a") + "\n/// quiz | second\n///\n"})
    [_, page] = _instructor_pages(root / "docs")
    assert page.path == answer_key_page("lessons/a.md") == "instructor/answer-keys/lessons/a.md"
    assert page.markdown.startswith("# Answer key: Lesson A\n")
    assert "[the lesson](../../../lessons/a.md)" in page.markdown
    assert [m.group(1) for m in ANSWER_KEY_SLOT.finditer(page.markdown)] == ["quiz-a", "second"]
    # The slot passes through Markdown untouched, for the host to fill after conversion.
    assert len(list(ANSWER_KEY_SLOT.finditer(markdown.markdown(page.markdown)))) == 2


def test_a_course_without_notes_says_so(write_course: WriteCourse) -> None:
    root = write_course(docs={"index.md": "# Home\n"})
    [notes] = _instructor_pages(root / "docs")
    assert "No lesson has instructor notes yet." in notes.markdown


def test_fixture_course_pages() -> None:
    pages = _instructor_pages(FIXTURE_COURSE / "docs")
    assert [p.path for p in pages] == [NOTES_PAGE, "instructor/answer-keys/lesson.md"]
    assert "[the types](../lesson.md#types)" in pages[0].markdown
    assert "[the quiz](../lesson.md#quiz)" in pages[0].markdown
