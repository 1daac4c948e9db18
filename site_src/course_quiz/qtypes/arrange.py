"""Order (put items in sequence) and match (pair each left entry with a right one): a select per entry.

Both are answered with drop-down lists, so they work with a keyboard and a screen reader; nothing
needs drag and drop.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from course_quiz.contract import attr
from course_quiz.model import Choice, Key, is_id
from course_quiz.qtypes.base import (
    KeyProblem,
    Parts,
    QuestionType,
    QuizReading,
    Response,
    key_of,
    key_paragraph,
    unknown_ids,
)
from course_quiz.qtypes.forms import OrderForm, PairsForm
from course_quiz.textrender import plain_text
from course_quiz.yamlsource import YMap, YScalar

if TYPE_CHECKING:
    from course_quiz.messages import Words
    from course_quiz.model import Question
    from course_quiz.pageread import PageKey, PageQuestion
    from course_quiz.textrender import TextRenderer

# Every arrangement is tried up to this many entries (24); beyond it, every arrangement one swap away.
# The stored digests must equal the source's exactly (checked first), so a wrong arrangement could only
# pass through a collision of 64-bit digests.
FULL_ENUMERATION = 4


@dataclass(frozen=True, slots=True)
class OrderKey(Key):
    """The item ids in the right order (as read: the key pass checks that they are the items, each once)."""

    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MatchKey(Key):
    """(left id, right id) pairs in the order written (as read: the key pass checks they are one-to-one)."""

    pairs: tuple[tuple[str, str], ...]


def _order(question: Question) -> tuple[str, ...]:
    return key_of(question, OrderKey).ids


def _pairs(question: Question) -> tuple[tuple[str, str], ...]:
    return key_of(question, MatchKey).pairs


def _select_row(text: TextRenderer, choice: Choice, name: str, options: str, role: str) -> str:
    select_id = f"{name}-{attr(choice.id)}"
    return (f'<li class="cq-row" data-{role}-id="{attr(choice.id)}"><label for="{select_id}">'
            f'<span class="cq-row-text">{text.inline(choice.text)}</span></label> '
            f'<select id="{select_id}" data-{role}-id="{attr(choice.id)}">{options}</select></li>')


def _one_swap_away(sequence: list[str]) -> list[list[str]]:
    found = []
    for first, second in itertools.combinations(range(len(sequence)), 2):
        swapped = list(sequence)
        swapped[first], swapped[second] = swapped[second], swapped[first]
        found.append(swapped)
    return found


class OrderType(QuestionType):
    """Items listed scrambled; the key is their ids in the right order."""

    name = "order"
    fields = ("items", "answer")

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """The items and the ids of the key in order."""
        items = reader.choices(qmap, "items", label, with_feedback=False)
        node = reader.answer_node(qmap)
        answer = reader.id_list(node, "answer", allow_scalar=False) if node is not None else ()
        return Parts(OrderKey(answer), items=items)

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """A missing key (Q111), or one that is not a permutation of the items (Q208)."""
        label = f"order question '{question.id}'"
        if "answer" not in question.lines:
            return [("Q111", f"{label} is missing 'answer' (the item ids in the right order)")]
        item_ids = [i.id for i in question.items]
        order = _order(question)
        if sorted(order) == sorted(item_ids):
            return []
        missing = [i for i in item_ids if i not in order]
        unknown = [i for i in order if i not in item_ids]
        twice = sorted({i for i in order if order.count(i) > 1})
        details = "; ".join(part for part in (f"missing {', '.join(missing)}" if missing else "",
                                              f"unknown {', '.join(unknown)}" if unknown else "",
                                              f"repeated {', '.join(twice)}" if twice else "") if part)
        return [("Q208", f"order key of question '{question.id}' is not a permutation of its items ({details})")]

    def canonical_answers(self, question: Question) -> list[str]:
        """The ids in order, joined with commas."""
        return [",".join(_order(question))]

    def source_key(self, question: Question) -> object:
        """The ids in order."""
        return list(_order(question))

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """The items in the right order."""
        texts = {item.id: item.text for item in question.items}
        rows = "".join(f"<li>{text.inline(texts[item_id])}</li>" for item_id in _order(question))
        return f'{key_paragraph(words("key_right_order"))}<ol class="cq-key-order">{rows}</ol>'

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """A position list per item."""
        positions = "".join(f'<option value="{n}">{n}</option>' for n in range(1, len(question.items) + 1))
        rows = "".join(_select_row(text, item, name, f'<option value="">{words("position")}</option>{positions}', "item")
                       for item in question.items)
        return f'<p class="cq-note">{words("order_note")}</p><ul class="cq-order">{rows}</ul>'

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The ids in the order given."""
        assert not isinstance(response, (str, Mapping))
        return [",".join(response)]

    def response_problem(self, question: Question, response: object) -> str | None:
        """Every item id, each once, in the order given."""
        item_ids = [item.id for item in question.items]
        problem = unknown_ids(response, item_ids, "item")
        if problem is None and isinstance(response, list) and len(response) != len(item_ids):
            return f"orders {len(response)} of the {len(item_ids)} items"
        return problem

    def right_responses(self, question: Question) -> list[Response]:
        """The key."""
        return [list(_order(question))]

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """Every other order of the items offered, or beyond four items every order one swap away."""
        right = list(_order(question))
        if len(found.item_ids) <= FULL_ENUMERATION:
            return [list(p) for p in itertools.permutations(found.item_ids) if list(p) != right]
        return list(_one_swap_away(right))

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """The items, in order, must be the source's."""
        expected = [i.id for i in question.items]
        return None if found.item_ids == expected else f"orders {found.item_ids}, source has {expected}"

    def export_form(self, question: Question) -> OrderForm:
        """The items as listed, and the right order."""
        return OrderForm(question.items, _order(question))


