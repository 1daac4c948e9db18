"""GIFT exports, read back by pygiftparser (independent) and by the exporter's own reader, compared with the source."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_quiz.export import gift
from course_quiz.export.base import QuizSource, ReadQuestion, differences
from course_quiz.export.formats import FORMATS, export
from course_quiz.export.giftread import WEIGHT, read_gift
from course_quiz.scaffold import lesson_text, quiz_text
from tests.conftest import WriteCourse
from tests.course_quiz.export.conftest import EVERY_TYPE_QUIZ, CourseSources, sources_of
from tests.course_quiz.export.readers import pygiftparser, read_with_pygiftparser, transport

ALL_TYPES = {"single", "multiple", "true-false", "short", "numeric", "match"}


def gift_text(sources: list[QuizSource]) -> str:
    written = gift.write(sources, lambda: None)
    assert written.problems == ()
    return written.data.decode("utf-8")


@pytest.fixture(scope="module")
def real_gift(real_sources: list[QuizSource]) -> str:
    """The real course's GIFT export, written once for this module."""
    return gift_text(real_sources)


def mismatches(sources: list[QuizSource], found: list[ReadQuestion]) -> dict[str, list[str]]:
    """Every difference between the records read and the source, by question; a count mismatch too."""
    expected = gift.expected(sources)
    gaps = {question.id: differences(record, read)
            for (_, question, record), read in zip(expected, found, strict=False) if differences(record, read)}
    if len(found) != len(expected):
        gaps["(count)"] = [f"read {len(found)} questions, expected {len(expected)}"]
    return gaps


def test_real_course_reads_back_with_pygiftparser(real_sources: list[QuizSource], real_gift: str) -> None:
    text = real_gift
    found = read_with_pygiftparser(text)
    assert mismatches(real_sources, found) == {}
    assert len(found) == sum(len(s.quiz.questions) for s in real_sources)
    assert {record.type for record in found} == ALL_TYPES
    # Each lesson is a category, in the order of the nav.
    categories = list(dict.fromkeys(record.group for record in found))
    assert categories == list(dict.fromkeys(gift.category(s) for s in real_sources))


def test_real_course_reads_back_with_the_exporters_reader(real_sources: list[QuizSource]) -> None:
    written = export(FORMATS["gift"], real_sources)
    assert written.problems == ()
    assert gift.read_back(written.data, real_sources) == []


def test_every_type_and_every_special_character_reads_back(every_type: list[QuizSource]) -> None:
    text = gift_text(every_type)
    for special in "~=#{}:":
        assert f"\\{special}" in text
    assert mismatches(every_type, read_with_pygiftparser(text)) == {}
    assert gift.read_back(text.encode(), every_type) == []
    types = [record.type for record in read_with_pygiftparser(text)]
    assert types == ["single", "multiple", "true-false", "short", "numeric", "numeric", "match", "match"]


def test_the_course_new_template_reads_back(write_course: WriteCourse) -> None:
    from course_quiz.course import load_course

    root = write_course(quizzes={"new-one.yml": quiz_text("new-one").replace("TODO: ", "")},
                        docs={"lessons/new-one.md": lesson_text("New one", "new-one").replace("TODO: ", "")})
    sources = sources_of(load_course(root / "docs", root / "quizzes", root=root, check_lock=False))
    text = gift_text(sources)
    assert mismatches(sources, read_with_pygiftparser(text)) == {}
    assert gift.read_back(text.encode(), sources) == []


