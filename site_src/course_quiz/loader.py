"""Turns one quiz file (untrusted YAML) into a ``Quiz`` and the problems found on the way.

Structure problems (Q1xx) and unsafe markup (Q501) are collected in one pass, then the key pass
(``keypass``, Q2xx) runs. A question with any error, a broken key included, is reported and left out
of the quiz, so the lock, rendering and verification only ever see sound questions; it never stops the
others from being read. Each question type reads its own fields (``qtypes``); this module the rest.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from course_quiz.keypass import check_keys
from course_quiz.model import LEVELS, Choice, Question, Quiz, is_id
from course_quiz.problems import Problem, did_you_mean, errors, problem
from course_quiz.qtypes import QUESTION_TYPES, TYPES
from course_quiz.safety import unsafe_findings
from course_quiz.thirdparty import quiz_text_resources, resource_problem
from course_quiz.yamlsource import MAX_FILE_BYTES, YMap, YNode, YScalar, YSeq, decode_source, parse_yaml

QUIZ_KEYS = ("id", "title", "lesson", "questions")
COMMON_QUESTION_KEYS = ("id", "type", "objective", "prompt", "explanation", "hint", "review", "level")
ALL_QUESTION_KEYS = tuple(sorted({*COMMON_QUESTION_KEYS, *(k for qtype in TYPES.values() for k in qtype.fields)}))


def load_quiz_file(path: Path, display_path: str | None = None,
                   allowed_hosts: frozenset[str] = frozenset()) -> tuple[Quiz | None, list[Problem]]:
    """Read and check one quiz file.

    Args:
        path: The file to read.
        display_path: How to name the file in problems (defaults to ``path``).
        allowed_hosts: Hosts quiz text may load images from (any other host is Q502).

    Returns:
        The quiz (``None`` when the file is unusable) and every problem found.

    """
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [problem(shown, 0, "Q100", f"cannot read file: {exc.strerror or exc}")]
    return load_quiz_bytes(shown, data, allowed_hosts)


_ID_LINE = re.compile(rb"^id:[ \t]*[\"']?([^\s\"'#]+)", re.MULTILINE)


def claimed_quiz_ids(path: Path) -> set[str]:
    """The quiz ids a file that did not load may have meant: its name, and what its top-level ``id:`` line says."""
    claimed = {path.stem}
    try:
        found = _ID_LINE.search(path.read_bytes()[:MAX_FILE_BYTES])
    except OSError:
        return claimed
    if found:
        claimed.add(found.group(1).decode("utf-8", "replace"))
    return claimed


def load_quiz_bytes(path: str, data: bytes,
                    allowed_hosts: frozenset[str] = frozenset()) -> tuple[Quiz | None, list[Problem]]:
    """Check quiz source given as bytes; ``path`` names it in problems."""
    text, problems = decode_source(path, data)
    if text is None:
        return None, problems
    return load_quiz_text(path, text, allowed_hosts)


def load_quiz_text(path: str, text: str,
                   allowed_hosts: frozenset[str] = frozenset()) -> tuple[Quiz | None, list[Problem]]:
    """Check quiz source given as text; ``path`` names it in problems."""
    root, problems = parse_yaml(path, text)
    if root is None:
        if not problems:
            problems.append(problem(path, 1, "Q111", "file is empty; a quiz needs id, title, lesson and questions"))
        return None, problems
    reader = QuizReader(path, allowed_hosts)
    quiz = reader.read_quiz(root)
    problems += reader.problems
    if quiz is None:
        return None, problems
    # The key pass sees every question that could be read, so a question's problems all show in one run.
    quiz, key_problems = check_keys(quiz)
    if reader.broken_lines:
        quiz = replace(quiz, questions=tuple(q for q in quiz.questions if q.line not in reader.broken_lines))
    return quiz, problems + key_problems


class QuizReader:
    """Reads located YAML into the model, recording problems as it goes; question types use its readers."""

    def __init__(self, path: str, allowed_hosts: frozenset[str] = frozenset()) -> None:
        self.path = path
        self.allowed_hosts = allowed_hosts
        self.problems: list[Problem] = []
        self.broken_lines: set[int] = set()  # questions read with errors, by line: left out after the key pass

    def add(self, line: int, code: str, message: str, column: int = 0) -> None:
        """Record a problem at ``line`` of this file."""
        self.problems.append(problem(self.path, line, code, message, column))

    # Typed field readers ------------------------------------------------------------------------
    def expect_map(self, node: YNode, what: str) -> YMap | None:
        """``node`` as a mapping, or ``None`` after reporting that it is not one (Q112)."""
        if isinstance(node, YMap):
            return node
        self.add(node.line, "Q112", f"{what} must be a mapping of keys and values", node.column)
        return None

    def check_keys(self, node: YMap, allowed: tuple[str, ...], what: str, hint: str = "") -> None:
        """Report every key of ``node`` not in ``allowed`` (Q110), with the closest allowed one."""
        for key, entry in node.entries.items():
            if key not in allowed:
                extra = did_you_mean(key, allowed) or hint
                self.add(entry.key_line, "Q110", f"unknown key '{key}' in {what}{extra}", entry.key_column)

    def require(self, node: YMap, key: str, what: str, code: str = "Q111") -> YNode | None:
        """The value of ``key`` in ``node``, or ``None`` after reporting that it is missing."""
        entry = node.entries.get(key)
        if entry is None:
            self.add(node.line, code, f"{what} is missing '{key}'", node.column)
            return None
        return entry.value

    def text(self, node: YNode | None, what: str, required: bool = True) -> str | None:
        """A Markdown text field: any scalar, taken as written; empty text is reported."""
        if node is None:
            return None
        if not isinstance(node, YScalar) or node.value is None:
            if isinstance(node, YScalar) and not required:
                return None
            self.add(node.line, "Q112" if not isinstance(node, YScalar) else "Q113",
                     f"{what} must be text" if not isinstance(node, YScalar) else f"{what} is empty", node.column)
            return None
        if isinstance(node.value, bool):
            self.add(node.line, "Q112", f"{what} reads as a yes/no value; put the text in quotes", node.column)
            return None
        value = node.value if isinstance(node.value, str) else node.text
        if not value.strip():
            self.add(node.line, "Q113", f"{what} is empty; write the text or remove the field", node.column)
            return None
        for finding in unsafe_findings(value):
            self.add(node.line, "Q501", f"{what} contains {finding}; quiz text is Markdown only, remove it (it is never written to the page)", node.column)
        for resource in quiz_text_resources(value, self.allowed_hosts):
            # At the text's line: a quoted or folded text's lines are not the file's lines one for one.
            self.problems.append(resource_problem(self.path, node.line, resource, node.column))
        return value

    def level(self, qmap: YMap, label: str) -> str | None:
        """The optional cognitive level of a question, one of ``LEVELS``."""
        entry = qmap.entries.get("level")
        if entry is None:
            return None
        node = entry.value
        if isinstance(node, YScalar) and node.value in LEVELS:
            return str(node.value)
        shown = node.text if isinstance(node, YScalar) else "a list or mapping"
        self.add(node.line, "Q112", f"level of {label} is '{shown}'{did_you_mean(shown, LEVELS)}; use one of {', '.join(LEVELS)}", node.column)
        return None

    def flag(self, qmap: YMap, key: str, label: str, default: bool) -> bool:
        """An optional yes/no field such as ``shuffle`` (Q112 when it is not ``true`` or ``false``)."""
        entry = qmap.entries.get(key)
        if entry is None:
            return default
        node = entry.value
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        self.add(node.line, "Q112", f"{key} of {label} must be true or false (without quotes)", node.column)
        return default

    def ident(self, node: YNode | None, what: str) -> str | None:
        """An id (Q116 when malformed, Q112 when not a plain scalar)."""
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, (str, int)) and not isinstance(node.value, bool):
            value = node.text if isinstance(node.value, int) else str(node.value)
            if is_id(value):
                return value
            self.add(node.line, "Q116", f"{what} '{value}' is not a valid id: use lowercase letters, digits, '-' and '_', starting with a letter or digit", node.column)
            return None
        self.add(node.line, "Q112", f"{what} must be a plain id such as 'open-weights'", node.column)
        return None

    def id_list(self, node: YNode, what: str, allow_scalar: bool) -> tuple[str, ...]:
        """A list of ids (or one id, when ``allow_scalar``); malformed ids are reported and skipped."""
        if isinstance(node, YSeq):
            ids = (self.ident(item, what) for item in node.items)
            return tuple(i for i in ids if i is not None)
        if allow_scalar and isinstance(node, YScalar) and node.value is not None:
            found = self.ident(node, what)
            return (found,) if found else ()
        if isinstance(node, YScalar) and node.value is None:
            return ()
        self.add(node.line, "Q112", f"{what} must be a list of ids", node.column)
        return ()

    # Quiz and questions ------------------------------------------------------------------------
    def read_quiz(self, root: YNode) -> Quiz | None:
        """The quiz, or ``None`` when its id, title or lesson is unusable (every problem is reported)."""
        quiz_map = self.expect_map(root, "a quiz file")
        if quiz_map is None:
            return None
        self.check_keys(quiz_map, QUIZ_KEYS, "the quiz")
        quiz_id = self.ident(self.require(quiz_map, "id", "the quiz"), "quiz id")
        title = self.text(self.require(quiz_map, "title", "the quiz"), "quiz title")
        lesson_node = self.require(quiz_map, "lesson", "the quiz")
        lesson = self.text(lesson_node, "lesson path")
        if lesson is not None and not lesson.endswith(".md"):
            assert lesson_node is not None
            self.add(lesson_node.line, "Q112", f"lesson '{lesson}' must be the path of a Markdown page under docs/, such as lessons/soft-power.md", lesson_node.column)
        questions_node = self.require(quiz_map, "questions", "the quiz")
        questions: list[Question] = []
        entries: tuple[int, ...] = ()
        if questions_node is not None:
            if isinstance(questions_node, YSeq) and questions_node.items:
                entries = tuple(item.line for item in questions_node.items)
                for item in questions_node.items:
                    question = self.read_question(item, quiz_id or "")
                    if question is not None:
                        questions.append(question)
            else:
                self.add(questions_node.line, "Q112", "questions must be a non-empty list", questions_node.column)
        if quiz_id is None or title is None or lesson is None:
            return None
        lines = {key: entry.key_line for key, entry in quiz_map.entries.items()}
        return Quiz(quiz_id, title, lesson, self.path, quiz_map.line, tuple(questions), lines, entries)

    def read_question(self, node: YNode, quiz_id: str) -> Question | None:
        """One question, as far as it can be read; one with errors is noted in ``broken_lines``."""
        before = len(self.problems)
        question = self._read_question(node, quiz_id)
        if question is not None and errors(self.problems[before:]):
            self.broken_lines.add(question.line)
        return question

    def _read_question(self, node: YNode, quiz_id: str) -> Question | None:
        qmap = self.expect_map(node, "a question")
        if qmap is None:
            return None
        lines = {key: entry.key_line for key, entry in qmap.entries.items()}
        qid = self.ident(self.require(qmap, "id", "a question"), "question id")
        label = f"question '{qid}'" if qid else "a question"
        type_node = self.require(qmap, "type", label)
        qtype: str | None = None
        if isinstance(type_node, YScalar) and type_node.value in TYPES:
            qtype = str(type_node.value)
        elif type_node is not None:
            shown = type_node.value if isinstance(type_node, YScalar) else "a list or mapping"
            self.add(type_node.line, "Q115", f"unknown question type '{shown}'{did_you_mean(str(shown), QUESTION_TYPES)}; use one of {', '.join(QUESTION_TYPES)}",
                     type_node.column)
        allowed = COMMON_QUESTION_KEYS + TYPES[qtype].fields if qtype else ALL_QUESTION_KEYS
        for key, entry in qmap.entries.items():
            if key in allowed:
                continue
            if key in ALL_QUESTION_KEYS and qtype:
                self.add(entry.key_line, "Q110", f"key '{key}' is not used by {qtype} questions in {label}",
                         entry.key_column)
            else:
                self.add(entry.key_line, "Q110", f"unknown key '{key}' in {label}{did_you_mean(key, allowed)}",
                         entry.key_column)
        prompt = self.text(self.require(qmap, "prompt", label), f"prompt of {label}")
        objective = self.ident(self.require(qmap, "objective", label), f"objective of {label}")
        fields: dict[str, str | None] = {}
        for optional in ("explanation", "hint", "review"):
            found = qmap.entries.get(optional)
            if found is None:
                fields[optional] = None
            elif optional == "review":
                fields[optional] = self.ident(found.value, f"review anchor of {label}")
            else:
                fields[optional] = self.text(found.value, f"{optional} of {label}", required=False)
        fields["level"] = self.level(qmap, label)
        if qtype is None:
            return None
        # Read the type's parts even when the id or prompt is broken, so all problems show in one run.
        parts = TYPES[qtype].read(self, qmap, label)
        if qid is None or prompt is None:
            return None
        return Question(quiz_id=quiz_id, id=qid, type=qtype, line=qmap.line, prompt=prompt, key=parts.key,
                        objective=objective, explanation=fields["explanation"], hint=fields["hint"],
                        review=fields["review"], level=fields["level"], options=parts.options, items=parts.items,
                        left=parts.left, right=parts.right, shuffle=parts.shuffle, lines=lines)

    # Readers the question types share --------------------------------------------------------
    def choices(self, qmap: YMap, key: str, label: str, with_feedback: bool) -> tuple[Choice, ...]:
        """The ``{id, text[, feedback]}`` entries under ``key``: options, items or match sides."""
        node = self.require(qmap, key, label)
        if node is None:
            return ()
        if not isinstance(node, YSeq):
            self.add(node.line, "Q112", f"{key} of {label} must be a list of {{id, text}} entries", node.column)
            return ()
        allowed = ("id", "text", "feedback") if with_feedback else ("id", "text")
        found: list[Choice] = []
        for item in node.items:
            cmap = self.expect_map(item, f"an entry of {key} in {label}")
            if cmap is None:
                continue
            self.check_keys(cmap, allowed, f"an entry of {key} in {label}")
            cid = self.ident(self.require(cmap, "id", f"an entry of {key} in {label}"), f"{key} id")
            text = self.text(self.require(cmap, "text", f"entry '{cid}' of {key}"), f"text of {key} entry '{cid}'")
            feedback_entry = cmap.entries.get("feedback")
            feedback = (self.text(feedback_entry.value, f"feedback of option '{cid}'", required=False)
                        if feedback_entry else None)
            if cid is not None and text is not None:
                found.append(Choice(cid, text, cmap.line, feedback))
        if len(node.items) < 2:
            self.add(qmap.entries[key].key_line, "Q114", f"{key} of {label} has {len(node.items)} entr{'y' if len(node.items) == 1 else 'ies'}; give at least two", node.column)
        return tuple(found)

    def answer_node(self, qmap: YMap) -> YNode | None:
        """The ``answer`` value of a question, if it has one."""
        entry = qmap.entries.get("answer")
        return entry.value if entry else None
