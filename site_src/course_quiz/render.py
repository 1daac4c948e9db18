"""Renders a quiz to HTML: native form controls, readable without JavaScript, key stored as digests.

The markup is the contract with ``assets/quiz.js`` (which makes it interactive) and with ``verify``
(which reads it back from built pages): every quiz carries ``data-quiz-id``, every question
``data-question-id``, ``data-type`` and ``data-key`` (salt and digests, see ``keycodec``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from course_quiz.keycodec import page_key
from course_quiz.model import Choice, Question, Quiz
from course_quiz.textrender import TextRenderer, plain_text

QUIZ_END_MARK = "<!-- /cq-quiz -->"


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


class QuizRenderer:
    """Renders quizzes; one instance is reused for a whole build (it caches rendered texts)."""

    def __init__(self) -> None:
        self.text = TextRenderer()

    def render(self, quiz: Quiz, review_titles: Mapping[str, str] | None = None) -> str:
        """Return the HTML of ``quiz``.

        Args:
            quiz: The quiz to render.
            review_titles: Heading texts by anchor in the lesson, used to label review links.

        """
        titles = review_titles or {}
        count = len(quiz.questions)
        parts = [
            # A <section>, not a <div>: Material's search parser compares elements by tag name, so an
            # excluded <div> stops being excluded at the first inner </div>. Nothing inside is a section.
            f'<section class="cq-quiz" data-quiz-id="{_attr(quiz.id)}" data-cq-format="1" data-search-exclude>',
            f'<p class="cq-quiz-title">{self.text.inline(quiz.title)}</p>',
            f'<p class="cq-quiz-intro">{count} question{"s" if count != 1 else ""}. Answers are checked in '
            'your browser and your progress is saved in this browser only.</p>',
        ]
        for number, question in enumerate(quiz.questions, start=1):
            parts.append(self.render_question(question, number, count, titles))
        parts.append(
            '<div class="cq-summary"><p class="cq-score" role="status" aria-live="polite"></p>'
            '<button type="button" class="cq-reset">Reset quiz</button></div>'
        )
        parts.append("</section>" + QUIZ_END_MARK)
        return "\n".join(parts)

    def render_question(self, question: Question, number: int, count: int, titles: Mapping[str, str]) -> str:
        """Return the HTML of one question."""
        base = f"cq-{question.quiz_id}-{question.id}"
        key = json.dumps(page_key(question), separators=(",", ":"))
        prompt_inline = self.text.is_inline(question.prompt)
        legend_prompt = (f' <span class="cq-prompt" id="{base}-prompt">{self.text.inline(question.prompt)}</span>'
                         if prompt_inline else "")
        parts = [
            f'<form class="cq-question" data-quiz-id="{_attr(question.quiz_id)}" '
            f'data-question-id="{_attr(question.id)}" data-type="{question.type}" '
            # Single quotes: the JSON has none, and the attribute stays readable (no &quot;).
            f"data-key='{key}' id=\"{_attr(base)}\" novalidate>",
            "<fieldset>" if prompt_inline else f'<fieldset aria-describedby="{_attr(base)}-prompt">',
            f'<legend><span class="cq-number">Question {number} of {count}</span>{legend_prompt}</legend>',
        ]
        if not prompt_inline:
            parts.append(f'<div class="cq-prompt" id="{_attr(base)}-prompt">{self.text.block(question.prompt)}</div>')
        parts.append(self._body(question, base))
        if question.hint:
            parts.append(f'<details class="cq-hint"><summary>Hint</summary>{self.text.block(question.hint)}</details>')
        parts.append(
            '<div class="cq-actions"><button type="submit" class="cq-check">Check answer</button>'
            '<button type="button" class="cq-retry" hidden>Try again</button></div>'
            '<div class="cq-result" role="status" aria-live="polite"></div>'
        )
        explanation = self.text.block(question.explanation) if question.explanation else ""
        review = ""
        if question.review:
            title = titles.get(question.review, "the lesson section")
            review = (f'<p class="cq-review"><a href="#{_attr(question.review)}">Review: '
                      f"{html.escape(title)}</a></p>")
        if explanation or review:
            parts.append(f'<details class="cq-explanation"><summary>Explanation</summary>{explanation}'
                         f"{review}</details>")
        parts.append("</fieldset></form>")
        return "\n".join(parts)

    def _body(self, question: Question, base: str) -> str:
        kind = question.type
        name = _attr(base)
        if kind in ("single", "multiple"):
            control = "radio" if kind == "single" else "checkbox"
            rows = []
            for option in question.options:
                feedback = (f'<div class="cq-option-feedback" hidden>{self.text.block(option.feedback)}</div>'
                            if option.feedback else "")
                rows.append(
                    f'<div class="cq-option" data-option-id="{_attr(option.id)}"><label>'
                    f'<input type="{control}" name="{name}" value="{_attr(option.id)}"> '
                    f'<span class="cq-option-text">{self.text.inline(option.text)}</span></label>{feedback}</div>'
                )
            note = '<p class="cq-note">Select all that apply.</p>' if kind == "multiple" else ""
            return f'{note}<div class="cq-options">{"".join(rows)}</div>'
        if kind == "true-false":
            return (
                '<div class="cq-options">'
                f'<div class="cq-option" data-option-id="true"><label><input type="radio" name="{name}" '
                'value="true"> <span class="cq-option-text">True</span></label></div>'
                f'<div class="cq-option" data-option-id="false"><label><input type="radio" name="{name}" '
                'value="false"> <span class="cq-option-text">False</span></label></div></div>'
            )
        if kind in ("short", "numeric"):
            unit = ""
            mode = 'inputmode="text"'
            if kind == "numeric":
                assert question.numeric is not None
                mode = 'inputmode="decimal"'
                if question.numeric.unit:
                    unit = f' <span class="cq-unit">{html.escape(question.numeric.unit)}</span>'
            return (f'<p class="cq-entry"><label for="{name}-input">Your answer</label> '
                    f'<input type="text" id="{name}-input" name="{name}" {mode} autocomplete="off" '
                    f'spellcheck="false">{unit}</p>')
        if kind == "order":
            positions = "".join(f'<option value="{n}">{n}</option>' for n in range(1, len(question.items) + 1))
            rows = [self._select_row(item, name, f'<option value="">Position</option>{positions}', "item")
                    for item in question.items]
            return ('<p class="cq-note">Give each entry its position, 1 first.</p>'
                    f'<ul class="cq-order" role="list">{"".join(rows)}</ul>')
        targets = "".join(f'<option value="{_attr(r.id)}">{html.escape(plain_text(self.text.inline(r.text)))}'
                          "</option>" for r in question.right)
        rows = [self._select_row(left, name, f'<option value="">Choose a match</option>{targets}', "left")
                for left in question.left]
        return f'<ul class="cq-match" role="list">{"".join(rows)}</ul>'

    def _select_row(self, choice: Choice, name: str, options: str, role: str) -> str:
        select_id = f"{name}-{_attr(choice.id)}"
        return (f'<li class="cq-row" data-{role}-id="{_attr(choice.id)}"><label for="{select_id}">'
                f'<span class="cq-row-text">{self.text.inline(choice.text)}</span></label> '
                f'<select id="{select_id}" data-{role}-id="{_attr(choice.id)}">{options}</select></li>')
