"""YAML syntax errors in the author's terms (``yamlerrors``), followed by the parser's own words (Q101)."""

from __future__ import annotations

import pytest

from course_quiz.lessons import read_page
from course_quiz.loader import load_quiz_text
from course_quiz.yamlerrors import explain

HEAD = "id: a\ntitle: T\nlesson: l.md\nquestions:\n"

CASES = {
    # A '-' entry one space left of its list: line 10 against line 8's '-'.
    "list entry out of line": (
        HEAD + "  - id: q\n    type: single\n    options:\n      - id: x\n        text: X\n     - id: y\n",
        10, ["line 10 is indented 5 spaces", "line 8, with '-' at column 7"]),
    "key left of its mapping": (HEAD + "  - id: q\n    type: single\n   prompt: P\n",
                                7, ["line 7 is indented 3 spaces", "line 6, with 'type:' at column 5"]),
    "key right of its mapping": (HEAD + "  - id: q\n    type: single\n     prompt: P\n",
                                 7, ["line 7 is indented 5 spaces", "line 6, with 'type:' at column 5"]),
    "unquoted colon": (HEAD + "  - id: q\n    prompt: Note: read this\n",
                       6, ["value on line 6 holds ': '", 'double quotes ("Note: read this")']),
    "unclosed quote": ('id: a\ntitle: "T\nlesson: l.md\n', 4, ["quoted text that begins on line 2 has no closing"]),
    "unclosed bracket": ("id: a\ntitle: [T\nlesson: l.md\n", 3, ["list in brackets that opens on line 2"]),
    "text over two lines": ("id: a\nprompt: a long\ntext continued\nlesson: x\n", 4,
                            ["line 3 is read as the start of a key but has no ':'"]),
}


@pytest.mark.parametrize(("source", "line", "fragments"), CASES.values(), ids=CASES.keys())
def test_syntax_errors_are_explained_then_given_in_the_parsers_words(source: str, line: int,
                                                                     fragments: list[str]) -> None:
    _, problems = load_quiz_text("quiz.yml", source)
    assert [(p.code, p.line) for p in problems] == [("Q101", line)]
    message = problems[0].message
    for fragment in fragments:
        assert fragment in message
    # The explanation comes first, the parser's words after it.
    assert message.index(fragments[0]) < message.index("(the parser says: ")


@pytest.mark.parametrize("words", ["found character '\\t' that cannot start any token",  # PyYAML
                                   "found character that cannot start any token"])  # libyaml
def test_a_tab_is_named_as_a_tab(words: str) -> None:
    explained = explain(words, 3, 4, "a: b\nc: d\ne: \tf\n")
    assert explained is not None
    assert "line 3 has a tab at column 4" in explained


def test_an_error_with_no_simpler_cause_keeps_the_parsers_words_alone() -> None:
    assert explain("expected a single document in the stream but found another document", 1, 1, "a: 1\n") is None
    _, problems = load_quiz_text("quiz.yml", "id: a\ntitle: @reserved\n")
    assert [(p.code, p.line) for p in problems] == [("Q101", 2)]
    assert problems[0].message == ("invalid YAML: while scanning for the next token found character that cannot "
                                   "start any token")


def test_lines_in_front_matter_are_the_pages_lines() -> None:
    page = "---\ntitle: T\nsummary: S\n objectives: []\n---\n\n# Page\n"
    _, problems = read_page("p.md", "docs/p.md", page)
    q101 = [p for p in problems if p.code == "Q101"]
    assert [p.line for p in q101] == [4]
    assert "line 4 is indented 1 space" in q101[0].message
