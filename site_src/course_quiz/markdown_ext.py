"""The ``/// quiz | id`` block as a plain Python-Markdown extension (pymdown-extensions' Block API).

Works in any Python-Markdown host, with or without MkDocs::

    markdown.markdown(text, extensions=[QuizExtension(quizzes_dir="quizzes")])

A host that has already loaded and checked the course (the MkDocs plugin) passes ``provider``, a
function from quiz id to HTML, so the work is done once per build.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from course_quiz.loader import load_quiz_file
from course_quiz.model import Quiz
from course_quiz.problems import Severity
from course_quiz.render import QuizRenderer

QuizProvider = Callable[[str], "str | None"]


class QuizBlock(Block):
    """``/// quiz | quiz-id`` followed by ``///``: replaced by the rendered quiz."""

    NAME = "quiz"
    ARGUMENT = True
    OPTIONS: dict[str, tuple[Any, Callable[[Any], Any]]] = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Create the element the quiz is written into."""
        return etree.SubElement(parent, "div", {"class": "cq-slot"})

    def on_end(self, block: etree.Element) -> None:
        """Replace whatever the block holds with the quiz's HTML, stashed so Markdown leaves it alone."""
        quiz_id = str(self.argument).strip()
        provider: QuizProvider = self.config["provider"]
        rendered = provider(quiz_id)
        if rendered is None:
            rendered = (f'<p class="cq-missing" role="alert">Quiz "{html.escape(quiz_id)}" was not found; '
                        "run <code>course check</code>.</p>")
        for child in list(block):
            block.remove(child)
        block.text = self.md.htmlStash.store(rendered)


class QuizExtension(BlocksExtension):
    """Registers the quiz block; give either ``provider`` or ``quizzes_dir``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Not None: Python-Markdown would read a None default as a boolean option.
            "provider": ["", "Function from quiz id to rendered HTML (empty: load from quizzes_dir)"],
            "quizzes_dir": ["quizzes", "Folder of quiz files, used when no provider is given"],
        }
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:  # noqa: N802 (API name)
        """Register the block with the given or a folder-backed provider."""
        provider = self.getConfig("provider") or folder_provider(Path(self.getConfig("quizzes_dir")))
        block_mgr.register(QuizBlock, {"provider": provider})


def folder_provider(quizzes_dir: Path) -> QuizProvider:
    """A provider that loads quizzes from a folder on first use and renders those that load cleanly."""
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
