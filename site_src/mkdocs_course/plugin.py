"""MkDocs events for the course quiz: load and check, render through the Markdown extension, verify.

All quiz logic lives in ``course_quiz``; this module only reacts to events and reports problems:
warnings through the plugin logger (so ``mkdocs build --strict`` fails on them), errors as one
``PluginError`` listing every problem.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from course_quiz.course import Course, load_course
from course_quiz.markdown_ext import QuizExtension
from course_quiz.problems import Severity
from course_quiz.render import QuizRenderer
from course_quiz.verify import verify_site
from mkdocs_course.config import CourseQuizConfig

log = get_plugin_logger(__name__)

ASSET_DIR = "assets/course-quiz"
ASSETS = ("quiz.js", "quiz.css")


class CourseQuizPlugin(BasePlugin[CourseQuizConfig]):
    """Checks quizzes at the start of a build, renders ``/// quiz | id`` blocks, verifies the output."""

    def __init__(self) -> None:
        self.course: Course | None = None
        self.quiz_pages: dict[str, str] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember nothing across builds: each build loads the course afresh (serve rebuilds too)."""
        self.course = None

    def _quizzes_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.quizzes_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and check the course; register the quiz extension and the two browser assets."""
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").parent
        course = load_course(Path(config.docs_dir), self._quizzes_dir(config), root=root)
        for found in course.problems:
            if found.severity is Severity.WARNING:
                log.warning(found.format())
        errors = course.errors
        if errors:
            listing = "\n".join(p.format() for p in errors)
            raise PluginError(f"{len(errors)} quiz problem(s); fix them and build again:\n{listing}")
        self.course = course
        self.quiz_pages = {}
        renderer = QuizRenderer()
        cache: dict[str, str] = {}

        def provide(quiz_id: str) -> str | None:
            if quiz_id not in cache:
                quiz = course.quizzes.get(quiz_id)
                if quiz is None:
                    return None
                lesson = course.pages.get(quiz.lesson)
                cache[quiz_id] = renderer.render(quiz, lesson.headings if lesson else None)
            return cache[quiz_id]

        config.markdown_extensions.append(QuizExtension(provider=provide))
        for name in ASSETS:
            target = config.extra_javascript if name.endswith(".js") else config.extra_css
            path = f"{ASSET_DIR}/{name}"
            if path not in target:
                target.append(path)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the quiz script and stylesheet to the site (from the package, never into docs/)."""
        if not self.config.enabled:
            return files
        package = resources.files("course_quiz") / "assets"
        for name in ASSETS:
            content = (package / name).read_bytes()
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=content))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Note where each lesson's page is written, for verification after the build."""
        if self.config.enabled and self.course is not None:
            lesson = self.course.pages.get(page.file.src_uri)
            if lesson is not None:
                for placement in lesson.placements:
                    self.quiz_pages[placement.quiz_id] = page.file.dest_uri
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        """Rebuild when a quiz file changes."""
        if self.config.enabled:
            quizzes_dir = self._quizzes_dir(config)
            if quizzes_dir.is_dir():
                server.watch(str(quizzes_dir))
        return server

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Verify the written pages: run last, after every other plugin has changed its output."""
        if not (self.config.enabled and self.config.verify and self.course is not None):
            return
        site_dir = Path(config.site_dir)
        pages = sorted({site_dir / dest for dest in self.quiz_pages.values()})
        problems = verify_site(site_dir, self.course.quizzes.values(), self.quiz_pages, pages=pages)
        if problems:
            listing = "\n".join(p.format() for p in problems)
            raise PluginError(f"built pages do not match the quiz sources:\n{listing}")
