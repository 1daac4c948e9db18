"""Finds every resource a page would load from another host: the course's promise of no third-party request.

The course promises readers that it makes no request to any host but its own. A link a reader clicks
(``<a href>``, a Markdown link) is not a request the page makes, and stays allowed; a resource the
browser fetches on its own while showing the page is: an image (``src`` and ``srcset``), a frame, audio
and video (and their ``source``, ``track`` and ``poster``), a script, a stylesheet, icon or preloaded
file (``<link>``), an ``object`` or ``embed``, and every CSS ``url()`` or ``@import`` (in a ``style``
attribute, a ``<style>`` element or a stylesheet under docs/). Each one whose address names another host (``https://host/...``
or ``//host/...``) is reported (Q502) at its source line, unless its host is allowed on purpose (the
plugin's ``allowed_hosts``, read from the course's configuration by ``siteconfig``).

Raw HTML is read with ``html.parser``, as ``safety`` and ``notes`` read HTML, which decodes character
references as a browser does and tells each tag's line. Markdown images are found by rendering the
Markdown with raw HTML escaped (quiz text with ``textrender.quiz_markdown``, a page with the same
settings and the block extensions lessons use), and placed at the source line that holds their address.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

from course_quiz.directives import outside_fences
from course_quiz.problems import Problem, problem
from course_quiz.textrender import quiz_markdown

# <link rel="..."> values whose target the browser fetches by itself (other values, such as canonical
# or alternate, only name an address).
_LOADING_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                           "mask-icon", "manifest", "preload", "prefetch", "modulepreload", "prerender",
                           "preconnect", "dns-prefetch"})
# The attributes that make the browser fetch something, by element.
_LOADED: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "audio": ("src",), "video": ("src", "poster"),
    "source": ("src", "srcset"), "track": ("src",), "script": ("src",), "object": ("data",), "embed": ("src",),
    "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
_KINDS = {"img": "image", "iframe": "frame", "frame": "frame", "audio": "audio", "video": "video",
          "source": "media source", "track": "text track", "script": "script", "object": "object",
          "embed": "embedded object", "input": "image button", "image": "SVG image", "use": "SVG symbol"}
_CSS_URL = re.compile(r"""url\(\s*(["']?)(?P<url>[^"')\s]+)\1\s*\)|@import\s+(["'])(?P<imported>[^"']+)\3""",
                      re.IGNORECASE)
# Every fetched address in raw HTML is in one of these tags (a tag's name follows its '<' directly) or in
# a style: text without any is not parsed. Each pattern starts with a literal, which the regex engine
# finds fast; on the lowered text, without IGNORECASE, which would lose that.
_OPENER = re.compile("<(?:" + "|".join((*_LOADED, "link", "style")) + ")")
_STYLE_ATTRIBUTE = re.compile(r"style\s*=")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")
# What the browser drops from an address before reading it: tabs, newlines, spaces and controls at the ends.
_URL_NOISE = re.compile(r"[\t\n\r]")


def _may_load(text: str) -> bool:
    lowered = text.lower()
    return _OPENER.search(lowered) is not None or _STYLE_ATTRIBUTE.search(lowered) is not None


@dataclass(frozen=True, slots=True)
class Resource:
    """One resource a page would load from another host: where it is written, what it is, its address."""

    line: int  # 1-based, in the text given
    column: int  # 1-based; 0 when unknown
    kind: str  # "image", "script", "stylesheet", ...
    url: str
    host: str


def remote_host(url: str) -> str | None:
    """The host ``url`` would be fetched from when it is another site's, else ``None``.

    Relative addresses (``img/x.png``, ``/x``, ``#a``) and addresses without a network location
    (``data:``, ``mailto:``) are the page's own or no request at all.
    """
    # Browsers read a backslash as a slash in http(s) addresses: https:\\host\x is https://host/x.
    cleaned = _URL_NOISE.sub("", url).strip(" \x00\x0c").replace("\\", "/")
    if not cleaned.startswith("//") and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", cleaned):
        return None
    try:
        host = urlsplit(cleaned if not cleaned.startswith("//") else "https:" + cleaned).hostname
    except ValueError:
        return cleaned[:60]  # unreadable, but clearly meant for elsewhere: report it
    return host or None


def _srcset_urls(value: str) -> list[str]:
    """The addresses of a ``srcset`` (comma-separated candidates, each an address and a size)."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _css_urls(css: str) -> list[tuple[int, str]]:
    """Each ``url()`` and ``@import`` address of some CSS, with the number of line breaks before it."""
    return [(css.count("\n", 0, match.start()), match.group("url") or match.group("imported"))
            for match in _CSS_URL.finditer(css)]


class _ResourceReader(HTMLParser):
    """Collects ``(line, column, kind, url)`` of every fetched address in some HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str]] = []
        self._in_style = False

    def _add(self, kind: str, urls: Iterable[str]) -> None:
        line, offset = self.getpos()
        self.found.extend((line, offset + 1, kind, url) for url in urls)

    def _add_css(self, kind: str, css: str) -> None:
        line, offset = self.getpos()
        self.found.extend((line + breaks, offset + 1 if not breaks else 0, kind, url)
                          for breaks, url in _css_urls(css))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        kind = _KINDS.get(tag, tag)
        for name in _LOADED.get(tag, ()):
            if name in values and (tag != "input" or values.get("type", "").lower() == "image"):
                self._add(kind, _srcset_urls(values[name]) if name == "srcset" else [values[name]])
        rels = [rel for rel in values.get("rel", "").lower().split() if rel in _LOADING_RELS]
        if tag == "link" and "href" in values and rels:
            self._add(f"{rels[0]} (<link>)", [values["href"]])
        if "style" in values:
            self._add("style attribute's url()", [url for _, url in _css_urls(values["style"])])
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 (API)
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._add_css("stylesheet", data)


