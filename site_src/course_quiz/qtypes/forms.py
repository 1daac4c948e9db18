"""The shapes in which question types hand their content to the exporters.

Every question type says, through ``QuestionType.export_form``, which of a few shapes it is (choices,
a true-false value, accepted texts, a number, an ordering, pairs) and the exporters write those shapes.
So the rules of a type stay in its own module, and a format never branches on a type's name. The
readable key of an answer sheet is written from the same shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from course_quiz.messages import ENGLISH, Words
from course_quiz.model import Choice


@dataclass(frozen=True, slots=True)
class ChoiceForm:
    """Options, some of them right: one for a single choice, a set for a multiple choice."""

    options: tuple[Choice, ...]
    right: tuple[str, ...]  # ids of the right options, in option order
    multiple: bool


@dataclass(frozen=True, slots=True)
class BooleanForm:
    """A statement that is true or false."""

    value: bool


@dataclass(frozen=True, slots=True)
class TextForm:
    """Typed text compared with accepted answers after normalising."""

    accepted: tuple[str, ...]
    normalize: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NumberForm:
    """A typed number, right within ``value ± tolerance``."""

    value: Decimal
    tolerance: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class PairsForm:
    """Each left entry paired with one right entry."""

    left: tuple[Choice, ...]
    right: tuple[Choice, ...]
    pairs: tuple[tuple[str, str], ...]  # (left id, right id), in left order

    def target_of(self, left_id: str) -> Choice:
        """The right entry paired with ``left_id``."""
        target = dict(self.pairs)[left_id]
        return next(choice for choice in self.right if choice.id == target)


@dataclass(frozen=True, slots=True)
class OrderForm:
    """Items to put in order; ``order`` is their ids, first first."""

    items: tuple[Choice, ...]
    order: tuple[str, ...]

    def as_pairs(self) -> PairsForm:
        """The fallback for formats with no ordering question: each item matched to its position.

        The course page asks exactly this (a list of positions beside each item, 1 first), so a matching
        question of items to positions is the same question, graded the same when every item is placed
        right. Positions are the right entries ``1`` to ``n``, with ids ``position-1`` to ``position-n``.
        """
        line = self.items[0].line if self.items else 0
        positions = tuple(Choice(f"position-{n}", str(n), line) for n in range(1, len(self.items) + 1))
        pairs = tuple((item.id, f"position-{self.order.index(item.id) + 1}") for item in self.items)
        return PairsForm(self.items, positions, pairs)


ExportForm = ChoiceForm | BooleanForm | TextForm | NumberForm | PairsForm | OrderForm


def one_line(text: str) -> str:
    """``text`` on one line: every run of white space, line breaks included, as one space."""
    return " ".join(text.split())


def readable_key(form: ExportForm, words: Words = ENGLISH) -> str:
    """The key as an instructor reads it (in ``words``' language): option texts, values, the order or the pairs."""
    if isinstance(form, ChoiceForm):
        return "; ".join(one_line(o.text) for o in form.options if o.id in form.right)
    if isinstance(form, BooleanForm):
        return words("true" if form.value else "false")
    if isinstance(form, TextForm):
        answers = " | ".join(one_line(answer) for answer in form.accepted)
        if not form.normalize:
            return words("sheet_exact", answers=answers)
        rules = words("list_sep").join(words(f"rule_{rule}") for rule in form.normalize)
        return words("sheet_ignoring", answers=answers, rules=rules)
    if isinstance(form, NumberForm):
        # "90%" but "60 bn yuan": a percent sign sits against its number.
        unit = (form.unit if form.unit.startswith("%") else f" {form.unit}") if form.unit else ""
        tolerance = f" ± {plain_number(form.tolerance)}" if form.tolerance else ""
        return f"{plain_number(form.value)}{tolerance}{unit}"
    if isinstance(form, OrderForm):
        texts = {item.id: item.text for item in form.items}
        return "; ".join(f"{n}. {one_line(texts[item_id])}" for n, item_id in enumerate(form.order, start=1))
    return "; ".join(f"{one_line(left.text)} → {one_line(form.target_of(left.id).text)}" for left in form.left)


def plain_number(number: Decimal) -> str:
    """A number in plain decimal notation, without exponent or trailing zeros (``1E+1`` is ``10``)."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
