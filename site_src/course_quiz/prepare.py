"""A course prepared for a site build: checked, rendered, each quiz's HTML verified, and cached.

A build needs three things from the quiz sources: the problems to report, each quiz's lesson, and each
quiz's HTML. ``prepare_course`` produces them; every rendered quiz is read back and verified against
its source (as ``verify`` does for built pages) before it is used. After the build,
``verify_written`` only has to prove that each page holds exactly that verified HTML, once.

A build calls ``start_preparation``, which does the work in a forked child process on another core
while MkDocs converts the pages, quiz by quiz so that no model of every question is ever held, and
waits for ``Preparation.result`` before it writes anything. Where forking is unsafe it prepares in
its own process (``prepare_course``).

The result is cached under ``cache_dir``, keyed by a digest of every input (quiz files, lock, pages,
engine source), so an unchanged course costs one pass of hashing on the next build. Any change to any
input, or to the engine, misses the cache and prepares everything again. The command-line checker
never uses the cache.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

from course_quiz.files import write_atomically
from course_quiz.problems import Problem, Severity

if TYPE_CHECKING:
    from course_quiz.lessons import Page
    from course_quiz.model import Quiz

# The loader, checks, renderer and verifier are imported where they are used: a build that forks its
# preparation (or finds it cached) never loads them in its own process.

CACHE_FORMAT = 2
_ENGINE_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class PreparedQuiz:
    """One quiz, ready for its page: where it belongs and its verified HTML.

    The HTML is kept compressed: a large course holds thousands of quizzes for the whole build. Its
    opening tag, length and SHA-256 let a written page be checked without decompressing it again.
    """

    id: str
    lesson: str
    compressed_html: bytes
    path: str
    line: int
    opening_tag: bytes = b""
    html_length: int = 0
    html_sha256: bytes = b""

    @classmethod
    def of(cls, quiz_id: str, lesson: str, html: str, path: str, line: int) -> PreparedQuiz:
        """Prepare verified ``html`` for its page."""
        encoded = html.encode("utf-8")
        return cls(quiz_id, lesson, zlib.compress(encoded, 1), path, line, encoded[:encoded.index(b">") + 1],
                   len(encoded), hashlib.sha256(encoded).digest())

    def held_once_by(self, page: bytes) -> bool:
        """Whether ``page`` (UTF-8) holds this quiz's HTML exactly once.

        The opening tag names the quiz, so it must occur once; what follows it must be the HTML.
        """
        start = page.find(self.opening_tag)
        if start < 0 or page.find(self.opening_tag, start + 1) >= 0:
            return False
        return hashlib.sha256(page[start:start + self.html_length]).digest() == self.html_sha256

    @property
    def html(self) -> str:
        """The verified HTML of the quiz."""
        return self.html_bytes.decode("utf-8")

    @property
    def html_bytes(self) -> bytes:
        """The verified HTML of the quiz, encoded as UTF-8."""
        return zlib.decompress(self.compressed_html)


@dataclass(frozen=True, slots=True)
class PreparedCourse:
    """Problems and rendered quizzes of a course; ``quizzes`` is empty when there are errors."""

    problems: tuple[Problem, ...]
    quizzes: dict[str, PreparedQuiz] = field(hash=False)
    from_cache: bool = False

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity is Severity.ERROR]


def _inputs_digest(docs_dir: Path, quizzes_dir: Path, root: Path | None) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{root}\0{docs_dir}\0{quizzes_dir}\0".encode())
    for folder, pattern in ((_ENGINE_DIR, "*.py"), (quizzes_dir, "*"), (docs_dir, "*.md")):
        if not folder.is_dir():
            digest.update(f"missing:{folder}\0".encode())
            continue
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def prepare_course(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                   cache_dir: Path | None = None) -> PreparedCourse:
    """Check, render and verify every quiz of a course, reusing the cache when nothing changed.

    Args:
        docs_dir: The Markdown pages.
        quizzes_dir: The quiz files (and the lock).
        root: Paths in problems are shown relative to this folder.
        cache_dir: Where to keep the prepared course between builds (``None``: no cache).

    """
    if cache_dir is None:
        return _prepare(docs_dir, quizzes_dir, root)
    key = _inputs_digest(docs_dir, quizzes_dir, root)
    return _cached(cache_dir, key) or _prepare_and_store(docs_dir, quizzes_dir, root, cache_dir, key)


def _prepare_and_store(docs_dir: Path, quizzes_dir: Path, root: Path | None, cache_dir: Path,
                       key: str) -> PreparedCourse:
    prepared = _prepare(docs_dir, quizzes_dir, root)
    _store(prepared, _cache_file(cache_dir, key), cache_dir)
    return prepared


def _store(prepared: PreparedCourse, result_file: Path, cache_dir: Path | None) -> None:
    """Write ``prepared`` to ``result_file``; in a cache, drop the entries of earlier inputs first."""
    if cache_dir is not None:
        for old in cache_dir.glob("prepared-*.pickle"):
            if old != result_file:
                old.unlink(missing_ok=True)
    write_atomically(result_file, lambda stream: pickle.dump(prepared, stream, pickle.HIGHEST_PROTOCOL))


def _cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"prepared-{key[:32]}.pickle"


def _cached(cache_dir: Path, key: str) -> PreparedCourse | None:
    """The prepared course stored under ``key``, if it is there and readable."""
    cached = _read_prepared(_cache_file(cache_dir, key))
    return None if cached is None else PreparedCourse(cached.problems, cached.quizzes, from_cache=True)


def _read_prepared(path: Path) -> PreparedCourse | None:
    """A prepared course from ``path`` (our own file, written by this module), if readable."""
    try:
        prepared = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    return prepared if isinstance(prepared, PreparedCourse) else None


class Preparation:
    """A course being prepared, possibly in a forked child process while the build goes on.

    ``start_preparation`` returns one at once; ``result`` waits for the prepared course. Use it as a
    context manager, or call ``cancel``, so that an abandoned preparation does not outlive its build.
    """

    def __init__(self, docs_dir: Path, quizzes_dir: Path, root: Path | None, *,
                 ready: PreparedCourse | None = None, process: BaseProcess | None = None,
                 answer: Connection | None = None, spare_file: Path | None = None) -> None:
        self._inputs = (docs_dir, quizzes_dir, root)
        self._ready = ready
        self._process = process
        self._answer = answer
        self._spare_file = spare_file

    @property
    def in_background(self) -> bool:
        """Whether a child process is (or was) preparing the course."""
        return self._process is not None

    def result(self) -> PreparedCourse:
        """The prepared course, waiting for the child process if it is still working.

        Should the child fail (killed, out of memory, a bug that raised), the course is prepared again
        in this process, so a real error is raised here with its traceback instead of being lost.
        """
        if self._ready is not None:
            return self._ready
        prepared: PreparedCourse | None = None
        if self._process is not None:
            self._process.join()
            where = self._where_stored()
            if self._process.exitcode == 0 and where is not None:
                stored = _read_prepared(where[0])
                if stored is not None:
                    prepared = PreparedCourse(stored.problems, stored.quizzes, from_cache=where[1])
            self._discard_spare_file()
        if prepared is None:
            prepared = _prepare(*self._inputs)
        self._ready = prepared
        return prepared

    def cancel(self) -> None:
        """Stop a child that is still working (the build failed for another reason)."""
        if self._process is not None and self._ready is None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._discard_spare_file()

    def _where_stored(self) -> tuple[Path, bool] | None:
        """The file the child stored the course in, and whether it came from the cache."""
        if self._answer is None:
            return None
        try:
            if not self._answer.poll():
                return None
            path, from_cache = self._answer.recv()
        except (EOFError, OSError, pickle.UnpicklingError, ValueError, TypeError):
            return None
        finally:
            self._answer.close()
            self._answer = None
        return Path(path), bool(from_cache)

    def _discard_spare_file(self) -> None:
        if self._spare_file is not None:
            self._spare_file.unlink(missing_ok=True)

    def __enter__(self) -> Preparation:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()


def start_preparation(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                      cache_dir: Path | None = None) -> Preparation:
    """Start preparing a course and return at once; ``Preparation.result`` waits for it.

    A forked child process does all of it on another core while the caller goes on (MkDocs reads and
    converts its pages meanwhile): it hashes the inputs, reads the cache, or else checks, renders and
    verifies the course and writes the cache. It hands back the prepared course through a file (the
    cache file, or a temporary file when there is no cache) and only the file's name through a pipe. Its
    memory (a model of every question) goes back to the system when it exits.

    Where forking is unsafe (not Linux, or the process already runs threads, as ``mkdocs serve`` does),
    the course is prepared at once in this process.
    """
    if not _can_fork():
        return Preparation(docs_dir, quizzes_dir, root,
                           ready=prepare_course(docs_dir, quizzes_dir, root, cache_dir))
    spare_file: Path | None = None
    if cache_dir is None:
        handle, name = tempfile.mkstemp(prefix="course-quiz-", suffix=".pickle")
        os.close(handle)
        spare_file = Path(name)
    context = multiprocessing.get_context("fork")
    answer, child_end = context.Pipe(duplex=False)
    process = context.Process(target=_prepare_in_child, args=((docs_dir, quizzes_dir, root), cache_dir,
                                                               spare_file, child_end),
                              name="course-quiz-prepare", daemon=True)  # daemon: ends with a dying build
    # Long-lived objects are frozen out of the collector while forking, so that a collection in the
    # child does not write to (and so copy) every page of the parent's heap.
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    child_end.close()
    return Preparation(docs_dir, quizzes_dir, root, process=process, answer=answer, spare_file=spare_file)


def _can_fork() -> bool:
    """Whether forking this process is safe: on Linux, while it runs a single thread.

    macOS offers fork but its system libraries may not survive it (Python no longer forks there by
    default); a process with threads could fork while another thread holds a lock.
    """
    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _prepare_in_child(inputs: tuple[Path, Path, Path | None], cache_dir: Path | None, spare_file: Path | None,
                      answer: Connection) -> None:
    """The child's work: find or prepare the course, store it, and name the file to the parent."""
    if cache_dir is not None:
        cache_file = _cache_file(cache_dir, _inputs_digest(*inputs))
        if _read_prepared(cache_file) is not None:
            answer.send((str(cache_file), True))
            return
        _store(_prepare(*inputs), cache_file, cache_dir)
        answer.send((str(cache_file), False))
    elif spare_file is not None:
        _store(_prepare(*inputs), spare_file, None)
        answer.send((str(spare_file), False))


