"""Hostile quiz text in Chromium: quizzes built from script links in every text field, rendered straight
with ``QuizRenderer`` (no check in between), are answered and clicked through link by link; no dialog
opens and nothing navigates to a script URL.

A control run renders the reproduction with the sanitizer switched off and must see the dialog: the
harness detects the attack it guards against.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import course_quiz
from course_quiz.loader import load_quiz_text
from course_quiz.render import QuizRenderer
from tests.browser.conftest import free_port, served
from tests.course_quiz.test_safety import FIELDS, VARIANTS, hostile_quiz, quiz_source

pytestmark = pytest.mark.browser

Page = Any
ASSETS = Path(course_quiz.__file__).parent / "assets"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile quiz text</title>
<link rel="stylesheet" href="quiz.css"></head>
<body><h2 id="part">Part</h2>
{quizzes}
<script src="quiz.js"></script></body></html>
"""
ALLOWED_PROTOCOLS = {"http:", "https:", "mailto:"}


def render_page(variants: list[str]) -> str:
    """One quiz per variant, the variant in every text field, rendered without any check."""
    renderer = QuizRenderer()
    quizzes = []
    for variant in variants:
        source = quiz_source(dict.fromkeys(FIELDS, VARIANTS[variant][0]))
        assert load_quiz_text("quizzes/hostile.yml", source)[1]  # the checker objects; the renderer is used regardless
        quizzes.append(renderer.render(hostile_quiz(VARIANTS[variant][0], variant), {"part": "Part"}))
    return PAGE.format(quizzes="\n".join(quizzes))


@contextmanager
def serve_page(folder: Path, markup: str) -> Iterator[str]:
    """Serve ``markup`` as the index page of ``folder`` with the package's quiz.js and quiz.css."""
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(markup, encoding="utf-8")
    for asset in ("quiz.js", "quiz.css"):
        shutil.copyfile(ASSETS / asset, folder / asset)
    yield from served(folder, free_port())


class Watch:
    """What a page did that it must not: dialogs, navigations, popups, script errors.

    A link that leaves the page is recorded and answered with No Content, so the quiz stays for the
    next click. (``javascript:`` URLs never reach the network: they show up as dialogs, and in the
    protocols of the links.)
    """

    def __init__(self, page: Page, site: str) -> None:
        self.site = site
        self.dialogs: list[str] = []
        self.navigations: list[str] = []
        self.left_for: list[str] = []
        self.popups: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("framenavigated", lambda frame: self.navigations.append(frame.url))
        page.on("popup", lambda popup: self.popups.append(popup.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        request = route.request
        if request.is_navigation_request() and request.url.split("#")[0] != self.site:
            self.left_for.append(request.url)
            route.fulfill(status=204)  # No Content: the browser stays on the page (an abort would not)
        else:
            route.continue_()


def answer_everything(page: Page) -> None:
    """Open every hint, answer every question, open every explanation: every text is on show."""
    for form in page.locator("form.cq-question").all():
        hint = form.locator(".cq-hint summary")
        if hint.count():
            hint.click()
        kind = form.get_attribute("data-type")
        if kind == "single":
            form.locator('input[value="a"]').check()  # the option whose text and feedback are hostile
        elif kind == "order":
            form.locator('select[data-item-id="one"]').select_option("1")
            form.locator('select[data-item-id="two"]').select_option("2")
        else:
            form.locator('select[data-left-id="l1"]').select_option("r1")
            form.locator('select[data-left-id="l2"]').select_option("r2")
        form.locator(".cq-check").click()
        explanation = form.locator(".cq-explanation")
        if not explanation.evaluate("element => element.open"):
            explanation.locator("summary").click()


def click_every_link(page: Page) -> int:
    # Not the summaries' copies of the same links: their addresses are checked with every other
    # (browser_protocols), and clicking them all again would double the test's time.
    links = page.locator(".cq-quiz a:not(.cq-report a)")
    count = int(links.count())
    for index in range(count):
        link = links.nth(index)
        assert link.is_visible(), f"link {index} is hidden: {link.evaluate('element => element.outerHTML')}"
        link.click()
        page.wait_for_timeout(30)  # a javascript: URL runs after the click's task
    return count


def browser_protocols(page: Page) -> set[str]:
    """The protocol Chromium's own URL parser gives every href and src in the quizzes."""
    return set(page.evaluate(
        "Array.from(document.querySelectorAll('.cq-quiz [href], .cq-quiz [src]'), element =>"
        " new URL(element.getAttribute(element.hasAttribute('href') ? 'href' : 'src'), document.baseURI).protocol)"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_page(tmp_path_factory.mktemp("hostile") / "site", render_page(list(VARIANTS))) as url:
        yield url


def test_clicking_every_link_of_hostile_quizzes_runs_nothing(browser: Any, hostile_site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page, hostile_site)
    page.goto(hostile_site)
    page.wait_for_function(f"document.querySelectorAll('.cq-quiz[data-cq-ready]').length === {len(VARIANTS)}")
    answer_everything(page)
    clicked = click_every_link(page)
    # Every link was on show and clicked: in the title, prompt, option text and feedback, explanation,
    # hint, order item and match left text of each variant that is a link, and each review link.
    assert clicked == len(re.findall(r"<a[\s>]", render_page(list(VARIANTS))))
    assert page.locator(".cq-report a").count() > 0, "each quiz ends with its summary, copies of links included"
    assert clicked > 7 * len(VARIANTS)  # no page without links: 193 links today
    assert watch.dialogs == []
    assert watch.popups == []
    assert watch.errors == []
    assert {url.split("#")[0] for url in watch.navigations} == {hostile_site}
    # The spellings Python-Markdown leaves inert are relative links: on this site, to a missing page.
    assert all(url.startswith(hostile_site) for url in watch.left_for), watch.left_for
    assert page.url.split("#")[0] == hostile_site
    assert browser_protocols(page) <= ALLOWED_PROTOCOLS
    context.close()


def test_control_without_the_sanitizer_the_harness_sees_the_attack(
        browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("course_quiz.textrender.sanitize", lambda markup: markup)
    with serve_page(tmp_path / "site", render_page(["decimal-reference"])) as url:
        context = browser.new_context()
        page = context.new_page()
        watch = Watch(page, url)
        page.goto(url)
        page.wait_for_selector(".cq-quiz[data-cq-ready]")
        answer_everything(page)
        click_every_link(page)
        assert "127.0.0.1" in watch.dialogs
        assert "javascript:" in browser_protocols(page)
        context.close()
