"""The instructor edition's quiz markup: each question's key in readable form, and a quiz's answer key.

In the instructor edition, ``render.QuizRenderer`` puts a key block (``key_block``) under each
question: the key in readable form (each type's ``render_key``: the right options with every option's
feedback, the accepted short answers and their normalising, value ± tolerance and unit, the right
order, the right pairs), the explanation, and what the question assesses, all expanded. A quiz's
answer key (``answer_key``), printed from its lesson's answer-key page, is the same block under each
question's prompt, without any control or button.

Both are deterministic, like the quiz: verification of an instructor build compares them byte for
byte with a fresh rendering. Both carry ``contract.INSTRUCTOR_MARK``, which no student build may hold,
and neither holds a quiz marker (``contract.QUIZ_MARKERS``).
"""

from __future__ import annotations

from collections.abc import Mapping

from course_quiz.contract import INSTRUCTOR_MARK, answer_key_open_tag, attr
from course_quiz.messages import ENGLISH, Words
from course_quiz.model import Question, Quiz
from course_quiz.qtypes import TYPES
from course_quiz.textrender import TextRenderer


class InstructorRenderer:
    """Renders key blocks and answer keys with the quiz renderer's text renderer (and its cache)."""

    def __init__(self, text: TextRenderer, words: Words = ENGLISH) -> None:
        """Render with ``text`` (shared with the quiz renderer) and the labels of ``words``' language."""
        self.text = text
        self.words = words

    def key_block(self, question: Question, titles: Mapping[str, str]) -> str:
        """The key of one question in readable form, with its explanation, expanded.

        Args:
            question: A sound question (a question with a key problem is never rendered).
            titles: Heading texts by anchor in the lesson, to name the section to review.

        """
        parts = [f'<div class="cq-key" {INSTRUCTOR_MARK}>', f'<p class="cq-key-title">{self.words("key_title")}</p>',
                 TYPES[question.type].render_key(self.text, question, self.words)]
        if question.explanation:
            label = self.words("key_explanation")
            parts.append(f'<div class="cq-key-explanation"><p><span class="cq-key-label">{label}</span></p>'
                         f"{self.text.block(question.explanation)}</div>")
        about = []
        if question.objective:
            about.append(f'{self.words("key_objective")} <code>{attr(question.objective)}</code>')
        if question.level:
            about.append(f'{self.words("key_level")} {self.words("level_" + question.level)}')
        if question.review:
            about.append(f'{self.words("key_review")} {attr(titles.get(question.review, question.review))}')
        if about:
            parts.append(f'<p class="cq-key-about">{" · ".join(about)}</p>')
        parts.append("</div>")
        return "\n".join(parts)

    def answer_key(self, quiz: Quiz, titles: Mapping[str, str] | None = None) -> str:
        """A quiz's answer key for its printable page: each question's prompt and key block, in order."""
        titles = titles or {}
        count = len(quiz.questions)
        parts = [answer_key_open_tag(quiz.id), f'<p class="cq-answer-key-title">{self.text.inline(quiz.title)}</p>']
        for number, question in enumerate(quiz.questions, start=1):
            parts.append(f'<div class="cq-key-question"><p class="cq-key-number">'
                         f'{self.words("question_number", number=number, count=count)}</p>'
                         f'<div class="cq-key-prompt">{self.text.block(question.prompt)}</div>')
            parts.append(self.key_block(question, titles))
            parts.append("</div>")
        parts.append("</section>")
        return "\n".join(parts)
