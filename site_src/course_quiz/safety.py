"""Finds what in quiz text must never reach a page: raw script markup, handlers, links to script URLs.

The findings are reported to the author (code Q501) at the source line. The renderer neutralises the
same text on its own (``textrender``: raw HTML escaped, output sanitized by ``nh3``), so this module
tells the author what would be removed; the page does not depend on it.

Links and images are judged as the browser will follow them. The text is rendered with the renderer's
own Markdown parser, and every ``href`` and ``src`` of the output is read back with the engine's HTML
reader (``htmlread``, the standard library's parser), which
decodes character references (``&#106;``, ``&#x6A;``, ``&colon;``, ``&Tab;``) as a browser does. Reading
the output rather than matching link syntax in the source covers every spelling Markdown accepts
(inline, reference-style, angle brackets, images) without a second grammar to keep in step with the
parser, and code spans stay text. A URL is safe when it is relative (``../page/``, ``#anchor``) or its
scheme is one of ``URL_SCHEMES``; every other scheme (``javascript:``, ``vbscript:``, ``data:``,
``file:``, unknown ones) is reported. The check errs on the side of reporting: a URL is also judged
decoded a second time, so a reference that Python-Markdown escapes instead of passing on
(``&#106avascript:``, without its semicolon) is reported even though it is inert on our pages.
"""

from __future__ import annotations

import html
import re
import threading

import markdown
from markdown.inlinepatterns import AutolinkInlineProcessor

from course_quiz.htmlread import urls
from course_quiz.textrender import URL_SCHEMES, quiz_markdown

# Raw HTML in quiz text is escaped on the page (textrender), so these three patterns read the author's
# source, not a page: they report what the author wrote, in any spelling a browser or another Markdown
# renderer might take for markup, including forms a parser would not (``< script>``, a tag left
# unclosed). Patterns rather than the HTML reader on purpose: they err on the side of reporting, and a
# difference between two parsers' readings cannot hide a script here. Links and images, which do reach
# the page, are judged as the browser reads them, with the HTML reader (``_rendered_urls``).
_SCRIPT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
# A URL attribute in raw HTML: escaped on the page, but a script URL there shows what the author meant.
_RAW_URL = re.compile(r"""<[a-z][^>]*?\s(?:href|src)\s*=\s*["']?([^\s"'>]*)""", re.IGNORECASE)
# The URL parser drops tabs and newlines anywhere and controls and spaces at either end; removing all
# controls and whitespace can only make more URLs look like they have a scheme, never fewer.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\s]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# A CommonMark autolink. Python-Markdown links only http(s) and ftp in angle brackets, so
# ``<javascript:...>`` is plain text here; the checker reads it as most Markdown renderers would.
_ANY_AUTOLINK = r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>"
_SHOWN_SCHEME = 32


def _scheme_of(url: str) -> str | None:
    """The scheme of ``url`` as the browser reads it (character references already decoded), or None."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return match.group(1).lower() if match else None


def _disallowed_scheme(url: str) -> str | None:
    """The scheme of ``url`` (decoded once, as the browser reads it) when it is not allowed, else None."""
    for candidate in (url, html.unescape(url)):  # decoded once more: see the module docstring
        scheme = _scheme_of(candidate)
        if scheme is not None and scheme not in URL_SCHEMES:
            return scheme
    return None


def is_unsafe_url(url: str) -> bool:
    """Tell whether ``url``, an attribute value as written in HTML, has a scheme outside ``URL_SCHEMES``.

    Relative URLs (a path, ``?query`` or ``#anchor``) are safe.
    """
    return _disallowed_scheme(html.unescape(url)) is not None


class _Checker(threading.local):
    """A Markdown instance per thread (Python-Markdown keeps per-conversion state on the instance)."""

    def __init__(self) -> None:
        self.md = quiz_markdown()
        self.md.inlinePatterns.register(AutolinkInlineProcessor(_ANY_AUTOLINK, self.md), "cq_any_autolink", 119)


_CHECKER = _Checker()


def _rendered_urls(text: str) -> list[tuple[str, str]]:
    """Every link and image target of ``text`` rendered as quiz Markdown, with unused reference definitions."""
    md: markdown.Markdown = _CHECKER.md
    found = urls(md.reset().convert(text))
    # A definition that no link uses is never written, but it is there to be used.
    written = {url for _tag, url in found}
    defined = (html.unescape(url) for url, _title in md.references.values())
    found.extend(("a", url) for url in defined if url not in written)
    md.reset()
    return found


def _url_finding(what: str, scheme: str) -> str:
    shown = scheme if len(scheme) <= _SHOWN_SCHEME else scheme[:_SHOWN_SCHEME] + "..."
    return f"{what} {shown}: URL"


def unsafe_findings(text: str) -> list[str]:
    """Describe every unsafe construct in ``text``, one line each (empty when the text is safe)."""
    if "<" not in text and "[" not in text:
        return []  # no tag and no link (Markdown links need one of these): decided without parsing
    findings: list[str] = []
    for match in _SCRIPT.finditer(text):
        findings.append(f"raw <{match.group(1).lower()}> element")
    for match in _HANDLER.finditer(text):
        findings.append(f"event-handler attribute {match.group(1).lower()}=")
    for match in _RAW_URL.finditer(text):
        scheme = _disallowed_scheme(html.unescape(match.group(1)))
        if scheme is not None:
            findings.append(_url_finding("raw HTML link to", scheme))
    for tag, url in _rendered_urls(text):
        scheme = _disallowed_scheme(url)
        if scheme is not None:
            findings.append(_url_finding("image from" if tag == "img" else "link to", scheme))
    return list(dict.fromkeys(findings))
