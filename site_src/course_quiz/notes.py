"""Instructor notes: where they are in a page, how each edition treats them, and their text for verification.

An instructor note is an admonition whose types include ``instructor``: ``!!! instructor "Title"``,
or collapsible with pymdown-extensions' details (``??? instructor``, ``???+ instructor``), at any
indentation outside fenced code, and everything indented under it. One scanner (``find_notes``)
finds them for every purpose, as ``directives`` does for quizzes:

* the student edition removes them from the Markdown before it is parsed (``NotesExtension``), so
  nothing of them (text, headings, footnotes, abbreviations) reaches the page, its table of contents
  or the search index;
* the instructor edition keeps them and marks them with ``contract.INSTRUCTOR_MARK``, and gathers
  them on its "Instructor notes" page (``editions``);
* verification of a student build looks for their text in every built file (``note_texts``).
"""

from __future__ import annotations

import contextlib
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from course_quiz.contract import INSTRUCTOR_MARK
from course_quiz.directives import outside_fences
from course_quiz.htmlread import block_texts, rough_text

NOTE_TYPE = "instructor"
# Python-Markdown's admonition opener and pymdown-extensions' details opener, at any indentation.
_OPENER = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?) ?(?P<types>[\w-]+(?: +[\w-]+)*)(?: +\"(?P<title>.*?)\")? *$")
TAB_LENGTH = 4
# After pymdown-extensions' snippets (32) and Python-Markdown's whitespace normalising (30, which
# expands tabs), after the quiz directives (29), before raw HTML blocks (20) and everything else.
PREPROCESSOR_PRIORITY = 28
# Before the table of contents (5), abbreviations (7) and attribute lists (8), after inline markup (20).
TREEPROCESSOR_PRIORITY = 19
# Shorter texts in a note ("Likely misconceptions.") are too common to prove a leak.
MIN_TEXT = 24


@dataclass(frozen=True, slots=True)
class NoteSpan:
    """Where one note stands in a page's lines: ``start`` (its opener) to ``end`` (exclusive)."""

    start: int
    end: int
    indent: int


@dataclass(frozen=True, slots=True)
class Note:
    """One instructor note of a page.

    Attributes:
        page: The page, relative to the docs folder, with forward slashes.
        path: The page as shown in problems.
        line: The 1-based line of its opener.
        markdown: The whole admonition, opener included, moved to the left margin.

    """

    page: str
    path: str
    line: int
    markdown: str

    @property
    def body(self) -> str:
        """The note's content, without its opener, at the left margin."""
        return "\n".join(line[TAB_LENGTH:] for line in self.markdown.splitlines()[1:])


def is_opener(line: str) -> re.Match[str] | None:
    """The opener match of a note at ``line``, or ``None`` (another admonition, or none)."""
    opener = _OPENER.match(line)
    return opener if opener is not None and NOTE_TYPE in opener.group("types").split() else None


def find_notes(lines: Sequence[str]) -> list[NoteSpan]:
    """Every note of a page (tabs expanded), outermost only: a note inside a note is part of it."""
    spans: list[NoteSpan] = []
    skip_to = 0
    for index, line in outside_fences(lines):
        if index < skip_to:
            continue
        opener = is_opener(line)
        if opener is None:
            continue
        indent = len(opener.group("indent"))
        end = index + 1
        for after in range(index + 1, len(lines)):
            text = lines[after]
            if not text.strip():
                continue
            if len(text) - len(text.lstrip(" ")) < indent + TAB_LENGTH:
                break
            end = after + 1
        spans.append(NoteSpan(index, end, indent))
        skip_to = end
    return spans


def strip_notes(lines: list[str]) -> list[str]:
    """The page's lines without its notes (the student edition)."""
    spans = find_notes(lines)
    if not spans:
        return lines
    kept: list[str] = []
    copied = 0
    for span in spans:
        kept.extend(lines[copied:span.start])
        copied = span.end
    kept.extend(lines[copied:])
    return kept


def page_notes(page: str, path: str, text: str) -> list[Note]:
    """Every note of one page's Markdown source (front matter included: it never holds an opener)."""
    lines = [line.expandtabs(TAB_LENGTH) for line in text.splitlines()]
    return [Note(page, path, span.start + 1, "\n".join(line[span.indent:] for line in lines[span.start:span.end]))
            for span in find_notes(lines)]


