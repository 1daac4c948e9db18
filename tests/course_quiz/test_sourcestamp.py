"""The stamp of a course's sources: what each quiz depends on, and what a placement's check sees."""

from __future__ import annotations

import os
from pathlib import Path

from course_quiz.sourcestamp import SourceStamp


def course(tmp_path: Path) -> tuple[Path, Path]:
    """Two folders: a page with its twin and another page; a quiz with its translation and another quiz."""
    docs, quizzes = tmp_path / "docs", tmp_path / "quizzes"
    for path in (docs / "unit" / "one.md", docs / "unit" / "one.zh.md", docs / "unit" / "one-more.md",
                 docs / "two.md", quizzes / "one.yml", quizzes / "one.zh.yml", quizzes / "two.yml",
                 quizzes / "answer-keys.lock", tmp_path / "mkdocs.yml"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    past = ((docs / "two.md").stat().st_mtime_ns - 60 * 10**9,) * 2
    for path in (tmp_path, *tmp_path.rglob("*")):
        os.utime(path, ns=past)
    return docs, quizzes


def stamp_of(tmp_path: Path) -> SourceStamp:
    docs, quizzes = course(tmp_path)
    stamp = SourceStamp.take((docs, quizzes), (quizzes / "answer-keys.lock", tmp_path / "mkdocs.yml"))
    return stamp.with_quizzes({"one": (quizzes / "one.yml", docs / "unit" / "one.md"),
                               "two": (quizzes / "two.yml", docs / "two.md")})


def test_a_quiz_depends_on_its_file_its_lesson_and_their_translations_only(tmp_path: Path) -> None:
    stamp = stamp_of(tmp_path)
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in stamp.quizzes["one"]) == [
        "docs/unit/one.md", "docs/unit/one.zh.md", "quizzes/one.yml", "quizzes/one.zh.yml"]
    assert len(stamp.folders) == 3  # docs, docs/unit, quizzes: what the check stats beside the quiz's files
    assert stamp.current("one")
    assert stamp.current(None)


def test_an_in_place_edit_is_seen_by_the_quizzes_made_from_it_and_by_a_full_check(tmp_path: Path) -> None:
    stamp = stamp_of(tmp_path)
    (tmp_path / "quizzes" / "one.zh.yml").write_text("edited\n", encoding="utf-8")
    assert not stamp.current("one")
    assert stamp.current("two")  # the documented limit: two is not made from one's translation
    assert not stamp.current(None)


def test_shared_files_and_folders_count_for_every_quiz(tmp_path: Path) -> None:
    stamp = stamp_of(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: edited\n", encoding="utf-8")
    assert not stamp.current("two")
    stamp = stamp_of(tmp_path / "again")
    (tmp_path / "again" / "docs" / "unit" / "three.md").write_text("# Three\n", encoding="utf-8")
    assert not stamp.current("two")
    assert not stamp.current("unknown")  # a quiz not prepared yet: its file may just have been added


def test_a_source_missing_when_stamped_is_noticed_when_it_appears(tmp_path: Path) -> None:
    docs, quizzes = course(tmp_path)
    lesson = docs / "unit" / "three.md"  # named by the quiz, not written yet
    stamp = SourceStamp.take((quizzes,), ()).with_quizzes({"one": (quizzes / "one.yml", lesson)})
    assert stamp.current("one")
    lesson.write_text("# Three\n", encoding="utf-8")  # docs is no root here: only the source itself tells
    assert not stamp.current("one")
