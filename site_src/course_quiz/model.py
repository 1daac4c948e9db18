"""The quiz model: frozen dataclasses built once from checked YAML, read by rendering and exports.

Answer keys refer to author-written ids, never to positions. Fields keep the source line they came
from so that later checks (references, the lock, teaching quality) can point at the right place.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

# Quiz, question, option and objective ids: lowercase letters, digits, '-' and '_'.
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def is_id(value: str) -> bool:
    """Tell whether ``value`` is a valid id, as a whole (a final newline is not allowed)."""
    return _ID.fullmatch(value) is not None


NORMALIZE_RULES = ("case", "whitespace", "punctuation", "diacritics")
DEFAULT_NORMALIZE = ("case", "whitespace")
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
class NumericKey:
    """The accepted range of a numeric question: ``value`` plus or minus ``tolerance``."""

    value: Decimal
    tolerance: Decimal
    unit: str = ""

    @property
    def decimals(self) -> int:
        """Decimal places at which answers are compared: those of the value or tolerance."""
        return max(decimals_of(self.value), decimals_of(self.tolerance))


def decimals_of(number: Decimal) -> int:
    """Decimal places of a finite number, trailing zeros left out (1.50 has 1, 0.000 has 0)."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int), "only finite numbers have decimals"
    significant = "".join(map(str, digits)).rstrip("0")
    if not significant:
        return 0
    return max(0, -(exponent + len(digits) - len(significant)))


def _order_digest(quiz_id: str, question_id: str, option_id: str) -> bytes:
    # Ids cannot contain NUL, so the joined string names one (quiz, question, option) triple.
    return hashlib.sha256(f"{quiz_id}\0{question_id}\0{option_id}".encode()).digest()


@dataclass(frozen=True, slots=True)
class Question:
    """One question. Which key fields are set depends on ``type``.

    Attributes:
        answer_ids: single (one id), multiple (a set, in source order) and order (the right order).
        answer_bool: true-false (normally one value; more or none is reported by the checks).
        accepted: short answers as written; compared after ``normalize``.
        other_accepted: short answers of the course's other languages (``translation.localize``): a page
            accepts them too, so every language's page carries the same key and key stamp.
        numeric: numeric key.
        pairs: match key, as (left id, right id) pairs in the order written.
        shuffle: single and multiple choice: show the options in a fixed shuffled order
            (``shown_options``); ``False`` keeps the order written, for an ordered scale.
        lines: source line of each field, for messages.

    """

    quiz_id: str
    id: str
    type: str
    line: int
    prompt: str
    objective: str | None = None
    explanation: str | None = None
    hint: str | None = None
    review: str | None = None
    level: str | None = None
    options: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    left: tuple[Choice, ...] = ()
    right: tuple[Choice, ...] = ()
    answer_ids: tuple[str, ...] = ()
    answer_bool: tuple[bool, ...] = ()
    accepted: tuple[str, ...] = ()
    other_accepted: tuple[str, ...] = ()
    normalize: tuple[str, ...] = DEFAULT_NORMALIZE
    numeric: NumericKey | None = None
    pairs: tuple[tuple[str, str], ...] = ()
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
