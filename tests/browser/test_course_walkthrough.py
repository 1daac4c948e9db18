"""A student's walk through the real course: every lesson reached from the home page by instant
navigation, its quiz answered once wrong and then right, the summary read, the navigation marks,
the lesson cards, the progress page and the downloaded results checked; then everything reset.
No request leaves the site and the console stays free of errors the whole way."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from course_quiz.course import load_course, localize
from course_quiz.keycodec import quiz_stamps
from course_quiz.progress import quiz_version
from tests.browser.conftest import Page, answer, foreign_requests, right_response, watch, wrong_response
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

# As the pages show it: a short question's key carries every language's answers (progress is shared).
COURSE = localize(load_course(PROJECT / "docs", PROJECT / "quizzes", root=PROJECT), "en")
NAV = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
LESSONS = re.findall(r"^\s+- (?:[^:\n]+: )?(lessons/\S+)\.md$", NAV, re.MULTILINE)
QUIZ_OF = {path: page.placements[0].quiz_id for path, page in COURSE.pages.items() if page.placements}


def title_of(lesson: str) -> str:
    return str(COURSE.pages[f"{lesson}.md"].meta["title"])


def marked(page: Page) -> list[str]:
    """Addresses of the pages the navigation marks as complete."""
    return list(page.evaluate("""Array.from(document.querySelectorAll('.md-nav--primary a.md-nav__link'))
        .filter((a) => a.querySelector('.cq-mark')).map((a) => a.pathname)"""))


def same_document(page: Page) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


def go_home(page: Page, site: str) -> None:
    page.locator(".md-nav--primary a.md-nav__link", has_text=re.compile(r"^\s*Home\s*$")).click()
    page.wait_for_url(lambda url: url.split("#")[0] == site)  # navigation.tracking may add an anchor
    page.wait_for_selector("a.cq-continue")


def test_walk_through_every_lesson_then_the_progress_page(browser: Any, course_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = watch(context.new_page())
    page.goto(course_site)
    page.evaluate("window.__sameDocument = true")
    assert page.locator("a.cq-continue").inner_text() == "Start with lesson 1"
    assert page.locator(".md-sidebar--primary").is_visible(), "the home page shows the navigation"
    for index, lesson in enumerate(LESSONS):
        quiz = COURSE.quizzes[QUIZ_OF[f"{lesson}.md"]]
        button = page.locator("a.cq-continue")
        if index:
            assert button.inner_text() == f"Continue where you left off: {title_of(lesson)}"
        button.click()
        page.wait_for_url(f"**/{lesson}/")
        page.wait_for_selector(f'.cq-quiz[data-quiz-id="{quiz.id}"][data-cq-ready]')
        assert same_document(page), f"{lesson} was reached by a full page load"
        last = index == len(LESSONS) - 1
        for number, question in enumerate(quiz.questions):
            form = page.locator(f'form[data-question-id="{question.id}"]')
            if number == 0:
                answer(form, question.type, wrong_response(question))
                assert form.locator(".cq-result").inner_text().startswith("Not quite."), question.id
                form.locator(".cq-retry").click()
            answer(form, question.type, right_response(question))
            assert form.locator(".cq-result").inner_text().startswith("Right."), question.id
        total = len(quiz.questions)
        if last:  # the last quiz ends with one wrong answer
            question = quiz.questions[-1]
            form = page.locator(f'form[data-question-id="{question.id}"]')
            form.locator(".cq-retry").click()
            answer(form, question.type, wrong_response(question))
        right = total - 1 if last else total
        assert page.locator(".cq-score").inner_text() == f"Quiz complete: {right} of {total} right."
        report = page.locator(".cq-report li")
        assert report.count() == total
        assert page.locator(".cq-report li.cq-is-wrong").count() == total - right
        assert report.last.inner_text().startswith("Not quite: " if last else "Right: ")
        assert report.last.locator(".cq-review, a[href*='#']").count() >= 1
        assert f"/{lesson}/" in marked(page), "the navigation marks a complete quiz at once"
        go_home(page, course_site)
        assert same_document(page)
        card = page.locator(".md-typeset .cards li").nth(index)
        assert card.locator(".cq-card-progress").inner_text() == f"Quiz complete: {right} of {total} right."
        assert len(marked(page)) == index + 1, "marks survive instant navigation"

    assert page.locator("a.cq-continue").inner_text() == "Start with lesson 1", "nothing is left to continue"
    page.locator(".md-nav--primary a.md-nav__link", has_text="My progress").click()
    page.wait_for_url("**/progress/")
    page.wait_for_selector(".cq-progress[data-cq-ready]")
    assert same_document(page)
    answered = sum(len(COURSE.quizzes[QUIZ_OF[f"{lesson}.md"]].questions) for lesson in LESSONS)
    everything = sum(len(quiz.questions) for quiz in COURSE.quizzes.values())
    status = page.locator(".cq-progress-status")
    assert status.inner_text() == f"You have answered {answered} of {everything} questions."
    rows = page.locator("tr[data-cq-for]")
    assert rows.count() == len(COURSE.quizzes)
    for lesson in LESSONS:
        row = page.locator(f'tr[data-cq-for="{QUIZ_OF[f"{lesson}.md"]}"]')
        assert row.locator("td").nth(1).inner_text() == "Complete"
        assert row.locator("td").nth(2).inner_text() != "None yet"
    assert page.locator('tr[data-cq-for="how-quizzes-work"] td').nth(1).inner_text() == "Not started"

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results (JSON)").click()
    results = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert results["course"] == "Open-source AI strategy"
    assert results["format"] == "course-quiz-results"
    by_id = {entry["quiz"]: entry for entry in results["quizzes"]}
    assert set(by_id) == set(COURSE.quizzes)
    for quiz_id, quiz in COURSE.quizzes.items():
        assert by_id[quiz_id]["quiz_version"] == quiz_version(quiz_stamps(quiz)), "the version the page publishes"
        assert [a["question"] for a in by_id[quiz_id]["answers"]] == [q.id for q in quiz.questions]
    final = by_id[QUIZ_OF[f"{LESSONS[-1]}.md"]]
    assert final["complete"] is True
    assert final["right"] == final["questions"] - 1
    assert final["answers"][-1]["result"] == "wrong"
    assert by_id["how-quizzes-work"]["answered"] == 0
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results (CSV)").click()
    table = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert len(table) == everything
    assert {row["course"] for row in table} == {"Open-source AI strategy"}
    assert sum(row["result"] == "right" for row in table) == answered - 1
    assert {(row["quiz"], row["quiz_version"]) for row in table} == {
        (quiz_id, entry["quiz_version"]) for quiz_id, entry in by_id.items()}

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset all progress").click()
    assert page.locator(".cq-progress-status").inner_text().startswith(f"You have answered {answered} ")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset all progress").click()
    assert page.locator(".cq-progress-status").inner_text() == f"You have answered 0 of {everything} questions."
    assert marked(page) == []
    go_home(page, course_site)
    assert page.locator(".cq-card-progress").count() == 0
    assert page.locator("a.cq-continue").inner_text() == "Start with lesson 1"
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('cq:'))") == []
    assert page.errors == []
    assert foreign_requests(page, course_site) == []
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_home_page_is_a_front_door(browser: Any, course_site: str, width: int) -> None:
    """At a phone's width and a desktop's: the cards, the start button and the navigation fit the screen."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = watch(context.new_page())
    page.goto(course_site)
    cards = page.locator(".md-typeset .cards li")
    assert cards.count() == len(LESSONS)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing scrolls sideways"
    first = cards.first.bounding_box()
    second = cards.nth(1).bounding_box()
    assert first is not None
    assert second is not None
    if width < 600:
        assert second["y"] > first["y"], "one card per row on a phone"
        page.locator('label.md-header__button[for="__drawer"]').click()
        assert page.locator(".md-nav--primary").get_by_text("My progress").is_visible()
    else:
        assert abs(second["y"] - first["y"]) < 1, "cards side by side on a desktop"
        assert page.locator(".md-nav--primary").get_by_text("My progress").is_visible()
    start = page.locator("a.cq-continue").bounding_box()
    assert start is not None
    assert start["height"] >= 44
    assert start["y"] < 844, "the start button is on the first screen"
    for link in cards.locator("a").all():
        box = link.bounding_box()
        assert box is not None
        assert box["height"] >= 44, "lesson links are 44 px touch targets"
    assert page.errors == []
    context.close()


