"""quiz.js in two languages, in Chromium: a page whose ``<html lang>`` is Chinese shows quiz.js's messages in
Chinese, and a student's progress is shared between the languages (the same storage keys).

The fixture course is built twice, English at the root and Chinese (``theme.language: zh``) under ``zh/``,
as the Chinese edition is laid out; the pages' quiz markup is the same in both, so only quiz.js's own
messages differ here."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from tests.browser.conftest import Page, _require_browser, build_site, foreign_requests, free_port, served
from tests.browser.test_quiz_browser import CASES, COUNT, question
from tests.conftest import FIXTURE_COURSE

pytestmark = pytest.mark.browser

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    work = tmp_path_factory.mktemp("two-languages")
    copy = work / "course"
    shutil.copytree(FIXTURE_COURSE, copy)
    # Each language a site of its own (a layout the navigation marks handle too); verification knows only
    # mkdocs-static-i18n's layout, in which the Chinese build sees the English pages beside it.
    (copy / "mkdocs.zh.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  language: zh\n"
                                        "plugins:\n  course-quiz:\n    verify: false\n")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(copy, url, work / "site")
    build_site(copy, url + "zh/", work / "site" / "zh", "mkdocs.zh.yml")
    yield from served(work / "site", port)



def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".cq-quiz[data-cq-ready], .cq-progress[data-cq-ready]")


def text(page: Page, selector: str) -> str:
    return str(page.locator(selector).first.inner_text())


def test_a_chinese_page_shows_chinese_messages(page: Page, site: str) -> None:
    open_page(page, site + "zh/lesson/")
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert text(page, ".cq-score") == f"共{COUNT}题，已答0题，答对0题。"
    single = question(page, "s-single")
    single.locator(".cq-check").click()
    assert single.locator(".cq-result").inner_text() == "请先选择一个答案。"
    order = question(page, "s-order")
    order.locator(".cq-check").click()
    assert order.locator(".cq-result").inner_text() == "请先在每个列表中作出选择。"
    for question_id, wrong, right in CASES:
        form = question(page, question_id)
        wrong(page, form)
        form.locator(".cq-check").click()
        result = form.locator(".cq-result").inner_text()
        assert result.startswith("不太对。请阅读反馈，复习相关小节后再试一次。"), result
        form.locator(".cq-retry").click()
        right(page, form)
        form.locator(".cq-check").click()
        assert form.locator(".cq-result").inner_text() == "正确。请看下面的解析。"
    assert text(page, ".cq-score") == f"测验完成：共{COUNT}题，答对{COUNT}题。"
    report = page.locator(".cq-report")
    assert report.get_by_role("heading", name="你的结果").is_visible()
    marks = [str(s.inner_text()) for s in report.locator("li > strong").all()]
    links = [str(a.inner_text()) for a in report.locator("li > a").all()]
    assert marks == ["正确："] * COUNT
    assert links == [f"第{n}题" for n in range(1, COUNT + 1)]
    # The navigation mark's label, read by screen readers.
    assert page.locator(".md-nav--primary .cq-mark .cq-sr").first.text_content() == "（测验已完成）"
    assert page.errors == []
    assert foreign_requests(page, site) == []


def test_the_chinese_progress_page_and_its_downloads(page: Page, site: str) -> None:
    open_page(page, site + "zh/lesson/")
    CASES[0][2](page, question(page, "s-single"))
    question(page, "s-single").locator(".cq-check").click()
    open_page(page, site + "zh/progress/")
    cells = [str(c.inner_text()) for c in page.locator(".cq-progress tr[data-cq-for] td").all()]
    assert cells[:2] == [f"答对1题（共{COUNT}题）", f"已答1题（共{COUNT}题）"]
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", cells[2]), cells[2]  # the date as Chinese readers write it
    status = text(page, ".cq-progress-status")
    assert status == f"全部{COUNT}题中，你已答1题。"
    page.locator(".cq-student").fill("张三")
    with page.expect_download() as download:
        page.locator('.cq-download[data-cq-format="json"]').click()
    assert download.value.suggested_filename == "我的结果-张三.json"
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.accept()))
    page.dialogs = []
    page.locator(".cq-reset-all").click()
    assert len(page.dialogs) == 1
    assert not LATIN.search(page.dialogs[0]), page.dialogs
    assert text(page, ".cq-progress-status") == f"全部{COUNT}题中，你已答0题。"
    assert [str(c.inner_text()) for c in page.locator(".cq-progress tr[data-cq-for] td").all()] == [
        f"{COUNT}题", "未开始", "暂无"]
    assert page.errors == []


def test_progress_is_shared_between_the_languages(page: Page, site: str) -> None:
    """An answer given on one language's page shows on the other's: the quiz, its navigation mark, the
    progress page."""
    open_page(page, site + "lesson/")
    for question_id, _, right in CASES[:4]:
        right(page, question(page, question_id))
        question(page, question_id).locator(".cq-check").click()
    open_page(page, site + "zh/lesson/")
    assert text(page, ".cq-score") == f"共{COUNT}题，已答4题，答对4题。"
    assert question(page, "s-single").locator(".cq-result").inner_text() == "正确。请看下面的解析。"
    for question_id, _, right in CASES[4:]:
        right(page, question(page, question_id))
        question(page, question_id).locator(".cq-check").click()
    assert page.locator(".md-nav--primary .cq-mark").count() >= 1, "the Chinese navigation marks the lesson"
    open_page(page, site + "lesson/")
    assert text(page, ".cq-score") == f"Quiz complete: {COUNT} of {COUNT} right."
    marked = page.locator(".md-nav--primary a.md-nav__link:has(.cq-mark)")
    assert marked.count() >= 1
    assert all(link.get_attribute("href").rstrip("/").endswith("lesson") for link in marked.all())
    assert page.locator(".cq-mark .cq-sr").first.text_content() == " (quiz complete)"
    open_page(page, site + "progress/")
    assert text(page, ".cq-progress-status") == f"You have answered {COUNT} of {COUNT} questions."
    open_page(page, site + "zh/progress/")
    assert text(page, ".cq-progress-status") == f"全部{COUNT}题中，你已答{COUNT}题。"
    assert page.errors == []
