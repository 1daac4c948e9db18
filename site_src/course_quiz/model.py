"""The quiz model: frozen dataclasses built once from checked YAML, read by rendering and exports.

Answer keys refer to author-written ids, never to positions. Fields keep the source line they came
from so that later checks (references, the lock, teaching quality) can point at the right place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

QUESTION_TYPES = ("single", "multiple", "true-false", "short", "numeric", "order", "match")
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
        return max(_decimals(self.value), _decimals(self.tolerance))


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True)
class Question:
    """One question. Which key fields are set depends on ``type``.

    Attributes:
        answer_ids: single (one id), multiple (a set, in source order) and order (the right order).
        answer_bool: true-false (normally one value; more or none is reported by the checks).
        accepted: short answers as written; compared after ``normalize``.
        numeric: numeric key.
        pairs: match key, as (left id, right id) pairs in the order written.
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
    normalize: tuple[str, ...] = DEFAULT_NORMALIZE
    numeric: NumericKey | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)
    key_valid: bool = field(default=True, compare=False)

    @property
    def key_line(self) -> int:
        """The line of the ``answer`` field, or of the question when it has none."""
        return self.lines.get("answer", self.line)

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
