"""One answer key for every language: proof, on a built site, that each page of a quiz carries the same key.

``verify.verify_site`` proves, language by language, that each page holds exactly a fresh rendering of
its quiz, localized; the keys of a localized quiz are its source's by construction
(``translation.localize_quiz``). This module proves it again from the built pages alone, so that a
mistake anywhere between (a localization that touched a key, a host that rewrote a page) cannot pass:

* each question's type and key data (``data-type``, ``data-key``) on every language's page equal the
  default language's page, byte for byte, so a student's saved answer and its key stamp are the same
  in every language (progress is shared);
* a short question's stored digests are exactly those of the answers the lock records for it in every
  language (``quiz/question`` and ``quiz/question@zh``): no answer more, none less.

Problems are V711, at the built page where the key differs, naming the other page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from course_quiz.keycodec import digest, question_salt
from course_quiz.lock import LockEntry
from course_quiz.messages import DEFAULT_LANGUAGE
from course_quiz.normalize import normalize_answer
from course_quiz.pageread import PageQuestion, read_page_keys
from course_quiz.problems import Problem, problem


@dataclass(frozen=True, slots=True)
class QuizPages:
    """Where one quiz may be in each language's pages (the first that exists is its page)."""

    quiz_id: str
    pages: Mapping[str, Sequence[str]]  # language: built pages, relative to the site


def key_parity(site_dir: Path, quizzes: Sequence[QuizPages], lock: Mapping[str, LockEntry] | None) -> list[Problem]:
    """V711 for each question whose key differs between languages, or from the lock's answers (short)."""
    found: list[Problem] = []
    cache: dict[str, str] = {}
    for quiz in quizzes:
        questions: dict[str, tuple[str, dict[str, PageQuestion]]] = {}
        for language, candidates in quiz.pages.items():
            page = next((p for p in candidates if (site_dir / p).is_file()), None)
            if page is None:
                continue  # V701, from verify_site
            if page not in cache:
                cache[page] = (site_dir / page).read_text(encoding="utf-8", errors="replace")
            copies = [q for q in read_page_keys(page, cache[page]) if q.id == quiz.quiz_id]
            if len(copies) == 1:
                questions[language] = (page, copies[0].questions)
        reference = questions.get(DEFAULT_LANGUAGE)
        if reference is None:
            continue
        for language, (page, found_questions) in sorted(questions.items()):
            if language != DEFAULT_LANGUAGE:
                found.extend(_compare(quiz.quiz_id, page, found_questions, reference))
            if lock is not None:
                found.extend(_short_answers(quiz.quiz_id, page, found_questions, lock))
    return found


def _compare(quiz_id: str, page: str, questions: Mapping[str, PageQuestion],
             reference: tuple[str, Mapping[str, PageQuestion]]) -> list[Problem]:
    other_page, others = reference
    found: list[Problem] = []
    if list(questions) != list(others):
        found.append(problem(page, 0, "V711", f"quiz '{quiz_id}' has the questions {list(questions)} here and {list(others)} on {other_page}; every language's page has the same questions"))
    for question_id, question in questions.items():
        other = others.get(question_id)
        if other is not None and (question.type, question.key_json) != (other.type, other.key_json):
            found.append(problem(page, 0, "V711", f"question '{quiz_id}/{question_id}' has another key here than on {other_page} ({question.type} {question.key_json} against {other.type} {other.key_json}); every language's page carries the source's key: rebuild the site, and report this if it persists"))
    return found


def _short_answers(quiz_id: str, page: str, questions: Mapping[str, PageQuestion],
                   lock: Mapping[str, LockEntry]) -> list[Problem]:
    """The digests of each short question: exactly those of the answers every language's lock line accepts."""
    found: list[Problem] = []
    for question_id, question in questions.items():
        if question.type != "short":
            continue
        name = f"{quiz_id}/{question_id}"
        entries = [entry for key, entry in lock.items() if key == name or key.startswith(f"{name}@")]
        locked = [json.loads(entry.key) for entry in entries]
        key = question.key()
        if not locked or key is None:
            continue  # no lock line: course check reports it (Q602); unreadable key data: verify_site (V703)
        salt = question_salt(quiz_id, question_id)
        expected = {digest(salt, normalize_answer(answer, tuple(entry["normalize"])))
                    for entry in locked for answer in entry["accepted"]}
        if key.digests != expected:
            languages = ", ".join(sorted(entry.name.partition("@")[2] or DEFAULT_LANGUAGE for entry in entries))
            found.append(problem(page, 0, "V711", f"short question '{name}' accepts {len(key.digests)} answers here, the lock's lines for it ({languages}) {len(expected)}; its key on every page is the answers the lock records in every language: run course check, review and lock, then rebuild"))
    return found
