"""Safe YAML reading that keeps the source line of every value.

Untrusted text becomes a small tree of located values (``YMap``, ``YSeq``, ``YScalar``) or a list of
problems. Nothing is ever constructed from tags, so no content is executed; anchors, aliases and custom
tags are refused, which also rules out alias bombs. Duplicate keys, tabs and oversized or binary files
are reported with their line.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from typing import NamedTuple

import yaml

from course_quiz.problems import Problem, problem
from course_quiz.yamlerrors import explain

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40

# libyaml's parser when PyYAML was built with it (ten times faster on a large course), else PyYAML's own.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAB_INDENT = re.compile(r"^ *\t")

Scalar = str | int | float | bool | None


# Located values are named tuples: immutable, and about four times cheaper to make than frozen data
# classes, which a large course makes hundreds of thousands of (one per scalar and per mapping entry).
class YScalar(NamedTuple):
    """A scalar value with its 1-based source position."""

    value: Scalar
    line: int
    column: int
    text: str = ""  # the scalar as written, for numbers that must keep their decimals


class YSeq(NamedTuple):
    """A sequence with its 1-based source position."""

    items: tuple[YNode, ...]
    line: int
    column: int


class YEntry(NamedTuple):
    """One key of a mapping: where the key is written, and its value."""

    key_line: int
    key_column: int
    value: YNode


class YMap(NamedTuple):
    """A mapping with string keys, in source order, with its 1-based source position."""

    entries: dict[str, YEntry]
    line: int = 0
    column: int = 0


YNode = YScalar | YSeq | YMap


def decode_source(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Turn raw bytes into text, refusing files that are too large, binary or not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        size_kb = len(data) // 1000
        return None, [problem(path, 0, "Q100", f"file is {size_kb} KB; quiz files may be at most {MAX_FILE_BYTES // 1000} KB: split it into several quizzes")]
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
    ] if "\t" in text else []  # most files have no tab at all: one scan instead of a match per line
    builder = _Builder(path, line_offset)
    parser = _LOADER(text)
    try:
        # The parser's get_event until it returns None: yaml.parse without its generator and its second
        # call per event.
        root = builder.build(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as exc:
        found = _syntax_problem(path, exc, line_offset, text)
        if any(p.line == found.line for p in tab_problems):
            return None, tab_problems
        return None, [*tab_problems, found]
    except yaml.YAMLError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "unreadable YAML"
        return None, [*tab_problems, problem(path, line_offset + 1, "Q101", f"invalid YAML: {message}")]
    finally:
        parser.dispose()
    return root, tab_problems + builder.problems


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError, line_offset: int, text: str) -> Problem:
    """Q101 in the author's terms (``yamlerrors``) when the source shows the cause, then the parser's words."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    column = mark.column + 1 if mark else 0
    words = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
    context_line = exc.context_mark.line + 1 + line_offset if exc.context_mark else None
    # Blank lines in front keep the explanation's line numbers those of the file (front matter in a page).
    explained = explain(words, line, column, "\n" * line_offset + text, context_line)
    message = f"invalid YAML: {explained} (the parser says: {words})" if explained else f"invalid YAML: {words}"
    return problem(path, line, "Q101", message, column)


# Plain scalars whose first character can start no implicit type are text: most of a quiz file.
_RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
_SHORT = 32
_ALLOWED_EXPLICIT = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                     "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "!"}


@functools.lru_cache(maxsize=8192)  # keys and short values repeat across every question
def _implicit_tag(value: str) -> str:
    for tag, pattern in _RESOLVERS.get(value[:1], ()):
        if pattern.match(value):
            return str(tag)
    return _STR


# Events that open no value and hold no position a problem needs.
_NOT_NODES = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)


class _Open:
    """A mapping or sequence being built, with its place and, for a mapping, the pending key."""

    __slots__ = ("column", "entries", "items", "key", "line", "refused")

    def __init__(self, line: int, column: int, is_map: bool) -> None:
        self.line = line
        self.column = column
        self.entries: dict[str, YEntry] | None = {} if is_map else None
        self.items: list[YNode] = []
        self.key: tuple[str, int, int] | bool | None = None  # False: the key was refused
        self.refused = False


