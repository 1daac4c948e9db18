"""A course prepared for a site build: checked, and every quiz rendered for its page.

A build needs three things from the quiz sources: the problems to report, each quiz's page and each
quiz's HTML (in the instructor edition, with its keys, and its answer key). ``prepare_course``
produces them. After the build, ``expected_quizzes`` gives ``verify.verify_site`` the exact HTML each
page must hold.

``start_preparation`` runs ``prepare_course`` in a worker process (``concurrent.futures``) while the
host converts its pages, where forking is safe; elsewhere it runs at once in this process. Nothing is
cached between builds: every build prepares the course from its sources.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
import zlib
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from course_quiz.editions import Edition, answer_key_page
from course_quiz.messages import DEFAULT_LANGUAGE
from course_quiz.problems import Problem, errors

if TYPE_CHECKING:
    from course_quiz.course import Course
    from course_quiz.lessons import Page
    from course_quiz.model import Quiz
    from course_quiz.notes import Note
    from course_quiz.render import QuizRenderer
    from course_quiz.siteconfig import HostSettings
    from course_quiz.verify import ExpectedQuiz

# The loader, checks and renderer are imported where they are used: a build whose preparation runs in
# a worker never loads them in its own process.


@dataclass(frozen=True, slots=True)
class PreparedQuiz:
    """One quiz, ready for its page: the page that places it, its HTML, and its source location.

    ``answer_key`` is its answer key for its lesson's answer-key page (instructor edition only);
    ``stamps`` are its questions' ids and key stamps, for the progress page.

    The HTML is kept compressed (``packed``; ``html`` gives it back): a large course's quizzes come
    from the worker process in one piece and stay in the build's memory until it ends, and their
    markup compresses about tenfold. At N=1000 that is the difference between a build using 1.9 and
    about 1.1 times the memory of one without quizzes (bench/README.md).
    """

    id: str
    page: str  # the Markdown page, relative to the docs folder
    packed: bytes
    path: str
    line: int
    answer_key: str = ""
    stamps: tuple[tuple[str, str], ...] = ()  # (question id, keycodec.key_stamp) in order

    @classmethod
    def of(cls, quiz_id: str, page: str, html: str, path: str, line: int, *, answer_key: str = "",
           stamps: tuple[tuple[str, str], ...] = ()) -> PreparedQuiz:
        """Prepare ``html`` (compressed at the fastest level: this is about memory, not size on disk)."""
        return cls(quiz_id, page, zlib.compress(html.encode(), 1), path, line, answer_key, stamps)

    @property
    def html(self) -> str:
        """The quiz's HTML."""
        return zlib.decompress(self.packed).decode()


@dataclass(frozen=True, slots=True)
class PreparedCourse:
    """Problems and rendered quizzes of a course.

    With errors, ``quizzes`` still holds every quiz that loaded, without its broken questions: a build
    must stop, but ``mkdocs serve`` shows the quizzes that are sound while their author fixes the rest.
    """

    problems: tuple[Problem, ...]
    quizzes: dict[str, PreparedQuiz] = field(hash=False)
    notes: tuple[Note, ...] = ()  # every instructor note, read with the pages (``course.Course.notes``)
    # The pages as loaded (``course.Course.pages``), in the instructor edition only: its notes and answer-key
    # pages are made from them (``editions.instructor_pages``). The student edition does not pay to send them.
    pages: dict[str, Page] = field(default_factory=dict, hash=False)
    # Quiz id to what ``mkdocs serve`` shows for a quiz with errors (``degraded.partial_quiz``).
    partial: dict[str, str] = field(default_factory=dict, hash=False)
    language: str = DEFAULT_LANGUAGE  # the language its quizzes were rendered in
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)  # every language of the course, the default first

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return errors(self.problems)

    def errors_of(self, quiz_id: str) -> list[Problem]:
        """The errors that keep ``quiz_id`` from its page: its file's, or all that no quiz owns if it is unknown.

        A quiz file that cannot be read or parsed yields no quiz, so its errors belong to no quiz id;
        they are shown wherever a quiz cannot be found.
        """
        quiz = self.quizzes.get(quiz_id)
        if quiz is not None:
            return [p for p in self.errors if p.path == quiz.path]
        owned = {q.path for q in self.quizzes.values()}
        return [p for p in self.errors if p.path not in owned]


