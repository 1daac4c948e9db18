"""The ``/// quiz | id`` directive as a plain Python-Markdown extension.

Works in any Python-Markdown host, with or without MkDocs::

    markdown.markdown(text, extensions=[QuizExtension(quizzes_dir="quizzes")])

A host that has already loaded and checked the course passes ``provider``, a function from quiz id
to HTML, so the work is done once per build. A host that places the quizzes itself after conversion
(the MkDocs plugin, so that its search never reads them) passes ``placeholders=True`` and gets
``<div class="cq-slot" data-cq-quiz="id"></div>`` for each directive.

The directive keeps the syntax of pymdown-extensions' blocks (``/// quiz | id``, then ``///``), but it
is found by a line preprocessor that shares its scanner with the checker (``directives``):
what ``course check`` counts as a placement is exactly what the page renders, and a page costs one
pass over its lines. Each directive becomes a slot line that a block processor turns into an element;
only a rendered quiz goes through Python-Markdown's raw-HTML stash (whose placeholder replacement
scans the whole page twice), never an empty slot.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from course_quiz.directives import DIRECTIVE, directive_span, outside_fences
from course_quiz.problems import Severity

if TYPE_CHECKING:
    from course_quiz.model import Quiz

QuizProvider = Callable[[str], "str | None"]
DIRECTIVE_MARK = "///"
# After Python-Markdown's whitespace normalising (30), before fenced code (25) hides code blocks: the
# scanner skips fences itself, as the checker does.
PREPROCESSOR_PRIORITY = 29
# Right after empty blocks (100): a slot line is a block of its own, and nothing else may take it.
SLOT_PRIORITY = 95
# A line no Markdown source contains (Python-Markdown's own placeholders also start with STX).
SLOT_LINE = "\x02course-quiz-slot:"
SLOT_ATTRIBUTE = "data-cq-quiz"


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
        slot = etree.SubElement(parent, "div", {"class": "cq-slot"})
        if self.provider is None:
            slot.set(SLOT_ATTRIBUTE, quiz_id)
            return
        rendered = self.provider(quiz_id) if quiz_id else None
        if rendered is None:
            rendered = (f'<p class="cq-missing" role="alert">Quiz "{html.escape(quiz_id)}" was not found; '
                        "run <code>course check</code>.</p>")
        slot.text = self.parser.md.htmlStash.store(rendered)


class QuizExtension(Extension):
    """Registers the quiz directive; give ``provider``, ``quizzes_dir`` or ``placeholders``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Not None: Python-Markdown would read a None default as a boolean option.
            "provider": ["", "Function from quiz id to rendered HTML (empty: load from quizzes_dir)"],
            "quizzes_dir": ["quizzes", "Folder of quiz files, used when no provider is given"],
            "placeholders": [False, "Leave an empty slot per quiz for the host to fill after conversion"],
        }
        super().__init__(**kwargs)
        self._provider: QuizProvider | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (API name)
        """Register the preprocessor and the slot processor."""
        provider: QuizProvider | None = None
        if not self.getConfig("placeholders"):
            if self._provider is None:  # one folder provider per extension, shared by every page
                self._provider = (self.getConfig("provider")
                                  or folder_provider(Path(self.getConfig("quizzes_dir"))))
            provider = self._provider
        md.preprocessors.register(QuizPreprocessor(md), "course_quiz", PREPROCESSOR_PRIORITY)
        md.parser.blockprocessors.register(QuizSlotProcessor(md.parser, provider), "course_quiz_slot",
                                           SLOT_PRIORITY)


def folder_provider(quizzes_dir: Path) -> QuizProvider:
    """A provider that loads quizzes from a folder on first use and renders those that load cleanly."""
    # Imported here: a host with its own provider (the MkDocs plugin) never needs the loader.
    from course_quiz.loader import load_quiz_file
    from course_quiz.render import QuizRenderer

    renderer = QuizRenderer()
    quizzes: dict[str, Quiz] | None = None

    def provide(quiz_id: str) -> str | None:
        nonlocal quizzes
        if quizzes is None:
            quizzes = {}
            for path in sorted(quizzes_dir.glob("*.y*ml")):
                quiz, problems = load_quiz_file(path)
                if quiz is not None and not any(p.severity is Severity.ERROR for p in problems):
                    quizzes.setdefault(quiz.id, quiz)
        quiz = quizzes.get(quiz_id)
        return renderer.render(quiz) if quiz is not None else None

    return provide


def makeExtension(**kwargs: Any) -> QuizExtension:  # noqa: N802 (Python-Markdown's entry point name)
    """Python-Markdown's entry point."""
    return QuizExtension(**kwargs)
