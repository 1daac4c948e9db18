"""Checking an answer against the key data a page carries: the same rules as ``assets/quiz.js``.

``verify`` uses this to prove that each built page accepts exactly the source key, and tests use it to
recover a key from a page by trying every possible answer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from course_quiz.keycodec import canonical_ids, canonical_pairs, digest
from course_quiz.normalize import normalize_answer

_NUMBER = re.compile(r"^([+-]?)(\d*)(?:\.(\d*))?$")

Response = str | Sequence[str] | Mapping[str, str]


@dataclass(frozen=True)
class PageKey:
    """The key data of one question as found in a page (``data-key``)."""

    salt: str
    digests: frozenset[str]
    normalize: tuple[str, ...] = ()
    decimals: int = 0
    unit: str = ""


def numeric_bounds(raw: str, decimals: int, unit: str = "") -> tuple[int, int] | None:
    """Floor and ceiling of a typed number in steps of ``10**-decimals``; ``None`` if it is no number.

    A decimal comma is accepted when there is no decimal point; a trailing unit is ignored.
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
    rest = fraction[decimals:]
    magnitude = int(whole + kept)
    inexact = bool(rest.strip("0"))
    if sign == "-":
        return (-magnitude - 1 if inexact else -magnitude), -magnitude
    return magnitude, (magnitude + 1 if inexact else magnitude)


def canonical_response(question_type: str, response: Response, key: PageKey) -> list[str]:
    """The canonical strings whose digests must all be in the key for ``response`` to be right."""
    if question_type in ("single", "true-false"):
        return [str(response)]
    if question_type in ("multiple", "order"):
        assert not isinstance(response, (str, Mapping))
        return [canonical_ids(question_type, list(response))]
    if question_type == "match":
        assert isinstance(response, Mapping)
        return [canonical_pairs(list(response.items()))]
    assert isinstance(response, str)
    if question_type == "short":
        return [normalize_answer(response, key.normalize)]
    bounds = numeric_bounds(response, key.decimals, key.unit)
    if bounds is None:
        return ["not-a-number"]
    return [str(bounds[0]), str(bounds[1])]


def accepts(question_type: str, key: PageKey, response: Response) -> bool:
    """Tell whether the page would mark ``response`` right."""
    canonical = canonical_response(question_type, response, key)
    return all(digest(key.salt, c) in key.digests for c in canonical)


def candidate_responses(question_type: str, ids: Sequence[str], targets: Sequence[str] = (),
                        limit: int = 5040) -> Iterator[Response]:
    """Every possible answer to a choice, order or match question (at most ``limit`` of them)."""
    if question_type == "true-false":
        yield from ("true", "false")
    elif question_type == "single":
        yield from ids
    elif question_type == "multiple":
        subsets = itertools.chain.from_iterable(itertools.combinations(ids, n) for n in range(len(ids) + 1))
        yield from itertools.islice((list(s) for s in subsets), limit)
    elif question_type == "order":
        yield from itertools.islice((list(p) for p in itertools.permutations(ids)), limit)
    elif question_type == "match":
        yield from itertools.islice((dict(zip(ids, p, strict=True)) for p in itertools.permutations(targets)),
                                    limit)


def number_text(steps: int, decimals: int) -> str:
    """Write ``steps * 10**-decimals`` as plain decimal text, for trying numeric answers."""
    return format(Decimal(steps).scaleb(-decimals), "f")
