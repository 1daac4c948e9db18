"""A course prepared for a site build: checked, rendered, each quiz's HTML verified, and cached.

A build needs three things from the quiz sources: the problems to report, each quiz's lesson, and each
quiz's HTML. ``prepare_course`` produces them; every rendered quiz is read back and verified against
its source (as ``verify`` does for built pages) before it is used. After the build,
``verify_written`` only has to prove that each page holds exactly that verified HTML, once.

The result is cached under ``cache_dir``, keyed by a digest of every input (quiz files, lock, pages,
engine source), so an unchanged course costs one pass of hashing on the next build. Any change to any
input, or to the engine, misses the cache and prepares everything again. The command-line checker
never uses the cache.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import threading
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from course_quiz.course import load_course
from course_quiz.files import write_atomically
from course_quiz.problems import Problem, Severity
from course_quiz.render import QuizRenderer
from course_quiz.verify import verify_rendered, verify_site

CACHE_FORMAT = 1
_ENGINE_DIR = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class PreparedQuiz:
    """One quiz, ready for its page: where it belongs and its verified HTML.

    The HTML is kept compressed: a large course holds thousands of quizzes for the whole build.
    """

    id: str
    lesson: str
    compressed_html: bytes
    path: str
    line: int

    @property
    def html(self) -> str:
        """The verified HTML of the quiz."""
        return zlib.decompress(self.compressed_html).decode("utf-8")


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
    for old in cache_dir.glob("prepared-*.pickle"):
        old.unlink(missing_ok=True)
    write_atomically(_cache_file(cache_dir, key),
                     lambda stream: pickle.dump(prepared, stream, pickle.HIGHEST_PROTOCOL))
    return prepared


def _cache_file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"prepared-{key[:32]}.pickle"


def _cached(cache_dir: Path, key: str) -> PreparedCourse | None:
    """The prepared course stored under ``key``, if it is there and readable."""
    cache_file = _cache_file(cache_dir, key)
    if not cache_file.is_file():
        return None
    try:
        cached = pickle.loads(cache_file.read_bytes())  # our own file, written by prepare_course
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(cached, PreparedCourse):
        return None
    return PreparedCourse(cached.problems, cached.quizzes, from_cache=True)


def prepare_course_isolated(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                            cache_dir: Path | None = None) -> PreparedCourse:
    """``prepare_course`` in a short-lived forked process, waited for at once.

    Preparing a large course builds a model of every question and then drops it; in the build's own
    process that memory stays reserved for the rest of the build (a third more peak memory at 10,000
    questions). A child process returns it to the system when it exits, and hands back only the
    prepared course (compressed HTML and problems). The work and its timing are the same: errors are
    still reported before MkDocs writes anything. Where forking is not the platform's default, or the
    process already runs threads (``mkdocs serve``), it prepares in-process instead.
    """
    if multiprocessing.get_start_method(allow_none=False) != "fork" or threading.active_count() > 1:
        return prepare_course(docs_dir, quizzes_dir, root, cache_dir)
    context = multiprocessing.get_context("fork")
    if cache_dir is None:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            return pool.submit(_prepare, docs_dir, quizzes_dir, root).result()
    key = _inputs_digest(docs_dir, quizzes_dir, root)
    cached = _cached(cache_dir, key)
    if cached is not None:
        return cached
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_prepare_and_store, docs_dir, quizzes_dir, root, cache_dir, key).result()


def _prepare(docs_dir: Path, quizzes_dir: Path, root: Path | None) -> PreparedCourse:
    course = load_course(docs_dir, quizzes_dir, root=root)
    if course.errors:
        return PreparedCourse(course.problems, {})
    renderer = QuizRenderer()
    problems = list(course.problems)
    quizzes: dict[str, PreparedQuiz] = {}
    for quiz in course.quizzes.values():
        lesson = course.pages.get(quiz.lesson)
        html = renderer.render(quiz, lesson.headings if lesson else None)
        problems.extend(verify_rendered(quiz, html))
        quizzes[quiz.id] = PreparedQuiz(quiz.id, quiz.lesson, zlib.compress(html.encode("utf-8"), 1), quiz.path,
                                        quiz.lines.get("id", quiz.line))
    if any(p.severity is Severity.ERROR for p in problems):
        return PreparedCourse(tuple(problems), {})
    return PreparedCourse(tuple(problems), quizzes)


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
    course = load_course(docs_dir, quizzes_dir, root=root, check_lock=False)
    # A page that differs only in form (another plugin reformatted it) passes the full verification.
    return verify_site(site_dir, course.quizzes.values(), pages, pages=_existing(site_dir, pages.values()))


def _pages_hold(site_dir: Path, by_page: Mapping[str, list[PreparedQuiz]]) -> bool:
    """Whether every page holds each of its quizzes' verified HTML exactly once.

    Pages are read one at a time: a large site's pages together would double the build's memory.
    """
    if "" in by_page:
        return False  # a quiz that was never placed
    for page, quizzes in by_page.items():
        try:
            text = (site_dir / page).read_text(encoding="utf-8")
        except OSError:
            return False
        if any(text.count(quiz.html) != 1 for quiz in quizzes):
            return False
    return True


def _existing(site_dir: Path, pages: Iterable[str]) -> list[Path]:
    return sorted({site_dir / page for page in pages if (site_dir / page).is_file()})
