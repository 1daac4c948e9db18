"""``course new lesson``: a new lesson page, its quiz with one question of every type, and its nav entry.

Everything is prepared in memory and checked before anything is written: the page and the quiz must
read without any problem but their placeholders (Q310), the quiz must be wired to the page (its
objectives, review anchors and placement), no file may exist yet and no id may be taken. The author
then replaces every ``TODO:`` text; ``course check`` reports each one until it is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from course_quiz.course import Course, display
from course_quiz.lessons import read_page
from course_quiz.loader import load_quiz_text
from course_quiz.model import is_id
from course_quiz.navfile import NavError, add_nav_entry, yaml_text
from course_quiz.placeholders import page_placeholders, quiz_placeholders
from course_quiz.qtypes import QUESTION_TYPES
from course_quiz.references import ReferenceChecker

LESSONS_FOLDER = "lessons"


class ScaffoldError(Exception):
    """The lesson cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class PlannedFile:
    """A file ``course new`` will write: its path, its new text, and whether it exists already."""

    path: Path
    text: str
    exists: bool


def lesson_slug(title: str) -> str:
    """The slug of a title, as Python-Markdown makes heading anchors (``Soft power, again`` is ``soft-power-again``)."""
    return str(slugify(title, "-"))


def lesson_text(title: str, slug: str) -> str:
    """The page of a new lesson: full front matter, sections, activity, instructor notes and the quiz."""
    return f"""---
title: {yaml_text(title)}
summary: "TODO: one or two sentences on what the lesson covers and why it matters."
objectives:
  - id: first-objective
    text: "TODO: what students can do after the lesson, starting with a verb."
  - id: second-objective
    text: "TODO: a second objective, starting with a verb."
keypoints:
  - "TODO: a takeaway students should remember."
  - "TODO: a second takeaway."
minutes:
  reading: 15
  activity: 10
---

TODO: an introduction saying what the lesson covers and how it connects to the other lessons.

## TODO: the first section's title {{ #first-section }}

TODO: the first section. Cite every figure and date with a footnote.

## TODO: the second section's title {{ #second-section }}

TODO: the second section.

!!! example "Activity"
    TODO: what students do, in groups or alone, and for how long.

!!! instructor "Instructor notes"
    TODO: timing, likely misconceptions, and the answers to expect from the activity.

## Check your understanding {{ #quiz }}

/// quiz | {slug}
///
"""


def quiz_text(slug: str) -> str:
    """A quiz wired to the lesson ``slug``, with one question of every type as a template."""
    q = slug
    return f"""# yaml-language-server: $schema=schema.json
# Written by `course new lesson`. Replace every text that starts with "TODO:" and set every key (the
# answer of each question), then run `course check`. Once you have reviewed the keys, `course lock`
# records them. Delete the questions you do not need; each type is shown once.
id: {q}
title: Check your understanding
lesson: {LESSONS_FOLDER}/{q}.md
questions:
  - id: {q}-single
    type: single
    objective: first-objective
    level: remember
    prompt: "TODO: a question with exactly one right option."
    options:
      - {{id: a, text: "TODO: a wrong option", feedback: "TODO: why a student might pick it, and why it is wrong."}}
      - {{id: b, text: "TODO: the right option", feedback: "TODO: why it is right."}}
      - {{id: c, text: "TODO: another wrong option", feedback: "TODO: why it is wrong."}}
    answer: b
    explanation: "TODO: why the key is right, shown after answering."
    review: first-section
  - id: {q}-multiple
    type: multiple
    objective: first-objective
    level: understand
    prompt: "TODO: a question with several right options. Select all that apply."
    options:
      - {{id: a, text: "TODO: a right option", feedback: "TODO: why it is right."}}
      - {{id: b, text: "TODO: a wrong option", feedback: "TODO: why it is wrong."}}
      - {{id: c, text: "TODO: another right option", feedback: "TODO: why it is right."}}
      - {{id: d, text: "TODO: another wrong option", feedback: "TODO: why it is wrong."}}
    answer: [a, c]
    explanation: "TODO: why exactly these options are right."
    review: first-section
  - id: {q}-true-false
    type: true-false
    objective: second-objective
    level: understand
    prompt: "TODO: a statement that is either true or false."
    answer: false
    explanation: "TODO: why the statement is false (or set answer: true)."
    review: second-section
  - id: {q}-short
    type: short
    objective: second-objective
    level: remember
    prompt: "TODO: a question answered in a word or two."
    answer: ["TODO: an accepted answer", "TODO: another spelling of it"]
    normalize: [case, whitespace, punctuation]
    explanation: "TODO: the answer, and where the lesson gives it."
    review: second-section
  - id: {q}-numeric
    type: numeric
    objective: second-objective
    level: apply
    prompt: "TODO: a question answered with a number."
    # Set the value, the tolerance (answers within value ± tolerance are right) and the unit.
    answer: {{value: 10, tolerance: 0, unit: "%"}}
    explanation: "TODO: how to work the number out."
    hint: "TODO: a hint, or delete this line."
    review: second-section
  - id: {q}-order
    type: order
    objective: first-objective
    level: analyse
    prompt: "TODO: put these in order, earliest first."
    # List the items scrambled; the answer gives their ids in the right order.
    items:
      - {{id: a, text: "TODO: the item that comes second"}}
      - {{id: b, text: "TODO: the item that comes first"}}
      - {{id: c, text: "TODO: the item that comes third"}}
    answer: [b, a, c]
    explanation: "TODO: the right order, and why."
    review: first-section
  - id: {q}-match
    type: match
    objective: second-objective
    level: evaluate
    prompt: "TODO: match each entry on the left with one on the right."
    left:
      - {{id: a, text: "TODO: the first left entry"}}
      - {{id: b, text: "TODO: the second left entry"}}
      - {{id: c, text: "TODO: the third left entry"}}
    right:
      - {{id: x, text: "TODO: the match of the third left entry"}}
      - {{id: y, text: "TODO: the match of the first left entry"}}
      - {{id: z, text: "TODO: the match of the second left entry"}}
    answer: {{a: y, b: z, c: x}}
    explanation: "TODO: why each pair belongs together."
    review: second-section
"""


