"""Verification of a built site against the quiz sources (codes V701 to V705).

Every quiz and question must be on its page, complete, and the key the page carries must accept
exactly the source key.

Run by the MkDocs plugin after each build and by ``course verify SITE_DIR``. It reads the pages as
text and parses only the quiz regions, so it stays cheap on large sites.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from course_quiz.keycodec import canonical_answers, key_digests, numeric_grid, question_salt
from course_quiz.model import Question, Quiz
from course_quiz.normalize import normalize_answer
from course_quiz.pagecheck import PageKey, Response, accepts, candidate_responses, number_text
from course_quiz.problems import Problem, problem
from course_quiz.render import QUIZ_END_MARK

QUIZ_START = '<section class="cq-quiz"'
FULL_ENUMERATION = 4

_Fail = Callable[[str, str], list[Problem]]


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
        try:
            data = json.loads(self.key_json)
            return PageKey(str(data["salt"]), frozenset(str(d) for d in data["digests"]),
                           tuple(data.get("normalize", ())), int(data.get("decimals", 0)), self.unit)
        except (ValueError, KeyError, TypeError):
            return None


@dataclass
class PageQuiz:
    """One quiz as read back from a page."""

    id: str
    page: str
    questions: dict[str, PageQuestion] = field(default_factory=dict)


# A small tokenizer for the quiz regions of a page. Only what carries quiz data is matched: the
# quiz and question containers, controls, prompt and explanation containers, the unit and the ends of
# forms and selects; the regex engine skips everything else. It reads any well-formed HTML the same
# way whatever the quoting; markup it cannot read makes verification fail, never pass.
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


class _QuizRegionParser:
    """Collects the quiz data from the HTML of one quiz region."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.quizzes: list[PageQuiz] = []
        self.question: PageQuestion | None = None

    def feed(self, text: str) -> None:
        """Read one quiz region."""
        for token in _TOKEN.finditer(text):
            unit, tag, attributes, marked, closing = token.group(1, 2, 3, 4, 5)
            question = self.question
            if closing is not None:
                if closing.lower() == "form":
                    self.question = None
            elif unit is not None:
                if question is not None:
                    question.unit += html.unescape(unit)
            elif marked is not None:
                if question is not None:
                    classes = _attributes(marked).get("class", "").split()
                    question.has_prompt |= "cq-prompt" in classes
                    question.has_explanation |= "cq-explanation" in classes
            elif tag is not None:
                self._start(tag.lower(), _attributes(attributes), text, token.end())

    def _start(self, tag: str, values: dict[str, str], text: str, end: int) -> None:
        if tag == "section":
            if "cq-quiz" in values.get("class", "").split() and "data-quiz-id" in values:
                self.quizzes.append(PageQuiz(values["data-quiz-id"], self.page))
            return
        if tag == "form":
            if "data-question-id" in values and self.quizzes:
                self.question = PageQuestion(values["data-question-id"], values.get("data-type", ""),
                                             values.get("data-key", ""))
                self.quizzes[-1].questions.setdefault(self.question.id, self.question)
            return
        question = self.question
        if question is None:
            return
        if tag == "input":
            if values.get("type") in ("radio", "checkbox"):
                question.option_ids.append(values.get("value", ""))
        elif "data-item-id" in values:
            question.item_ids.append(values["data-item-id"])
        elif "data-left-id" in values:
            question.left_ids.append(values["data-left-id"])
            if len(question.left_ids) == 1:
                # The targets offered: read once, from the first left entry's list.
                close = text.find("</select", end)
                for double, single, bare in _OPTION_VALUE.findall(text, end, close if close != -1 else len(text)):
                    value = double or single or bare
                    if value:
                        question.target_ids.append(html.unescape(value) if "&" in value else value)


def read_page_quizzes(page: str, text: str) -> list[PageQuiz]:
    """Find and parse every quiz region in one page's HTML."""
    found: list[PageQuiz] = []
    start = text.find(QUIZ_START)
    while start != -1:
        end = text.find(QUIZ_END_MARK, start)
        end = len(text) if end == -1 else end
        parser = _QuizRegionParser(page)
        parser.feed(text[start:end])
        found.extend(parser.quizzes)
        start = text.find(QUIZ_START, end)
    return found


