"""MkDocs events for the course quiz: prepare (check and render), place, verify what was written.

All quiz logic lives in ``course_quiz``; this module only reacts to events and reports problems:
warnings through the plugin logger (so ``mkdocs build --strict`` fails on them), errors as one
``PluginError`` listing every problem.
"""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from course_quiz.contract import ASSET_DIR, ASSETS
from course_quiz.markdown_ext import QuizExtension, fill_slots
from course_quiz.prepare import PreparedCourse, expected_quizzes, prepare_course, start_preparation
from course_quiz.problems import Severity
from course_quiz.progress import PROGRESS_SLOT, ProgressRow, render_progress
from course_quiz.published import published
from mkdocs_course.config import CourseQuizConfig

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer  # imports an HTTP server and a file watcher

log = get_plugin_logger(__name__)



class CourseQuizPlugin(BasePlugin[CourseQuizConfig]):
    """Checks quizzes at the start of a build, renders ``/// quiz | id`` blocks, verifies the output."""

    def __init__(self) -> None:
        self.preparation: Future[PreparedCourse] | None = None
        self.prepared: PreparedCourse | None = None
        self.quiz_pages: dict[str, str] = {}
        self.pages: list[Page] = []

    def _folders(self, config: MkDocsConfig) -> tuple[Path, Path, Path]:
        root = Path(config.config_file_path or ".").parent
        return Path(config.docs_dir), root / self.config.quizzes_dir, root

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start preparing the course; register the quiz extension and the two browser assets.

        The preparation (check and render every quiz) runs in a worker process while MkDocs reads and
        converts the pages; ``on_env`` waits for it before anything is written.
        """
        if not self.config.enabled:
            return config
        self.preparation = start_preparation(*self._folders(config))
        self.prepared = None
        self.quiz_pages = {}
        # Every directive gets an empty slot, filled in on_post_page.
        # MkDocs types the list as names, but accepts extension instances (as mkdocstrings adds its own).
        config.markdown_extensions.append(QuizExtension(placeholders=True))  # type: ignore[arg-type]
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
        if not self.config.enabled or self.preparation is None:
            return env
        try:
            prepared = self.preparation.result()
        except BrokenProcessPool:  # the worker was killed (out of memory, say): prepare here instead
            prepared = prepare_course(*self._folders(config))
        self.preparation = None
        for found in prepared.problems:
            if found.severity is Severity.WARNING:
                log.warning(found.format())
        if prepared.errors:
            listing = "\n".join(p.format() for p in prepared.errors)
            raise PluginError(f"{len(prepared.errors)} quiz problem(s); fix them and build again:\n{listing}")
        self.prepared = prepared
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the quiz script and stylesheet to the site (from the package, never into docs/)."""
        if not self.config.enabled:
            return files
        for name in ASSETS:
            # The theme's folder (overrides/) links to the same files for Zensical: the engine's copy wins.
            if (theirs := files.get_file_from_path(f"{ASSET_DIR}/{name}")) is not None:
                files.remove(theirs)
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=published(name)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Note the pages in navigation order: the progress page lists the quizzes in that order."""
        if self.config.enabled:
            self.pages = list(nav.pages)
            listed = {page.file.src_uri for page in self.pages}
            self.pages += [file.page for file in files.documentation_pages()
                           if file.page is not None and file.src_uri not in listed]
        return nav

    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each quiz in its slot, and note the page for verification.

        Quizzes enter the page here rather than in the Markdown stage so that Material's search
        plugin, which parses every page's content with a pure-Python HTML parser, never reads them
        (they are excluded from the index anyway). Priority 100 runs this before other plugins'
        ``on_post_page``, so they see the quiz.
        """
        prepared = self.prepared
        if not self.config.enabled or prepared is None:
            return output
        if PROGRESS_SLOT in output:
            output = self._fill_progress(output, page, config, prepared)
        quizzes = prepared.quizzes
        filled, placed, missing = fill_slots(output, lambda quiz_id: q.html if (q := quizzes.get(quiz_id)) else None)
        if missing:  # the checker and Markdown disagree on a placement: never publish a gap
            raise PluginError(f"{page.file.src_uri}: quiz '{missing[0]}' is placed here but was not prepared; run `course check` and report this if it finds nothing")  # noqa: E501 (a message stays on one line, so grep finds it)
        for quiz_id in placed:
            self.quiz_pages[quiz_id] = page.file.dest_uri
        return filled

    def _fill_progress(self, output: str, page: Page, config: MkDocsConfig, prepared: PreparedCourse) -> str:
        """Put the table of every quiz, in navigation order, where the page holds the progress placeholder."""
        by_page = {quiz.page: quiz for quiz in prepared.quizzes.values()}
        rows = [ProgressRow(quiz.id, str(lesson.title or lesson.file.src_uri),
                            get_relative_url(lesson.url or ".", page.url or "."), quiz.stamps)
                for lesson in self.pages if (quiz := by_page.get(lesson.file.src_uri)) is not None]
        return output.replace(PROGRESS_SLOT, render_progress(config.site_name, rows))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        """Rebuild when a quiz file changes."""
        if self.config.enabled:
            quizzes_dir = self._folders(config)[1]
            if quizzes_dir.is_dir():
                server.watch(str(quizzes_dir))
        return server

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Verify the written site: run last, after every other plugin has changed its output."""
        if not (self.config.enabled and self.config.verify and self.prepared is not None):
            return
        from course_quiz.course import load_course
        from course_quiz.verify import verify_site

        docs_dir, quizzes_dir, root = self._folders(config)
        problems = verify_site(Path(config.site_dir), expected_quizzes(self.prepared, self.quiz_pages),
                               sources=lambda: load_course(docs_dir, quizzes_dir, root=root).quizzes)
        if problems:
            listing = "\n".join(p.format() for p in problems)
            raise PluginError(f"built pages do not match the quiz sources:\n{listing}")
