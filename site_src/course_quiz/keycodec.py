"""How an answer key is written into a page and checked there, without the key in plain text.

Each question gets a salt derived from its ids. Every accepted answer is reduced to a canonical
string (by its type, see ``qtypes``), and the page stores truncated SHA-256 digests of
``salt + separator + canonical``. The browser (quiz.js) computes the same digests from the student's
answer; ``verify`` recomputes them here. This deters peeking in a self-check; it is not exam security
(a student can try every option).
"""

from __future__ import annotations

import hashlib
import json

from course_quiz.model import Question, Quiz
from course_quiz.pageread import PageKey
from course_quiz.qtypes import TYPES, Response

DIGEST_CHARS = 16


def question_salt(quiz_id: str, question_id: str) -> str:
    """A stable salt per question, so identical answers in two questions give different digests."""
    return hashlib.sha256(f"course-quiz-salt:{quiz_id}/{question_id}".encode()).hexdigest()[:12]


def digest(salt: str, canonical: str) -> str:
    """The truncated digest the page stores for one canonical answer."""
    return hashlib.sha256(f"{salt}\x1f{canonical}".encode()).hexdigest()[:DIGEST_CHARS]


def accepts(question_type: str, key: PageKey, response: Response) -> bool:
    """Tell whether a page whose key data is ``key`` marks ``response`` right (the rules of quiz.js)."""
    canonical = TYPES[question_type].canonical_response(response, key)
    return all(digest(key.salt, c) in key.digests for c in canonical)


def key_digests(question: Question) -> list[str]:
    """The sorted digests of every answer the key accepts, with the question's salt."""
    salt = question_salt(question.quiz_id, question.id)
    return sorted(digest(salt, answer) for answer in TYPES[question.type].canonical_answers(question))


def page_key(question: Question) -> dict[str, object]:
    """The data a page carries to check answers to ``question``: salt, digests and comparison rules."""
    return {"salt": question_salt(question.quiz_id, question.id), "digests": key_digests(question),
            **TYPES[question.type].key_rules(question)}


def page_key_text(question: Question) -> str:
    """``page_key`` as the compact JSON the page carries in ``data-key``."""
    return json.dumps(page_key(question), separators=(",", ":"))


def key_stamp(question: Question) -> str:
    """A digest of the question's type and page key: quiz.js saves it with each answer.

    quiz.js computes the same digest from ``data-type`` and ``data-key`` (``digest(type, key)``), and a
    saved answer counts only while the stamp still matches: an instructor's key change (or a change of
    type) drops that question's saved answer and no other.
    """
    return digest(question.type, page_key_text(question))


def quiz_stamps(quiz: Quiz) -> tuple[tuple[str, str], ...]:
    """Each question's id and ``key_stamp``, in order: what the progress page checks saved answers by."""
    return tuple((question.id, key_stamp(question)) for question in quiz.questions)


def source_key_text(question: Question) -> str:
    """The key in readable form as compact, sorted JSON: the text the lock stores and compares."""
    return json.dumps(TYPES[question.type].source_key(question), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
