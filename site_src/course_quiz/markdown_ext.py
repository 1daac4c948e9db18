"""The ``/// quiz | id`` directive as a plain Python-Markdown extension.

Works in any Python-Markdown host, with or without MkDocs::

    markdown.markdown(text, extensions=[QuizExtension(quizzes_dir="quizzes")])

Its options (the name ``course_quiz`` takes the same ones, for example in a host's configuration):

``quizzes_dir``
    The quiz files and their lock (default ``quizzes``).
``docs_dir``
    The Markdown pages, for review titles and placements (default: the host's ``docs_dir`` when it
    tells one, as Zensical does, else ``docs``).
``base_dir``
    The folder the two above are relative to (default: the folder of the host's configuration file when
    the host tells it, as Zensical does, else the current directory). Problems name files relative to it.
``provider``
    A function from quiz id to HTML, for a host that has prepared the course itself.
``placeholders``
    Leave an empty slot (``contract.empty_slot``) for each directive; the host fills the page with
    ``fill_slots`` after conversion (the MkDocs plugin does, so that its search never reads a quiz).

Without ``provider`` or ``placeholders``, the extension prepares the course itself
(``prepare.prepare_course``: every quiz checked, and rendered with the titles of its lesson's headings
for the review links). A course with errors raises ``QuizSourceError``, whose message lists every
problem as ``path:line:col: CODE message``; warnings are logged the same way. The prepared course is
kept once per process, not per extension: a host such as Zensical makes a new Markdown instance (and
so a new extension) for every page, and the course is prepared again when a file the placed quiz is
made from, the lock, the configuration or the list of files in a folder changes (``sourcestamp``):
``zensical serve`` rebuilding after an edit sees the new quiz.

Zensical tells extensions about its configuration through the preprocessor it registers first,
``rendering_context`` (its own ports of MkDocs plugins read ``root_dir`` and ``docs_dir`` from it the
same way); the extension reads it by name, without importing Zensical.
``edition``
    ``student`` (default), or ``instructor``: each question followed by its key (``instructor``).
``config_file``
    The course's MkDocs configuration, relative to ``base_dir`` (default ``mkdocs.yml``), from which the
    course-quiz plugin's ``allowed_hosts`` is read (``siteconfig``) when the extension prepares the course.
``language``
    ``en``, or a translated language (``zh``): each quiz with its translation's texts and the engine's
    words in that language, the same keys (``translation``). Default: the host's ``theme.language`` when
    it tells one the engine has words for (zensical-i18n builds each language with its own), else ``en``.

A host that fills slots itself also fills a generated answer-key page of the instructor edition with
``fill_answer_keys``.

The directive keeps the syntax of pymdown-extensions' blocks (``/// quiz | id``, then ``///``), but it
is found by a line preprocessor that shares its scanner with the checker (``directives``):
what ``course check`` counts as a placement is exactly what the page renders, and a page costs one
pass over its lines. Each directive becomes a slot line that a block processor turns into an element;
only a rendered quiz goes through Python-Markdown's raw-HTML stash (whose placeholder replacement
scans the whole page twice), never an empty slot.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
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
from course_quiz.messages import DEFAULT_LANGUAGE, LANGUAGES
from course_quiz.problems import Problem
from course_quiz.siteconfig import CONFIG_NAME, read_host_settings
from course_quiz.sourcestamp import SourceStamp

QuizProvider = Callable[[str], "str | None"]
DIRECTIVE_MARK = "///"
# After Python-Markdown's whitespace normalising (30), before fenced code (25) hides code blocks: the
# scanner skips fences itself, as the checker does.
PREPROCESSOR_PRIORITY = 29
# Right after empty blocks (100): a slot line is a block of its own, and nothing else may take it.
SLOT_PRIORITY = 95
# A line no Markdown source contains (Python-Markdown's own placeholders also start with STX).
SLOT_LINE = "\x02course-quiz-slot:"

log = logging.getLogger(__name__)


class QuizSourceError(Exception):
    """The quiz sources have errors; the message lists each as ``path:line:col: CODE message``."""


def missing_quiz(quiz_id: str) -> str:
    """What a page shows where a quiz cannot be placed."""
    return (f'<p class="cq-missing" role="alert">Quiz "{html.escape(quiz_id)}" was not found; run '
            "<code>course check</code>.</p>")


def broken_quiz(quiz_id: str, problems: Sequence[Problem]) -> str:
    """What a page shows under ``mkdocs serve`` where a quiz has errors: each problem, as the terminal shows it.

    Where the quiz loaded, the MkDocs plugin shows its sound questions instead (``degraded.partial_quiz``).
    """
    from course_quiz.degraded import problem_box  # only a page with a broken quiz needs it

    return problem_box(f'Quiz "{quiz_id}" cannot be shown: its source has {len(problems)} error(s)', problems)


def _fill(page: str, marker: str, slot: re.Pattern[str], provider: QuizProvider,
          wrap: Callable[[str], str]) -> tuple[str, list[str], list[str]]:
    """Replace every ``slot`` in ``page`` by ``wrap`` of what ``provider`` gives for its quiz id."""
    placed: list[str] = []
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        quiz_id = match.group(1)
        rendered = provider(quiz_id)
        (placed if rendered is not None else missing).append(quiz_id)
        return wrap(rendered if rendered is not None else missing_quiz(quiz_id))

    if marker not in page:  # most pages hold no slot: one substring test, no regex
        return page, placed, missing
    return slot.sub(fill, page), placed, missing


def fill_slots(page: str, provider: QuizProvider) -> tuple[str, list[str], list[str]]:
    """Fill every empty slot of a converted page with its quiz.

    Returns:
        The filled page, the ids of the quizzes placed, and the ids ``provider`` had no quiz for (their
        slots show ``missing_quiz``).

    """
    return _fill(page, SLOT_ATTRIBUTE, EMPTY_SLOT, provider, lambda quiz: f"{SLOT_OPEN}{quiz}{SLOT_CLOSE}")


def fill_answer_keys(page: str, provider: QuizProvider) -> tuple[str, list[str], list[str]]:
    """Fill every answer-key slot of a generated answer-key page (instructor edition), as ``fill_slots`` does."""
    return _fill(page, ANSWER_KEY_ATTRIBUTE, ANSWER_KEY_SLOT, provider, lambda key: key)


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
    """Registers the quiz directive; see the module's docstring for the options."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Not None: Python-Markdown would read a None default as a boolean option.
            "provider": ["", "Function from quiz id to rendered HTML (empty: prepare the course from the folders)"],
            "quizzes_dir": ["quizzes", "Folder of quiz files and their lock, used when no provider is given"],
            "docs_dir": ["", "Folder of the Markdown pages, for review titles and placements (empty: the "
                             "host's docs_dir when it tells one, else docs)"],
            "base_dir": ["", "Folder the two folders are relative to (empty: the folder of the host's "
                             "configuration file when it tells one, else the current directory)"],
            "placeholders": [False, "Leave an empty slot per quiz for the host to fill after conversion"],
            "edition": ["student", "student, or instructor (each question followed by its key)"],
            "config_file": ["mkdocs.yml", "The course's MkDocs configuration, relative to base_dir, whose "
                                          "course-quiz plugin options name the allowed hosts"],
            "language": ["", "The language to render quizzes in (empty: the host's theme.language when it tells "
                             "one the engine has words for, such as zensical-i18n's build of each language, "
                             "else the sources' language)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (API name)
        """Register the preprocessor and the slot processor."""
        provider: QuizProvider | None = None
        if not self.getConfig("placeholders"):
            docs, quizzes, base = self.folders(md)
            provider = self.getConfig("provider") or folder_provider(
                docs, quizzes, base, edition=Edition(self.getConfig("edition")),
                config_file=base / self.getConfig("config_file"),
                language=self.getConfig("language") or host_language(md))
        md.preprocessors.register(QuizPreprocessor(md), "course_quiz", PREPROCESSOR_PRIORITY)
        md.parser.blockprocessors.register(QuizSlotProcessor(md.parser, provider), "course_quiz_slot",
                                           SLOT_PRIORITY)

    def folders(self, md: Markdown | None = None) -> tuple[Path, Path, Path]:
        """The docs folder, the quizzes folder and the base folder, as the options and the host say."""
        host_root, host_docs = host_folders(md) if md is not None else (None, None)
        base = Path(self.getConfig("base_dir") or host_root or Path.cwd())
        docs = base / (self.getConfig("docs_dir") or host_docs or "docs")
        return docs, base / self.getConfig("quizzes_dir"), base


def host_language(md: Markdown) -> str:
    """The language the host builds (``theme.language`` of Zensical's configuration), if the engine has its words.

    zensical-i18n builds each language with that language's ``theme.language``; anything else is
    rendered in the sources' language.
    """
    config = getattr(md.preprocessors["rendering_context"], "config", None) \
        if "rendering_context" in md.preprocessors else None
    theme = config.get("theme") if isinstance(config, Mapping) else None
    language = theme.get("language") if isinstance(theme, Mapping) else None
    return language if isinstance(language, str) and language in LANGUAGES else DEFAULT_LANGUAGE


def host_folders(md: Markdown) -> tuple[str | None, str | None]:
    """The folder of the host's configuration file and its docs folder, when the host tells them.

    Zensical registers a ``rendering_context`` preprocessor before any other extension runs, holding
    its configuration: ``root_dir`` is the folder of the configuration file, ``docs_dir`` the pages'
    folder as configured (relative to ``root_dir``). Other hosts tell nothing: ``(None, None)``.
    """
    if "rendering_context" not in md.preprocessors:
        return None, None
    config = getattr(md.preprocessors["rendering_context"], "config", None)
    if not isinstance(config, Mapping):
        return None, None
    root, docs = config.get("root_dir"), config.get("docs_dir")
    return (root if isinstance(root, str) and root else None), (docs if isinstance(docs, str) and docs else None)


# The course as last prepared in this process: (what it was prepared for, the state of its sources then,
# quiz id to HTML). A host that makes one extension per page (Zensical) prepares it once; a change to what
# a placed quiz depends on prepares it again (sourcestamp).
_prepared: tuple[tuple[object, ...], SourceStamp, dict[str, str]] | None = None
_prepared_lock = threading.Lock()  # a host may convert pages on several threads


def folder_provider(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                    edition: Edition = Edition.STUDENT, config_file: Path | None = None, *,
                    language: str = DEFAULT_LANGUAGE) -> QuizProvider:
    """A provider that takes each quiz from the course prepared from its folders.

    The course is prepared on first use (so a page without a quiz costs nothing), and kept for the
    process while nothing the placed quiz depends on changes (``prepared_quizzes``). Raises
    ``QuizSourceError`` (on use) when the course has errors, so a host's build fails with every problem
    listed instead of publishing a page without its quiz. Problems name files relative to ``root``
    (default: the current directory). The allowed hosts are read from ``config_file`` (default:
    ``mkdocs.yml`` in ``root``). Quizzes are rendered in ``language`` (``prepare``).
    """

    def provide(quiz_id: str) -> str | None:
        base = root or Path.cwd()
        return prepared_quizzes(docs_dir, quizzes_dir, base, edition, config_file or base / CONFIG_NAME,
                                language=language, quiz_id=quiz_id).get(quiz_id)

    return provide


def prepared_quizzes(docs_dir: Path, quizzes_dir: Path, root: Path,
                     edition: Edition = Edition.STUDENT, config_file: Path | None = None, *,
                     language: str = DEFAULT_LANGUAGE, quiz_id: str | None = None) -> dict[str, str]:
    """Every quiz of the course by id, rendered in ``language``; prepared again only when a source has changed.

    With ``quiz_id`` (the quiz being placed), the sources checked are those ``sourcestamp`` names: the
    files that quiz is made from, the shared files and every folder, a few dozen stats whatever the size
    of the course. Without it, every file is checked.

    Raises:
        QuizSourceError: The course has errors (each is a line ``path:line:col: CODE message``).

    """
    global _prepared  # noqa: PLW0603 (one course per process, shared by every extension)
    config = config_file or root / CONFIG_NAME
    # Absolute without resolving links, which would cost a system call per part at every placement.
    key = (docs_dir.absolute(), quizzes_dir.absolute(), root.absolute(), edition, language, config.absolute())
    with _prepared_lock:
        if _prepared is not None and _prepared[0] == key and _prepared[1].current(quiz_id):
            return _prepared[2]
        from course_quiz.course import source_path  # only hosts without a provider need the engine
        from course_quiz.lock import LOCK_NAME
        from course_quiz.prepare import prepare_course

        hosts = read_host_settings(config, config.name)
        # Taken before preparing: a file changed while the course is prepared makes the next placement prepare again.
        stamp = SourceStamp.take((docs_dir, quizzes_dir), (quizzes_dir / LOCK_NAME, *hosts.files, *hosts.snippets))
        course = prepare_course(docs_dir, quizzes_dir, root, edition, hosts, language=language)
        if course.errors:
            raise QuizSourceError("\n".join(p.format() for p in course.errors))
        for found in course.problems:
            log.warning(found.format())  # warnings: the build goes on, as MkDocs' does without --strict
        sources = {quiz.id: (source_path(quiz.path, root), docs_dir / quiz.page) for quiz in course.quizzes.values()}
        _prepared = (key, stamp.with_quizzes(sources), {quiz.id: quiz.html for quiz in course.quizzes.values()})
        return _prepared[2]


def makeExtension(**kwargs: Any) -> QuizExtension:  # noqa: N802 (Python-Markdown's entry point name)
    """Python-Markdown's entry point."""
    return QuizExtension(**kwargs)
