"""The question types, each in one module; ``TYPES`` is the only place that lists them."""

from __future__ import annotations

from course_quiz.qtypes.arrange import MATCH, ORDER
from course_quiz.qtypes.base import KeyProblem, QuestionType, Response
from course_quiz.qtypes.choice import MULTIPLE, SINGLE
from course_quiz.qtypes.numeric import NUMERIC
from course_quiz.qtypes.short import SHORT
from course_quiz.qtypes.truefalse import TRUE_FALSE

TYPES: dict[str, QuestionType] = {qtype.name: qtype
                                  for qtype in (SINGLE, MULTIPLE, TRUE_FALSE, SHORT, NUMERIC, ORDER, MATCH)}
QUESTION_TYPES = tuple(TYPES)

__all__ = ["QUESTION_TYPES", "TYPES", "KeyProblem", "QuestionType", "Response"]
