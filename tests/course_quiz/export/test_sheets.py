"""CSV and Markdown answer sheets: one row or entry per question with its key, objective and review section."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from course_quiz.course import load_course
from course_quiz.export import csvsheet, markdownsheet
from course_quiz.export.base import QuizSource
from course_quiz.export.formats import FORMATS, export
from course_quiz.export.sheet import COLUMNS
from course_quiz.problems import errors
from course_quiz.stats import course_stats, stats_json
from tests.conftest import PROJECT
from tests.course_quiz.export.conftest import sources_of


def test_csv_has_one_row_per_question_with_key_objective_and_review(real_sources: list[QuizSource]) -> None:
    written = export(FORMATS["csv"], real_sources)
    assert written.problems == ()
    assert written.data.startswith("\ufeff".encode())  # for spreadsheets that guess the encoding
    rows = list(csv.DictReader(io.StringIO(written.data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    questions = [(s, q) for s in real_sources for q in s.quiz.questions]
    assert [row["question"] for row in rows] == [q.id for _, q in questions]
    for row, (source, question) in zip(rows, questions, strict=True):
        assert row["key"]
        assert row["objective"] == (question.objective or "")
        assert row["objective_text"] == source.objective_text(question.objective)
        assert row["review"] == (f"{source.quiz.lesson}#{question.review}" if question.review else "")
        assert row["review_section"] == source.heading(question.review)
        if question.review:
            assert row["review_section"], f"review anchor {question.review} has a heading"


def test_keys_read_as_an_instructor_writes_them(every_type: list[QuizSource]) -> None:
    rows = {row["question"]: row for row in csv.DictReader(io.StringIO(
        csvsheet.write(every_type, lambda: None).data.decode("utf-8-sig"), newline=""))}
    assert rows["e-single"]["key"] == "Equals = sign, 50% of it"
    assert rows["e-multiple"]["key"] == "~tilde first; #hash first; Ends in a colon:"
    assert rows["e-true-false"]["key"] == "True"
    assert rows["e-short"]["key"] == "a{b} | x = y | c# | 50% (ignoring whitespace)"
    assert rows["e-numeric-negative"]["key"] == "-3.5 ± 0.25"
    assert rows["e-numeric-unit"]["key"] == "12.5%"
    assert rows["e-order"]["key"] == "1. First {1}; 2. Second ~; 3. Third = #3"
    assert rows["e-match"]["key"] == "~ → tilde ~; = → equals: =; { and } → braces {}"
    assert rows["e-single"]["level"] == "remember"
    assert rows["e-single"]["review_section"] == "Types"


def test_a_changed_csv_row_is_caught(every_type: list[QuizSource]) -> None:
    data = csvsheet.write(every_type, lambda: None).data
    assert csvsheet.read_back(data, every_type) == []
    broken = data.decode("utf-8-sig").replace("Equals = sign, 50% of it", "Tilde ~ and hash #").encode("utf-8-sig")
    problems = csvsheet.read_back(broken, every_type)
    assert [p.code for p in problems] == ["X802"]
    assert "key: expected 'Equals = sign, 50% of it', read 'Tilde ~ and hash #'" in problems[0].message


def test_markdown_has_one_entry_per_question(real_sources: list[QuizSource]) -> None:
    written = export(FORMATS["markdown"], real_sources)
    assert written.problems == ()
    text = written.data.decode()
    assert text.count("\n### ") == sum(len(s.quiz.questions) for s in real_sources)
    assert text.count("- **Key:** ") == text.count("\n### ")
    for source in real_sources:
        assert f"## {source.lesson_title}\n" in text


def test_markdown_entry_layout_and_a_changed_key_is_caught(every_type: list[QuizSource]) -> None:
    text = markdownsheet.write(every_type, lambda: None).data.decode()
    assert "### 1. `e-single` (single, remember)\n\nWhich of {a}, b~c" in text
    assert "- **Key:** Equals = sign, 50% of it\n- **Objective:** `tell-types`: Tell the question types apart.\n" \
           "- **Review:** [Types](lesson.md#types)\n" in text
    assert markdownsheet.read_back(text.encode(), every_type) == []
    broken = text.replace("- **Key:** True", "- **Key:** False")
    assert [p.code for p in markdownsheet.read_back(broken.encode(), every_type)] == ["X802"]


def test_the_real_course_with_levels_exports_and_counts_the_same(tmp_path: Path) -> None:
    """The course's quizzes are gaining `level` fields on another branch: both versions must export."""
    shutil.copytree(PROJECT / "docs", tmp_path / "docs")
    shutil.copytree(PROJECT / "quizzes", tmp_path / "quizzes")
    for quiz in (tmp_path / "quizzes").glob("*.yml"):
        text = quiz.read_text()
        if "\n    level:" not in text:
            quiz.write_text(re.sub(r"(?m)^(    type: .*\n)", r"\1    level: analyse\n", text))
    course = load_course(tmp_path / "docs", tmp_path / "quizzes", root=tmp_path, check_lock=False)
    assert errors(course.problems) == []
    sources = sources_of(course, PROJECT / "mkdocs.yml")
    for name in FORMATS:
        assert export(FORMATS[name], sources).problems == ()
    totals = json.loads(stats_json(course_stats(course)))["totals"]
    assert totals["questions"] == sum(len(s.quiz.questions) for s in sources)
    assert totals["levels"]["none"] == 0
    rows = list(csv.DictReader(io.StringIO(export(FORMATS["csv"], sources).data.decode("utf-8-sig"), newline="")))
    assert all(row["level"] for row in rows)
