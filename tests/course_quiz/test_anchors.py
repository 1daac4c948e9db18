"""anchors: heading ids as Python-Markdown's toc makes them, compared with toc itself rendering the page."""

from __future__ import annotations

import re
from typing import Any

import markdown
import pymdownx.slugs
import pytest
from markdown.extensions import toc

from course_quiz.anchors import DEFAULT_TOC, TocSettings, applied_slugify, heading_ids, named_slugify
from course_quiz.lessons import read_page

# Duplicate headings, an explicit id that a later duplicate's number would take, headings with no Latin
# letters (an empty default slug), an attr_list id on a paragraph, entities, inline markup, a footnote.
PAGE = """# Intro

## Intro

## Über uns

## Other { #intro_2 }

## Intro

## 中文

## 中文

A paragraph with an id of its own.
{: #x }

## X

## R&amp;D and *emph* `code` [a link](x.md)

## Step_2

## Step_2

## Note[^1]

[^1]: A footnote.
"""

SETTINGS: dict[str, tuple[TocSettings, dict[str, Any]]] = {
    "default": (DEFAULT_TOC, {}),
    "separator _": (TocSettings(separator="_"), {"separator": "_"}),
    "pymdownx lower": (TocSettings(pymdownx.slugs.slugify(case="lower"), "-"),
                       {"slugify": pymdownx.slugs.slugify(case="lower")}),
    "pymdownx lower, separator _": (TocSettings(pymdownx.slugs.slugify(case="lower"), "_"),
                                    {"slugify": pymdownx.slugs.slugify(case="lower"), "separator": "_"}),
    "slugify_unicode": (TocSettings(toc.slugify_unicode), {"slugify": toc.slugify_unicode}),
}


def toc_ids(text: str, config: dict[str, Any]) -> list[str]:
    """The ids Python-Markdown's toc gives the page's headings, in order."""
    rendered = markdown.markdown(text, extensions=["attr_list", "footnotes", "toc"], extension_configs={"toc": config})
    return re.findall(r"<h[1-6] id=\"([^\"]*)\"", rendered)


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_the_anchors_of_a_page_are_the_ids_toc_gives_its_headings(name: str) -> None:
    settings, config = SETTINGS[name]
    page, problems = read_page("p.md", "docs/p.md", PAGE, settings)
    assert problems == []
    assert list(page.headings) == toc_ids(PAGE, config)


def test_duplicate_headings_are_numbered_and_each_keeps_its_title() -> None:
    page, _ = read_page("p.md", "docs/p.md", "# Setup\n\n## Setup\n\n## Setup\n\n## Setup_1 { #setup_1 }\n")
    assert page.headings == {"setup": "Setup", "setup_2": "Setup", "setup_3": "Setup", "setup_1": "Setup_1"}
    assert page.anchors == {"setup", "setup_1", "setup_2", "setup_3"}


def test_a_separator_and_a_lowercasing_unicode_slugify_are_followed() -> None:
    page, _ = read_page("p.md", "p.md", "## Über Open Weights\n\n## Über Open Weights\n",
                        TocSettings(pymdownx.slugs.slugify(case="lower"), "_"))
    assert list(page.headings) == ["über_open_weights", "über_open_weights_1"]


def test_an_explicit_id_given_twice_is_not_numbered() -> None:
    assert heading_ids([("a", ""), ("a", ""), ("", "A")], DEFAULT_TOC) == ["a", "a", "a_1"]


def test_only_the_known_slugify_functions_are_followed() -> None:
    assert named_slugify("markdown.extensions.toc.slugify") is toc.slugify
    assert named_slugify("markdown.extensions.toc.slugify_unicode") is toc.slugify_unicode
    assert named_slugify("os.system") is None
    assert named_slugify("pymdownx.slugs.slugify") is None  # a factory, not a slugify
    made = applied_slugify("pymdownx.slugs.slugify", {"case": "lower", "percent_encode": False, "normalize": "NFC"})
    assert not isinstance(made, str)
    assert made("Über Uns", "-") == "über-uns"


@pytest.mark.parametrize(("name", "keywords", "message"), [
    ("os.system", {}, "'os.system' is not a slugify factory the checker knows"),
    ("pymdownx.slugs.slugify", {"case": "upper"}, "case must be one of none, lower, lower-ascii, fold"),
    ("pymdownx.slugs.slugify", {"percent_encode": "yes"}, "percent_encode must be one of true, false"),
    ("pymdownx.slugs.slugify", {"normalize": "NFX"}, "normalize must be one of NFC, NFD, NFKC, NFKD"),
    ("pymdownx.slugs.slugify", {"sep": "_"}, "takes no keyword 'sep'"),
])
def test_a_factory_or_keyword_the_checker_does_not_know_is_refused(name: str, keywords: dict[str, object],
                                                                   message: str) -> None:
    refused = applied_slugify(name, keywords)
    assert isinstance(refused, str)
    assert message in refused
