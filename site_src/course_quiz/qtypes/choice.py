"""Single choice (one right option, radio buttons) and multiple choice (a set, checkboxes)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from course_quiz.contract import attr
from course_quiz.model import Key
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
from course_quiz.qtypes.forms import ChoiceForm

if TYPE_CHECKING:
    from course_quiz.messages import Words
    from course_quiz.model import Question
    from course_quiz.pageread import PageKey, PageQuestion
    from course_quiz.textrender import TextRenderer
    from course_quiz.yamlsource import YMap

_MAX_SUBSETS = 5040


@dataclass(frozen=True, slots=True)
class ChoiceKey(Key):
    """The option ids of the key, in the order written: one for single choice, the right set for multiple.

    As read: an unknown id, a repeated one or a count single choice does not allow is the key pass's.
    """

    ids: tuple[str, ...]


def _ids(question: Question) -> tuple[str, ...]:
    return key_of(question, ChoiceKey).ids


class ChoiceType(QuestionType):
    """Options with feedback; the key names option ids. ``multiple`` accepts exactly a set of them."""

    fields = ("options", "answer", "shuffle")

    def __init__(self, name: str) -> None:
        self.name = name
        self.multiple = name == "multiple"

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """Options (with feedback) and the option ids of the key."""
        options = reader.choices(qmap, "options", label, with_feedback=True)
        node = reader.answer_node(qmap)
        answer = reader.id_list(node, "answer", allow_scalar=True) if node is not None else ()
        shuffle = reader.flag(qmap, "shuffle", label, default=True)
        return Parts(ChoiceKey(answer), options=options, shuffle=shuffle)

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """Unknown option ids (Q201), not exactly one key for single (Q202), an empty set (Q203)."""
        found: list[KeyProblem] = []
        label = f"question '{question.id}'"
        option_ids = [o.id for o in question.options]
        answer_ids = _ids(question)
        for key_id in answer_ids:
            if key_id not in option_ids:
                found.append(("Q201", f"key of {label} names option '{key_id}', which does not exist; options are: {', '.join(option_ids)}"))
        if not self.multiple and len(answer_ids) != 1:
            count = "no key" if not answer_ids else f"{len(answer_ids)} keys"
            found.append(("Q202", f"single-choice {label} has {count}; give exactly one option id as answer (use type: multiple for several)"))
        if self.multiple:
            if not answer_ids:
                found.append(("Q203", f"multiple-choice {label} has an empty key; list the right option ids"))
            elif len(set(answer_ids)) != len(answer_ids):
                found.append(("Q201", f"key of {label} names an option more than once"))
        return found

    def canonical_answers(self, question: Question) -> list[str]:
        """One canonical answer: the key's ids, sorted for a set."""
        return [",".join(sorted(_ids(question)))]

    def source_key(self, question: Question) -> object:
        """The option id (single) or the sorted ids (multiple)."""
        ids = _ids(question)
        return sorted(ids) if self.multiple else ids[0]

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """The right option or options, then every option marked right or wrong, in the page's order."""
        right = set(_ids(question))
        rows = []
        for option in question.shown_options:
            verdict, mark = ("right", words("key_right")) if option.id in right else ("wrong", words("key_wrong"))
            feedback = (f'<div class="cq-key-feedback">{text.block(option.feedback)}</div>'
                        if option.feedback else "")
            rows.append(f'<li class="cq-key-{verdict}"><span class="cq-key-mark">{mark}:</span> '
                        f"{text.inline(option.text)}{feedback}</li>")
        answer = "; ".join(text.inline(o.text) for o in question.shown_options if o.id in right)
        label = words("key_right_options") if self.multiple else words("key_right_option")
        return f'{key_paragraph(label, answer)}<ul class="cq-key-options">{"".join(rows)}</ul>'

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """A radio button or checkbox per option, in the shown order, each with its hidden feedback."""
        control = "checkbox" if self.multiple else "radio"
        rows = []
        for option in question.shown_options:
            # quiz.js links the chosen option's input to its feedback (aria-describedby) once it is shown.
            feedback = (f'<div class="cq-option-feedback" id="{name}-{attr(option.id)}-feedback" hidden>'
                        f'{text.block(option.feedback)}</div>'
                        if option.feedback else "")
            rows.append(f'<div class="cq-option" data-option-id="{attr(option.id)}"><label>'
                        f'<input type="{control}" name="{name}" value="{attr(option.id)}"> '
                        f'<span class="cq-option-text">{text.inline(option.text)}</span></label>{feedback}</div>')
        note = f'<p class="cq-note">{words("select_all")}</p>' if self.multiple else ""
        return f'{note}<div class="cq-options">{"".join(rows)}</div>'

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The chosen id, or the chosen ids sorted and joined with commas."""
        if isinstance(response, str):
            return [response]
        return [",".join(sorted(response))]

    def response_problem(self, question: Question, response: object) -> str | None:
        """An option id (single), or a non-empty list of distinct option ids (multiple)."""
        option_ids = [o.id for o in question.options]
        if self.multiple:
            return "chooses no option" if response == [] else unknown_ids(response, option_ids, "option")
        return unknown_ids([response], option_ids, "option") if isinstance(response, str) \
            else "expected one option id"

    def right_responses(self, question: Question) -> list[Response]:
        """The key itself."""
        ids = _ids(question)
        return [list(ids)] if self.multiple else [ids[0]]

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """Every other option, or every other subset of the options offered (up to 5,040)."""
        if not self.multiple:
            return [option for option in found.option_ids if option != _ids(question)[0]]
        right = sorted(_ids(question))
        subsets = itertools.chain.from_iterable(
            itertools.combinations(found.option_ids, size) for size in range(len(found.option_ids) + 1))
        return [list(subset) for subset in itertools.islice(subsets, _MAX_SUBSETS) if sorted(subset) != right]

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """The options offered, in order, must be the ones the source shows, in the order it shows them."""
        expected = [o.id for o in question.shown_options]
        return None if found.option_ids == expected else f"offers {found.option_ids}, source has {expected}"


    def export_form(self, question: Question) -> ChoiceForm:
        """The options, the right ones marked."""
        ids = _ids(question)
        right = tuple(o.id for o in question.options if o.id in ids)
        return ChoiceForm(question.options, right, self.multiple)


SINGLE = ChoiceType("single")
MULTIPLE = ChoiceType("multiple")
