"""The ``nav`` of mkdocs.yml, read for the order of lessons and edited as text to add one.

mkdocs.yml is read with PyYAML's composer, which keeps every node's position and never constructs a
value, so tags such as ``!!python/name:`` or ``!ENV`` do no harm. A new entry is added by inserting one
line into the text, so comments and layout stay as they were; the result is read again and must be
the old navigation with exactly that entry added, or nothing is changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

_ITEM_LINE = re.compile(r"^(?P<indent>\s*)-\s")
_NUMBERED = re.compile(r"^(?P<number>\d+)\.\s")


class NavError(Exception):
    """mkdocs.yml cannot be read, or its nav cannot be edited safely; the message says what to do."""


@dataclass(frozen=True)
class _Entry:
    title: str | None  # None for a bare page path
    path: str
    start: int  # 0-based line where the entry starts
    line: int  # 0-based line where its value ends
    siblings: tuple[yaml.Node, ...]  # the sequence the entry is in


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise NavError(f"mkdocs.yml is not valid YAML ({' '.join(str(exc).split())})") from exc


def _nav_node(text: str) -> yaml.SequenceNode | None:
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            if not isinstance(value, yaml.SequenceNode):
                raise NavError("the nav of mkdocs.yml is not a list")
            return value
    return None


def _entries(sequence: yaml.SequenceNode) -> list[_Entry]:
    found: list[_Entry] = []
    for item in sequence.value:
        if isinstance(item, yaml.ScalarNode):
            found.append(_Entry(None, item.value, item.start_mark.line, item.end_mark.line,
                                tuple(sequence.value)))
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key, value = item.value[0]
            if isinstance(value, yaml.ScalarNode) and isinstance(key, yaml.ScalarNode):
                found.append(_Entry(key.value, value.value, item.start_mark.line, value.end_mark.line,
                                    tuple(sequence.value)))
            elif isinstance(value, yaml.SequenceNode):
                found.extend(_entries(value))
    return found


def _last_line(node: yaml.Node) -> int:
    """The 0-based line where ``node``'s last value ends (comments after it are not part of it)."""
    if isinstance(node, yaml.SequenceNode) and node.value:
        return _last_line(node.value[-1])
    if isinstance(node, yaml.MappingNode) and node.value:
        return _last_line(node.value[-1][1])
    return int(node.end_mark.line)


def nav_pages(text: str) -> list[str]:
    """The page paths of mkdocs.yml's nav, in order (empty when it has none)."""
    nav = _nav_node(text)
    return nav_order(_value(nav))[0] if nav is not None else []


def nav_order(nav: object) -> tuple[list[str], dict[str, str]]:
    """The pages of a ``nav`` setting in order, and the title it gives each (MkDocs' nav format).

    ``nav`` is the setting as MkDocs holds it (lists, one-key mappings, strings); the plugin reads its
    configuration's, ``nav_pages`` the text of mkdocs.yml. Entries that are not Markdown pages (links,
    other files) are left out.
    """
    order: list[str] = []
    titles: dict[str, str] = {}

    def walk(item: object, title: str | None = None) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                order.append(item)
                if title:
                    titles[item] = title
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, str(key))
        elif isinstance(item, list):
            for child in item:
                walk(child)

    walk(nav)
    return order, titles


def _value(node: yaml.Node) -> object:
    """A composed node as plain lists, mappings and strings, nothing constructed."""
    if isinstance(node, yaml.SequenceNode):
        return [_value(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(key.value) if isinstance(key, yaml.ScalarNode) else "": _value(value) for key, value in node.value}
    return node.value


def _plain(node: yaml.Node) -> object:
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return [(_plain(key), _plain(value)) for key, value in node.value]
    return node.value


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        if value == value.strip() and yaml.safe_load(f"{value}: x") == {value: "x"}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def add_nav_entry(text: str, title: str, path: str, lesson_pages: set[str]) -> tuple[str, str]:
    """Add ``- title: path`` after the last lesson in the nav, keeping everything else as written.

    The new entry goes after the last nav entry in the same folder as ``path`` (``lessons/``), or else
    after the last entry that is a lesson (one of ``lesson_pages``), or else at the end of the nav.
    When its neighbours are numbered (``8. Title``), it gets the next number.

    Returns:
        The new text of mkdocs.yml, and the title as written in the nav.

    Raises:
        NavError: no nav, the nav already lists ``path``, or the place found is not a one-line entry.

    """
    nav = _nav_node(text)
    if nav is None:
        raise NavError("mkdocs.yml has no nav")
    entries = _entries(nav)
    if any(entry.path == path for entry in entries):
        raise NavError(f"the nav of mkdocs.yml already lists {path}")
    folder = path.rpartition("/")[0]
    same_folder = [e for e in entries if folder and e.path.rpartition("/")[0] == folder]
    lessons = [e for e in entries if e.path in lesson_pages]
    lines = text.splitlines(keepends=True)
    if same_folder or lessons:
        anchor = (same_folder or lessons)[-1]
        start, line = anchor.start, anchor.line
        siblings = [e for e in entries if e.siblings == anchor.siblings and e.title is not None]
    else:
        last = nav.value[-1]
        start, line = last.start_mark.line, _last_line(last)
        siblings = []
    indent = _ITEM_LINE.match(lines[start]) if start < len(lines) else None
    if indent is None or line >= len(lines) or (siblings and start != line):
        raise NavError("the nav entry to add the lesson after is not a one-line '- Title: page.md' item")
    numbers = [_NUMBERED.match(e.title or "") for e in siblings]
    if siblings and all(numbers):
        title = f"{max(int(m.group('number')) for m in numbers if m) + 1}. {title}"
    new_line = f"{indent.group('indent')}- {yaml_text(title)}: {path}\n"
    if not lines[line].endswith("\n"):
        lines[line] += "\n"
    lines.insert(line + 1, new_line)
    new_text = "".join(lines)
    _check_insertion(text, new_text, title, path)
    return new_text, title


def _check_insertion(old: str, new: str, title: str, path: str) -> None:
    """The new nav must be the old one with exactly the entry added; the rest of the file unchanged."""
    old_root, new_root = _compose(old), _compose(new)
    old_nav, new_nav = _nav_node(old), _nav_node(new)
    assert old_nav is not None
    if new_nav is None or [e.path for e in _entries(new_nav)].count(path) != 1:
        raise NavError("adding the entry would not give a nav that lists the lesson once")
    added = next(e for e in _entries(new_nav) if e.path == path)
    if added.title != title:
        raise NavError("adding the entry would change its title as YAML reads it")

    def without(node: object) -> object:
        if isinstance(node, list):
            return [without(item) for item in node if item != [(title, path)]]
        if isinstance(node, tuple):
            return tuple(without(part) for part in node)
        return node

    if old_root is None or new_root is None or without(_plain(new_root)) != _plain(old_root):
        raise NavError("adding the entry would change more of mkdocs.yml than the one line")
