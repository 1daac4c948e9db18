"""axe-core on every page of the real course, in the light and the dark scheme: before answering,
after answering every quiz (and on the pages that show progress), and with the navigation drawer and
the search opened. The target is no violation of any rule axe runs by default.

axe-core comes bundled in the PyPI package axe-playwright-python, so this runs offline.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from course_quiz.course import load_course
from tests.browser.conftest import Page, foreign_requests, right_response, watch, wrong_response
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

QUIZZES = load_course(PROJECT / "docs", PROJECT / "quizzes", root=PROJECT).quizzes


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def pages(course_site: str) -> list[str]:
    """Every page of the built site, from its sitemap."""
    with urllib.request.urlopen(course_site + "sitemap.xml") as response:
        found = re.findall(r"<loc>([^<]+)</loc>", response.read().decode())
    assert len(found) >= 14
    assert any("/zh/" in url for url in found)  # the Chinese edition's pages too (mkdocs-static-i18n's sitemap)
    return sorted(found)


def violations(axe: Any, page: Page, context: object = None) -> list[str]:
    results = axe.run(page, context=context).response
    return [f"{page.url} {v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in results["violations"]]


def answer_quiz_fast(page: Page, quiz_id: str) -> None:
    """Answer every question (the first one wrong) through the form, as quiz.js reads it."""
    for number, question in enumerate(QUIZZES[quiz_id].questions):
        response = wrong_response(question) if number == 0 else right_response(question)
        page.evaluate("""([id, type, r]) => {
            const form = document.querySelector(`form[data-question-id="${id}"]`);
            if (type === 'single' || type === 'true-false' || type === 'multiple') {
              form.querySelectorAll('input').forEach((i) => { i.checked = [].concat(r).includes(i.value); });
            } else if (type === 'short' || type === 'numeric') { form.querySelector('input[type=text]').value = r; }
            else if (type === 'order') {
              form.querySelectorAll('select').forEach((s) => { s.value = r.indexOf(s.dataset.itemId) + 1; });
            }
            else { form.querySelectorAll('select').forEach((s) => { s.value = r[s.dataset.leftId]; }); }
            form.querySelector('.cq-check').click();
        }""", [question.id, question.type, response])
    assert page.locator("form.cq-question:not(.cq-done)").count() == 0  # every question answered (any language)


# The audits in light and in dark are the suite's two longest tests: a group each, run first, so that
# pytest-xdist runs them side by side on its two workers (tests/conftest.py).
@pytest.fixture(params=[pytest.param(scheme, marks=[pytest.mark.xdist_group(f"axe-{scheme}"), pytest.mark.longest])
                        for scheme in ("light", "dark")])
def scheme_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Page]:
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900})
    page = watch(context.new_page())
    page.scheme = "slate" if request.param == "dark" else "default"
    yield page
    context.close()


def test_axe_finds_nothing_on_any_page_before_and_after_answering(
        axe: Any, scheme_page: Page, pages: list[str], course_site: str) -> None:
    page = scheme_page
    found = []
    for url in pages:
        page.goto(url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == page.scheme
        quiz = page.locator(".cq-quiz")
        if quiz.count():
            page.wait_for_selector(".cq-quiz[data-cq-ready]")
        found += violations(axe, page)
        if quiz.count():  # answered: results, feedback, explanations, the summary and the navigation mark
            answer_quiz_fast(page, str(quiz.get_attribute("data-quiz-id")))
            found += violations(axe, page, {"include": [[".cq-quiz"], [".md-sidebar--primary"]]})
    for url in (course_site, course_site + "progress/"):  # cards, continue button, progress table, filled
        page.goto(url)
        assert page.locator(".cq-card-progress, .cq-progress[data-cq-ready]").count()
        found += violations(axe, page)
    assert found == []
    assert page.errors == []
    assert foreign_requests(page, course_site) == []


def test_axe_finds_nothing_with_the_drawer_or_the_search_open(axe: Any, scheme_page: Page, course_site: str) -> None:
    page = scheme_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(course_site + "lessons/soft-power/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in
    found = violations(axe, page)
    page.keyboard.press("Escape")
    page.goto(course_site + "lessons/soft-power/")
    page.locator('label.md-header__button[for="__search"]').click()
    # Typed before the search worker has loaded its index, a query is never answered.
    page.wait_for_function("!/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.locator(".md-search__input").press_sequentially("soft power", delay=20)  # Material reads key events
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    found += violations(axe, page)
    assert found == []
    assert page.errors == []