# ---- The two editions, as a Python-Markdown extension -------------------------------------------

class _StripNotes(Preprocessor):
    """Student edition: removes every note from the page's lines before anything parses them."""

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines without notes."""
        if not any(NOTE_TYPE in line for line in lines):
            return lines
        return strip_notes(lines)


def _is_note(element: etree.Element) -> bool:
    classes = (element.get("class") or "").split()
    return NOTE_TYPE in classes and (element.tag == "details" or "admonition" in classes)


class _StripNoteElements(Treeprocessor):
    """Student edition, second line of defence: removes a note the line scanner cannot see.

    For example a note written as raw HTML with ``markdown`` (md_in_html), or one the page builds
    another way. Its text stays out of the page; ``course verify`` would otherwise report it (V709).
    """

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if _is_note(child):
                    _remove(parent, child)


def _remove(parent: etree.Element, child: etree.Element) -> None:
    """Remove ``child`` from ``parent``, keeping the text that follows it."""
    if child.tail and child.tail.strip():
        previous = None
        for candidate in parent:
            if candidate is child:
                break
            previous = candidate
        if previous is None:
            parent.text = (parent.text or "") + child.tail
        else:
            previous.tail = (previous.tail or "") + child.tail
    parent.remove(child)


class _MarkNotes(Treeprocessor):
    """Instructor edition: marks every note as instructor-only content."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if _is_note(element):
                element.set(INSTRUCTOR_MARK, "")


class NotesExtension(Extension):
    """Removes instructor notes (``edition: student``, the default) or marks them (``instructor``)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"edition": ["student", "student (remove instructor notes) or instructor (mark them)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (API name)
        """Register the edition's processors."""
        if self.getConfig("edition") == "instructor":
            md.treeprocessors.register(_MarkNotes(md), "course_notes_mark", TREEPROCESSOR_PRIORITY)
        else:
            md.preprocessors.register(_StripNotes(md), "course_notes_strip", PREPROCESSOR_PRIORITY)
            md.treeprocessors.register(_StripNoteElements(md), "course_notes_strip_elements",
                                       TREEPROCESSOR_PRIORITY)


def makeExtension(**kwargs: Any) -> NotesExtension:  # noqa: N802 (Python-Markdown's entry point name)
    """Python-Markdown's entry point."""
    return NotesExtension(**kwargs)


# ---- The text of a note, to find it in a built site ---------------------------------------------

_BLOCKS = frozenset({"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "tr",
                     "td", "th", "div", "details", "summary", "dl", "dt", "dd", "hr", "br"})


def note_texts(note: Note) -> list[str]:
    """The text of each paragraph, list item, cell or heading of a note, as a built page shows it.

    Texts shorter than ``MIN_TEXT`` characters are left out: too common to prove a leak.
    """
    rendered = markdown.markdown(note.body, extensions=["admonition", "attr_list", "def_list", "footnotes",
                                                        "tables", "md_in_html", "pymdownx.details"])
    return [text for text in dict.fromkeys(block_texts(rendered, _BLOCKS)) if len(text) >= MIN_TEXT]


ZERO_WIDTH_SPACE = "\u200b"


def text_view(data: bytes, name: str) -> str:
    """What a reader or a search engine gets from a built file: its text, tags out, entities decoded.

    Block boundaries are dropped along with tags, so each text of ``note_texts`` (one block) is found
    as a substring whether the file is a page, the search index (JSON strings) or anything else. Tags
    are removed by pattern (``htmlread.rough_text``), not parsed: this reads every file of a site.
    """
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".json"):
        with contextlib.suppress(ValueError):  # not JSON after all: read it as text
            text = "\n".join(_strings(json.loads(text)))
    # Zero-width spaces are word breaks a search index puts between Chinese words (Material's search with
    # jieba), not text: without them a Chinese note is found in the index as in its page.
    # Whitespace collapsed by split and join: the same characters as the pattern ``\s+`` (and the ends
    # stripped), in a third of its time; this runs over every built file (75 MB at N=1000).
    return " ".join(rough_text(text).split()).replace(ZERO_WIDTH_SPACE, "")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
