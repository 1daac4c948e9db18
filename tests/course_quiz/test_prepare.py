"""The prepared course: checked and rendered once per build, in a worker process where forking is safe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_quiz.editions import Edition
from course_quiz.prepare import expected_quizzes, prepare_course, start_preparation
from course_quiz.verify import ANSWER_KEY


def prepare(course: Path):  # type: ignore[no-untyped-def]
    return prepare_course(course / "docs", course / "quizzes", root=course)


def test_prepared_quizzes_are_rendered_for_their_page(course_dir: Path) -> None:
    prepared = prepare(course_dir)
    assert prepared.problems == ()
    quiz = prepared.quizzes["sample"]
    assert quiz.page == "lesson.md"
    assert quiz.html.startswith('<section class="cq-quiz" data-quiz-id="sample" data-search-exclude>')
    assert not (course_dir / ".cache").exists()  # nothing is kept between builds


def test_a_course_with_errors_keeps_its_sound_questions_and_names_each_quizs_errors(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    broken = prepare(course_dir)
    assert [(p.code, p.line) for p in broken.errors] == [("Q201", 13)]
    # A build stops on the errors; mkdocs serve shows them in place of the quiz (errors_of).
    assert 'data-question-id="s-single"' not in broken.quizzes["sample"].html
    assert 'data-question-id="s-multiple"' in broken.quizzes["sample"].html
    assert broken.errors_of("sample") == broken.errors
    assert broken.errors_of("unknown") == []  # every error belongs to a quiz that loaded


def test_errors_of_a_file_that_yields_no_quiz_go_to_any_quiz_not_found(course_dir: Path) -> None:
    (course_dir / "quizzes" / "sample.yml").write_text("id: sample\ntitle: [broken\n")
    broken = prepare(course_dir)
    assert "sample" not in broken.quizzes
    # The lesson placing it gets no Q305: the file exists, and its Q101 says why it gives no quiz.
    assert sorted(p.code for p in broken.errors_of("sample")) == ["Q101"]


def test_instructor_edition_renders_keys_and_answer_keys(course_dir: Path) -> None:
    prepared = prepare_course(course_dir / "docs", course_dir / "quizzes", root=course_dir,
                              edition=Edition.INSTRUCTOR)
    quiz = prepared.quizzes["sample"]
    assert quiz.html.count('<div class="cq-key" data-cq-instructor>') == 8
    assert quiz.answer_key.startswith('<section class="cq-answer-key" data-cq-answer-key="sample" data-cq-instructor>')
    assert prepare(course_dir).quizzes["sample"].answer_key == ""
    quiz_block, key_block = expected_quizzes(prepared, {})
    assert quiz_block.pages == ("lesson/index.html", "lesson.html")
    assert (key_block.kind, key_block.html) == (ANSWER_KEY, quiz.answer_key)
    assert key_block.pages == ("instructor/answer-keys/lesson/index.html", "instructor/answer-keys/lesson.html")
    [_, written] = expected_quizzes(prepared, {}, {"sample": "keys.html"})
    assert written.pages == ("keys.html",)


@pytest.mark.parametrize("threads", [1, 2], ids=["worker process", "in process (threads, as under serve)"])
def test_start_preparation_gives_the_same_course_either_way(course_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                            threads: int) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: threads)
    future = start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir)
    assert future.result(timeout=60) == prepare(course_dir)


def test_a_broken_course_prepared_in_a_worker_reports_its_errors(course_dir: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 1)
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    broken = start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir).result(timeout=60)
    assert [(p.code, p.line) for p in broken.errors] == [("Q201", 13)]


def test_outside_linux_preparation_happens_at_once_in_process(course_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.prepare.sys.platform", "darwin")  # fork is offered but unsafe there
    future = start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir)
    assert future.done()
    assert future.result() == prepare(course_dir)


def test_expected_quizzes_name_the_page_written_or_the_lessons_page(course_dir: Path) -> None:
    prepared = prepare(course_dir)
    [written] = expected_quizzes(prepared, {"sample": "custom/page.html"})
    assert written.pages == ("custom/page.html",)
    assert written.html == prepared.quizzes["sample"].html
    [unwritten] = expected_quizzes(prepared, {})
    assert unwritten.pages == ("lesson/index.html", "lesson.html")


def test_a_quiz_with_a_broken_question_is_shown_with_its_sound_ones_and_the_problem_in_place(
        course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: [write, build, verify]", "answer: [write, build]"))
    broken = prepare(course_dir)
    assert [(p.code, p.line) for p in broken.errors] == [("Q208", 65)]
    view = broken.partial["sample"]
    forms = re.findall(r'data-question-id="([^"]+)"', view)
    assert "s-order" not in forms
    assert len(forms) == 7  # every other question, numbered among themselves
    assert "Question 7 of 7" in view
    box = view.index('class="admonition failure cq-broken"')
    # In the order question's place: after the question before it, before the one after it.
    order_at = quiz.read_text().splitlines().index("  - id: s-order") + 1
    assert f"The question at line {order_at} cannot be shown: 1 error(s)" in view
    assert view.index('data-question-id="s-numeric-decimal"') < box < view.index('data-question-id="s-match"')
    assert "quizzes/sample.yml:65:1: Q208" in view


def test_quiz_level_errors_are_listed_above_the_sound_questions(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("lesson: lesson.md", "lesson: elsewhere.md")
                    .replace("answer: [write, build, verify]", "answer: [write, build]"))
    broken = prepare(course_dir)
    assert sorted(p.code for p in broken.errors) == ["Q208", "Q306"]
    view = broken.partial["sample"]
    top = view.index('Quiz "sample" has 1 error(s)')
    assert view.index('<h3 class="cq-quiz-title">') < top < view.index('data-question-id="s-single"')
    assert view.count("cq-broken") == 2  # the quiz's problem above, the order question's in its place
