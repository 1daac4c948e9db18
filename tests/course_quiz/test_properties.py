"""Property-based tests: any valid quiz survives rendering and verification with exactly its key;
any bytes given to the loader give a quiz or problems, never an exception."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from decimal import Decimal

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course_quiz.keycodec import accepts
from course_quiz.loader import load_quiz_bytes, load_quiz_text
from course_quiz.model import Question, Quiz
from course_quiz.pageread import PageQuestion, read_page_quizzes
from course_quiz.qtypes import TYPES, Response
from course_quiz.render import QuizRenderer
from tests.conftest import PROJECT

IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: t.strip() != "")
SCHEMA = json.loads((PROJECT / "quizzes" / "schema.json").read_text())


@st.composite
def entries(draw: st.DrawFn, low: int = 2, high: int = 6) -> list[dict[str, str]]:
    ids = draw(st.lists(IDS, min_size=low, max_size=high, unique=True))
    return [{"id": i, "text": f"Entry {n} {draw(TEXT)}"} for n, i in enumerate(ids)]


@st.composite
def questions(draw: st.DrawFn, qid: str) -> dict[str, object]:
    qtype = draw(st.sampled_from(["single", "multiple", "true-false", "short", "numeric", "order", "match"]))
    question: dict[str, object] = {"id": qid, "type": qtype, "objective": "o", "prompt": draw(TEXT),
                                   "explanation": "Because of the reason."}
    if qtype in ("single", "multiple"):
        options = draw(entries())
        question["options"] = options
        ids = [o["id"] for o in options]
        if qtype == "single":
            question["answer"] = draw(st.sampled_from(ids))
        else:
            question["answer"] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    elif qtype == "true-false":
        question["answer"] = draw(st.booleans())
    elif qtype == "short":
        rules = draw(st.lists(st.sampled_from(["case", "whitespace", "punctuation", "diacritics"]), unique=True))
        question["normalize"] = rules
        answers = draw(st.lists(TEXT, min_size=1, max_size=3))
        question["answer"] = answers
    elif qtype == "numeric":
        decimals = draw(st.integers(0, 3))
        value = Decimal(draw(st.integers(-10**6, 10**6))).scaleb(-decimals)
        tolerance = Decimal(draw(st.integers(0, 50))).scaleb(-decimals)
        question["answer"] = {"value": float(value), "tolerance": float(tolerance), "unit": "kg"}
    elif qtype == "order":
        items = draw(entries())
        question["items"] = items
        question["answer"] = draw(st.permutations([i["id"] for i in items]))
    else:
        left = draw(entries(2, 5))
        right = [{"id": f"r-{e['id']}", "text": f"Target {e['text']}"} for e in left]
        question["left"] = left
        question["right"] = right
        targets = draw(st.permutations([r["id"] for r in right]))
        question["answer"] = dict(zip([e["id"] for e in left], targets, strict=True))
    return question


@st.composite
def quizzes(draw: st.DrawFn) -> dict[str, object]:
    count = draw(st.integers(1, 4))
    return {"id": "gen", "title": "Generated", "lesson": "l.md",
            "questions": [draw(questions(f"q{n}")) for n in range(count)]}


def load_valid(data: dict[str, object]) -> tuple[str, list[Question]]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    quiz, problems = load_quiz_text("gen.yml", text)
    errors = [p for p in problems if p.severity.value == "error"]
    return text, ([] if errors or quiz is None else list(quiz.questions))


def every_response(question_type: str, found: PageQuestion) -> Iterator[Response]:
    """Every answer a student could give to a choice, order or match question on the page."""
    if question_type in ("single", "true-false"):
        yield from found.option_ids
    elif question_type == "multiple":
        for size in range(len(found.option_ids) + 1):
            yield from (list(subset) for subset in itertools.combinations(found.option_ids, size))
    elif question_type == "order":
        yield from (list(order) for order in itertools.permutations(found.item_ids))
    else:
        yield from (dict(zip(found.left_ids, targets, strict=True))
                    for targets in itertools.permutations(found.target_ids, len(found.left_ids)))


def recovered_responses(question: Question, found: PageQuestion) -> list[Response]:
    """Every answer the page accepts, found by trying all of them (choice, order, match types)."""
    key = found.key()
    assert key is not None
    return [r for r in every_response(question.type, found) if accepts(question.type, key, r)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quizzes())
def test_render_then_read_back_gives_exactly_the_source_key(data: dict[str, object]) -> None:
    text, loaded = load_valid(data)
    if not loaded:
        return  # generated duplicates after normalisation are legitimately refused
    assert not list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(yaml.safe_load(text)))
    html = QuizRenderer().render(Quiz("gen", "Generated", "l.md", "gen.yml", 1, tuple(loaded)))
    page = read_page_quizzes("p.html", html)[0]
    for question in loaded:
        found = page.questions[question.id]
        key = found.key()
        assert key is not None
        qtype = TYPES[question.type]
        for response in qtype.right_responses(question):
            assert accepts(question.type, key, response)
        for response in qtype.wrong_responses(question, found):
            assert not accepts(question.type, key, response)
        if question.type in ("single", "multiple", "true-false", "order", "match"):
            [recovered] = recovered_responses(question, found)
            expected = qtype.right_responses(question)[0]
            if question.type == "multiple":
                assert sorted(recovered) == sorted(expected)
            else:
                assert recovered == expected
        else:
            assert len(key.digests) == len(qtype.canonical_answers(question))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_loader_never_raises_on_bytes(data: bytes) -> None:
    quiz, problems = load_quiz_bytes("fuzz.yml", data)
    assert quiz is not None or problems


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_loader_never_raises_on_text(text: str) -> None:
    quiz, problems = load_quiz_text("fuzz.yml", text)
    assert quiz is not None or problems


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["id", "type", "answer", "options", "text",
                                                                 "questions", "prompt", "left", "right",
                                                                 "items", "value", "tolerance"]),
                                               children, max_size=5)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_loader_never_raises_on_odd_structures(data: object) -> None:
    text = yaml.safe_dump({"id": "x", "title": "t", "lesson": "l.md", "questions": [data]})
    quiz, _ = load_quiz_text("fuzz.yml", text)
    assert quiz is not None
