"""Quiz data read back from a page: each question's key data (``PageKey``), its controls, prompt and unit.

``verify`` reads a page's quiz back when its block differs from a fresh rendering, to explain the
difference as a wrong key rather than as bytes; the question types (``qtypes``) compare what they
find here with their source. Plain data and one small tokenizer: nothing here imports a question type.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from course_quiz.contract import ITEM_ID, KEY, LEFT_ID, QUESTION_ID, QUESTION_TYPE, QUIZ_CLASS, QUIZ_ID


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


# A small tokenizer for a quiz region: only what carries quiz data is matched (the quiz and question
# containers, controls, prompt and explanation containers, the unit, the ends of forms and selects).
_ATTRS = r"((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)"
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<span\b[^>]*\bcq-unit\b[^>]*>([^<]*)</span>"
    r"|<(section|form|input|select)\b" + _ATTRS + ">"
    r"|<(?:span|div|details)\b(?=[^>]*\bcq-(?:prompt|explanation)\b)" + _ATTRS + ">"
    r"|</(form|select)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_OPTION_VALUE = re.compile(r"""<option\b[^>]*?\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        value = double or single or bare
        found[name.lower()] = html.unescape(value) if "&" in value else value
    return found


def read_page_quizzes(page: str, text: str) -> list[PageQuiz]:
    """Every quiz in one page's HTML, read back question by question."""
    quizzes: list[PageQuiz] = []
    question: PageQuestion | None = None
    for token in _TOKEN.finditer(text):
        unit, tag, attributes, marked, closing = token.group(1, 2, 3, 4, 5)
        if closing is not None:
            if closing.lower() == "form":
                question = None
        elif unit is not None:
            if question is not None:
                question.unit += html.unescape(unit)
        elif marked is not None:
            if question is not None:
                classes = _attributes(marked).get("class", "").split()
                question.has_prompt |= "cq-prompt" in classes
                question.has_explanation |= "cq-explanation" in classes
        elif tag is not None:
            values = _attributes(attributes)
            name = tag.lower()
            if name == "section":
                if QUIZ_CLASS in values.get("class", "").split() and QUIZ_ID in values:
                    quizzes.append(PageQuiz(values[QUIZ_ID], page, token.start()))
            elif name == "form":
                question = None
                if QUESTION_ID in values and quizzes:
                    question = PageQuestion(values[QUESTION_ID], values.get(QUESTION_TYPE, ""), values.get(KEY, ""))
                    quizzes[-1].questions.setdefault(question.id, question)
            elif question is not None:
                _read_control(question, name, values, text, token.end())
    return quizzes


def _read_control(question: PageQuestion, tag: str, values: dict[str, str], text: str, end: int) -> None:
    if tag == "input":
        if values.get("type") in ("radio", "checkbox"):
            question.option_ids.append(values.get("value", ""))
    elif ITEM_ID in values:
        question.item_ids.append(values[ITEM_ID])
    elif LEFT_ID in values:
        question.left_ids.append(values[LEFT_ID])
        if len(question.left_ids) == 1:
            # The targets offered: read once, from the first left entry's list.
            close = text.find("</select", end)
            for double, single, bare in _OPTION_VALUE.findall(text, end, close if close != -1 else len(text)):
                value = double or single or bare
                if value:
                    question.target_ids.append(html.unescape(value) if "&" in value else value)
