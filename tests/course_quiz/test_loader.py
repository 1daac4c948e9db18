"""The loader on the annotated corpus: every structure and key code at its source line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_quiz.loader import load_quiz_bytes, load_quiz_file, load_quiz_text
from course_quiz.problems import Severity
from course_quiz.qtypes.arrange import MatchKey, OrderKey
from course_quiz.qtypes.base import key_of
from course_quiz.qtypes.choice import ChoiceKey
from course_quiz.qtypes.numeric import NumericKey
from course_quiz.qtypes.short import ShortKey
from course_quiz.qtypes.truefalse import BoolKey
from tests.conftest import CORPUS

CORPUS_FILES = sorted(CORPUS.glob("*.yml"))


def expected_problems(path: Path, family: str = "Q") -> list[tuple[str, int]]:
    """The ``# expect: CODE@LINE ...`` annotations of a corpus file whose codes start with ``family``."""
    text = path.read_text(encoding="utf-8")
    tokens = [t for line in re.findall(r"^# expect:(.*)$", text, re.MULTILINE) for t in line.split()]
    return sorted((code, int(line)) for code, line in (t.split("@") for t in tokens) if code.startswith(family))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_file_reports_exactly_its_annotated_problems(path: Path) -> None:
    _, problems = load_quiz_file(path)
    found = sorted((p.code, p.line) for p in problems if p.severity is Severity.ERROR)
    assert found == expected_problems(path)


def test_valid_file_gives_a_complete_model() -> None:
    quiz, problems = load_quiz_file(CORPUS / "valid-all-types.yml")
    assert problems == []
    assert quiz is not None
    by_id = {q.id: q for q in quiz.questions}
    assert {q.type for q in quiz.questions} == {"single", "multiple", "true-false", "short", "numeric", "order",
                                                 "match"}
    assert key_of(by_id["s-single"], ChoiceKey) == ChoiceKey(("radio",))
    assert key_of(by_id["s-multiple"], ChoiceKey) == ChoiceKey(("order", "match"))
    assert key_of(by_id["s-tf"], BoolKey) == BoolKey((False,))
    assert key_of(by_id["s-short"], ShortKey) == ShortKey(("SHA-256", "SHA2-256"),
                                                          ("case", "whitespace", "punctuation"))
    numeric = key_of(by_id["s-numeric-decimal"], NumericKey)
    assert (str(numeric.value), str(numeric.tolerance), numeric.decimals) == ("3.14", "0.01", 2)
    assert key_of(by_id["s-order"], OrderKey) == OrderKey(("write", "build", "verify"))
    assert key_of(by_id["s-match"], MatchKey) == MatchKey((("single", "radio"), ("multiple", "checkbox")))
    assert by_id["s-single"].lines["answer"] == 14


def test_unknown_key_suggests_the_intended_one() -> None:
    _, problems = load_quiz_file(CORPUS / "q110-unknown-key.yml")
    assert "did you mean 'answer'" in next(p.message for p in problems if p.code == "Q110")


def test_every_problem_in_one_run() -> None:
    text = (CORPUS / "q113-empty-text.yml").read_text() + (
        "  - id: e2\n    type: order\n    objective: o\n    prompt: P\n    items:\n"
        "      - {id: a, text: A}\n    answer: [a, z]\n"
    )
    _, problems = load_quiz_text("many.yml", text)
    assert {p.code for p in problems} >= {"Q113", "Q114", "Q208"}


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x00\x01\x02binary", "binary"),
        (b"id: x\ntitle: \xff\xfe\n", "UTF-8"),
        (b"a" * 1_000_001, "at most"),
    ],
    ids=["binary", "not-utf8", "too-large"],
)
def test_unreadable_files_get_one_line_q100(data: bytes, fragment: str) -> None:
    quiz, problems = load_quiz_bytes("bad.yml", data)
    assert quiz is None
    assert [p.code for p in problems] == ["Q100"]
    assert fragment in problems[0].message
    assert "\n" not in problems[0].format()


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]"
              for i in range(20)]
    quiz, problems = load_quiz_text("bomb.yml", "\n".join(lines))
    assert quiz is None
    assert {p.code for p in problems} >= {"Q104"}


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    quiz, problems = load_quiz_text("deep.yml", "[" * 5000 + "]" * 5000)
    assert quiz is None
    assert problems


def test_empty_file_and_non_mapping() -> None:
    assert [p.code for p in load_quiz_text("e.yml", "")[1]] == ["Q111"]
    assert [p.code for p in load_quiz_text("l.yml", "- a\n- b\n")[1]] == ["Q112"]


def test_yes_no_and_numbers_as_text() -> None:
    text = (CORPUS / "valid-minimal.yml").read_text()
    quiz, problems = load_quiz_text("m.yml", text)
    assert problems == []
    assert quiz is not None
    assert quiz.title == "2026"


@pytest.mark.parametrize(("written", "advice"), [("1e20", "write 1.0e+20, or the number in full"),
                                                 ("2.5E3", "write 2.5e+3"), ('"7"', "write it without quotes")])
def test_a_number_yaml_reads_as_text_is_explained(written: str, advice: str) -> None:
    text = ("id: a\ntitle: T\nlesson: l.md\nquestions:\n  - id: q\n    type: numeric\n    objective: o\n"
            f"    prompt: P\n    answer: {{value: {written}, tolerance: 0}}\n")
    _, problems = load_quiz_text("quiz.yml", text)
    assert [(p.code, p.line) for p in problems] == [("Q207", 9)]
    assert f"YAML reads '{written.strip(chr(34))}' as text" in problems[0].message
    assert advice in problems[0].message

SHUFFLE_QUIZ = """id: order-kept
title: T
lesson: lessons/x.md
questions:
  - id: scale
    type: single
    objective: o
    prompt: How sure is the claim?
    shuffle: {value}
    options:
      - {{id: low, text: "Low", feedback: "F."}}
      - {{id: medium, text: "Medium", feedback: "F."}}
      - {{id: high, text: "High", feedback: "F."}}
    answer: high
    explanation: E.
"""


def test_choice_options_are_shuffled_unless_shuffle_is_false() -> None:
    quiz, problems = load_quiz_file(CORPUS / "valid-all-types.yml")
    assert problems == []
    assert quiz is not None
    assert all(q.shuffle for q in quiz.questions)
    kept, problems = load_quiz_text("quizzes/order-kept.yml", SHUFFLE_QUIZ.format(value="false"))
    assert problems == []
    assert kept is not None
    assert [o.id for o in kept.questions[0].shown_options] == ["low", "medium", "high"]


@pytest.mark.parametrize("value", ['"no"', "0", "[false]"])
def test_shuffle_must_be_true_or_false(value: str) -> None:
    _, problems = load_quiz_text("quizzes/order-kept.yml", SHUFFLE_QUIZ.format(value=value))
    assert [(p.code, p.line) for p in problems] == [("Q112", 9)]
    assert "shuffle of question 'scale' must be true or false" in problems[0].message


def test_shuffle_belongs_to_choice_questions_only() -> None:
    text = (CORPUS / "q112-level.yml").read_text().replace("    level: analyze\n", "    shuffle: false\n")
    _, problems = load_quiz_text("quizzes/bad-level.yml", text)
    assert [(p.code, p.line) for p in problems] == [("Q110", 11)]
