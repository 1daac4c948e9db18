"""The engine's one HTML reader: the standard library's ``html.parser``.

Every place of the engine that reads HTML reads it here, as a list of events (``read``): start tags
with their attributes (names lower case, character references decoded, as a browser decodes them),
end tags, and text (references decoded). Comments, doctypes and processing instructions are not
events: nothing the engine reads is in them. ``html.parser`` is not a browser: Python 3.11's takes
``<!-->`` for the start of a comment where a browser sees a whole, empty one, and keeps an unfinished
tag at the end as text where a browser drops it. No verdict rests on this reader alone: ``verify``
compares bytes and reads a page back only to explain a difference (``keyparity`` reads keys back from
pages that ``verify`` compares byte for byte too), and ``safety`` keeps its patterns over the author's
source beside it. The readers built on it:

* ``pageread`` reads a page's quiz back (its forms, controls and key data), region by region;
* ``safety`` judges every ``href`` and ``src`` of rendered quiz text (``urls``);
* ``notes`` takes the text of each block of a rendered instructor note (``block_texts``);
* ``textrender`` makes the plain text of rendered quiz text, for places that hold no markup
  (``plain_text``).

One thing is deliberately not parsed: the text of a whole built file, searched for leaked instructor
notes in every file of a site (``rough_text``). A parser reads a few MB a second here, and a site of
1,000 lessons is 80 MB; that search removes tags by pattern instead (its docstring says when that
reads a page as a browser shows it). For the same reason a caller that reads a page finds the region
it needs first and parses only that (``pageread``: each quiz's section).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class StartTag:
    """A start tag (``<a href="x">``, or ``<br/>``), as the browser reads it.

    Attributes:
        name: The tag's name, lower case.
        attributes: Its attributes in order, names lower case, values decoded (``None``: no value,
            as in ``<input checked>``). A name may repeat; the browser keeps the first (``get``).

    """

    name: str
    attributes: tuple[tuple[str, str | None], ...]

    def get(self, name: str, default: str = "") -> str:
        """The value of attribute ``name`` (the first, as a browser keeps it); ``default`` if absent."""
        for found, value in self.attributes:
            if found == name:
                return value or ""
        return default

    def has(self, name: str) -> bool:
        """Tell whether the tag has attribute ``name``."""
        return any(found == name for found, _ in self.attributes)

    @property
    def classes(self) -> list[str]:
        """The tag's classes."""
        return self.get("class").split()


@dataclass(frozen=True, slots=True)
class EndTag:
    """An end tag (``</form>``); its name lower case."""

    name: str


Event = StartTag | EndTag | str  # text is a str, references decoded


class _Events(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(StartTag(tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(EndTag(tag))

    def handle_data(self, data: str) -> None:
        self.events.append(data)


def read(markup: str) -> list[Event]:
    """The events of ``markup``, in order. Never fails: text that is not markup is text, as in a browser."""
    parser = _Events()
    parser.feed(markup)
    parser.close()
    return parser.events


def urls(markup: str) -> list[tuple[str, str]]:
    """``(tag, url)`` for every ``href`` and ``src`` of ``markup``, every copy of a repeated one, decoded."""
    return [(event.name, value) for event in read(markup) if isinstance(event, StartTag)
            for name, value in event.attributes if name in ("href", "src") and value is not None]


_SPACES = re.compile(r"\s+")


def block_texts(markup: str, blocks: Collection[str]) -> list[str]:
    """The text of each block of ``markup`` (a block ends at each start or end tag named in ``blocks``).

    Whitespace is collapsed to single spaces, and a block with no text is left out.
    """
    texts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            texts.append(text)
        current.clear()

    for event in read(markup):
        if isinstance(event, str):
            current.append(event)
        elif event.name in blocks:
            flush()
    flush()
    return texts


def plain_text(markup: str) -> str:
    """The text of ``markup``, tags out and references decoded, stripped: what a browser shows of it."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()  # nothing to read: most quiz texts (and this is on the rendering's path)
    return "".join(event for event in read(markup) if isinstance(event, str)).strip()


_TAG = re.compile(r"<[^>]*>")


def rough_text(text: str) -> str:
    """``text`` with every ``<...>`` removed, then references decoded: fast, for whole built files.

    Not a parser, on purpose (see the module docstring: it reads a whole site, and also JSON). It is
    used only to look for a known text (an instructor note's) in every built file. It reads a page as a
    browser shows it as long as the page writes a ``<`` of its text as ``&lt;``, as Markdown and
    MkDocs do (references are decoded only after the tags are removed); a raw ``<`` in text would make
    it drop the text up to the next ``>``.
    """
    return html.unescape(_TAG.sub("", text))
