"""Every heading anchor the checker accepts is an id of the built page, under the site's toc settings.

The fixture lesson gets repeated headings, inline markup and an attr_list id on a paragraph; its quiz's
review links point at a numbered duplicate. MkDocs builds it strictly (a review anchor the checker refused
would fail the build, Q308), and the built page's heading ids are compared with the checker's anchors.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from course_quiz.course import load_course
from course_quiz.siteconfig import CONFIG_NAME, read_host_settings
from tests.mkdocs_course.test_build import build

pytestmark = pytest.mark.build

MORE_HEADINGS = """## Checking keys

Again, in practice.

## Über die *Schlüssel* `keys`

## Über die *Schlüssel* `keys`

A paragraph with an id of its own.
{: #a-paragraph }

## A paragraph

"""

# The toc settings, and the id of the second "Checking keys" heading under them (a review anchor is an id
# of lowercase ASCII letters, digits, "-" and "_", Q116: so it is not the "Über" headings').
SETTINGS = {
    "default": ("  - toc:\n      permalink: true\n", "checking-keys_1"),
    "pymdownx lower, separator _": (
        "  - toc:\n      permalink: true\n      separator: '_'\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        "checking_keys_1"),
}


class _Ids(HTMLParser):
    """The ids of the headings of a page, and the targets of its review links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.reviews: list[str] = []
        self._in_review = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and found.get("id"):
            self.headings.append(found["id"] or "")
        if tag == "p" and "cq-review" in (found.get("class") or ""):
            self._in_review = True
        elif tag == "a" and self._in_review:
            self.reviews.append((found.get("href") or "").removeprefix("#"))
            self._in_review = False


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_anchor_the_checker_accepts_is_a_heading_id_of_the_built_page(course_dir: Path, name: str) -> None:
    toc, duplicate = SETTINGS[name]
    config = course_dir / CONFIG_NAME
    config.write_text(config.read_text(encoding="utf-8").replace("  - toc:\n      permalink: true\n", toc),
                      encoding="utf-8")
    lesson = course_dir / "docs" / "lesson.md"
    quiz_heading = "## Quiz { #quiz }"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(quiz_heading, MORE_HEADINGS + quiz_heading),
                      encoding="utf-8")
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("review: checking-keys", f"review: {duplicate}"),
                    encoding="utf-8")

    hosts = read_host_settings(config, CONFIG_NAME)
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, hosts=hosts)
    assert course.errors == []
    accepted = course.pages["lesson.md"].anchors
    assert duplicate in accepted

    result = build(course_dir, "--strict")
    assert result.returncode == 0, result.stderr
    page = _Ids()
    page.feed((course_dir / "site" / "lesson" / "index.html").read_text(encoding="utf-8"))
    assert accepted <= set(page.headings)
    assert sorted(accepted) == sorted(page.headings)  # and no heading id the checker does not know
    assert duplicate in page.reviews
    assert set(page.reviews) <= set(page.headings)