class _Builder:
    """Builds located values from the parser's events in one pass, refusing what quizzes never need.

    Anchors are tolerated, but aliases, custom tags, merge keys and complex keys are refused, so a file
    can neither expand (alias bombs) nor construct objects. Only the standard scalar types are read.
    """

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def _refuse(self, line: int, column: int, message: str) -> None:
        self.problems.append(problem(self.path, line, "Q104", message, column))

    def build(self, events: Iterable[yaml.Event]) -> YNode | None:
        # One loop over ~470 events per quiz file: the common cases (a text scalar, a value added to the
        # open mapping or sequence) are handled inline, the rest by ``_scalar`` and ``_key``. At 10,000
        # questions a method call per event was a third of the reading time.
        stack: list[_Open] = []
        root: YNode | None = None
        documents = 0
        first_line = self.line_offset + 1  # the parser's marks are 0-based
        for event in events:
            kind = type(event)
            if kind in _NOT_NODES:
                continue
            mark = event.start_mark
            line = (mark.line if mark else 0) + first_line
            column = mark.column + 1 if mark else 0
            value: YNode | None
            if kind is yaml.ScalarEvent:
                text = event.value  # type: ignore[attr-defined]
                if len(text) <= _SHORT:
                    # Keys, ids and types recur in every question; one shared string each keeps a large
                    # course's model small (the parser makes a new string for every occurrence).
                    text = sys.intern(text)
                # Quoted or block text, and plain text that resolves to no other type, are text as written:
                # most of a quiz file (keys included), read without the tag checks of ``_scalar``.
                if event.tag is None and (not event.implicit[0] or text[:1] not in _RESOLVERS  # type: ignore[attr-defined]
                                          or _implicit_tag(text) == _STR):
                    value = YScalar(text, line, column, text)
                else:
                    value = self._scalar(event, text, line, column)  # type: ignore[arg-type]
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    self.problems.append(problem(self.path, line, "Q101", "YAML nested too deeply to be a quiz"))
                    return None
                opened = _Open(line, column, kind is yaml.MappingStartEvent)
                tag = event.tag  # type: ignore[attr-defined]
                if tag is not None and tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"):
                    self._refuse(line, column, f"YAML tag {tag} is not allowed in quiz files")
                    opened.refused = True
                stack.append(opened)
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                if done.refused:
                    value = None
                elif done.entries is not None:
                    value = YMap(done.entries, done.line, done.column)
                else:
                    value = YSeq(tuple(done.items), done.line, done.column)
            elif kind is yaml.AliasEvent:
                anchor = getattr(event, "anchor", "")
                self._refuse(line, column, f"alias *{anchor} is not supported; write the value out in full")
                value = None
            else:  # a document's start
                documents += 1
                if documents > 1:
                    self.problems.append(problem(self.path, line, "Q101", "more than one YAML document in the file (a line with ---); keep one quiz per file", column))
                    break
                continue
            if not stack:
                root = value
                continue
            parent = stack[-1]
            entries = parent.entries
            if entries is None:  # a sequence
                if value is not None:
                    parent.items.append(value)
                continue
            key = parent.key
            if key is None:  # this value is a key
                parent.key = self._key(value, line, column)
                continue
            parent.key = None
            if key is False or not isinstance(key, tuple):
                continue
            name, key_line, key_column = key
            if name in entries:
                first = entries[name].key_line
                self.problems.append(problem(self.path, key_line, "Q103", f"duplicate key '{name}' (first given at line {first}); remove one of them", key_column))
                continue
            entries[name] = YEntry(key_line, key_column, value if value is not None else YScalar(None, key_line, key_column))
        return root

    def _scalar(self, event: yaml.ScalarEvent, text: str, line: int, column: int) -> YScalar | None:
        """A scalar with a tag, or plain text that may be a number, a boolean or null."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = _implicit_tag(text) if event.implicit[0] and tag is None else _STR
        elif tag not in _ALLOWED_EXPLICIT:
            if tag == "tag:yaml.org,2002:timestamp":
                return YScalar(text, line, column, text)
            self._refuse(line, column, f"YAML tag {tag} is not allowed in quiz files")
            return None
        if tag in (_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value",
                   "tag:yaml.org,2002:yaml"):
            return YScalar(text, line, column, text)
        try:
            constructed = self._constructor.construct_object(yaml.ScalarNode(tag, text), deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            constructed = text
        return YScalar(constructed, line, column, text)

    def _key(self, value: YNode | None, line: int, column: int) -> tuple[str, int, int] | bool:
        """A mapping key as (name, line, column), or ``False`` after refusing it (merge and complex keys)."""
        if not isinstance(value, YScalar) or (value.text == "<<" and value.value == "<<"):
            self._refuse(line, column, "keys must be plain words (no merge keys or complex keys)")
            return False
        return (value.text if value.text or value.value is None else str(value.value), line, column)
