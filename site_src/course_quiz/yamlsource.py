"""Safe YAML reading that keeps the source line of every value.

Untrusted text becomes a small tree of located values (``YMap``, ``YSeq``, ``YScalar``) or a list of
problems. Nothing is ever constructed from tags, so no content is executed; anchors, aliases and custom
tags are refused, which also rules out alias bombs. Duplicate keys, tabs and oversized or binary files
are reported with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from course_quiz.problems import Problem, problem

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

_STANDARD_SCALARS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

# libyaml's parser when PyYAML was built with it (ten times faster on a large course), else PyYAML's own.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAB_INDENT = re.compile(r"^ *\t")

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class YScalar:
    """A scalar value with its 1-based source position."""

    value: Scalar
    line: int
    column: int
    text: str = ""  # the scalar as written, for numbers that must keep their decimals


@dataclass(frozen=True)
class YSeq:
    """A sequence with its 1-based source position."""

    items: tuple[YNode, ...]
    line: int
    column: int


@dataclass(frozen=True)
class YEntry:
    """One key of a mapping: where the key is written, and its value."""

    key_line: int
    key_column: int
    value: YNode


@dataclass(frozen=True)
class YMap:
    """A mapping with string keys, in source order, with its 1-based source position."""

    entries: dict[str, YEntry] = field(hash=False)
    line: int = 0
    column: int = 0


YNode = YScalar | YSeq | YMap


def decode_source(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Turn raw bytes into text, refusing files that are too large, binary or not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        size_kb = len(data) // 1000
        return None, [problem(path, 0, "Q100", f"file is {size_kb} KB; quiz files may be at most "
                              f"{MAX_FILE_BYTES // 1000} KB: split it into several quizzes")]
    if b"\x00" in data:
        return None, [problem(path, 0, "Q100", "file is binary (contains NUL bytes); save it as UTF-8 text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [problem(path, line, "Q100", "file is not valid UTF-8; save it with UTF-8 encoding")]
    return text, []


def parse_yaml(path: str, text: str, line_offset: int = 0) -> tuple[YNode | None, list[Problem]]:
    """Parse one YAML document into located values.

    Args:
        path: The file name used in problems.
        text: The YAML text.
        line_offset: Added to every line, for YAML embedded in a larger file (front matter).

    Returns:
        The root node (``None`` for an empty or broken document) and the problems found.

    """
    tab_problems = [
        problem(path, number + line_offset, "Q102", "tab character in indentation; indent with spaces",
                len(line) - len(line.lstrip(" \t")))
        for number, line in enumerate(text.splitlines(), start=1) if _TAB_INDENT.match(line)
    ]
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        found = _syntax_problem(path, exc, line_offset)
        if any(p.line == found.line for p in tab_problems):
            return None, tab_problems
        return None, [*tab_problems, found]
    except yaml.YAMLError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "unreadable YAML"
        return None, [*tab_problems, problem(path, line_offset + 1, "Q101", f"invalid YAML: {message}")]
    except RecursionError:
        return None, [problem(path, line_offset + 1, "Q101", "YAML nested too deeply to be a quiz")]
    if root is None:
        return None, tab_problems
    converter = _Converter(path, line_offset)
    node = converter.convert(root, 0)
    if converter.saw_alias:
        converter.problems.extend(_alias_problems(path, text, line_offset))
    return node, tab_problems + converter.problems


def _alias_problems(path: str, text: str, line_offset: int) -> list[Problem]:
    """Report each ``*alias`` where it is written (the composed node only knows its anchor's place)."""
    found = []
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            found.append(problem(path, event.start_mark.line + 1 + line_offset, "Q104",
                                 f"alias *{event.anchor} is not supported; write the value out in full",
                                 event.start_mark.column + 1))
    return found


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError, line_offset: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    column = mark.column + 1 if mark else 0
    detail = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    return problem(path, line, "Q101", f"invalid YAML:{context} {detail}".replace("  ", " "), column)


class _Converter:
    """Walks a composed PyYAML node graph once, refusing anything a quiz file never needs."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self.saw_alias = False
        self._constructor = yaml.constructor.SafeConstructor()

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def _refuse(self, node: yaml.Node, message: str) -> None:
        line, column = self._where(node)
        self.problems.append(problem(self.path, line, "Q104", message, column))

    def convert(self, node: yaml.Node, depth: int) -> YNode | None:
        if depth > MAX_DEPTH:
            self._refuse(node, "YAML nested too deeply to be a quiz")
            return None
        if id(node) in self._seen:
            # PyYAML resolves an alias to the very node its anchor names; its place is found later.
            self.saw_alias = True
            return None
        self._seen.add(id(node))
        line, column = self._where(node)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, line, column)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._refuse(node, f"YAML tag {node.tag} is not allowed in quiz files")
                return None
            items = [self.convert(child, depth + 1) for child in node.value]
            return YSeq(tuple(item for item in items if item is not None), line, column)
        assert isinstance(node, yaml.MappingNode)
        if node.tag != _MAP_TAG:
            self._refuse(node, f"YAML tag {node.tag} is not allowed in quiz files")
            return None
        return self._mapping(node, depth, line, column)

    def _scalar(self, node: yaml.ScalarNode, line: int, column: int) -> YScalar | None:
        if node.tag not in _STANDARD_SCALARS:
            self._refuse(node, f"YAML tag {node.tag} is not allowed in quiz files")
            return None
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return YScalar(node.value, line, column, node.value)  # most scalars: no constructor needed
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            value = node.value
        return YScalar(value, line, column, node.value)

    def _mapping(self, node: yaml.MappingNode, depth: int, line: int, column: int) -> YMap:
        entries: dict[str, YEntry] = {}
        for key_node, value_node in node.value:
            key_line, key_column = self._where(key_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self._refuse(key_node, "keys must be plain words (no merge keys or complex keys)")
                continue
            key = str(key_node.value)
            value = self.convert(value_node, depth + 1)
            if key in entries:
                first = entries[key].key_line
                self.problems.append(problem(self.path, key_line, "Q103",
                                             f"duplicate key '{key}' (first given at line {first}); "
                                             "remove one of them", key_column))
                continue
            if value is None:
                value = YScalar(None, key_line, key_column)
            entries[key] = YEntry(key_line, key_column, value)
        return YMap(entries, line, column)
