"""The plugin's own bookkeeping, without a whole build."""

from __future__ import annotations

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
    plugin.prepared = PreparedCourse((), {"one": PreparedQuiz("one", "lesson.md", QUIZ_HTML, "quizzes/one.yml", 1)})
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
