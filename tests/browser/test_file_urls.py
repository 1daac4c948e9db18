"""The built site opened from a folder (``file://``), with no server, in Chromium: the quizzes become
interactive, answers are kept across reloads, and a page a reader saved works too.

Why this needed a fix: with ``navigation.instant`` on, Material's bundle gives up instant navigation under
``file://`` by returning an empty observable into ``document$``, which completes it before the page's
DOMContentLoaded ever reaches it; ``document$`` then never emits, and a script that waits for it alone never
runs (no error anywhere). quiz.js runs on the page's own load as well."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Page, _require_browser, build_site, watch
from tests.browser.test_quiz_browser import CASES, COUNT, question
from tests.conftest import FIXTURE_COURSE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course (instant navigation on) built for no server: site_url left empty."""
    _require_browser()
    work = tmp_path_factory.mktemp("file-urls")
    shutil.copytree(FIXTURE_COURSE, work / "course")
    build_site(work / "course", "", work / "site")
    return work / "site"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    made = browser.new_context()
    yield made
    made.close()


def opened(context: Any, url: str) -> Page:
    page = watch(context.new_page())
    page.goto(url)
    page.wait_for_selector(".cq-quiz[data-cq-ready], .cq-progress[data-cq-ready]")
    return page


def score(page: Page) -> str:
    return str(page.locator(".cq-score").inner_text())


def local_only(page: Page) -> list[str]:
    return [url for url in page.requests if not url.startswith(("file://", "data:", "blob:"))]


def test_material_completes_document_before_it_emits(context: Any, folder: Path) -> None:
    """The cause, kept as a fact of Material: if a Material update changes it, this says so."""
    page = opened(context, (folder / "lesson" / "index.html").as_uri())
    emitted = page.evaluate("""() => new Promise((done) => {
        let value = false;
        window.document$.subscribe({next: () => { value = true; }, complete: () => done(['complete', value])});
        setTimeout(() => done(['open', value]), 200);
    })""")
    assert emitted == ["complete", False]


def test_the_quiz_works_from_a_folder(context: Any, folder: Path) -> None:
    page = opened(context, (folder / "lesson" / "index.html").as_uri())
    for question_id, wrong, right in CASES:
        form = question(page, question_id)
        wrong(page, form)
        form.locator(".cq-check").click()
        assert form.locator(".cq-result").inner_text().startswith("Not quite."), question_id
        form.locator(".cq-retry").click()
        right(page, form)
        form.locator(".cq-check").click()
        assert form.locator(".cq-result").inner_text().startswith("Right."), question_id
    page.reload()
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert score(page) == f"Quiz complete: {COUNT} of {COUNT} right."
    assert page.locator(".md-nav--primary .cq-mark").count() >= 1
    progress = opened(context, (folder / "progress" / "index.html").as_uri())
    assert progress.locator(".cq-progress-status").inner_text() == f"You have answered {COUNT} of {COUNT} questions."
    assert page.errors == []
    assert progress.errors == []
    assert local_only(page) == []


def test_a_saved_page_works(context: Any, browser: Any, folder: Path) -> None:
    """A page saved as the browser saves it (the document as it is then, results shown) is set up afresh."""
    page = opened(context, (folder / "lesson" / "index.html").as_uri())
    _, _, right = CASES[0]
    right(page, question(page, "s-single"))
    question(page, "s-single").locator(".cq-check").click()
    saved = folder / "lesson" / "saved.html"
    saved.write_text(page.content(), encoding="utf-8")
    assert 'data-cq-ready="1"' in saved.read_text(encoding="utf-8")
    # Another browser: nothing saved there.
    elsewhere = browser.new_context()
    try:
        fresh = opened(elsewhere, saved.as_uri())
        assert score(fresh) == f"0 of {COUNT} answered, 0 right."
        form = question(fresh, "s-single")
        assert form.locator(".cq-result").inner_text() == ""
        right(fresh, form)
        form.locator(".cq-check").click()
        assert form.locator(".cq-result").inner_text().startswith("Right.")
        assert score(fresh) == f"1 of {COUNT} answered, 1 right."
        assert fresh.locator(".cq-report").count() == 1
        assert fresh.errors == []
    finally:
        elsewhere.close()
    # The same browser: the answer given on the page it was saved from is there.
    again = opened(context, saved.as_uri())
    assert score(again) == f"1 of {COUNT} answered, 1 right."
    assert question(again, "s-single").locator(".cq-result").inner_text().startswith("Right.")
