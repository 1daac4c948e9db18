"""The ``course`` command: check, lock, verify, export and count a course, start a new lesson, regrade results.

Problems print one per line as ``path:line:col: CODE message`` (or as JSON with ``check --format
json``). Exit codes: 0 clean, 1 problems, 2 usage error; a usage error is one line on stderr.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import yaml

from course_quiz.course import Course, display, load_course, localize
from course_quiz.editions import Edition
from course_quiz.export.base import QuizSource
from course_quiz.export.formats import FORMATS
from course_quiz.export.formats import export as run_export
from course_quiz.files import write_atomically
from course_quiz.keycodec import quiz_stamps
from course_quiz.keyparity import QuizPages, key_parity
from course_quiz.lessons import instructor_only_pages
from course_quiz.lock import LOCK_NAME, read_lock, render_lock
from course_quiz.messages import DEFAULT_LANGUAGE, LANGUAGES
from course_quiz.model import Quiz
from course_quiz.navfile import NavError, nav_pages
from course_quiz.numbering import lesson_numbers
from course_quiz.prepare import expected_quizzes, prepare_course
from course_quiz.problems import Problem, did_you_mean, errors, has_failures
from course_quiz.progress import quiz_version
from course_quiz.qtypes.short import ShortKey
from course_quiz.results.grading import Which
from course_quiz.results.html import REPORT_HTML, report_html
from course_quiz.results.keys import course_keys
from course_quiz.results.output import GRADEBOOK_CSV, ITEMS_CSV, gradebook_csv, items_csv, report_json, report_text
from course_quiz.results.report import run as run_results
from course_quiz.scaffold import PlannedFile, ScaffoldError, plan_lesson
from course_quiz.siteconfig import CONFIG_NAME, HostSettings, read_host_settings
from course_quiz.stats import course_stats, stats_json, stats_table
from course_quiz.translation import locked_answers
from course_quiz.twins import page_twin_name
from course_quiz.verify import QUIZ, verify_site

_DIR = click.Path(file_okay=False, path_type=Path)
_FILE = click.Path(dir_okay=False, path_type=Path)


class _Course(click.Group):
    """The command group: a usage error is one line (exit 2), a file error one line too (exit 1)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            context = getattr(exc, "ctx", None)
            command = context.command_path if context is not None else "course"
            click.echo(f"{command}: {exc.format_message()} (see '{command} --help')", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("course: interrupted", err=True)
            sys.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"course: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _report(problems: Sequence[Problem], strict: bool) -> int:
    for found in problems:
        click.echo(found.format())
    error_count = len(errors(problems))
    warnings = len(problems) - error_count
    failed = has_failures(list(problems), strict)
    if problems:
        note = " (warnings count as errors with --strict)" if warnings and strict else ""
        click.echo(f"{error_count} error(s), {warnings} warning(s){note}", err=True)
    return 1 if failed else 0


def _hosts() -> HostSettings:
    """The allowed hosts, from mkdocs.yml in the course's folder (the plugin's ``allowed_hosts``)."""
    return read_host_settings(Path(CONFIG_NAME), CONFIG_NAME)


def _load(docs: Path, quizzes: Path, check_lock: bool = True, order: list[str] | None = None) -> Course:
    return load_course(docs, quizzes, root=Path.cwd(), check_lock=check_lock, hosts=_hosts(), order=order)


def _load_without_errors(docs: Path, quizzes: Path, refusal: str, check_lock: bool = False) -> Course:
    """Load the course for a command that needs clean sources; report and exit 1 otherwise."""
    course = _load(docs, quizzes, check_lock=check_lock)
    if course.errors:
        _report(course.errors, strict=False)
        click.echo(refusal, err=True)
        sys.exit(1)
    return course


def _course_folders(command: Callable[..., None]) -> Callable[..., None]:
    """The --docs and --quizzes options every command takes."""
    command = click.option("--quizzes", "quizzes", type=_DIR, default=Path("quizzes"), show_default=True,
                           help="Quiz files.")(command)
    return click.option("--docs", "docs", type=_DIR, default=Path("docs"), show_default=True,
                        help="Markdown pages.")(command)


def _config_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option("--config", "config", type=_FILE, default=Path("mkdocs.yml"), show_default=True,
                        help=help_text)


def _lesson_order(config: Path) -> list[str]:
    """The pages of mkdocs.yml's nav in order; empty (order by path) when there is none or it cannot be read."""
    try:
        return nav_pages(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, NavError):
        return []


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal and not under CI; otherwise nothing is shown."""
    if total > 1 and sys.stderr.isatty() and not os.environ.get("CI"):
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield lambda: bar.update(1)
    else:
        yield lambda: None


@click.group(name="course", cls=_Course, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="course-site")
def main() -> None:
    """Check, lock, verify, export and count the course's lessons and quizzes; start a new lesson.

    Run each command from the course's folder (the one with mkdocs.yml). Exit codes: 0 done, 1 problems
    (each printed as path:line:col: CODE message), 2 usage error.

    \b
    Example:
      course check --strict
    """


@main.command()
@_course_folders
@click.option("--strict", is_flag=True, help="Fail on warnings too (as CI does).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one problem per line; json: a list of objects with path, line, column, code, "
                   "severity and message.")
@_config_option("mkdocs.yml, whose nav numbers the lessons (links saying 'lesson N' are checked against it).")
def check(docs: Path, quizzes: Path, strict: bool, output_format: str, config: Path) -> None:
    """Report every problem in the quizzes and lessons, each at its source line.

    \b
    Examples:
      course check --strict
      course check --format json > problems.json
    """
    course = _load(docs, quizzes, order=_lesson_order(config) or None)
    if output_format == "json":
        click.echo(json.dumps([p.as_dict() for p in course.problems], indent=2, ensure_ascii=False))
        sys.exit(1 if has_failures(list(course.problems), strict) else 0)
    sys.exit(_report(course.problems, strict))


@main.command()
@_course_folders
def lock(docs: Path, quizzes: Path) -> None:
    """Record the current answer keys as reviewed, in quizzes/answer-keys.lock.

    A translation's accepted answers of short questions are keys too: each is recorded on a line of
    its own (quiz/question@language).

    \b
    Example:
      course lock
    """
    course = _load_without_errors(docs, quizzes, "not locked: fix the errors above first")
    path = quizzes / LOCK_NAME
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    translated = {language: [locked_answers(course.quizzes[quiz_id], found) for quiz_id, found in by_id.items()]
                  for language, by_id in course.translations.items()}
    new = render_lock(list(course.quizzes.values()), translated)
    if new == old:
        click.echo(f"{path}: already up to date")
        return
    write_atomically(path, new)
    count = sum(len(q.questions) for q in course.quizzes.values())
    extra = sum(len(q.questions) for quizzes in translated.values() for q in quizzes)
    more = f" and {extra} translated short answer lists" if extra else ""
    click.echo(f"{path}: locked {count} answer keys{more}")


@main.command()
@_course_folders
def versions(docs: Path, quizzes: Path) -> None:
    """Print each quiz's version: the digest that students' downloaded results carry.

    \b
    Example:
      course versions
    """
    # The quizzes as pages carry them: a short question's key holds every language's answers.
    course = localize(_load_without_errors(docs, quizzes, "no versions: fix the errors above first"), DEFAULT_LANGUAGE)
    for quiz_id, quiz in sorted(course.quizzes.items()):
        click.echo(f"{quiz_id}\t{quiz_version(quiz_stamps(quiz))}\t{len(quiz.questions)} questions")


@main.command()
@click.argument("site_dir", type=click.Path(path_type=Path))
@_course_folders
@click.option("--edition", type=click.Choice([e.value for e in Edition]), default=Edition.STUDENT.value,
              show_default=True, help="The edition SITE_DIR must be; a student site must hold nothing of the "
              "instructor edition.")
def verify(site_dir: Path, docs: Path, quizzes: Path, edition: str) -> None:
    """Verify a built site: each page holds exactly its quizzes' fresh rendering, and nothing else of quizzes.

    A student site (the default) must also hold no instructor note and nothing else of the instructor
    edition; an instructor site, each quiz with its keys and each answer key.

    \b
    Examples:
      mkdocs build && course verify site
      mkdocs build -f mkdocs-instructor.yml && course verify site-instructor --edition instructor
    """
    chosen = Edition(edition)
    # A fresh rendering of every quiz is what each page must hold, byte for byte: the sources are read,
    # checked and rendered once per language; the model is read again only to explain a block that differs.
    prepared = prepare_course(docs, quizzes, root=Path.cwd(), edition=chosen, hosts=_hosts(), check_lock=False)
    if prepared.errors:
        _report(prepared.errors, strict=False)
        click.echo("cannot verify: the sources have errors", err=True)
        sys.exit(1)
    notes = prepared.notes if chosen is Edition.STUDENT else ()
    # Named by the page they translate: verification looks for each in every language's folder.
    hidden = ([page for page in instructor_only_pages(docs) if page_twin_name(page) is None]
              if chosen is Edition.STUDENT else [])
    problems: list[Problem] = []
    parity: dict[str, dict[str, tuple[str, ...]]] = {}
    for language in prepared.languages:
        in_language = prepared if language == prepared.language else prepare_course(
            docs, quizzes, root=Path.cwd(), edition=chosen, hosts=_hosts(), check_lock=False, language=language)
        expected = expected_quizzes(in_language, {})
        for quiz in expected:
            if quiz.kind == QUIZ:
                parity.setdefault(quiz.id, {})[language] = quiz.pages
        problems += verify_site(
            site_dir, expected, edition=chosen, notes=notes, hidden_pages=hidden, language=language,
            languages=prepared.languages,
            sources=_localized_sources(docs, quizzes, language))
    if len(prepared.languages) > 1 and site_dir.is_dir():
        # Every language's page of a quiz carries the same key, and short answers are the lock's of every language.
        lock_entries, _ = read_lock(quizzes / LOCK_NAME, LOCK_NAME)
        problems += key_parity(site_dir, [QuizPages(quiz_id, pages) for quiz_id, pages in sorted(parity.items())],
                               lock_entries)
    code = _report(problems, strict=True)
    if code == 0:
        count = sum(len(q.stamps) for q in prepared.quizzes.values())
        pages = f" and {len(hidden)} instructor-only pages" if hidden else ""
        extra = (f"without the {len(notes)} instructor notes{pages}" if chosen is Edition.STUDENT
                 else "with their keys and answer keys")
        languages = (f", in {len(prepared.languages)} languages ({', '.join(prepared.languages)}), each page "
                     "with the same keys" if len(prepared.languages) > 1 else "")
        click.echo(f"{site_dir}: {len(prepared.quizzes)} quizzes, {count} questions verified ({chosen} edition, "
                   f"{extra}){languages}")
    sys.exit(code)


def _localized_sources(docs: Path, quizzes: Path, language: str) -> Callable[[], dict[str, Quiz]]:
    """The quizzes as ``language``'s pages show them, loaded when called (to explain a block that differs)."""
    return lambda: localize(_load(docs, quizzes, check_lock=False), language).quizzes


def _sources(course: Course, order: list[str], quiz_ids: Sequence[str],
             language: str = DEFAULT_LANGUAGE) -> list[QuizSource]:
    """The quizzes to export in ``language``, lessons in nav order; every id asked for must exist."""
    for quiz_id in quiz_ids:
        if quiz_id not in course.quizzes:
            raise click.BadParameter(f"no quiz '{quiz_id}'{did_you_mean(quiz_id, course.quizzes)}; quizzes are "
                                     f"{', '.join(sorted(course.quizzes))}", param_hint="--quiz")
    rank = {path: index for index, path in enumerate(order)}
    numbers = lesson_numbers(order)
    # The quizzes as the language's pages show them: its texts, the sources' keys (short answers: its own).
    localized = localize(course, language)
    chosen = [quiz for quiz in localized.quizzes.values() if not quiz_ids or quiz.id in quiz_ids]
    chosen.sort(key=lambda quiz: (rank.get(quiz.lesson, len(rank)), quiz.lesson, quiz.path))
    return [QuizSource(_only_own_answers(quiz), course.page(quiz.lesson, language), numbers.get(quiz.lesson),
                       language) for quiz in chosen]


def _only_own_answers(quiz: Quiz) -> Quiz:
    """An exported quiz accepts a short question's answers of its language only (an LMS holds one language)."""
    return replace(quiz, questions=tuple(replace(q, key=replace(q.key, other_accepted=()))
                                         if isinstance(q.key, ShortKey) else q for q in quiz.questions))


@main.command("export")
@_course_folders
@click.option("--format", "format_name", type=click.Choice(list(FORMATS)), required=True,
              help="gift: Moodle; qti: a QTI 1.2 zip for Canvas; csv and markdown: answer sheets for instructors.")
@click.option("--quiz", "quiz_ids", multiple=True, metavar="ID",
              help="Export only this quiz; repeat for more. Default: every quiz.")
@click.option("-o", "--output", type=_FILE, required=True, help="The file to write (replaced if it exists).")
@click.option("--language", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
              help="The language of the texts: a translated quiz's texts and short answers (keys stay the sources').")
@_config_option("mkdocs.yml, whose nav orders the lessons.")
def export_command(*, docs: Path, quizzes: Path, format_name: str, quiz_ids: tuple[str, ...], output: Path,
                   config: Path, language: str) -> None:
    """Export quizzes for an LMS (GIFT for Moodle, QTI for Canvas) or as an answer sheet (CSV, Markdown).

    The export is read back and compared with its source before it is written; if it would not read
    back the same, nothing is written. What a format cannot carry (ordering questions, hints, units) is
    listed as notes and named in the file.

    \b
    Examples:
      course export --format gift -o moodle.gift
      course export --format qti --quiz soft-power -o canvas.zip
      course export --format csv -o answers.csv
      course export --format gift --language zh -o moodle-zh.gift
    """
    fmt = FORMATS[format_name]
    course = _load(docs, quizzes)
    if language not in course.languages:
        raise click.BadParameter(f"the course has no {language} translation (it has {', '.join(course.languages)})",
                                 param_hint="--language")
    sources = _sources(course, _lesson_order(config), quiz_ids, language)
    if course.errors:
        _report(course.errors, strict=False)
        click.echo("not exported: fix the errors above first (after reviewing a key change, run `course lock`)",
                   err=True)
        sys.exit(1)
    with _progress(len(sources), f"Exporting {fmt.title}") as step:
        written = run_export(fmt, sources, step)
    for found in written.notes:
        click.echo(found.format(), err=True)
    if written.problems:
        _report(written.problems, strict=False)
        click.echo(f"not exported: {fmt.title} cannot hold the course exactly (see above); {output} is unchanged",
                   err=True)
        sys.exit(1)
    write_atomically(output, written.data)
    count = sum(len(source.quiz.questions) for source in sources)
    notes = f"; {len(written.notes)} note(s) above" if written.notes else ""
    click.echo(f"{output}: {count} questions from {len(sources)} quizzes, {fmt.title}, read back and "
               f"verified{notes}")


@main.command()
@_course_folders
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--language", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
              help="The language of the titles and objectives; counts the texts still to translate.")
