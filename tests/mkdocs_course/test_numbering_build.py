"""Lesson numbers in a MkDocs build of the fixture course: a number typed in the nav is dropped with a warning,
a stale "lesson N" link fails the strict build, and the home page's heading is the course's name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.mkdocs_course.test_build import build

pytestmark = pytest.mark.build


def with_lessons_folder(course: Path, nav_title: str) -> Path:
    """The fixture's lesson moved under docs/lessons/ (where lessons are numbered), with ``nav_title``."""
    (course / "docs" / "lessons").mkdir()
    lesson = (course / "docs" / "lesson.md").read_text()
    # Without a heading of its own, as the course's lessons: the page is headed by its numbered title.
    (course / "docs" / "lessons" / "lesson.md").write_text(lesson.replace("\n# Sample lesson\n", "\n", 1))
    (course / "docs" / "lesson.md").unlink()
    quiz = course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("lesson: lesson.md", "lesson: lessons/lesson.md"))
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Sample lesson: lesson.md", f"  - {nav_title}: lessons/lesson.md"))
    (course / "docs" / "index.md").write_text("Start with the [sample lesson](lessons/lesson.md).\n")
    return course


def test_a_typed_number_is_dropped_and_warned_about(course_dir: Path) -> None:
    course = with_lessons_folder(course_dir, "7. Sample lesson")
    result = build(course, "--strict")
    assert result.returncode == 1
    assert ("mkdocs.yml: the nav title '7. Sample lesson' of lessons/lesson.md types a lesson number; lessons are "
            "numbered from the nav's order, so write 'Sample lesson'") in result.stderr
    result = build(course)
    assert result.returncode == 0, result.stderr
    page = (course / "site" / "lessons" / "lesson" / "index.html").read_text()
    assert "<h1>1. Sample lesson</h1>" in page
    assert "<title>1. Sample lesson - Fixture course</title>" in page


def test_the_home_page_is_headed_by_the_course_name_and_a_stale_link_fails(course_dir: Path) -> None:
    course = with_lessons_folder(course_dir, "Sample lesson")
    result = build(course, "--strict")
    assert result.returncode == 0, result.stderr
    home = (course / "site" / "index.html").read_text()
    assert re.search(r"<h1[^>]*>Fixture course<", home)
    assert "<title>Fixture course</title>" in home
    (course / "docs" / "index.md").write_text("Start with [lesson 2](lessons/lesson.md).\n")
    result = build(course, "--strict")
    assert result.returncode == 1
    assert ("docs/index.md:1:12: W410 warning: link text 'lesson 2' says lesson 2, but lessons/lesson.md is lesson 1 "
            "in the navigation's order; write 'lesson 1'") in result.stderr
