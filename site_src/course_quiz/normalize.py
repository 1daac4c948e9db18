"""Normalisation of short answers; the browser script applies the very same steps (quiz.js).

Order matters and is fixed: Unicode NFC, then diacritics, case, punctuation, whitespace. Leading and
trailing white space never counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACES = re.compile(r"\s+")


def normalize_answer(text: str, rules: Iterable[str]) -> str:
    """Return ``text`` with what ``rules`` ignore taken out, as the page compares it."""
    chosen = set(rules)
    value = unicodedata.normalize("NFC", text)
    if "diacritics" in chosen:
        decomposed = unicodedata.normalize("NFD", value)
        value = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    if "case" in chosen:
        value = value.lower()
    if "punctuation" in chosen:
        value = "".join(c for c in value if not unicodedata.category(c).startswith("P"))
    if "whitespace" in chosen:
        value = _SPACES.sub(" ", value)
    return value.strip()


def normalize_label(text: str) -> str:
    """Fold case and spaces of an option text, to find options that read the same."""
    return _SPACES.sub(" ", text.casefold()).strip()
