"""Reads what the checks need from a Markdown page: front matter, heading anchors, quiz directives.

This is a line scanner over the source, not a Markdown renderer, so every finding keeps its source
line. Fenced code blocks are skipped, so a directive shown as an example is not taken as a placement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from course_quiz.anchors import DEFAULT_TOC, TocSettings, heading_ids
from course_quiz.directives import DIRECTIVE, outside_fences
from course_quiz.model import is_id
from course_quiz.numbering import LESSON_WORDS, LessonLink, find_lesson_links
from course_quiz.problems import Problem, problem
from course_quiz.yamlsource import YMap, YScalar, YSeq, parse_yaml

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#(?P<id>[^\s}]+)[^}]*\}\s*$")
# A footnote reference, emphasis (an underscore inside a word is a letter), code, a link (its text kept).
_INLINE_MARKUP = re.compile(r"\[\^[^\]]*\]|[*`]|(?<!\w)_+|_+(?!\w)|\[([^\]]*)\]\([^)]*\)")
# An attr_list line of its own (the last line of a paragraph, list or table) that gives an element an id.
_BLOCK_ATTR_ID = re.compile(r"^ *\{:?[^}\n]*?#(?P<id>[^\s}]+)[^}\n]*\} *$")

LESSON_KEYS = ("title", "summary", "objectives", "keypoints", "minutes")
# Keys MkDocs and Material read from front matter; allowed on any page.
PAGE_KEYS = ("hide", "search", "description", "template", "icon", "status", "subtitle", "tags")
# ``edition: instructor`` keeps a page out of the student edition (``editions.INSTRUCTOR_ONLY``).
EDITION_KEY = "edition"
MINUTES_KEYS = ("reading", "activity")


@dataclass(frozen=True, slots=True)
class Objective:
    """A learning objective declared in a lesson's front matter."""

    id: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Placement:
    """A ``/// quiz | id`` directive in a page."""

    quiz_id: str
    line: int


@dataclass(frozen=True, slots=True)
class Page:
    """What the checks know of one Markdown page."""

    path: str  # relative to the docs folder, with forward slashes
    display_path: str  # as shown in problems
    meta: dict[str, object] = field(hash=False, compare=False)
    objectives: tuple[Objective, ...] = ()
    anchors: frozenset[str] = frozenset()
    headings: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    placements: tuple[Placement, ...] = ()
    minutes: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    # Front matter is there but does not read as YAML: its objectives are unknown, not missing.
    meta_unreadable: bool = False
    lesson_links: tuple[LessonLink, ...] = ()  # links whose text names a lesson by number
    # Every heading in order: (its explicit ``{ #id }`` or "", level, line), for comparing a page with its translation.
    outline: tuple[tuple[str, int, int], ...] = ()
    meta_keys: tuple[str, ...] = ()  # every front-matter key, in order (``meta`` keeps the scalar values only)

    @property
    def instructor_only(self) -> bool:
        """Whether the front matter keeps this page out of the student edition (``edition: instructor``)."""
        return self.meta.get(EDITION_KEY) == "instructor"


def instructor_only(text: str) -> bool:
    """Whether a page's source marks it for the instructor edition only (``edition: instructor``).

    Only the front matter is read, for hosts that must drop such pages before reading the others.
    """
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return False
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            if EDITION_KEY not in front:
                return False
            node, _ = parse_yaml("", front)
            entry = node.entries.get(EDITION_KEY) if isinstance(node, YMap) else None
            return entry is not None and isinstance(entry.value, YScalar) and entry.value.value == "instructor"
    return False


def instructor_only_pages(docs_dir: Path) -> list[str]:
    """The pages under ``docs_dir`` (paths relative to it) that are for the instructor edition only."""
    from course_quiz.files import source_files

    paths, _ = source_files(docs_dir, (".md",)) if docs_dir.is_dir() else ([], [])
    found = []
    for path in paths:
        try:
            if instructor_only(path.read_text(encoding="utf-8-sig")):
                found.append(path.relative_to(docs_dir).as_posix())
        except (OSError, UnicodeDecodeError):
            continue  # reported by the checks (Q100)
    return found


