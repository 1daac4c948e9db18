"""Verifying a site in two languages: each language's pages, and one key on every page of a quiz (V711)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from course_quiz.contract import ASSET_DIR, ASSETS
from course_quiz.course import load_course, localize
from course_quiz.keyparity import QuizPages, key_parity
from course_quiz.lock import LOCK_NAME, entry_digest, read_lock
from course_quiz.prepare import PreparedCourse, expected_quizzes, prepare_course
from course_quiz.published import published
from course_quiz.verify import language_of, site_pages_for, verify_site


def prepared(course: Path, language: str) -> PreparedCourse:
    found = prepare_course(course / "docs", course / "quizzes", course, language=language)
    assert found.problems == ()
    return found


def build(course: Path) -> Path:
    """A site laid out as mkdocs-static-i18n lays it out: English at the root, Chinese under zh/."""
    site = course / "site"
    for language in ("en", "zh"):
        for quiz in prepared(course, language).quizzes.values():
            page = site / site_pages_for(quiz.page, language)[0]
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"<html lang=\"{language}\"><body><main>\n{quiz.html}\n</main></body></html>",
                            encoding="utf-8")
    (site / ASSET_DIR).mkdir(parents=True)
    for name in ASSETS:
        (site / ASSET_DIR / name).write_bytes(published(name))
    return site


def verify(course: Path, site: Path, language: str) -> list[str]:
    sources = localize(load_course(course / "docs", course / "quizzes", root=course), language).quizzes
    found = verify_site(site, expected_quizzes(prepared(course, language), {}), lambda: sources,
                        language=language, languages=("en", "zh"))
    return [f"{p.code} {p.path}" for p in found]


def parity(course: Path, site: Path) -> list[str]:
    pages = QuizPages("sample", {language: site_pages_for("lesson.md", language) for language in ("en", "zh")})
    lock, _ = read_lock(course / "quizzes" / LOCK_NAME, LOCK_NAME)
    return [f"{p.code} {p.path}" for p in key_parity(site, [pages], lock)]


def test_pages_are_in_their_language_folder() -> None:
    assert site_pages_for("lessons/x.md", "zh") == ("zh/lessons/x/index.html", "zh/lessons/x.html")
    assert site_pages_for("index.md", "zh") == ("zh/index.html",)
    assert site_pages_for("lessons/x.md") == ("lessons/x/index.html", "lessons/x.html")
    assert language_of("zh/lessons/x/index.html", ("en", "zh")) == "zh"
    assert language_of("zhuyin/index.html", ("en", "zh")) == "en"


def test_a_two_language_site_verifies_in_each_language(zh_course: Path) -> None:
    site = build(zh_course)
    assert verify(zh_course, site, "en") == []
    assert verify(zh_course, site, "zh") == []
    assert parity(zh_course, site) == []


def test_each_language_reads_only_its_own_pages(zh_course: Path) -> None:
    site = build(zh_course)
    # The English quiz copied onto a Chinese page: the Chinese check finds it, the English one does not look.
    english = (site / "lesson/index.html").read_text(encoding="utf-8")
    (site / "zh/other/index.html").parent.mkdir(parents=True)
    (site / "zh/other/index.html").write_text(english, encoding="utf-8")
    assert verify(zh_course, site, "en") == []
    assert verify(zh_course, site, "zh") == ["V707 zh/other/index.html"]


def test_a_chinese_page_whose_key_differs_is_named(zh_course: Path) -> None:
    site = build(zh_course)
    page = site / "zh/lesson/index.html"
    text = page.read_text(encoding="utf-8")
    # Drop the digest of one accepted answer from the Chinese page's short question.
    key = re.search(r'data-question-id="s-short" data-type="short" data-key=\'([^\']*)\'', text)
    assert key is not None
    fewer = re.sub(r'"digests":\["[0-9a-f]+",', '"digests":[', key.group(1))
    page.write_text(text.replace(key.group(1), fewer), encoding="utf-8")
    assert verify(zh_course, site, "en") == []
    assert verify(zh_course, site, "zh") == ["V704 quizzes/sample.yml"]
    assert parity(zh_course, site) == ["V711 zh/lesson/index.html", "V711 zh/lesson/index.html"]


def test_short_answers_must_be_those_the_lock_records_in_every_language(zh_course: Path) -> None:
    site = build(zh_course)
    lock = zh_course / "quizzes" / LOCK_NAME
    name, key = "sample/s-short@zh", '{"accepted":["SHA-256"],"normalize":["case","whitespace","punctuation"]}'
    lines = [f"{name}\t{entry_digest(name, key)}\t{key}" if line.startswith(f"{name}\t") else line
             for line in lock.read_text(encoding="utf-8").splitlines()]
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = parity(zh_course, site)
    assert found == ["V711 lesson/index.html", "V711 zh/lesson/index.html"]


@pytest.fixture
def in_zh_course(zh_course: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(zh_course)
    return zh_course


def test_course_verify_proves_both_languages(in_zh_course: Path) -> None:
    build(in_zh_course)
    result = CliRunner().invoke(main, ["verify", "site"])
    assert result.exit_code == 0, result.output
    assert "), in 2 languages (en, zh), each page with the same keys" in result.output
    (in_zh_course / "site/zh/lesson/index.html").unlink()
    result = CliRunner().invoke(main, ["verify", "site"])
    assert result.exit_code == 1
    assert "V701" in result.output
    assert "zh/lesson/index.html" in result.output


def test_course_verify_proves_both_languages_of_the_instructor_edition(in_zh_course: Path) -> None:
    from course_quiz.contract import INSTRUCTOR_ASSETS
    from course_quiz.editions import Edition, answer_key_page

    site = in_zh_course / "site-instructor"
    for language in ("en", "zh"):
        prepared = prepare_course(in_zh_course / "docs", in_zh_course / "quizzes", in_zh_course, Edition.INSTRUCTOR,
                                  language=language)
        quiz = prepared.quizzes["sample"]
        for source, html in ((quiz.page, quiz.html), (answer_key_page(quiz.page), quiz.answer_key)):
            page = site / site_pages_for(source, language)[0]
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"<html lang=\"{language}\"><body>{html}</body></html>", encoding="utf-8")
    (site / ASSET_DIR).mkdir(parents=True)
    for name in ASSETS + INSTRUCTOR_ASSETS:
        (site / ASSET_DIR / name).write_bytes(published(name))
    result = CliRunner().invoke(main, ["verify", "site-instructor", "--edition", "instructor"])
    assert result.exit_code == 0, result.output
    assert "instructor edition, with their keys and answer keys), in 2 languages (en, zh)" in result.output
    (site / "zh/instructor/answer-keys/lesson/index.html").unlink()
    result = CliRunner().invoke(main, ["verify", "site-instructor", "--edition", "instructor"])
    assert result.exit_code == 1
    assert "answer key 'sample' belongs on zh/instructor/answer-keys/lesson/index.html" in result.output
