"""The answer-key lock: a changed key fails until it is locked again (Q601-Q604)."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_quiz.course import load_course
from course_quiz.files import write_atomically
from course_quiz.lock import LOCK_NAME, render_lock


def lock_codes(root: Path) -> list[tuple[str, int, str]]:
    course = load_course(root / "docs", root / "quizzes", root=root)
    return [(p.code, p.line, p.message) for p in course.problems if p.code.startswith("Q6")]


def relock(root: Path) -> None:
    course = load_course(root / "docs", root / "quizzes", root=root, check_lock=False)
    write_atomically(root / "quizzes" / LOCK_NAME, render_lock(list(course.quizzes.values())))


def test_fixture_course_is_locked(course_dir: Path) -> None:
    assert lock_codes(course_dir) == []


def test_q601_changed_key_names_old_and_new(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: checkbox"))
    [(code, line, message)] = lock_codes(course_dir)
    assert (code, line) == ("Q601", 13)
    assert '"radio"' in message
    assert '"checkbox"' in message
    relock(course_dir)
    assert lock_codes(course_dir) == []


def test_q601_changed_normalisation_counts_as_a_key_change(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("normalize: [case, whitespace, punctuation]", "normalize: [case]"))
    assert [c for c, _, _ in lock_codes(course_dir)] == ["Q601"]


def test_q602_new_question_and_missing_lock(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text() + "  - id: s-new\n    type: true-false\n    objective: tell-types\n"
                    "    prompt: New?\n    answer: true\n    explanation: Yes it is new.\n")
    assert [(c, line) for c, line, _ in lock_codes(course_dir)] == [("Q602", 81)]
    (course_dir / "quizzes" / LOCK_NAME).unlink()
    assert [c for c, _, _ in lock_codes(course_dir)] == ["Q602"]


def test_q603_stale_entry(course_dir: Path) -> None:
    lock = course_dir / "quizzes" / LOCK_NAME
    relock(course_dir)
    text = lock.read_text()
    quiz = course_dir / "quizzes" / "sample.yml"
    source = quiz.read_text()
    start = source.index("  - id: s-tf")
    end = source.index("  - id: s-short")
    quiz.write_text(source[:start] + source[end:])
    found = lock_codes(course_dir)
    assert [c for c, _, _ in found] == ["Q603"]
    assert lock.read_text() == text


def test_q604_hand_edited_line(course_dir: Path) -> None:
    lock = course_dir / "quizzes" / LOCK_NAME
    lock.write_text(lock.read_text().replace('"radio"', '"checkbox"') + "garbage line\n")
    found = [c for c, _, _ in lock_codes(course_dir)]
    assert found.count("Q604") == 3  # two edited lines and the garbage line
    assert found.count("Q602") == 2  # the edited lines no longer vouch for their questions


def test_write_atomically_keeps_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.lock"
    target.write_text("old")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("course_quiz.files.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.lock"]
