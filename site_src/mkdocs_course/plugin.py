"""MkDocs events for the course quiz: prepare (check and render), place, verify what was written.

All quiz logic lives in ``course_quiz``; this module only reacts to events and reports problems:
warnings through the plugin logger (so ``mkdocs build --strict`` fails on them), errors as one
``PluginError`` listing every problem. Under ``mkdocs serve`` a broken quiz does not stop the server:
its problems go to the terminal and its page shows them in place of the quiz until it is fixed.

The ``edition`` option chooses the student edition (instructor notes left out) or the instructor
edition (notes, keys, generated notes and answer-key pages, a banner on every page); see
``course_quiz.editions``. The student edition also leaves out every page marked ``edition: instructor``.

The course's identity comes from mkdocs.yml alone: the instructor edition's name is derived from
``site_name``, the home page's title is ``site_name`` unless docs/index.md writes a heading of its own,
and lessons (pages under docs/lessons/) are numbered from the navigation's order (``numbering``) in
the navigation, their titles, the home page's cards (``cards``) and the progress page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from course_quiz.cards import CARDS_SLOT, LessonCard, card_minutes, card_text, render_cards
from course_quiz.contract import ASSET_DIR, ASSETS, INSTRUCTOR_ASSETS
from course_quiz.editions import NOTES_PAGE, Edition, GeneratedPage, instructor_pages, mark_instructor_page
from course_quiz.lessons import instructor_only
from course_quiz.markdown_ext import QuizExtension, QuizProvider, broken_quiz, fill_answer_keys, fill_slots
from course_quiz.messages import words
from course_quiz.model import Quiz
from course_quiz.navfile import nav_order
from course_quiz.notes import NotesExtension
from course_quiz.numbering import is_lesson, lesson_numbers, numbered, untyped
from course_quiz.prepare import PreparedCourse, expected_quizzes, prepare_course, start_preparation
from course_quiz.problems import Severity
from course_quiz.progress import PROGRESS_SLOT, ProgressRow, render_progress
from course_quiz.published import asset_path
from course_quiz.siteconfig import HostSettings, allowed_hosts, host_errors, read_host_settings
from mkdocs_course.config import CourseQuizConfig
from mkdocs_course.languages import (
    BuildLanguage,
    build_language,
    place_generated,
    quiet_instant_warning,
    root_templates,
    source_uri,
    still_building,
    untranslated,
)
from mkdocs_course.offline import OFFLINE_MARK, fill_offline_link, publish_archive

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer  # imports an HTTP server and a file watcher

log = get_plugin_logger(__name__)


@dataclass
class LanguageBuild:
    """What one language's build made, kept until the site is verified once every language is written."""

    language: BuildLanguage
    prepared: PreparedCourse
    quiz_pages: dict[str, str]
    answer_key_pages: dict[str, str]
    hidden: list[str]


