"""MkDocs events for the course quiz: prepare (check, render, verify), place, verify what was written.

All quiz logic lives in ``course_quiz``; this module only reacts to events and reports problems:
warnings through the plugin logger (so ``mkdocs build --strict`` fails on them), errors as one
``PluginError`` listing every problem.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from course_quiz.markdown_ext import SLOT_ATTRIBUTE, QuizExtension
from course_quiz.prepare import Preparation, PreparedCourse, start_preparation, verify_written
from course_quiz.problems import Severity
from mkdocs_course.config import CourseQuizConfig

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer  # imports an HTTP server and a file watcher

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/course-quiz"
ASSETS = ("quiz.js", "quiz.css")
PLACEHOLDER_START = f'<div class="cq-slot" {SLOT_ATTRIBUTE}="'
_PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_START) + r'([a-z0-9][a-z0-9_-]*)"></div>')


class CourseQuizPlugin(BasePlugin[CourseQuizConfig]):
    """Checks quizzes at the start of a build, renders ``/// quiz | id`` blocks, verifies the output."""

    def __init__(self) -> None:
        self.preparation: Preparation | None = None
        self.prepared: PreparedCourse | None = None
        self.quiz_pages: dict[str, str] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Nothing is carried between builds in memory: each build prepares the course afresh."""
        self._cancel_preparation()
        self.prepared = None

    def _project_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start preparing the course; register the quiz extension and the two browser assets.

        The preparation (check, render, verify every quiz) runs in a child process on another core
        while MkDocs reads and converts the pages; ``on_env`` waits for it before anything is written.
        """
        if not self.config.enabled:
            return config
        root = self._project_dir(config)
        cache_dir = root / self.config.cache_dir if self.config.cache_dir else None
        self._cancel_preparation()
        self.preparation = start_preparation(Path(config.docs_dir), root / self.config.quizzes_dir, root=root,
                                             cache_dir=cache_dir)
        self.prepared = None
        self.quiz_pages = {}

        # Every directive gets an empty slot, filled in on_post_page; a directive naming no quiz is
        # reported (Q305) before pages are written.
        config.markdown_extensions.append(QuizExtension(placeholders=True))
        for name in ASSETS:
            target = config.extra_javascript if name.endswith(".js") else config.extra_css
            path = f"{ASSET_DIR}/{name}"
            if path not in target:
                target.append(path)
        return config

    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Wait for the prepared course and report its problems, before MkDocs writes any page.

        Priority 100: problems are reported before other plugins' ``on_env`` work.
        """
        preparation = self.preparation
        if not self.config.enabled or preparation is None:
            return env
        prepared = preparation.result()
        self.preparation = None
        for found in prepared.problems:
            if found.severity is Severity.WARNING:
                log.warning(found.format())
        if prepared.errors:
            listing = "\n".join(p.format() for p in prepared.errors)
            raise PluginError(f"{len(prepared.errors)} quiz problem(s); fix them and build again:\n{listing}")
        self.prepared = prepared
        return env

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed elsewhere does not leave its preparation running."""
        self._cancel_preparation()

    def _cancel_preparation(self) -> None:
        if self.preparation is not None:
            self.preparation.cancel()
            self.preparation = None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the quiz script and stylesheet to the site (from the package, never into docs/)."""
        if not self.config.enabled:
            return files
        package = resources.files("course_quiz") / "assets"
        for name in ASSETS:
            content = (package / name).read_bytes()
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=content))
        return files

    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each quiz in place of its placeholder, and note the page for verification.

        Quizzes enter the page here rather than in the Markdown stage so that Material's search
        plugin, which parses every page's content with a pure-Python HTML parser, never reads them
        (they are excluded from the index anyway). Priority 100 runs this before other plugins'
        ``on_post_page``, so they see the quiz.
        """
        prepared = self.prepared
        if not self.config.enabled or prepared is None:
            return output
        first = output.find(PLACEHOLDER_START)
        if first < 0:
            return output
        parts: list[str] = []
        copied = 0
        for match in _PLACEHOLDER.finditer(output, first):
            quiz = prepared.quizzes.get(match.group(1))
            if quiz is None:  # the checker and Markdown disagree on a placement: never publish a gap
                raise PluginError(f"{page.file.src_uri}: quiz '{match.group(1)}' is placed here but was not "
                                  "prepared; run `course check` and report this if it finds nothing")
            self.quiz_pages[quiz.id] = page.file.dest_uri
            parts += (output[copied:match.start()], '<div class="cq-slot">', quiz.html, "</div>")
            copied = match.end()
        parts.append(output[copied:])
        return "".join(parts)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        """Rebuild when a quiz file changes."""
        if self.config.enabled:
            quizzes_dir = self._project_dir(config) / self.config.quizzes_dir
            if quizzes_dir.is_dir():
                server.watch(str(quizzes_dir))
        return server

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Verify the written pages: run last, after every other plugin has changed its output."""
        if not (self.config.enabled and self.config.verify and self.prepared is not None):
            return
        root = self._project_dir(config)
        problems = verify_written(Path(config.site_dir), self.prepared, self.quiz_pages,
                                  docs_dir=Path(config.docs_dir), quizzes_dir=root / self.config.quizzes_dir, root=root)
        if problems:
            listing = "\n".join(p.format() for p in problems)
            raise PluginError(f"built pages do not match the quiz sources:\n{listing}")