@_config_option("mkdocs.yml, whose nav orders the lessons.")
def stats(docs: Path, quizzes: Path, as_json: bool, config: Path, language: str) -> None:
    """Per lesson: questions by type and level, objectives with the questions that assess them, minutes.

    With --language, titles and objectives in that language, and the texts still to translate.

    \b
    Examples:
      course stats
      course stats --json > stats.json
      course stats --language zh
    """
    course = _load_without_errors(docs, quizzes, "no statistics: fix the errors above first")
    if language not in course.languages:
        raise click.BadParameter(f"the course has no {language} translation (it has {', '.join(course.languages)})",
                                 param_hint="--language")
    found = course_stats(course, _lesson_order(config), language)
    click.echo(stats_json(found) if as_json else stats_table(found), nl=as_json)


_RESULT_FILES = {"text": ("results.txt",), "json": ("results.json",), "csv": (GRADEBOOK_CSV, ITEMS_CSV),
                 "html": (REPORT_HTML,)}


def _config_value(config: Path, name: str) -> str | None:
    """A top-level scalar of mkdocs.yml (read line by line: the file may hold tags only MkDocs loads)."""
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(rf"^{name}:[ \t]*(.+?)[ \t]*$", text, re.MULTILINE)
    if match is None:
        return None
    try:
        value = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    return value if isinstance(value, str) else None


