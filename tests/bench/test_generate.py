"""The benchmark's course generator: seeded, valid under the strict checker, variants share pages."""

from __future__ import annotations

import sys
from pathlib import Path

from course_quiz.course import load_course
from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))
from generate import write_course


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_course_is_clean_and_seeded(tmp_path: Path) -> None:
    ours = write_course(tmp_path / "ours", 3, "ours")
    course = load_course(ours / "docs", ours / "quizzes", root=ours)
    assert [p.format() for p in course.problems] == []
    assert len(course.quizzes) == 3
    types = {q.type for quiz in course.quizzes.values() for q in quiz.questions}
    assert types == {"single", "multiple", "true-false", "short", "numeric", "order", "match"}
    again = write_course(tmp_path / "again", 3, "ours")
    assert snapshot(again) == snapshot(ours)


def test_baseline_has_the_same_pages_without_quizzes(tmp_path: Path) -> None:
    ours = write_course(tmp_path / "ours", 2, "ours")
    baseline = write_course(tmp_path / "baseline", 2, "baseline")
    for lesson in sorted((ours / "docs").rglob("lesson-*.md")):
        with_quiz = lesson.read_text()
        without = (baseline / "docs" / lesson.relative_to(ours / "docs")).read_text()
        assert "/// quiz |" in with_quiz
        assert "/// quiz" not in without
        assert without.split("\n")[:10] == with_quiz.split("\n")[:10]
    assert "course-quiz" not in (baseline / "mkdocs.yml").read_text()