def heading_text(text: str) -> tuple[str, str]:
    """A heading's explicit ``{ #id }`` ("" when it has none) and its plain text, as ``toc`` slugs it."""
    explicit = _ATTR_ID.search(text)
    if explicit:
        return explicit.group("id"), ""
    return "", _INLINE_MARKUP.sub(lambda m: m.group(1) or "", text)


def read_page(path: str, display_path: str, text: str,
              toc: TocSettings = DEFAULT_TOC) -> tuple[Page, list[Problem]]:
    """Scan one page's Markdown source; its headings' anchors are made with the site's ``toc`` settings."""
    problems: list[Problem] = []
    lines = text.splitlines()
    body_start = 0
    meta_map: YMap | None = None
    unreadable = False
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                node, yaml_problems = parse_yaml(display_path, "\n".join(lines[1:index]), line_offset=1)
                problems.extend(yaml_problems)
                unreadable = node is None and bool(yaml_problems)
                if isinstance(node, YMap):
                    meta_map = node
                elif node is not None:
                    problems.append(problem(display_path, 2, "Q309", "front matter must be a mapping of keys"))
                body_start = index + 1
                break
    found_headings: list[tuple[tuple[str, str], str]] = []  # (explicit id, plain text), title
    taken: list[str] = []  # ids attr_list gives other elements
    placements: list[Placement] = []
    lesson_links: list[LessonLink] = []
    outline: list[tuple[str, int, int]] = []
    for index, line in outside_fences(lines, body_start):
        if any(word in line for word in LESSON_WORDS):
            lesson_links.extend(find_lesson_links(path, [(index, line)]))
        heading = _ATX.match(line)
        if heading:
            text_of_heading = heading.group("text")
            explicit_and_text = heading_text(text_of_heading)
            found_headings.append((explicit_and_text, _ATTR_ID.sub("", text_of_heading).strip()))
            outline.append((explicit_and_text[0], len(heading.group(1)), index + 1))
            continue
        block_id = _BLOCK_ATTR_ID.match(line)
        if block_id:
            taken.append(block_id.group("id"))
        directive = DIRECTIVE.match(line)
        if directive:
            argument = (directive.group("arg") or "").strip()
            if not argument:
                problems.append(problem(display_path, index + 1, "Q305", "quiz directive names no quiz; write /// quiz | quiz-id"))
            else:
                placements.append(Placement(argument, index + 1))
    headings: dict[str, str] = {}
    for anchor, (_, title) in zip(heading_ids([h for h, _ in found_headings], toc, taken), found_headings, strict=True):
        headings.setdefault(anchor, title)  # two headings given one explicit id: the first
    objectives, minutes, meta = _read_meta(display_path, meta_map, problems,
                                           is_lesson=bool(placements) and not unreadable)
    page = Page(path, display_path, meta, tuple(objectives), frozenset(headings), headings, tuple(placements),
                minutes, unreadable, tuple(lesson_links), tuple(outline),
                tuple(meta_map.entries) if meta_map is not None else ())
    return page, problems


