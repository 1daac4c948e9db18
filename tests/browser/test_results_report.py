"""The instructor's HTML report in Chromium: axe finds nothing, no request leaves the file, it reads
without JavaScript and prints. The report is made from synthetic results of the real course
(bench/results_generate.py), so it holds flagged questions and every chart."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from course_quiz.results.grading import Which
from course_quiz.results.html import report_html
from course_quiz.results.report import run
from tests.browser.conftest import Page, watch
from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))
from results_generate import real_course, write_results

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    course = real_course()
    write_results(folder / "files", 120, course=course)
    (folder / "files" / "broken.json").write_text("{", encoding="utf-8")  # the problems section has a line
    made = run([folder / "files"], course, Which.FIRST)
    assert made.flagged
    assert made.edited
    assert made.problems
    path = folder / "report.html"
    path.write_text(report_html(made), encoding="utf-8")
    return path


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watch(context.new_page())
    context.close()


def test_axe_finds_nothing_and_no_request_leaves_the_file(page: Page, report: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(report.as_uri())
    found = Axe().run(page).response
    assert [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found["violations"]] == []
    assert [url for url in page.requests if url != report.as_uri() and not url.startswith("data:")] == []
    assert page.errors == []


def test_it_reads_without_javascript_and_shows_every_chart(page: Page, report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text, "no script at all: nothing to turn off"
    assert not re.search(r"\son[a-z]+=", text)
    page.goto(report.as_uri())
    for name in ("Summary", "Questions to revise", "Charts", "Item analysis", "Gradebook", "Edited files",
                 "Problems"):
        assert page.get_by_role("heading", name=name, exact=True).is_visible()
    images = page.locator("figure img")
    assert images.count() >= 3
    for index in range(images.count()):  # every chart was decoded and drawn
        assert images.nth(index).evaluate("(img) => img.complete && img.naturalWidth > 0")
        assert images.nth(index).get_attribute("alt")
    assert page.locator("table").count() >= 3


def test_it_prints(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    assert page.locator("thead").first.evaluate("(e) => getComputedStyle(e).display") == "table-header-group"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") > 3