def plan_lesson(course: Course, config: Path | None, title: str, slug: str | None = None,
                root: Path | None = None) -> list[PlannedFile]:
    """The files ``course new lesson`` writes, checked; nothing is written here.

    Args:
        course: The course as loaded (for the ids and pages already taken).
        config: mkdocs.yml, whose nav gets the lesson; ``None`` to leave the nav alone.
        title: The lesson's title.
        slug: The lesson's file name and quiz id; from the title when ``None``.
        root: Paths in messages are shown relative to this folder.

    Raises:
        ScaffoldError: with a message naming what is in the way and what to do.

    """
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; give the lesson's title in quotes")
    slug = slug if slug is not None else lesson_slug(title)
    if not is_id(slug):
        raise ScaffoldError(f"'{slug}' cannot be a file name and quiz id; give --slug with lowercase letters, digits "
                            "and hyphens")
    page_path = f"{LESSONS_FOLDER}/{slug}.md"
    lesson_file = course.docs_dir / page_path
    quiz_file = course.quizzes_dir / f"{slug}.yml"
    for path in (lesson_file, quiz_file, quiz_file.with_suffix(".yaml")):
        if path.exists() or path.is_symlink():
            raise ScaffoldError(f"{display(path, root)} already exists; choose another title or --slug (nothing "
                                "is overwritten)")
    if slug in course.quizzes:
        raise ScaffoldError(f"quiz id '{slug}' is already used by {course.quizzes[slug].path}; choose another --slug")
    page_text = lesson_text(title, slug)
    quiz_source = quiz_text(slug)
    _check_template(course, page_path=page_path, page_display=display(lesson_file, root), page_text=page_text,
                    quiz_display=display(quiz_file, root), quiz_source=quiz_source)
    planned = [PlannedFile(lesson_file, page_text, False), PlannedFile(quiz_file, quiz_source, False)]
    if config is not None:
        try:
            old = config.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ScaffoldError(f"cannot read {display(config, root)} ({exc}); run in the course's folder, give "
                                "--config, or --no-nav") from exc
        lessons = {path for path, page in course.pages.items() if page.placements}
        try:
            new, _ = add_nav_entry(old, title, page_path, lessons)
        except NavError as exc:
            raise ScaffoldError(f"{display(config, root)}: {exc}; add the lesson to the nav by hand and run again "
                                "with --no-nav") from exc
        planned.append(PlannedFile(config, new, True))
    return planned


def _check_template(course: Course, *, page_path: str, page_display: str, page_text: str, quiz_display: str,
                    quiz_source: str) -> None:
    """The new page and quiz must read cleanly but for their placeholders, and fit the course."""
    page, page_problems = read_page(page_path, page_display, page_text)
    quiz, quiz_problems = load_quiz_text(quiz_display, quiz_source)
    if quiz is None or len(quiz.questions) != len(QUESTION_TYPES):
        raise ScaffoldError("the quiz template does not read as a quiz of every type; this is a bug, please "
                            "report it")
    references = ReferenceChecker({**course.pages, page_path: page})
    for existing in course.quizzes.values():
        references.add(existing)
    references.add(quiz)
    # Only what concerns the new files: the course's own problems are not the template's.
    found = page_problems + quiz_problems + [p for p in references.finish() if p.path in (quiz_display, page_display)]
    taken = [p for p in found if p.code == "Q302"]
    if taken:
        raise ScaffoldError(f"{taken[0].message.split(';')[0]}; choose another --slug")
    unexpected = [p for p in found if p.code != "Q302"]
    if unexpected:
        raise ScaffoldError(f"the template does not fit this course: {unexpected[0].format()}")
    if not page_placeholders(page_display, page_text) or not quiz_placeholders(quiz):
        raise ScaffoldError("the template has no placeholders; this is a bug, please report it")
