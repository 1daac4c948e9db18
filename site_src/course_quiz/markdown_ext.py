"""The ``/// quiz | id`` directive as a plain Python-Markdown extension.

Works in any Python-Markdown host, with or without MkDocs::

    markdown.markdown(text, extensions=[QuizExtension(quizzes_dir="quizzes")])

Without a ``provider``, the extension prepares the course itself (``prepare.prepare_course``: every
quiz checked, and rendered with the review titles of its lesson) once per extension, from
``quizzes_dir`` and ``docs_dir``; a course with errors raises ``QuizSourceError``, whose message lists
every problem as ``path:line:col: CODE message``. A host that has already prepared the course passes
``provider``, a function from quiz id to HTML. A host that places the quizzes itself after conversion
(the MkDocs plugin, so that its search never reads them) passes ``placeholders=True``, gets an empty
slot (``contract.empty_slot``) for each directive, and fills the page with ``fill_slots`` (and, in the
instructor edition, an answer-key page with ``fill_answer_keys``). ``edition="instructor"`` renders
each question with its key.

The directive keeps the syntax of pymdown-extensions' blocks (``/// quiz | id``, then ``///``), but it
is found by a line preprocessor that shares its scanner with the checker (``directives``):
what ``course check`` counts as a placement is exactly what the page renders, and a page costs one
pass over its lines. Each directive becomes a slot line that a block processor turns into an element;
only a rendered quiz goes through Python-Markdown's raw-HTML stash (whose placeholder replacement
scans the whole page twice), never an empty slot.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from course_quiz.contract import (
    ANSWER_KEY_ATTRIBUTE,
    ANSWER_KEY_SLOT,
    EMPTY_SLOT,
    SLOT_ATTRIBUTE,
    SLOT_CLASS,
    SLOT_CLOSE,
    SLOT_OPEN,
)
from course_quiz.directives import DIRECTIVE, directive_span, outside_fences
from course_quiz.editions import Edition
from course_quiz.problems import Problem

QuizProvider = Callable[[str], "str | None"]
DIRECTIVE_MARK = "///"
# After Python-Markdown's whitespace normalising (30), before fenced code (25) hides code blocks: the
# scanner skips fences itself, as the checker does.
PREPROCESSOR_PRIORITY = 29
# Right after empty blocks (100): a slot line is a block of its own, and nothing else may take it.
SLOT_PRIORITY = 95
# A line no Markdown source contains (Python-Markdown's own placeholders also start with STX).
SLOT_LINE = "\x02course-quiz-slot:"


class QuizSourceError(Exception):
    """The quiz sources have errors; the message lists each as ``path:line:col: CODE message``."""


def missing_quiz(quiz_id: str) -> str:
    """What a page shows where a quiz cannot be placed."""
    return (f'<p class="cq-missing" role="alert">Quiz "{html.escape(quiz_id)}" was not found; run '
            "<code>course check</code>.</p>")


def broken_quiz(quiz_id: str, problems: Sequence[Problem]) -> str:
    """What a page shows under ``mkdocs serve`` where a quiz has errors: each problem, as the terminal shows it."""
    listing = "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in problems)
    return (f'<div class="admonition failure cq-broken" role="alert"><p class="admonition-title">Quiz '
            f'"{html.escape(quiz_id)}" cannot be shown: its source has {len(problems)} error(s)</p>'
            f"<ul>{listing}</ul><p>Fix them and save: this page reloads by itself. Until then "
            "<code>mkdocs build</code> fails.</p></div>")


def fill_slots(page: str, provider: QuizProvider) -> tuple[str, list[str], list[str]]:
    """Fill every empty slot of a converted page with its quiz.

    Returns:
        The filled page, the ids of the quizzes placed, and the ids ``provider`` had no quiz for (their
        slots show ``missing_quiz``).

    """
    placed: list[str] = []
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        quiz_id = match.group(1)
        rendered = provider(quiz_id)
        (placed if rendered is not None else missing).append(quiz_id)
        return f"{SLOT_OPEN}{rendered if rendered is not None else missing_quiz(quiz_id)}{SLOT_CLOSE}"

    if SLOT_ATTRIBUTE not in page:
        return page, placed, missing
    return EMPTY_SLOT.sub(fill, page), placed, missing


def fill_answer_keys(page: str, provider: QuizProvider) -> tuple[str, list[str], list[str]]:
    """Fill every answer-key slot of a generated answer-key page (instructor edition).

    Returns:
        The filled page, the quiz ids whose answer key was placed, and the ids ``provider`` had none
        for (their slots show ``missing_quiz``).

    """
    placed: list[str] = []
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        quiz_id = match.group(1)
        rendered = provider(quiz_id)
        (placed if rendered is not None else missing).append(quiz_id)
        return rendered if rendered is not None else missing_quiz(quiz_id)

    if ANSWER_KEY_ATTRIBUTE not in page:
        return page, placed, missing
    return ANSWER_KEY_SLOT.sub(fill, page), placed, missing


class QuizPreprocessor(Preprocessor):
    """Turns each top-level ``/// quiz | id`` (and its closing ``///``) into a slot line of its own."""

    def run(self, lines: list[str]) -> list[str]:
        """Return the page's lines with every quiz directive replaced by a slot line."""
        if not any(DIRECTIVE_MARK in line for line in lines):
            return lines
        result: list[str] = []
        copied = 0
        for index, line in outside_fences(lines):
            if index < copied:
                continue  # the closing line of a directive already replaced
            directive = DIRECTIVE.match(line)
            if directive is None:
                continue
            result.extend(lines[copied:index])
            result.extend(("", SLOT_LINE + (directive.group("arg") or "").strip(), ""))
            copied = directive_span(lines, index)
        result.extend(lines[copied:])
        return result


