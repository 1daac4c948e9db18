"""Whole MkDocs builds of the fixture course in tmp_path, through the real plugin."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


def build(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=course, capture_output=True,
                          text=True, check=False)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_renders_quiz_and_writes_nothing_into_docs(course_dir: Path) -> None:
    before = snapshot(course_dir / "docs")
    result = build(course_dir, "--strict")
    assert result.returncode == 0, result.stderr
    assert snapshot(course_dir / "docs") == before
    page = (course_dir / "site" / "lesson" / "index.html").read_text()
    assert page.count('class="cq-question"') == 8
    assert 'data-quiz-id="sample"' in page
    assert 'src="../assets/course-quiz/quiz.js"' in page
    assert 'href="../assets/course-quiz/quiz.css"' in page
    assert "cq-slot" in page
    # Scripts and styles are files, not inlined into each page.
    assert "sha256hex" not in page
    assert (course_dir / "site" / "assets" / "course-quiz" / "quiz.js").is_file()
    home = (course_dir / "site" / "index.html").read_text()
    assert 'src="assets/course-quiz/quiz.js"' in home


def test_quiz_text_stays_out_of_the_search_index(course_dir: Path) -> None:
    assert build(course_dir, "--strict").returncode == 0
    index = (course_dir / "site" / "search" / "search_index.json").read_text()
    assert "Seven types exist." in index  # the lesson itself is indexed
    for quiz_text in ("Radio buttons", "Check answer", "Only salted digests", "Question 2 of 8"):
        assert quiz_text not in index


def test_strict_build_fails_on_broken_quiz_with_file_and_line(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: [write, build, verify]", "answer: [write, build]"))
    result = build(course_dir, "--strict")
    assert result.returncode != 0
    assert "quizzes/sample.yml:65:1: Q208 order key of question 's-order' is not a permutation of its items " \
           "(missing verify)" in result.stderr
    assert "Traceback" not in result.stderr
    # The quizzes are prepared while MkDocs converts pages, but the build stops before writing any.
    assert not (course_dir / "site" / "lesson" / "index.html").exists()
    assert not (course_dir / "site" / "index.html").exists()


def test_warnings_fail_strict_builds_only(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    explanation: Seven.\n", ""))
    assert build(course_dir).returncode == 0
    result = build(course_dir, "--strict")
    assert result.returncode != 0
    assert "W401" in result.stderr


def test_changed_key_without_lock_fails_the_build(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: false", "answer: true"))
    result = build(course_dir)
    assert result.returncode != 0
    assert "Q601" in result.stderr


def test_post_build_verification_catches_a_page_changed_after_rendering(course_dir: Path) -> None:
    hook = course_dir / "tamper.py"
    hook.write_text(
        "import re\n"
        "def on_post_page(output, page, config):\n"
        "    pattern = r'<form class=\"cq-question\" data-quiz-id=\"sample\" data-question-id=\"s-tf\".*?</form>'\n"
        "    return re.sub(pattern, '', output, flags=re.DOTALL)\n"
    )
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - tamper.py\n")
    result = build(course_dir)
    assert result.returncode != 0
    assert re.search(r"quizzes/sample\.yml:28:1: V702 question 's-tf' is missing from lesson/index\.html",
                     result.stderr)


def test_disabled_plugin_leaves_directive_unrendered(course_dir: Path) -> None:
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text().replace("  course-quiz: {}\n", "  course-quiz:\n    enabled: false\n"))
    assert build(course_dir).returncode == 0
    assert "cq-question" not in (course_dir / "site" / "lesson" / "index.html").read_text()


def test_serve_watches_the_quizzes_folder(course_dir: Path) -> None:
    from mkdocs.config import load_config

    from mkdocs_course.plugin import CourseQuizPlugin

    config = load_config(str(course_dir / "mkdocs.yml"))
    plugin = config.plugins["course-quiz"]
    assert isinstance(plugin, CourseQuizPlugin)
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert watched == [str(course_dir / "quizzes")]


def test_progress_page_gets_a_row_per_quiz(course_dir: Path) -> None:
    from course_quiz.course import load_course
    from course_quiz.keycodec import quiz_stamps
    from course_quiz.progress import quiz_version

    before = snapshot(course_dir / "docs")
    assert build(course_dir, "--strict").returncode == 0
    assert snapshot(course_dir / "docs") == before
    page = (course_dir / "site" / "progress" / "index.html").read_text()
    quiz = load_course(course_dir / "docs", course_dir / "quizzes").quizzes["sample"]
    stamps = " ".join(f"{qid}:{stamp}" for qid, stamp in quiz_stamps(quiz))
    assert (f'<tr data-cq-for="sample" data-cq-version="{quiz_version(quiz_stamps(quiz))}" data-cq-stamps="{stamps}">'
            '<th scope="row"><a href="../lesson/">Sample lesson</a></th>') in page
    assert page.count("<tr data-cq-for=") == 1
    assert page.count('src="../assets/course-quiz/quiz.js"') == 1, "no script but quiz.js"
    assert "cq-progress-slot" not in page
    assert "cq-progress" not in (course_dir / "site" / "lesson" / "index.html").read_text(), "only where placed"


def test_a_progress_placeholder_in_code_stays_code(course_dir: Path) -> None:
    lesson = course_dir / "docs" / "lesson.md"
    lesson.write_text(lesson.read_text() + '\n```html\n<div class="cq-progress-slot"></div>\n```\n')
    assert build(course_dir, "--strict").returncode == 0
    page = (course_dir / "site" / "lesson" / "index.html").read_text()
    assert "data-cq-for" not in page
    assert "cq-progress-slot" in page


def test_a_remote_image_fails_the_build_until_its_host_is_allowed(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    explanation: Seven.\n",
                                             "    explanation: \"Seven. ![chart](https://media.example.org/c.png)\"\n"))
    result = build(course_dir)
    assert result.returncode != 0
    assert re.search(r"quizzes/sample\.yml:\d+:\d+: Q502 image loaded from media\.example\.org", result.stderr)
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text().replace("  course-quiz: {}",
                                                 "  course-quiz:\n    allowed_hosts: [media.example.org]"))
    result = build(course_dir, "--strict")
    assert result.returncode == 0, result.stderr
    page = (course_dir / "site" / "lesson" / "index.html").read_text()
    assert '<img alt="chart" src="https://media.example.org/c.png">' in page
    config.write_text(config.read_text().replace("[media.example.org]", "[media.example.org/x]"))
    refused = build(course_dir)
    assert "course-quiz: allowed_hosts: 'media.example.org/x' is not a host name" in refused.stderr


def test_the_configuration_and_its_appended_snippets_are_held_to_no_third_party_requests(course_dir: Path) -> None:
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "")
                      + "  - pymdownx.snippets:\n      auto_append: [includes/links.md]\n"
                      + "extra_css:\n  - https://cdn.example/theme.css\n")
    (course_dir / "includes").mkdir()
    (course_dir / "includes" / "links.md").write_text("*[API]: An interface.\n![b](https://badge.example/b.svg)\n")
    result = build(course_dir)
    assert result.returncode != 0
    assert re.search(r"mkdocs\.yml:3:1: Q502 web font .* fonts\.googleapis\.com .*set font: false", result.stderr)
    assert "mkdocs.yml:22:5: Q502 stylesheet (extra_css) loaded from cdn.example" in result.stderr
    assert "includes/links.md:2:1: Q502 image loaded from badge.example" in result.stderr
