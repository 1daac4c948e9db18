"""quiz.js checks answers exactly as the engine does: digests, normalisation, numbers and every type's
``accepts``, run under Node in ``make unit`` (and in Chromium by tests/browser/test_quiz_js.py), so the
two rule sets cannot drift apart unnoticed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from course_quiz.course import load_course
from course_quiz.keycodec import accepts, digest, key_stamp, page_key_text
from course_quiz.loader import load_quiz_file
from course_quiz.model import Question
from course_quiz.normalize import normalize_answer
from course_quiz.pageread import PageKey
from course_quiz.published import published
from course_quiz.qtypes import TYPES, Response
from course_quiz.qtypes.numeric import NumericKey, numeric_bounds
from tests.conftest import CORPUS, FIXTURE_COURSE, PROJECT

# The script as a site serves it (minified): what students' browsers run.
SCRIPT = published("quiz.js").decode("utf-8")
# The script exports its functions when a CommonJS-style `module` is in scope, and starts nothing then.
API = "(function () { var module = {exports: {}};\n" + SCRIPT + "\nreturn module.exports; })()"
NODE = os.environ.get("NODE", shutil.which("node") or "/usr/bin/node")
# Reads {body, arg} as JSON on standard input and writes the body's result as JSON.
NODE_MAIN = ("const api = " + API + ";\nlet input = '';\nprocess.stdin.on('data', (part) => { input += part; });\n"
             "process.stdin.on('end', () => { const {body, arg} = JSON.parse(input);\n"
             "  process.stdout.write(JSON.stringify(new Function('api', 'arg', body)(api, arg))); });\n")

# Runs a function body with quiz.js's functions as ``api`` and ``arg``; returns its result.
RunJs = Callable[[str, object], Any]

TEXTS = ["", "abc", "a" * 55, "a" * 56, "a" * 64, "x" * 1000, "Ünïcødé café", "中文 答案", "SHA-256!",
         "  Many   spaces\there ", "Déjà vu, n'est-ce pas?", "ß ﬁ İ", "emoji 🙂 test"]
RULES = [[], ["case"], ["whitespace"], ["punctuation"], ["diacritics"],
         ["case", "whitespace", "punctuation", "diacritics"]]
NUMBERS = ["7", "7.0", "-3.14", "3,149", "1e5", "", "abc", "+2.50", ".5", "-0", "12 %", "90%", "5 kg", "1,000.5",
           "0.0001", "-7.999"]


@pytest.fixture(scope="module")
def js() -> RunJs:
    if not shutil.which(NODE):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Node not found at {NODE} under CI (make unit installs Debian's nodejs)")
        pytest.skip(f"Node not found at {NODE} (make unit installs Debian's nodejs)")

    def run(body: str, argument: object) -> Any:
        done = subprocess.run([NODE, "-e", NODE_MAIN], input=json.dumps({"body": body, "arg": argument}),
                              capture_output=True, text=True, check=True, timeout=60)
        return json.loads(done.stdout)

    return run


def _questions() -> list[Question]:
    quizzes = [*load_course(PROJECT / "docs", PROJECT / "quizzes").quizzes.values(),
               *load_course(FIXTURE_COURSE / "docs", FIXTURE_COURSE / "quizzes").quizzes.values()]
    corpus, _ = load_quiz_file(CORPUS / "valid-all-types.yml")
    assert corpus is not None
    return [q for quiz in [*quizzes, corpus] for q in quiz.questions]


Plain = str | list[str] | dict[str, str]


def _plain(response: Response) -> Plain:
    if isinstance(response, str):
        return response
    return dict(response) if isinstance(response, Mapping) else list(response)


def _tried(question: Question) -> list[Plain]:
    """The key's right responses and, for each, responses near it that the key may reject."""
    found: list[Plain] = []
    for right in map(_plain, TYPES[question.type].right_responses(question)):
        found.append(right)
        if isinstance(right, str):
            found += [right + "x", right.upper(), " " + right + " ", "0", "1.5", "true", "false"]
        elif isinstance(right, list):
            found += [right[::-1], right[1:], [*right, "zz"]]
        elif isinstance(right, dict):
            values = list(right.values())
            found.append(dict(zip(right, values[1:] + values[:1], strict=True)))
    return found


def test_sha256_matches_hashlib(js: RunJs) -> None:
    found = js("return arg.map((t) => api.sha256hex(t));", TEXTS)
    assert found == [hashlib.sha256(t.encode()).hexdigest() for t in TEXTS]
    assert js("return api.digest('s4lt', 'radio');", None) == digest("s4lt", "radio")


def test_normalisation_matches_python(js: RunJs) -> None:
    cases = [(text, rules) for text in TEXTS for rules in RULES]
    found = js("return arg.map(([t, r]) => api.normalize(t, r));", [list(case) for case in cases])
    assert found == [normalize_answer(text, rules) for text, rules in cases]


