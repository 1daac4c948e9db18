"""Verification of a built site against the quiz sources (codes V701 to V709).

The rule is exact: each quiz's block on its page must equal, byte for byte, a fresh rendering of its
source (or that rendering as a host's search leaves it: ``contract.search_consumed``), on the page
whose Markdown places it, exactly once and outside any HTML comment; no other quiz markup may appear
anywhere in the site; and the site's ``quiz.js`` and ``quiz.css`` must equal the package's. The scan
reads bytes only (``bytes.find``): each block is found once, and a second copy is quiz markup outside
it. When a block differs, ``blockdiff`` says why: the page's quiz is read back and compared with the
source question by question, so that a wrong key is still reported as a wrong key (V702 to V704)
rather than as a difference of bytes (V706).

A site is verified as one edition. An instructor build's quizzes are rendered with their keys, and
each quiz's answer key must be on its answer-key page, exactly, too. A student build must hold nothing
of the instructor edition (V709): no file with ``contract.INSTRUCTOR_MARK`` or an instructor-only
asset, and no text of any instructor note of the sources (``notes.note_texts``), in any built file.

Run by the MkDocs plugin after each build (with the HTML it prepared) and by ``course verify SITE``
(with a fresh rendering).
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from course_quiz.blockdiff import explain_answer_key, explain_quiz
from course_quiz.contract import (
    ASSET_DIR,
    ASSETS,
    INSTRUCTOR_ASSETS,
    INSTRUCTOR_MARK,
    QUIZ_ID,
    QUIZ_MARKERS,
    search_consumed,
)
from course_quiz.editions import Edition
from course_quiz.messages import DEFAULT_LANGUAGE
from course_quiz.model import Quiz
from course_quiz.notes import Note, note_texts, text_view
from course_quiz.problems import Problem, problem
from course_quiz.published import published as published_asset

QUIZ = "quiz"
ANSWER_KEY = "answer key"


@dataclass(frozen=True)
class ExpectedQuiz:
    """What a built site must hold for one quiz (or, in the instructor edition, for its answer key).

    Attributes:
        id: The quiz id.
        pages: Where its page may be, relative to the site (the first that exists is its page).
        rendering: Its rendered HTML, exactly; or that HTML compressed with zlib (a build keeps its
            quizzes so, see ``prepare.PreparedQuiz``), read only when its page is checked.
        path: The quiz file, for messages.
        line: The line of its id in that file.
        kind: ``QUIZ``, or ``ANSWER_KEY`` for its answer key.

    """

    id: str
    pages: tuple[str, ...]
    rendering: str | bytes
    path: str
    line: int
    kind: str = QUIZ

    @property
    def html(self) -> str:
        """The rendered HTML."""
        return self.rendering if isinstance(self.rendering, str) else zlib.decompress(self.rendering).decode()

    @property
    def label(self) -> str:
        """What it is, for messages: ``quiz 'x'`` or ``answer key of quiz 'x'``."""
        return f"quiz '{self.id}'" if self.kind == QUIZ else f"answer key of quiz '{self.id}'"


def site_pages_for(source_page: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """Where MkDocs writes a Markdown page: ``x/index.html`` with directory URLs, else ``x.html``.

    A language other than the default is built in a folder of its own (``zh/x/index.html``), as
    mkdocs-static-i18n lays a site out; ``source_page`` is the default language's page (``x.md``).
    """
    stem = language_folder(language) + source_page.removesuffix(".md")
    if stem.rpartition("/")[2] == "index":
        return (f"{stem}.html",)
    return (f"{stem}/index.html", f"{stem}.html")


def language_folder(language: str) -> str:
    """The folder of a language's pages in a built site: none for the default language, ``zh/`` for ``zh``."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def language_of(built: str, languages: Iterable[str]) -> str:
    """The language of a built file, from its path (``zh/...`` is Chinese; the rest the default language's)."""
    return next((language for language in languages
                 if language != DEFAULT_LANGUAGE and built.startswith(language_folder(language))), DEFAULT_LANGUAGE)