class CourseQuizPlugin(BasePlugin[CourseQuizConfig]):
    """Checks quizzes at the start of a build, renders ``/// quiz | id`` blocks, verifies the output."""

    def __init__(self) -> None:
        quiet_instant_warning()  # before mkdocs-static-i18n's first on_config, where it warns
        self.preparation: Future[PreparedCourse] | None = None
        self.prepared: PreparedCourse | None = None
        self.quiz_pages: dict[str, str] = {}
        self.pages: list[Page] = []
        self.answer_key_pages: dict[str, str] = {}
        self.generated: list[GeneratedPage] = []
        self.serving = False
        self.hosts = HostSettings()
        self.degraded = False  # serving a course with errors: broken quizzes show their problems
        self.numbers: dict[str, int] = {}  # lesson page (src_uri): its number in the navigation's order
        self.hidden: list[str] = []  # instructor-only pages left out of the student edition
        self.card_titles: dict[str, str] = {}  # lesson page: the title its front matter gives, for its card
        self.language = BuildLanguage("en", "en", ("en",))  # the language this build makes (mkdocs-static-i18n)
        self.built: dict[str, LanguageBuild] = {}  # each language built so far, verified at the end
        self.course_title = ""  # the default language's site_name
        self.theme_templates: set[str] = set()  # the theme's static pages, as the default language writes them

    @property
    def edition(self) -> Edition:
        """The edition this build makes."""
        return Edition(self.config.edition)

    def _folders(self, config: MkDocsConfig) -> tuple[Path, Path, Path]:
        root = Path(config.config_file_path or ".").parent
        return Path(config.docs_dir), root / self.config.quizzes_dir, root

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Note whether this is ``mkdocs serve``, where a broken quiz must not stop the server.

        Defining ``on_startup`` also keeps this instance across the rebuilds of ``mkdocs serve``.
        """
        self.serving = command == "serve"

    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Start preparing the course; register the quiz and notes extensions and the browser assets.

        The preparation (check and render every quiz) runs in a worker process while MkDocs reads and
        converts the pages; ``on_env`` waits for it before anything is written. (The instructor edition
        waits in ``on_files``: its generated pages, made from the prepared course, join the navigation.)

        Priority -110 runs this after mkdocs-static-i18n's ``on_config`` (-100), which names the language
        of this build and sets its ``site_name``: each language's build prepares that language's quizzes.
        """
        if not self.config.enabled:
            return config
        self.language = build_language(config)
        if self.language.is_default:
            self.built = {}  # a new site: the default language is always built first
        self.theme_templates = root_templates(config, self.language, self.theme_templates)
        docs_dir, quizzes_dir, root = self._folders(config)
        suffix = words(self.language.code)("edition_name")
        if self.edition is Edition.INSTRUCTOR and not config.site_name.endswith(suffix):
            named = self.config.instructor_site_name if self.language.is_default else ""
            config.site_name = named or f"{config.site_name}{suffix}"
        if self.language.is_default:
            self.course_title = config.site_name  # what students' results carry, in every language
        if config.nav is not None:
            _untype_lesson_numbers(config.nav)
        order, _ = nav_order(config.nav or [])
        self.numbers = lesson_numbers(order)
        wrong = host_errors(self.config.allowed_hosts)
        if wrong:
            raise PluginError(f"course-quiz: allowed_hosts: {'; '.join(wrong)}")
        # The configuration file's own resources (Q502) and the snippets appended to every page, read
        # from the file as `course check` reads them; the allowed hosts are MkDocs' reading of the option.
        config_file = Path(config.config_file_path) if config.config_file_path else None
        settings = read_host_settings(config_file, config_file.name) if config_file else HostSettings()
        self.hosts = replace(settings, allowed=allowed_hosts(self.config.allowed_hosts, config.site_url))
        self.preparation = start_preparation(docs_dir, quizzes_dir, root, self.edition, self.hosts,
                                             order=order if config.nav is not None else None,
                                             language=self.language.code)
        self.prepared = None
        self.degraded = False
        self.quiz_pages = {}
        self.answer_key_pages = {}
        # Every directive gets an empty slot, filled in on_post_page. mkdocs-static-i18n builds every
        # language on the same configuration: the previous language's instances are replaced, not doubled.
        # MkDocs types the list as names, but accepts extension instances (as mkdocstrings adds its own).
        config.markdown_extensions[:] = [found for found in config.markdown_extensions
                                         if not isinstance(found, QuizExtension | NotesExtension)]
        config.markdown_extensions.append(QuizExtension(placeholders=True))  # type: ignore[arg-type]
        config.markdown_extensions.append(NotesExtension(edition=self.config.edition))  # type: ignore[arg-type]
        for name in self._assets():
            target = config.extra_javascript if name.endswith(".js") else config.extra_css
            path = f"{ASSET_DIR}/{name}"
            if path not in target:
                target.append(path)
        self.generated = []
        return config

    def _assets(self) -> tuple[str, ...]:
        return ASSETS + (INSTRUCTOR_ASSETS if self.edition is Edition.INSTRUCTOR else ())

    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Wait for the prepared course and report its problems, before MkDocs writes any page.

        Priority 100: problems are reported before other plugins' ``on_env`` work. Under ``mkdocs
        serve``, problems go to the terminal without failing the rebuild (a failed rebuild leaves the
        server stuck): pages are served, each broken quiz replaced by its problems.
        """
        if not self.config.enabled or self.preparation is None:
            return env
        prepared = self._prepared_course(self.preparation, config)
        self.preparation = None
        if self.serving and prepared.problems:
            listing = "\n".join(p.format() for p in prepared.problems)
            log.info(f"{len(prepared.problems)} quiz problem(s); `mkdocs build` fails on them until they are fixed, and each page shows its broken quiz's errors in its place:\n{listing}")
            self.degraded = bool(prepared.errors)
            self._keep(prepared)
            return env
        for found in prepared.problems if self.language.is_default else ():  # every build checks it all: said once
            if found.severity is Severity.WARNING:
                log.warning(found.format())
        if prepared.errors:
            listing = "\n".join(p.format() for p in prepared.errors)
            raise PluginError(f"{len(prepared.errors)} quiz problem(s); fix them and build again:\n{listing}")
        self._keep(prepared)
        return env

    def _keep(self, prepared: PreparedCourse) -> None:
        """Keep this language's prepared course, and what its pages record, until the site is verified.

        mkdocs-static-i18n builds the next language on this instance once this build has written its pages.
        """
        self.prepared = prepared
        self.built[self.language.code] = LanguageBuild(self.language, prepared, self.quiz_pages,
                                                       self.answer_key_pages, self.hidden)

    def _prepared_course(self, preparation: Future[PreparedCourse], config: MkDocsConfig) -> PreparedCourse:
        """The prepared course, waited for; prepared here if the worker was killed (out of memory, say)."""
        try:
            return preparation.result()
        except BrokenProcessPool:
            prepared = prepare_course(*self._folders(config), self.edition, self.hosts, language=self.language.code)
            self.preparation = Future()
            self.preparation.set_result(prepared)  # prepared once, though on_files and on_env both wait
            return prepared

    def _files_and_assets(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the browser assets (from the package, never into docs/); drop instructor-only pages.

        The student edition drops every instructor-only page (``edition: instructor``) here, before the
        navigation is made, and from the ``nav`` setting: no page, nav entry, search entry or sitemap
        line of it is written. A student page that still links to one fails the strict build (MkDocs
        reports the link), and verification proves the site holds none (V710). This runs before
        mkdocs-static-i18n's ``on_files`` (-100), which lists each language's pages for its sitemap.

        The assets are the package's own files (``File.generated`` with their path, outside docs/):
        mkdocs-static-i18n reads every file's source path, and leaves files from outside docs/, such as
        the theme's, where they are: one copy at the site's root serves every language.
        """
        if not self.config.enabled:
            return files
        self.hidden = []
        if self.edition is Edition.STUDENT:
            for file in list(files.documentation_pages()):
                if file.abs_src_path is not None and _read_instructor_only(Path(file.abs_src_path)):
                    files.remove(file)
                    hidden = untranslated(file.src_uri, self.language.codes)
                    if hidden not in self.hidden:
                        self.hidden.append(hidden)
            if self.hidden and config.nav is not None:
                config.nav = _without_pages(config.nav, set(self.hidden))
        for name in self._assets():
            # The theme's folder (overrides/) links to the same files for Zensical: the engine's copy wins.
            if (theirs := files.get_file_from_path(f"{ASSET_DIR}/{name}")) is not None:
                files.remove(theirs)
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(asset_path(name))))
        return files

    @event_priority(-110)
    def _generated_pages(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the instructor edition's generated pages, after mkdocs-static-i18n has sorted the files.

        They have no source under docs/, so they are placed as static-i18n places this language's pages
        (``languages.place_generated``).
        """
        if not self.config.enabled:
            return files
        if self.edition is Edition.INSTRUCTOR and self.preparation is not None:
            # Made from the pages and notes the prepared course holds (nothing is read twice). It is waited
            # for here, before MkDocs converts the pages, only in the instructor edition: the navigation lists
            # the generated pages. The student edition still overlaps preparation with the conversion.
            prepared = self._prepared_course(self.preparation, config)
            order, titles = nav_order(config.nav or [])
            # Another language's pages are titled by their own front matter, not by the nav's English titles.
            self.generated = instructor_pages(prepared.pages, prepared.notes, order,
                                              titles if self.language.is_default else None, self.numbers,
                                              language=self.language.code)
            if config.nav is not None:
                say = words(self.language.code)
                keys = [{page.title: page.path} for page in self.generated if page.path != NOTES_PAGE]
                section: list[Any] = ([{say("notes_title"): NOTES_PAGE}]
                                      + ([{say("nav_answer_keys"): keys}] if keys else []))
                config.nav.append({say("nav_edition"): section})
        for page in self.generated:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"{page.path}: the instructor edition generates this page; rename or move {Path(config.docs_dir) / page.path}")
            files.append(place_generated(File.generated(config, page.path, content=page.markdown),
                                         self.language, config))
        return files

    on_files = CombinedEvent(_files_and_assets, _generated_pages)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Note the pages in navigation order: the progress page lists the quizzes in that order."""
        if self.config.enabled:
            self.pages = list(nav.pages)
            listed = {page.file.src_uri for page in self.pages}
            self.numbers = lesson_numbers(page.file.src_uri for page in self.pages)
            self.pages += [file.page for file in files.documentation_pages()
                           if file.page is not None and file.src_uri not in listed]
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Number a lesson's title (navigation, heading, browser tab); give the home page its course title.

        Every page is read before any is written, so the navigation of each page shows every number.
        The home page without a heading of its own gets ``site_name`` (this language's) as its heading. A
        translated page (``PATH.zh.md``) is titled by its own front matter, not by the nav's English title.
        """
        if not self.config.enabled:
            return markdown
        translated = not self.language.is_default and page.file.src_uri != source_uri(page.file)
        if translated and isinstance(written := page.meta.get("title"), str):
            page.title = written  # a translated page (PATH.zh.md): its own title, not the nav's English one
        number = self.numbers.get(page.file.src_uri)
        if number is not None and page.title:
            if isinstance(written := page.meta.get("title"), str):
                self.card_titles[page.file.src_uri] = written
            page.title = numbered(number, untyped(page.title)[0])
            page.meta["title"] = page.title
        elif self._is_home(page) and "title" not in page.meta and not _has_heading(markdown):
            markdown = f"# {config.site_name}\n\n{markdown}"
        return markdown

    def _is_home(self, page: Page) -> bool:
        """Whether ``page`` is the home page of the language built (MkDocs knows the root's only)."""
        return page.is_homepage or (not self.language.is_default and page.file.url == self.language.folder)

    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put each quiz in its slot (and each answer key in its own), and note the page for verification.

        Quizzes enter the page here rather than in the Markdown stage so that Material's search
        plugin, which parses every page's content with a pure-Python HTML parser, never reads them
        (they are excluded from the index anyway). Priority 100 runs this before other plugins'
        ``on_post_page``, so they see the quiz. The instructor edition marks every page.
        """
        prepared = self.prepared
        if not self.config.enabled or prepared is None:
            return output
        if PROGRESS_SLOT in output:
            output = self._fill_progress(output, page, config, prepared)
        if CARDS_SLOT in output:
            output = output.replace(CARDS_SLOT, render_cards(self._cards(page), self.language.code))
        if OFFLINE_MARK in output:
            archive = self._offline_archive(config)
            output = fill_offline_link(output, page.url, archive.stat().st_size if archive else None)
        filled, placed, missing = fill_slots(output, self._provider(prepared, lambda q: q.html, partial=True))
        for quiz_id in placed:
            self.quiz_pages[quiz_id] = page.file.dest_uri
        if self.edition is Edition.INSTRUCTOR:
            filled, keys, missing_keys = fill_answer_keys(filled, self._provider(prepared, lambda q: q.answer_key))
            missing += missing_keys
            for quiz_id in keys:
                self.answer_key_pages[quiz_id] = page.file.dest_uri
            filled = mark_instructor_page(filled, self.language.code)
        if missing:  # the checker and Markdown disagree on a placement: never publish a gap
            raise PluginError(f"{page.file.src_uri}: quiz '{missing[0]}' is placed here but was not prepared; run `course check` and report this if it finds nothing")
        return filled

    def _offline_archive(self, config: MkDocsConfig) -> Path | None:
        """The offline copy's archive (``offline_archive``), if the option names one and it exists."""
        if not self.config.offline_archive:
            return None
        archive = Path(config.config_file_path or ".").parent / self.config.offline_archive
        return archive if archive.is_file() else None

    def _fill_progress(self, output: str, page: Page, config: MkDocsConfig, prepared: PreparedCourse) -> str:
        """Put the table of every quiz, in navigation order, where the page holds the progress placeholder."""
        by_page = {quiz.page: quiz for quiz in prepared.quizzes.values()}
        rows = [ProgressRow(quiz.id, str(lesson.title or lesson.file.src_uri),
                            get_relative_url(lesson.url or ".", page.url or "."), quiz.stamps)
                for lesson in self.pages if (quiz := by_page.get(source_uri(lesson.file))) is not None]
        return output.replace(PROGRESS_SLOT, render_progress(self.course_title or config.site_name, rows,
                                                             self.language.code))

    def _cards(self, page: Page) -> list[LessonCard]:
        """The home page's card of each lesson, in the navigation's order."""
        cards = []
        for lesson in self.pages:
            number = self.numbers.get(lesson.file.src_uri)
            if number is None:
                continue
            # The lesson's full title from its front matter (the nav's may be shorter).
            title = self.card_titles.get(lesson.file.src_uri) or str(lesson.title or lesson.file.src_uri)
            plain = untyped(title)[0].removeprefix(f"{number}. ")
            cards.append(LessonCard(number, plain, get_relative_url(lesson.url or ".", page.url or "."),
                                    card_minutes(lesson.meta), card_text(lesson.meta)))
        return cards

    def _provider(self, prepared: PreparedCourse, markup: Callable[[Any], str], partial: bool = False) -> QuizProvider:
        """Quiz id to its markup; while serving a broken course, a broken quiz's problems instead.

        With ``partial`` (the quiz itself, not its answer key), a quiz that loaded shows its sound
        questions and each broken one's problems in its place (``degraded``).
        """
        def provide(quiz_id: str) -> str | None:
            if self.degraded:
                problems = prepared.errors_of(quiz_id)
                if problems:
                    view = prepared.partial.get(quiz_id) if partial else None
                    return view if view is not None else broken_quiz(quiz_id, problems)
            quiz = prepared.quizzes.get(quiz_id)
            return markup(quiz) if quiz is not None else None
        return provide

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The instructor edition marks the theme's own pages too (404.html), not the sitemap."""
        if self.config.enabled and self.edition is Edition.INSTRUCTOR and template_name.endswith(".html"):
            return mark_instructor_page(output_content, self.language.code)
        return output_content

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        """Rebuild when a quiz file changes."""
        if self.config.enabled:
            quizzes_dir = self._folders(config)[1]
            if quizzes_dir.is_dir():
                server.watch(str(quizzes_dir))
        return server

    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Verify the written site once every language is written, after every other plugin's changes.

        Priority -110 runs this after mkdocs-static-i18n's ``on_post_build`` (-100), which builds the other
        languages and then rewrites the search index with every language's entries. Each language's
        pages are verified against that language's quizzes, and every language's page of a quiz must
        carry the same keys (``keyparity``, V711). A student build is also searched for the text of every
        instructor note (V709).
        """
        archive = self._offline_archive(config) if self.config.enabled else None
        if archive is not None:  # before verification, which reads the whole site
            publish_archive(archive, Path(config.site_dir))
        if not (self.config.enabled and self.config.verify and self.built):
            return
        if self.degraded:
            log.info("The site was not verified: the quiz sources have errors.")
            return
        if still_building(config):
            return  # verified at the end of the first language's build, once every language is written
        from course_quiz.keyparity import QuizPages, key_parity
        from course_quiz.lock import LOCK_NAME, read_lock
        from course_quiz.verify import QUIZ, verify_site

        site_dir = Path(config.site_dir)
        problems = []
        parity: dict[str, dict[str, tuple[str, ...]]] = {}  # quiz id: its page in each language
        for built in self.built.values():
            notes = built.prepared.notes if self.edition is Edition.STUDENT else ()
            expected = expected_quizzes(built.prepared, built.quiz_pages, built.answer_key_pages)
            for quiz in expected:
                if quiz.kind == QUIZ:
                    parity.setdefault(quiz.id, {})[built.language.code] = quiz.pages
            problems += verify_site(site_dir, expected, sources=self._sources(config, built.language.code),
                                    edition=self.edition, notes=notes, hidden_pages=built.hidden,
                                    language=built.language.code, languages=built.language.codes)
        if len(self.built) > 1:
            # One key on every language's page of a quiz; short answers those the lock records for every language.
            lock, _ = read_lock(self._folders(config)[1] / LOCK_NAME, LOCK_NAME)
            problems += key_parity(site_dir, [QuizPages(quiz_id, pages) for quiz_id, pages in sorted(parity.items())],
                                   lock)
        if problems:
            listing = "\n".join(p.format() for p in problems)
            raise PluginError(f"built pages do not match the quiz sources:\n{listing}")

    def _sources(self, config: MkDocsConfig, language: str) -> Callable[[], Mapping[str, Quiz]]:
        """The source quizzes as ``language``'s pages show them, read only when a built block differs."""
        def sources() -> Mapping[str, Quiz]:
            from course_quiz.course import load_course, localize

            docs_dir, quizzes_dir, root = self._folders(config)
            return localize(load_course(docs_dir, quizzes_dir, root=root), language).quizzes
        return sources


def _read_instructor_only(path: Path) -> bool:
    try:
        return instructor_only(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return False  # reported by the checks (Q100)


def _has_heading(markdown: str) -> bool:
    """Whether a page's Markdown writes a level-one heading of its own (``# Title``)."""
    return any(line.startswith("# ") for line in markdown.splitlines())


def _untype_lesson_numbers(nav: list[Any]) -> None:
    """Drop a number typed before a lesson's nav title ("1. Title"), saying so: the plugin numbers lessons."""
    for item in nav:
        if isinstance(item, dict):
            for key, value in list(item.items()):
                if isinstance(value, str) and is_lesson(value):
                    plain, typed = untyped(key)
                    if typed:
                        log.warning(f"mkdocs.yml: the nav title '{key}' of {value} types a lesson number; lessons are numbered from the nav's order, so write '{plain}'")
                        item.pop(key)
                        item[plain] = value
                elif isinstance(value, list):
                    _untype_lesson_numbers(value)
        elif isinstance(item, list):
            _untype_lesson_numbers(item)


def _without_pages(nav: list[Any], hidden: set[str]) -> list[Any]:
    """The ``nav`` setting without the entries of the pages ``hidden``, and without sections left empty."""
    kept: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item not in hidden:
                kept.append(item)
        elif isinstance(item, dict):
            entry: dict[str, Any] = {}
            for key, value in item.items():
                if isinstance(value, list):
                    children = _without_pages(value, hidden)
                    if children:
                        entry[key] = children
                elif value not in hidden:
                    entry[key] = value
            if entry:
                kept.append(entry)
        else:
            kept.append(item)
    return kept
