"""The gradebook and item analysis against a hand computation on four students."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest

from course_quiz.results.analysis import ItemTally
from course_quiz.results.grading import Which
from course_quiz.results.report import Report, run
from tests.course_quiz.results.helpers import keys, results, write

# First attempts, one column per question (s-single ... s-match): 1 right, 0 wrong, - unanswered.
CLASS = {"Ada": "11111111", "Ben": "11110000", "Cy": "10100000", "Dee": "0111----"}


def class_report(folder: Path, which: Which = Which.FIRST) -> Report:
    for name, pattern in CLASS.items():
        write(folder, f"{name.lower()}.json", results(name, pattern))
    return run([folder], keys(), which)


def test_gradebook_equals_the_hand_computation(tmp_path: Path) -> None:
    report = class_report(tmp_path)
    rows = {row.student: row for row in report.students}
    assert [row.student for row in report.students] == ["Ada", "Ben", "Cy", "Dee"]
    # score, answered, of 8 questions each
    assert {name: (row.score, row.answered, row.questions) for name, row in rows.items()} == {
        "Ada": (8, 8, 8), "Ben": (4, 8, 8), "Cy": (2, 8, 8), "Dee": (3, 4, 8)}
    # With the last attempt every answered question is right (each wrong first try was retried until right).
    last = {row.student: row.score for row in class_report(tmp_path / "again", Which.LAST).students}
    assert last == {"Ada": 8, "Ben": 8, "Cy": 8, "Dee": 4}
    assert report.problems == []
    assert report.files == 4


def test_facility_and_discrimination_equal_the_hand_computation(tmp_path: Path) -> None:
    questions = {row.question: row for row in class_report(tmp_path).questions}
    single = questions["s-single"]
    # x = Ada 1, Ben 1, Cy 1, Dee 0; rest = their other right answers: 7, 3, 1, 3.
    assert (single.answered, single.right, single.facility) == (4, 3, 0.75)
    # mean x 0.75, mean rest 3.5; sum of products of deviations 0.5; sums of squares 0.75 and 19.
    assert single.discrimination == pytest.approx(0.5 / math.sqrt(0.75 * 19))
    assert single.discrimination == pytest.approx(statistics.correlation([1, 1, 1, 0], [7, 3, 1, 3]))
    order = questions["s-order"]  # answered by Ada (1), Ben (0), Cy (0)
    assert order.answered == 3
    assert order.facility == pytest.approx(1 / 3)
    assert order.discrimination == pytest.approx(statistics.correlation([1, 0, 0], [7, 4, 2]))
    # too few answers for flags (at least 5)
    assert all(row.flags == () for row in questions.values())


def test_options_chosen_and_frequent_wrong_texts(tmp_path: Path) -> None:
    questions = {row.question: row for row in class_report(tmp_path).questions}
    assert {o.id: (o.count, o.right) for o in questions["s-single"].options} == {
        "checkbox": (1, False), "radio": (3, True), "text": (0, False)}
    assert {o.id: o.count for o in questions["s-tf"].options} == {"true": 0, "false": 4}
    assert questions["s-short"].wrong == (("md5", 1),)  # normalised as the key compares: case ignored
    assert questions["s-numeric"].wrong == (("6", 2),)


def test_flags_and_their_thresholds() -> None:
    def tally(pairs: list[tuple[int, int]]) -> ItemTally:
        made = ItemTally()
        for x, rest in pairs:
            made.n += 1
            made.right += x
            made.sum_r += rest
            made.sum_r2 += rest * rest
            made.sum_xr += x * rest
        return made

    assert tally([(1, r) for r in range(10)]).flags() == ["too-easy"]  # no spread: no discrimination
    assert tally([(0, 1), (0, 2), (0, 3), (1, 9), (0, 4)]).flags() == ["too-hard"]
    assert tally([(1, 1), (1, 2), (0, 8), (0, 9), (1, 3), (0, 7)]).flags() == ["negative-discrimination"]
    weak = tally([(1, 5), (0, 5), (1, 4), (0, 6), (1, 6), (0, 4), (1, 5), (0, 5)])
    assert weak.discrimination == pytest.approx(0.0)
    assert weak.flags() == ["weak-discrimination"]
    assert tally([(1, 9), (1, 8), (0, 1), (0, 2), (1, 7), (0, 3)]).flags() == []
    assert tally([(1, 1), (1, 1)]).flags() == []  # fewer than five answers


def test_two_files_of_one_student_the_later_counts_and_both_are_named(tmp_path: Path) -> None:
    write(tmp_path, "ada-monday.json", results("Ada", "00000000", exported="2026-11-02T09:00:00.000Z"))
    write(tmp_path, "ada-friday.json", results(" ADA ", "11111100", exported="2026-11-06T09:00:00.000Z"))
    write(tmp_path, "zed-early.json", results("Zed", "11111111", exported="2026-11-06T09:00:00.000Z"))
    write(tmp_path, "zed-late.json", results("zed", "00000011", exported="2026-11-01T09:00:00.000Z"))
    report = run([tmp_path], keys(), Which.FIRST)
    rows = {row.student.casefold().strip(): row for row in report.students}
    assert len(report.students) == 2
    assert rows["ada"].score == 6
    assert rows["ada"].file.endswith("ada-friday.json")
    assert sorted(Path(f).name for f in rows["ada"].files) == ["ada-friday.json", "ada-monday.json"]
    assert rows["zed"].score == 8
    assert rows["zed"].file.endswith("zed-early.json")
    # The item tallies hold the counted files only, as if the others had never been read.
    alone = tmp_path / "alone"
    write(alone, "ada.json", results("Ada", "11111100"))
    write(alone, "zed.json", results("Zed", "11111111"))
    expected = run([alone], keys(), Which.FIRST)
    assert [(q.answered, q.right, q.discrimination, q.options) for q in report.questions] == \
        [(q.answered, q.right, q.discrimination, q.options) for q in expected.questions]
