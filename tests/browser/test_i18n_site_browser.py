"""The two-language fixture course in Chromium: the language switcher (also after instant navigation),
a Chinese quiz answered right and wrong, and Chinese search. (axe runs on the real course's Chinese pages,
light and dark, in test_site_audits.py.)
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import (
    Page,
    build_site,
    chinese_single_wrong_then_right,
    foreign_requests,
    free_port,
    served,
    watch,
)
from tests.conftest import FIXTURE_COURSE
from tests.mkdocs_course.bilingual import ONLY_IN_LESSON, make_bilingual

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course in English and Chinese, built with a site_url (instant navigation) and served."""
    from tests.browser.conftest import _require_browser

    _require_browser()
    work = tmp_path_factory.mktemp("bilingual-site")
    course = work / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    make_bilingual(course)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(course, url, work / "site")
    yield from served(work / "site", port)


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watch(context.new_page())
    context.close()


def mark_document(page: Page) -> None:
    """Mark the loaded document: the mark survives instant navigation, and not a full page load."""
    page.evaluate("window.__sameDocument = true")


def same_document(page: Page) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


def switch_language(page: Page, lang: str) -> None:
    """Choose ``lang`` in the header's language menu (it opens on hover), and wait for the page."""
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator(f'.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_load_state()


def test_the_switcher_leads_to_the_same_lesson_after_instant_navigation(page: Page, site: str) -> None:
    page.goto(site)
    mark_document(page)
    page.locator(".md-content").get_by_role("link", name="sample lesson", exact=True).click()
    page.wait_for_url(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert same_document(page), "the lesson was not reached by instant navigation"
    switch_language(page, "zh")
    assert page.url == site + "zh/lesson/"
    assert not same_document(page), "a full page load: the Chinese header, search and <html lang>"
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.title() == "样例课 - 样例课程"
    # And back, from a Chinese lesson reached by instant navigation too.
    page.goto(site + "zh/")
    mark_document(page)
    page.locator(".md-content").get_by_role("link", name="样例课", exact=True).click()
    page.wait_for_url(site + "zh/lesson/")
    assert same_document(page)
    switch_language(page, "en")
    assert page.url == site + "lesson/"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.errors == []
    assert foreign_requests(page, site) == []


def test_the_switcher_on_a_page_loaded_directly(page: Page, site: str) -> None:
    page.goto(site + "zh/progress/")
    switch_language(page, "en")
    assert page.url == site + "progress/"
    switch_language(page, "zh")
    assert page.url == site + "zh/progress/"


def test_a_chinese_quiz_answered_wrong_then_right(page: Page, site: str) -> None:
    page.goto(site + "zh/lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    form = page.locator('form[data-question-id="s-single"]')
    chinese_single_wrong_then_right(form)
    assert "单选按钮只能选一个。" in form.inner_text()
    short = page.locator('form[data-question-id="s-short"]')
    short.locator("input[type=text]").fill("安全散列算法256")  # the Chinese accepted answer
    short.locator(".cq-check").click()
    assert "cq-is-right" in str(short.get_attribute("class"))
    # Progress is shared: the English lesson shows the same answers (same quiz and question ids and stamps).
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert "cq-is-right" in str(page.locator('form[data-question-id="s-single"]').get_attribute("class"))
    assert page.errors == []


def test_chinese_search_finds_the_lesson_first(page: Page, site: str) -> None:
    page.goto(site + "zh/")
    page.locator(".md-search__input").click()
    page.wait_for_function("!/Initializing|正在初始化/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.locator(".md-search__input").fill(ONLY_IN_LESSON)
    page.locator(".md-search__input").press("End")  # Material reads key events
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert first is not None
    assert first.startswith(site + "zh/lesson/"), first
    assert page.errors == []


# ---- The real course: a lesson in both languages, its Chinese quiz, Chinese search -----------------------

LESSON = "lessons/soft-power/"
# A Chinese term that only the Chinese soft-power lesson uses (综合国力, "comprehensive national power").
ONLY_IN_SOFT_POWER = "综合国力"


def real_quiz(language: str) -> Any:
    from course_quiz.course import load_course, localize
    from tests.conftest import PROJECT

    course = load_course(PROJECT / "docs", PROJECT / "quizzes", root=PROJECT)
    return localize(course, language).quizzes["soft-power"]


def test_real_course_switch_language_on_a_lesson_and_answer_in_chinese(page: Page, course_site: str) -> None:
    from tests.browser.conftest import answer, right_response, wrong_response

    page.goto(course_site)
    mark_document(page)
    page.locator(f'.md-content a[href$="/{LESSON}"]').first.click()
    page.wait_for_url(lambda url: url.startswith(course_site + LESSON))  # navigation.tracking adds a #section
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert same_document(page), "the lesson was not reached by instant navigation"
    switch_language(page, "zh")
    assert page.url.split("#")[0] == course_site + "zh/" + LESSON
    assert page.evaluate("document.documentElement.lang") == "zh"
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    chinese = real_quiz("zh")
    first, second = chinese.questions[0], chinese.questions[1]
    form = page.locator(f'form[data-question-id="{first.id}"]')
    answer(form, first.type, wrong_response(first))
    assert "cq-is-wrong" in str(form.get_attribute("class"))
    form.locator(".cq-retry").click()
    answer(form, first.type, right_response(first))
    assert "cq-is-right" in str(form.get_attribute("class"))
    assert first.explanation[:12] in form.locator(".cq-explanation").inner_text()  # the translation's text
    other = page.locator(f'form[data-question-id="{second.id}"]')
    answer(other, second.type, right_response(second))
    assert "cq-is-right" in str(other.get_attribute("class"))
    # And back to the same lesson in English, where the shared progress shows the same answers.
    switch_language(page, "en")
    assert page.url.split("#")[0] == course_site + LESSON
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert "cq-is-right" in str(page.locator(f'form[data-question-id="{first.id}"]').get_attribute("class"))
    assert page.errors == []
    assert foreign_requests(page, course_site) == []


def test_real_course_chinese_search_finds_the_one_lesson_first(page: Page, course_site: str) -> None:
    page.goto(course_site + "zh/")
    page.locator(".md-search__input").click()
    page.wait_for_function("!/Initializing|正在初始化/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.locator(".md-search__input").fill(ONLY_IN_SOFT_POWER)
    page.locator(".md-search__input").press("End")  # Material reads key events
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert first is not None
    assert first.startswith(course_site + "zh/" + LESSON), first
    assert page.errors == []
