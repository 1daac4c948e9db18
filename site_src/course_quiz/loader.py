"""Turns one quiz file (untrusted YAML) into a ``Quiz`` and the problems found on the way.

Structure problems (Q1xx), answer-key problems (Q2xx) and unsafe markup (Q501) are all collected in
one pass; a broken question is left out of the quiz but never stops the others from being read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from course_quiz.keychecks import key_problems
from course_quiz.model import DEFAULT_NORMALIZE, LEVELS, NORMALIZE_RULES, QUESTION_TYPES, Choice, NumericKey, Question, Quiz
from course_quiz.problems import Problem, problem
from course_quiz.safety import unsafe_findings
from course_quiz.yamlsource import YMap, YNode, YScalar, YSeq, decode_source, parse_yaml

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

QUIZ_KEYS = ("id", "title", "lesson", "questions")
COMMON_QUESTION_KEYS = ("id", "type", "objective", "prompt", "explanation", "hint", "review", "level")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("options", "answer"),
    "multiple": ("options", "answer"),
    "true-false": ("answer",),
    "short": ("answer", "normalize"),
    "numeric": ("answer",),
    "order": ("items", "answer"),
    "match": ("left", "right", "answer"),
}
ALL_QUESTION_KEYS = tuple(sorted({*COMMON_QUESTION_KEYS, *(k for keys in TYPE_KEYS.values() for k in keys)}))
NUMERIC_KEYS = ("value", "tolerance", "unit")


def load_quiz_file(path: Path, display_path: str | None = None) -> tuple[Quiz | None, list[Problem]]:
    """Read and check one quiz file.

    Args:
        path: The file to read.
        display_path: How to name the file in problems (defaults to ``path``).

    Returns:
        The quiz (``None`` when the file is unusable) and every problem found.

    """
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [problem(shown, 0, "Q100", f"cannot read file: {exc.strerror or exc}")]
    return load_quiz_bytes(shown, data)


def load_quiz_bytes(path: str, data: bytes) -> tuple[Quiz | None, list[Problem]]:
    """Check quiz source given as bytes; ``path`` names it in problems."""
    text, problems = decode_source(path, data)
    if text is None:
        return None, problems
    return load_quiz_text(path, text)


def load_quiz_text(path: str, text: str) -> tuple[Quiz | None, list[Problem]]:
    """Check quiz source given as text; ``path`` names it in problems."""
    root, problems = parse_yaml(path, text)
    if root is None:
        if not problems:
            problems.append(problem(path, 1, "Q111", "file is empty; a quiz needs id, title, lesson and questions"))
        return None, problems
    reader = _QuizReader(path)
    quiz = reader.read_quiz(root)
    return quiz, problems + reader.problems


def _suggest(word: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _QuizReader:
    """Reads located YAML into the model, recording problems as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, code: str, message: str, column: int = 0) -> None:
        self.problems.append(problem(self.path, line, code, message, column))

    # Typed field readers ------------------------------------------------------------------------
    def expect_map(self, node: YNode, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.add(node.line, "Q112", f"{what} must be a mapping of keys and values", node.column)
        return None

    def check_keys(self, node: YMap, allowed: tuple[str, ...], what: str, hint: str = "") -> None:
        for key, entry in node.entries.items():
            if key not in allowed:
                extra = _suggest(key, allowed) or hint
                self.add(entry.key_line, "Q110", f"unknown key '{key}' in {what}{extra}", entry.key_column)

    def require(self, node: YMap, key: str, what: str, code: str = "Q111") -> YNode | None:
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
            self.add(node.line, "Q501", f"{what} contains {finding}; quiz text is Markdown only, "
                     "remove it (it is never written to the page)", node.column)
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
        self.add(node.line, "Q112", f"level of {label} is '{shown}'{_suggest(shown, LEVELS)}; use one of "
                 f"{', '.join(LEVELS)}", node.column)
        return None

    def ident(self, node: YNode | None, what: str) -> str | None:
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, (str, int)) and not isinstance(node.value, bool):
            value = node.text if isinstance(node.value, int) else str(node.value)
            if ID_PATTERN.match(value):
                return value
            self.add(node.line, "Q116", f"{what} '{value}' is not a valid id: use lowercase letters, digits, "
                     "'-' and '_', starting with a letter or digit", node.column)
            return None
        self.add(node.line, "Q112", f"{what} must be a plain id such as 'open-weights'", node.column)
        return None

    def id_list(self, node: YNode, what: str, allow_scalar: bool) -> tuple[str, ...]:
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
            self.add(lesson_node.line, "Q112", f"lesson '{lesson}' must be the path of a Markdown page under "
                     "docs/, such as lessons/soft-power.md", lesson_node.column)
        questions_node = self.require(quiz_map, "questions", "the quiz")
        questions: list[Question] = []
        if questions_node is not None:
            if isinstance(questions_node, YSeq) and questions_node.items:
                for item in questions_node.items:
                    question = self.read_question(item, quiz_id or "")
                    if question is not None:
                        questions.append(question)
            else:
                self.add(questions_node.line, "Q112", "questions must be a non-empty list", questions_node.column)
        if quiz_id is None or title is None or lesson is None:
            return None
        lines = {key: entry.key_line for key, entry in quiz_map.entries.items()}
        return Quiz(quiz_id, title, lesson, self.path, quiz_map.line, tuple(questions), lines)

    def read_question(self, node: YNode, quiz_id: str) -> Question | None:
        qmap = self.expect_map(node, "a question")
        if qmap is None:
            return None
        lines = {key: entry.key_line for key, entry in qmap.entries.items()}
        qid = self.ident(self.require(qmap, "id", "a question"), "question id")
        label = f"question '{qid}'" if qid else "a question"
        type_node = self.require(qmap, "type", label)
        qtype: str | None = None
        if isinstance(type_node, YScalar) and type_node.value in QUESTION_TYPES:
            qtype = str(type_node.value)
        elif type_node is not None:
            shown = type_node.value if isinstance(type_node, YScalar) else "a list or mapping"
            self.add(type_node.line, "Q115", f"unknown question type '{shown}'"
                     f"{_suggest(str(shown), QUESTION_TYPES)}; use one of {', '.join(QUESTION_TYPES)}",
                     type_node.column)
        allowed = COMMON_QUESTION_KEYS + TYPE_KEYS[qtype] if qtype else ALL_QUESTION_KEYS
        for key, entry in qmap.entries.items():
            if key in allowed:
                continue
            if key in ALL_QUESTION_KEYS and qtype:
                self.add(entry.key_line, "Q110", f"key '{key}' is not used by {qtype} questions in {label}",
                         entry.key_column)
            else:
                self.add(entry.key_line, "Q110", f"unknown key '{key}' in {label}{_suggest(key, allowed)}",
                         entry.key_column)
        prompt = self.text(self.require(qmap, "prompt", label), f"prompt of {label}")
        objective_node = self.require(qmap, "objective", label)
        objective = self.ident(objective_node, f"objective of {label}")
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
        parts = _TYPE_READERS[qtype](self, qmap, label)
        if qid is None or prompt is None:
            return None
        question = Question(quiz_id=quiz_id, id=qid, type=qtype, line=qmap.line, prompt=prompt,
                            objective=objective, lines=lines, **fields, **parts)  # type: ignore[arg-type]
        broken_key = key_problems(self.path, question)
        if broken_key:
            self.problems.extend(broken_key)
            question = replace(question, key_valid=False)
        return question

    # Parts of each type -------------------------------------------------------------------------
    def choices(self, qmap: YMap, key: str, label: str, with_feedback: bool) -> tuple[Choice, ...]:
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
            self.add(qmap.entries[key].key_line, "Q114", f"{key} of {label} has {len(node.items)} "
                     f"entr{'y' if len(node.items) == 1 else 'ies'}; give at least two", node.column)
        return tuple(found)

    def answer_node(self, qmap: YMap) -> YNode | None:
        entry = qmap.entries.get("answer")
        return entry.value if entry else None

    def read_choice(self, qmap: YMap, label: str) -> dict[str, object]:
        options = self.choices(qmap, "options", label, with_feedback=True)
        node = self.answer_node(qmap)
        answer = self.id_list(node, "answer", allow_scalar=True) if node is not None else ()
        return {"options": options, "answer_ids": answer}

    def read_true_false(self, qmap: YMap, label: str) -> dict[str, object]:
        node = self.answer_node(qmap)
        values: list[bool] = []
        nodes = node.items if isinstance(node, YSeq) else (node,) if node is not None else ()
        for item in nodes:
            if isinstance(item, YScalar) and isinstance(item.value, bool):
                values.append(item.value)
            elif isinstance(item, YScalar) and item.value is None:
                continue
            else:
                self.add(item.line, "Q112", f"answer of {label} must be true or false (without quotes)", item.column)
        return {"answer_bool": tuple(values)}

    def read_short(self, qmap: YMap, label: str) -> dict[str, object]:
        node = self.answer_node(qmap)
        accepted: list[str] = []
        nodes = node.items if isinstance(node, YSeq) else (node,) if node is not None else ()
        for item in nodes:
            if isinstance(item, YScalar) and item.value is not None:
                accepted.append(item.value if isinstance(item.value, str) else item.text)
            elif not (isinstance(item, YScalar) and item.value is None):
                self.add(item.line, "Q112", f"accepted answers of {label} must be text", item.column)
        normalize: tuple[str, ...] = DEFAULT_NORMALIZE
        entry = qmap.entries.get("normalize")
        if entry is not None:
            rules = entry.value.items if isinstance(entry.value, YSeq) else ()
            names = [r.value for r in rules if isinstance(r, YScalar)]
            if not isinstance(entry.value, YSeq) or any(n not in NORMALIZE_RULES for n in names):
                self.add(entry.value.line, "Q112", f"normalize of {label} must be a list of "
                         f"{', '.join(NORMALIZE_RULES)}", entry.value.column)
            normalize = tuple(r for r in NORMALIZE_RULES if r in names)
        return {"accepted": tuple(accepted), "normalize": normalize}

    def number(self, node: YNode | None, what: str) -> Decimal | None:
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            try:
                number = Decimal(node.text.replace("_", ""))
            except InvalidOperation:
                number = Decimal(str(node.value))
            if number.is_finite():
                return number
        shown = node.text if isinstance(node, YScalar) else "a list or mapping"
        self.add(node.line, "Q207", f"{what} must be a number, not '{shown}'", node.column)
        return None

    def read_numeric(self, qmap: YMap, label: str) -> dict[str, object]:
        node = self.answer_node(qmap)
        if node is None:
            return {"numeric": None}
        if isinstance(node, YScalar):
            value = self.number(node, f"answer of {label}")
            return {"numeric": NumericKey(value, Decimal(0)) if value is not None else None}
        amap = self.expect_map(node, f"answer of {label}")
        if amap is None:
            return {"numeric": None}
        self.check_keys(amap, NUMERIC_KEYS, f"the answer of {label}")
        value = self.number(self.require(amap, "value", f"answer of {label}", code="Q207"), f"value of {label}")
        tolerance_entry = amap.entries.get("tolerance")
        tolerance = Decimal(0)
        if tolerance_entry is not None:
            read = self.number(tolerance_entry.value, f"tolerance of {label}")
            if read is not None and read < 0:
                self.add(tolerance_entry.value.line, "Q207", f"tolerance of {label} is negative ({read}); "
                         "give a number of zero or more", tolerance_entry.value.column)
                read = None
            if read is None:
                return {"numeric": None}
            tolerance = read
        unit_entry = amap.entries.get("unit")
        unit = ""
        if unit_entry is not None:
            unit = self.text(unit_entry.value, f"unit of {label}", required=False) or ""
        if value is None:
            return {"numeric": None}
        return {"numeric": NumericKey(value, tolerance, unit.strip())}

    def read_order(self, qmap: YMap, label: str) -> dict[str, object]:
        items = self.choices(qmap, "items", label, with_feedback=False)
        node = self.answer_node(qmap)
        answer = self.id_list(node, "answer", allow_scalar=False) if node is not None else ()
        return {"items": items, "answer_ids": answer}

    def read_match(self, qmap: YMap, label: str) -> dict[str, object]:
        left = self.choices(qmap, "left", label, with_feedback=False)
        right = self.choices(qmap, "right", label, with_feedback=False)
        node = self.answer_node(qmap)
        pairs: list[tuple[str, str]] = []
        if isinstance(node, YMap):
            for key, entry in node.entries.items():
                target = self.ident(entry.value, f"match target of '{key}'")
                if ID_PATTERN.match(key) and target is not None:
                    pairs.append((key, target))
        elif node is not None and not (isinstance(node, YScalar) and node.value is None):
            self.add(node.line, "Q112", f"answer of {label} must map each left id to a right id", node.column)
        return {"left": left, "right": right, "pairs": tuple(pairs)}


_TYPE_READERS: dict[str, Callable[[_QuizReader, YMap, str], dict[str, object]]] = {
    "single": _QuizReader.read_choice,
    "multiple": _QuizReader.read_choice,
    "true-false": _QuizReader.read_true_false,
    "short": _QuizReader.read_short,
    "numeric": _QuizReader.read_numeric,
    "order": _QuizReader.read_order,
    "match": _QuizReader.read_match,
}
