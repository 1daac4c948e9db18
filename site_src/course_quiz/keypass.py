"""The key pass: each question's answer key checked against its own options (codes Q201 to Q209).

Run on every quiz right after it is read. A question whose key is broken is reported here and left
out of the quiz, so the lock, rendering and verification never see it. The rules themselves belong to
each question type (``QuestionType.key_problems``); the checks shared by all types (repeated ids and
texts among options, items and match entries) are here.
"""

from __future__ import annotations

from dataclasses import replace

from course_quiz.model import Choice, Question, Quiz
from course_quiz.normalize import normalize_label
from course_quiz.problems import Problem, problem
from course_quiz.qtypes import TYPES


def check_keys(quiz: Quiz) -> tuple[Quiz, list[Problem]]:
    """Check every key of ``quiz``; return the quiz without the questions whose key is broken."""
    found: list[Problem] = []
    sound: list[Question] = []
    for question in quiz.questions:
        broken = question_key_problems(quiz.path, question)
        found.extend(broken)
        if not broken:
            sound.append(question)
    return (quiz if len(sound) == len(quiz.questions) else replace(quiz, questions=tuple(sound))), found


def question_key_problems(path: str, question: Question) -> list[Problem]:
    """Every problem of one question's key and choices; ``path`` names the quiz file."""
    label = f"question '{question.id}'"
    found = [problem(path, question.key_line, code, message)
             for code, message in TYPES[question.type].key_problems(question)]
    for group_name, group in (("option", question.options), ("item", question.items),
                              ("left entry", question.left), ("right entry", question.right)):
        found.extend(_repeated_choices(path, label, group_name, group))
    return found


def _repeated_choices(path: str, label: str, group_name: str, group: tuple[Choice, ...]) -> list[Problem]:
    found: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, int] = {}
    for choice in group:
        if choice.id in seen_ids:
            found.append(problem(path, choice.line, "Q204", f"{group_name} id '{choice.id}' of {label} is used twice (first at line {seen_ids[choice.id]}); give each a distinct id"))
        else:
            seen_ids[choice.id] = choice.line
        text = normalize_label(choice.text)
        if text in seen_texts:
            found.append(problem(path, choice.line, "Q205", f"{group_name} '{choice.id}' of {label} reads the same as the one at line {seen_texts[text]}; reword one of them"))
        else:
            seen_texts[text] = choice.line
    return found
