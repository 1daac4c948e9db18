"""The quiz model: frozen dataclasses built once from checked YAML, read by rendering and exports.

Answer keys refer to author-written ids, never to positions. Fields keep the source line they came
from so that later checks (references, the lock, teaching quality) can point at the right place.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# Quiz, question, option and objective ids: lowercase letters, digits, '-' and '_'.
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def is_id(value: str) -> bool:
    """Tell whether ``value`` is a valid id, as a whole (a final newline is not allowed)."""
    return _ID.fullmatch(value) is not None


# Cognitive levels of the revised Bloom taxonomy, lowest first; a question may declare one.
LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")


@dataclass(frozen=True, slots=True)
class Choice:
    """An option, an order item or one side of a match: id, Markdown text, optional feedback."""

    id: str
    text: str
    line: int
    feedback: str | None = None


@dataclass(frozen=True, slots=True)
class Key:
    """A question's answer key, as its type reads it: each type of ``qtypes`` defines its own subclass.

    The model names no type's key, so that a new type is one module in ``qtypes`` (the model only looks
    down). A type's module takes its own key back from a question with ``qtypes.base.key_of``; any other
    module that needs a type's key fields narrows with ``isinstance`` against that type's class.
    """


def _order_digest(quiz_id: str, question_id: str, option_id: str) -> bytes:
    # Ids cannot contain NUL, so the joined string names one (quiz, question, option) triple.
    return hashlib.sha256(f"{quiz_id}\0{question_id}\0{option_id}".encode()).digest()


@dataclass(frozen=True, slots=True)
class Question:
    """One question.

    Attributes:
        key: the answer key, of the class the question's type defines (``qtypes``).
        options: single and multiple choice; items: order; left and right: match (empty for the other
            types). They are the question's content, not its key: translations replace their texts, and
            the checks of every type walk them alike (``choices``).
        shuffle: single and multiple choice: show the options in a fixed shuffled order
            (``shown_options``); ``False`` keeps the order written, for an ordered scale.
        lines: source line of each field, for messages.

    """

    quiz_id: str
    id: str
    type: str
    line: int
    prompt: str
    key: Key
    objective: str | None = None
    explanation: str | None = None
    hint: str | None = None
    review: str | None = None
    level: str | None = None
    options: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    left: tuple[Choice, ...] = ()
    right: tuple[Choice, ...] = ()
    shuffle: bool = True
    lines: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def key_line(self) -> int:
        """The line of the ``answer`` field, or of the question when it has none."""
        return self.lines.get("answer", self.line)

    @property
    def shown_options(self) -> tuple[Choice, ...]:
        """The options in the order a page shows them.

        Authors leave habits in the order they write options (the key is rarely first), and a test-wise
        student reads them. So a page shows the options sorted by a digest of the quiz, question and option
        ids: an order that looks random, is the same in every build, host and Python version (verification
        renders it again and must get the same bytes), and changes only when an id does. With ``shuffle:
        false`` the written order is kept. Exports keep the written order: an LMS shuffles by itself.
        """
        if not self.shuffle:
            return self.options
        return tuple(sorted(self.options, key=lambda option: _order_digest(self.quiz_id, self.id, option.id)))

    @property
    def choices(self) -> tuple[Choice, ...]:
        """Every option, item and match side of the question, for checks that treat them alike."""
        return self.options + self.items + self.left + self.right


@dataclass(frozen=True, slots=True)
class Quiz:
    """One quiz file."""

    id: str
    title: str
    lesson: str
    path: str
    line: int
    questions: tuple[Question, ...]
    lines: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)
    # The line of every entry of ``questions`` in the file, those left out for errors included.
    entry_lines: tuple[int, ...] = field(default=(), compare=False)

    @property
    def is_partial(self) -> bool:
        """Whether a question of the file was left out for an error (statistics over the quiz would miss it)."""
        return len(self.entry_lines) > len(self.questions)
