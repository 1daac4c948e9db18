"""Under a running `mkdocs serve`, in Chromium: a quiz with one broken question shows that question's
problems in its place, and its sound questions work as published (checked, scored, no script error)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import answer, watch
from tests.conftest import FIXTURE_COURSE
from tests.mkdocs_course.test_serve import mkdocs_serve, poll

pytestmark = pytest.mark.browser


def test_the_sound_questions_of_a_quiz_with_a_broken_one_work(browser: Any, tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    quiz = course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    with mkdocs_serve(course) as (site, log):
        poll(site + "lesson/", lambda text: "cq-broken" in text, "the problem in place of the question", log)
        context = browser.new_context()
        try:
            page = watch(context.new_page())
            page.goto(site + "lesson/")
            page.wait_for_selector(".cq-quiz[data-cq-ready]")
            box = page.locator(".cq-quiz .cq-broken")
            assert box.count() == 1
            assert box.is_visible()
            assert "Q201" in box.inner_text()
            assert page.locator("form.cq-question").count() == 7
            form = page.locator('form[data-question-id="s-multiple"]')
            answer(form, "multiple", ["order", "match"])
            assert form.locator(".cq-result").inner_text().startswith("Right.")
            assert "1 of 7" in page.locator(".cq-score").inner_text()
            assert page.errors == []
        finally:
            context.close()