@pytest.mark.parametrize("path", ["glossary/", "about-sources/", "lessons/soft-power/"])
def test_pages_print_cleanly(browser: Any, course_site: str, path: str) -> None:
    """On paper: no navigation, search, buttons or footer; internal links add no addresses; nothing overflows."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(course_site + path)
    page.emulate_media(media="print")
    hidden = ".md-header, .md-sidebar, .md-footer, .md-search, .md-top, .headerlink, .cq-quiz button, .cq-result"
    assert page.locator(f":is({hidden}):visible").count() == 0
    assert page.evaluate("""Array.from(document.querySelectorAll('.md-typeset a'))
        .filter((a) => getComputedStyle(a, '::after').content.includes('http')).length""") == 0
    width = page.evaluate("document.querySelector('.md-content').clientWidth")
    wide = page.evaluate(f"""Array.from(document.querySelectorAll('.md-typeset *'))
        .filter((e) => e.getBoundingClientRect().right > {width} + 40).map((e) => e.tagName)""")
    assert wide == []
    context.close()


@pytest.mark.parametrize("path", ["", "lessons/open-weights/", "progress/"])
def test_focus_is_visible_everywhere(browser: Any, course_site: str, path: str) -> None:
    """Tab through the page: every element that takes focus draws an outline."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(course_site + path)
    page.wait_for_load_state("load")
    unseen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("""(() => { const e = document.activeElement; const s = getComputedStyle(e);
            const drawn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            return [e.tagName + '.' + e.className, drawn]; })()""")
        if not focused[1] and focused[0] != "BODY.":  # past the last control, focus returns to the page
            unseen.append(focused[0])
    assert unseen == []
    context.close()
