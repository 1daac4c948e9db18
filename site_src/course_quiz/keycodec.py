"""How an answer key is written into a page and checked there, without the key in plain text.

Each question gets a salt derived from its ids. Every accepted answer is reduced to a canonical
string, and the page stores truncated SHA-256 digests of ``salt + separator + canonical``. The browser
(quiz.js) computes the same digests from the student's answer; ``verify`` recomputes them here. This
deters peeking in a self-check; it is not exam security (a student can try every option).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from course_quiz.model import NumericKey, Question
from course_quiz.normalize import normalize_answer

DIGEST_CHARS = 16
MAX_NUMERIC_VALUES = 2001
FORMAT_VERSION = 1


def question_salt(quiz_id: str, question_id: str) -> str:
    """A stable salt per question, so identical answers in two questions give different digests."""
    return hashlib.sha256(f"course-quiz-salt:{quiz_id}/{question_id}".encode()).hexdigest()[:12]


def digest(salt: str, canonical: str) -> str:
    """The truncated digest the page stores for one canonical answer."""
    return hashlib.sha256(f"{salt}\x1f{canonical}".encode()).hexdigest()[:DIGEST_CHARS]


def canonical_ids(question_type: str, ids: list[str] | tuple[str, ...]) -> str:
    """Canonical form of a choice answer: a set is sorted, an order is kept."""
    return ",".join(sorted(ids) if question_type == "multiple" else ids)


def canonical_pairs(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    """Canonical form of a match answer: ``left=right`` pairs sorted by left id."""
    return ",".join(f"{left}={right}" for left, right in sorted(pairs))


def numeric_grid(key: NumericKey) -> list[int]:
    """Every accepted value as an integer count of ``10**-decimals`` steps (value ± tolerance)."""
    scale = Decimal(10) ** key.decimals
    low = int((key.value - key.tolerance) * scale)
    high = int((key.value + key.tolerance) * scale)
    return list(range(low, high + 1))


def numeric_value_count(key: NumericKey) -> int:
    """How many grid values a numeric key accepts (the page stores one digest each)."""
    scale = Decimal(10) ** key.decimals
    return int(key.tolerance * scale) * 2 + 1


def canonical_answers(question: Question) -> list[str]:
    """Every canonical answer the key accepts (one for all types but short and numeric)."""
    kind = question.type
    if kind in ("single", "multiple", "order"):
        return [canonical_ids(kind, question.answer_ids)]
    if kind == "true-false":
        return ["true" if value else "false" for value in question.answer_bool[:1]]
    if kind == "match":
        return [canonical_pairs(question.pairs)]
    if kind == "short":
        return sorted({normalize_answer(answer, question.normalize) for answer in question.accepted})
    assert question.numeric is not None
    return [str(n) for n in numeric_grid(question.numeric)]


def key_digests(question: Question) -> list[str]:
    """The sorted digests of every answer the key accepts, with the question's salt."""
    salt = question_salt(question.quiz_id, question.id)
    return sorted(digest(salt, answer) for answer in canonical_answers(question))


def page_key(question: Question) -> dict[str, object]:
    """The data a page carries to check answers to ``question``: salt, digests and comparison rules."""
    data: dict[str, object] = {
        "v": FORMAT_VERSION,
        "salt": question_salt(question.quiz_id, question.id),
        "digests": key_digests(question),
    }
    if question.type == "short":
        data["normalize"] = list(question.normalize)
    if question.type == "numeric":
        assert question.numeric is not None
        data["decimals"] = question.numeric.decimals
    return data


def source_key(question: Question) -> object:
    """The answer key in readable, canonical JSON-able form (for the lock and messages)."""
    kind = question.type
    if kind == "single":
        return question.answer_ids[0] if len(question.answer_ids) == 1 else list(question.answer_ids)
    if kind == "multiple":
        return sorted(question.answer_ids)
    if kind == "order":
        return list(question.answer_ids)
    if kind == "true-false":
        return question.answer_bool[0] if len(question.answer_bool) == 1 else list(question.answer_bool)
    if kind == "match":
        return dict(sorted(question.pairs))
    if kind == "short":
        return {"accepted": sorted(question.accepted), "normalize": list(question.normalize)}
    assert question.numeric is not None
    number = question.numeric
    return {"value": _plain(number.value), "tolerance": _plain(number.tolerance), "unit": number.unit}


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def source_key_text(question: Question) -> str:
    """``source_key`` as compact, sorted JSON: the text the lock stores and compares."""
    return json.dumps(source_key(question), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
