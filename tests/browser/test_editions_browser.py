"""The instructor edition in Chromium (banner, notes, keys, working quizzes, printable answer keys), and live
editing under `mkdocs serve`: a broken quiz's problems appear in its page, which recovers by itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import site_fixture
from tests.conftest import PROJECT
from tests.mkdocs_course.test_serve import mkdocs_serve, poll

pytestmark = pytest.mark.browser

Page = Any


@pytest.fixture(scope="module")
def instructor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from site_fixture(PROJECT, tmp_path_factory, "instructor-site", "mkdocs-instructor.yml")



def test_banner_and_noindex_on_every_page_reached_by_instant_navigation(page: Page, instructor_site: str) -> None:
    page.goto(instructor_site)
    banner = page.locator(".cq-edition-banner")
    assert banner.is_visible()
    assert banner.inner_text().startswith("Instructor edition")
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-content a[href$="lessons/soft-power/"]').first.click()
    # navigation.tracking may add the visible section's anchor to the address.
    page.wait_for_url(re.compile(r".*/lessons/soft-power/(#.*)?$"))
    page.wait_for_selector('.cq-quiz[data-quiz-id="soft-power"][data-cq-ready]')
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator(".cq-edition-banner").is_visible()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    foreign = [url for url in page.requests if not url.startswith(instructor_site) and not url.startswith("data:")]
    assert foreign == []
    assert page.errors == []


def test_lesson_shows_notes_and_each_key_expanded_and_the_quiz_still_works(page: Page, instructor_site: str) -> None:
    page.goto(instructor_site + "lessons/soft-power/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert page.locator(".admonition.instructor").is_visible()
    forms = page.locator("form.cq-question")
    keys = page.locator(".cq-quiz .cq-key")
    assert keys.count() == forms.count() >= 8
    first_key = keys.first
    assert first_key.is_visible()
    assert first_key.locator(".cq-key-explanation").is_visible()  # expanded, without answering
    feedback = first_key.locator(".cq-key-feedback")
    assert feedback.count() >= 3
    assert all(item.is_visible() for item in feedback.all())
    # The key names the right option: answer with it, and with another one.
    right_text = first_key.locator(".cq-key-right").first.inner_text().removeprefix("Right:").strip().split("\n")[0]
    first = forms.first
    wrong_label = next(label for label in first.locator(".cq-option-text").all_inner_texts() if label != right_text)
    first.get_by_label(wrong_label, exact=True).check()
    first.locator(".cq-check").click()
    assert first.locator(".cq-result").inner_text().startswith("Not quite.")
    first.locator(".cq-retry").click()
    first.get_by_label(right_text, exact=True).check()
    first.locator(".cq-check").click()
    assert first.locator(".cq-result").inner_text().startswith("Right.")
    assert page.errors == []


def test_notes_page_gathers_every_note(page: Page, instructor_site: str) -> None:
    page.goto(instructor_site + "instructor/notes/")
    notes = page.locator(".admonition.instructor")
    assert notes.count() == 8
    assert all(note.is_visible() for note in notes.all())
    page.get_by_role("link", name="Answer key").first.click()
    page.wait_for_url(re.compile(r".*/instructor/answer-keys/lessons/reading-ai-news/(#.*)?$"))
    assert page.wait_for_selector('.cq-answer-key[data-cq-answer-key="reading-ai-news"]').is_visible()


def test_answer_key_page_prints_without_buttons(page: Page, instructor_site: str) -> None:
    page.goto(instructor_site + "instructor/answer-keys/lessons/soft-power/")
    questions = page.locator(".cq-answer-key .cq-key-question")
    assert questions.count() >= 8
    page.emulate_media(media="print")
    controls = page.locator("button, [role=button], input, select, textarea, .md-button, .md-header, .md-sidebar")
    visible = [control.evaluate("e => e.outerHTML.slice(0, 80)") for control in controls.all() if control.is_visible()]
    assert visible == []
    assert all(question.is_visible() for question in questions.all())
    assert page.locator(".cq-key-right").first.is_visible()
    assert page.locator(".cq-edition-banner").is_visible()  # a printed key says what it is
    assert page.pdf()[:4] == b"%PDF"
    assert page.errors == []


def test_live_editing_shows_a_broken_quiz_and_recovers(page: Page, course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    good = quiz.read_text()
    with mkdocs_serve(course_dir) as (site, log):
        poll(site + "lesson/", lambda text: "cq-question" in text, "the lesson with its quiz", log)
        page.goto(site + "lesson/")
        page.wait_for_selector(".cq-quiz[data-cq-ready]")
        quiz.write_text(good.replace("answer: radio", "answer: nothing"))
        # The page reloads by itself (live reload) and shows the problem where the broken question was.
        alert = page.wait_for_selector(".cq-broken[role=alert]", timeout=60_000)
        assert alert.is_visible()
        assert "quizzes/sample.yml:13:1: Q201" in alert.inner_text()
        assert page.get_by_text("Seven types exist.").is_visible()
        quiz.write_text(good)
        # The quiz's sound questions stayed on the page: wait for the problem to go, then for the quiz.
        page.wait_for_selector(".cq-broken", state="detached", timeout=60_000)
        page.wait_for_selector('.cq-quiz[data-cq-ready] form[data-question-id="s-single"]', timeout=60_000)
        form = page.locator('form[data-question-id="s-single"]')
        form.get_by_label("Radio buttons").check()
        form.locator(".cq-check").click()
        assert form.locator(".cq-result").inner_text().startswith("Right.")
