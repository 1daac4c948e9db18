"""Renders the Markdown of quiz text (prompts, options, feedback) to safe HTML.

Quiz text is Markdown only: raw HTML is escaped, and links or images with script URLs are dropped, so
nothing from a quiz file can run in the page. Plain text skips the Markdown parser entirely, which keeps
large courses fast.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from course_quiz.safety import is_unsafe_url

# Anything Markdown could turn into markup; text without these is rendered as an escaped paragraph.
_MARKDOWN_SIGNS = re.compile(
    r"[*_`\[\]<>&#!|\\~=+]|^\s*([-+*]|\d+[.)])\s|\n\s*\n|\n\s*[-*+]\s|\n\s*-{2,}| {2}\n|https?://|^ {4}"
)
_SINGLE_PARAGRAPH = re.compile(r"^<p>(?P<inner>.*)</p>$", re.DOTALL)


class _DropUnsafeLinks(Treeprocessor):
    """Removes ``href``/``src`` values that would run script when followed."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and is_unsafe_url(value):
                    del element.attrib[attribute]


class TextRenderer:
    """A reusable, locked-down Markdown renderer for short quiz texts."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
        # Escape raw HTML instead of passing it through.
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_DropUnsafeLinks(self._md), "cq_drop_unsafe_links", 0)
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Render ``text`` as block HTML (paragraphs, lists, code)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if not _MARKDOWN_SIGNS.search(text):
            rendered = f"<p>{html.escape(text.strip(), quote=False)}</p>"
        else:
            rendered = self._md.reset().convert(text)
        if len(self._cache) < 4096:
            self._cache[text] = rendered
        return rendered

    def inline(self, text: str) -> str:
        """Render ``text`` for use inside a label or legend: one paragraph loses its ``<p>``."""
        rendered = self.block(text)
        match = _SINGLE_PARAGRAPH.match(rendered)
        if match and "<p>" not in match.group("inner"):
            return match.group("inner")
        return rendered

    def is_inline(self, text: str) -> bool:
        """Tell whether ``text`` renders to phrasing content only (fits in a legend or label)."""
        rendered = self.inline(text)
        return not re.search(r"<(p|ul|ol|pre|table|div|blockquote|h[1-6])\b", rendered)


def plain_text(markup: str) -> str:
    """Strip tags and unescape entities: for places that cannot hold markup (``<option>``)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()
