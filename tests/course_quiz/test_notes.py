"""Instructor notes: the one scanner, the student edition's removal, the instructor edition's mark, their text."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from course_quiz.course import load_course
from course_quiz.notes import Note, NotesExtension, find_notes, note_texts, page_notes, text_view
from tests.conftest import FIXTURE_COURSE, WriteCourse

PAGE = """# Lesson

Intro paragraph for everyone.

!!! instructor "Instructor notes"
    **Timing.** Twenty minutes of reading and ten of discussion.

    Secret answer: the right option is the second one.[^1]

    [^1]: A footnote only instructors may read.

!!! note "For everyone"
    A note students see in both editions.

1. A list item for everyone.

    ??? instructor "Hidden details"
        Nested instructor details inside a list item, for teachers.

2. Another item for everyone.

```markdown
!!! instructor "Example in code"
    This example is code and stays in both editions.
```

???+ tip instructor "Open tip"
    An open tip marked for instructors, with a second type.

## Closing { #closing }

Closing paragraph for everyone.
"""

EXTENSIONS = ["admonition", "attr_list", "footnotes", "pymdownx.details", "toc", "pymdownx.superfences"]


def render(text: str, edition: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, NotesExtension(edition=edition)])


def test_the_scanner_finds_every_note_outside_code_at_any_indentation() -> None:
    lines = PAGE.splitlines()
    spans = find_notes(lines)
    assert [(lines[s.start].strip(), s.end - s.start, s.indent) for s in spans] == [
        ('!!! instructor "Instructor notes"', 6, 0),
        ('??? instructor "Hidden details"', 2, 4),
        ('???+ tip instructor "Open tip"', 2, 0),
    ]


def test_student_edition_removes_every_note_and_everything_of_it() -> None:
    page = render(PAGE, "student")
    for secret in ("Twenty minutes", "Secret answer", "footnote only instructors", "Nested instructor details",
                   "An open tip", "Hidden details", "Instructor notes"):
        assert secret not in page
    for public in ("Intro paragraph", "A note students see", "A list item for everyone", "Another item",
                   "This example is code and stays", "Closing paragraph"):
        assert public in page
    assert 'class="footnote"' not in page  # the note's footnote went with it


def test_student_edition_removes_a_note_the_scanner_cannot_see() -> None:
    raw = '<div class="admonition instructor" markdown>\n\nWritten as raw HTML for teachers only.\n\n</div>\n\nAfter.'
    page = markdown.markdown(raw, extensions=["md_in_html", NotesExtension()])
    assert "for teachers only" not in page
    assert "After." in page


def test_instructor_edition_keeps_and_marks_every_note() -> None:
    page = render(PAGE, "instructor")
    assert page.count("data-cq-instructor") == 3
    assert '<div class="admonition instructor" data-cq-instructor="">' in page
    assert "Secret answer" in page
    assert "A note students see" in page
    assert 'class="admonition note"' in page  # other admonitions are left alone


def test_page_notes_move_each_note_to_the_left_margin_with_its_line() -> None:
    notes = page_notes("lesson.md", "docs/lesson.md", PAGE)
    assert [note.line for note in notes] == [5, 17, 27]
    nested = notes[1]
    assert nested.markdown == ('??? instructor "Hidden details"\n'
                               "    Nested instructor details inside a list item, for teachers.")
    assert nested.body == "Nested instructor details inside a list item, for teachers."


def test_note_texts_are_its_blocks_as_a_page_shows_them() -> None:
    [note, *_] = page_notes("lesson.md", "docs/lesson.md", PAGE)
    assert note_texts(note) == ["Timing. Twenty minutes of reading and ten of discussion.",
                                "Secret answer: the right option is the second one.1",
                                "A footnote only instructors may read. ↩"]


def test_short_texts_prove_nothing_and_are_left_out() -> None:
    note = Note("p.md", "docs/p.md", 1, '!!! instructor\n    **Likely misconceptions.**\n\n    - Too short.')
    assert note_texts(note) == []


def test_text_view_reads_pages_and_json_strings() -> None:
    page = b"<p><strong>Timing.</strong> Twenty\n minutes &amp; more</p>"
    assert text_view(page, "x/index.html") == "Timing. Twenty minutes & more"
    # Every kind of whitespace is one space, as in note_texts (no-break and ideographic spaces too).
    assert text_view(b"<p> a\xc2\xa0\xe3\x80\x80 b\t\nc </p>", "y.html") == "a b c"
    index = json.dumps({"docs": [{"text": "<p>Caf\u00e9 <em>au</em>\nlait</p>"}]}).encode()
    assert "Café au lait" in text_view(index, "search/search_index.json")
    assert text_view(b"{not json", "broken.json") == "{not json"
    # Material's search with jieba puts U+200B between Chinese words in the index: a note is found there too.
    segmented = json.dumps({"docs": [{"text": "<p>\u200b开源\u200b只是\u200b八项\u200b支撑\u200b之一</p>"}]}).encode()
    assert "开源只是八项支撑之一" in text_view(segmented, "search/search_index.json")


def test_loading_a_course_reads_the_notes_of_every_page(write_course: WriteCourse) -> None:
    root = write_course(docs={"a.md": PAGE, "sub/b.md": "!!! instructor\n    Only here.\n", "c.md": "# None\n"})
    notes = load_course(root / "docs", root / "quizzes", root=root, check_lock=False).notes
    assert [(n.page, n.path, n.line) for n in notes] == [("a.md", "docs/a.md", 5), ("a.md", "docs/a.md", 17),
                                                         ("a.md", "docs/a.md", 27), ("sub/b.md", "docs/sub/b.md", 1)]
    assert load_course(root / "missing", root / "quizzes", check_lock=False).notes == ()


def test_fixture_course_has_one_note() -> None:
    [note] = load_course(FIXTURE_COURSE / "docs", FIXTURE_COURSE / "quizzes", check_lock=False).notes
    assert note.page == "lesson.md"
    assert "encryption" in note.markdown


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_extension_by_name(edition: str, tmp_path: Path) -> None:
    page = markdown.markdown("!!! instructor\n    Teachers only, in this note.\n",
                             extensions=["admonition", "course_notes"],
                             extension_configs={"course_notes": {"edition": edition}})
    assert ("Teachers only" in page) is (edition == "instructor")
