"""The quizzes of a Zensical build in headless Chromium: one question of each type answered, wrong then right.

Zensical builds the fixture course (every question type) with the course_quiz extension and the
repository's zensical.yml; the site is served on 127.0.0.1 and reached by instant navigation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import _require_browser, chinese_single_wrong_then_right, free_port, served
from tests.browser.test_quiz_browser import CASES, question, result_text
from tests.conftest import FIXTURE_COURSE
from tests.portability.hosts import zensical_build, zensical_course

pytestmark = [pytest.mark.browser, pytest.mark.build]

Page = Any


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    course = zensical_course(FIXTURE_COURSE, tmp_path_factory.mktemp("zensical-site") / "course")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # Instant navigation works only under site_url; a configuration of its own sets it for this build.
    (course / "zensical.browser.yml").write_text(f"INHERIT: zensical.yml\nsite_url: {url}\n")
    result = zensical_build(course, "zensical.browser.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    yield from served(course / "site", port)


@pytest.fixture
def page(browser: Any, zensical_site: str) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    opened.errors = []
    opened.requests = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    opened.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()


def test_every_type_answered_on_the_zensical_build(page: Page, zensical_site: str) -> None:
    page.goto(zensical_site)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="sample lesson", exact=True).click()
    page.wait_for_url(re.compile(r"/lesson/(#[\w-]*)?$"))  # navigation.tracking may add the heading in view
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert page.evaluate("window.__sameDocument === true"), "the lesson was loaded by a full page load"
    for question_id, wrong, right in CASES:
        form = question(page, question_id)
        wrong(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Not quite."), question_id
        review = form.locator(".cq-result a")
        assert review.inner_text() in {"Review: Question types", "Review: Checking keys"}, question_id
        form.locator(".cq-retry").click()
        right(page, form)
        form.locator(".cq-check").click()
        assert result_text(page, question_id).startswith("Right."), question_id
    assert page.locator(".cq-score").inner_text() == f"Quiz complete: {len(CASES)} of {len(CASES)} right."
    foreign = [url for url in page.requests if not url.startswith(zensical_site) and not url.startswith("data:")]
    assert foreign == []
    assert page.errors == []


@pytest.fixture(scope="module")
def zensical_bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The two-language fixture course built by zensical-i18n (Zensical once per language), served."""
    from tests.mkdocs_course.bilingual import make_bilingual

    _require_browser()
    course = zensical_course(FIXTURE_COURSE, tmp_path_factory.mktemp("zensical-bilingual") / "course")
    make_bilingual(course)
    result = zensical_build(course)
    assert result.returncode == 0, result.stdout + result.stderr
    port = free_port()
    yield from served(course / "site", port)


def test_a_chinese_quiz_and_the_language_switcher_on_the_zensical_i18n_build(
        page: Page, zensical_bilingual_site: str) -> None:
    site = zensical_bilingual_site
    page.goto(site + "zh/lesson/")
    assert page.evaluate("document.documentElement.lang") == "zh"
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    form = question(page, "s-single")
    chinese_single_wrong_then_right(form)
    # zensical-i18n's own switcher leads to the same page in English.
    page.locator(".md-header .md-select").hover()
    with page.expect_navigation():
        page.locator('.md-select__link[hreflang="en"]').click()
    assert page.url == site + "lesson/"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert "cq-is-right" in str(question(page, "s-single").get_attribute("class"))  # progress is shared
    assert page.errors == []
