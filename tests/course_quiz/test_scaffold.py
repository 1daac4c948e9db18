"""`course new lesson`: the planned files, the template's wiring and every refusal, before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from course_quiz.course import load_course
from course_quiz.lessons import read_page
from course_quiz.loader import load_quiz_text
from course_quiz.qtypes import QUESTION_TYPES
from course_quiz.scaffold import ScaffoldError, lesson_slug, lesson_text, plan_lesson, quiz_text
from tests.conftest import PROJECT


def test_plan_writes_a_lesson_its_quiz_and_the_nav_entry(course_dir: Path) -> None:
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, check_lock=False)
    planned = plan_lesson(course, course_dir / "mkdocs.yml", "Open models: in education", root=course_dir)
    assert [(p.path.relative_to(course_dir).as_posix(), p.exists) for p in planned] == [
        ("docs/lessons/open-models-in-education.md", False), ("quizzes/open-models-in-education.yml", False),
        ("mkdocs.yml", True)]
    assert '  - "Open models: in education": lessons/open-models-in-education.md\n' in planned[2].text
    assert not planned[0].path.exists()  # planning writes nothing


def test_the_template_reads_cleanly_and_is_wired_to_its_page() -> None:
    page, page_problems = read_page("lessons/x.md", "docs/lessons/x.md", lesson_text("X: a title", "x"))
    quiz, quiz_problems = load_quiz_text("quizzes/x.yml", quiz_text("x"))
    assert page_problems == []
    assert quiz_problems == []
    assert quiz is not None
    assert page.meta["title"] == "X: a title"
    assert set(page.meta) >= {"title", "summary"}
    assert page.minutes == {"reading": 15, "activity": 10}
    assert [p.quiz_id for p in page.placements] == ["x"]
    assert quiz.lesson == "lessons/x.md"
    assert [q.type for q in quiz.questions] == list(QUESTION_TYPES)
    assert {q.objective for q in quiz.questions} == {o.id for o in page.objectives}
    assert {q.review for q in quiz.questions} <= page.anchors
    assert all(q.level for q in quiz.questions)


def test_the_template_matches_the_schema() -> None:
    schema = json.loads((PROJECT / "quizzes" / "schema.json").read_text())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(quiz_text("x")))) == []


def test_slugs() -> None:
    assert lesson_slug("Open models: in education") == "open-models-in-education"
    assert lesson_slug("Ünïcode and  spaces!") == "unicode-and-spaces"


@pytest.mark.parametrize(("title", "slug", "prepare", "message"), [
    ("Sample", "lesson", lambda root: (root / "docs" / "lessons").mkdir() or
     (root / "docs" / "lessons" / "lesson.md").write_text("x"), "docs/lessons/lesson.md already exists"),
    ("Sample", "sample", lambda _: None, "quizzes/sample.yml already exists"),
    ("中国", None, lambda _: None, "cannot be a file name"),
    ("   ", None, lambda _: None, "the title is empty"),
    ("Sample", "x", lambda root: (root / "mkdocs.yml").unlink(), "cannot read mkdocs.yml"),
    ("Sample", "x", lambda root: (root / "mkdocs.yml").write_text("nav: [index.md, lesson.md]\n"),
     "not a one-line"),
])
def test_refusals(course_dir: Path, title: str, slug: str | None, prepare: object, message: str) -> None:
    prepare(course_dir)  # type: ignore[operator]
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, check_lock=False)
    with pytest.raises(ScaffoldError, match=message):
        plan_lesson(course, course_dir / "mkdocs.yml", title, slug, root=course_dir)


def test_a_taken_question_id_is_refused(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("id: s-single", "id: fresh-single"))
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, check_lock=False)
    with pytest.raises(ScaffoldError, match="question id 'fresh-single' is already used"):
        plan_lesson(course, None, "Fresh", root=course_dir)
