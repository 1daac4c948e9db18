"""Rendering: accessible native markup, no key in plain text, safe text, and the plain Markdown extension."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from course_quiz.loader import load_quiz_file, load_quiz_text
from course_quiz.markdown_ext import QuizExtension, QuizSourceError
from course_quiz.pageread import read_page_quizzes
from course_quiz.render import QuizRenderer
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
    _, problems = load_quiz_file(CORPUS / "q501-unsafe.yml")
    assert {p.code for p in problems} == {"Q501"}
    # The checker leaves such a question out; rendered anyway, its text is still made harmless.
    quiz, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml")
    assert quiz is not None
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    question = replace(quiz.questions[0], prompt=hostile, explanation=hostile)
    html = QuizRenderer().render(replace(quiz, questions=(question,)))
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


def test_plain_python_markdown_extension_renders_a_lesson(course_dir: Path) -> None:
    source = (course_dir / "docs" / "lesson.md").read_text()
    extension = QuizExtension(docs_dir=str(course_dir / "docs"), quizzes_dir=str(course_dir / "quizzes"))
    html = markdown.markdown(source, extensions=[extension])
    assert '<div class="cq-slot"><section class="cq-quiz" data-quiz-id="sample"' in html
    assert "Review: " in html
    assert "Review: the lesson section" not in html  # titles come from the lesson's headings


def test_plain_python_markdown_extension_fails_on_a_broken_course(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    extension = QuizExtension(docs_dir=str(course_dir / "docs"), quizzes_dir=str(quiz.parent))
    with pytest.raises(QuizSourceError, match=r"sample\.yml:13:\d+: Q201 "):
        markdown.markdown("/// quiz | sample\n///\n", extensions=[extension])


def test_a_quiz_the_provider_lacks_is_named_on_the_page() -> None:
    html = markdown.markdown("/// quiz | missing\n///\n", extensions=[QuizExtension(provider=lambda _: None)])
    assert 'Quiz "missing" was not found' in html


def test_core_imports_no_mkdocs() -> None:
    code = (
        "import sys, markdown\n"
        "import course_quiz.course, course_quiz.render, course_quiz.verify, course_quiz.markdown_ext, course_quiz.cli\n"
        "from course_quiz.markdown_ext import QuizExtension\n"
        f"ext = QuizExtension(docs_dir={str(FIXTURE_COURSE / 'docs')!r}, "
        f"quizzes_dir={str(FIXTURE_COURSE / 'quizzes')!r})\n"
        "assert 'cq-quiz' in markdown.markdown('/// quiz | sample\\n///', extensions=[ext])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_entry_point_name_loads_the_extension() -> None:
    html = markdown.markdown("/// quiz | none\n///", extensions=["course_quiz"])
    assert "cq-missing" in html


def _shown_ids(html: str, question_id: str) -> list[str]:
    form = re.search(rf'data-question-id="{question_id}".*?</form>', html, flags=re.DOTALL)
    assert form
    return re.findall(r'<div class="cq-option" data-option-id="([^"]+)"', form.group(0))


def test_options_are_shown_in_a_fixed_shuffled_order() -> None:
    quiz, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml")
    assert quiz is not None
    single = next(q for q in quiz.questions if q.id == "s-single")
    written = [o.id for o in single.options]
    shown = _shown_ids(sample_html(), "s-single")
    assert sorted(shown) == sorted(written)
    assert shown != written
    assert shown == _shown_ids(sample_html(), "s-single")  # the same in every rendering
    # The order follows the quiz and question ids: the same question in another quiz is shown differently.
    elsewhere = replace(quiz, id="elsewhere", questions=tuple(replace(q, quiz_id="elsewhere") for q in quiz.questions))
    assert _shown_ids(QuizRenderer().render(elsewhere), "s-single") != shown


def test_shuffle_false_keeps_the_written_order() -> None:
    quiz, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml")
    assert quiz is not None
    kept = replace(quiz, questions=tuple(replace(q, shuffle=False) for q in quiz.questions))
    html = QuizRenderer().render(kept)
    for question in kept.questions:
        if question.options:
            assert _shown_ids(html, question.id) == [o.id for o in question.options]


def test_the_shuffled_key_lands_in_every_position() -> None:
    # Over many question ids, every option lands in every position: the order is not a fixed rotation.
    quiz, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml")
    assert quiz is not None
    single = next(q for q in quiz.questions if q.id == "s-single")
    positions = {[o.id for o in replace(single, id=f"q{n}").shown_options].index("radio") for n in range(60)}
    assert positions == {0, 1, 2}
