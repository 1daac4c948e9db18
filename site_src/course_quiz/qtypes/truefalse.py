"""True or false: two radio buttons, the key a YAML boolean."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from course_quiz.model import Key
from course_quiz.qtypes.base import KeyProblem, Parts, QuestionType, QuizReading, Response, key_of, key_paragraph
from course_quiz.qtypes.forms import BooleanForm
from course_quiz.yamlsource import YScalar, YSeq

if TYPE_CHECKING:
    from course_quiz.messages import Words
    from course_quiz.model import Question
    from course_quiz.pageread import PageKey, PageQuestion
    from course_quiz.textrender import TextRenderer
    from course_quiz.yamlsource import YMap

_CHOICES = ("true", "false")


@dataclass(frozen=True, slots=True)
class BoolKey(Key):
    """Every boolean given as the answer: exactly one once the key pass accepts it (``value``)."""

    values: tuple[bool, ...]

    @property
    def value(self) -> bool:
        """The one value of a key the key pass accepted."""
        return self.values[0]


class TrueFalseType(QuestionType):
    """The key is ``true`` or ``false`` (unquoted); the page offers the two as options."""

    name = "true-false"
    fields = ("answer",)

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """Every boolean given as answer (more or none is a key problem, reported by ``key_problems``)."""
        node = reader.answer_node(qmap)
        values: list[bool] = []
        nodes = node.items if isinstance(node, YSeq) else (node,) if node is not None else ()
        for item in nodes:
            if isinstance(item, YScalar) and isinstance(item.value, bool):
                values.append(item.value)
            elif not (isinstance(item, YScalar) and item.value is None):
                reader.add(item.line, "Q112", f"answer of {label} must be true or false (without quotes)",
                           item.column)
        return Parts(BoolKey(tuple(values)))

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """Exactly one value (Q202)."""
        values = key_of(question, BoolKey).values
        if len(values) == 1:
            return []
        count = "no key" if not values else f"{len(values)} keys"
        return [("Q202", f"true-false question '{question.id}' has {count}; answer must be exactly true or false")]

    def canonical_answers(self, question: Question) -> list[str]:
        """``true`` or ``false``."""
        return ["true" if key_of(question, BoolKey).value else "false"]

    def source_key(self, question: Question) -> object:
        """The boolean."""
        return key_of(question, BoolKey).value

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """True or False."""
        return key_paragraph(words("key_answer"), words("true" if key_of(question, BoolKey).value else "false"))

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """Two radio buttons, True first."""
        rows = "".join(f'<div class="cq-option" data-option-id="{value}"><label><input type="radio" name="{name}" '
                       f'value="{value}"> <span class="cq-option-text">{words(value)}</span></label></div>'
                       for value in _CHOICES)
        return f'<div class="cq-options">{rows}</div>'

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The chosen value."""
        return [str(response)]

    def response_problem(self, question: Question, response: object) -> str | None:
        """"true" or "false"."""
        return None if response in _CHOICES else "expected \"true\" or \"false\""

    def right_responses(self, question: Question) -> list[Response]:
        """The key."""
        return list(self.canonical_answers(question))

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """The other value."""
        right = self.canonical_answers(question)
        return [value for value in _CHOICES if value not in right]

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """The page offers true, then false."""
        return None if found.option_ids == list(_CHOICES) else f"offers {found.option_ids}, not true and false"


    def export_form(self, question: Question) -> BooleanForm:
        """The value."""
        return BooleanForm(key_of(question, BoolKey).value)


TRUE_FALSE = TrueFalseType()
