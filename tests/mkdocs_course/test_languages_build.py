"""Whole MkDocs builds of the fixture course in English and Chinese (mkdocs-static-i18n), through the plugin."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_COURSE
from tests.mkdocs_course.bilingual import ONLY_IN_LESSON, make_bilingual

pytestmark = pytest.mark.build


def build(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=course,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-language fixture course, both editions built (site/, site-instructor/)."""
    course = tmp_path_factory.mktemp("bilingual") / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    make_bilingual(course)
    for args in ((), ("-f", "mkdocs-instructor.yml")):
        result = build(course, *args)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    return course


class _Links(HTMLParser):
    """The hreflang links of a page's head, the switcher's links, and each quiz question's key."""

    def __init__(self) -> None:
        super().__init__()
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        elif tag == "link" and found.get("rel") == "alternate" and "hreflang" in found:
            self.alternates[found["hreflang"]] = found["href"]
        elif tag == "a" and "md-select__link" in found.get("class", ""):
            self.switcher[found["hreflang"]] = found["href"]
        elif "data-question-id" in found and "data-key" in found:
            self.keys[found["data-question-id"]] = found["data-key"]


def read(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def target(page: Path, href: str) -> Path:
    """The built file a relative link of ``page`` leads to."""
    path = (page.parent / href).resolve()
    return path / "index.html" if path.is_dir() else path


def test_each_language_gets_its_own_pages_and_quizzes(bilingual: Path) -> None:
    site = bilingual / "site"
    english = (site / "lesson" / "index.html").read_text(encoding="utf-8")
    chinese = (site / "zh" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "Which control does a single-choice question use?" in english
    assert "单选题用什么控件？" not in english
    assert "单选题用什么控件？" in chinese
    assert "Which control does a single-choice question use?" not in chinese
    assert read(site / "lesson" / "index.html").lang == "en"
    assert read(site / "zh" / "lesson" / "index.html").lang == "zh"
    assert "<h1" in chinese
    assert "样例课" in chinese
    # One copy of the quiz assets, at the root, for both languages.
    assert (site / "assets" / "course-quiz" / "quiz.js").is_file()
    assert not (site / "zh" / "assets").exists()
    assert 'src="../../assets/course-quiz/quiz.js"' in chinese


def test_both_languages_carry_the_same_keys(bilingual: Path) -> None:
    """One key on every page (progress is shared): a short question's covers every language's answers."""
    site = bilingual / "site"
    english = read(site / "lesson" / "index.html").keys
    chinese = read(site / "zh" / "lesson" / "index.html").keys
    assert set(english) == {"s-single", "s-multiple", "s-tf", "s-short", "s-numeric", "s-numeric-decimal",
                            "s-order", "s-match"}
    assert english == chinese
    assert len(json.loads(english["s-short"])["digests"]) == 3  # SHA-256, SHA2-256 and 安全散列算法256


def test_every_page_links_to_its_twin_both_ways(bilingual: Path) -> None:
    site = bilingual / "site"
    for english in ("index.html", "lesson/index.html", "progress/index.html"):
        chinese = f"zh/{english}"
        for page, other in ((site / english, site / chinese), (site / chinese, site / english)):
            links = read(page)
            assert set(links.alternates) == {"en", "zh", "x-default"}, page
            assert set(links.switcher) == {"en", "zh"}, page
            assert target(page, links.alternates["x-default"]) == site / english
            assert {target(page, links.alternates[lang]) for lang in ("en", "zh")} == {page, other}
            assert {target(page, links.switcher[lang]) for lang in ("en", "zh")} == {page, other}


def test_nav_titles_and_site_name_are_the_language_s(bilingual: Path) -> None:
    chinese = (bilingual / "site" / "zh" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "<title>样例课 - 样例课程</title>" in chinese
    nav = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', chinese)
    assert {"首页", "样例课", "我的进度", "样例课程"} <= set(nav)
    assert "Sample lesson" not in nav


def test_the_chinese_progress_page_lists_the_chinese_lesson(bilingual: Path) -> None:
    progress = bilingual / "site" / "zh" / "progress" / "index.html"
    text = progress.read_text(encoding="utf-8")
    row = re.search(r'<a href="([^"]+)">样例课</a>', text)
    assert row is not None, text
    assert target(progress, row.group(1)) == bilingual / "site" / "zh" / "lesson" / "index.html"


def test_chinese_search_entries_are_segmented_and_under_zh(bilingual: Path) -> None:
    index = json.loads((bilingual / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "zh" in index["config"]["lang"]
    assert r"\u200b" in index["config"]["separator"]  # jieba's word breaks split the Chinese words
    having = [entry["location"] for entry in index["docs"] if ONLY_IN_LESSON in entry["text"].replace("\u200b", "")]
    assert having
    assert all(location.startswith("zh/lesson/") for location in having)


def test_the_instructor_edition_is_built_in_both_languages(bilingual: Path) -> None:
    site = bilingual / "site-instructor"
    chinese = (site / "zh" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "教师备注" in chinese
    assert "data-cq-instructor" in chinese
    for folder in (site, site / "zh"):
        notes = folder / "instructor" / "notes" / "index.html"
        assert notes.is_file(), notes
        links = read(notes)
        assert {target(notes, links.switcher[lang]) for lang in ("en", "zh")} == {
            site / "instructor" / "notes" / "index.html", site / "zh" / "instructor" / "notes" / "index.html"}
    student = (bilingual / "site" / "zh" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "教师备注" not in student
    assert "时间安排" not in student


def test_a_chinese_page_changed_after_rendering_fails_the_build(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    make_bilingual(course)
    # A hook that changes the Chinese page's quiz only: the English build alone would pass.
    (course / "hooks.py").write_text("def on_post_page(output, page, config):\n"
                                     "    return output.replace('单选按钮只能选一个。', '单选按钮可以选多个。')\n",
                                     encoding="utf-8")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    result = build(course)
    assert result.returncode != 0
    assert "zh/lesson/index.html" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_key_changed_on_both_pages_alike_fails_the_build(tmp_path: Path) -> None:
    """Each page is verified against its own language's rendering: a hook changing a key fails in either."""
    course = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, course)
    make_bilingual(course)
    hook = r"""import re
def on_post_page(output, page, config):
    return re.sub(r'(data-question-id="s-tf"[^>]*data-key=\'\{"salt":")\w', r'\g<1>0', output)
"""
    (course / "hooks.py").write_text(hook, encoding="utf-8")
    config = course / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    result = build(course)
    assert result.returncode != 0
    assert "lesson/index.html" in result.stderr
    assert "zh/lesson/index.html" in result.stderr
