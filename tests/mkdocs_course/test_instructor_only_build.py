"""Instructor-only pages (``edition: instructor``) built with MkDocs: absent from every file of the student
site, proven by ``course verify``; present in the instructor edition, which is named after the student one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from tests.mkdocs_course.test_build import build

pytestmark = pytest.mark.build

GUIDE = """---
title: Teaching notes
edition: instructor
---

# Teaching notes

Run the debate in pairs before the quiz; zebra-quokka is the word to grep for.
"""


def with_guide(course: Path) -> Path:
    (course / "docs" / "teaching.md").write_text(GUIDE)
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - My progress: progress.md",
                                                 "  - My progress: progress.md\n  - For instructors:\n"
                                                 "      - Teaching notes: teaching.md"))
    return course


def test_an_instructor_only_page_is_in_no_file_of_the_student_site(course_dir: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    course = with_guide(course_dir)
    result = build(course, "--strict")
    assert result.returncode == 0, result.stderr
    site = course / "site"
    assert not (site / "teaching").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "zebra-quokka" not in text, path
            for leak in ("teaching/", "Teaching notes", "For instructors"):
                assert leak not in text, path
    monkeypatch.chdir(course)
    verified = CliRunner().invoke(main, ["verify", "site"])
    assert verified.exit_code == 0, verified.output
    assert "without the 1 instructor notes and 1 instructor-only pages" in verified.output

    # The instructor edition has it, in its nav, under its derived name.
    result = build(course, "--strict", "-f", "mkdocs-instructor.yml")
    assert result.returncode == 0, result.stderr
    page = (course / "site-instructor" / "teaching" / "index.html").read_text()
    assert "zebra-quokka" in page
    assert "<title>Teaching notes - Fixture course (instructor edition)</title>" in page
    assert re.search(r'href="\./?"[^>]*>\s*<span class="md-ellipsis">\s*Teaching notes', page)

    # Verification proves the absence: a copy of the page put into the student site is found.
    shutil.copytree(course / "site-instructor" / "teaching", site / "teaching")
    verified = CliRunner().invoke(main, ["verify", "site"])
    assert verified.exit_code == 1
    assert "V710 instructor-only page teaching.md (edition: instructor) is in the student site" in verified.output


def test_a_student_page_linking_to_an_instructor_only_page_fails_the_strict_build(course_dir: Path) -> None:
    course = with_guide(course_dir)
    index = course / "docs" / "index.md"
    index.write_text(index.read_text() + "\nInstructors: see the [teaching notes](teaching.md).\n")
    result = build(course, "--strict")
    assert result.returncode != 0
    assert "teaching.md" in result.stderr


def test_the_instructor_edition_can_be_named_on_purpose(course_dir: Path) -> None:
    config = course_dir / "mkdocs-instructor.yml"
    config.write_text(config.read_text() + '    instructor_site_name: "Teachers: fixture"\n')
    result = build(course_dir, "--strict", "-f", "mkdocs-instructor.yml")
    assert result.returncode == 0, result.stderr
    assert "<title>Teachers: fixture</title>" in (course_dir / "site-instructor" / "index.html").read_text()
