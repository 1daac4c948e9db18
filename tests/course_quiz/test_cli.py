"""The ``course`` command: output format, exit codes, lock and verify."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main

LINE = re.compile(r"^[^:\s]+:\d+:\d+: [QWV]\d{3} .+$")


@pytest.fixture
def in_course(course_dir: Path) -> Iterator[Path]:
    previous = Path.cwd()
    os.chdir(course_dir)
    yield course_dir
    os.chdir(previous)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_clean_course_exits_0(in_course: Path) -> None:
    assert run("check", "--strict") == (0, "")


def test_check_reports_every_problem_at_its_line_and_exits_1(in_course: Path) -> None:
    quiz = in_course / "quizzes" / "sample.yml"
    text = quiz.read_text().replace("answer: radio", "anwser: radio").replace("type: order", "type: ordre")
    quiz.write_text(text)
    code, output = run("check")
    lines = [line for line in output.splitlines() if LINE.match(line)]
    assert code == 1
    assert "quizzes/sample.yml:13:5: Q110 unknown key 'anwser' in question 's-single' (did you mean 'answer'?)" \
        in lines
    assert any(line.startswith("quizzes/sample.yml:5:1: Q202") for line in lines)
    assert any(line.startswith("quizzes/sample.yml:58:11: Q115") for line in lines)
    # A question whose key is broken is not also compared with the lock.
    assert not any("Q601" in line for line in lines)


def test_warnings_fail_only_under_strict(in_course: Path) -> None:
    quiz = in_course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    explanation: Seven.\n", ""))
    assert run("check")[0] == 0
    code, output = run("check", "--strict")
    assert code == 1
    assert "W401 warning: question 's-numeric' has no explanation" in output


def test_usage_error_exits_2(in_course: Path) -> None:
    assert run("check", "--no-such-option")[0] == 2
    assert run("frobnicate")[0] == 2


def test_missing_quizzes_folder_is_one_line(tmp_path: Path) -> None:
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        (tmp_path / "docs").mkdir()
        code, output = run("check")
    finally:
        os.chdir(previous)
    assert code == 1
    assert output.splitlines()[0] == "quizzes:1:1: Q100 quizzes folder does not exist; create it or point the " \
        "checker at the right folder"
    assert "Traceback" not in output


def test_hostile_files_get_one_line_each(in_course: Path) -> None:
    quizzes = in_course / "quizzes"
    (quizzes / "huge.yml").write_bytes(b"# padding\n" * 5_000_000)
    (quizzes / "garbage.yml").write_bytes(bytes(range(256)) * 4)
    (quizzes / "tagged.yml").write_text("!!python/object/apply:os.system ['touch pwned']\n")
    code, output = run("check")
    assert code == 1
    assert "Traceback" not in output
    by_file = {line.split(":")[0]: line for line in output.splitlines() if LINE.match(line)}
    assert "Q100" in by_file["quizzes/huge.yml"]
    assert "Q100" in by_file["quizzes/garbage.yml"]
    assert "Q104" in by_file["quizzes/tagged.yml"]
    assert not (in_course / "pwned").exists()


def test_lock_records_a_reviewed_change(in_course: Path) -> None:
    quiz = in_course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: text"))
    code, output = run("check")
    assert code == 1
    assert 'Q601 key of \'sample/s-single\' changed from "radio" to "text"' in output
    assert run("lock")[0] == 0
    assert run("check", "--strict") == (0, "")
    assert "already up to date" in run("lock")[1]


def test_lock_refuses_while_sources_have_errors(in_course: Path) -> None:
    lock = in_course / "quizzes" / "answer-keys.lock"
    before = lock.read_text()
    quiz = in_course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    code, output = run("lock")
    assert code == 1
    assert "not locked" in output
    assert lock.read_text() == before


def test_verify_unbuilt_site(in_course: Path) -> None:
    code, output = run("verify", "no-site")
    assert code == 1
    assert "V705" in output


def test_versions_lists_each_quiz_with_the_version_results_carry(in_course: Path) -> None:
    from course_quiz.course import load_course
    from course_quiz.keycodec import quiz_stamps
    from course_quiz.progress import quiz_version

    quiz = load_course(in_course / "docs", in_course / "quizzes").quizzes["sample"]
    code, output = run("versions")
    assert code == 0
    assert output == f"sample\t{quiz_version(quiz_stamps(quiz))}\t8 questions\n"
