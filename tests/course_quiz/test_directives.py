"""The directive scanner shared by the checker and the Markdown extension."""

from __future__ import annotations

from course_quiz.directives import directive_span, outside_fences


def test_fenced_lines_are_skipped_with_their_fences() -> None:
    lines = ["a", "```", "/// quiz | x", "``", "````", "b", "~~~", "c", "```", "~~~", "d"]
    assert [line for _, line in outside_fences(lines)] == ["a", "b", "d"]


def test_a_directive_spans_to_its_closing_line_or_stands_alone() -> None:
    assert directive_span(["/// quiz | a", "///", "next"], 0) == 2
    assert directive_span(["/// quiz | a", "", "  ///", "next"], 0) == 3
    assert directive_span(["/// quiz | a", "text", "///"], 0) == 1  # never swallows content
    assert directive_span(["/// quiz | a"], 0) == 1
