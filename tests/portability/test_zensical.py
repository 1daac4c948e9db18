"""Zensical builds the course with the course_quiz Markdown extension (zensical.yml), and the build verifies.

Zensical runs none of MkDocs' plugins; the extension prepares the course once, renders every quiz with
its lesson's headings as review titles, and fails the build on a quiz error. The real course is built
once; the broken build uses the fixture course.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from course_quiz.contract import ASSET_DIR, ASSETS
from course_quiz.course import load_course
from tests.conftest import FIXTURE_COURSE, PROJECT
from tests.portability.hosts import ASSET_LINKS, ZENSICAL_CONFIG, course_verify, zensical_build, zensical_course

# One worker runs the module (make test: --dist loadgroup), so the real course is built once.
pytestmark = pytest.mark.xdist_group("zensical-real-course")

ZENSICAL = ".venv-zensical"
REVIEW = re.compile(r'<p class="cq-review"><a href="#([^"]+)">Review: ([^<]*)</a></p>')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course, built once by Zensical into ``site/`` of a copy."""
    course = zensical_course(PROJECT, tmp_path_factory.mktemp("zensical") / "course")
    result = zensical_build(course)
    assert result.returncode == 0, result.stdout + result.stderr
    return course


@pytest.mark.build
def test_the_course_builds_and_course_verify_passes(built: Path) -> None:
    result = course_verify(ZENSICAL, built, Path("site"))
    assert result.returncode == 0, result.stdout + result.stderr
    quizzes = len(load_course(PROJECT / "docs", PROJECT / "quizzes").quizzes)
    assert re.fullmatch(rf"site: {quizzes} quizzes, \d+ questions verified \(student edition, without the \d+ "
                        r"instructor notes\), in 2 languages \(en, zh\), each page with the same keys\n",
                        result.stdout), result.stdout
    assert '<meta name="generator" content="zensical-' in (built / "site" / "index.html").read_text()
    for name in ASSETS:  # served from overrides/, whose files are links to the engine's
        assert (built / "site" / ASSET_DIR / name).read_bytes() == (PROJECT / "site_src/course_quiz/assets" / name
                                                                    ).read_bytes()


@pytest.mark.build
def test_review_links_name_their_sections(built: Path) -> None:
    reviews = 0
    for page in sorted((built / "site" / "lessons").glob("*/index.html")):
        text = page.read_text()
        headings = {anchor: html.unescape(re.sub(r"<[^>]+>", "", title)) for anchor, title in
                    re.findall(r'<h\d id="([^"]+)">(.*?)<a class="headerlink"', text)}
        for anchor, title in REVIEW.findall(text):
            assert html.unescape(title) == headings[anchor], (page, anchor)
            reviews += 1
    assert reviews > 50
    assert "the lesson section" not in "".join(p.read_text() for p in (built / "site").rglob("*.html"))


@pytest.mark.build
def test_quiz_text_stays_out_of_the_search_index(built: Path) -> None:
    index = json.loads((built / "site" / "search.json").read_text())
    indexed = " ".join(item["text"] for item in index["items"])
    assert "Joseph Nye" in indexed  # the lessons are indexed
    course = load_course(PROJECT / "docs", PROJECT / "quizzes")
    # Explanations without Markdown markup read the same in the index as in the quiz file.
    plain = [q.explanation for quiz in course.quizzes.values() for q in quiz.questions
             if q.explanation and not re.search(r"[][*_`<>&\"']", q.explanation)]
    assert len(plain) >= 10
    assert [text for text in plain if text[:60] in indexed] == []


@pytest.mark.build
def test_a_broken_quiz_fails_the_build_with_its_problem_line(tmp_path: Path) -> None:
    course = zensical_course(FIXTURE_COURSE, tmp_path / "course")
    quiz = course / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: [write, build, verify]", "answer: [write, build]"))
    result = zensical_build(course)
    assert result.returncode != 0
    assert ("quizzes/sample.yml:65:1: Q208 order key of question 's-order' is not a permutation of its items "
            "(missing verify)") in result.stderr
    assert not (course / "site" / "lesson" / "index.html").exists()  # the page without its quiz is never written


def test_the_configuration_adds_the_extension_the_assets_and_the_watch_to_mkdocs_yml() -> None:
    config = yaml.safe_load(ZENSICAL_CONFIG.read_text())
    assert config["INHERIT"] == "mkdocs.yml"
    assert {"course_quiz": {"docs_dir": "docs"}} in config["markdown_extensions"]  # the sources, not a language's copy
    assert config["watch"] == ["quizzes"]  # a quiz edit rebuilds its page (and clears Zensical's cache of it)
    assert config["theme"]["custom_dir"] == ASSET_LINKS.name
    assert config["extra_css"] == [f"{ASSET_DIR}/quiz.css"]
    assert config["extra_javascript"] == [f"{ASSET_DIR}/quiz.js"]
    for name in ASSETS:  # links, not copies: the engine's files are the only ones
        link = ASSET_LINKS / ASSET_DIR / name
        assert link.is_symlink()
        assert not os.path.isabs(os.readlink(link))
        assert link.resolve() == (PROJECT / "site_src" / "course_quiz" / "assets" / name).resolve()


@pytest.mark.build
def test_zensical_i18n_builds_the_chinese_edition_with_chinese_quizzes(built: Path) -> None:
    """zensical-i18n builds each language with its theme.language, which the extension renders quizzes in."""
    course = load_course(PROJECT / "docs", PROJECT / "quizzes")
    for quiz in course.quizzes.values():
        page = quiz.lesson.removesuffix(".md")
        english = (built / "site" / page / "index.html").read_text(encoding="utf-8")
        chinese = (built / "site" / "zh" / page / "index.html").read_text(encoding="utf-8")
        assert '<html lang="zh"' in chinese
        assert f"Question 1 of {len(quiz.questions)}" in english, quiz.id
        assert f"第1题（共{len(quiz.questions)}题）" in chinese, quiz.id
        assert "Question 1 of" not in chinese