def prepare_course(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                   edition: Edition = Edition.STUDENT, hosts: HostSettings | None = None, *,
                   check_lock: bool = True, order: Sequence[str] | None = None,
                   language: str = DEFAULT_LANGUAGE) -> PreparedCourse:
    """Check every quiz of a course and render each for its page.

    Args:
        docs_dir: The Markdown pages.
        quizzes_dir: The quiz files (and the lock).
        root: Paths in problems are shown relative to this folder.
        edition: The instructor edition renders each question's key too, and each quiz's answer key.
        hosts: The hosts pages and quizzes may load resources from (``siteconfig``).
        check_lock: Compare keys with the lock (``course verify`` checks a site, not the lock).
        order: The navigation's pages in order: links naming a lesson by number are checked against it.
        language: The language of the build: each quiz is rendered as its pages show it (its translation's
            texts, the language's words, the review titles of the lesson's twin); the keys, and so the key
            stamps, are the same in every language (``translation.localize_quiz``). The whole course is
            checked whatever the language, so every build reports every problem.

    """
    from course_quiz.course import load_course
    from course_quiz.keycodec import quiz_stamps
    from course_quiz.render import QuizRenderer

    renderer = QuizRenderer(instructor=edition is Edition.INSTRUCTOR, language=language)
    quizzes: dict[str, PreparedQuiz] = {}

    def prepare_quiz(quiz: Quiz, lesson: Page | None) -> None:
        titles = lesson.headings if lesson else None
        html = renderer.render(quiz, titles)
        answer_key = renderer.instructor.answer_key(quiz, titles) if renderer.instructor is not None else ""
        quizzes[quiz.id] = PreparedQuiz.of(quiz.id, quiz.lesson, html, quiz.path, quiz.lines.get("id", quiz.line),
                                        answer_key=answer_key, stamps=quiz_stamps(quiz))

    # Each quiz is rendered as soon as it is loaded and checked, then dropped: a large course never
    # holds a model of every question at once.
    course = load_course(docs_dir, quizzes_dir, root=root, check_lock=check_lock, each_quiz=prepare_quiz,
                         keep_quizzes=False, hosts=hosts, order=order, language=language)
    pages = {path: course.page(path, language) or page for path, page in course.pages.items()}
    prepared = PreparedCourse(course.problems, quizzes, course.notes,
                              pages if edition is Edition.INSTRUCTOR else {}, language=language,
                              languages=course.languages)
    if prepared.errors:
        prepared.partial.update(_partial_views(prepared, course, pages, root=root, renderer=renderer, hosts=hosts))
    return prepared


def _partial_views(prepared: PreparedCourse, course: Course, pages: dict[str, Page], *, root: Path | None,
                   renderer: QuizRenderer, hosts: HostSettings | None) -> dict[str, str]:
    """Each quiz with errors as ``mkdocs serve`` shows it: read again (few files), sound questions rendered.

    In the language of the build: the quiz is localized with the translations the course read.
    """
    from course_quiz.course import source_path
    from course_quiz.degraded import partial_quiz
    from course_quiz.loader import load_quiz_file
    from course_quiz.translation import localize_quiz

    views: dict[str, str] = {}
    for quiz_id, prepared_quiz in prepared.quizzes.items():
        problems = prepared.errors_of(quiz_id)
        if not problems:
            continue
        quiz, _ = load_quiz_file(source_path(prepared_quiz.path, root), prepared_quiz.path,
                                 hosts.allowed if hosts else frozenset())
        if quiz is not None:
            translations = [found for by_id in course.translations.values() if (found := by_id.get(quiz_id))]
            quiz = localize_quiz(quiz, course.translations.get(prepared.language, {}).get(quiz_id), translations)
            lesson = pages.get(quiz.lesson)
            views[quiz_id] = partial_quiz(renderer, quiz, problems, lesson.headings if lesson else None)
    return views


def start_preparation(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                      edition: Edition = Edition.STUDENT, hosts: HostSettings | None = None, *,
                      order: Sequence[str] | None = None, language: str = DEFAULT_LANGUAGE) -> Future[PreparedCourse]:
    """Start preparing a course and return at once; the future's ``result()`` waits for it.

    Where forking is safe (Linux, while this process runs a single thread), a worker process prepares
    the course on another core while the caller goes on; its memory goes back to the system when it
    exits. Elsewhere (``mkdocs serve`` runs threads) the course is prepared at once, in this process.
    """
    if not _can_fork():
        done: Future[PreparedCourse] = Future()
        done.set_result(prepare_course(docs_dir, quizzes_dir, root, edition, hosts, order=order, language=language))
        return done
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    # The worker is forked by this first submit. Freezing the collector meanwhile keeps a collection in
    # the worker from writing to (and so copying) every page of this process's heap.
    gc.freeze()
    try:
        return executor.submit(prepare_course, docs_dir, quizzes_dir, root, edition, hosts, order=order,
                               language=language)
    finally:
        gc.unfreeze()
        executor.shutdown(wait=False)  # the worker finishes this one task, then exits


def _can_fork() -> bool:
    """Whether forking this process is safe: on Linux, while it runs a single thread.

    macOS offers fork but its system libraries may not survive it (Python no longer forks there by
    default); a process with threads could fork while another thread holds a lock.
    """
    return sys.platform == "linux" and threading.active_count() == 1


def expected_quizzes(prepared: PreparedCourse, written_on: dict[str, str],
                     answer_keys_on: dict[str, str] | None = None) -> list[ExpectedQuiz]:
    """What the built site must hold: each quiz's HTML on the page it was written into.

    In the instructor edition, each quiz's answer key too, on its lesson's answer-key page. The pages
    are those of the language the course was prepared in (``zh/...`` for ``zh``).

    Args:
        prepared: The prepared course the build used.
        written_on: Quiz id to the page (relative to the site) the build wrote it into; a quiz the build
            did not write is expected where MkDocs writes its lesson.
        answer_keys_on: The same for answer keys; one the build did not write is expected where MkDocs
            writes its lesson's answer-key page.

    """
    from course_quiz.verify import ANSWER_KEY, ExpectedQuiz, site_pages_for

    expected = []
    for quiz in prepared.quizzes.values():
        expected.append(ExpectedQuiz(quiz.id, (written_on[quiz.id],) if quiz.id in written_on
                                     else site_pages_for(quiz.page, prepared.language), quiz.packed, quiz.path,
                                     quiz.line))
        if quiz.answer_key:
            written = (answer_keys_on or {}).get(quiz.id)
            expected.append(ExpectedQuiz(quiz.id, (written,) if written else site_pages_for(answer_key_page(quiz.page),
                                                                                            prepared.language),
                                         quiz.answer_key, quiz.path, quiz.line, ANSWER_KEY))
    return expected
