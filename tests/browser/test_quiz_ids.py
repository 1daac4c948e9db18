"""quiz.js with author-written ids that are words of its own: a match question whose left id is
``missing`` (a valid id) is checked like any other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from course_quiz.loader import load_quiz_text
from course_quiz.published import published
from course_quiz.render import QuizRenderer
from tests.browser.conftest import Page, free_port, served

pytestmark = pytest.mark.browser

QUIZ = """\
id: words
title: Ids that are words
lesson: lessons/words.md
questions:
  - id: missing
    type: match
    objective: o
    prompt: Match each word.
    left:
      - {id: missing, text: Missing}
      - {id: message, text: Message}
    right:
      - {id: absent, text: Absent}
      - {id: note, text: Note}
    answer: {missing: absent, message: note}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    quiz, problems = load_quiz_text("words.yml", QUIZ)
    assert not problems
    assert quiz is not None
    folder: Path = tmp_path_factory.mktemp("ids")
    (folder / "quiz.js").write_bytes(published("quiz.js"))
    head = "<!doctype html><html lang=en><title>ids</title><link rel=icon href='data:,'>"
    (folder / "index.html").write_text(f"{head}<body>{QuizRenderer().render(quiz)}<script src=quiz.js></script>")
    port = free_port()
    yield from served(folder, port)



def test_a_match_whose_left_id_is_missing_is_checked(page: Page, site: str) -> None:
    page.goto(site)
    form = page.locator('form[data-question-id="missing"]')
    form.locator('select[data-left-id="missing"]').select_option("absent")
    form.locator('select[data-left-id="message"]').select_option("note")
    form.locator(".cq-check").click()
    assert form.locator(".cq-result").inner_text().startswith("Right.")
    page.reload()
    assert page.locator('form[data-question-id="missing"] .cq-result').inner_text().startswith("Right.")
    assert page.errors == []


def test_an_unfinished_match_still_asks_for_every_list(page: Page, site: str) -> None:
    page.goto(site)
    form = page.locator('form[data-question-id="missing"]')
    form.locator('select[data-left-id="missing"]').select_option("absent")
    form.locator(".cq-check").click()
    assert form.locator(".cq-result").inner_text() == "Make a choice in every list first."
    assert page.errors == []
