"""Where quiz directives stand in a Markdown page: the one scanner the checker and the renderer share.

A directive is ``/// quiz | quiz-id`` at the top level of a page (indented at most three spaces),
outside fenced code, optionally closed by a ``///`` line. ``lessons`` uses this to find placements,
``markdown_ext`` to render them, so the two always agree. Kept apart from ``lessons`` so that a
Markdown host loads only this, not the YAML reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

DIRECTIVE = re.compile(r"^ {0,3}/{3,}\s*quiz\s*(?:\|\s*(?P<arg>.*?))?\s*$")
DIRECTIVE_END = re.compile(r"^ {0,3}/{3,}\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def outside_fences(lines: Sequence[str], start: int = 0) -> Iterator[tuple[int, str]]:
    """Index and text of each line from ``start`` on that is neither a code fence nor inside one.

    The checker and the Markdown extension both find quiz directives through this, so they always
    agree on where a quiz is placed.
    """
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        fence_match = _FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        yield index, line


def directive_span(lines: Sequence[str], index: int) -> int:
    """The index after the directive at ``index``: past its closing ``///`` when one follows.

    The closing line may follow after blank lines; without one, the directive is a single line (a
    missing ``///`` never swallows the rest of the page).
    """
    after = index + 1
    while after < len(lines) and not lines[after].strip():
        after += 1
    return after + 1 if after < len(lines) and DIRECTIVE_END.match(lines[after]) else index + 1
