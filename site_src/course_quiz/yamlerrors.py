"""Says what a YAML syntax error means in an author's terms: which lines do not line up, a tab, an unquoted colon.

``explain`` takes the parser's words and the place it names, with the source text, and returns a sentence
about the source (the parser's words are kept after it by the caller). It knows nothing of how the text
was parsed, only the wording of PyYAML's (and libyaml's) errors, so any reader built on PyYAML can use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_DASH = re.compile(r"^( *)((?:- +)*)")
_KEY = re.compile(r"""^(?:- +)*(?:"[^"]*"|'[^']*'|[^\s"'#\[{][^:#]*?)\s*:(?:\s+|$)""")


def explain(message: str, line: int, column: int, text: str, context_line: int | None = None) -> str | None:
    """The author's reading of a YAML syntax error, or ``None`` when the source shows no simpler cause.

    Args:
        message: The parser's words (context and problem, on one line).
        line: The 1-based line the parser stopped at.
        column: The 1-based column it stopped at.
        text: The YAML source.
        context_line: The 1-based line where the construct the parser was reading began, when it says.

    """
    lines = text.splitlines()
    at = lines[line - 1][column - 1:column] if 0 < line <= len(lines) and column > 0 else ""
    if "'\\t'" in message or at == "\t":  # PyYAML names the tab; libyaml only says where it stopped
        return (f"line {line} has a tab at column {column}; YAML takes spaces only (for indentation and before "
                "values): replace the tab with spaces")
    if "quoted scalar" in message:
        start = context_line or line
        return f"the quoted text that begins on line {start} has no closing quote; add it (or remove the opening one)"
    if "flow sequence" in message or "flow mapping" in message:
        start = context_line or line
        closing = "]" if "sequence" in message else "}"
        return (f"the {'list' if closing == ']' else 'mapping'} in brackets that opens on line {start} is not "
                f"closed as expected; check its commas and its '{closing}', and put in quotes any text that holds "
                "a comma, bracket or brace")
    colon = _unquoted_colon(lines, line)
    if colon is not None:
        return colon
    misaligned = _misaligned(lines, line)
    if misaligned is not None:
        return misaligned
    if "could not find expected ':'" in message and context_line is not None:
        return (f"line {context_line} is read as the start of a key but has no ':'; a text that goes on over "
                "several lines must be indented under its key, or put in quotes")
    return None


def _unquoted_colon(lines: Sequence[str], line: int) -> str | None:
    """An unquoted value holding ': ', which YAML takes for another key (``prompt: Note: this``)."""
    if not 0 < line <= len(lines):
        return None
    source = lines[line - 1]
    key = _KEY.match(source.strip())
    if key is None:
        return None
    value = source.strip()[key.end():]
    if value[:1] in ("'", '"', "[", "{", "|", ">", "#", ""):
        return None
    if ": " in value or value.rstrip().endswith(":"):
        return (f"the value on line {line} holds ': ', which YAML reads as the start of another key; put the "
                f"whole value in double quotes (\"{value.strip()[:40]}{'...' if len(value.strip()) > 40 else ''}\")")
    return None


def _content_columns(source: str) -> list[int]:
    """The 0-based columns where a line's nested content can start: its indentation, and after each ``- ``."""
    match = _DASH.match(source)
    assert match is not None  # the pattern matches every string
    columns = [len(match.group(1))]
    position = len(match.group(1))
    for dash in re.finditer(r"- +", match.group(2)):
        position += len(dash.group(0))
        columns.append(position)
    return columns


def _meaningful(source: str) -> bool:
    stripped = source.strip()
    return bool(stripped) and not stripped.startswith("#")


def _misaligned(lines: Sequence[str], line: int) -> str | None:
    """The first line at or just before ``line`` whose indentation lines up with no line above it."""
    candidates = [number for number in range(line, 0, -1) if number <= len(lines) and _meaningful(lines[number - 1])]
    for number in candidates[:2]:
        found = _misalignment(lines, number)
        if found is not None:
            return found
    return None


def _misalignment(lines: Sequence[str], number: int) -> str | None:
    """Whether line ``number`` is indented to a column that no enclosing line above it uses."""
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip(" "))
    open_columns: list[tuple[int, int]] = []  # (column, line) of the lines still enclosing this one
    previous: tuple[str, int] | None = None
    for above in range(1, number):
        source = lines[above - 1]
        if not _meaningful(source):
            continue
        here = len(source) - len(source.lstrip(" "))
        open_columns = [(column, at) for column, at in open_columns if column < here]
        open_columns.extend((column, above) for column in _content_columns(source))
        previous = (source, above)
    if previous is None or any(column == indent for column, _ in open_columns):
        return None
    source, above = previous
    if source.rstrip().endswith(":") and indent > max(column for column, _ in open_columns):
        return None  # the first line of a new, deeper block
    # The nearest column, the deeper one on a tie (the keys of a list entry line up after its '-').
    column, at = min(open_columns, key=lambda entry: (abs(entry[0] - indent), -entry[0], -entry[1]))
    word = lines[at - 1][column:].split(" ", 1)[0][:20]
    return (f"line {number} is indented {indent} space{'s' if indent != 1 else ''}, which lines up with no line "
            f"above it (the nearest is line {at}, with '{word}' at column {column + 1}); entries of the same list "
            "or mapping must start in the same column")
