"""Both editions of the real course built with MkDocs: nothing of the instructor edition in the student site,
everything it promises in the instructor site; and how each build fails."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from course_quiz.course import load_course
from tests.conftest import PROJECT

pytestmark = pytest.mark.build

SITE_URL = "https://course.example/"


def mkdocs_build(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=folder, capture_output=True,
                          text=True, check=False)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the course with both editions built: site/ (student) and site-instructor/."""
    copy = tmp_path_factory.mktemp("editions") / "course"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns("site", "site-instructor", ".venv", ".git", "bench",
                                                                  "tests", "*.egg-info"))
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text().replace('site_url: ""', f"site_url: {SITE_URL}"))
    for args in ((), ("-f", "mkdocs-instructor.yml")):
        result = mkdocs_build(copy, *args)
        assert result.returncode == 0, result.stderr
    return copy


# ---- What the sources say is instructor-only, read independently of the engine ---------------------

def note_lines_from_sources() -> dict[str, list[str]]:
    """Every content line of every `!!! instructor` block of docs/, by page, read with a plain line loop.

    Examples in fenced code (the guide quotes one) are not notes.
    """
    found: dict[str, list[str]] = {}
    for page in sorted((PROJECT / "docs").rglob("*.md")):
        inside = in_code = False
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith(("```", "~~~")):
                in_code = not in_code
            if in_code:
                continue
            if re.match(r"^(!!!|\?\?\?\+?) .*\binstructor\b", line):
                inside = True
            elif inside and line.strip() and not line.startswith("    "):
                inside = False
            elif inside and line.strip():
                found.setdefault(page.relative_to(PROJECT / "docs").as_posix(), []).append(line.strip())
    return found


def phrases(line: str) -> list[str]:
    """The runs of a note line that any rendering keeps intact: cut at Markdown and quotation marks."""
    plain = re.sub(r"^(- |\d+\. |\(\d+\) )", "", line)
    return [run.strip() for run in re.split(r"[*_`\"“”()\[\]<>&]|\s-\s", plain) if len(run.strip()) >= 30]


NOTE_PHRASES = {page: [p for line in lines for p in phrases(line)] for page, lines in note_lines_from_sources().items()}


def built_folder(page: str) -> str:
    """Where a page of docs/ is built: ``lessons/x.md`` at ``lessons/x``, ``lessons/x.zh.md`` at ``zh/lessons/x``."""
    stem = page.removesuffix(".md")
    return f"zh/{stem.removesuffix('.zh')}" if stem.endswith(".zh") else stem


def language_folder(page: str) -> str:
    """The folder of the site a page's language is built in: the root, or ``zh/`` for a twin."""
    return "zh/" if page.endswith(".zh.md") else ""


