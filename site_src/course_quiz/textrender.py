"""Renders the Markdown of quiz text (prompts, options, feedback) to safe HTML.

Quiz text is Markdown only. Two independent layers keep anything executable off the page: the
Markdown parser is locked down (raw HTML is escaped, not passed through), and every rendered text then
goes through ``nh3`` (the Python binding of the Rust sanitizer ammonia) with an allowlist of exactly the
tags, attributes and URL schemes that quiz Markdown legitimately produces. ``safety`` reports to the
author what this module would neutralise, using the same parser (``quiz_markdown``) and the same
scheme allowlist (``URL_SCHEMES``). Plain text skips the Markdown parser entirely, which keeps large
courses fast.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.extensions.tables import TableExtension

from course_quiz import htmlread

# Links and images may use these schemes, or be relative (``../page/``, ``#anchor``); nothing else.
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# What Python-Markdown emits with the extensions below: core Markdown, tables, fenced code, lists.
_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "a", "img", "ul", "ol", "li", "blockquote",
         "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}, "code": {"class"}}
# Tables mark column alignment with ``align`` (see ``quiz_markdown``), restricted to its three values.
_ALIGN = {"left", "center", "right"}
_ATTRIBUTE_VALUES = {"th": {"align": _ALIGN}, "td": {"align": _ALIGN}}
# Fenced code names its language as a class; no other class may come from quiz text, so that an author
# cannot borrow the site's own classes.
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]+")

# Anything Markdown could turn into markup; text without these is rendered as an escaped paragraph.
_MARKDOWN_SIGNS = re.compile(
    r"[*_`\[\]<>&#!|\\~=+]|^\s*([-+*]|\d+[.)])\s|\n\s*\n|\n\s*[-*+]\s|\n\s*-{2,}| {2}\n|https?://|^ {4}"
)
_SINGLE_PARAGRAPH = re.compile(r"^<p>(?P<inner>.*)</p>$", re.DOTALL)


def quiz_markdown() -> markdown.Markdown:
    """A new Python-Markdown instance configured for quiz text: no raw HTML, HTML5 output.

    The output settings make the markup of ordinary text come out of ``nh3`` byte for byte unchanged:
    HTML5 void tags (``<br>``, not ``<br />``) and table alignment as an ``align`` attribute (which
    Material for MkDocs styles) rather than an inline ``style``, which the sanitizer would rewrite.
    """
    md = markdown.Markdown(extensions=[TableExtension(use_align_attribute=True), "fenced_code", "sane_lists"],
                           output_format="html")
    # Escape raw HTML instead of passing it through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Let ``nh3`` keep an allowed attribute; of classes, only a fenced code block's language."""
    if attribute == "class":
        return value if tag == "code" and _LANGUAGE_CLASS.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    attribute_filter=_keep_attribute,
    tag_attribute_values=_ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
    # nh3 would add rel="noopener noreferrer" to every link: that changes safe output, and quiz links
    # open in the same tab, where it protects nothing.
    link_rel=None,
)


def sanitize(markup: str) -> str:
    """Pass rendered quiz text through the allowlist sanitizer."""
    return _CLEANER.clean(markup)


class TextRenderer:
    """A reusable, locked-down Markdown renderer for short quiz texts."""

    def __init__(self) -> None:
        self._md = quiz_markdown()
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Render ``text`` as block HTML (paragraphs, lists, code)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if not _MARKDOWN_SIGNS.search(text):
            # No sign of markup (no <, >, & or Markdown syntax), escaped besides: nothing for nh3 to remove.
            rendered = f"<p>{html.escape(text.strip(), quote=False)}</p>"
        else:
            rendered = sanitize(self._md.reset().convert(text))
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
    """Rendered quiz text as plain text (``htmlread``): for places that cannot hold markup (``<option>``)."""
    return htmlread.plain_text(markup)
