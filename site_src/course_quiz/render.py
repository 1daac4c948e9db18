"""Renders a quiz to HTML: native form controls, readable without JavaScript, key stored as digests.

The markup is the contract with ``browser/quiz.js`` (which makes it interactive) and with ``verify``
(which compares built pages with a fresh rendering, byte for byte): the names it shares are in
``contract``, and each question type renders its own controls (``qtypes``). Rendering is
deterministic: the same source always gives the same bytes. In the instructor edition, each
question is followed by its key in readable form, rendered by ``instructor``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from course_quiz.contract import KEY, QUESTION_ID, QUESTION_TYPE, QUIZ_CLOSE, QUIZ_ID, attr, quiz_open_tag
from course_quiz.instructor import InstructorRenderer
from course_quiz.keycodec import page_key_text
from course_quiz.messages import DEFAULT_LANGUAGE, words
from course_quiz.model import Question, Quiz
from course_quiz.qtypes import TYPES
from course_quiz.textrender import TextRenderer


class QuizRenderer:
    """Renders quizzes; one instance is reused for a whole build (it caches rendered texts)."""

    def __init__(self, instructor: bool = False, language: str = DEFAULT_LANGUAGE) -> None:
        """Render for the student edition, or with ``instructor`` for the instructor edition, in ``language``.

        The words of the markup (buttons, labels) are the language's (``messages``); the quiz's own texts
        are those of the quiz given (``translation.localize`` gives a quiz in another language).
        """
        self.text = TextRenderer()
        self.language = language
        self.words = words(language)
        self.instructor = InstructorRenderer(self.text, self.words) if instructor else None

    def render(self, quiz: Quiz, review_titles: Mapping[str, str] | None = None,
               in_place_of: Mapping[int, str] | None = None) -> str:
        """Return the HTML of ``quiz``.

        Args:
            quiz: The quiz to render.
            review_titles: Heading texts by anchor in the lesson, used to label review links.
            in_place_of: HTML to show in place of the question entry at each source line, instead of the
                question (``mkdocs serve`` shows a broken question's problems there; see ``degraded``).

        """
        titles = review_titles or {}
        replaced = in_place_of or {}
        shown = [q for q in quiz.questions if q.line not in replaced]
        count = len(shown)
        parts = [
            quiz_open_tag(quiz.id),
            # A heading, so the section has one (Nu HTML checker); level 3 because a lesson places its quiz
            # under a section heading of its own (level 2).
            f'<h3 class="cq-quiz-title">{self.text.inline(quiz.title)}</h3>',
            f'<p class="cq-quiz-intro">{self.words.count("quiz_intro", count)}</p>',
        ]
        number = 0
        for _, question in sorted([(q.line, q) for q in shown] + list(replaced.items()), key=lambda e: e[0]):
            if isinstance(question, str):
                parts.append(question)
                continue
            number += 1
            parts.append(self.render_question(question, number, count, titles))
        parts.append(
            '<div class="cq-summary"><p class="cq-score" role="status" aria-live="polite"></p>'
            f'<button type="button" class="cq-reset">{self.words("reset_quiz")}</button></div>'
        )
        parts.append(QUIZ_CLOSE)
        return "\n".join(parts)

    def render_question(self, question: Question, number: int, count: int, titles: Mapping[str, str]) -> str:
        """Return the HTML of one question."""
        base = attr(f"cq-{question.quiz_id}-{question.id}")
        key = page_key_text(question)
        prompt_inline = self.text.is_inline(question.prompt)
        legend_prompt = (f' <span class="cq-prompt" id="{base}-prompt">{self.text.inline(question.prompt)}</span>'
                         if prompt_inline else "")
        parts = [
            f'<form class="cq-question" {QUIZ_ID}="{attr(question.quiz_id)}" {QUESTION_ID}="{attr(question.id)}" '
            # Single quotes: the JSON has none, and the attribute stays readable (no &quot;).
            f"{QUESTION_TYPE}=\"{question.type}\" {KEY}='{key}' id=\"{base}\" novalidate>",
            "<fieldset>" if prompt_inline else f'<fieldset aria-describedby="{base}-prompt">',
            f'<legend><span class="cq-number">{self.words("question_number", number=number, count=count)}</span>'
            f'{legend_prompt}</legend>',
        ]
        if not prompt_inline:
            parts.append(f'<div class="cq-prompt" id="{base}-prompt">{self.text.block(question.prompt)}</div>')
        parts.append(TYPES[question.type].render_body(self.text, question, base, self.words))
        if question.hint:
            parts.append(f'<details class="cq-hint"><summary>{self.words("hint")}</summary>'
                         f'{self.text.block(question.hint)}</details>')
        parts.append(
            f'<div class="cq-actions"><button type="submit" class="cq-check">{self.words("check")}</button>'
            f'<button type="button" class="cq-retry" hidden>{self.words("retry")}</button></div>'
            '<div class="cq-result" role="status" aria-live="polite"></div>'
        )
        explanation = self.text.block(question.explanation) if question.explanation else ""
        review = ""
        if question.review:
            title = titles.get(question.review, self.words("review_default"))
            review = (f'<p class="cq-review"><a href="#{attr(question.review)}">'
                      f'{self.words("review", title=html.escape(title))}</a></p>')
        if explanation or review:
            parts.append(f'<details class="cq-explanation"><summary>{self.words("explanation")}</summary>{explanation}'
                         f"{review}</details>")
        parts.append("</fieldset></form>")
        if self.instructor is not None:
            parts.append(self.instructor.key_block(question, titles))
        return "\n".join(parts)
