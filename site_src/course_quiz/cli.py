"""The ``course`` command: check, lock and verify a course from the shell (and CI).

Problems print one per line as ``path:line:col: CODE message``. Exit codes: 0 clean, 1 problems,
2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from course_quiz.course import Course, display, load_course
from course_quiz.editions import Edition
from course_quiz.files import write_atomically
from course_quiz.lock import LOCK_NAME, render_lock
from course_quiz.notes import course_notes
from course_quiz.prepare import expected_quizzes, prepare_course
from course_quiz.problems import Problem, Severity, has_failures
from course_quiz.verify import verify_site

_DIR = click.Path(file_okay=False, path_type=Path)


def _report(problems: list[Problem] | tuple[Problem, ...], strict: bool) -> int:
    for found in problems:
        click.echo(found.format())
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    failed = has_failures(list(problems), strict)
    if problems:
        note = " (warnings count as errors with --strict)" if warnings and strict else ""
        click.echo(f"{errors} error(s), {warnings} warning(s){note}", err=True)
    return 1 if failed else 0


def _load(docs: Path, quizzes: Path, check_lock: bool = True) -> Course:
    return load_course(docs, quizzes, root=Path.cwd(), check_lock=check_lock)


def _load_without_errors(docs: Path, quizzes: Path, refusal: str) -> Course:
    """Load the course for a command that needs clean sources; report and exit 1 otherwise."""
    course = _load(docs, quizzes, check_lock=False)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="course-site")
def main() -> None:
    """Check, lock and verify the course's lessons and quizzes."""


@main.command()
@_course_folders
@click.option("--strict", is_flag=True, help="Fail on warnings too (as CI does).")
def check(docs: Path, quizzes: Path, strict: bool) -> None:
    """Report every problem in the quizzes and lessons, each at its source line."""
    course = _load(docs, quizzes)
    sys.exit(_report(course.problems, strict))


@main.command()
@_course_folders
def lock(docs: Path, quizzes: Path) -> None:
    """Record the current answer keys as reviewed, in quizzes/answer-keys.lock."""
    course = _load_without_errors(docs, quizzes, "not locked: fix the errors above first")
    path = quizzes / LOCK_NAME
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = render_lock(list(course.quizzes.values()))
    if new == old:
        click.echo(f"{path}: already up to date")
        return
    write_atomically(path, new)
    count = sum(len(q.questions) for q in course.quizzes.values())
    click.echo(f"{path}: locked {count} answer keys")


@main.command()
@click.argument("site_dir", type=click.Path(path_type=Path))
@_course_folders
@click.option("--edition", type=click.Choice([e.value for e in Edition]), default=Edition.STUDENT.value,
              show_default=True, help="The edition SITE_DIR must be; a student site must hold nothing of the "
              "instructor edition.")
def verify(site_dir: Path, docs: Path, quizzes: Path, edition: str) -> None:
    """Verify a built site: each page holds exactly its quizzes' fresh rendering, and nothing else of quizzes.

    A student site (the default) must also hold no instructor note and nothing else of the instructor
    edition. Example: course verify site-instructor --edition instructor
    """
    course = _load_without_errors(docs, quizzes, "cannot verify: the sources have errors")
    chosen = Edition(edition)
    # A fresh rendering of every quiz is what each page must hold, byte for byte.
    prepared = prepare_course(docs, quizzes, root=Path.cwd(), edition=chosen)
    notes = course_notes(docs, display(docs, Path.cwd())) if chosen is Edition.STUDENT else []
    problems = verify_site(site_dir, expected_quizzes(prepared, {}), sources=lambda: course.quizzes,
                           edition=chosen, notes=notes)
    code = _report(problems, strict=True)
    if code == 0:
        count = sum(len(q.questions) for q in course.quizzes.values())
        extra = f", {len(notes)} instructor notes left out" if chosen is Edition.STUDENT else ", answer keys"
        click.echo(f"{site_dir}: {chosen} edition, {len(course.quizzes)} quizzes, {count} questions{extra} verified")
    sys.exit(code)