def readable_forms(path: Path) -> list[str]:
    """A built file as bytes-decoded text, as text without tags, and for JSON as its decoded strings."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    forms = [raw, re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", raw)))]
    if path.suffix == ".json":
        decoded = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", json.dumps(json.loads(raw), ensure_ascii=False)))
        forms += [decoded, decoded.replace("\u200b", "")]  # the search index's word breaks between Chinese words
    return forms


def built_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def test_the_course_has_instructor_notes_to_hide() -> None:
    assert len(NOTE_PHRASES) == 16  # 8 pages, each in English and Chinese
    assert {page.replace(".zh.md", ".md") for page in NOTE_PHRASES if page.endswith(".zh.md")} == {
        page for page in NOTE_PHRASES if not page.endswith(".zh.md")}
    assert all(len(found) >= 4 for found in NOTE_PHRASES.values()), NOTE_PHRASES  # Chinese runs are long


def test_no_instructor_note_text_in_any_file_of_the_student_site(course: Path) -> None:
    leaks = [(phrase, path.relative_to(course).as_posix())
             for path in built_files(course / "site") for form in readable_forms(path)
             for page in NOTE_PHRASES.values() for phrase in page if phrase in form]
    assert leaks == []


def test_the_same_text_is_in_the_instructor_site(course: Path) -> None:
    # The check above can fail: every phrase is found, the same way, in the instructor edition.
    index = readable_forms(course / "site-instructor" / "search" / "search_index.json")  # both languages'
    for page, found in NOTE_PHRASES.items():
        notes = readable_forms(course / "site-instructor" / language_folder(page) / "instructor/notes/index.html")
        lesson = readable_forms(course / "site-instructor" / built_folder(page) / "index.html")
        for phrase in found:
            assert any(phrase in form for form in notes), phrase
            assert any(phrase in form for form in lesson), phrase
            assert any(phrase in form for form in index), phrase


def test_student_site_holds_nothing_else_of_the_instructor_edition(course: Path) -> None:
    site = course / "site"
    for path in built_files(site):
        data = path.read_bytes()
        assert b"data-cq-instructor" not in data, path
        assert b"cq-edition-banner" not in data, path
        assert b'name="robots"' not in data, path
    assert not (site / "instructor").exists()
    assert not (site / "assets" / "course-quiz" / "instructor.css").exists()
    sitemap = (site / "sitemap.xml").read_text()
    assert f"<loc>{SITE_URL}lessons/soft-power/</loc>" in sitemap
    assert "instructor/" not in sitemap
    assert "admonition instructor" not in (site / "lessons" / "soft-power" / "index.html").read_text()


def test_every_instructor_page_has_the_banner_and_noindex(course: Path) -> None:
    pages = [p for p in built_files(course / "site-instructor") if p.suffix == ".html"]
    assert len(pages) > 20
    for path in pages:
        text = path.read_text()
        name = "教师版" if path.relative_to(course / "site-instructor").parts[0] == "zh" else "Instructor edition"
        assert '<meta name="robots" content="noindex"></head>' in text, path
        assert re.search(r'<body[^>]*><div class="cq-edition-banner" role="note" data-cq-instructor><strong>'
                         f"{name}</strong>", text), path


def test_instructor_lessons_show_notes_and_a_key_under_every_question(course: Path) -> None:
    site = course / "site-instructor"
    for page in NOTE_PHRASES:
        text = (site / built_folder(page) / "index.html").read_text()
        questions = text.count('<form class="cq-question"')
        assert questions >= 8
        assert text.count('<div class="cq-key" data-cq-instructor>') == questions
        assert text.count("</form>\n<div class=\"cq-key\"") == questions  # each right under its question
        assert '<div class="admonition instructor" data-cq-instructor="">' in text


def test_instructor_pages_notes_and_answer_keys(course: Path) -> None:
    site = course / "site-instructor"
    notes = (site / "instructor" / "notes" / "index.html").read_text()
    assert notes.count('<div class="admonition instructor" data-cq-instructor="">') == 8
    titles = re.findall(r'<h2 id="[^"]+">([^<]+)<a class="headerlink"', notes)
    assert titles[0] == "1. Reading AI-strategy news critically"
    assert len(titles) == 8
    for folder in ("", "zh/"):
        keys = sorted(p.parent.name for p in (site / folder / "instructor/answer-keys/lessons").glob("*/index.html"))
        assert keys == sorted(Path(p).stem for p in NOTE_PHRASES if not p.endswith(".zh.md")), folder
    page = (site / "instructor" / "answer-keys" / "lessons" / "soft-power" / "index.html").read_text()
    assert '<section class="cq-answer-key" data-cq-answer-key="soft-power" data-cq-instructor>' in page
    assert "<form" not in page.split('<article', 1)[1].split("</article>", 1)[0]
    assert '<a href="../../../../lessons/soft-power/">the lesson</a>' in page
    home = (site / "index.html").read_text()
    assert 'href="instructor/notes/"' in home  # in the navigation
    assert 'href="instructor/answer-keys/lessons/soft-power/"' in home


def test_course_verify_checks_each_edition(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(course)
    runner = CliRunner()
    student = runner.invoke(main, ["verify", "site"])
    assert student.exit_code == 0, student.output
    sources = load_course(course / "docs", course / "quizzes", root=course)
    questions = sum(len(quiz.questions) for quiz in sources.quizzes.values())
    expected = (f"site: {len(sources.quizzes)} quizzes, {questions} questions verified "
                f"(student edition, without the {len(sources.notes)} instructor notes), in 2 languages (en, zh), "
                "each page with the same keys")
    assert expected in student.output
    instructor = runner.invoke(main, ["verify", "site-instructor", "--edition", "instructor"])
    assert instructor.exit_code == 0, instructor.output
    # Publishing the instructor edition by mistake is caught.
    wrong = runner.invoke(main, ["verify", "site-instructor"])
    assert wrong.exit_code == 1
    assert "site-instructor/assets/course-quiz/instructor.css:1:1: V709" in wrong.output
    assert "index.html:" in wrong.output
    assert "V709 the text of this instructor note is in the built search/search_index.json" in wrong.output
    both_wrong = runner.invoke(main, ["verify", "site", "--edition", "instructor"])
    assert both_wrong.exit_code == 1
    assert "V708" in both_wrong.output  # instructor.css is missing
    assert "V706" in both_wrong.output  # quizzes without their keys


# ---- Failures, on the small fixture course ------------------------------------------------------

def test_a_hook_that_publishes_a_note_fails_the_student_build(course_dir: Path) -> None:
    hook = course_dir / "leak.py"
    hook.write_text("def on_post_page(output, page, config):\n"
                    "    return output.replace('</article>', '<p>Learners often think the key is hidden by "
                    "encryption in the page.</p></article>')\n")
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - leak.py\n")
    result = mkdocs_build(course_dir)
    assert result.returncode != 0
    assert "docs/lesson.md:36:1: V709 the text of this instructor note is in the built index.html" in result.stderr
    assert "Traceback" not in result.stderr


def test_instructor_build_fails_on_a_broken_quiz_too(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    result = mkdocs_build(course_dir, "-f", "mkdocs-instructor.yml")
    assert result.returncode != 0
    assert "quizzes/sample.yml:13:1: Q201" in result.stderr
    assert not (course_dir / "site-instructor" / "lesson" / "index.html").exists()


def test_a_page_where_the_instructor_edition_generates_one_is_refused(course_dir: Path) -> None:
    (course_dir / "docs" / "instructor").mkdir()
    (course_dir / "docs" / "instructor" / "notes.md").write_text("# Mine\n")
    result = mkdocs_build(course_dir, "-f", "mkdocs-instructor.yml")
    assert result.returncode != 0
    assert "instructor/notes.md: the instructor edition generates this page; rename or move" in result.stderr
    assert "Traceback" not in result.stderr
    assert mkdocs_build(course_dir).returncode == 0  # the student edition generates nothing


def test_a_tampered_answer_key_fails_the_instructor_build(course_dir: Path) -> None:
    hook = course_dir / "tamper.py"
    hook.write_text("def on_post_page(output, page, config):\n"
                    "    return output.replace('Seven.</p></div>', 'Eight.</p></div>')\n")
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - tamper.py\n")
    result = mkdocs_build(course_dir, "-f", "mkdocs-instructor.yml")
    assert result.returncode != 0
    assert "V706 answer key of quiz 'sample' on instructor/answer-keys/lesson/index.html differs" in result.stderr


# ---- Both languages (mkdocs-static-i18n): English at the root, Chinese under zh/ -------------------------

QUIZ_KEYS = re.compile(r"""data-question-id="([^"]+)"[^>]*?data-key='([^']+)'""")


