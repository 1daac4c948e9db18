"""The quiz in headless Chromium: reached by instant navigation, every type answered wrong then right,
progress kept across a reload, keyboard use, no JavaScript, dark scheme, no third-party requests."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.browser.conftest import site_fixture
from tests.conftest import FIXTURE_COURSE, PROJECT

pytestmark = pytest.mark.browser

Page = Any


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from site_fixture(FIXTURE_COURSE, tmp_path_factory, "fixture-site")


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    opened.errors = []
    opened.requests = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    opened.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()


def question(page: Page, question_id: str) -> Any:
    return page.locator(f'form[data-quiz-id="sample"][data-question-id="{question_id}"]')


def result_text(page: Page, question_id: str) -> str:
    return str(question(page, question_id).locator(".cq-result").inner_text())


def open_lesson_by_instant_navigation(page: Page, site: str) -> None:
    page.goto(site)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="sample lesson", exact=True).click()
    page.wait_for_url("**/lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert page.evaluate("window.__sameDocument === true"), "the lesson was loaded by a full page load"


Answer = Callable[[Page, Any], None]


def choose(*values: str) -> Answer:
    def answer(page: Page, form: Any) -> None:
        for box in form.locator("input[type=checkbox]").all():
            box.uncheck()
        for value in values:
            form.locator(f'input[value="{value}"]').check()
    return answer


def type_text(text: str) -> Answer:
    def answer(page: Page, form: Any) -> None:
        form.locator("input[type=text]").fill(text)
    return answer


def order(*ids: str) -> Answer:
    def answer(page: Page, form: Any) -> None:
        for position, item in enumerate(ids, start=1):
            form.locator(f'select[data-item-id="{item}"]').select_option(str(position))
    return answer


def match(pairs: dict[str, str]) -> Answer:
    def answer(page: Page, form: Any) -> None:
        for left, right in pairs.items():
            form.locator(f'select[data-left-id="{left}"]').select_option(right)
    return answer


CASES: list[tuple[str, Answer, Answer]] = [
    ("s-single", choose("checkbox"), choose("radio")),
    ("s-multiple", choose("order"), choose("order", "match")),
    ("s-tf", choose("true"), choose("false")),
    ("s-short", type_text("MD5"), type_text("  sha 256? ".replace(" 256", "-256").replace("? ", ""))),
    ("s-numeric", type_text("8"), type_text("7 types")),
    ("s-numeric-decimal", type_text("3.16"), type_text("3,149")),
    ("s-order", order("build", "write", "verify"), order("write", "build", "verify")),
    ("s-match", match({"single": "checkbox", "multiple": "radio"}), match({"single": "radio", "multiple": "checkbox"})),
]


def test_every_type_wrong_then_right_after_instant_navigation(page: Page, site: str) -> None:
    open_lesson_by_instant_navigation(page, site)
    for question_id, wrong, right in CASES:
        form = question(page, question_id)
        wrong(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Not quite."), question_id
        assert form.locator(".cq-result a").count() == 1, "a wrong answer links back to the section"
        form.locator(".cq-retry").click()
        assert result_text(page, question_id) == ""
        right(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Right."), question_id
        assert form.locator(".cq-explanation").is_visible()
    assert page.locator(".cq-score").inner_text() == "Score: 8 of 8 right."
    single = question(page, "s-single")
    assert single.locator('.cq-option[data-option-id="radio"] .cq-option-feedback').is_visible()
    assert page.errors == []


def test_progress_survives_reload_and_reset_clears_it(page: Page, site: str) -> None:
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    form = question(page, "s-single")
    choose("radio")(page, form)
    form.locator(".cq-check").click()
    choose("true")(page, question(page, "s-tf"))
    question(page, "s-tf").locator(".cq-check").click()
    assert page.locator(".cq-score").inner_text() == "Score: 1 of 8 right (2 answered)."
    page.reload()
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert page.locator(".cq-score").inner_text() == "Score: 1 of 8 right (2 answered)."
    assert question(page, "s-single").locator('input[value="radio"]').is_checked()
    assert result_text(page, "s-tf").startswith("Not quite.")
    stored = page.evaluate("JSON.parse(localStorage.getItem('cq:v1:sample'))")
    assert stored["v"] == 1
    assert set(stored["answers"]) == {"s-single", "s-tf"}
    page.locator(".cq-reset").click()
    assert page.locator(".cq-score").inner_text() == "Score: 0 of 8 right (0 answered)."
    assert page.evaluate("localStorage.getItem('cq:v1:sample')") is None


def test_keyboard_only(page: Page, site: str) -> None:
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    first = question(page, "s-single").locator('input[value="checkbox"]')
    first.focus()
    page.keyboard.press("ArrowDown")  # moves to and selects "radio"
    page.keyboard.press("Enter")  # submits the form
    assert result_text(page, "s-single").startswith("Right.")
    assert page.evaluate("document.activeElement.classList.contains('cq-retry')")
    page.keyboard.press("Enter")  # Try again
    assert result_text(page, "s-single") == ""
    match_form = question(page, "s-match")
    match_form.locator('select[data-left-id="single"]').focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # to "Check answer"
    page.keyboard.press("Enter")
    assert result_text(page, "s-match").startswith("Right.")


def test_readable_without_javascript(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "lesson/")
    assert page.locator("legend").first.is_visible()
    assert page.get_by_label("Radio buttons").is_visible()
    assert page.locator(".cq-explanation summary").first.is_visible()
    context.close()


def test_dark_scheme_and_only_own_host(page: Page, site: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    colours = page.evaluate(
        "(() => { const q = document.querySelector('.cq-quiz legend'); const s = getComputedStyle(q);"
        " const b = getComputedStyle(document.body); return [s.color, b.backgroundColor]; })()")
    assert colours[0] != colours[1]
    foreign = [url for url in page.requests if not url.startswith(site) and not url.startswith("data:")]
    assert foreign == []
    assert page.errors == []


@pytest.fixture(scope="module")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from site_fixture(PROJECT, tmp_path_factory, "course-site")


def test_real_course_lesson_by_instant_navigation(page: Page, course_site: str) -> None:
    page.goto(course_site)
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-content a[href$="lessons/soft-power/"]').first.click()
    # Material's navigation.tracking may already have added the heading in view to the address.
    page.wait_for_url(re.compile(r"/lessons/soft-power/(#[\w-]*)?$"))
    page.wait_for_selector('.cq-quiz[data-quiz-id="soft-power"][data-cq-ready]')
    assert page.evaluate("window.__sameDocument === true")
    first = page.locator("form.cq-question").first
    first.locator("input").first.check()
    first.locator(".cq-check").click()
    assert first.locator(".cq-result").inner_text().startswith(("Right.", "Not quite."))
    foreign = [url for url in page.requests if not url.startswith(course_site) and not url.startswith("data:")]
    assert foreign == []
    assert page.errors == []
