"""Quiz data read back from a page: each question's key data (``PageKey``), its controls, prompt and unit.

``verify`` reads a page's quiz back when its block differs from a fresh rendering, to explain the
difference as a wrong key rather than as bytes; the question types (``qtypes``) compare what they
find here with their source. Plain data, read with the engine's HTML reader (``htmlread``): nothing
here imports a question type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from course_quiz.contract import ITEM_ID, KEY, LEFT_ID, QUESTION_ID, QUESTION_TYPE, QUIZ_CLASS, QUIZ_ID
from course_quiz.htmlread import EndTag, Event, StartTag, read


@dataclass(frozen=True)
class PageKey:
    """The key data of one question as found in a page (``data-key``), and the unit it shows."""

    salt: str
    digests: frozenset[str]
    normalize: tuple[str, ...] = ()
    decimals: int = 0
    unit: str = ""
    rules: str = "{}"  # every field besides salt and digests, as sorted JSON (see ``rules_text``)

    @classmethod
    def parse(cls, key_json: str, unit: str = "") -> PageKey | None:
        """Read ``data-key``; ``None`` when it is not valid key data."""
        try:
            data = json.loads(key_json)
            rules = {name: value for name, value in data.items() if name not in ("salt", "digests")}
            return cls(str(data["salt"]), frozenset(str(d) for d in data["digests"]),
                       tuple(str(rule) for rule in data.get("normalize", ())), int(data.get("decimals", 0)), unit,
                       rules_text(rules))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def rules_text(rules: dict[str, object]) -> str:
    """Comparison rules of a key as sorted JSON, so that a page's and the source's can be compared."""
    return json.dumps(rules, sort_keys=True, separators=(",", ":"))


@dataclass
class PageQuestion:
    """One question as read back from a page."""

    id: str
    type: str
    key_json: str
    option_ids: list[str] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)
    left_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    has_prompt: bool = False
    has_explanation: bool = False
    unit: str = ""

    def key(self) -> PageKey | None:
        """The parsed key, or ``None`` when ``data-key`` is not valid key data."""
        return PageKey.parse(self.key_json, self.unit)


@dataclass
class PageQuiz:
    """One quiz as read back from a page; ``start`` is where its section begins in the page."""

    id: str
    page: str
    start: int = 0
    questions: dict[str, PageQuestion] = field(default_factory=dict)


_SECTION = re.compile(r"<section\b", re.IGNORECASE)
_SECTION_END = re.compile(r"</section\s*>", re.IGNORECASE)
_FORM = re.compile(r"<form\b", re.IGNORECASE)


def read_page_quizzes(page: str, text: str) -> list[PageQuiz]:
    """Every quiz in one page's HTML, read back question by question.

    Only the quizzes' regions are parsed (``htmlread``): each ``<section`` outside a comment, to its
    ``</section>`` (a quiz holds no section of its own), and only one opening as a quiz (its class and
    id) is read as one. A page is mostly not quiz, and a parser reads a few MB a second.
    """
    found = (_read_quiz(page, start, read(text[start:end])) for start, end in _sections(text))
    return [quiz for quiz in found if quiz is not None]


def read_page_keys(page: str, text: str) -> list[PageQuiz]:
    """Every quiz in one page's HTML, each question with its id, type and key data only (for ``keyparity``).

    Of each quiz's section only the opening tags of the section and of its forms are parsed, each on
    its own, up to the next ``<`` (quiz markup escapes ``<`` in attribute values: a tag cut there is not
    the build's, and its question is not read); a form in a comment is skipped. For a page as the
    build writes it these are ``read_page_quizzes``'s questions, types and keys, at a few percent of
    its cost: comparing keys across languages reads every quiz page of every language.
    """
    quizzes: list[PageQuiz] = []
    for start, end in _sections(text):
        tags = [_tag_at(text, start)] + [_tag_at(text, form.start()) for form in _FORM.finditer(text, start, end)
                                        if not _in_comment(text, form.start(), start)]
        quiz = _read_quiz(page, start, [event for tag in tags for event in read(tag)[:1]])
        if quiz is not None:
            quizzes.append(quiz)
    return quizzes


def _sections(text: str) -> list[tuple[int, int]]:
    """Where each section outside a comment starts, and where its ``</section>`` ends (or the text)."""
    found: list[tuple[int, int]] = []
    for opening in _SECTION.finditer(text):
        if not _in_comment(text, opening.start()):
            close = _SECTION_END.search(text, opening.end())
            found.append((opening.start(), close.end() if close else len(text)))
    return found


def _in_comment(text: str, at: int, since: int = 0) -> bool:
    """Tell whether ``at`` is in a comment opened after ``since`` (``<!-->`` is a whole one, as in a browser)."""
    return text.rfind("<!--", since, at) > text.rfind("-->", since, at)


def _tag_at(text: str, at: int) -> str:
    """The text of the tag that opens at ``at``: up to the next ``<``."""
    end = text.find("<", at + 1)
    return text[at:end if end != -1 else len(text)]


def _read_quiz(page: str, start: int, events: list[Event]) -> PageQuiz | None:
    """The quiz of one section's events, or ``None`` when the section is not a quiz."""
    opening = events[0] if events else None
    if not (isinstance(opening, StartTag) and QUIZ_CLASS in opening.classes and opening.has(QUIZ_ID)):
        return None
    quiz = PageQuiz(opening.get(QUIZ_ID), page, start)
    question: PageQuestion | None = None
    in_unit = False  # in the unit's span: its text is the unit
    targets: list[str] | None = None  # the first left entry's list: its options are the targets offered
    for event in events[1:]:
        if isinstance(event, str):
            if in_unit and question is not None:
                question.unit += event
        elif isinstance(event, EndTag):
            if event.name == "form":
                question = None
            elif event.name == "select":
                targets = None
            elif event.name == "span":
                in_unit = False
        elif event.name == "form":
            question = None
            if event.has(QUESTION_ID):
                question = PageQuestion(event.get(QUESTION_ID), event.get(QUESTION_TYPE), event.get(KEY))
                quiz.questions.setdefault(question.id, question)
        elif question is not None:
            targets = _read_element(question, event, targets)
            in_unit = in_unit or (event.name == "span" and "cq-unit" in event.classes)
    return quiz


def _read_element(question: PageQuestion, tag: StartTag, targets: list[str] | None) -> list[str] | None:
    """Add what ``tag`` tells of ``question``; give back the list the options now go to (or ``None``)."""
    if tag.name in ("span", "div", "details"):
        classes = tag.classes
        question.has_prompt |= "cq-prompt" in classes
        question.has_explanation |= "cq-explanation" in classes
    elif tag.name == "input":
        if tag.get("type") in ("radio", "checkbox"):
            question.option_ids.append(tag.get("value"))
    elif tag.name == "select":
        if tag.has(ITEM_ID):
            question.item_ids.append(tag.get(ITEM_ID))
        elif tag.has(LEFT_ID):
            question.left_ids.append(tag.get(LEFT_ID))
            if len(question.left_ids) == 1:
                return question.target_ids  # the targets offered: read once, from the first left entry
    elif tag.name == "option" and targets is not None and tag.get("value"):
        targets.append(tag.get("value"))
    return targets
