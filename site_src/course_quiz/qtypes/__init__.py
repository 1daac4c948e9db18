"""The question types, each in one module; ``KINDS`` is the only place that lists them."""

from __future__ import annotations

from course_quiz.qtypes.arrange import MATCH, ORDER
from course_quiz.qtypes.base import KeyProblem, QuestionKind, Response
from course_quiz.qtypes.choice import MULTIPLE, SINGLE
from course_quiz.qtypes.numeric import NUMERIC
from course_quiz.qtypes.short import SHORT
from course_quiz.qtypes.truefalse import TRUE_FALSE

KINDS: dict[str, QuestionKind] = {kind.name: kind for kind in (SINGLE, MULTIPLE, TRUE_FALSE, SHORT, NUMERIC, ORDER,
                                                               MATCH)}
QUESTION_TYPES = tuple(KINDS)

__all__ = ["KINDS", "QUESTION_TYPES", "KeyProblem", "QuestionKind", "Response"]