def verify_site(site_dir: Path, expected: Iterable[ExpectedQuiz],
                sources: Callable[[], Mapping[str, Quiz]] | None = None, *,
                edition: Edition = Edition.STUDENT, notes: Iterable[Note] = (),
                hidden_pages: Iterable[str] = (), language: str = DEFAULT_LANGUAGE,
                languages: Iterable[str] = ()) -> list[Problem]:
    """Verify a built site against the expected quiz blocks.

    Args:
        site_dir: The built site.
        expected: Every quiz of the course, with its page and exact HTML (for the edition verified).
        sources: Gives the source quizzes by id, called only when a block differs, to say how.
        edition: The edition the site must be.
        notes: The course's instructor notes, whose text a student build must not hold.
        hidden_pages: The course's instructor-only pages (``edition: instructor``, paths under docs/): a
            student build must hold neither their files nor any link to them (nav, search, sitemap).
        language: The language verified: only its files are read (``zh/`` for ``zh``; for the default
            language, every file outside the other ``languages``' folders). ``expected`` gives that
            language's quizzes (``prepare.expected_quizzes`` of a preparation in it); ``sources`` its
            localized quizzes. A site in one language needs neither.
        languages: Every language of the course (``course.Course.languages``).

    Each language's copy of ``quiz.js`` and ``quiz.css``, where a host writes one, must equal the engine's.

    """
    if not site_dir.is_dir():
        return [problem(str(site_dir), 0, "V705", "built site folder does not exist; build the site first")]
    all_languages = tuple(dict.fromkeys((language, *languages)))
    folder = language_folder(language)
    problems = _asset_problems(site_dir, edition, folder)
    by_page: dict[str, list[ExpectedQuiz]] = {}
    student = edition is Edition.STUDENT
    hidden_pages = list(hidden_pages)
    left_out = {built for page in hidden_pages for built in site_pages_for(page, language)} if student else set()
    files = _site_files(site_dir, problems)
    present = set(files)
    for quiz in expected:
        if left_out and set(quiz.pages) <= left_out:
            continue  # placed on an instructor-only page: its markup anywhere is V707
        page = next((p for p in quiz.pages if p in present), None)
        if page is None:
            problems.append(problem(quiz.path, quiz.line, "V701", f"{quiz.kind} '{quiz.id}' belongs on {' or '.join(quiz.pages)}, which is not in {site_dir}"))
        else:
            by_page.setdefault(page, []).append(quiz)
    asset_names = ASSETS + INSTRUCTOR_ASSETS
    skipped = {f"{language_folder(other)}{ASSET_DIR}/{name}" for name in asset_names for other in all_languages}
    hidden = _HiddenPages(hidden_pages, language) if student else None
    if hidden is not None:
        problems.extend(hidden.files(site_dir))
    checker = _PageChecker(sources, _NoteTexts(notes) if student else None, hidden)
    for relative in files:
        if relative not in skipped and language_of(relative, all_languages) == language:
            problems.extend(checker.check(site_dir / relative, relative, by_page.get(relative, []), student))
    if folder and not (site_dir / folder).is_dir():
        problems.append(problem(str(site_dir / folder), 0, "V705", f"the {language} pages' folder {folder} is not in {site_dir}; build every language of the course"))
    return problems


class _NoteTexts:
    """The text of every instructor note, looked for in each file of a student build."""

    # Files no note text can be in, read as text (fonts, images, archives).
    BINARY = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".pdf",
              ".zip", ".gz", ".mp4", ".webm", ".mp3")

    def __init__(self, notes: Iterable[Note]) -> None:
        self.texts = [(note, text) for note in notes for text in note_texts(note)]

    def find(self, data: bytes, page: str) -> list[Problem]:
        if not self.texts or page.lower().endswith(self.BINARY):
            return []
        view = text_view(data, page)
        found: list[Problem] = []
        reported: set[tuple[str, int]] = set()
        for note, text in self.texts:
            if (note.path, note.line) not in reported and text in view:
                reported.add((note.path, note.line))
                found.append(problem(note.path, note.line, "V709", f"the text of this instructor note is in the built {page} ({text[:50]!r}); students must not get it: publish the student edition (mkdocs build), and report this if that is what was built"))
        return found