def read_site(site_dir: Path, pages: Iterable[Path] | None = None) -> dict[str, list[PageQuiz]]:
    """Every quiz found in the site's HTML pages, by quiz id (a list, to notice duplicates)."""
    found: dict[str, list[PageQuiz]] = {}
    files = pages if pages is not None else sorted(site_dir.rglob("*.html"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "data-quiz-id" not in text:
            continue
        for quiz in read_page_quizzes(path.relative_to(site_dir).as_posix(), text):
            found.setdefault(quiz.id, []).append(quiz)
    return found


def verify_site(site_dir: Path, quizzes: Iterable[Quiz], expected_pages: Mapping[str, str] | None = None,
                pages: Iterable[Path] | None = None) -> list[Problem]:
    """Verify the built pages against the source quizzes.

    Args:
        site_dir: The built site.
        quizzes: The source quizzes.
        expected_pages: Optional map from quiz id to the page (relative to ``site_dir``) it must be on.
        pages: Optional list of HTML files to read (default: every ``.html`` under ``site_dir``).

    """
    if not site_dir.is_dir():
        return [problem(str(site_dir), 0, "V705", "built site folder does not exist; build the site first")]
    found = read_site(site_dir, pages)
    problems: list[Problem] = []
    for quiz in quizzes:
        copies = found.get(quiz.id, [])
        where = quiz.lines.get("id", quiz.line)
        if not copies:
            problems.append(problem(quiz.path, where, "V701", f"quiz '{quiz.id}' is on no page of {site_dir}"))
            continue
        if len(copies) > 1:
            pages_text = ", ".join(c.page for c in copies)
            problems.append(problem(quiz.path, where, "V701", f"quiz '{quiz.id}' appears on several pages: "
                                    f"{pages_text}"))
        page_quiz = copies[0]
        expected = (expected_pages or {}).get(quiz.id)
        if expected is not None and page_quiz.page != expected:
            problems.append(problem(quiz.path, where, "V701", f"quiz '{quiz.id}' is on {page_quiz.page}, "
                                    f"expected on {expected}"))
        problems.extend(_verify_quiz(quiz, page_quiz))
    return problems


def verify_rendered(quiz: Quiz, rendered: str, page: str = "the rendered page") -> list[Problem]:
    """Verify one quiz's rendered HTML against its source, as ``verify_site`` does for a built page."""
    found = [q for q in read_page_quizzes(page, rendered) if q.id == quiz.id]
    if len(found) != 1:
        return [problem(quiz.path, quiz.lines.get("id", quiz.line), "V701",
                        f"quiz '{quiz.id}' is not rendered exactly once in {page}")]
    return _verify_quiz(quiz, found[0])


def _verify_quiz(quiz: Quiz, page_quiz: PageQuiz) -> list[Problem]:
    problems: list[Problem] = []
    source_ids = [q.id for q in quiz.questions]
    for extra in sorted(set(page_quiz.questions) - set(source_ids)):
        problems.append(problem(quiz.path, quiz.line, "V702", f"page {page_quiz.page} has question '{extra}', "
                                f"which quiz '{quiz.id}' does not"))
    for question in quiz.questions:
        page_question = page_quiz.questions.get(question.id)
        label = f"question '{question.id}' on {page_quiz.page}"
        if page_question is None:
            problems.append(problem(quiz.path, question.line, "V702", f"question '{question.id}' is missing from "
                                    f"{page_quiz.page}"))
            continue
        problems.extend(_verify_question(quiz.path, question, page_question, label))
    return problems


def _verify_question(path: str, question: Question, found: PageQuestion, label: str) -> list[Problem]:
    def fail(code: str, message: str) -> list[Problem]:
        return [problem(path, question.line, code, f"{label}: {message}")]

    if found.type != question.type:
        return fail("V702", f"is a {found.type or 'untyped'} question, source says {question.type}")
    if not found.has_prompt:
        return fail("V702", "has no prompt")
    if question.explanation and not found.has_explanation:
        return fail("V702", "has no explanation")
    expected_controls = {
        "single": [o.id for o in question.options], "multiple": [o.id for o in question.options],
        "true-false": ["true", "false"],
    }.get(question.type)
    if expected_controls is not None and found.option_ids != expected_controls:
        return fail("V702", f"offers {found.option_ids}, source has {expected_controls}")
    if question.type == "order" and found.item_ids != [i.id for i in question.items]:
        return fail("V702", f"orders {found.item_ids}, source has {[i.id for i in question.items]}")
    if question.type == "match" and (found.left_ids != [c.id for c in question.left]
                                     or sorted(found.target_ids) != sorted(c.id for c in question.right)):
        return fail("V702", "match entries differ from the source")
    key = found.key()
    if key is None:
        return fail("V703", "has no readable key data")
    return _check_key(question, found, key, fail)


def _check_key(question: Question, found: PageQuestion, key: PageKey, fail: _Fail) -> list[Problem]:
    right = source_responses(question)
    for response in right:
        if not accepts(question.type, key, response):
            return fail("V703", f"rejects the source key {response!r}")
    if key.salt != question_salt(question.quiz_id, question.id) or key.digests != frozenset(key_digests(question)):
        # The source answers pass, so the page accepts something more: say what, where it can be found.
        extra = next((r for r in wrong_responses(question, found) if accepts(question.type, key, r)), None)
        shown = f"the wrong answer {extra!r}" if extra is not None else "answers the source key does not"
        return fail("V704", f"accepts {shown} ({len(key.digests)} accepted answers stored, source has "
                    f"{len(canonical_answers(question))})")
    for response in wrong_responses(question, found):
        if accepts(question.type, key, response):
            return fail("V704", f"accepts the wrong answer {response!r}")
    return []


def source_responses(question: Question) -> list[Response]:
    """Answers a student could give that the source key marks right (every short answer, numeric bounds)."""
    kind = question.type
    if kind == "single":
        return [question.answer_ids[0]]
    if kind in ("multiple", "order"):
        return [list(question.answer_ids)]
    if kind == "true-false":
        return ["true" if question.answer_bool[0] else "false"]
    if kind == "match":
        return [dict(question.pairs)]
    if kind == "short":
        return list(question.accepted)
    assert question.numeric is not None
    grid = numeric_grid(question.numeric)
    decimals = question.numeric.decimals
    return [number_text(grid[0], decimals), number_text(grid[-1], decimals), format(question.numeric.value, "f")]


def wrong_responses(question: Question, found: PageQuestion) -> list[Response]:
    """Answers the source key marks wrong.

    Every other choice; every other order or match of up to ``FULL_ENUMERATION`` entries, else those
    one swap away; and near misses for typed answers.
    """
    kind = question.type
    right = source_responses(question)
    if kind in ("single", "true-false", "multiple"):
        ids = found.option_ids
        return [r for r in candidate_responses(kind, ids) if _differs(kind, r, right)]
    # Every other order or match is tried up to four entries (24 arrangements); beyond that, every
    # arrangement one swap away. The stored digests equal the source's exactly (checked first), so a
    # wrong arrangement could only pass through a collision of 64-bit digests.
    if kind == "order":
        if len(found.item_ids) <= FULL_ENUMERATION:
            return [r for r in candidate_responses(kind, found.item_ids) if r != right[0]]
        return [list(swapped) for swapped in _one_swap_away(list(question.answer_ids))]
    if kind == "match":
        if len(found.left_ids) <= FULL_ENUMERATION:
            return [r for r in candidate_responses(kind, found.left_ids, found.target_ids) if r != right[0]]
        lefts = [left for left, _ in question.pairs]
        return [dict(zip(lefts, swapped, strict=True))
                for swapped in _one_swap_away([right_id for _, right_id in question.pairs])]
    if kind == "short":
        # Near misses, minus any the key itself accepts (an answer may be "?", or "a x" beside "a").
        accepted = set(canonical_answers(question))
        near_misses = dict.fromkeys(["", "?", *(f"{answer} x" for answer in question.accepted)])
        return [text for text in near_misses if normalize_answer(text, question.normalize) not in accepted]
    assert question.numeric is not None
    grid = numeric_grid(question.numeric)
    decimals = question.numeric.decimals
    half_step_above = Decimal(2 * grid[-1] + 1).scaleb(-decimals) / 2
    return [number_text(grid[0] - 1, decimals), number_text(grid[-1] + 1, decimals),
            format(half_step_above, "f"), "not a number"]


def _one_swap_away(sequence: list[str]) -> list[tuple[str, ...]]:
    found = []
    for first in range(len(sequence)):
        for second in range(first + 1, len(sequence)):
            swapped = list(sequence)
            swapped[first], swapped[second] = swapped[second], swapped[first]
            found.append(tuple(swapped))
    return found


def _differs(kind: str, response: Response, right: list[Response]) -> bool:
    if kind == "multiple":
        assert not isinstance(response, (str, Mapping))
        return sorted(response) != sorted(right[0])
    return response != right[0]