class MatchType(QuestionType):
    """Left and right entries; the key maps every left id to a distinct right id."""

    name = "match"
    fields = ("left", "right", "answer")

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """Both sides and the pairs of the key, in the order written."""
        left = reader.choices(qmap, "left", label, with_feedback=False)
        right = reader.choices(qmap, "right", label, with_feedback=False)
        node = reader.answer_node(qmap)
        pairs: list[tuple[str, str]] = []
        if isinstance(node, YMap):
            for key, entry in node.entries.items():
                target = reader.ident(entry.value, f"match target of '{key}'")
                if not is_id(key):
                    reader.add(entry.key_line, "Q116", f"match key '{key}' of {label} is not a valid id",
                               entry.key_column)
                elif target is not None:
                    pairs.append((key, target))
        elif node is not None and not (isinstance(node, YScalar) and node.value is None):
            reader.add(node.line, "Q112", f"answer of {label} must map each left id to a right id", node.column)
        return Parts(MatchKey(tuple(pairs)), left=left, right=right)

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """A missing key (Q111), or one that is not one-to-one onto existing ids (Q209)."""
        label = f"match question '{question.id}'"
        if "answer" not in question.lines:
            return [("Q111", f"{label} is missing 'answer' (a map from left ids to right ids)")]
        left_ids = [c.id for c in question.left]
        right_ids = [c.id for c in question.right]
        pairs = _pairs(question)
        keyed = [left for left, _ in pairs]
        targets = [right for _, right in pairs]
        issues = [text for text in (
            f"unknown left ids {', '.join(i for i in keyed if i not in left_ids)}"
            if any(i not in left_ids for i in keyed) else "",
            f"unknown right ids {', '.join(i for i in targets if i not in right_ids)}"
            if any(i not in right_ids for i in targets) else "",
            f"left ids without a match: {', '.join(i for i in left_ids if i not in keyed)}"
            if any(i not in keyed for i in left_ids) else "",
            f"right ids used more than once: {', '.join(sorted({t for t in targets if targets.count(t) > 1}))}"
            if len(set(targets)) != len(targets) else "") if text]
        if len(right_ids) != len(left_ids) and not issues:
            issues.append(f"{len(left_ids)} left entries but {len(right_ids)} right entries")
        if not issues:
            return []
        return [("Q209", f"match key of question '{question.id}' is not one-to-one onto existing ids: {'; '.join(issues)}")]

    def canonical_answers(self, question: Question) -> list[str]:
        """``left=right`` pairs sorted by left id, joined with commas."""
        return [",".join(f"{left}={right}" for left, right in sorted(_pairs(question)))]

    def source_key(self, question: Question) -> object:
        """The pairs, as a map sorted by left id."""
        return dict(sorted(_pairs(question)))

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """Each left entry, in the page's order, with its right entry."""
        rights = {choice.id: choice.text for choice in question.right}
        pairs = dict(_pairs(question))
        rows = "".join(f"<li>{text.inline(left.text)} → {text.inline(rights[pairs[left.id]])}</li>"
                       for left in question.left if left.id in pairs)
        return f'{key_paragraph(words("key_right_pairs"))}<ul class="cq-key-pairs">{rows}</ul>'

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """A list of the right entries beside each left entry."""
        targets = "".join(f'<option value="{attr(r.id)}">{attr(plain_text(text.inline(r.text)))}</option>'
                          for r in question.right)
        rows = "".join(_select_row(text, left, name, f'<option value="">{words("choose_match")}</option>{targets}', "left")
                       for left in question.left)
        return f'<ul class="cq-match">{rows}</ul>'

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The pairs given, sorted by left id."""
        assert isinstance(response, Mapping)
        return [",".join(f"{left}={right}" for left, right in sorted(response.items()))]

    def response_problem(self, question: Question, response: object) -> str | None:
        """Each left id, mapped to a right id."""
        if not isinstance(response, dict) or not all(isinstance(v, str) for v in response.values()):
            return "expected an object of left ids to right ids"
        left_ids, right_ids = {c.id for c in question.left}, {c.id for c in question.right}
        if set(response) != left_ids:
            return f"pairs {len(set(response) & left_ids)} of the {len(left_ids)} entries, or names an unknown one"
        strangers = [value for value in response.values() if value not in right_ids]
        return f"names '{strangers[0][:40]}', which is no right-hand entry of the question" if strangers else None

    def right_responses(self, question: Question) -> list[Response]:
        """The key."""
        return [dict(_pairs(question))]

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """Every other matching of the entries offered, or beyond four entries every one a swap away."""
        pairs = _pairs(question)
        right = dict(pairs)
        if len(found.left_ids) <= FULL_ENUMERATION:
            return [matching for targets in itertools.permutations(found.target_ids, len(found.left_ids))
                    if (matching := dict(zip(found.left_ids, targets, strict=True))) != right]
        lefts = [left for left, _ in pairs]
        return [dict(zip(lefts, swapped, strict=True))
                for swapped in _one_swap_away([right_id for _, right_id in pairs])]

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """The left entries in order, and the right entries offered, must be the source's."""
        if found.left_ids != [c.id for c in question.left] or \
                sorted(found.target_ids) != sorted(c.id for c in question.right):
            return "match entries differ from the source"
        return None

    def export_form(self, question: Question) -> PairsForm:
        """Both sides and the pairs, in left order."""
        targets = dict(_pairs(question))
        return PairsForm(question.left, question.right, tuple((c.id, targets[c.id]) for c in question.left))


ORDER = OrderType()
MATCH = MatchType()
