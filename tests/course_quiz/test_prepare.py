"""The prepared course: checked, rendered and verified once, cached by the digest of every input."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from course_quiz.prepare import prepare_course, start_preparation, verify_written


def prepare(course: Path, cache: bool = True):  # type: ignore[no-untyped-def]
    return prepare_course(course / "docs", course / "quizzes", root=course,
                          cache_dir=course / ".cache" if cache else None)


def test_prepared_quizzes_are_rendered_and_clean(course_dir: Path) -> None:
    prepared = prepare(course_dir, cache=False)
    assert prepared.problems == ()
    quiz = prepared.quizzes["sample"]
    assert quiz.lesson == "lesson.md"
    assert quiz.html.startswith('<section class="cq-quiz" data-quiz-id="sample"')
    assert not (course_dir / ".cache").exists()


def test_second_preparation_comes_from_the_cache(course_dir: Path) -> None:
    first = prepare(course_dir)
    second = prepare(course_dir)
    assert not first.from_cache
    assert second.from_cache
    assert second.quizzes == first.quizzes
    assert len(list((course_dir / ".cache").glob("prepared-*.pickle"))) == 1


def test_any_change_to_an_input_misses_the_cache(course_dir: Path) -> None:
    prepare(course_dir)
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: checkbox"))
    changed = prepare(course_dir)
    assert not changed.from_cache
    assert [p.code for p in changed.errors] == ["Q601"]
    assert changed.quizzes == {}
    lesson = course_dir / "docs" / "lesson.md"
    lesson.write_text(lesson.read_text() + "\nMore prose.\n")
    assert not prepare(course_dir).from_cache
    assert len(list((course_dir / ".cache").glob("prepared-*.pickle"))) == 1  # old entries are dropped


def test_a_damaged_cache_is_ignored(course_dir: Path) -> None:
    prepare(course_dir)
    [cached] = (course_dir / ".cache").glob("prepared-*.pickle")
    cached.write_bytes(b"not a pickle")
    again = prepare(course_dir)
    assert not again.from_cache
    assert again.quizzes


def written_site(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site"
    (site / "lesson").mkdir(parents=True)
    (site / "lesson" / "index.html").write_text(f"<html><body>{html}</body></html>")
    return site


def test_verify_written_accepts_the_verified_html(course_dir: Path, tmp_path: Path) -> None:
    prepared = prepare(course_dir, cache=False)
    site = written_site(tmp_path, prepared.quizzes["sample"].html)
    assert verify_written(site, prepared, {"sample": "lesson/index.html"}, docs_dir=course_dir / "docs",
                          quizzes_dir=course_dir / "quizzes", root=course_dir) == []


def test_verify_written_accepts_a_harmless_reformatting(course_dir: Path, tmp_path: Path) -> None:
    prepared = prepare(course_dir, cache=False)
    site = written_site(tmp_path, prepared.quizzes["sample"].html.replace("\n", "\n  "))
    assert verify_written(site, prepared, {"sample": "lesson/index.html"}, docs_dir=course_dir / "docs",
                          quizzes_dir=course_dir / "quizzes", root=course_dir) == []


def test_verify_written_reports_what_differs(course_dir: Path, tmp_path: Path) -> None:
    prepared = prepare(course_dir, cache=False)
    html = prepared.quizzes["sample"].html.replace('value="radio"', 'value="radios"', 1)
    site = written_site(tmp_path, html)
    found = verify_written(site, prepared, {"sample": "lesson/index.html"}, docs_dir=course_dir / "docs",
                           quizzes_dir=course_dir / "quizzes", root=course_dir)
    assert [(p.code, p.line) for p in found] == [("V702", 5)]
    assert verify_written(site, prepared, {}, docs_dir=course_dir / "docs", quizzes_dir=course_dir / "quizzes",
                          root=course_dir)[0].code == "V701"


def test_a_broken_course_prepared_in_the_background_reports_its_errors(
        course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 1)  # take the forked path
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    with start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir) as preparation:
        assert preparation.in_background
        broken = preparation.result()
    assert [(p.code, p.line) for p in broken.errors] == [("Q201", 13)]
    assert broken.quizzes == {}


def test_background_preparation_hands_back_the_same_course_through_the_cache(
        course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 1)  # take the forked path
    with start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir,
                           cache_dir=course_dir / ".cache") as preparation:
        assert preparation.in_background
        prepared = preparation.result()
    assert not prepared.from_cache
    assert prepared.quizzes == prepare(course_dir, cache=False).quizzes
    assert [p.name.startswith("prepared-") for p in (course_dir / ".cache").iterdir()] == [True]
    with start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir,
                           cache_dir=course_dir / ".cache") as again:
        assert again.in_background  # the cache is looked up in the child too
        cached = again.result()
    assert cached.from_cache
    assert cached.quizzes == prepared.quizzes


def _die(*args: object) -> None:
    os._exit(3)  # a child killed mid-way (out of memory, a signal) writes nothing


def test_a_failed_child_is_replaced_by_preparing_in_process(course_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 1)
    monkeypatch.setattr("course_quiz.prepare._prepare_in_child", _die)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir) as preparation:
        assert preparation.in_background
        prepared = preparation.result()
    assert prepared.quizzes == prepare(course_dir, cache=False).quizzes
    assert list(tmp_path.glob("course-quiz-*")) == []  # the hand-over file is removed


def _sleep(*args: object) -> None:
    time.sleep(60)


def test_cancel_stops_a_preparation_still_running(course_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 1)
    monkeypatch.setattr("course_quiz.prepare._prepare_in_child", _sleep)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    started = time.monotonic()
    with start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir) as preparation:
        assert preparation.in_background
    assert time.monotonic() - started < 30
    assert list(tmp_path.glob("course-quiz-*")) == []


def test_threads_make_preparation_happen_at_once_in_process(course_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 2)  # as under mkdocs serve
    preparation = start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir)
    assert not preparation.in_background
    assert preparation.result().quizzes == prepare(course_dir, cache=False).quizzes


def test_a_written_page_must_hold_the_quiz_exactly_once_and_unchanged(course_dir: Path) -> None:
    quiz = prepare(course_dir, cache=False).quizzes["sample"]
    html = quiz.html_bytes
    assert quiz.held_once_by(b"<main>" + html + b"</main>")
    assert not quiz.held_once_by(b"<main></main>")
    assert not quiz.held_once_by(html + html)
    assert not quiz.held_once_by(html.replace(b"Check answer", b"Check answers", 1))
    assert not quiz.held_once_by(html[:-20])


def test_outside_linux_preparation_happens_at_once_in_process(course_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.prepare.threading.active_count", lambda: 1)
    monkeypatch.setattr("course_quiz.prepare.sys.platform", "darwin")  # fork is offered but unsafe there
    preparation = start_preparation(course_dir / "docs", course_dir / "quizzes", root=course_dir)
    assert not preparation.in_background
    assert preparation.result().quizzes == prepare(course_dir, cache=False).quizzes
