"""The plugin's own bookkeeping, without a whole build."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from course_quiz.contract import empty_slot
from course_quiz.prepare import PreparedCourse, PreparedQuiz
from mkdocs_course.plugin import CourseQuizPlugin

QUIZ_HTML = '<section class="cq-quiz" data-quiz-id="one" data-search-exclude>\n</section>'


def plugin_with_one_quiz() -> CourseQuizPlugin:
    plugin = CourseQuizPlugin()
    plugin.load_config({})
    plugin.prepared = PreparedCourse((), {"one": PreparedQuiz.of("one", "lesson.md", QUIZ_HTML, "quizzes/one.yml", 1)})
    return plugin


def page(src: str, dest: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src, dest_uri=dest))


def test_post_page_fills_the_slot_and_notes_the_page() -> None:
    plugin = plugin_with_one_quiz()
    output = plugin.on_post_page(f"<main>{empty_slot('one')}</main>", page=page("lesson.md", "lesson/index.html"),
                                 config=None)  # type: ignore[arg-type]
    assert output == f'<main><div class="cq-slot">{QUIZ_HTML}</div></main>'
    assert plugin.quiz_pages == {"one": "lesson/index.html"}


def test_post_page_refuses_a_slot_for_a_quiz_not_prepared() -> None:
    plugin = plugin_with_one_quiz()
    with pytest.raises(PluginError, match="quiz 'two' is placed here but was not prepared"):
        plugin.on_post_page(empty_slot("two"), page=page("lesson.md", "lesson/index.html"),
                            config=None)  # type: ignore[arg-type]


def broken_plugin() -> CourseQuizPlugin:
    from course_quiz.problems import problem

    plugin = plugin_with_one_quiz()
    assert plugin.prepared is not None
    errors = (problem("quizzes/one.yml", 3, "Q110", "unknown key 'anwser'"),
              problem("quizzes/gone.yml", 2, "Q101", "invalid YAML"))
    plugin.prepared = PreparedCourse(errors, plugin.prepared.quizzes)
    return plugin


def test_a_build_stops_on_a_broken_quiz() -> None:
    plugin = broken_plugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin.prepared is not None
    plugin.preparation = done(plugin.prepared)
    with pytest.raises(PluginError, match=r"2 quiz problem\(s\); fix them and build again:\nquizzes/one.yml:3:1: Q110"):
        plugin.on_env(None, config=None, files=None)  # type: ignore[arg-type]


def test_serving_shows_each_broken_quiz_s_problems_in_its_place(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    plugin = broken_plugin()
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.prepared is not None
    plugin.preparation = done(plugin.prepared)
    plugin.on_env(None, config=None, files=None)  # type: ignore[arg-type]
    assert plugin.degraded
    assert "quizzes/one.yml:3:1: Q110 unknown key 'anwser'" in caplog.text
    assert all(record.levelname == "INFO" for record in caplog.records)  # no warning: strict serve goes on
    output = plugin.on_post_page(f"<main>{empty_slot('one')}{empty_slot('two')}</main>",
                                 page=page("lesson.md", "lesson/index.html"), config=None)  # type: ignore[arg-type]
    assert output is not None
    first, second = output.split('<div class="cq-slot">')[1:]
    assert "quizzes/one.yml:3:1: Q110" in first
    assert "quizzes/gone.yml" not in first
    assert "quizzes/gone.yml:2:1: Q101 invalid YAML" in second  # a file that yields no quiz
    assert QUIZ_HTML not in output
    plugin.on_post_build(config=None)  # type: ignore[arg-type]  # not verified: nothing to raise


def done(prepared: PreparedCourse) -> Any:
    from concurrent.futures import Future

    future: Future[PreparedCourse] = Future()
    future.set_result(prepared)
    return future


def test_a_killed_worker_is_replaced_by_one_preparation_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The instructor edition waits in on_files and again in on_env: the course is prepared here once."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    import mkdocs_course.plugin as module

    plugin = plugin_with_one_quiz()
    assert plugin.prepared is not None
    made: list[object] = []
    monkeypatch.setattr(plugin, "_folders", lambda _config: ("docs", "quizzes", None))
    def prepare_here(*args: object, language: str = "en") -> PreparedCourse | None:
        made.append((*args, language))
        return plugin.prepared

    monkeypatch.setattr(module, "prepare_course", prepare_here)
    broken: Future[PreparedCourse] = Future()
    broken.set_exception(BrokenProcessPool("killed"))
    plugin.preparation = broken
    first = plugin._prepared_course(broken, None)  # type: ignore[arg-type]
    assert plugin.preparation is not broken
    second = plugin._prepared_course(plugin.preparation, None)  # type: ignore[arg-type]
    assert first is second is plugin.prepared
    assert len(made) == 1
