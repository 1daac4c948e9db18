"""Detection of markup that must never reach a page from quiz text: scripts, handlers, script links.

The renderer also escapes raw HTML and drops unsafe links, so these findings are reported to the
author (code Q501) and neutralised on the page as well.
"""

from __future__ import annotations

import re

_SCRIPT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(javascript|vbscript|data)\s*:", re.IGNORECASE)
_LINK_TARGET = re.compile(r"(?:\]\(\s*<?|href\s*=\s*[\"']?|src\s*=\s*[\"']?|<)([^)\s\"'>]+)", re.IGNORECASE)

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


def is_unsafe_url(url: str) -> bool:
    """Tell whether a link target would run code or embed content when followed."""
    squashed = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    return squashed.startswith(UNSAFE_SCHEMES)


def unsafe_findings(text: str) -> list[str]:
    """Describe every unsafe construct in ``text`` (empty when the text is safe)."""
    if "<" not in text and ":" not in text:
        return []  # no tag and no URL scheme: the common case, decided without a regex
    findings: list[str] = []
    for match in _SCRIPT.finditer(text):
        findings.append(f"raw <{match.group(1).lower()}> element")
    for match in _HANDLER.finditer(text):
        findings.append(f"event-handler attribute {match.group(1).lower()}=")
    for match in _LINK_TARGET.finditer(text):
        if is_unsafe_url(match.group(1)) and _SCRIPT_URL.match(match.group(1).strip()):
            findings.append(f"link to {match.group(1).split(':')[0].lower()}: URL")
    return list(dict.fromkeys(findings))