class _HiddenPages:
    """The instructor-only pages, whose files and addresses a student build must not hold (V710).

    An address counts where a link, the search index or the sitemap would give it: the page's path
    as a directory URL (``instructors/``) or a file (``instructors.html``), after a quote, ``=``, ``>`` or
    ``/`` and before a quote, ``#``, ``?``, ``<``, ``)`` or a space. (A page elsewhere whose path ends
    with the same folders and name would be reported too.)
    """

    def __init__(self, pages: Iterable[str], language: str = DEFAULT_LANGUAGE) -> None:
        self.pages = sorted(pages)
        self.language = language
        forms = {page: [re.escape(f"{page.removesuffix('.md')}{end}") for end in ("/", ".html")] for page in self.pages}
        self.patterns = [(page, re.compile(rf"(?<=[\"'=>/])(?:{'|'.join(alternatives)})(?=[\"'#?<)\s])".encode()))
                         for page, alternatives in forms.items()]

    def files(self, site_dir: Path) -> list[Problem]:
        """V710 for each instructor-only page written into the site."""
        return [problem(built, 0, "V710", f"instructor-only page {page} (edition: instructor) is in the student site as {built}; publish the student edition (mkdocs build), and report this if that is what was built")
                for page in self.pages for built in site_pages_for(page, self.language) if (site_dir / built).is_file()]

    def find(self, data: bytes, name: str) -> list[Problem]:
        """V710 for each instructor-only page whose address is in the built file ``name``."""
        if not self.patterns or name.lower().endswith(_NoteTexts.BINARY):
            return []
        found: list[Problem] = []
        for page, pattern in self.patterns:
            match = pattern.search(data)
            if match is not None:
                found.append(problem(name, data.count(b"\n", 0, match.start()) + 1, "V710", f"links to the instructor-only page {page} ({match.group().decode(errors='replace')}); the student edition must not list it: publish the student edition (mkdocs build), or remove the link from the page it comes from"))
        return found


def _site_files(site_dir: Path, problems: list[Problem]) -> list[str]:
    found: list[str] = []

    def unreadable(error: OSError) -> None:
        problems.append(problem(str(error.filename or site_dir), 0, "V705", f"cannot read the built site: {error.strerror or error}"))

    for folder, _, names in os.walk(site_dir, onerror=unreadable):
        prefix = Path(folder).relative_to(site_dir).as_posix() + "/"
        found.extend(name if prefix == "./" else prefix + name for name in names)
    return sorted(found)


def _asset_problems(site_dir: Path, edition: Edition, folder: str = "") -> list[Problem]:
    """The engine's assets: required at the site's root; in a language's folder, equal where a host writes them."""
    found: list[Problem] = []
    if edition is Edition.STUDENT:
        for name in INSTRUCTOR_ASSETS:
            published = site_dir / folder / ASSET_DIR / name
            if published.exists():
                found.append(problem(str(published), 0, "V709", f"{ASSET_DIR}/{name} belongs to the instructor edition; publish the student edition (mkdocs build)"))
    for name in ASSETS + (INSTRUCTOR_ASSETS if edition is Edition.INSTRUCTOR else ()):
        published = site_dir / folder / ASSET_DIR / name
        if folder and not published.exists():
            continue  # the pages of a language may use the root's copy
        try:
            same = published.read_bytes() == published_asset(name)
        except OSError:
            found.append(problem(str(published), 0, "V708", f"{ASSET_DIR}/{name} is missing from the site"))
            continue
        if not same:
            found.append(problem(str(published), 0, "V708", f"{ASSET_DIR}/{name} differs from the engine's {name}; publish the site as built"))
    return found


_MARKERS = tuple(marker.encode() for marker in QUIZ_MARKERS)


def _first_marker(data: bytes, start: int, end: int) -> tuple[int, bytes] | None:
    """Where the first quiz marker in ``data[start:end]`` is, and which; ``bytes.find`` runs at memory speed."""
    found = [(at, marker) for marker in _MARKERS if (at := data.find(marker, start, end)) >= 0]
    return min(found) if found else None

