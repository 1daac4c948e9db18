"""Lesson numbers, computed from the order of the navigation, and the links that name them.

A course's lessons are its pages under ``docs/lessons/`` (``LESSONS_DIR``), numbered 1, 2, 3... in
the order the navigation lists them; nothing else holds a lesson's number. Every place that shows
one (navigation, page titles, home-page cards, progress page, ``course stats``, exports) asks here.

Text that names another lesson by number is a link whose text says so (``[lesson 5](other.md)``):
``lesson_link_problems`` reports W410 where that number is not the target's (after a lesson has
moved, say), naming the right one, and where "lesson N" is written without a link (its number could
go stale unseen). Checking rather than generating the text keeps the Markdown as written, works the
same under every host (the checker reads the source) and needs no syntax of its own.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from course_quiz.problems import Problem, problem

LESSONS_DIR = "lessons/"
# "1. Title", as lessons used to be numbered by hand in the nav.
TYPED_NUMBER = re.compile(r"^\s*\d+\.\s+")
# An inline link: [text](target "title"); the target may be in angle brackets.
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<plain>[^)\s]+))[^)\n]*\)")
_LINK_OR_IMAGE = re.compile(_LINK.pattern.removeprefix("(?<!!)"))
# "lesson 5", or in Chinese "第5课" / "第五课" (a translated page names lessons so).
_LESSON_NUMBER = re.compile(r"\blesson\s+(?P<number>\d+)\b|第\s*(?P<chinese>\d+|[一二三四五六七八九十]{1,3})\s*课",
                            re.IGNORECASE)
_CHINESE_DIGITS = {digit: value for value, digit in enumerate("一二三四五六七八九", start=1)}
# What a line must hold for a lesson number to be looked for in it (most lines hold neither).
LESSON_WORDS = ("esson", "课")


def _number(found: re.Match[str]) -> int:
    """The number a match of ``_LESSON_NUMBER`` names: digits, or a Chinese numeral up to 99 (``十二``)."""
    if found.group("number"):
        return int(found.group("number"))
    written = found.group("chinese")
    if written.isdigit():
        return int(written)
    tens, ten, units = written.rpartition("十")
    if not ten:
        return _CHINESE_DIGITS.get(units, 0)
    return (_CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + _CHINESE_DIGITS.get(units, 0)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def is_lesson(path: str) -> bool:
    """Tell whether the page ``path`` (relative to docs/) is a lesson, one of those the course numbers."""
    return path.startswith(LESSONS_DIR) and path.endswith(".md")


def lesson_numbers(order: Iterable[str]) -> dict[str, int]:
    """The number of each lesson among the pages ``order`` (the navigation's order), from 1."""
    numbers: dict[str, int] = {}
    for path in order:
        if is_lesson(path) and path not in numbers:
            numbers[path] = len(numbers) + 1
    return numbers


def numbered(number: int | None, title: str) -> str:
    """A lesson's title as the site shows it: ``3. Title`` (``title`` alone for other pages)."""
    return f"{number}. {title}" if number is not None else title


def untyped(title: str) -> tuple[str, bool]:
    """A navigation title without a number typed before it, and whether there was one."""
    plain = TYPED_NUMBER.sub("", title, count=1)
    return plain, plain != title


@dataclass(frozen=True, slots=True)
class LessonLink:
    """A link whose text names a lesson by number: ``[see lesson 5](deepseek.md#cost)``."""

    number: int
    target: str  # the page it points to, relative to docs/ ("" when it leaves the site, or is no link)
    text: str
    line: int
    column: int
    linked: bool = True  # False: "lesson N" written in the text, outside any link


def find_lesson_links(page: str, lines: Iterable[tuple[int, str]]) -> list[LessonLink]:
    """Every link whose text says "lesson N" in ``lines`` (index and text, outside code fences) of ``page``.

    Also every "lesson N" written outside a link (``linked`` false). Code spans are examples: skipped.
    """
    found: list[LessonLink] = []
    folder = posixpath.dirname(page)
    for index, written in lines:
        if not any(word in written for word in LESSON_WORDS):
            continue
        # A link shown as code (`[lesson 5](x.md)`) is an example, not a link; columns stay as written.
        line = _CODE_SPAN.sub(lambda span: " " * len(span.group()), written) if "`" in written else written
        if not _LESSON_NUMBER.search(line):
            # Neither a bare "lesson N" nor a link naming one (a link's text is part of the line, between
            # brackets): most lines that say "lesson" give no number, and the link scans are the cost.
            continue
        links = list(_LINK.finditer(line))
        covered = [(span.start(), span.end()) for span in _LINK_OR_IMAGE.finditer(line)]
        for bare in _LESSON_NUMBER.finditer(line):
            # Written out ("第一课", "the first lesson"), a number reads as a word: only a link's is checked.
            if (bare.group("chinese") or "0").isdigit() and not any(start <= bare.start() < end
                                                                      for start, end in covered):
                found.append(LessonLink(_number(bare), "", bare.group(), index + 1, bare.start() + 1, linked=False))
        for link in links:
            named = _LESSON_NUMBER.search(link.group("text"))
            if named is None:
                continue
            target = (link.group("angled") or link.group("plain") or "").partition("#")[0]
            if _SCHEME.match(target) or target.startswith("/"):
                resolved = ""
            elif not target:
                resolved = page  # "#anchor": this page
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            found.append(LessonLink(_number(named), resolved, link.group("text"), index + 1, link.start() + 1))
    return sorted(found, key=lambda link: (link.line, link.column))


def lesson_link_problems(links: Mapping[str, tuple[str, Sequence[LessonLink]]],
                         numbers: Mapping[str, int]) -> list[Problem]:
    """W410 for each link whose text names a lesson number its target does not have, and each "lesson N" unlinked.

    Args:
        links: By page (its path under docs/): its path as shown in problems, and its lesson links.
        numbers: Each lesson's number (``lesson_numbers``).

    """
    found: list[Problem] = []
    for page, (display_path, page_links) in links.items():
        for link in page_links:
            actual = numbers.get(link.target)
            if actual == link.number and link.linked:
                continue
            if not link.linked:
                pages = [path for path, number in numbers.items() if number == link.number]
                example = (f"[{link.text}]({posixpath.relpath(pages[0], posixpath.dirname(page) or '.')})"
                           if pages else f"[{link.text}](page.md)")
                message = (f"'{link.text}' is not a link, so its number is not checked when lessons move; link it to "
                           f"the lesson's page, for example {example}")
            elif actual is not None:
                written = f"第{actual}课" if "课" in link.text else f"lesson {actual}"
                message = (f"link text '{link.text}' says lesson {link.number}, but {link.target} is lesson {actual} "
                           f"in the navigation's order; write '{written}'")
            elif link.target:
                pages = [path for path, number in numbers.items() if number == link.number]
                where = f"lesson {link.number} is {pages[0]}" if pages else f"the course has no lesson {link.number}"
                message = (f"link text '{link.text}' says lesson {link.number}, but {link.target} is not a numbered "
                           f"lesson (a page under docs/{LESSONS_DIR} listed in the nav; {where}); fix the link or "
                           "its text")
            else:
                message = (f"link text '{link.text}' says lesson {link.number} but leaves the course; link to the "
                           "lesson's page")
            found.append(problem(display_path, link.line, "W410", message, column=link.column))
    return found