def _forbidden_output(output: Path, docs: Path, config: Path) -> str | None:
    """Why results (personal data) must not be written to ``output``: inside the docs or a built site."""
    target = output.resolve()
    sites = {"site", "site-instructor", _config_value(config, "site_dir") or "site"}
    for folder, what in [(docs, "the docs folder"), *((Path(s), "a built site") for s in sorted(sites))]:
        if target.is_relative_to(folder.resolve()):
            return f"{output} is inside {what} ({folder}), which is published"
    for folder in (target, *target.parents):
        if (folder / "index.html").is_file() and ((folder / "sitemap.xml").is_file()
                                                  or (folder / "search" / "search_index.json").is_file()):
            return f"{output} is inside a built site ({folder}), which is published"
    return None


@main.command("results")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path(path_type=Path))
@_course_folders
@_config_option("mkdocs.yml: the course's title (site_name), which results files name, and the lessons' order.")
@click.option("-o", "--output", type=_DIR, help="The folder to write into (created if needed). Needed for csv "
              "and html; text and json print to the terminal without it. Never inside docs or a built site.")
@click.option("--format", "output_format", type=click.Choice(list(_RESULT_FILES)), default="text",
              show_default=True, help="text: a summary; json: every number, for other tools; csv: gradebook.csv "
              "and items.csv; html: report.html, one self-contained page with charts.")