def _raw_html_resources(text: str) -> list[tuple[int, int, str, str]]:
    reader = _ResourceReader()
    reader.feed(text)
    reader.close()
    return reader.found


def _markdown_images(md: markdown.Markdown, text: str) -> list[str]:
    """The ``src`` of every image the Markdown of ``text`` renders (raw HTML is escaped by ``md``)."""
    reader = _ResourceReader()
    reader.feed(md.reset().convert(text))
    reader.close()
    md.reset()
    return [url for _, _, kind, url in reader.found if kind == "image"]


def _line_of(lines: list[str], url: str) -> int:
    """The first line that holds ``url`` as written (a Markdown image or its reference definition)."""
    return next((number for number, line in enumerate(lines, start=1) if url in line), 0)


def find_remote(text: str, md: markdown.Markdown | None, allowed: frozenset[str] = frozenset()) -> list[Resource]:
    """Every resource in ``text`` (Markdown with raw HTML) fetched from a host not in ``allowed``.

    Args:
        text: The source: a page's Markdown, or one quiz text.
        md: A Markdown instance that escapes raw HTML, to find Markdown images; ``None`` to skip them.
        allowed: Hosts the course loads from on purpose.

    """
    if "//" not in (text if "\\" not in text else text.replace("\\", "/")):
        return []  # no address of another host is written without '//' (or '\\'): decided without parsing
    raw_html = _may_load(text)
    images = md is not None and "![" in text
    if not raw_html and not images:
        return []  # most pages: links only
    lines = text.splitlines()
    found: list[tuple[int, int, str, str]] = []
    if raw_html:
        # Code is shown, not loaded: fenced blocks and code spans are blanked, keeping every line's place.
        visible = [""] * len(lines)
        for index, source in outside_fences(lines):
            visible[index] = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), source)
        found = _raw_html_resources("\n".join(visible))
    if images and md is not None:
        found.extend((_line_of(lines, url), 0, "image", url) for url in _markdown_images(md, text))
    resources: list[Resource] = []
    for number, column, kind, url in found:
        host = remote_host(url)
        if host is not None and host not in allowed:
            resources.append(Resource(number, column, kind, url, host))
    return sorted(dict.fromkeys(resources), key=lambda r: (r.line, r.column))


def resource_problem(path: str, line: int, resource: Resource, column: int = 0, remedy: str = "") -> Problem:
    """Q502 for ``resource``, at ``line`` of ``path``; ``remedy`` says what to do, when not copying the file."""
    shown = resource.url if len(resource.url) <= 80 else resource.url[:77] + "..."
    remedy = remedy or f"copy the file into docs/ and give its relative path, or allow {resource.host} in the course-quiz plugin's allowed_hosts in mkdocs.yml"  # noqa: E501 (a message stays on one line, so grep finds it)
    return problem(path, line, "Q502", f"{resource.kind} loaded from {resource.host} ({shown}); the course makes no request to another host: {remedy}", column)  # noqa: E501 (a message stays on one line, so grep finds it)


class _Renderers(threading.local):
    """Markdown instances per thread (Python-Markdown keeps per-conversion state on them), made on first use."""

    def __init__(self) -> None:
        self._quiz: markdown.Markdown | None = None
        self._page: markdown.Markdown | None = None

    @property
    def quiz(self) -> markdown.Markdown:
        """Quiz text's Markdown (``textrender.quiz_markdown``)."""
        if self._quiz is None:
            self._quiz = quiz_markdown()
        return self._quiz

    @property
    def page(self) -> markdown.Markdown:
        """A page's block structure, raw HTML escaped: enough to find its images."""
        if self._page is None:
            self._page = markdown.Markdown(extensions=["tables", "fenced_code", "admonition", "pymdownx.details",
                                                       "footnotes", "def_list", "attr_list"], output_format="html")
            self._page.preprocessors.deregister("html_block")
            self._page.inlinePatterns.deregister("html")
        return self._page


_RENDERERS = _Renderers()
# Raw HTML in quiz text is never written to the page; these elements are reported as Q501 already.
_Q501_KINDS = frozenset({"script", "frame", "object", "embedded object", "stylesheet"})


def quiz_text_resources(text: str, allowed: frozenset[str] = frozenset()) -> list[Resource]:
    """Resources of one quiz text from hosts not in ``allowed``: its Markdown images, and raw HTML's.

    Raw HTML is escaped on the page, so it loads nothing; it is reported all the same, as what the
    author meant (but for the elements Q501 reports, so that one mistake is one problem).
    """
    return [r for r in find_remote(text, _RENDERERS.quiz, allowed) if r.kind not in _Q501_KINDS]


def stylesheet_problems(path: str, css: str, allowed: frozenset[str]) -> list[Problem]:
    """Q502 for every ``url()`` and ``@import`` of a stylesheet under docs/ that names another host."""
    found: list[Problem] = []
    for breaks, url in _css_urls(css):
        host = remote_host(url)
        if host is not None and host not in allowed:
            found.append(resource_problem(path, breaks + 1, Resource(breaks + 1, 0, "stylesheet's url()", url, host)))
    return found


def page_problems(path: str, text: str, allowed: frozenset[str]) -> list[Problem]:
    """Q502 for every resource of one page's Markdown source loaded from a host not in ``allowed``."""
    if "//" not in text:
        return []
    md = _RENDERERS.page if "![" in text else None
    return [resource_problem(path, r.line, r, r.column) for r in find_remote(text, md, allowed)]
