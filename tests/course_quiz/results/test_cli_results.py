"""``course results``: formats, the JSON schema of the issue, exit codes, one line per bad file, and where
results may be written."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from course_quiz.cli import main
from tests.course_quiz.results.helpers import results, version_one, write
from tests.course_quiz.results.test_reading import bad_files

COURSE = Path(sys.executable).parent / "course"


@pytest.fixture
def collected(tmp_path: Path) -> Path:
    folder = tmp_path / "collected"
    for name, pattern in {"Ada": "11111111", "Ben": "11110000", "Cy": "10100000"}.items():
        write(folder, f"{name.lower()}.json", results(name, pattern))
    write(folder, "old.json", version_one("11110000"))
    return folder


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_json_has_the_issues_schema(in_course: Path, collected: Path) -> None:
    result = invoke("results", str(collected), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    student = data["students"][0]
    assert {"student", "file", "quizzes", "disagreements"} <= set(student)
    assert set(student["quizzes"]["sample"]) >= {"score", "questions", "answered"}
    question = data["questions"][0]
    assert {"quiz", "question", "answered", "facility", "discrimination", "flags"} <= set(question)
    assert data["problems"] == []
    assert data["attempt"] == "first"
    assert data["version_1_files"] == 1
    assert {s["student"]: s["quizzes"]["sample"]["score"] for s in data["students"]} == {
        "Ada": 8, "Ben": 4, "Cy": 2, "old.json": 4}


def test_text_says_version_one_files_carry_only_the_latest(in_course: Path, collected: Path) -> None:
    result = invoke("results", str(collected))
    assert result.exit_code == 0
    assert "1 file(s) of format version 1 carry only the latest response" in result.stdout
    assert "Gradebook" in result.stdout


def test_csv_writes_the_gradebook_and_the_items(in_course: Path, collected: Path, tmp_path: Path) -> None:
    out = tmp_path / "grading"
    result = invoke("results", str(collected), "--format", "csv", "-o", str(out), "--attempt", "last")
    assert result.exit_code == 0, result.output
    gradebook = list(csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["student"], r["sample"], r["total"], r["out_of"], r["percent"]) for r in gradebook] == [
        ("Ada", "8", "8", "8", "100.0"), ("Ben", "8", "8", "8", "100.0"), ("Cy", "8", "8", "8", "100.0"),
        ("old.json", "4", "4", "8", "50.0")]
    assert {oct(path.stat().st_mode & 0o777) for path in out.iterdir()} == {"0o600"}, "personal data: owner only"
    items = list(csv.DictReader(io.StringIO((out / "items.csv").read_text(encoding="utf-8-sig"))))
    assert [r["question"] for r in items][:2] == ["s-single", "s-multiple"]
    assert items[0]["options_chosen"] == "checkbox: 0; radio (key): 4; text: 0"


def test_html_is_written_into_the_folder(in_course: Path, collected: Path, tmp_path: Path) -> None:
    result = invoke("results", str(collected), "--format", "html", "-o", str(tmp_path / "report"))
    assert result.exit_code == 0
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<script" not in page


def test_bad_files_are_one_line_each_and_the_others_are_still_read(in_course: Path, collected: Path,
                                                                    tmp_path: Path) -> None:
    made = bad_files(collected / "bad")
    completed = subprocess.run([str(COURSE), "results", str(collected), "--format", "json"], capture_output=True,
                               text=True, check=False, cwd=in_course)
    assert completed.returncode == 1
    lines = completed.stderr.splitlines()
    assert "Traceback" not in completed.stderr
    for path, code in made.values():
        assert sum(line.startswith(f"{path}:") and f" {code} " in line for line in lines) == 1, (path, lines)
    assert lines[-1] == f"{len(made)} problem(s) in the results files (above); the others were read"
    data = json.loads(completed.stdout)
    names = {s["student"] for s in data["students"]}
    assert {"Ada", "Ben", "Cy", "old.json"} <= names
    assert len(data["problems"]) == len(made)


@pytest.mark.parametrize("inside", ["docs", "docs/results", "site", "site-instructor/x", "built/deep"])
def test_results_are_never_written_inside_docs_or_a_built_site(in_course: Path, collected: Path,
                                                               inside: str) -> None:
    (in_course / "built").mkdir()
    (in_course / "built" / "index.html").write_text("<html></html>", encoding="utf-8")
    (in_course / "built" / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    result = invoke("results", str(collected), "--format", "csv", "-o", inside)
    assert result.exit_code == 2
    assert "personal data" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (in_course / inside / "gradebook.csv").exists()


def test_csv_and_html_need_a_folder_and_an_unknown_path_is_a_line(in_course: Path, tmp_path: Path) -> None:
    result = invoke("results", str(tmp_path), "--format", "html")
    assert result.exit_code == 2
    assert "-o DIR" in result.stderr
    result = invoke("results", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere'}:1:1: R901 no such file or folder" in result.stderr


def test_csv_cells_never_become_spreadsheet_formulas(in_course: Path, tmp_path: Path) -> None:
    write(tmp_path / "in", "x.json", results('=HYPERLINK("http://example.org","click")', "00000000"))
    result = invoke("results", str(tmp_path / "in"), "--format", "csv", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(\"http://example.org\",\"click\")"


def test_an_answer_given_on_the_chinese_page_is_regraded_against_the_shared_key(zh_course: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from course_quiz.course import load_course, localize
    from course_quiz.keycodec import key_stamp, quiz_stamps
    from course_quiz.progress import quiz_version

    monkeypatch.chdir(zh_course)
    quiz = localize(load_course(zh_course / "docs", zh_course / "quizzes"), "zh").quizzes["sample"]
    short = next(q for q in quiz.questions if q.id == "s-short")
    entry = {"question": "s-short", "type": "short", "stamp": key_stamp(short), "result": "right",
             "response": "安全哈希算法256", "answered_at": "2026-11-02T10:00:00.000Z", "attempts": 1,
             "first": {"result": "right", "response": "安全哈希算法256", "answered_at": "2026-11-02T10:00:00.000Z"}}
    data = {"format": "course-quiz-results", "version": 2, "course": "Fixture course", "student": "Li",
            "exported": "2026-11-02T12:00:00.000Z",
            "quizzes": [{"quiz": "sample", "quiz_version": quiz_version(quiz_stamps(quiz)), "answers": [entry]}]}
    folder = zh_course.parent / "collected"
    write(folder, "li.json", data)
    result = invoke("results", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    graded = json.loads(result.stdout)["students"][0]["quizzes"]["sample"]
    assert graded["answered"] == 1
    assert graded["score"] == 1