def test_both_editions_are_built_in_both_languages(course: Path) -> None:
    for folder in ("site", "site-instructor"):
        site = course / folder
        english = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                         if not p.relative_to(site).as_posix().startswith(("zh/", "search/")))
        assert len(english) >= 12
        for page in english:
            chinese = site / "zh" / page
            assert chinese.is_file(), chinese
            assert '<html lang="zh"' in chinese.read_text(encoding="utf-8"), chinese
    notes = (course / "site-instructor" / "zh" / "instructor" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "cq-edition-banner" in notes
    assert not (course / "site" / "zh" / "instructor").exists()
    for folder in ("site", "site-instructor"):  # the site's 404 page is the default language's
        assert '<html lang="en"' in (course / folder / "404.html").read_text(encoding="utf-8")


def test_every_quiz_has_the_same_keys_on_its_english_and_chinese_page(course: Path) -> None:
    quizzes = load_course(course / "docs", course / "quizzes", root=course).quizzes
    assert quizzes
    for quiz in quizzes.values():
        page = quiz.lesson.removesuffix(".md") if quiz.lesson else ""
        english = (course / "site" / page / "index.html").read_text(encoding="utf-8")
        chinese = (course / "site" / "zh" / page / "index.html").read_text(encoding="utf-8")
        assert f'data-quiz-id="{quiz.id}"' in chinese
        keys = dict(QUIZ_KEYS.findall(english))
        assert keys, quiz.id
        assert dict(QUIZ_KEYS.findall(chinese)) == keys, quiz.id