def test_multiple_choice_weights_share_the_grade_and_penalise_wrong_options(every_type: list[QuizSource]) -> None:
    record = next(r for r in read_with_pygiftparser(gift_text(every_type)) if r.type == "multiple")
    weights = [answer.weight for answer in record.answers]
    assert weights == [Decimal("33.33333"), -100, Decimal("33.33333"), Decimal("33.33333"), -100]
    assert [gift.right_weight(n) for n in range(1, 11)] == [Decimal(v) for v in (
        "100", "50", "33.33333", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10")]


# ---- Negative tests: a broken export is caught by the same comparison -------------------------------
def _first(pattern: str, text: str) -> re.Match[str]:
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"the export has no {pattern}"
    return match


def unclosed_brace(text: str) -> str:
    """The closing brace of the first question removed."""
    match = _first(r"^\}\n", text)
    return text[:match.start()] + text[match.end():]


def key_names_no_option(text: str) -> str:
    """The key of the first single-choice question names a text that is no option of the source."""
    blocks = text.split("\n\n")
    for index, block in enumerate(blocks):
        lines = block.splitlines()
        keys = [n for n, line in enumerate(lines) if line.startswith("=")]
        if len(keys) == 1 and any(line.startswith("~") for line in lines):
            separator = re.search(r"(?<!\\)#", lines[keys[0]])
            feedback = lines[keys[0]][separator.start():] if separator else ""
            lines[keys[0]] = f"=An option the source does not have{feedback}"
            blocks[index] = "\n".join(lines)
            return "\n\n".join(blocks)
    raise AssertionError("the export has no single-choice question")


def feedback_on_the_wrong_answer(text: str) -> str:
    """The feedback of a choice question's first option moved to its second, and the second's to the first."""
    match = _first(r"^(?P<a>[~=][^#\n]*)#(?P<fa>[^\n]*)\n(?P<b>[~=][^#\n]*)#(?P<fb>[^\n]*)$", text)
    swapped = f"{match['a']}#{match['fb']}\n{match['b']}#{match['fa']}"
    return text[:match.start()] + swapped + text[match.end():]


def unescaped_special_in_a_stem(text: str) -> str:
    """The first escaped special character of a question text left unescaped (``\\~`` written ``~``)."""
    match = _first(r"^::[^:\n]+::\[markdown\][^{\n]*?(?P<escape>\\[~=#:])", text)
    return text[:match.start("escape")] + text[match.start("escape") + 1:]


def unescaped_tilde_in_a_stem(text: str) -> str:
    """A ``\\~`` of a question text written ``~``, as an exporter that forgot to escape it would."""
    match = _first(r"^::[^:\n]+::\[markdown\][^{\n]*?(?P<escape>\\~)", text)
    return text[:match.start("escape")] + "~" + text[match.end("escape"):]


BREAKAGES: dict[str, Callable[[str], str]] = {
    "unclosed brace": unclosed_brace,
    "key naming no option": key_names_no_option,
    "feedback moved to the wrong answer": feedback_on_the_wrong_answer,
    "unescaped special character in a stem": unescaped_special_in_a_stem,
}


@pytest.mark.parametrize("breakage", list(BREAKAGES), ids=list(BREAKAGES))
def test_a_broken_export_of_the_real_course_is_caught(real_sources: list[QuizSource], real_gift: str,
                                                     breakage: str) -> None:
    text = real_gift
    broken = BREAKAGES[breakage](text)
    assert broken != text
    assert mismatches(real_sources, read_with_pygiftparser(broken)) != {}
    assert gift.read_back(broken.encode(), real_sources) != []


@pytest.mark.parametrize("breakage", [*BREAKAGES.values(), unescaped_tilde_in_a_stem],
                         ids=[*BREAKAGES, "unescaped ~ in a stem"])
def test_a_broken_export_of_every_type_is_caught(every_type: list[QuizSource],
                                                 breakage: Callable[[str], str]) -> None:
    text = gift_text(every_type)
    broken = breakage(text)
    assert broken != text
    gaps = mismatches(every_type, read_with_pygiftparser(broken))
    assert gaps != {}
    problems = gift.read_back(broken.encode(), every_type)
    assert problems
    assert {p.code for p in problems} == {"X802"}


def test_an_unescaped_tilde_reads_as_the_same_words_but_is_reported() -> None:
    """Without the strict rule, ``a ~ b`` and ``a \\~ b`` would read alike: the comparison names the character."""
    escaped = read_with_pygiftparser("::q::[markdown]a \\~ b{TRUE}\n")[0]
    bare = read_with_pygiftparser("::q::[markdown]a ~ b{TRUE}\n")[0]
    assert escaped.stem == bare.stem == "a ~ b"
    assert escaped.malformed == ()
    assert bare.malformed == ("unescaped '~' in the question text",)
    assert read_gift("::q::[markdown]a ~ b{TRUE}\n")[0][0].malformed == ("unescaped '~' in the question text",)


# ---- pygiftparser's misreadings, and the transport that reads around each -----------------------------
def _raw(gift_source: str) -> Any:
    return pygiftparser().parseFile(io.StringIO(gift_source))[0]


def test_pygiftparser_ends_answers_at_an_escaped_closing_brace() -> None:
    source = "::q::[markdown]Q{\n=a\\}b#fine\n~c#not this\n}\n"
    raw = _raw(source)
    assert type(raw.answers).__name__ == "ShortSet"  # it read "=a\" only, a short answer
    assert read_with_pygiftparser(source)[0].answers[0].text == "a}b"


def test_pygiftparser_reads_no_negative_number() -> None:
    source = "::q::[markdown]Q{\n#-3.5:0.25\n}\n"
    assert _raw(source).valid is False
    assert read_with_pygiftparser(source)[0].number == (Decimal("-3.5"), Decimal("0.25"))
    assert transport(source)[1] == {"q"}


def test_pygiftparser_takes_a_leading_link_of_the_general_feedback_as_a_format() -> None:
    source = "::q::[markdown]Q{TRUE\n####[A link](x) then text\n}\n"
    assert _raw(source).generalFeedback == "(x) then text"
    assert read_with_pygiftparser(source)[0].general_feedback == "[A link](x) then text"


def test_pygiftparser_cuts_categories_at_a_space() -> None:
    source = "$CATEGORY: $course$/top/Soft power\n\n::q::[markdown]Q{TRUE}\n"
    assert _raw(source).cat == "$course$/top/Soft"
    assert read_with_pygiftparser(source)[0].group == "$course$/top/Soft power"


def test_pygiftparser_splits_a_choice_at_an_arrow() -> None:
    source = "::q::[markdown]Q{\n=a -> b\n~c\n}\n"
    assert _raw(source).answers.answers[0].answer == " b"
    assert read_with_pygiftparser(source)[0].answers[0].text == "a -> b"


def test_pygiftparser_reads_an_escaped_backslash_before_n_as_a_line_break() -> None:
    source = "::q::[markdown]C\\:\\\\new{TRUE}\n"
    assert "\n" in _raw(source).text
    assert read_with_pygiftparser(source)[0].stem == "C:\\\\new"
    assert read_gift(source)[0][0].stem == "C:\\\\new"


# ---- What GIFT cannot hold, and what it carries differently --------------------------------------------
CANNOT = {
    "arrow in a match entry": ('{id: equals, text: "="}', '{id: equals, text: "a -> b"}', "contains '->'"),
    "arrow in a short answer": ('"x = y"', '"x -> y"', "contains '->'"),
    "backslash before n": ('line breaks as \\\\\\\\n', 'line breaks as \\\\n', "backslash before a special"),
    "format name first": ('"Plain words"', '"[html] words"', "format name in brackets"),
    "weight first": ('"50%"', '"%50% of it"', "percentage between % signs"),
}


@pytest.mark.parametrize("case", list(CANNOT), ids=list(CANNOT))
def test_what_gift_cannot_hold_is_x801_and_not_read_back(quiz_sources: CourseSources, case: str) -> None:
    old, new, reason = CANNOT[case]
    assert old in EVERY_TYPE_QUIZ
    written = export(FORMATS["gift"], quiz_sources(EVERY_TYPE_QUIZ.replace(old, new, 1)))
    assert [p.code for p in written.problems] == ["X801"]
    assert reason in written.problems[0].message


def test_eleven_right_options_cannot_share_moodles_grades(quiz_sources: CourseSources) -> None:
    options = "\n".join(f'      - {{id: o{n}, text: "Option {n}", feedback: "F."}}' for n in range(12))
    quiz = (EVERY_TYPE_QUIZ.split("  - id: e-multiple")[0].replace("questions:\n", "questions:\n", 1)
            .split("  - id: e-single")[0] + "  - id: e-many\n    type: multiple\n    objective: tell-types\n"
            "    prompt: Many.\n    options:\n" + options + "\n    answer: [" + ", ".join(f"o{n}" for n in range(11))
            + "]\n    explanation: Eleven.\n")
    written = export(FORMATS["gift"], quiz_sources(quiz))
    assert [p.code for p in written.problems] == ["X801"]
    assert "11 right options" in written.problems[0].message


def test_order_hints_units_and_short_answer_rules_are_notes_and_comments(every_type: list[QuizSource]) -> None:
    written = gift.write(every_type, lambda: None)
    text = written.data.decode()
    messages = [n.message for n in written.notes]
    assert "question 'e-order': GIFT has no ordering question: exported as matching, each item to its position " \
           "(1 first)" in messages
    assert "question 'e-single': GIFT has no hints: the hint is left out" in messages
    assert "question 'e-numeric-unit': GIFT has no units: students type the number without '%'" in messages
    assert "question 'e-short': Moodle's GIFT import makes short answers ignore case, which this question does " \
           "not" in messages
    for message in messages:
        assert f"// note: {message}" in text
    order = next(r for r in read_with_pygiftparser(text) if r.name == "e-order")
    assert order.pairs == (("Second ~", "2"), ("First {1}", "1"), ("Third = #3", "3"))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab ~=#{}:\\\n[]%->*`", min_size=1, max_size=40))
def test_any_text_gift_can_hold_reads_back_exactly(text: str) -> None:
    stripped = text.strip()
    if not stripped or gift._ODD_BACKSLASHES.search(stripped) or gift._STARTS_WITH_FORMAT.match(stripped):
        return
    source = f"::q::[markdown]{gift.escape(stripped)}{{\n=right#{gift.escape(stripped)}\n~{gift.escape(stripped)}\n" \
             f"####{gift.escape(stripped)}\n}}\n"
    for record in (read_gift(source)[0][0], read_with_pygiftparser(source)[0]):
        assert record.malformed == ()
        assert record.stem == stripped
        assert record.general_feedback == stripped
        assert record.answers[0].feedback == stripped
        if not WEIGHT.match(stripped):
            assert record.answers[1].text == stripped
