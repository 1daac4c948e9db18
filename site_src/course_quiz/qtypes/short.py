"""Short answer: typed text compared after normalising (case, whitespace, punctuation, diacritics)."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from course_quiz.model import Key
from course_quiz.normalize import normalize_answer
from course_quiz.qtypes.base import (
    KeyProblem,
    Parts,
    QuestionType,
    QuizReading,
    Response,
    key_of,
    key_paragraph,
    text_problem,
)
from course_quiz.qtypes.forms import TextForm
from course_quiz.yamlsource import YScalar, YSeq

if TYPE_CHECKING:
    from course_quiz.messages import Words
    from course_quiz.model import Question
    from course_quiz.pageread import PageKey, PageQuestion
    from course_quiz.textrender import TextRenderer
    from course_quiz.yamlsource import YMap

NORMALIZE_RULES = ("case", "whitespace", "punctuation", "diacritics")
DEFAULT_NORMALIZE = ("case", "whitespace")


@dataclass(frozen=True, slots=True)
class ShortKey(Key):
    """Accepted answers, compared after ``normalize``.

    Attributes:
        accepted: the answers as written, in the page's language (a translation's when it gives them).
        normalize: what comparing ignores, of ``NORMALIZE_RULES``.
        other_accepted: the answers of the course's other languages (``translation.localize_quiz``): a
            page accepts them too, so every language's page carries the same key and key stamp.

    """

    accepted: tuple[str, ...]
    normalize: tuple[str, ...] = DEFAULT_NORMALIZE
    other_accepted: tuple[str, ...] = ()


def _key(question: Question) -> ShortKey:
    return key_of(question, ShortKey)


def text_entry(name: str, mode: str, words: Words, unit: str = "") -> str:
    """The labelled text field of short and numeric questions; ``unit`` is HTML shown after it."""
    return (f'<p class="cq-entry"><label for="{name}-input">{words("your_answer")}</label> '
            f'<input type="text" id="{name}-input" name="{name}" inputmode="{mode}" autocomplete="off" '
            f'spellcheck="false">{unit}</p>')


class ShortType(QuestionType):
    """The key lists accepted answers; ``normalize`` says what comparison ignores."""

    name = "short"
    fields = ("answer", "normalize")

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """Accepted answers as written, and the normalising rules (default: case and whitespace)."""
        node = reader.answer_node(qmap)
        accepted: list[str] = []
        nodes = node.items if isinstance(node, YSeq) else (node,) if node is not None else ()
        for item in nodes:
            if isinstance(item, YScalar) and item.value is not None:
                accepted.append(item.value if isinstance(item.value, str) else item.text)
            elif not (isinstance(item, YScalar) and item.value is None):
                reader.add(item.line, "Q112", f"accepted answers of {label} must be text", item.column)
        normalize: tuple[str, ...] = DEFAULT_NORMALIZE
        entry = qmap.entries.get("normalize")
        if entry is not None:
            rules = entry.value.items if isinstance(entry.value, YSeq) else ()
            names = [r.value for r in rules if isinstance(r, YScalar)]
            if not isinstance(entry.value, YSeq) or len(names) != len(rules) \
                    or any(n not in NORMALIZE_RULES for n in names):
                reader.add(entry.value.line, "Q112", f"normalize of {label} must be a list of {', '.join(NORMALIZE_RULES)}", entry.value.column)
            normalize = tuple(r for r in NORMALIZE_RULES if r in names)
        return Parts(ShortKey(tuple(accepted), normalize))

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """Empty accepted answers, or two that read the same once normalised (Q206)."""
        label = f"short-answer question '{question.id}'"
        key = _key(question)
        normalized = [normalize_answer(a, key.normalize) for a in key.accepted]
        found: list[KeyProblem] = []
        if not normalized or any(not n for n in normalized):
            found.append(("Q206", f"{label} has an empty accepted answer; list at least one non-empty answer"))
        repeated = sorted(n for n, count in Counter(normalized).items() if count > 1 and n)
        if repeated:
            found.append(("Q206", f"{label} lists '{repeated[0]}' twice once {'/'.join(key.normalize) or 'nothing'} is ignored; remove the copy"))
        return found

    def canonical_answers(self, question: Question) -> list[str]:
        """Each accepted answer, normalised; those of the course's other languages too (one key for every page)."""
        key = _key(question)
        return sorted({normalize_answer(answer, key.normalize) for answer in key.accepted + key.other_accepted})

    def source_key(self, question: Question) -> object:
        """Accepted answers as written, and the rules: a change of rules is a change of key."""
        key = _key(question)
        return {"accepted": sorted(key.accepted), "normalize": list(key.normalize)}

    def key_rules(self, question: Question) -> dict[str, object]:
        """The normalising rules."""
        return {"normalize": list(_key(question).normalize)}

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """The accepted answers as written (those of the course's other languages after them), and what the comparison ignores."""
        def listed_answers(answers: tuple[str, ...]) -> str:
            return ", ".join(f"<code>{html.escape(answer, quote=False)}</code>" for answer in answers)

        key = _key(question)
        ignored = [words(f"ignore_{rule}") for rule in key.normalize]
        rule = words("key_short_ignoring", listed=words.listing(ignored)) if ignored else words("key_short_exact")
        elsewhere = (key_paragraph(words("key_short_elsewhere"), listed_answers(key.other_accepted))
                     if key.other_accepted else "")
        return (f'{key_paragraph(words("key_accepted"), listed_answers(key.accepted))}{elsewhere}'
                f'<p class="cq-key-rule">{rule}</p>')

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """A text field."""
        return text_entry(name, "text", words)

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The typed text, normalised by the page's rules."""
        return [normalize_answer(str(response), key.normalize)]

    def response_problem(self, question: Question, response: object) -> str | None:
        """A typed, non-blank text."""
        return text_problem(response)

    def right_responses(self, question: Question) -> list[Response]:
        """Every accepted answer as written."""
        return list(_key(question).accepted)

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """Near misses (empty, '?', an answer with a word added), minus any the key itself accepts."""
        key, accepted = _key(question), set(self.canonical_answers(question))
        near_misses = dict.fromkeys(["", "?", *(f"{answer} x" for answer in key.accepted)])
        return [text for text in near_misses if normalize_answer(text, key.normalize) not in accepted]


    def export_form(self, question: Question) -> TextForm:
        """The accepted answers as written, and what comparing them ignores."""
        key = _key(question)
        return TextForm(key.accepted, key.normalize)


SHORT = ShortType()
