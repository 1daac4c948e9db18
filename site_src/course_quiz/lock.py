"""The answer-key lock: a reviewed record of every question's key, kept beside the quizzes.

``quizzes/answer-keys.lock`` holds one line per question: ``quiz/question``, a digest and the key as
canonical JSON. A key that differs from its line fails the check (Q601) with the old and new key, so
no answer changes without a reviewer seeing it in the diff; ``course lock`` rewrites the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from course_quiz.keycodec import source_key_text
from course_quiz.messages import DEFAULT_LANGUAGE
from course_quiz.model import Quiz
from course_quiz.problems import Problem, problem

LOCK_NAME = "answer-keys.lock"
HEADER = (
    "# Answer-key lock: the reviewed key of every question. Do not edit by hand.\n"
    "# After reviewing a key change, run `course lock` to record it.\n"
    "# quiz/question<TAB>digest<TAB>key (canonical JSON)\n"
)


@dataclass(frozen=True)
class LockEntry:
    """One line of the lock."""

    name: str
    digest: str
    key: str
    line: int


def entry_digest(name: str, key: str) -> str:
    """Digest that binds a key to its question, so a hand-edited line is noticed."""
    return hashlib.sha256(f"{name}\t{key}".encode()).hexdigest()[:16]


def read_lock(path: Path, display_path: str) -> tuple[dict[str, LockEntry] | None, list[Problem]]:
    """Read the lock; ``None`` when it does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [problem(display_path, 0, "Q604", f"cannot read the lock ({exc}); run `course lock`")]
    entries: dict[str, LockEntry] = {}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or "/" not in parts[0]:
            problems.append(problem(display_path, number, "Q604", "malformed lock line; run `course lock` after reviewing the keys"))
            continue
        name, digest, key = parts
        if entry_digest(name, key) != digest:
            problems.append(problem(display_path, number, "Q604", f"lock line for '{name}' was edited by hand (digest does not match); review the key and run `course lock`"))
            continue
        if name in entries:
            problems.append(problem(display_path, number, "Q604", f"'{name}' is locked twice"))
            continue
        entries[name] = LockEntry(name, digest, key, number)
    return entries, problems


class LockChecker:
    """The comparison of every question's key with the lock, fed one quiz at a time.

    Questions whose key is broken never reach it: the loader leaves them out of their quiz.
    """

    def __init__(self, lock_path: Path, display_path: str) -> None:
        self.display_path = display_path
        self.entries, self._read_problems = read_lock(lock_path, display_path)
        self._seen: set[str] = set()

    def add(self, quiz: Quiz, language: str = DEFAULT_LANGUAGE) -> list[Problem]:
        """Problems of one quiz's keys against the lock.

        For another language than the sources', ``quiz`` holds the short questions whose accepted answers
        a translation gives (``translation.locked_answers``), each compared under its own name (``lock_name``).
        """
        if self.entries is None:
            return []  # no lock at all: one problem from ``finish``
        found: list[Problem] = []
        for question in quiz.questions:
            name = lock_name(quiz.id, question.id, language)
            self._seen.add(name)
            key = source_key_text(question)
            entry = self.entries.get(name)
            if entry is None:
                found.append(problem(quiz.path, question.line, "Q602", f"question '{name}' is not in the answer-key lock; review its key, then run `course lock`"))
            elif entry.key != key:
                found.append(problem(quiz.path, question.key_line, "Q601", f"key of '{name}' changed from {entry.key} to {key}; if this is intended, review it and run `course lock`"))
        return found

    def finish(self, report_stale: bool) -> list[Problem]:
        """Problems of the lock itself, and (when ``report_stale``) lines whose question is gone.

        Turn ``report_stale`` off while quizzes have errors: a question left out for an error is not gone.
        """
        if self.entries is None:
            return [problem(self.display_path, 0, "Q602", "no answer-key lock yet; review the keys, then run `course lock` to create it")]
        found = list(self._read_problems)
        if report_stale:
            found.extend(problem(self.display_path, entry.line, "Q603", f"lock has '{name}', which no longer exists; run `course lock` to drop it")
                         for name, entry in self.entries.items() if name not in self._seen)
        return found


def render_lock(quizzes: list[Quiz], translated: Mapping[str, list[Quiz]] | None = None) -> str:
    """The lock text for ``quizzes``, sorted so that diffs stay small.

    ``translated`` gives each other language's short questions whose answers a translation gives
    (``translation.locked_answers``): each gets a line of its own, ``quiz/question@language``, after the source's.
    """
    lines = []
    by_language = {language: {quiz.id: quiz for quiz in localized} for language, localized in (translated or {}).items()}
    for quiz in sorted(quizzes, key=lambda q: q.id):
        for question in sorted(quiz.questions, key=lambda q: q.id):
            entries = [(DEFAULT_LANGUAGE, quiz, question)]
            for language in sorted(by_language):
                localized = by_language[language].get(quiz.id)
                twin = next((q for q in localized.questions if q.id == question.id), None) if localized else None
                if localized is not None and twin is not None:
                    entries.append((language, localized, twin))
            for language, _, entry in entries:
                name = lock_name(quiz.id, question.id, language)
                key = source_key_text(entry)
                lines.append(f"{name}\t{entry_digest(name, key)}\t{key}\n")
    return HEADER + "".join(lines)


def lock_name(quiz_id: str, question_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A question's name in the lock: ``quiz/question``, or ``quiz/question@zh`` for a language's short answers."""
    name = f"{quiz_id}/{question_id}"
    return name if language == DEFAULT_LANGUAGE else f"{name}@{language}"