_OPEN_TAG = re.compile(rb"<section\b[^>]*?" + QUIZ_ID.encode() + rb"""\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


_INSTRUCTOR_MARK = INSTRUCTOR_MARK.encode()


class _PageChecker:
    """Checks one built file at a time against the quizzes expected on it."""

    def __init__(self, sources: Callable[[], Mapping[str, Quiz]] | None, notes: _NoteTexts | None = None,
                 hidden: _HiddenPages | None = None) -> None:
        self._load_sources = sources
        self._sources: Mapping[str, Quiz] | None = None
        self._notes = notes
        self._hidden = hidden

    def source(self, quiz_id: str) -> Quiz | None:
        if self._sources is None and self._load_sources is not None:
            self._sources = self._load_sources()
        return (self._sources or {}).get(quiz_id)

    def check(self, path: Path, page: str, expected: list[ExpectedQuiz], student: bool = True) -> list[Problem]:
        try:
            data = path.read_bytes()
        except OSError as error:
            return [problem(str(path), 0, "V705", f"cannot read {page}: {error.strerror or error}")]
        if student:
            mark = data.find(_INSTRUCTOR_MARK)
            if mark != -1:
                # The instructor edition, or a leak of it: say so once, rather than how each quiz differs.
                return [problem(page, data.count(b"\n", 0, mark) + 1, "V709", "holds instructor-only content (from the instructor edition); publish the student edition, built by mkdocs build")]
            leaks = (self._notes.find(data, page) if self._notes is not None else []) + \
                (self._hidden.find(data, page) if self._hidden is not None else [])
            if leaks:
                return leaks
        if not expected and _first_marker(data, 0, len(data)) is None:
            return []  # the common case: a page or asset with no quiz markup
        found: list[Problem] = []
        verified: list[tuple[int, int]] = []  # where the verified blocks are
        for quiz in expected:
            # The rendering as written, or as a host's search leaves it (contract.search_consumed).
            block, start = _find_block(data, quiz)
            if start != -1 and _outside_comment(data, start):
                verified.append((start, start + len(block)))  # a second copy is found as stray markup below
            else:
                found.extend(self._not_verified(quiz, page, data))
        if found:
            return found
        # Every stretch of the file outside the verified blocks must be free of quiz markup.
        outside = 0
        for start, end in [*sorted(verified), (len(data), len(data))]:
            stray = _first_marker(data, outside, start)
            if stray is not None:
                return _stray(page, data, expected, stray, (outside, start))
            outside = end
        return []

    def _not_verified(self, quiz: ExpectedQuiz, page: str, data: bytes) -> list[Problem]:
        """Why ``quiz``'s block is not on its page, once and outside comments: the slow path, counting."""
        count = sum(data.count(form) for form in _forms(quiz))
        if count == 1:
            return [problem(quiz.path, quiz.line, "V706", f"quiz '{quiz.id}' on {page} is inside an HTML comment, so the page does not show it")]
        if count > 1:
            return [_repeated(quiz, page, count)]
        if quiz.kind == ANSWER_KEY:
            return [explain_answer_key(quiz, page, data)]
        return explain_quiz(quiz, page, data, self.source)


def _stray(page: str, data: bytes, expected: list[ExpectedQuiz], stray: tuple[int, bytes],
           stretch: tuple[int, int]) -> list[Problem]:
    """Quiz markup in ``stretch``, outside the verified blocks: a second copy of one of them (V701), or stray (V707)."""
    repeated = [_repeated(quiz, page, count) for quiz in expected
                if (count := sum(data.count(form) for form in _forms(quiz))) > 1]
    if repeated:
        return repeated
    line = data.count(b"\n", 0, stray[0]) + 1
    owner = _OPEN_TAG.search(data, *stretch)
    whose = f" (a copy of quiz '{owner.group(1).decode(errors='replace')}')" if owner else ""
    return [problem(page, line, "V707", f"quiz markup '{stray[1].decode()}' outside the verified quiz blocks{whose}; only the course build may write quiz markup")]


def _forms(quiz: ExpectedQuiz) -> list[bytes]:
    """The forms a block of ``quiz`` may take: as rendered, and as a host's search leaves it."""
    html = quiz.html
    return [form.encode() for form in dict.fromkeys((html, search_consumed(quiz.id, html)))]


def _find_block(data: bytes, quiz: ExpectedQuiz) -> tuple[bytes, int]:
    """The form of ``quiz``'s block that ``data`` holds, and where its first copy starts (-1: neither form)."""
    html = quiz.html
    block = html.encode()
    start = data.find(block)
    if start == -1:
        consumed = search_consumed(quiz.id, html)
        if consumed != html:
            block = consumed.encode()
            start = data.find(block)
    return block, start


def _outside_comment(data: bytes, at: int) -> bool:
    """Tell whether ``at`` is outside every HTML comment: no ``<!--`` before it, or a ``-->`` after the last one."""
    opening = data.rfind(b"<!--", 0, at)
    return opening == -1 or data.find(b"-->", opening, at) != -1


def _repeated(quiz: ExpectedQuiz, page: str, count: int) -> Problem:
    return problem(quiz.path, quiz.line, "V701", f"{quiz.label} appears {count} times on {page}; a quiz belongs once on its page")
