"""mkdocs.yml's nav: read in order, and a lesson added by inserting one line, comments and layout kept."""

from __future__ import annotations

import pytest

from course_quiz.navfile import NavError, add_nav_entry, nav_order, nav_pages, yaml_text
from tests.conftest import FIXTURE_COURSE, PROJECT

NUMBERED = """site_name: A course
# The nav, in teaching order.
nav:
  - Home: index.md   # first
  - Lessons:
      - 1. First: lessons/first.md
      # a comment between entries
      - 2. Second: lessons/second.md
  - About: about.md
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - toc:
      permalink: true
"""


def test_nav_pages_in_order() -> None:
    assert nav_pages(NUMBERED) == ["index.md", "lessons/first.md", "lessons/second.md", "about.md"]
    assert nav_pages("site_name: x\n") == []
    assert "lessons/soft-power.md" in nav_pages((PROJECT / "mkdocs.yml").read_text())


def test_nav_order_gives_pages_and_titles_of_a_configured_nav() -> None:
    """The plugin's reading of ``config.nav``: links and other files are no pages; a bare path has no title."""
    nav = [{"Home": "index.md"}, {"Lessons": [{"1. First": "lessons/first.md"}, "lessons/bare.md"]},
           {"Elsewhere": "https://example.org/"}, {"Data": "files/table.csv"}]
    assert nav_order(nav) == (["index.md", "lessons/first.md", "lessons/bare.md"],
                              {"index.md": "Home", "lessons/first.md": "1. First"})
    assert nav_order([]) == ([], {})


def test_a_numbered_lesson_goes_after_the_last_lesson_with_the_next_number() -> None:
    new, title = add_nav_entry(NUMBERED, "Third: with a colon", "lessons/third.md", set())
    assert title == "3. Third: with a colon"
    assert new == NUMBERED.replace("      - 2. Second: lessons/second.md\n",
                                   "      - 2. Second: lessons/second.md\n"
                                   '      - "3. Third: with a colon": lessons/third.md\n')


def test_the_real_course_gets_lesson_nine() -> None:
    """Its nav types no number (the plugin numbers lessons), so neither does the new entry; it comes last."""
    text = (PROJECT / "mkdocs.yml").read_text()
    new, title = add_nav_entry(text, "Open models in education", "lessons/open-models-in-education.md", set())
    added = [line for line in new.splitlines() if line not in text.splitlines()]
    assert title == "Open models in education"
    assert added == [f"      - {title}: lessons/open-models-in-education.md"]
    lessons = [page for page in nav_pages(new) if page.startswith("lessons/")]
    assert lessons[-1] == "lessons/open-models-in-education.md"
    assert len(lessons) == len([page for page in nav_pages(text) if page.startswith("lessons/")]) + 1
    assert new.replace(added[0] + "\n", "") == text


def test_without_a_lessons_folder_the_entry_follows_the_last_lesson_page() -> None:
    text = (FIXTURE_COURSE / "mkdocs.yml").read_text()
    new, title = add_nav_entry(text, "Intro", "lessons/intro.md", {"lesson.md"})
    assert title == "Intro"
    assert new == text.replace("  - Sample lesson: lesson.md\n", "  - Sample lesson: lesson.md\n"
                                                                 "  - Intro: lessons/intro.md\n")


def test_without_any_lesson_the_entry_ends_the_nav() -> None:
    text = "nav:\n  - Home: index.md\n  - Section:\n      - a.md\n# end\n"
    new, _ = add_nav_entry(text, "New", "lessons/new.md", set())
    assert new == "nav:\n  - Home: index.md\n  - Section:\n      - a.md\n  - New: lessons/new.md\n# end\n"


@pytest.mark.parametrize(("text", "message"), [
    ("site_name: x\n", "has no nav"),
    ("nav: [index.md, lessons/zero.md]\n", "not a one-line"),
    ("nav:\n  - 1. First: lessons/first.md\n", "already lists lessons/first.md"),
    ("nav: {a: b}\n", "is not a list"),
    ("nav:\n  - [unclosed\n", "not valid YAML"),
])
def test_refusals(text: str, message: str) -> None:
    with pytest.raises(NavError, match=message.replace(".", r"\.")):
        add_nav_entry(text, "First", "lessons/first.md", set())


def test_yaml_text_quotes_only_when_needed() -> None:
    assert yaml_text("Soft power") == "Soft power"
    assert yaml_text("Soft: power") == '"Soft: power"'
    assert yaml_text("yes") == '"yes"'
    assert yaml_text("# not a comment") == '"# not a comment"'
    assert yaml_text("Ünïcode") == "Ünïcode"