@click.option("--attempt", type=click.Choice([w.value for w in Which]), default=Which.FIRST.value,
              show_default=True, help="Grade each student's first checked response to each question, or the last.")
def results_command(*, paths: tuple[Path, ...], docs: Path, quizzes: Path, config: Path, output: Path | None,
                    output_format: str, attempt: str) -> None:
    """Regrade students' downloaded results from the sources: gradebook and item analysis.

    PATH is a results file (the JSON the "My progress" page downloads) or a folder of them; give any
    number. Every response is checked again against today's keys; a file's own verdicts are only
    compared (an edited file shows). Each bad file is one line (and exit 1); the others are still read.

    \b
    Examples:
      course results collected/
      course results collected/ --format html -o ~/grading/term1
      course results collected/ --format csv -o ~/grading/term1 --attempt last
    """
    if output is None and output_format in ("csv", "html"):
        raise click.UsageError(f"--format {output_format} writes files: give the folder with -o DIR")
    if output is not None:
        refusal = _forbidden_output(output, docs, config)
        if refusal:
            raise click.UsageError(f"{refusal}; results are personal data: write them elsewhere")
    # Regraded against the keys the pages carry, every language's short answers included.
    course = localize(_load_without_errors(docs, quizzes, "cannot regrade: fix the errors in the sources first"),
                      DEFAULT_LANGUAGE)
    title = _config_value(config, "site_name")
    if title is None:
        raise click.UsageError(f"{config} names no site_name, the course title results files carry; see --config")
    rank = {path: index for index, path in enumerate(_lesson_order(config))}
    ordered = sorted(course.quizzes.values(), key=lambda quiz: (rank.get(quiz.lesson, len(rank)), quiz.lesson, quiz.id))
    report = run_results(paths, course_keys(title, ordered), Which(attempt))
    for found in report.problems:
        click.echo(found.format(), err=True)
    writers: dict[str, Callable[[], tuple[str, ...]]] = {
        "text": lambda: (report_text(report),), "json": lambda: (report_json(report),),
        "csv": lambda: (gradebook_csv(report), items_csv(report)), "html": lambda: (report_html(report),)}
    written = writers[output_format]()
    if output is None:
        click.echo(written[0], nl=False)
    else:
        for name, text in zip(_RESULT_FILES[output_format], written, strict=True):
            write_atomically(output / name, text)
            click.echo(f"{output / name}: written", err=True)
    if report.problems:
        click.echo(f"{len(report.problems)} problem(s) in the results files (above); the others were read", err=True)
    sys.exit(1 if report.problems else 0)


