"""Loads a whole course (quiz files and Markdown pages) and runs every check in one pass."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from course_quiz.files import source_files
from course_quiz.lessons import Page, read_page
from course_quiz.loader import claimed_quiz_ids, load_quiz_file
from course_quiz.lock import LOCK_NAME, LockChecker
from course_quiz.messages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from course_quiz.model import Quiz
from course_quiz.notes import NOTE_TYPE, Note, page_notes
from course_quiz.numbering import lesson_link_problems, lesson_numbers
from course_quiz.placeholders import page_placeholders, quiz_placeholders
from course_quiz.problems import Problem, did_you_mean, errors, problem
from course_quiz.references import ReferenceChecker
from course_quiz.siteconfig import HostSettings
from course_quiz.teaching import TrueFalseBalance, teaching_problems
from course_quiz.thirdparty import page_problems as thirdparty_problems
from course_quiz.thirdparty import stylesheet_problems as thirdparty_stylesheet_problems
from course_quiz.translation import (
    QuizTranslation,
    localize_quiz,
    locked_answers,
    read_translation,
    translated_wording_problems,
    translation_name,
)
from course_quiz.twins import page_twin_name, twin_problems

QUIZ_SUFFIXES = (".yml", ".yaml")
QuizHandler = Callable[[Quiz, Page | None], None]


@dataclass(frozen=True)
class Course:
    """Everything loaded from one course, with every problem found.

    Attributes:
        quizzes: Quizzes by id (the first file wins when an id is repeated; that is reported).
        pages: Pages by path relative to the docs folder.
        problems: All problems, sorted by file and line.
        notes: Every instructor note, by page then line, read with the pages and their twins (a student
            build's verification looks for their text in every language).
        languages: The languages of the course, the default (the sources') first: those of the quiz
            translations and page twins found (``translation``).
        translations: Each language's quiz translations, by quiz id.
        twins: Each language's pages (``x.zh.md``), by the path of the page they translate (``x.md``).

    """

    docs_dir: Path
    quizzes_dir: Path
    quizzes: dict[str, Quiz] = field(hash=False)
    pages: dict[str, Page] = field(hash=False)
    problems: tuple[Problem, ...] = ()
    notes: tuple[Note, ...] = ()
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    translations: dict[str, dict[str, QuizTranslation]] = field(default_factory=dict, hash=False)
    twins: dict[str, dict[str, Page]] = field(default_factory=dict, hash=False)

    @property
    def errors(self) -> list[Problem]:
        """The problems that fail every check."""
        return errors(self.problems)

    def page(self, path: str, language: str = DEFAULT_LANGUAGE) -> Page | None:
        """The page ``path`` (relative to docs/) as ``language`` has it: its twin, else the page itself."""
        return self.twins.get(language, {}).get(path) or self.pages.get(path)


def localize(course: Course, language: str) -> Course:
    """``course`` as the pages of ``language`` show it: every quiz localized (``translation.localize_quiz``).

    Texts are the translation's where one is given (English where it is missing); ids and keys are the
    source's, except short questions' accepted answers, which are the translation's. Every language's
    short answers are carried in ``other_accepted``, so that the pages of every language share one key.
    """
    translations = course.translations.get(language, {}) if language != DEFAULT_LANGUAGE else {}
    quizzes = {quiz_id: localize_quiz(quiz, translations.get(quiz_id), _translations_of(course, quiz_id))
               for quiz_id, quiz in course.quizzes.items()}
    return replace(course, quizzes=quizzes)


def _translations_of(course: Course, quiz_id: str) -> list[QuizTranslation]:
    return [found for by_id in course.translations.values() if (found := by_id.get(quiz_id)) is not None]


def display(path: Path, root: Path | None) -> str:
    """Name ``path`` relative to ``root`` when it lies below it, for short clickable messages.

    ``root`` should be absolute (``load_course`` makes it so); paths are made absolute without
    resolving links, which would cost a system call per part on large courses.
    """
    if root is not None:
        try:
            return path.absolute().relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def source_path(shown: str, root: Path | None) -> Path:
    """The file a path shown in problems names (the inverse of ``display``)."""
    path = Path(shown)
    return root / path if root is not None and not path.is_absolute() else path


def load_course(docs_dir: Path, quizzes_dir: Path, root: Path | None = None, check_lock: bool = True, *,
                each_quiz: QuizHandler | None = None, keep_quizzes: bool = True,
                hosts: HostSettings | None = None, order: Sequence[str] | None = None,
                language: str = DEFAULT_LANGUAGE) -> Course:
    """Load and check a course.

    Args:
        docs_dir: The Markdown pages (MkDocs' ``docs_dir``).
        quizzes_dir: The quiz files; the lock lives here too.
        root: Paths in problems are shown relative to this folder (usually the project root).
        check_lock: Compare keys with ``answer-keys.lock`` (off for ``course lock`` itself).
        each_quiz: Called with each quiz that owns its id (the first file to use it) and its lesson
            page, as soon as the quiz is loaded and checked, before the course is complete.
        keep_quizzes: Keep the quizzes in ``Course.quizzes``. With ``each_quiz`` doing the work, a large
            course need not hold every question in memory at once: pages are read first, then each
            quiz file is loaded, checked against them, handed over and dropped.
        hosts: The hosts pages and quiz text may load resources from (``siteconfig``; default: none),
            and the problems of that setting, which are reported with the course's.
        order: The pages in the navigation's order, which numbers the lessons; given, every link whose
            text names a lesson by number is checked against it (W410). ``None``: not checked.
        language: The language ``each_quiz`` is given quizzes and lesson pages in (``localize``): a build
            of one language renders them so. ``Course.quizzes`` are the sources whatever it is.

    Translations (``quizzes/<stem>.<language>.yml``) are read beside their quizzes and checked against
    them (``translation``); a translation of a quiz file that did not load is not read (its file's
    problems say why). Page twins (``docs/x.zh.md``) are read like pages and checked against their page.

    """
    root = root.absolute() if root is not None else None
    hosts = hosts or HostSettings()
    problems: list[Problem] = list(hosts.problems)
    notes: list[Note] = []
    pages, twins = _load_pages(docs_dir, root, problems, notes, hosts)
    problems.extend(_stylesheet_problems(docs_dir, root, hosts))
    problems.extend(_snippet_problems(hosts.snippets, root, hosts.allowed))
    if order is not None:
        # A translated page's links are written as in English (x.md), so they name the same lessons.
        every_page = [*pages.values(), *(twin for by_page in twins.values() for twin in by_page.values())]
        links = {page.path: (page.display_path, page.lesson_links) for page in every_page if page.lesson_links}
        problems.extend(lesson_link_problems(links, lesson_numbers(order)))
    true_false = TrueFalseBalance()
    lock: LockChecker | None = None
    if check_lock and quizzes_dir.is_dir():
        lock_path = quizzes_dir / LOCK_NAME
        lock = LockChecker(lock_path, display(lock_path, root))
    references = ReferenceChecker(pages, frozenset(lock.entries or ()) if lock is not None else frozenset())
    languages: set[str] = set(twins)
    translations: dict[str, dict[str, QuizTranslation]] = {}
    lock_problems: list[Problem] = []
    by_id: dict[str, Quiz] = {}
    if not quizzes_dir.is_dir():
        problems.append(problem(display(quizzes_dir, root), 0, "Q100", "quizzes folder does not exist; create it or point the checker at the right folder"))
    else:
        paths, surprises = source_files(quizzes_dir, QUIZ_SUFFIXES)
        problems.extend(problem(display(path, root), 0, "Q100", f"{path.name} {reason}") for path, reason in surprises)
        sources, translation_paths = _split_translations(paths, root, problems)
        languages.update(language for found in translation_paths.values() for language in found)
        for path in sources:
            quiz, found = load_quiz_file(path, display(path, root), hosts.allowed)
            problems.extend(found)
            if quiz is None:
                # Its placements are not reported as missing quizzes: the file's own problems say why; its
                # translations are not read.
                references.add_unloaded(claimed_quiz_ids(path))
                continue
            owns_id = quiz.id not in references.owners
            problems.extend(references.add(quiz))
            problems.extend(teaching_problems(quiz))
            if owns_id:
                true_false.add(quiz)
            problems.extend(quiz_placeholders(quiz))
            of_quiz = _read_translations(quiz, path, translation_paths.get(path.stem, {}), sorted(languages),
                                         root=root, hosts=hosts, problems=problems)
            if lock is not None:
                lock_problems.extend(lock.add(quiz))
                for translated in of_quiz.values():
                    lock_problems.extend(lock.add(locked_answers(quiz, translated), translated.language))
            if owns_id:
                for found_language, translated in of_quiz.items():
                    translations.setdefault(found_language, {})[quiz.id] = translated
            if owns_id and each_quiz is not None:
                shown = localize_quiz(quiz, of_quiz.get(language), of_quiz.values())
                each_quiz(shown, twins.get(language, {}).get(quiz.lesson) or pages.get(quiz.lesson))
            if owns_id and keep_quizzes:
                by_id[quiz.id] = quiz
    problems.extend(references.finish())
    # A file whose quiz id another file holds is compared with the lock under an id that is not its own.
    shadowed = references.shadowed_paths()
    problems.extend(p for p in lock_problems if p.path not in shadowed)
    problems.extend(true_false.finish())
    if lock is not None:
        # A question left out for an error is not gone: report stale lock lines only from clean sources.
        problems.extend(lock.finish(report_stale=not errors(problems)))
    problems.extend(twin_problems(pages, twins, languages))
    ordered = tuple(sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.message)))
    return Course(docs_dir, quizzes_dir, by_id, pages, ordered, tuple(notes),
                  (DEFAULT_LANGUAGE, *sorted(languages)), translations, twins)


def _split_translations(paths: list[Path], root: Path | None, problems: list[Problem],
                        ) -> tuple[list[Path], dict[str, dict[str, Path]]]:
    """The quiz files, and the translations by source stem and language (``<stem>.<language>.yml``).

    A translation in a language the engine has no words for, or of no quiz file, is Q120.
    """
    stems = {path.stem for path in paths if translation_name(path) is None}
    sources: list[Path] = []
    found: dict[str, dict[str, Path]] = {}
    for path in paths:
        named = translation_name(path)
        if named is None:
            sources.append(path)
            continue
        stem, language = named
        shown = display(path, root)
        if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
            problems.append(problem(shown, 0, "Q120", f"'{language}' is not a language the course engine can build (it has {', '.join(LANGUAGES)}); name the file {stem}.<language>.yml with one of them"))
        elif stem not in stems:
            problems.append(problem(shown, 0, "Q120", f"translation of a quiz file that does not exist ({path.with_name(stem + path.suffix).name}); name it after the quiz it translates{did_you_mean(stem, stems)}"))
        else:
            found.setdefault(stem, {})[language] = path
    return sources, found


def _read_translations(quiz: Quiz, path: Path, paths: dict[str, Path], languages: list[str], *, root: Path | None,
                       hosts: HostSettings, problems: list[Problem]) -> dict[str, QuizTranslation]:
    """The translations of ``quiz`` that read (problems added); W411 for each language of the course it lacks."""
    read: dict[str, QuizTranslation] = {}
    for language in languages:
        translation_path = paths.get(language)
        if translation_path is None:
            expected = path.with_name(f"{path.stem}.{language}{path.suffix}").name
            problems.append(problem(quiz.path, 0, "W411", f"quiz '{quiz.id}' has no {LANGUAGE_NAMES[language]} translation ({expected}); its English text is shown on the {language} pages"))
            continue
        translated, found = read_translation(translation_path, display(translation_path, root), language, quiz,
                                             hosts.allowed)
        problems.extend(found)
        if translated is not None:
            read[language] = translated
            problems.extend(translated_wording_problems(quiz, translated))
    return read


def _stylesheet_problems(docs_dir: Path, root: Path | None, hosts: HostSettings) -> list[Problem]:
    """Q502 for each stylesheet of the site (under the docs folder) that loads from another host (a web font, say)."""
    if not docs_dir.is_dir():
        return []
    found: list[Problem] = []
    for path in source_files(docs_dir, (".css",), hosts.excluded)[0]:  # surprises: the site build reports them
        try:
            css = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if "//" in css:
            found.extend(thirdparty_stylesheet_problems(display(path, root), css, hosts.allowed))
    return found


def _snippet_problems(snippets: tuple[Path, ...], root: Path | None, allowed_hosts: frozenset[str]) -> list[Problem]:
    """Q502 for the files pymdownx.snippets appends to every page, checked as pages are."""
    found: list[Problem] = []
    for path in snippets:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # pymdownx.snippets reports a file it cannot read in the build
        found.extend(thirdparty_problems(display(path, root), text, allowed_hosts))
    return found


def _load_pages(docs_dir: Path, root: Path | None, problems: list[Problem], notes: list[Note],
                hosts: HostSettings) -> tuple[dict[str, Page], dict[str, dict[str, Page]]]:
    """Every Markdown page of the site, by path relative to ``docs_dir``; problems and notes are added to the lists.

    The pages MkDocs leaves out of the site (``exclude_docs``) are not read. A page's twin in another
    language (``x.zh.md``) is read the same way and returned apart: by language, then the page it translates.
    """
    pages: dict[str, Page] = {}
    twins: dict[str, dict[str, Page]] = {}
    if not docs_dir.is_dir():
        problems.append(problem(display(docs_dir, root), 0, "Q100", "docs folder does not exist"))
        return pages, twins
    paths, surprises = source_files(docs_dir, (".md",), hosts.excluded)
    problems.extend(problem(display(path, root), 0, "Q100", f"{path.name} {reason}") for path, reason in surprises)
    for path in paths:
        relative = path.relative_to(docs_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(problem(display(path, root), 0, "Q100", f"cannot read page: {exc}"))
            continue
        page, found = read_page(relative, display(path, root), text, hosts.toc)
        twin_of = page_twin_name(relative)
        if twin_of is not None:
            twins.setdefault(twin_of[1], {})[twin_of[0]] = page
        else:
            pages[relative] = page
        problems.extend(found)
        problems.extend(page_placeholders(page.display_path, text))
        problems.extend(thirdparty_problems(page.display_path, text, hosts.allowed))
        if NOTE_TYPE in text:
            notes.extend(page_notes(relative, page.display_path, text))
    return pages, twins
