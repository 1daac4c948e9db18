"""The ``course`` command: output formats, exit codes, one-line errors, and every command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz import cli, files
from course_quiz.cli import main
from course_quiz.export.formats import FORMATS

COURSE = Path(sys.executable).parent / "course"

LINE = re.compile(r"^[^:\s]+:\d+:\d+: [QWV]\d{3} .+$")


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


def test_verify_refuses_sources_with_errors_but_not_a_stale_lock(in_course: Path) -> None:
    """The sources are read once, by the preparation: its errors stop verification; the lock is not its job."""
    quiz = in_course / "quizzes" / "sample.yml"
    source = quiz.read_text()
    (in_course / "quizzes" / "answer-keys.lock").unlink()
    code, output = run("verify", "no-site")
    assert code == 1
    assert "V705" in output
    assert "cannot verify" not in output
    quiz.write_text(source.replace("answer: radio", "answer: nothing"))
    code, output = run("verify", "no-site")
    assert code == 1
    assert "Q201" in output
    assert "cannot verify: the sources have errors" in output
    assert "V705" not in output


# ---- check --format json ----------------------------------------------------------------------------
def test_check_json_has_one_object_per_problem(in_course: Path) -> None:
    quiz = in_course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "anwser: radio"))
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    text = run("check")[1]
    assert [f"{p['path']}:{p['line']}:{p['column']}: {p['code']} {p['message']}" for p in found
            if p["severity"] == "error"] == [line for line in text.splitlines() if LINE.match(line)]
    assert all(set(p) == {"path", "line", "column", "code", "severity", "message"} for p in found)
    assert any(p["code"] == "Q110" and (p["line"], p["column"]) == (13, 5) for p in found)
    missing = CliRunner().invoke(main, ["check", "--format", "json", "--quizzes", "no-such-folder"])
    assert missing.exit_code == 1
    assert "Q100" in {p["code"] for p in json.loads(missing.stdout)}


def test_check_json_of_a_clean_course_is_an_empty_list(in_course: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--strict", "--format", "json"])
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


# ---- export -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "start"), [("gift", b"// GIFT export"), ("qti", b"PK"), ("csv", b"\xef\xbb\xbf"),
                                             ("markdown", b"# Answer key")])
def test_export_writes_a_verified_file(in_course: Path, name: str, start: bytes) -> None:
    result = CliRunner().invoke(main, ["export", "--format", name, "-o", f"out.{name}"])
    assert result.exit_code == 0, result.output
    assert (in_course / f"out.{name}").read_bytes().startswith(start)
    notes = len(result.stderr.splitlines())
    assert result.stdout == f"out.{name}: 8 questions from 1 quizzes, {FORMATS[name].title}, read back and " \
                            f"verified{f'; {notes} note(s) above' if notes else ''}\n"
    if name in ("gift", "qti"):
        assert "quizzes/sample.yml:57:1: note: question 's-order'" in result.stderr


def test_export_refuses_sources_with_errors_and_writes_nothing(in_course: Path) -> None:
    quiz = in_course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: text"))
    result = CliRunner().invoke(main, ["export", "--format", "gift", "-o", "out.gift"])
    assert result.exit_code == 1
    assert "Q601" in result.stdout
    assert "not exported: fix the errors above first" in result.stderr
    assert not (in_course / "out.gift").exists()


def test_export_refuses_what_the_format_cannot_hold_and_keeps_the_old_file(in_course: Path) -> None:
    quiz = in_course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace('text: "Multiple"}', 'text: "Multiple -> many"}'))
    assert run("lock")[0] == 0
    (in_course / "out.gift").write_text("the previous export\n")
    result = CliRunner().invoke(main, ["export", "--format", "gift", "-o", "out.gift"])
    assert result.exit_code == 1
    assert "X801 GIFT cannot hold the entry 'multiple' of question 's-match'" in result.stdout
    assert (in_course / "out.gift").read_text() == "the previous export\n"
    assert CliRunner().invoke(main, ["export", "--format", "qti", "-o", "out.zip"]).exit_code == 0


def test_export_of_chosen_quizzes_and_an_unknown_id(in_course: Path) -> None:
    assert CliRunner().invoke(main, ["export", "--format", "csv", "--quiz", "sample", "-o", "a.csv"]).exit_code == 0
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--quiz", "sampel", "-o", "a.csv"])
    assert result.exit_code == 2
    assert result.stderr == "course export: Invalid value for --quiz: no quiz 'sampel' (did you mean 'sample'?); " \
                            "quizzes are sample (see 'course export --help')\n"


def test_export_to_a_folder_that_cannot_be_written_is_one_line(in_course: Path) -> None:
    (in_course / "blocked").write_text("a file, not a folder")
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", "blocked/out.csv"])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("course: blocked")
    assert "Traceback" not in result.output


# ---- stats -------------------------------------------------------------------------------------------
def test_stats_table_and_json(in_course: Path) -> None:
    table = CliRunner().invoke(main, ["stats"])
    assert table.exit_code == 0
    assert table.stdout.startswith("Lesson ")
    assert "Sample lesson" in table.stdout
    data = CliRunner().invoke(main, ["stats", "--json"])
    assert data.exit_code == 0
    assert json.loads(data.stdout)["totals"]["questions"] == 8


# ---- new lesson --------------------------------------------------------------------------------------
def test_new_lesson_fails_check_until_filled_then_passes_strict_once_locked(in_course: Path) -> None:
    result = CliRunner().invoke(main, ["new", "lesson", "Open models in education"])
    assert result.exit_code == 0, result.output
    lesson = in_course / "docs" / "lessons" / "open-models-in-education.md"
    quiz = in_course / "quizzes" / "open-models-in-education.yml"
    assert result.stdout.splitlines()[:3] == ["docs/lessons/open-models-in-education.md: written",
                                              "quizzes/open-models-in-education.yml: written",
                                              "mkdocs.yml: added the lesson to the nav"]
    assert "  - Open models in education: lessons/open-models-in-education.md\n" in \
        (in_course / "mkdocs.yml").read_text()
    code, output = run("check")
    assert code == 1
    placeholders = [line for line in output.splitlines() if " Q310 " in line]
    assert len(placeholders) > 40
    assert any(line.startswith("docs/lessons/open-models-in-education.md:") for line in placeholders)
    assert run("lock")[0] == 1  # the lock refuses while placeholders are errors
    for path in (lesson, quiz):
        path.write_text(path.read_text().replace("TODO: ", ""))
    code, output = run("check")
    assert code == 1
    assert {line.split()[1] for line in output.splitlines() if LINE.match(line)} == {"Q602"}
    assert run("lock")[0] == 0
    assert run("check", "--strict") == (0, "")
    again = CliRunner().invoke(main, ["new", "lesson", "Open models in education"])
    assert again.exit_code == 1
    assert again.stderr == "course new lesson: docs/lessons/open-models-in-education.md already exists; choose " \
                           "another title or --slug (nothing is overwritten)\n"


def test_new_lesson_writes_nothing_when_a_step_fails(in_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(p.relative_to(in_course) for p in in_course.rglob("*"))
    config = (in_course / "mkdocs.yml").read_text()
    real_write = files.write_atomically

    def failing_write(path: Path, content: object) -> None:
        if path.name == "mkdocs.yml":
            raise OSError(28, "No space left on device", str(path))
        real_write(path, content)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "write_atomically", failing_write)
    result = CliRunner().invoke(main, ["new", "lesson", "Doomed"])
    assert result.exit_code == 1
    assert result.stderr == "course: mkdocs.yml: No space left on device\n"
    assert (in_course / "mkdocs.yml").read_text() == config
    after = sorted(p.relative_to(in_course) for p in in_course.rglob("*") if p.name != "lessons")
    assert after == before


def test_new_lesson_without_nav(in_course: Path) -> None:
    config = (in_course / "mkdocs.yml").read_text()
    result = CliRunner().invoke(main, ["new", "lesson", "No nav", "--no-nav", "--slug", "plain"])
    assert result.exit_code == 0
    assert (in_course / "docs" / "lessons" / "plain.md").exists()
    assert (in_course / "mkdocs.yml").read_text() == config


# ---- every command: help with an example, one-line usage errors -----------------------------------------
@pytest.mark.parametrize("command", [[], ["check"], ["lock"], ["verify"], ["export"], ["stats"], ["new"],
                                     ["new", "lesson"], ["versions"]], ids=lambda c: " ".join(c) or "course")
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "\n    course " in result.stdout or "\n    mkdocs build" in result.stdout


@pytest.mark.parametrize("args", [["export", "--format", "gift"], ["export", "--format", "pdf", "-o", "x"],
                                  ["stats", "--bogus"], ["new", "lesson"], ["frobnicate"]])
def test_usage_errors_are_one_line_and_exit_2(in_course: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("course")
    assert "--help" in result.stderr


# ---- progress: on a terminal only, never under CI --------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("ci", [False, True], ids=["terminal", "terminal under CI"])
def test_progress_shows_on_a_terminal_outside_ci(course_dir: Path, ci: bool) -> None:
    import pty

    quizzes = course_dir / "quizzes"
    for n in range(3):  # a few quizzes, so that there is progress to show
        (quizzes / f"copy{n}.yml").write_text((quizzes / "sample.yml").read_text()
                                              .replace("id: sample", f"id: copy{n}", 1)
                                              .replace("id: s-", f"id: c{n}-"))
        with (course_dir / "docs" / "lesson.md").open("a") as page:
            page.write(f"\n/// quiz | copy{n}\n///\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    subprocess.run([str(COURSE), "lock"], cwd=course_dir, check=True, capture_output=True, env=env)
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([str(COURSE), "export", "--format", "qti", "-o", "out.zip"], cwd=course_dir,
                                stdout=subprocess.PIPE, stderr=follower, env=env, check=False, timeout=120)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert (b"Exporting QTI 1.2 (Canvas)" in shown) is not ci
    assert b"note:" in shown


def test_progress_stays_quiet_when_not_a_terminal(in_course: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "qti", "-o", "out.zip"])
    assert "Exporting" not in result.output


def test_versions_lists_each_quiz_with_the_version_results_carry(in_course: Path) -> None:
    from course_quiz.course import load_course
    from course_quiz.keycodec import quiz_stamps
    from course_quiz.progress import quiz_version

    quiz = load_course(in_course / "docs", in_course / "quizzes").quizzes["sample"]
    code, output = run("versions")
    assert code == 0
    assert output == f"sample\t{quiz_version(quiz_stamps(quiz))}\t8 questions\n"


def test_check_reports_remote_resources_until_the_host_is_allowed_in_mkdocs_yml(in_course: Path) -> None:
    lesson = in_course / "docs" / "lesson.md"
    lesson.write_text(lesson.read_text() + '\n<iframe src="https://video.example/embed/1" title="v"></iframe>\n')
    last = len(lesson.read_text().splitlines())
    code, output = run("check")
    assert code == 1
    assert f"docs/lesson.md:{last}:1: Q502 frame loaded from video.example" in output
    config = in_course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  course-quiz: {}",
                                                 "  course-quiz:\n    allowed_hosts: [video.example]"))
    assert run("check", "--strict") == (0, "")
    config.write_text(config.read_text().replace("[video.example]", "[https://video.example]"))
    code, output = run("check")
    assert code == 1
    assert re.search(r"^mkdocs\.yml:\d+:1: Q503 allowed_hosts of the course-quiz plugin: 'https://video\.example' "
                     r"is not a host name", output, re.MULTILINE)
