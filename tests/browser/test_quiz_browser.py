"""The quiz in headless Chromium, on the fixture course: every type answered wrong then right after
instant navigation, the summary, the keyboard alone, saved answers that survive reloads and stale or
hostile storage, silent restore, no JavaScript, print, touch targets, reduced motion, forced colours."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from course_quiz.course import load_course
from course_quiz.keycodec import key_stamp
from tests.browser.conftest import Page, foreign_requests, site_fixture, watch
from tests.conftest import FIXTURE_COURSE

pytestmark = pytest.mark.browser

KEY = "cq:v2:sample"
COUNT = 8
STAMPS = {q.id: key_stamp(q) for q in
          load_course(FIXTURE_COURSE / "docs", FIXTURE_COURSE / "quizzes").quizzes["sample"].questions}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from site_fixture(FIXTURE_COURSE, tmp_path_factory, "fixture-site")


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    made = browser.new_context()
    yield made
    made.close()


@pytest.fixture
def page(context: Any) -> Page:
    return watch(context.new_page())


def question(page: Page, question_id: str) -> Any:
    return page.locator(f'form[data-quiz-id="sample"][data-question-id="{question_id}"]')


def result_text(page: Page, question_id: str) -> str:
    return str(question(page, question_id).locator(".cq-result").inner_text())


def score(page: Page) -> str:
    return str(page.locator(".cq-score").inner_text())


def open_lesson(page: Page, site: str) -> None:
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")


def open_lesson_by_instant_navigation(page: Page, site: str) -> None:
    page.goto(site)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="sample lesson", exact=True).click()
    page.wait_for_url("**/lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert page.evaluate("window.__sameDocument === true"), "the lesson was loaded by a full page load"


def stored(page: Page) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")


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


def answer_all_right(page: Page) -> None:
    for question_id, _, right in CASES:
        form = question(page, question_id)
        right(page, form)
        form.locator(".cq-check").click()


def test_every_type_wrong_then_right_after_instant_navigation(page: Page, site: str) -> None:
    open_lesson_by_instant_navigation(page, site)
    assert score(page) == f"0 of {COUNT} answered, 0 right."
    for number, (question_id, wrong, right) in enumerate(CASES, start=1):
        form = question(page, question_id)
        wrong(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Not quite."), question_id
        assert form.locator(".cq-result a").count() == 1, "a wrong answer links back to the section"
        # Answered controls stay in the tab order and readable; changing one puts the answer back.
        control = form.locator("input, select").first
        assert control.evaluate("(e) => !e.disabled && e.tabIndex >= 0"), "not taken out of the tab order"
        assert control.get_attribute("aria-disabled") == "true"
        assert form.locator(".cq-check").is_hidden()
        assert form.locator(".cq-retry").is_visible()
        assert page.evaluate("document.activeElement.classList.contains('cq-retry')")
        form.locator(".cq-retry").click()
        assert result_text(page, question_id) == ""
        right(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Right."), question_id
        assert form.locator(".cq-explanation").is_visible()
        if number < COUNT:
            assert score(page) == f"{number} of {COUNT} answered, {number} right."
    assert score(page) == f"Quiz complete: {COUNT} of {COUNT} right."
    single = question(page, "s-single")
    feedback = single.locator('.cq-option[data-option-id="radio"] .cq-option-feedback')
    assert feedback.is_visible()
    chosen = single.locator('input[value="radio"]')
    assert chosen.get_attribute("aria-describedby") == feedback.get_attribute("id"), "the feedback describes the choice"
    assert single.locator('input[value="checkbox"]').get_attribute("aria-describedby") is None
    single.locator('input[value="checkbox"]').click(force=True)  # a locked question keeps its answer
    assert chosen.is_checked()
    assert page.errors == []
    assert foreign_requests(page, site) == []


def test_summary_lists_every_question_with_its_explanation_and_review_link(page: Page, site: str) -> None:
    open_lesson(page, site)
    assert page.locator(".cq-report").inner_text() == ""
    answer_all_right(page)
    form = question(page, "s-tf")
    form.locator(".cq-retry").click()
    choose("true")(page, form)
    form.locator(".cq-check").click()
    assert score(page) == f"Quiz complete: {COUNT - 1} of {COUNT} right."
    report = page.locator(".cq-report")
    assert report.get_by_role("heading", name="Your results").is_visible()
    items = report.locator("li")
    assert items.count() == COUNT
    third = items.nth(2)
    assert third.inner_text().startswith("Not quite: Question 3")
    assert third.locator("div").count() >= 2, "the prompt and the explanation"
    assert third.locator('a[href$="#checking-keys"]').count() == 1, "the review link"
    assert items.nth(0).inner_text().startswith("Right: Question 1")
    items.nth(0).get_by_role("link", name="Question 1").click()
    assert page.evaluate("location.hash") == "#cq-sample-s-single"
    page.get_by_role("button", name="Try the whole quiz again").click()
    assert score(page) == f"0 of {COUNT} answered, 0 right."
    assert report.inner_text() == ""
    # The answers are cleared; each question's first attempt stays, for the instructor's item analysis.
    assert stored(page)["answers"] == {}
    assert sorted(stored(page)["firsts"]) == sorted(STAMPS)
    assert page.evaluate("document.activeElement.name") == "cq-sample-s-single"


def test_progress_survives_reload_back_and_forward(page: Page, site: str) -> None:
    open_lesson(page, site)
    choose("radio")(page, question(page, "s-single"))
    question(page, "s-single").locator(".cq-check").click()
    choose("true")(page, question(page, "s-tf"))
    question(page, "s-tf").locator(".cq-check").click()
    assert score(page) == f"2 of {COUNT} answered, 1 right."
    for move in (page.reload, lambda: (page.goto(site), page.go_back()), lambda: (page.go_back(), page.go_forward())):
        move()
        page.wait_for_selector(".cq-quiz[data-cq-ready]")
        assert score(page) == f"2 of {COUNT} answered, 1 right."
        assert question(page, "s-single").locator('input[value="radio"]').is_checked()
        assert result_text(page, "s-tf").startswith("Not quite.")
    saved = stored(page)
    assert saved["v"] == 2
    assert saved["n"] == COUNT
    assert saved["page"] == "/lesson/"
    assert set(saved["answers"]) == {"s-single", "s-tf"}
    entry = saved["answers"]["s-single"]
    assert entry["t"] == "single"
    assert entry["r"] == "radio"
    assert entry["ok"] is True
    assert entry["k"] == STAMPS["s-single"], "quiz.js stamps an answer as keycodec.key_stamp does"


def test_restore_is_silent(browser: Any, site: str) -> None:
    """No live region changes while it can speak during the load of a page with saved answers."""
    context = browser.new_context()
    page = watch(context.new_page())
    open_lesson(page, site)
    answer_all_right(page)
    context.add_init_script("""
      window.__spoken = [];
      new MutationObserver((records) => { for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const region = node && node.closest('[aria-live], [role=status]');
        if (region && region.getAttribute('aria-live') !== 'off') {
          window.__spoken.push(region.className + ': ' + region.textContent);
        }
      } }).observe(document, {subtree: true, childList: true, characterData: true});""")
    page.reload()
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert score(page) == f"Quiz complete: {COUNT} of {COUNT} right."
    assert page.evaluate("window.__spoken") == []
    form = question(page, "s-tf")  # the next action speaks again
    form.locator(".cq-retry").click()
    choose("false")(page, form)
    form.locator(".cq-check").click()
    assert form.locator(".cq-result").get_attribute("aria-live") == "polite"
    assert any(spoken.startswith("cq-result") for spoken in page.evaluate("window.__spoken"))
    assert page.errors == []
    context.close()


def test_a_key_change_drops_only_that_question(page: Page, site: str) -> None:
    open_lesson(page, site)
    answer_all_right(page)
    saved = stored(page)
    assert {qid: entry["k"] for qid, entry in saved["answers"].items()} == STAMPS
    saved["answers"]["s-single"]["k"] = "0123456789abcdef"  # stamped by a key the instructor has changed since
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(saved))})")
    page.reload()
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert score(page) == f"{COUNT - 1} of {COUNT} answered, {COUNT - 1} right."
    assert result_text(page, "s-single") == ""
    assert not question(page, "s-single").locator("input:checked").count()
    assert set(stored(page)["answers"]) == {q for q, _, _ in CASES} - {"s-single"}


STALE: dict[str, dict[str, Any]] = {
    # A question that changed type but kept its id, or storage edited by hand or by another version.
    "string for multiple": {"s-multiple": {"t": "multiple", "r": "order"}},
    "array for numeric": {"s-numeric": {"t": "numeric", "r": ["7"]}},
    "object for order": {"s-order": {"t": "order", "r": {"a": 1}}},
    "partial order": {"s-order": {"t": "order", "r": ["write", "build"]}},
    "unknown option": {"s-single": {"t": "single", "r": "nonsense"}},
    "match with an unknown target": {"s-match": {"t": "match", "r": {"single": "radio", "multiple": "zzz"}}},
    "wrong type name": {"s-single": {"t": "multiple", "r": ["radio"]}},
    "null entry": {"s-single": None},
    "number entry": {"s-tf": 5},
}


@pytest.mark.parametrize("case", [*STALE, "answers is a string", "not JSON", "old format with right flags"])
def test_stale_or_wrong_typed_storage_breaks_nothing(page: Page, site: str, case: str) -> None:
    open_lesson(page, site)
    choose("false")(page, question(page, "s-tf"))
    question(page, "s-tf").locator(".cq-check").click()
    good = stored(page)["answers"]["s-tf"]
    if case in STALE:
        answers = {"s-tf": good} if case != "number entry" else {}
        for qid, entry in STALE[case].items():
            # Stamped with the current key where the entry has one, so only the response is wrong.
            answers[qid] = entry if not isinstance(entry, dict) else {
                **entry, "k": STAMPS[qid], "ok": True, "at": 1}
        text = json.dumps({"v": 2, "answers": answers, "page": "/lesson/", "n": COUNT})
    elif case == "answers is a string":
        text = json.dumps({"v": 2, "answers": "x"})
    elif case == "not JSON":
        text = "{not json"
    else:  # the first format: no stamps, and the verdict saved beside the answer
        text = json.dumps({"v": 1, "answers": {"s-single": {"response": "checkbox", "right": True}}})
        page.evaluate(f"localStorage.setItem('cq:v1:sample', {json.dumps(text)})")
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(text)})")
    page.reload()
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    kept = case in STALE and case != "number entry"
    assert score(page) == (f"1 of {COUNT} answered, 1 right." if kept else f"0 of {COUNT} answered, 0 right.")
    assert page.locator(".cq-result:not(:empty)").count() == (1 if kept else 0)
    # Every question still works, the form is never submitted to the server, and reset works.
    for question_id, _, right in CASES:
        form = question(page, question_id)
        if form.locator(".cq-retry").is_visible():
            form.locator(".cq-retry").click()
        right(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Right."), (case, question_id)
    assert "?" not in page.url
    assert score(page) == f"Quiz complete: {COUNT} of {COUNT} right."
    page.get_by_role("button", name="Try the whole quiz again").click()
    assert stored(page)["answers"] == {}
    assert page.evaluate("localStorage.getItem('cq:v1:sample')") is None
    assert page.errors == []


BLOCKED = ("Object.defineProperty(window, 'localStorage', "
           "{get() { throw new DOMException('blocked', 'SecurityError'); }});")
FULL = ("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
        "Storage.prototype.getItem = function () { throw new Error('broken'); };")


@pytest.mark.parametrize("script", [BLOCKED, FULL], ids=["blocked", "full-and-throwing"])
def test_storage_that_throws_is_harmless(browser: Any, site: str, script: str) -> None:
    context = browser.new_context()
    context.add_init_script(script)
    page = watch(context.new_page())
    open_lesson(page, site)
    answer_all_right(page)
    assert score(page) == f"Quiz complete: {COUNT} of {COUNT} right."
    page.get_by_role("button", name="Try the whole quiz again").click()
    assert score(page) == f"0 of {COUNT} answered, 0 right."
    page.goto(site + "progress/")
    page.wait_for_selector(".cq-progress[data-cq-ready]")
    assert page.locator(".cq-progress-status").inner_text() == f"You have answered 0 of {COUNT} questions."
    # Material's own script does not guard its storage; quiz.js must never be the one that throws.
    assert [error for error in page.errors if "quiz.js" in error] == []
    context.close()


def keyboard_answer(page: Page, question_id: str, keys: list[str]) -> None:
    """Tab into the question from the one before it, press ``keys``, then reach Check answer and press Enter."""
    form = question(page, question_id)
    inside = "document.activeElement.closest('form')?.dataset.questionId"
    for _ in range(6):  # past the previous question's Try again and explanation
        page.keyboard.press("Tab")
        if page.evaluate(inside) == question_id:
            break
    assert page.evaluate(inside) == question_id, question_id
    for key in keys:
        if key.startswith("type:"):
            page.keyboard.type(key[5:])
        else:
            page.keyboard.press(key)
    for _ in range(12):
        if page.evaluate("document.activeElement.classList.contains('cq-check')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert result_text(page, question_id).startswith("Right."), (question_id, result_text(page, question_id))
    assert form.locator(".cq-retry").evaluate("(b) => b === document.activeElement")


def test_keyboard_only_every_type(page: Page, site: str) -> None:
    """Each type, order and match included, answered right with the keyboard alone, focus always visible."""
    open_lesson(page, site)
    page.locator("#cq-sample-s-single").evaluate("(form) => form.previousElementSibling.setAttribute('tabindex', '-1')")
    page.locator("#cq-sample-s-single").evaluate("(form) => form.previousElementSibling.focus()")
    # Choice options as the page shows them (shuffled): s-single text, radio, checkbox; s-multiple short, order, match.
    keyboard_answer(page, "s-single", ["ArrowDown"])  # radio group: from "text" to "radio"
    keyboard_answer(page, "s-multiple", ["Tab", "Space", "Tab", "Space"])  # skip "short", tick "order" and "match"
    keyboard_answer(page, "s-tf", ["ArrowDown"])  # from true to false
    keyboard_answer(page, "s-short", ["type:SHA-256"])
    keyboard_answer(page, "s-numeric", ["type:7"])
    keyboard_answer(page, "s-numeric-decimal", ["type:3.15"])
    # Order: write 1, build 2, verify 3 (rows: verify, write, build). A closed select takes arrow keys.
    keyboard_answer(page, "s-order", ["ArrowDown", "ArrowDown", "ArrowDown", "Tab", "ArrowDown", "Tab", "ArrowDown",
                                      "ArrowDown"])
    keyboard_answer(page, "s-match", ["ArrowDown", "ArrowDown", "Tab", "ArrowDown"])
    assert score(page) == f"Quiz complete: {COUNT} of {COUNT} right."
    # Visible focus: the focused control draws an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")  # Try again on the last question: focus goes to its first control
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_readable_without_javascript(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "lesson/")
    assert page.locator("legend").first.is_visible()
    assert page.get_by_label("Radio buttons").is_visible()
    assert page.locator(".cq-explanation summary").first.is_visible()
    assert page.locator(".cq-quiz button:visible").count() == 0, "buttons that cannot work are not shown"
    context.close()


def test_print_is_a_clean_worksheet(page: Page, site: str) -> None:
    open_lesson(page, site)
    answer_all_right(page)
    form = question(page, "s-tf")
    form.locator(".cq-retry").click()
    choose("true")(page, form)
    form.locator(".cq-check").click()
    page.emulate_media(media="print")
    quiz = page.locator(".cq-quiz")
    for hidden in ("button", ".cq-result", ".cq-option-feedback", ".cq-explanation", ".cq-hint", ".cq-score",
                   ".cq-report"):
        assert quiz.locator(f"{hidden}:visible").count() == 0, hidden
    assert quiz.locator("legend:visible").count() == COUNT
    assert quiz.locator(".cq-option:visible").count() == quiz.locator(".cq-option").count() > 0
    boxes = page.evaluate("""Array.from(document.querySelectorAll('.cq-quiz input:is([type=radio], [type=checkbox])'))
        .map((i) => getComputedStyle(i).appearance)""")
    assert set(boxes) == {"none"}, "empty boxes, not the answers given on screen"
    texts = page.evaluate("""Array.from(document.querySelectorAll('.cq-quiz input[type=text], .cq-quiz select'))
        .map((i) => getComputedStyle(i).color)""")
    assert set(texts) == {"rgba(0, 0, 0, 0)"}
    assert page.locator(".md-sidebar:visible, .md-header:visible").count() == 0


def test_touch_targets_reduced_motion_and_forced_colours(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion="reduce",
                                  forced_colors="active")
    page = watch(context.new_page())
    open_lesson(page, site)
    form = question(page, "s-single")
    choose("checkbox")(page, form)
    form.locator(".cq-check").click()
    small = page.evaluate("""Array.from(document.querySelectorAll(
        '.cq-quiz :is(button, select, input[type=text], .cq-option label, summary)'))
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().height < 44)
        .map((e) => e.outerHTML.slice(0, 80))""")
    assert small == []
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    chosen = form.locator(".cq-chosen")
    assert chosen.evaluate("(e) => getComputedStyle(e).outlineStyle") == "dashed", "wrong is drawn, not only coloured"
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    durations = page.evaluate("""Array.from(document.querySelectorAll('.md-sidebar, .md-search__inner, .cq-quiz *'))
        .map((e) => getComputedStyle(e).transitionDuration)
        .filter((d) => d.split(',').some((x) => parseFloat(x) > 0))""")
    assert durations == []
    assert page.errors == []
    context.close()
