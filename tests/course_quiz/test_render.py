"""Rendering: accessible native markup, no key in plain text, safe text, and the plain Markdown extension."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown

from course_quiz.loader import load_quiz_file, load_quiz_text
from course_quiz.markdown_ext import QuizExtension
from course_quiz.render import QuizRenderer
from course_quiz.verify import read_page_quizzes
from tests.conftest import CORPUS, FIXTURE_COURSE


def sample_html() -> str:
    quiz, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml")
    assert quiz is not None
    return QuizRenderer().render(quiz, {"types": "Question types"})


def test_markup_is_native_and_labelled() -> None:
    html = sample_html()
    assert html.count("<fieldset") == 8
    assert html.count("<legend>") == 8
    assert 'data-quiz-id="sample"' in html
    assert 'data-quiz-id="sample" data-question-id="s-single"' in html
    assert "data-search-exclude" in html
    assert 'type="radio"' in html
    assert 'type="checkbox"' in html
    assert "<select" in html
    assert 'aria-live="polite"' in html
    assert '<a href="#types">Review: Question types</a>' in html
    assert "draggable" not in html


def test_key_is_not_in_the_page_in_plain_text() -> None:
    html = sample_html()
    page = read_page_quizzes("p.html", html)[0]
    assert set(page.questions) == {"s-single", "s-multiple", "s-tf", "s-short", "s-numeric", "s-numeric-decimal",
                                   "s-order", "s-match"}
    # Explanations and feedback are shown after answering and may name the answer; the controls and
    # the key data must not.
    controls = re.sub(r'<details class="cq-explanation">.*?</details>', "", html, flags=re.DOTALL)
    for secret in ("SHA-256", "SHA2-256", "3.14", "write,build,verify", "single=radio", "multiple=checkbox"):
        assert secret not in controls
    assert '"digests":[' in html


def test_raw_html_and_script_links_never_reach_the_page() -> None:
    quiz, problems = load_quiz_file(CORPUS / "q501-unsafe.yml")
    assert quiz is not None
    assert {p.code for p in problems} == {"Q501"}
    html = QuizRenderer().render(quiz)
    assert "<script" not in html
    assert "<img" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;" in html


def test_markdown_in_prompts_is_rendered() -> None:
    text = """id: md
title: "*Emphasis* in a title"
lesson: l.md
questions:
  - id: md1
    type: true-false
    objective: o
    prompt: |
      Read this code:

      ```python
      print("hi")
      ```
    answer: true
    explanation: "`print` prints."
"""
    quiz, problems = load_quiz_text("md.yml", text)
    assert problems == []
    assert quiz is not None
    html = QuizRenderer().render(quiz)
    assert "<em>Emphasis</em>" in html
    assert "<pre><code" in html
    assert "aria-describedby" in html  # a block prompt cannot sit in the legend
    assert "<code>print</code> prints." in html


def test_plain_python_markdown_extension_renders_a_lesson(tmp_path: Path) -> None:
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "sample.yml").write_text((FIXTURE_COURSE / "quizzes" / "sample.yml").read_text())
    source = "# Lesson\n\nText.\n\n/// quiz | sample\n///\n\n/// quiz | missing\n///\n"
    html = markdown.markdown(source, extensions=[QuizExtension(quizzes_dir=str(quizzes))])
    assert '<div class="cq-slot"><section class="cq-quiz" data-quiz-id="sample"' in html
    assert 'Quiz "missing" was not found' in html


def test_core_imports_no_mkdocs() -> None:
    code = (
        "import sys, markdown\n"
        "import course_quiz.course, course_quiz.render, course_quiz.verify, course_quiz.markdown_ext, course_quiz.cli\n"
        "from course_quiz.markdown_ext import QuizExtension\n"
        "markdown.markdown('/// quiz | x\\n///', extensions=[QuizExtension(quizzes_dir='.')])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_entry_point_name_loads_the_extension() -> None:
    html = markdown.markdown("/// quiz | none\n///", extensions=["course_quiz"])
    assert "cq-missing" in html