@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_number_reading_matches_python(js: RunJs, decimals: int) -> None:
    found = js(f"return arg.map((t) => api.numericBounds(t, {decimals}, 'kg'));", NUMBERS)
    expected = [None if b is None else [str(b[0]), str(b[1])] for b in
                (numeric_bounds(text, decimals, "kg") for text in NUMBERS)]
    assert found == expected


def test_stamps_match_python(js: RunJs) -> None:
    """quiz.js stamps a saved answer with digest(type, data-key), as keycodec.key_stamp does."""
    questions = _questions()
    found = js("return arg.map(([t, k]) => api.digest(t, k));", [[q.type, page_key_text(q)] for q in questions])
    assert found == [key_stamp(q) for q in questions]


def test_every_type_accepts_what_the_engine_accepts(js: RunJs) -> None:
    """For every question of the course, the fixture course and the corpus, right and near-right responses."""
    cases: list[tuple[str, str, str, Plain]] = []
    for question in _questions():
        unit = question.key.unit if isinstance(question.key, NumericKey) else ""
        cases += [(question.type, page_key_text(question), unit, response) for response in _tried(question)]
    assert {case[0] for case in cases} == set(TYPES)
    found = js("return arg.map(([t, k, u, r]) => api.accepts(t, Object.assign(JSON.parse(k), {unit: u}), r));",
               [list(case) for case in cases])
    expected = []
    for qtype, key_text, unit, response in cases:
        key = PageKey.parse(key_text, unit)
        assert key is not None
        expected.append(accepts(qtype, key, response))
    assert found == expected
    assert any(expected)
    assert not all(expected)


# Every message of each language, with numbers where it takes them: a message the English table has and
# the Chinese lacks (or takes other numbers) would show English on a Chinese page.
MESSAGES_SHOWN = """return Object.fromEntries(Object.entries(api.MESSAGES).map(([language, table]) => [language,
  Object.fromEntries(Object.entries(table).map(([name, value]) => [name, typeof value === "function"
    ? {arity: value.length, text: value(...[7, 9, 3].slice(0, value.length))}
    : {text: value === undefined ? null : value}]))]));"""


def test_every_message_has_both_languages(js: RunJs) -> None:
    shown = js(MESSAGES_SHOWN, None)
    assert set(shown) == {"en", "zh"}
    assert set(shown["en"]) == set(shown["zh"])
    arities = {language: {name: m.get("arity") for name, m in table.items()} for language, table in shown.items()}
    assert arities["en"] == arities["zh"]
    assert len(shown["en"]) > 20


def test_chinese_messages_have_no_english_words(js: RunJs) -> None:
    """Numbers are the only thing the Chinese messages share with the English ones (the locale aside)."""
    shown = js(MESSAGES_SHOWN, None)
    for name, message in shown["zh"].items():
        text = message["text"]
        if name == "locale":
            assert text == "zh-CN"
            continue
        assert isinstance(text, str), name
        assert not re.search(r"[A-Za-z]", text), f"{name}: {text}"
        assert re.search(r"[\u4e00-\u9fff]", text), f"{name}: {text}"
        english = shown["en"][name]["text"]
        assert text != english, name
        # The numbers a message takes are all shown, in both languages.
        for number in ("7", "9", "3")[:message.get("arity", 0)]:
            assert number in text, f"{name} leaves out a number"
            assert number in english, f"{name} leaves out a number in English"
    assert shown["en"]["score"]["text"] == "7 of 9 answered, 3 right."
    assert shown["zh"]["score"]["text"] == "共9题，已答7题，答对3题。"


@pytest.mark.parametrize(("path", "root", "expected"), [
    ("/lessons/x/", "/", "lessons/x/"),
    ("/zh/lessons/x/", "/", "lessons/x/"),
    ("/course/zh/lessons/x.html", "/course/", "lessons/x.html"),
    ("/media/usb/course/index.html", "/media/usb/course/", ""),
    ("/media/usb/course/zh/index.html", "/media/usb/course/", ""),
    ("/media/usb/course/zh/lessons/x/index.html", "/media/usb/course/", "lessons/x/"),
    ("/media/usb/course/lessons/x.html", "/media/usb/course/", "lessons/x.html"),
    ("/media/usb/course/lessons/myindex.html", "/media/usb/course/", "lessons/myindex.html"),
    ("/en/lessons/x/", "/", "en/lessons/x/"),          # the default language has no folder of its own
    ("/other/zh/lessons/x/", "/course/", "/other/zh/lessons/x/"),  # another site: never the same page
    ("/constructor/x/", "/", "constructor/x/"),
])
def test_the_same_page_in_either_language(js: RunJs, path: str, root: str, expected: str) -> None:
    assert js("return api.samePage(arg[0], arg[1]);", [path, root]) == expected
