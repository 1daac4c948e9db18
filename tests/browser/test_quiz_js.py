"""quiz.js checks answers exactly as the Python verifier does: same digests, normalisation and numbers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from course_quiz.course import load_course
from course_quiz.keycodec import digest, key_stamp, page_key_text
from course_quiz.normalize import normalize_answer
from course_quiz.published import published
from course_quiz.qtypes.numeric import numeric_bounds
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

# The script as a site serves it (minified): what students' browsers run.
SCRIPT = published("quiz.js").decode("utf-8")
# The script exports its functions when a CommonJS-style `module` is in scope, and starts nothing then.
API = "(function () { var module = {exports: {}};\n" + SCRIPT + "\nreturn module.exports; })()"

TEXTS = ["", "abc", "a" * 55, "a" * 56, "a" * 64, "x" * 1000, "Ünïcødé café", "中文 答案", "SHA-256!",
         "  Many   spaces\there ", "Déjà vu, n'est-ce pas?", "ß ﬁ İ", "emoji 🙂 test"]
RULES = [[], ["case"], ["whitespace"], ["punctuation"], ["diacritics"],
         ["case", "whitespace", "punctuation", "diacritics"]]
NUMBERS = ["7", "7.0", "-3.14", "3,149", "1e5", "", "abc", "+2.50", ".5", "-0", "12 %", "90%", "5 kg", "1,000.5",
           "0.0001", "-7.999"]


@pytest.fixture(scope="module")
def js(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    page.set_content("<!doctype html><title>quiz.js</title>")
    yield page
    page.close()


def call(page: Any, body: str, argument: object) -> Any:
    return page.evaluate(f"(arg) => {{ const api = {API}; {body} }}", argument)


def test_sha256_matches_hashlib(js: Any) -> None:
    found = call(js, "return arg.map((t) => api.sha256hex(t));", TEXTS)
    assert found == [hashlib.sha256(t.encode()).hexdigest() for t in TEXTS]
    assert call(js, "return api.digest('s4lt', 'radio');", None) == digest("s4lt", "radio")


def test_normalisation_matches_python(js: Any) -> None:
    cases = [(text, rules) for text in TEXTS for rules in RULES]
    found = call(js, "return arg.map(([t, r]) => api.normalize(t, r));", [list(case) for case in cases])
    assert found == [normalize_answer(text, rules) for text, rules in cases]


@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_number_reading_matches_python(js: Any, decimals: int) -> None:
    found = call(js, f"return arg.map((t) => api.numericBounds(t, {decimals}, 'kg'));", NUMBERS)
    expected = [None if b is None else [str(b[0]), str(b[1])] for b in
                (numeric_bounds(text, decimals, "kg") for text in NUMBERS)]
    assert json.loads(json.dumps(found)) == expected


def test_stamps_match_python(js: Any) -> None:
    """quiz.js stamps a saved answer with digest(type, data-key), as keycodec.key_stamp does."""
    quizzes = load_course(PROJECT / "docs", PROJECT / "quizzes").quizzes.values()
    questions = [q for quiz in quizzes for q in quiz.questions]
    found = call(js, "return arg.map(([t, k]) => api.digest(t, k));", [[q.type, page_key_text(q)] for q in questions])
    assert found == [key_stamp(q) for q in questions]