def _prepare(docs_dir: Path, quizzes_dir: Path, root: Path | None) -> PreparedCourse:
    from course_quiz.course import load_course
    from course_quiz.render import QuizRenderer
    from course_quiz.verify import verify_rendered

    renderer = QuizRenderer()
    rendering_problems: list[Problem] = []
    quizzes: dict[str, PreparedQuiz] = {}

    def prepare_quiz(quiz: Quiz, lesson: Page | None) -> None:
        html = renderer.render(quiz, lesson.headings if lesson else None)
        rendering_problems.extend(verify_rendered(quiz, html))
        quizzes[quiz.id] = PreparedQuiz.of(quiz.id, quiz.lesson, html, quiz.path, quiz.lines.get("id", quiz.line))

    # Each quiz is rendered and verified as soon as it is loaded and then dropped: the build never holds
    # a model of every question at once (about 14 MB at 10,000 questions).
    course = load_course(docs_dir, quizzes_dir, root=root, each_quiz=prepare_quiz, keep_quizzes=False)
    problems = (*course.problems, *rendering_problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return PreparedCourse(problems, {})
    return PreparedCourse(problems, quizzes)


def verify_written(site_dir: Path, prepared: PreparedCourse, pages: Mapping[str, str], *,
                   docs_dir: Path, quizzes_dir: Path, root: Path | None = None) -> list[Problem]:
    """Prove that each page holds its quiz's verified HTML exactly once.

    Args:
        site_dir: The built site.
        prepared: The prepared course the build used.
        pages: Quiz id to the page (relative to ``site_dir``) it was written into.
        docs_dir: The Markdown pages, to reload the course when a page differs.
        quizzes_dir: The quiz files, likewise.
        root: Paths in problems are shown relative to this folder.

    When a page does not hold the verified HTML (another plugin changed it, or it is missing), the
    course is loaded again and the page is verified in full, so the problems say what differs.

    """
    by_page: dict[str, list[PreparedQuiz]] = {}
    for quiz in prepared.quizzes.values():
        by_page.setdefault(pages.get(quiz.id, ""), []).append(quiz)
    if _pages_hold(site_dir, by_page):
        return []
    from course_quiz.course import load_course
    from course_quiz.verify import verify_site

    course = load_course(docs_dir, quizzes_dir, root=root, check_lock=False)
    # A page that differs only in form (another plugin reformatted it) passes the full verification.
    return verify_site(site_dir, course.quizzes.values(), pages, pages=_existing(site_dir, pages.values()))


def _pages_hold(site_dir: Path, by_page: Mapping[str, list[PreparedQuiz]]) -> bool:
    """Whether every page holds each of its quizzes' verified HTML exactly once.

    Pages are read one at a time: a large site's pages together would double the build's memory. They
    are compared as UTF-8 bytes, as written: in UTF-8 a byte string occurs exactly where its text does,
    and decoding every page would cost more than the comparison.
    """
    if "" in by_page:
        return False  # a quiz that was never placed
    for page, quizzes in by_page.items():
        try:
            data = (site_dir / page).read_bytes()
        except OSError:
            return False
        if not all(quiz.held_once_by(data) for quiz in quizzes):
            return False
    return True


def _existing(site_dir: Path, pages: Iterable[str]) -> list[Path]:
    return sorted({site_dir / page for page in pages if (site_dir / page).is_file()})
