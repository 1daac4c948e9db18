"""The offline copy (``make offline``), unpacked from its archive and opened through ``file://`` in Chromium:
pages reached by their links in every language, search in every language, a question of each type answered
wrong and right, answers kept across a reload and shared between the languages, the progress page and its
download; and no request to anything but the copy's own files.

The archive is built once for the module (about 6 s) from a copy of the project."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from course_quiz.course import load_course
from course_quiz.model import Question
from mkdocs_course.offline import ARCHIVE_URI, FOLDER, SHIM_DIR, build, human_size
from tests.browser.conftest import (
    Page,
    _require_browser,
    answer,
    build_site,
    foreign_requests,
    free_port,
    right_response,
    served,
    watch,
    wrong_response,
)
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

COURSE = load_course(PROJECT / "docs", PROJECT / "quizzes", root=PROJECT)
PAGE_OF = {placement.quiz_id: path for path, page in COURSE.pages.items() for placement in page.placements}


def _languages() -> list[str]:
    """The course's languages, as mkdocs.yml builds them (English alone without mkdocs-static-i18n)."""
    plugins = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["plugins"]
    i18n = plugins.get("i18n") if isinstance(plugins, dict) else None
    return [str(entry["locale"]) for entry in i18n["languages"]] if i18n else ["en"]


