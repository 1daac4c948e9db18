"""Numeric: a typed number, right within ``value ± tolerance`` at the key's decimals, with an optional unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from course_quiz.contract import attr
from course_quiz.model import Key
from course_quiz.qtypes.base import (
    KeyProblem,
    Parts,
    QuestionType,
    QuizReading,
    Response,
    UnreadKey,
    key_of,
    key_paragraph,
    text_problem,
)
from course_quiz.qtypes.forms import NumberForm, plain_number
from course_quiz.qtypes.short import text_entry
from course_quiz.yamlsource import YScalar

if TYPE_CHECKING:
    from course_quiz.messages import Words
    from course_quiz.model import Question
    from course_quiz.pageread import PageKey, PageQuestion
    from course_quiz.textrender import TextRenderer
    from course_quiz.yamlsource import YMap, YNode

MAX_NUMERIC_VALUES = 2001
# Keys stay within what quiz.js and the grid of accepted values handle exactly.
MAX_MAGNITUDE = Decimal(10) ** 15
MAX_DECIMALS = 10
NUMERIC_KEYS = ("value", "tolerance", "unit")
_NUMBER = re.compile(r"^([+-]?)(\d*)(?:\.(\d*))?$")


@dataclass(frozen=True, slots=True)
class NumericKey(Key):
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


def _key(question: Question) -> NumericKey:
    return key_of(question, NumericKey)


def numeric_grid(key: NumericKey) -> range:
    """Every accepted value as an integer count of ``10**-decimals`` steps (value ± tolerance)."""
    scale = Decimal(10) ** key.decimals
    return range(int((key.value - key.tolerance) * scale), int((key.value + key.tolerance) * scale) + 1)


def numeric_bounds(raw: str, decimals: int, unit: str = "") -> tuple[int, int] | None:
    """Floor and ceiling of a typed number in steps of ``10**-decimals``; ``None`` if it is no number.

    A decimal comma is accepted when there is no decimal point; a trailing unit or % is ignored. The
    same rules as ``numericBounds`` in quiz.js.
    """
    text = re.sub(r"[\s\u00a0\u202f]", "", raw)
    if unit and text.lower().endswith(unit.lower().replace(" ", "")):
        text = text[: len(text) - len(unit.replace(" ", ""))]
    text = text.removesuffix("%")
    text = text.replace(",", "") if "." in text else text.replace(",", ".")
    match = _NUMBER.match(text)
    if not match or not (match.group(2) or match.group(3)):
        return None
    sign, whole, fraction = match.group(1), match.group(2) or "0", match.group(3) or ""
    kept = fraction[:decimals].ljust(decimals, "0")
    magnitude = int(whole + kept)
    inexact = bool(fraction[decimals:].strip("0"))
    if sign == "-":
        return (-magnitude - 1 if inexact else -magnitude), -magnitude
    return magnitude, (magnitude + 1 if inexact else magnitude)


def number_text(steps: int, decimals: int) -> str:
    """Write ``steps * 10**-decimals`` as plain decimal text, for trying numeric answers."""
    return format(Decimal(steps).scaleb(-decimals), "f")


class NumericType(QuestionType):
    """The key is ``{value, tolerance, unit}`` or a bare number (tolerance 0)."""

    name = "numeric"
    fields = ("answer",)

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """The key's value, tolerance and unit; each unusable number is reported (Q207)."""
        node = reader.answer_node(qmap)
        if node is None:
            return Parts(UnreadKey())
        if isinstance(node, YScalar):
            value = self._number(reader, node, f"answer of {label}")
            return Parts(NumericKey(value, Decimal(0)) if value is not None else UnreadKey())
        amap = reader.expect_map(node, f"answer of {label}")
        if amap is None:
            return Parts(UnreadKey())
        reader.check_keys(amap, NUMERIC_KEYS, f"the answer of {label}")
        value = self._number(reader, reader.require(amap, "value", f"answer of {label}", code="Q207"),
                             f"value of {label}")
        tolerance: Decimal | None = Decimal(0)
        tolerance_entry = amap.entries.get("tolerance")
        if tolerance_entry is not None:
            tolerance = self._number(reader, tolerance_entry.value, f"tolerance of {label}")
            if tolerance is not None and tolerance < 0:
                reader.add(tolerance_entry.value.line, "Q207", f"tolerance of {label} is negative ({tolerance}); give a number of zero or more", tolerance_entry.value.column)
                tolerance = None
        unit_entry = amap.entries.get("unit")
        unit = reader.text(unit_entry.value, f"unit of {label}", required=False) if unit_entry else None
        if value is None or tolerance is None:
            return Parts(UnreadKey())
        return Parts(NumericKey(value, tolerance, (unit or "").strip()))

    @staticmethod
    def _number(reader: QuizReading, node: YNode | None, what: str) -> Decimal | None:
        if node is None:
            return None
        shown = node.text if isinstance(node, YScalar) else "a list or mapping"
        if len(shown) > 40:
            shown = f"{shown[:20]}... ({len(shown)} characters)"
        if isinstance(node, YScalar) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            try:
                number = Decimal(node.text.replace("_", ""))
            except InvalidOperation:  # YAML spellings Decimal does not read: 0x1f, .inf, 1_000.5e3
                number = Decimal(str(node.value))
            if number.is_finite():
                if abs(number) < MAX_MAGNITUDE and decimals_of(number) <= MAX_DECIMALS:
                    return number
                reader.add(node.line, "Q207", f"{what} is {shown}; give a number below 10^15 with at most {MAX_DECIMALS} decimals", node.column)
                return None
        if isinstance(node, YScalar) and isinstance(node.value, str) and _reads_as_number(node.value):
            reader.add(node.line, "Q207", f"{what} must be a number, but YAML reads '{shown}' as text: {_as_yaml_number(node.value.strip())}", node.column)
            return None
        reader.add(node.line, "Q207", f"{what} must be a number, not '{shown}'", node.column)
        return None

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """A missing key (Q111) or one that accepts more values than a page can store (Q207)."""
        label = f"numeric question '{question.id}'"
        if isinstance(question.key, UnreadKey):  # an unusable number in the key was reported where it was read
            return [] if "answer" in question.lines else [
                ("Q111", f"{label} is missing 'answer' ({{value: ..., tolerance: ..., unit: ...}})")]
        key = _key(question)
        count = len(numeric_grid(key))
        if count > MAX_NUMERIC_VALUES:
            return [("Q207", f"tolerance of {label} accepts {count} values at {key.decimals} decimals; the page can check at most {MAX_NUMERIC_VALUES}: narrow the tolerance or use fewer decimals")]
        return []

    def canonical_answers(self, question: Question) -> list[str]:
        """Every value of the grid, as a count of steps."""
        return [str(step) for step in numeric_grid(_key(question))]

    def source_key(self, question: Question) -> object:
        """Value, tolerance and unit."""
        key = _key(question)
        return {"value": plain_number(key.value), "tolerance": plain_number(key.tolerance), "unit": key.unit}

    def key_rules(self, question: Question) -> dict[str, object]:
        """The decimals at which answers are compared."""
        return {"decimals": _key(question).decimals}

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """Value ± tolerance and unit, and the range accepted at the compared decimals."""
        key = _key(question)
        unit = f" {attr(key.unit)}" if key.unit else ""
        grid, decimals = numeric_grid(key), key.decimals
        low, high = number_text(grid[0], decimals), number_text(grid[-1], decimals)
        accepted = (words("key_numeric_only", low=low, unit=unit) if low == high
                    else words("key_numeric_range", low=low, high=high, unit=unit))
        rule = words("key_numeric_rule_one" if decimals == 1 else "key_numeric_rule_other", accepted=accepted,
                     decimals=decimals, unit_clause=words("key_numeric_unit_clause") if key.unit else "")
        answer = f"{plain_number(key.value)} ± {plain_number(key.tolerance)}{unit}"
        return f'{key_paragraph(words("key_answer"), answer)}<p class="cq-key-rule">{rule}</p>'

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """A text field for a decimal number, with the unit after it."""
        unit = _key(question).unit
        return text_entry(name, "decimal", words, f' <span class="cq-unit">{attr(unit)}</span>' if unit else "")

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """Floor and ceiling of the typed number at the key's decimals: both must be accepted."""
        bounds = numeric_bounds(str(response), key.decimals, key.unit)
        return ["not-a-number"] if bounds is None else [str(bounds[0]), str(bounds[1])]

    def response_problem(self, question: Question, response: object) -> str | None:
        """A typed, non-blank text (any text: one that is no number is checked, and wrong)."""
        return text_problem(response)

    def right_responses(self, question: Question) -> list[Response]:
        """Both ends of the range and the value as written."""
        key = _key(question)
        grid, decimals = numeric_grid(key), key.decimals
        return [number_text(grid[0], decimals), number_text(grid[-1], decimals), plain_number(key.value)]

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """One step outside either end, half a step above the top, and no number at all."""
        key = _key(question)
        grid, decimals = numeric_grid(key), key.decimals
        half_step_above = Decimal(2 * grid[-1] + 1).scaleb(-decimals) / 2
        return [number_text(grid[0] - 1, decimals), number_text(grid[-1] + 1, decimals),
                format(half_step_above, "f"), "not a number"]

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """The unit shown must be the source's."""
        unit = _key(question).unit
        return None if found.unit == unit else f"shows the unit '{found.unit}', source has '{unit}'"


    def export_form(self, question: Question) -> NumberForm:
        """Value, tolerance and unit."""
        key = _key(question)
        return NumberForm(key.value, key.tolerance, key.unit)


NUMERIC = NumericType()


def _reads_as_number(text: str) -> bool:
    """Whether ``text`` (a YAML string) is a number to a reader: ``1e20``, or ``7`` in quotes."""
    try:
        return Decimal(text.strip()).is_finite()
    except InvalidOperation:
        return False


def _as_yaml_number(text: str) -> str:
    """How to write ``text`` so that YAML reads a number."""
    mantissa, exponent_mark, exponent = text.lower().partition("e")
    if not exponent_mark:
        return "write it without quotes"
    mantissa = mantissa if "." in mantissa else f"{mantissa}.0"
    exponent = exponent if exponent[:1] in ("+", "-") else f"+{exponent}"
    return (f"YAML's numbers with an exponent need a dot and a signed exponent, so write {mantissa}e{exponent}, "
            "or the number in full")
