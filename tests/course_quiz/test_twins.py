"""Translated pages (docs/x.zh.md): read like pages and compared with their page (Q311, W412)."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_quiz.course import load_course
from course_quiz.lessons import read_page
from course_quiz.twins import page_in, page_twin_name, twin_problems
from tests.conftest import CORPUS
from tests.course_quiz.test_translation import expected

TWINS = CORPUS / "twins"


def test_names_of_twins() -> None:
    assert page_twin_name("lessons/soft-power.zh.md") == ("lessons/soft-power.md", "zh")
    assert page_twin_name("lessons/soft-power.md") is None
    assert page_twin_name("notes/v1.2.md") is None
    assert page_in("lessons/x.md", "zh") == "lessons/x.zh.md"
    assert page_in("lessons/x.md", "en") == "lessons/x.md"


@pytest.mark.parametrize("path", sorted(TWINS.glob("*.zh.md")), ids=lambda p: p.stem)
def test_corpus_twin_reports_exactly_its_annotated_problems(path: Path) -> None:
    page, page_problems = read_page("page.md", "page.md", (TWINS / "page.md").read_text(encoding="utf-8"))
    twin, read_problems = read_page(path.name, path.name, path.read_text(encoding="utf-8"))
    assert page_problems == read_problems == []
    found = twin_problems({"page.md": page}, {"zh": {"page.md": twin}}, ("en", "zh"))
    assert sorted((p.code, p.line) for p in found) == expected(path)


def test_a_twin_keeps_its_pages_edition(zh_course: Path) -> None:
    (zh_course / "docs" / "guide.md").write_text("---\nedition: instructor\n---\n\n# Guide\n", encoding="utf-8")
    (zh_course / "docs" / "guide.zh.md").write_text("# 指南\n", encoding="utf-8")
    course = load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course)
    assert [(p.path, p.code) for p in course.problems] == [("docs/guide.zh.md", "Q311")]
    assert "missing edition" in course.problems[0].message
    (zh_course / "docs" / "guide.zh.md").write_text("---\nedition: instructor\n---\n\n# 指南\n", encoding="utf-8")
    assert load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course).problems == ()
