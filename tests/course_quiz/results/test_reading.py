"""Reading results files: every bad input is one problem naming the file, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_quiz.results.reading import MAX_BYTES, ResultFile, read_result, result_paths
from tests.course_quiz.results.helpers import IDS, keys, results, version_one, write

GOOD = results("Ada", "10110110")


def read(path: Path) -> tuple[ResultFile | None, list[str]]:
    found, problems = read_result(path, keys())
    return found, [p.format() for p in problems]


def test_a_good_file_is_read_with_its_student_and_every_answer(tmp_path: Path) -> None:
    found, problems = read(write(tmp_path, "ada.json", GOOD))
    assert problems == []
    assert found is not None
    assert found.student == "Ada"
    assert found.version == 2
    record = found.quizzes["sample"]
    assert list(record.answers) == IDS
    multiple = record.answers["s-multiple"]
    assert multiple.first is not None
    assert multiple.latest is not None
    assert (multiple.first.claimed, multiple.latest.claimed, multiple.attempts) == ("wrong", "right", 2)


def bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input of the issue, with the code it must give."""
    other_course = dict(GOOD, course="Another course")
    unknown_version = dict(GOOD, version=3)
    unknown_ids = json.loads(json.dumps(GOOD))
    unknown_ids["quizzes"].append({"quiz": "no-such-quiz", "answers": []})
    unknown_ids["quizzes"][0]["answers"][0]["question"] = "no-such-question"
    wrong_shape = json.loads(json.dumps(GOOD))
    wrong_shape["quizzes"][0]["answers"][1]["result"] = 42
    made = {
        "not-json": (folder / "not-json.json", "R903"),
        "truncated": (folder / "truncated.json", "R903"),
        "not-utf8": (folder / "latin1.json", "R901"),
        "other-course": (write(folder, "other-course.json", other_course), "R906"),
        "unknown-version": (write(folder, "v3.json", unknown_version), "R905"),
        "unknown-ids": (write(folder, "unknown-ids.json", unknown_ids), "R907"),
        "wrong-shape": (write(folder, "wrong-shape.json", wrong_shape), "R908"),
        "enormous": (folder / "enormous.json", "R902"),
        "not-results": (write(folder, "other.json", {"hello": "world"}), "R904"),
        "csv": (folder / "my-results.csv", "R904"),
        "deep": (folder / "deep.json", "R903"),
    }
    made["not-json"][0].write_text("this is not json", encoding="utf-8")
    made["truncated"][0].write_text(json.dumps(GOOD, indent=2)[:300], encoding="utf-8")
    made["not-utf8"][0].write_bytes(json.dumps(dict(GOOD, student="Zoë"), ensure_ascii=False).encode("latin-1"))
    made["enormous"][0].write_text(" " * (MAX_BYTES + 1), encoding="utf-8")
    made["csv"][0].write_text('"course","student","quiz"\r\n"Fixture course","","sample"\r\n', encoding="utf-8")
    made["deep"][0].write_text("[" * 100_000, encoding="utf-8")
    return made


@pytest.mark.parametrize("case", ["not-json", "truncated", "not-utf8", "other-course", "unknown-version",
                                  "unknown-ids", "wrong-shape", "enormous", "not-results", "csv", "deep"])
def test_each_bad_input_is_one_line_naming_the_file(tmp_path: Path, case: str) -> None:
    path, code = bad_files(tmp_path)[case]
    found, problems = read(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:")
    assert f" {code} " in problems[0]
    assert "\n" not in problems[0]
    if case in ("unknown-ids", "wrong-shape"):  # the rest of the file is kept
        assert found is not None
    else:
        assert found is None


def test_messages_say_what_is_wrong(tmp_path: Path) -> None:
    made = bad_files(tmp_path)
    assert "truncated" in read(made["truncated"][0])[1][0]
    assert "'Another course', not of 'Fixture course'" in read(made["other-course"][0])[1][0]
    assert "'no-such-quiz'" in read(made["unknown-ids"][0])[1][0]
    assert "'sample/no-such-question'" in read(made["unknown-ids"][0])[1][0]
    assert "CSV download" in read(made["csv"][0])[1][0]
    assert "sample/s-multiple" in read(made["wrong-shape"][0])[1][0]


def test_version_one_files_stay_readable(tmp_path: Path) -> None:
    found, problems = read(write(tmp_path, "old.json", version_one("1101-111")))
    assert problems == []
    assert found is not None
    record = found.quizzes["sample"]
    assert len(record.answers) == 7
    assert all(a.first is None and a.stamp is None for a in record.answers.values())


def test_folders_are_read_recursively_in_order_and_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "b", "2.json", GOOD)
    write(tmp_path / "a", "1.json", GOOD)
    (tmp_path / "a" / "notes.txt").write_text("not results", encoding="utf-8")
    (tmp_path / "a" / ".hidden.json").write_text("{}", encoding="utf-8")
    found = list(result_paths([tmp_path, tmp_path / "missing.json"]))
    assert [p.relative_to(tmp_path).as_posix() for p, problem in found if problem is None] == ["a/1.json", "b/2.json"]
    assert [problem.code for _, problem in found if problem is not None] == ["R901"]


def test_the_student_name_is_tidied_and_bounded(tmp_path: Path) -> None:
    found, _ = read(write(tmp_path, "x.json", dict(GOOD, student="  Ada \n  Lovelace " + "x" * 500)))
    assert found is not None
    assert found.student.startswith("Ada Lovelace x")
    assert len(found.student) == 200
