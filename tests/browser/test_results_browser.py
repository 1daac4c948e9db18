"""The student's side of results, in Chromium on the fixture course: first attempts kept beside the latest,
the optional name or ID that goes only into the downloaded file (format version 2), and that file read
back and regraded by ``course results`` exactly as the page graded it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from course_quiz.course import load_course
from course_quiz.keycodec import key_stamp
from course_quiz.results.grading import Status, Which, grade_file
from course_quiz.results.keys import course_keys
from course_quiz.results.reading import read_result
from tests.browser.conftest import Page, answer, foreign_requests, site_fixture, watch
from tests.conftest import FIXTURE_COURSE

pytestmark = pytest.mark.browser

QUIZ = load_course(FIXTURE_COURSE / "docs", FIXTURE_COURSE / "quizzes").quizzes["sample"]
QUESTIONS = {q.id: q for q in QUIZ.questions}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from site_fixture(FIXTURE_COURSE, tmp_path_factory, "results-site")


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    yield watch(context.new_page())
    context.close()


def form(page: Page, question_id: str) -> Any:
    return page.locator(f'form[data-question-id="{question_id}"]')


def download(page: Page, label: str) -> tuple[Path, str]:
    """The downloaded file and the name the page suggests for it."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()), str(info.value.suggested_filename)


def test_first_attempts_the_name_and_the_download_read_back_by_course_results(
        page: Page, site: str, tmp_path: Path) -> None:
    page.goto(site + "lesson/")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    # s-single: wrong, then right after two tries; s-tf: right at once; s-short: wrong only.
    answer(form(page, "s-single"), "single", "checkbox")
    for response in ("text", "radio"):
        form(page, "s-single").locator(".cq-retry").click()
        answer(form(page, "s-single"), "single", response)
    answer(form(page, "s-tf"), "true-false", "false")
    answer(form(page, "s-short"), "short", "MD5")
    # Trying the whole quiz again keeps the first attempts; the latest is then s-tf's new answer only.
    page.get_by_role("button", name="Try the whole quiz again").click()
    answer(form(page, "s-tf"), "true-false", "true")
    page.reload()  # the first attempts survive a reload, checked against the stamps like the latest
    page.wait_for_selector(".cq-quiz[data-cq-ready]")

    page.goto(site + "progress/")
    page.wait_for_selector(".cq-progress[data-cq-ready]")
    field = page.get_by_label("Your name or student ID (optional)")
    field.fill("  Ada   Lovelace ")
    saved = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    path, name = download(page, "Download my results (JSON)")
    assert name == "my-results-ada-lovelace.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "Lovelace" not in saved + page.evaluate("JSON.stringify(Object.entries(localStorage))")
    assert "Lovelace" not in page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    assert (data["format"], data["version"], data["student"]) == ("course-quiz-results", 2, "Ada   Lovelace")
    answers = {a["question"]: a for a in data["quizzes"][0]["answers"]}
    single, tf, short = answers["s-single"], answers["s-tf"], answers["s-short"]
    assert (single["type"], single["stamp"]) == ("single", key_stamp(QUESTIONS["s-single"]))
    assert single["first"]["result"] == "wrong"
    assert single["first"]["response"] == "checkbox"
    assert (single["attempts"], single["result"], single.get("response")) == (3, "unanswered", None)
    assert (tf["first"]["result"], tf["attempts"], tf["result"], tf["response"]) == ("right", 2, "wrong", "true")
    assert (short["first"]["response"], short["result"]) == ("MD5", "unanswered")
    assert answers["s-order"] == {"question": "s-order", "type": None, "stamp": None, "result": "unanswered",
                                  "answered_at": None, "attempts": 0, "first": None}

    # The file, regraded by course results: the page's verdicts hold, the first attempts are graded.
    target = tmp_path / "ada.json"
    target.write_bytes(path.read_bytes())
    keys = course_keys("Fixture course", [QUIZ])
    result, problems = read_result(target, keys)
    assert problems == []
    assert result is not None
    assert result.student == "Ada Lovelace"
    graded, problems = grade_file(result, keys, Which.FIRST)
    assert problems == []
    assert graded.disagreements == ()
    statuses = [outcome.status for outcome in graded.quizzes["sample"].outcomes]
    assert statuses[:4] == [Status.WRONG, Status.UNANSWERED, Status.RIGHT, Status.WRONG]
    latest = grade_file(result, keys, Which.LAST)[0].quizzes["sample"].outcomes
    assert [o.status for o in latest[:4]] == [Status.UNANSWERED, Status.UNANSWERED, Status.WRONG, Status.UNANSWERED]

    sheet, name = download(page, "Download my results (CSV)")
    assert name == "my-results-ada-lovelace.csv"
    table = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    row = next(r for r in table if r["question"] == "s-single")
    assert (row["student"], row["first_result"], row["attempts"]) == ("Ada   Lovelace", "wrong", "3")
    assert page.errors == []
    assert foreign_requests(page, site) == []


def test_without_a_name_the_file_says_so_and_the_field_is_hidden_without_script(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(site + "progress/")
    assert not quiet.locator(".cq-progress-student").is_visible()
    context.close()
    context = browser.new_context(accept_downloads=True)
    page = watch(context.new_page())
    page.goto(site + "progress/")
    page.wait_for_selector(".cq-progress[data-cq-ready]")
    assert page.get_by_label("Your name or student ID (optional)").is_visible()
    path, name = download(page, "Download my results (JSON)")
    assert name == "my-results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["student"] == ""
    assert data["version"] == 2
    context.close()