def _read_meta(display_path: str, meta_map: YMap | None, problems: list[Problem],
               is_lesson: bool) -> tuple[list[Objective], dict[str, int], dict[str, object]]:
    """Check a page's front matter; lessons (pages that place a quiz) get the full lesson rules."""
    meta: dict[str, object] = {}
    objectives: list[Objective] = []
    minutes: dict[str, int] = {}
    if meta_map is None:
        if is_lesson:
            problems.append(problem(display_path, 1, "Q309", "lesson has no front matter; add title, summary, objectives, keypoints and minutes between --- lines"))
        return objectives, minutes, meta

    def add(line: int, message: str) -> None:
        problems.append(problem(display_path, line, "Q309", message))

    lesson_like = is_lesson or "objectives" in meta_map.entries
    for key, entry in meta_map.entries.items():
        if isinstance(entry.value, YScalar):
            meta[key] = entry.value.value
        if key not in LESSON_KEYS + PAGE_KEYS + (EDITION_KEY,):
            add(entry.key_line, f"unknown front-matter key '{key}'; lessons use {', '.join(LESSON_KEYS)}")
        elif key == EDITION_KEY and meta.get(key) != "instructor":
            add(entry.key_line, "'edition' can only be 'instructor' (the page is left out of the student edition); "
                "remove the line to publish the page in both editions")
    if not lesson_like:
        return objectives, minutes, meta
    for key in LESSON_KEYS:
        if key not in meta_map.entries:
            add(meta_map.line, f"lesson front matter is missing '{key}'")
    for key in ("title", "summary"):
        text_entry = meta_map.entries.get(key)
        if text_entry and not (isinstance(text_entry.value, YScalar) and isinstance(text_entry.value.value, str)
                               and text_entry.value.value.strip()):
            add(text_entry.key_line, f"'{key}' must be non-empty text")
    keypoints = meta_map.entries.get("keypoints")
    if keypoints and not (isinstance(keypoints.value, YSeq) and keypoints.value.items and all(
            isinstance(i, YScalar) and isinstance(i.value, str) for i in keypoints.value.items)):
        add(keypoints.key_line, "'keypoints' must be a non-empty list of sentences")
    minutes_entry = meta_map.entries.get("minutes")
    if minutes_entry:
        if isinstance(minutes_entry.value, YMap) and minutes_entry.value.entries:
            for key, sub in minutes_entry.value.entries.items():
                if key not in MINUTES_KEYS:
                    add(sub.key_line, f"unknown key '{key}' in minutes; use reading and activity")
                elif isinstance(sub.value, YScalar) and isinstance(sub.value.value, int) \
                        and not isinstance(sub.value.value, bool) and sub.value.value >= 0:
                    minutes[key] = sub.value.value
                else:
                    add(sub.key_line, f"minutes.{key} must be a whole number of minutes")
        else:
            add(minutes_entry.key_line, "'minutes' must map reading and activity to whole numbers")
    objectives_entry = meta_map.entries.get("objectives")
    if objectives_entry:
        objectives = _read_objectives(display_path, objectives_entry.value, objectives_entry.key_line, problems)
    return objectives, minutes, meta


def _read_objectives(display_path: str, node: object, line: int, problems: list[Problem]) -> list[Objective]:
    found: list[Objective] = []
    if not isinstance(node, YSeq) or not node.items:
        problems.append(problem(display_path, line, "Q309", "'objectives' must be a list of {id, text}"))
        return found
    seen: set[str] = set()
    for item in node.items:
        if not isinstance(item, YMap):
            problems.append(problem(display_path, item.line, "Q309", "each objective must be {id: ..., text: ...}"))
            continue
        unknown = [k for k in item.entries if k not in ("id", "text")]
        for key in unknown:
            problems.append(problem(display_path, item.entries[key].key_line, "Q309",
                                    f"unknown key '{key}' in an objective; use id and text"))
        ident = item.entries.get("id")
        text = item.entries.get("text")
        id_value = ident.value.value if ident and isinstance(ident.value, YScalar) else None
        text_value = text.value.value if text and isinstance(text.value, YScalar) else None
        if not isinstance(id_value, str) or not is_id(id_value):
            problems.append(problem(display_path, item.line, "Q309", "objective needs an id of lowercase letters, digits and hyphens"))
            continue
        if not isinstance(text_value, str) or not text_value.strip():
            problems.append(problem(display_path, item.line, "Q309", f"objective '{id_value}' needs a text (a sentence starting with a verb)"))
            continue
        if id_value in seen:
            problems.append(problem(display_path, item.line, "Q309", f"objective id '{id_value}' is declared twice"))
            continue
        seen.add(id_value)
        found.append(Objective(id_value, text_value.strip(), item.line))
    return found
