"""Regrading: the file's verdicts are claims; today's keys decide, with the page's own rules."""

from __future__ import annotations

from pathlib import Path

from course_quiz.results.grading import GradedFile, Status, Which, check, grade_file
from course_quiz.results.reading import read_result
from tests.course_quiz.results.helpers import QUIZ, RIGHT, WRONG, keys, results, version_one, write


def graded(path: Path, which: Which = Which.FIRST) -> tuple[list[Status], list[str], GradedFile]:
    record, problems = read_result(path, keys())
    assert record is not None
    assert problems == []
    found, grade_problems = grade_file(record, keys(), which)
    return [o.status for o in found.quizzes["sample"].outcomes], [p.format() for p in grade_problems], found


def test_every_type_is_checked_with_the_pages_rules() -> None:
    course = keys()
    for question in QUIZ.questions:
        key = course.keys[("sample", question.id)]
        assert check(key, RIGHT[question.id]) is True, question.id
        assert check(key, WRONG[question.id]) is False, question.id
    # A response the form could not hold is not a verdict: an unknown option, a partial order, a number.
    assert check(course.keys[("sample", "s-single")], "no-such-option") is None
    assert check(course.keys[("sample", "s-order")], ["write", "build"]) is None
    assert check(course.keys[("sample", "s-match")], {"single": "radio"}) is None
    assert check(course.keys[("sample", "s-numeric")], 7) is None
    assert check(course.keys[("sample", "s-multiple")], []) is None


def test_first_and_last_attempts(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", results("Ada", "10-10110"))
    first, _, _ = graded(path, Which.FIRST)
    last, _, _ = graded(path, Which.LAST)
    marks = {Status.RIGHT: "1", Status.WRONG: "0", Status.UNANSWERED: "-"}
    assert "".join(marks[s] for s in first) == "10-10110"
    assert "".join(marks[s] for s in last) == "11-11111"


def test_an_edited_verdict_is_caught_and_the_regrade_counts(tmp_path: Path) -> None:
    data = results("Eve", "00000000")
    for answer in data["quizzes"][0]["answers"][:3]:  # type: ignore[index]
        answer["first"]["result"] = "right"
    data["quizzes"][0]["answers"][7]["result"] = "wrong"  # type: ignore[index]
    statuses, problems, found = graded(write(tmp_path, "eve.json", data))
    assert problems == []
    assert statuses == [Status.WRONG] * 8
    assert [(d.question, d.attempt, d.file_says, d.regrade) for d in found.disagreements] == [
        ("s-single", "first", "right", "wrong"), ("s-multiple", "first", "right", "wrong"),
        ("s-tf", "first", "right", "wrong"), ("s-match", "latest", "wrong", "right")]


def test_a_changed_key_or_type_is_not_graded(tmp_path: Path) -> None:
    data = results("Cy", "11111111")
    answers = data["quizzes"][0]["answers"]  # type: ignore[index]
    answers[0]["stamp"] = "0000000000000000"
    answers[1]["type"] = "single"
    statuses, problems, found = graded(write(tmp_path, "cy.json", data))
    assert statuses[:3] == [Status.CHANGED, Status.CHANGED, Status.RIGHT]
    assert problems == []
    assert found.disagreements == ()


def test_a_response_of_the_wrong_shape_is_a_problem_and_not_graded(tmp_path: Path) -> None:
    data = results("Dee", "11111111")
    data["quizzes"][0]["answers"][0]["first"]["response"] = "no-such-option"  # type: ignore[index]
    data["quizzes"][0]["answers"][6]["response"] = ["write"]  # type: ignore[index]
    statuses, problems, _ = graded(write(tmp_path, "dee.json", data))
    assert statuses[0] is Status.INVALID
    assert statuses[6] is Status.INVALID
    assert statuses[1] is Status.RIGHT
    assert len(problems) == 1
    assert " R908 " in problems[0]
    assert "sample/s-single, sample/s-order" in problems[0]


def test_version_one_is_graded_on_its_latest_response_while_the_quiz_is_unchanged(tmp_path: Path) -> None:
    statuses, _, found = graded(write(tmp_path, "old.json", version_one("1101-110")))
    assert statuses == [Status.RIGHT, Status.RIGHT, Status.WRONG, Status.RIGHT, Status.UNANSWERED, Status.RIGHT,
                        Status.RIGHT, Status.WRONG]
    assert found.first_unknown == 7
    assert found.version == 1
    statuses, _, _ = graded(write(tmp_path, "older.json", version_one("1101-110", "0123456789abcdef")))
    assert statuses.count(Status.CHANGED) == 7


def test_a_file_with_unknown_first_attempts_falls_back_to_the_latest(tmp_path: Path) -> None:
    data = results("Fay", "10111111")
    for answer in data["quizzes"][0]["answers"]:  # type: ignore[index]
        answer["first"], answer["attempts"] = None, None  # saved before the page kept first attempts
    statuses, _, found = graded(write(tmp_path, "fay.json", data))
    assert statuses == [Status.RIGHT] * 8
    assert found.first_unknown == 8
