"""The synthetic class of the real course: the planted questions are found, and only they are flagged
negative; the edited files are caught; files are seeded."""

from __future__ import annotations

import sys
from pathlib import Path

from course_quiz.results.grading import Which
from course_quiz.results.report import run
from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))
from results_generate import edited_indices, planted, real_course, student_file, write_results

STUDENTS = 600


def test_planted_questions_are_flagged_and_edited_files_caught(tmp_path: Path) -> None:
    course = real_course()
    plant = write_results(tmp_path, STUDENTS, course=course)
    report = run([tmp_path], course, Which.FIRST)
    assert report.problems == []
    assert len(report.students) == STUDENTS
    flags = {(row.quiz, row.question): row.flags for row in report.questions}
    assert "too-easy" in flags[plant.too_easy]
    assert "too-hard" in flags[plant.too_hard]
    assert "negative-discrimination" in flags[plant.negative]
    negative = [key for key, found in flags.items() if "negative-discrimination" in found]
    assert negative == [plant.negative]
    others = {key: found for key, found in flags.items() if found and key not in plant.all()}
    assert others == {}, "ordinary questions discriminate and are neither too easy nor too hard"
    assert sorted(Path(path).name for path, _, _ in report.edited) == [
        f"student-{index:05d}.json" for index in edited_indices(STUDENTS)]
    assert all(count > 0 for _, _, count in report.edited)


def test_files_are_seeded_and_the_planted_questions_are_choice_questions() -> None:
    course = real_course()
    plant = planted(course)
    assert student_file(course, plant, 42) == student_file(course, plant, 42)
    assert student_file(course, plant, 42) != student_file(course, plant, 43)
    assert {course.keys[key].question.type for key in plant.all()} == {"single"}
    assert len({quiz for quiz, _ in plant.all()}) == 3
