"""The quiz in two languages, in Chromium: the Chinese page shows the engine's Chinese words, grades
Chinese short answers, and shares saved progress with the English page (one key, one key stamp)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from course_quiz.prepare import prepare_course
from course_quiz.published import published
from course_quiz.verify import site_pages_for
from tests.browser.conftest import Page, free_port, served
from tests.conftest import FIXTURE_COURSE, FIXTURE_ZH

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture course's lesson in English (/lesson/) and Chinese (/zh/lesson/), as static-i18n lays them out."""
    course = tmp_path_factory.mktemp("languages") / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    for folder in ("docs", "quizzes"):
        shutil.copytree(FIXTURE_ZH / folder, course / folder, dirs_exist_ok=True)
    site = course / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "quiz.js").write_bytes(published("quiz.js"))
    for language in ("en", "zh"):
        prepared = prepare_course(course / "docs", course / "quizzes", course, language=language)
        assert prepared.problems == ()
        page = site / site_pages_for("lesson.md", language)[0]
        page.parent.mkdir(parents=True, exist_ok=True)
        script = "../" * page.relative_to(site).as_posix().count("/") + "assets/quiz.js"
        head = f"<!doctype html><html lang={language}><meta charset=utf-8><title>{language}</title>"
        page.write_text(f"{head}<link rel=icon href='data:,'><body>{prepared.quizzes['sample'].html}"
                        f"<script src={script}></script>", encoding="utf-8")
    port = free_port()
    yield from served(site, port)



def test_chinese_page_grades_chinese_answers_and_shares_progress_with_english(page: Page, site: str) -> None:
    page.goto(site + "zh/lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    short = page.locator('form[data-question-id="s-short"]')
    assert short.locator(".cq-number").inner_text() == "第4题（共8题）"
    assert short.locator(".cq-check").inner_text() == "检查答案"
    assert short.locator("label").first.inner_text() == "你的答案"
    short.locator("input").fill("安全哈希算法256")
    short.locator(".cq-check").click()
    assert "cq-is-right" in (short.get_attribute("class") or "")
    true_false = page.locator('form[data-question-id="s-tf"]')
    assert true_false.locator(".cq-option-text").all_inner_texts() == ["正确", "错误"]
    true_false.locator('input[value="true"]').check()
    true_false.locator(".cq-check").click()
    assert "cq-is-wrong" in (true_false.get_attribute("class") or "")
    # The English page of the same quiz finds both answers, with the same verdicts: progress is shared.
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    short = page.locator('form[data-question-id="s-short"]')
    assert short.locator(".cq-check").inner_text() == "Check answer"
    assert short.locator("input").input_value() == "安全哈希算法256"
    assert "cq-is-right" in (short.get_attribute("class") or "")
    assert "cq-is-wrong" in (page.locator('form[data-question-id="s-tf"]').get_attribute("class") or "")
    assert page.errors == []


def test_each_page_accepts_every_languages_short_answers(page: Page, site: str) -> None:
    for address, answer in (("lesson/", "安全哈希算法256"), ("zh/lesson/", "SHA2-256"), ("zh/lesson/", "哈希")):
        page.goto(site + address)
        page.wait_for_selector(".cq-quiz[data-cq-ready]")
        short = page.locator('form[data-question-id="s-short"]')
        if "cq-done" in (short.get_attribute("class") or ""):
            short.locator(".cq-retry").click()
        short.locator("input").fill(answer)
        short.locator(".cq-check").click()
        verdict = "cq-is-wrong" if answer == "哈希" else "cq-is-right"
        assert verdict in (short.get_attribute("class") or ""), (address, answer)
    assert page.errors == []