class QuizSlotProcessor(BlockProcessor):
    """Makes each slot line a ``<div class="cq-slot">`` holding the quiz (or waiting for it)."""

    def __init__(self, parser: BlockParser, provider: QuizProvider | None) -> None:
        super().__init__(parser)
        self.provider = provider

    def test(self, parent: etree.Element, block: str) -> bool:
        """Whether ``block`` is a slot line."""
        return block.startswith(SLOT_LINE)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Replace the slot line with the quiz, or with an empty slot the host fills later."""
        quiz_id = blocks.pop(0)[len(SLOT_LINE):].strip()
        # Serialised exactly as contract.EMPTY_SLOT reads it: class first, then the quiz id.
        slot = etree.SubElement(parent, "div", {"class": SLOT_CLASS})
        if self.provider is None:
            slot.set(SLOT_ATTRIBUTE, quiz_id)
            return
        rendered = self.provider(quiz_id) if quiz_id else None
        slot.text = self.parser.md.htmlStash.store(rendered if rendered is not None else missing_quiz(quiz_id))


class QuizExtension(Extension):
    """Registers the quiz directive; give ``provider``, the folders, or ``placeholders``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Not None: Python-Markdown would read a None default as a boolean option.
            "provider": ["", "Function from quiz id to rendered HTML (empty: prepare the course from the folders)"],
            "quizzes_dir": ["quizzes", "Folder of quiz files, used when no provider is given"],
            "docs_dir": ["docs", "Folder of the Markdown pages, for review titles and placements"],
            "placeholders": [False, "Leave an empty slot per quiz for the host to fill after conversion"],
            "edition": ["student", "student, or instructor (each question followed by its key)"],
        }
        super().__init__(**kwargs)
        self._provider: QuizProvider | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (API name)
        """Register the preprocessor and the slot processor."""
        provider: QuizProvider | None = None
        if not self.getConfig("placeholders"):
            if self._provider is None:  # one provider per extension, shared by every page
                self._provider = (self.getConfig("provider")
                                  or folder_provider(Path(self.getConfig("docs_dir")),
                                                     Path(self.getConfig("quizzes_dir")),
                                                     Edition(self.getConfig("edition"))))
            provider = self._provider
        md.preprocessors.register(QuizPreprocessor(md), "course_quiz", PREPROCESSOR_PRIORITY)
        md.parser.blockprocessors.register(QuizSlotProcessor(md.parser, provider), "course_quiz_slot",
                                           SLOT_PRIORITY)


def folder_provider(docs_dir: Path, quizzes_dir: Path, edition: Edition = Edition.STUDENT) -> QuizProvider:
    """A provider that prepares the course from its folders on first use.

    Raises ``QuizSourceError`` (on first use) when the course has errors, so a host's build fails
    with every problem listed instead of publishing a page without its quiz.
    """
    prepared: dict[str, str] | None = None

    def provide(quiz_id: str) -> str | None:
        nonlocal prepared
        if prepared is None:
            from course_quiz.prepare import prepare_course  # only hosts without a provider need the engine

            course = prepare_course(docs_dir, quizzes_dir, edition=edition)
            if course.errors:
                raise QuizSourceError("\n".join(p.format() for p in course.errors))
            prepared = {quiz.id: quiz.html for quiz in course.quizzes.values()}
        return prepared.get(quiz_id)

    return provide


def makeExtension(**kwargs: Any) -> QuizExtension:  # noqa: N802 (Python-Markdown's entry point name)
    """Python-Markdown's entry point."""
    return QuizExtension(**kwargs)