LANGUAGES = _languages()
ARCHIVE = "build/course-offline.zip"  # mkdocs.yml's offline_archive
# Per language: its folder in the copy, the first words of a right and a wrong result, a search term found
# in one lesson's text, and that lesson.
WORDS = {
    "en": {"folder": "", "right": "Right.", "wrong": "Not quite.", "term": "soft power", "found": "lessons/soft-power"},
    "zh": {"folder": "zh/", "right": "正确。", "wrong": "不太对。", "term": "软实力", "found": "zh/lessons/soft-power"},
}
SIZE_NOTE = {"en": "(zip, {size})", "zh": "（zip，{size}）"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with the archive ``make offline`` writes (build/course-offline.zip)."""
    _require_browser()
    work = tmp_path_factory.mktemp("offline")
    shutil.copytree(PROJECT, work / "project", ignore=shutil.ignore_patterns(
        "site", "site-*", "build", ".venv*", ".cache", ".git", "bench", "tests"))
    build(work / "project" / "mkdocs-offline.yml", work / "project" / ARCHIVE)
    return work / "project"


@pytest.fixture(scope="module")
def copy(project: Path) -> Path:
    """The archive unpacked: the folder a reader opens."""
    with zipfile.ZipFile(project / ARCHIVE) as packed:
        packed.extractall(project.parent / "unpacked")
    return project.parent / "unpacked" / FOLDER


@pytest.fixture(scope="module")
def site(project: Path) -> Iterator[str]:
    """The course as ``make build`` publishes it after ``make offline``, served on 127.0.0.1."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(project, url, project.parent / "site")
    yield from served(project.parent / "site", port)


class Watched:
    """A page's script and console errors, and every URL it or its frames request."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message: Any) -> None:
        # Material's language selector asks each alternate language for its sitemap.xml, which a browser
        # refuses under file:// (no request leaves the copy); any other console error counts.
        where = str((message.location or {}).get("url", ""))
        if message.type == "error" and "sitemap.xml" not in message.text and not where.endswith("sitemap.xml") \
                and not (message.text.startswith("Failed to load resource") and "sitemap" in where + message.text):
            self.errors.append(message.text)

    def elsewhere(self) -> list[str]:
        """Requests to anything but the copy's files (data: and blob: stay in the browser)."""
        return [url for url in self.requests if not url.startswith(("file://", "data:", "blob:"))]


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    made = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield made
    made.close()


def open_page(context: Any, url: str) -> Watched:
    watched = Watched(context.new_page())
    watched.page.goto(url)
    return watched


def search(page: Page, term: str) -> list[str]:
    """The addresses of the results of searching ``term``, best first."""
    page.locator(".md-search__input").click()
    page.wait_for_function("!/Initializing|正在初始化/i.test(document.querySelector('.md-search-result__meta').textContent)")
    page.locator(".md-search__input").fill(term)
    page.locator(".md-search__input").press("End")  # Material reads key events
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    return [str(a.get_attribute("href")) for a in page.locator(".md-search-result__item > a").all()]


def test_the_copy_serves_its_own_search_worker_shim(copy: Path) -> None:
    home = (copy / "index.html").read_text(encoding="utf-8")
    assert f'src="{SHIM_DIR}/shim.js"' in home
    assert "unpkg.com" not in home
    assert (copy / SHIM_DIR / "shim.js").is_file()
    assert (copy / "search" / "search_index.js").is_file()
    assert 'class="cq-offline"' not in home, "the copy does not offer a copy of itself"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_links_and_search_from_a_folder(context: Any, copy: Path, language: str) -> None:
    words = WORDS[language]
    root = copy.as_uri() + "/"
    home = root + words["folder"] + "index.html"
    watched = open_page(context, home)
    page = watched.page
    page.locator("a.cq-continue").click()
    page.wait_for_url(root + words["folder"] + "lessons/reading-ai-news.html")
    page.wait_for_selector(".cq-quiz[data-cq-ready]")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(root + words["folder"] + "lessons/open-weights.html")
    page.locator('.md-nav--primary a.md-nav__link[href$="glossary.html"]').first.click()
    page.wait_for_url(root + words["folder"] + "glossary.html")
    found = search(page, words["term"])
    assert found[0].startswith(root + words["found"] + ".html"), found[:3]
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(root + words["found"] + ".html*")
    for other in LANGUAGES:
        if other != language:  # the language switcher leads to the same page in the other language
            page.locator(".md-header .md-select").first.hover()  # the language menu opens on hover
            page.locator(f'a[hreflang="{other}"]').first.click()
            page.wait_for_url(root + WORDS[other]["folder"] + "lessons/soft-power.html*")
            page.wait_for_selector(".cq-quiz[data-cq-ready]")
    assert watched.errors == []
    assert watched.elsewhere() == []


def _one_of_each_type() -> list[Question]:
    """The first question of each type the course has, in course order."""
    chosen: dict[str, Question] = {}
    for quiz in COURSE.quizzes.values():
        for question in quiz.questions:
            chosen.setdefault(question.type, question)
    return list(chosen.values())


def _page_url(root: str, folder: str, question: Question) -> str:
    quiz_id = next(q.id for q in COURSE.quizzes.values() if question in q.questions)
    return root + folder + PAGE_OF[quiz_id].removesuffix(".md") + ".html"


def test_each_type_wrong_and_right_kept_across_reloads_and_languages(context: Any, copy: Path) -> None:
    root = copy.as_uri() + "/"
    questions = _one_of_each_type()
    assert len(questions) >= 6, [q.type for q in questions]
    first, *others = LANGUAGES
    pages: list[Watched] = []
    for question in questions:
        watched = open_page(context, _page_url(root, WORDS[first]["folder"], question))
        pages.append(watched)
        watched.page.wait_for_selector(".cq-quiz[data-cq-ready]")
        form = watched.page.locator(f'form[data-question-id="{question.id}"]')
        answer(form, question.type, wrong_response(question))
        assert form.locator(".cq-result").inner_text().startswith(WORDS[first]["wrong"]), question.id
        form.locator(".cq-retry").click()
        answer(form, question.type, right_response(question))
        assert form.locator(".cq-result").inner_text().startswith(WORDS[first]["right"]), question.id
        watched.page.reload()
        watched.page.wait_for_selector(".cq-quiz[data-cq-ready]")
        assert "cq-is-right" in str(form.get_attribute("class")), f"{question.id} is kept across a reload"
    for language in others:  # the same answers on the other language's pages; answered there wrong and right
        for question in questions:
            watched = open_page(context, _page_url(root, WORDS[language]["folder"], question))
            pages.append(watched)
            watched.page.wait_for_selector(".cq-quiz[data-cq-ready]")
            form = watched.page.locator(f'form[data-question-id="{question.id}"]')
            assert form.locator(".cq-result").inner_text().startswith(WORDS[language]["right"]), question.id
            form.locator(".cq-retry").click()
            answer(form, question.type, wrong_response(question))
            assert form.locator(".cq-result").inner_text().startswith(WORDS[language]["wrong"]), question.id
            form.locator(".cq-retry").click()
            answer(form, question.type, right_response(question))
            assert form.locator(".cq-result").inner_text().startswith(WORDS[language]["right"]), question.id
    # Every language's home page shows the progress on the lesson cards (pages under zh/ are the same pages).
    for language in LANGUAGES:
        watched = open_page(context, root + WORDS[language]["folder"] + "index.html")
        pages.append(watched)
        assert watched.page.locator(".cq-card-progress").count() == len({_page_url("", "", q) for q in questions})
    # The progress page, and the results it downloads, count every answer.
    watched = open_page(context, root + WORDS[LANGUAGES[-1]]["folder"] + "progress.html")
    pages.append(watched)
    watched.page.wait_for_selector(".cq-progress[data-cq-ready]")
    with watched.page.expect_download() as download:
        watched.page.locator('.cq-download[data-cq-format="json"]').click()
    results = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    right = {a["question"] for quiz in results["quizzes"] for a in quiz["answers"] if a["result"] == "right"}
    assert right == {q.id for q in questions}
    assert [w.errors for w in pages if w.errors] == []
    assert [url for w in pages for url in w.elsewhere()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_links_the_archive_with_its_size(browser: Any, project: Path, site: str, language: str) -> None:
    context = browser.new_context()
    try:
        page = watch(context.new_page())
        page.goto(site + WORDS[language]["folder"])
        link = page.locator(".cq-offline a")
        size = (project / ARCHIVE).stat().st_size
        assert page.locator(".cq-offline").inner_text().count(SIZE_NOTE[language].format(size=human_size(size))) == 1
        assert link.is_visible()
        response = page.request.get(str(link.evaluate("(a) => a.href")))
        assert response.url == site + ARCHIVE_URI
        assert response.body() == (project / ARCHIVE).read_bytes()
        assert page.errors == []
        assert foreign_requests(page, site) == []
    finally:
        context.close()


def test_an_unfilled_offline_link_is_hidden(browser: Any) -> None:
    """Where no build filled the link in (a host without the plugin, such as Zensical), quiz.css hides it."""
    from course_quiz.published import published

    page = browser.new_page()
    try:
        page.set_content("<style>" + published("quiz.css").decode() + "</style>"
                         '<p class="cq-offline" id="empty"><a href="">Download</a>: unpack it.</p>'
                         '<p class="cq-offline" id="filled"><a href="x.zip" download>Download</a> '
                         '<span class="cq-offline-size">(zip, 2.1 MB)</span>: unpack it.</p>')
        assert not page.locator("#empty").is_visible()
        assert page.locator("#filled").is_visible()
    finally:
        page.close()
