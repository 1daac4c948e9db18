"""Heading ids as Python-Markdown's ``toc`` extension makes them, with the site's ``toc`` settings.

``toc`` gives a heading without an explicit ``{ #id }`` the slug of its text, made by its ``slugify``
option with its ``separator`` (default: ``markdown.extensions.toc.slugify`` and ``-``), and numbers a
slug already taken (by an explicit id anywhere in the page, or an earlier heading) with ``_1``, ``_2``...
(``markdown.extensions.toc.unique``, called here so the rule cannot drift). The settings are read from
mkdocs.yml by ``siteconfig``; a ``slugify`` there is a Python name, and only the functions below are
followed, looked up in a fixed table: a name in a configuration file is never imported.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pymdownx.slugs
from markdown.extensions import toc

Slugify = Callable[[str, str], str]

# The slugify functions a site may name with ``!!python/name:``.
NAMED: dict[str, Slugify] = {
    "markdown.extensions.toc.slugify": toc.slugify,
    "markdown.extensions.toc.slugify_unicode": toc.slugify_unicode,
}
# The factories a site may call with ``!!python/object/apply:`` (Material's documented form), and the
# values each keyword may take.
FACTORY = "pymdownx.slugs.slugify"
FACTORY_KEYWORDS: dict[str, tuple[object, ...]] = {
    "case": ("none", "lower", "lower-ascii", "fold"),
    "percent_encode": (True, False),
    "normalize": ("NFC", "NFD", "NFKC", "NFKD"),
}


@dataclass(frozen=True)
class TocSettings:
    """How the site's ``toc`` makes heading ids: its slugify function (by name, as written) and separator."""

    slugify: Slugify = toc.slugify
    separator: str = "-"
    name: str = "markdown.extensions.toc.slugify"

    def slug(self, text: str) -> str:
        """The slug ``toc`` makes of a heading's plain text (entities such as ``&amp;`` read as characters)."""
        return str(self.slugify(html.unescape(text), self.separator))


DEFAULT_TOC = TocSettings()  # toc's own defaults, as MkDocs runs it when mkdocs.yml does not set them


def named_slugify(name: str) -> Slugify | None:
    """The slugify function ``!!python/name:name`` gives, when it is one this module follows."""
    return NAMED.get(name)


def applied_slugify(name: str, keywords: Mapping[str, object]) -> Slugify | str:
    """The slugify ``!!python/object/apply:name {kwds: keywords}`` gives, or what is wrong with it."""
    if name != FACTORY:
        return f"'{name}' is not a slugify factory the checker knows; use {FACTORY}"
    for key, value in keywords.items():
        allowed = FACTORY_KEYWORDS.get(key)
        if allowed is None:
            return f"{FACTORY} takes no keyword '{key}'; it takes {', '.join(FACTORY_KEYWORDS)}"
        if value not in allowed or isinstance(value, bool) != isinstance(allowed[0], bool):
            return f"{FACTORY}'s {key} must be one of {', '.join(_shown(a) for a in allowed)}"
    made: Slugify = pymdownx.slugs.slugify(**keywords)
    return made


def _shown(value: object) -> str:
    """A keyword's value as YAML writes it."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def heading_ids(headings: Sequence[tuple[str, str]], settings: TocSettings, taken: Iterable[str] = ()) -> list[str]:
    """The id of each heading of a page, in order, as ``toc`` gives them.

    Args:
        headings: Each heading's explicit id ("" for none) and plain text.
        settings: The site's ``toc`` settings.
        taken: Other explicit ids of the page (``attr_list`` on other elements), which slugs avoid too.

    """
    used = {explicit for explicit, _ in headings if explicit} | set(taken)
    return [explicit or toc.unique(settings.slug(text), used) for explicit, text in headings]
