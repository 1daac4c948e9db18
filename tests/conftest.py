"""Shared fixtures: the small fixture course, and builders for courses written inside a test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
PROJECT = TESTS.parent
FIXTURE_COURSE = TESTS / "fixtures" / "course"
CORPUS = TESTS / "corpus"

# Material for MkDocs prints an end-of-life notice on every build; it is not our warning.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A fresh copy of the fixture course (mkdocs.yml, docs/, quizzes/ with its lock)."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, target)
    return target


WriteCourse = Callable[..., Path]


@pytest.fixture
def write_course(tmp_path: Path) -> WriteCourse:
    """Write a course from dicts of file texts: ``write_course(quizzes={...}, docs={...})``."""

    def write(quizzes: dict[str, str] | None = None, docs: dict[str, str] | None = None) -> Path:
        root = tmp_path / "written"
        for folder, files in (("quizzes", quizzes or {}), ("docs", docs or {})):
            (root / folder).mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                path = root / folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return root

    return write
