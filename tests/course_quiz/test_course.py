"""Loading a whole course: quiz by quiz as when holding every quiz, and every file-system surprise reported."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from course_quiz.course import load_course
from course_quiz.lessons import Page
from course_quiz.model import Quiz


def break_references(course: Path) -> None:
    """Add a duplicate quiz id, a quiz placed nowhere with a missing lesson, and a misspelt placement."""
    quizzes = course / "quizzes"
    sample = (quizzes / "sample.yml").read_text()
    (quizzes / "zz-dup.yml").write_text(sample)
    (quizzes / "orphan.yml").write_text(sample.replace("id: sample", "id: orphan", 1)
                                        .replace("lesson: lesson.md", "lesson: nowhere.md"))
    with (course / "docs" / "index.md").open("a") as page:
        page.write("\n/// quiz | sampel\n///\n")


def test_quiz_by_quiz_loading_finds_the_same_problems(course_dir: Path) -> None:
    break_references(course_dir)
    handed: list[tuple[str, str, str | None]] = []

    def each_quiz(quiz: Quiz, lesson: Page | None) -> None:
        handed.append((quiz.id, quiz.path, lesson.path if lesson else None))

    whole = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir)
    streamed = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, each_quiz=each_quiz,
                           keep_quizzes=False)
    assert streamed.problems == whole.problems
    assert {"Q301", "Q302", "Q303", "Q305", "Q306", "Q602"} <= {p.code for p in whole.problems}
    assert streamed.quizzes == {}
    # Each id is handed over once, by the first file that uses it, with its lesson page.
    assert handed == [("orphan", "quizzes/orphan.yml", None), ("sample", "quizzes/sample.yml", "lesson.md")]
    assert sorted(whole.quizzes) == ["orphan", "sample"]
    assert whole.quizzes["sample"].path == "quizzes/sample.yml"


def test_every_file_system_surprise_is_a_problem_line(tmp_path: Path) -> None:
    quizzes = tmp_path / "quizzes"
    (tmp_path / "docs").mkdir()
    quizzes.mkdir()
    (quizzes / "folder.yml").mkdir()
    os.mkfifo(quizzes / "pipe.yml")  # reading it would block: it must never be opened
    (quizzes / "dangling.yml").symlink_to(tmp_path / "nowhere.yml")
    (quizzes / "loop.yml").symlink_to(quizzes / "loop.yml")
    (tmp_path / "docs" / "page.md").mkdir()
    found = {(p.path, p.code, p.message.split(" ", 1)[1]) for p in load_course(
        tmp_path / "docs", quizzes, root=tmp_path, check_lock=False).problems}
    assert found == {
        ("quizzes/folder.yml", "Q100", "is a folder, not a file; rename it"),
        ("quizzes/pipe.yml", "Q100", "is not a regular file (a pipe or a device); replace it with a file"),
        ("quizzes/dangling.yml", "Q100", "is a symbolic link to nothing"),
        ("quizzes/loop.yml", "Q100", "is a loop of symbolic links"),
        ("docs/page.md", "Q100", "is a folder, not a file; rename it"),
    }


def test_an_unreadable_subfolder_is_a_problem_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quizzes = tmp_path / "quizzes"
    (quizzes / "locked").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:  # as for a folder without read permission (tests run as root in CI)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = [(p.path, p.code) for p in load_course(tmp_path / "docs", quizzes, root=tmp_path,
                                                   check_lock=False).problems]
    assert found == [("quizzes/locked", "Q100")]


def test_an_unreadable_quiz_or_page_is_a_problem_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (tmp_path / "docs").mkdir()
    (quizzes / "one.yml").write_text("id: one\n")
    (tmp_path / "docs" / "page.md").write_text("# Page\n")
    real_read_bytes, real_read_text = Path.read_bytes, Path.read_text

    def refuse(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name in ("one.yml", "page.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return (real_read_bytes if not args and not kwargs else real_read_text)(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    found = [(p.path, p.code) for p in load_course(tmp_path / "docs", quizzes, root=tmp_path,
                                                   check_lock=False).problems]
    assert found == [("docs/page.md", "Q100"), ("quizzes/one.yml", "Q100")]