@main.group()
def new() -> None:
    """Start new course material from a template.

    \b
    Example:
      course new lesson "Open models in education"
    """


def _write_new_files(planned: Sequence[PlannedFile]) -> None:
    """Write every planned file atomically, new files first; if one fails, remove the ones already created."""
    created: list[Path] = []
    try:
        for item in planned:
            if not item.exists and (item.path.exists() or item.path.is_symlink()):
                raise FileExistsError(17, "already exists; nothing is overwritten", str(item.path))
            write_atomically(item.path, item.text)
            if not item.exists:
                created.append(item.path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise


@new.command("lesson")
@click.argument("title")
@click.option("--slug", help="File name and quiz id (default: made from the title, as headings' anchors are).")
@_course_folders
@_config_option("mkdocs.yml, whose nav gets the lesson.")
@click.option("--no-nav", is_flag=True, help="Leave mkdocs.yml alone (add the lesson to the nav yourself).")
def new_lesson(*, title: str, slug: str | None, docs: Path, quizzes: Path, config: Path, no_nav: bool) -> None:
    """Write a lesson page, its quiz (one question of every type) and its nav entry.

    Every text to replace starts with "TODO:"; `course check` reports each one (Q310) until it is
    replaced. Nothing is overwritten, and nothing is written if any step would fail.

    \b
    Example:
      course new lesson "Open models in education"
    """
    course = _load(docs, quizzes, check_lock=False)
    try:
        planned = plan_lesson(course, None if no_nav else config, title, slug, root=Path.cwd())
    except ScaffoldError as exc:
        click.echo(f"course new lesson: {exc}", err=True)
        sys.exit(1)
    _write_new_files(planned)
    root = Path.cwd().absolute()
    for item in planned:
        click.echo(f"{display(item.path, root)}: {'added the lesson to the nav' if item.exists else 'written'}")
    click.echo("Next: replace every text starting with 'TODO:' (course check lists them), set each question's "
               "answer, then run course lock and course check --strict.")
