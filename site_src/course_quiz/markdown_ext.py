"""The ``/// quiz | id`` directive as a plain Python-Markdown extension.

Works in any Python-Markdown host, with or without MkDocs::

    markdown.markdown(text, extensions=[QuizExtension(quizzes_dir="quizzes")])

A host that has already loaded and checked the course (the MkDocs plugin) passes ``provider``, a
function from quiz id to HTML, so the work is done once per build.

The directive keeps the syntax of pymdown-extensions' blocks (``/// quiz | id``, then ``///``), but it
is found by a line preprocessor that shares its scanner with the checker (``directives``):
what ``course check`` counts as a placement is exactly what the page renders, and a page costs one
pass over its lines rather than a block processor consulted on every block.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown import Markdown
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
PRIORITY = 29


class QuizPreprocessor(Preprocessor):
    """Replaces each top-level ``/// quiz | id`` (and its closing ``///``) with the quiz's HTML."""

    def __init__(self, md: Markdown, provider: QuizProvider) -> None:
        super().__init__(md)
        self.provider = provider

    def run(self, lines: list[str]) -> list[str]:
        """Return the page's lines with every quiz directive replaced by a stashed block."""
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
            quiz_id = (directive.group("arg") or "").strip()
            placeholder = self.md.htmlStash.store(f'<div class="cq-slot">{self._render(quiz_id)}</div>')
            result.extend(("", placeholder, ""))
            copied = directive_span(lines, index)
        result.extend(lines[copied:])
        return result

    def _render(self, quiz_id: str) -> str:
        rendered = self.provider(quiz_id) if quiz_id else None
        if rendered is None:
            return (f'<p class="cq-missing" role="alert">Quiz "{html.escape(quiz_id)}" was not found; '
                    "run <code>course check</code>.</p>")
        return rendered


class QuizExtension(Extension):
    """Registers the quiz directive; give either ``provider`` or ``quizzes_dir``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Not None: Python-Markdown would read a None default as a boolean option.
            "provider": ["", "Function from quiz id to rendered HTML (empty: load from quizzes_dir)"],
            "quizzes_dir": ["quizzes", "Folder of quiz files, used when no provider is given"],
        }
        super().__init__(**kwargs)
        self._provider: QuizProvider | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (API name)
        """Register the preprocessor with the given or a folder-backed provider."""
        if self._provider is None:  # one folder provider per extension, shared by every page
            self._provider = self.getConfig("provider") or folder_provider(Path(self.getConfig("quizzes_dir")))
        md.preprocessors.register(QuizPreprocessor(md, self._provider), "course_quiz", PRIORITY)


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
