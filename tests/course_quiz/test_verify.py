"""Built-site verification: a complete page passes; missing, incomplete or tampered pages fail."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course_quiz.keycodec import digest
from course_quiz.loader import load_quiz_file, load_quiz_text
from course_quiz.model import Quiz
from course_quiz.render import QuizRenderer
from course_quiz.verify import verify_rendered, verify_site
from tests.conftest import FIXTURE_COURSE


@pytest.fixture
def quiz() -> Quiz:
    loaded, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml", "quizzes/sample.yml")
    assert loaded is not None
    return loaded


def write_site(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site"
    (site / "lesson").mkdir(parents=True, exist_ok=True)
    (site / "lesson" / "index.html").write_text(f"<html><body>{html}</body></html>")
    return site


def codes(problems: list) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(p.code, p.line) for p in problems]


def test_rendered_page_verifies(tmp_path: Path, quiz: Quiz) -> None:
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    assert verify_site(site, [quiz], {"sample": "lesson/index.html"}) == []


def test_v701_quiz_missing_or_elsewhere(tmp_path: Path, quiz: Quiz) -> None:
    site = write_site(tmp_path, "<p>No quiz here</p>")
    assert codes(verify_site(site, [quiz])) == [("V701", 1)]
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    assert codes(verify_site(site, [quiz], {"sample": "other/index.html"})) == [("V701", 1)]


def test_v702_question_removed_from_page(tmp_path: Path, quiz: Quiz) -> None:
    html = QuizRenderer().render(quiz)
    html = re.sub(r'<form class="cq-question" data-quiz-id="sample" data-question-id="s-tf".*?</form>', "", html,
                  flags=re.DOTALL)
    site = write_site(tmp_path, html)
    assert codes(verify_site(site, [quiz])) == [("V702", 28)]


def test_v702_option_removed_from_page(tmp_path: Path, quiz: Quiz) -> None:
    html = QuizRenderer().render(quiz)
    html = re.sub(r'<div class="cq-option" data-option-id="text">.*?</div></div>', "</div>", html, count=1,
                  flags=re.DOTALL)
    site = write_site(tmp_path, html)
    assert codes(verify_site(site, [quiz])) == [("V702", 5)]


def tamper_key(html: str, question_id: str, canonical: str) -> str:
    """Replace a question's digests with the digest of another answer, as an attacker or a bug might."""
    pattern = re.compile(rf"""(data-question-id="{question_id}" data-type="[^"]+" data-key=')([^']+)(')""")
    match = pattern.search(html)
    assert match
    key = json.loads(match.group(2))
    key["digests"] = [digest(key["salt"], canonical)]
    replaced = json.dumps(key, separators=(",", ":"))
    return html[: match.start(2)] + replaced + html[match.end(2):]


@pytest.mark.parametrize(
    ("question_id", "canonical", "line"),
    [("s-single", "checkbox", 5), ("s-tf", "true", 28), ("s-order", "build,write,verify", 57),
     ("s-match", "multiple=radio,single=checkbox", 68), ("s-multiple", "order", 17)],
)
def test_v703_tampered_key_is_caught(tmp_path: Path, quiz: Quiz, question_id: str, canonical: str,
                                     line: int) -> None:
    site = write_site(tmp_path, tamper_key(QuizRenderer().render(quiz), question_id, canonical))
    assert codes(verify_site(site, [quiz])) == [("V703", line)]


def test_v704_key_that_also_accepts_a_wrong_answer(tmp_path: Path, quiz: Quiz) -> None:
    html = QuizRenderer().render(quiz)
    match = re.search(r"""data-question-id="s-single" data-type="single" data-key='([^']+)'""", html)
    assert match
    key = json.loads(match.group(1))
    key["digests"].append(digest(key["salt"], "text"))
    new = json.dumps(key, separators=(",", ":"))
    site = write_site(tmp_path, html.replace(match.group(1), new))
    assert codes(verify_site(site, [quiz])) == [("V704", 5)]


def test_v705_missing_site(tmp_path: Path, quiz: Quiz) -> None:
    assert codes(verify_site(tmp_path / "nope", [quiz])) == [("V705", 0)]


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
