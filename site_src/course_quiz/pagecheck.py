"""Checking an answer against the key data a page carries: the same rules as ``browser/quiz.js``.

``verify`` uses this to prove what a page accepts, and tests use it to recover a key from a page by
trying every possible answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from course_quiz.keycodec import digest
from course_quiz.qtypes import KINDS, Response


@dataclass(frozen=True)
class PageKey:
    """The key data of one question as found in a page (``data-key``), and the unit it shows."""

    salt: str
    digests: frozenset[str]
    normalize: tuple[str, ...] = ()
    decimals: int = 0
    unit: str = ""
    rules: str = "{}"  # every field besides salt and digests, as sorted JSON (see ``rules_text``)

    @classmethod
    def parse(cls, key_json: str, unit: str = "") -> PageKey | None:
        """Read ``data-key``; ``None`` when it is not valid key data."""
        try:
            data = json.loads(key_json)
            rules = {name: value for name, value in data.items() if name not in ("salt", "digests")}
            return cls(str(data["salt"]), frozenset(str(d) for d in data["digests"]),
                       tuple(str(rule) for rule in data.get("normalize", ())), int(data.get("decimals", 0)), unit,
                       rules_text(rules))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def rules_text(rules: dict[str, object]) -> str:
    """Comparison rules of a key as sorted JSON, so that a page's and the source's can be compared."""
    return json.dumps(rules, sort_keys=True, separators=(",", ":"))


def accepts(question_type: str, key: PageKey, response: Response) -> bool:
    """Tell whether the page would mark ``response`` right."""
    canonical = KINDS[question_type].canonical_response(response, key)
    return all(digest(key.salt, c) in key.digests for c in canonical)
