"""Why a quiz's block on a built page differs from a fresh rendering: a wrong key, or which bytes.

``verify`` compares each block with its rendering byte for byte, which is fast and exact but says
only that something differs. When a block differs, it asks this module why: the page's quiz is read
back (``pageread``) and compared with its source question by question, so that a wrong key is reported
as a wrong key (V702 to V704: a question missing or moved, a key that rejects the right answer or
accepts a wrong one) rather than as a difference of bytes; otherwise the first differing bytes are
shown (V706). Only a differing block is read back: verifying a site whose blocks are all exact reads
nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from course_quiz.contract import ANSWER_KEY_ATTRIBUTE, QUIZ_CLOSE, search_consumed
from course_quiz.keycodec import accepts, key_digests, question_salt
from course_quiz.model import Question, Quiz
from course_quiz.pageread import PageQuestion, PageQuiz, read_page_quizzes, rules_text
from course_quiz.problems import Problem, problem
from course_quiz.qtypes import KINDS


class ExpectedBlock(Protocol):
    """What a differing block is compared with (``verify.ExpectedQuiz``)."""

    @property
    def id(self) -> str:
        """The quiz id."""

    @property
    def html(self) -> str:
        """The fresh rendering the page must hold."""

    @property
    def path(self) -> str:
        """The quiz file, for messages."""

    @property
    def line(self) -> int:
        """The line of its id in that file."""

    @property
    def label(self) -> str:
        """What the block is, for messages: ``quiz 'x'`` or ``answer key of quiz 'x'``."""


def explain_quiz(quiz: ExpectedBlock, page: str, data: bytes, source: Callable[[str], Quiz | None]) -> list[Problem]:
    """Why the block of ``quiz`` is not on ``page`` (its bytes ``data``): missing, or different (and how).

    ``source`` gives the source quiz by id (``None``: not known), asked only when the page holds a copy.
    """
    text = data.decode("utf-8", errors="replace")
    copies = [q for q in read_page_quizzes(page, text) if q.id == quiz.id]
    if not copies:
        return [problem(quiz.path, quiz.line, "V701", f"quiz '{quiz.id}' is missing from {page}")]
    found = source(quiz.id)
    if found is not None:
        semantic = verify_quiz(found, copies[0])
        if semantic:
            return semantic
    return [difference(quiz, page, text, copies[0].start)]


def explain_answer_key(quiz: ExpectedBlock, page: str, data: bytes) -> Problem:
    """Why the answer key of ``quiz`` is not on its page: missing, or different (and where)."""
    text = data.decode("utf-8", errors="replace")
    start = next((m.start() for m in _ANSWER_KEY_TAG.finditer(text) if m.group(1) == quiz.id), None)
    if start is None:
        return problem(quiz.path, quiz.line, "V701", f"answer key of quiz '{quiz.id}' is missing from {page}")
    return difference(quiz, page, text, start)


# Where an answer key's section opens: located by pattern, as verify locates blocks; nothing is read from it.
_ANSWER_KEY_TAG = re.compile(r"<section\b[^>]*?" + ANSWER_KEY_ATTRIBUTE + r"""\s*=\s*["']?([^"'\s>]*)""")


def difference(quiz: ExpectedBlock, page: str, text: str, start: int) -> Problem:
    """V706: the block of ``quiz`` found at ``start`` of ``page`` differs from a fresh rendering; say where."""
    region = text[start:]

    def agreeing(rendering: str) -> int:
        return next((i for i, (a, b) in enumerate(zip(region, rendering, strict=False)) if a != b),
                    min(len(region), len(rendering)))

    # Compared with the form the page's opening tag follows, so the difference shown is the real one.
    rendering = max((quiz.html, search_consumed(quiz.id, quiz.html)), key=agreeing)
    same = agreeing(rendering)
    line = text.count("\n", 0, start + same) + 1
    return problem(quiz.path, quiz.line, "V706", f"{quiz.label} on {page} differs from a fresh rendering of its source from line {line} of the page: {region[same:same + 60]!r} where the source gives {rendering[same:same + 60]!r}; if the quiz or page source changed after the build, rebuild the site (make build), then verify again")


def verify_rendered(quiz: Quiz, rendered: str, page: str = "the rendered page") -> list[Problem]:
    """Read a quiz's rendered HTML back and compare it with its source, question by question."""
    found = [q for q in read_page_quizzes(page, rendered) if q.id == quiz.id]
    if len(found) != 1 or not rendered.rstrip().endswith(QUIZ_CLOSE):
        return [problem(quiz.path, quiz.lines.get("id", quiz.line), "V701",
                        f"quiz '{quiz.id}' is not rendered exactly once in {page}")]
    return verify_quiz(quiz, found[0])


def verify_quiz(quiz: Quiz, page_quiz: PageQuiz) -> list[Problem]:
    """Compare a quiz read back from a page with its source, question by question (V702 to V704)."""
    problems: list[Problem] = []
    source_ids = [q.id for q in quiz.questions]
    page_ids = list(page_quiz.questions)
    for extra in sorted(set(page_ids) - set(source_ids)):
        problems.append(problem(quiz.path, quiz.line, "V702", f"page {page_quiz.page} has question '{extra}', which quiz '{quiz.id}' does not"))
    for question in quiz.questions:
        page_question = page_quiz.questions.get(question.id)
        if page_question is None:
            problems.append(problem(quiz.path, question.line, "V702", f"question '{question.id}' is missing from {page_quiz.page}"))
        else:
            problems.extend(_verify_question(quiz.path, question, page_question,
                                             f"question '{question.id}' on {page_quiz.page}"))
    if not problems and page_ids != source_ids:
        problems.append(problem(quiz.path, quiz.line, "V702", f"page {page_quiz.page} orders the questions of quiz '{quiz.id}' as {page_ids}, the source as {source_ids}"))
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
    kind = KINDS[question.type]
    mismatch = kind.page_mismatch(question, found)
    if mismatch is not None:
        return fail("V702", mismatch)
    key = found.key()
    if key is None:
        return fail("V703", "has no readable key data")
    for response in kind.right_responses(question):
        if not accepts(question.type, key, response):
            return fail("V703", f"rejects the source key {response!r}")
    wrong = next((r for r in kind.wrong_responses(question, found) if accepts(question.type, key, r)), None)
    if wrong is not None:
        return fail("V704", f"accepts the wrong answer {wrong!r}")
    if key.salt != question_salt(question.quiz_id, question.id) or key.digests != frozenset(key_digests(question)):
        return fail("V704", f"stores {len(key.digests)} accepted answers, the source key {len(key_digests(question))}")
    if key.rules != rules_text(kind.key_rules(question)):
        return fail("V704", f"compares answers by the rules {key.rules}, the source by {rules_text(kind.key_rules(question))}")
    return []
