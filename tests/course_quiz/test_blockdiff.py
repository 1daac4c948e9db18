"""Why a block differs from its rendering: a wrong key as a wrong key (V702-V704), else the first differing bytes."""

from __future__ import annotations

import json
import re

import pytest

from course_quiz.blockdiff import difference, explain_quiz, verify_rendered
from course_quiz.keycodec import digest
from course_quiz.loader import load_quiz_file, load_quiz_text
from course_quiz.model import Quiz
from course_quiz.render import QuizRenderer
from course_quiz.verify import ExpectedQuiz
from tests.conftest import FIXTURE_COURSE


@pytest.fixture
def quiz() -> Quiz:
    loaded, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml", "quizzes/sample.yml")
    assert loaded is not None
    return loaded


def expected(quiz: Quiz) -> ExpectedQuiz:
    return ExpectedQuiz(quiz.id, ("p.html",), QuizRenderer().render(quiz), quiz.path, 1)


def explain(quiz: Quiz, page: str) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in explain_quiz(expected(quiz), "p.html", page.encode(), {quiz.id: quiz}.get)]


def test_a_key_that_accepts_a_wrong_option_is_reported_as_such(quiz: Quiz) -> None:
    rendered = QuizRenderer().render(quiz)
    form = re.search(r'data-question-id="s-single"[^>]*data-key=\'([^\']+)\'', rendered)
    assert form
    key = json.loads(form.group(1))
    wrong = {**key, "digests": [*key["digests"], digest(key["salt"], "checkbox")]}
    page = "<main>" + rendered.replace(form.group(1), json.dumps(wrong, separators=(",", ":"))) + "</main>"
    [(code, message)] = explain(quiz, page)
    assert code == "V704"
    assert "question 's-single' on p.html: accepts the wrong answer" in message


def test_a_missing_block_is_v701_and_other_differences_v706_with_the_first_differing_text(quiz: Quiz) -> None:
    assert explain(quiz, "<main>no quiz</main>") == [("V701", "quiz 'sample' is missing from p.html")]
    edited = QuizRenderer().render(quiz).replace("Radio buttons allow exactly one.", "Radio buttons: one.")
    [(code, message)] = explain(quiz, "<main>\n" + edited)
    assert code == "V706"
    # Shown from the first character that differs: after "Radio buttons".
    assert "': one.</p>" in message
    assert "where the source gives ' allow exactly one.</p>" in message


def test_the_difference_is_shown_at_its_line_of_the_page(quiz: Quiz) -> None:
    rendered = QuizRenderer().render(quiz)
    text = "<p>one</p>\n<p>two</p>\n" + rendered.replace("Checkboxes allow", "Checkboxes\nallow")
    found = difference(expected(quiz), "p.html", text, text.index("<section"))
    line = text.count("\n", 0, text.index("Checkboxes\nallow")) + 1
    assert f"from line {line} of the page" in found.message


@pytest.mark.parametrize(("answers", "normalize"), [(["?"], []), (["a", "A x"], ["case"])])
def test_near_misses_the_key_accepts_are_not_counted_as_wrong(answers: list[str], normalize: list[str]) -> None:
    # Found by the round-trip property test: verification tried "?" as a wrong answer to a key of "?".
    text = ("id: gen\ntitle: T\nlesson: l.md\nquestions:\n  - id: q0\n    type: short\n    objective: o\n"
            f"    prompt: P\n    explanation: E.\n    normalize: {json.dumps(normalize)}\n"
            f"    answer: {json.dumps(answers)}\n")
    loaded, problems = load_quiz_text("gen.yml", text)
    assert loaded is not None
    assert not [p for p in problems if p.severity.value == "error"]
    assert verify_rendered(loaded, QuizRenderer().render(loaded)) == []
