"""The HTML contract between rendering, the Markdown slot, verification and ``browser/quiz.js``.

Every string that two of them must agree on lives here, and each of them imports it from here:

* the quiz's opening tag (``quiz_open_tag``), as a host's search may leave it (``search_consumed``),
  and its closing tag;
* the attribute names quiz.js and ``verify`` read (``data-quiz-id``, ``data-question-id``, ...);
* the empty slot the Markdown extension leaves for a host that places quizzes itself
  (``empty_slot``), and the wrapper a filled slot keeps (``SLOT_OPEN`` ... ``SLOT_CLOSE``);
* the markers that only quiz markup contains (``QUIZ_MARKERS``), which verification looks for
  everywhere in a built site outside the verified blocks;
* where the browser assets are published (``ASSET_DIR``, ``ASSETS``).

quiz.js cannot import Python: the attribute names below are the ones its selectors use, and the
snapshot tests of rendered markup (tests/course_quiz/test_render.py) pin the whole contract.
"""

from __future__ import annotations

import html
import re

QUIZ_CLASS = "cq-quiz"
QUIZ_ID = "data-quiz-id"
QUESTION_ID = "data-question-id"
QUESTION_TYPE = "data-type"
KEY = "data-key"
OPTION_ID = "data-option-id"
ITEM_ID = "data-item-id"
LEFT_ID = "data-left-id"

# A <section>, not a <div>: Material's search parser compares elements by tag name, so an excluded
# <div> stops being excluded at the first inner </div>. Nothing inside a quiz is a section.
QUIZ_CLOSE = "</section>"
# Keeps the quiz out of the site's search index (Material's and Zensical's search read it).
SEARCH_EXCLUDE = "data-search-exclude"

SLOT_CLASS = "cq-slot"
SLOT_ATTRIBUTE = "data-cq-quiz"
SLOT_OPEN = f'<div class="{SLOT_CLASS}">'
SLOT_CLOSE = "</div>"
# The empty slot exactly as Python-Markdown serialises the element the extension makes.
EMPTY_SLOT = re.compile(re.escape(f'<div class="{SLOT_CLASS}" {SLOT_ATTRIBUTE}="') + r'([a-z0-9][a-z0-9_-]*)"></div>')

# Strings that only quiz markup holds. Outside the verified quiz blocks, no built file may contain one.
QUIZ_MARKERS = (QUIZ_CLASS, QUIZ_ID, QUESTION_ID, KEY, "cq-question")

ASSET_DIR = "assets/course-quiz"
ASSETS = ("quiz.js", "quiz.css")


def quiz_open_tag(quiz_id: str) -> str:
    """The opening tag of a rendered quiz: it names the quiz and keeps it out of the search index."""
    return f'<section class="{QUIZ_CLASS}" {QUIZ_ID}="{html.escape(quiz_id, quote=True)}" {SEARCH_EXCLUDE}>'


def search_consumed(quiz_id: str, rendered: str) -> str:
    """``rendered`` as a host publishes it after its search has consumed the exclusion attribute.

    Zensical leaves sections marked ``data-search-exclude`` out of its index and then removes the
    attribute from the page; the quiz is otherwise byte for byte the rendering. Verification accepts
    this form and no other change.
    """
    opening = quiz_open_tag(quiz_id)
    if not rendered.startswith(opening):
        return rendered
    return opening.replace(f" {SEARCH_EXCLUDE}>", ">") + rendered[len(opening):]


def empty_slot(quiz_id: str) -> str:
    """The empty slot left for ``quiz_id`` by the Markdown extension in placeholder mode."""
    return f'<div class="{SLOT_CLASS}" {SLOT_ATTRIBUTE}="{html.escape(quiz_id, quote=True)}"></div>'


def attr(value: str) -> str:
    """Escape ``value`` for a double-quoted attribute, as every attribute of quiz markup is written."""
    return html.escape(value, quote=True)

# ---- The two editions ----------------------------------------------------------------------------
# Every element only the instructor edition writes (instructor notes, answer keys, the edition banner)
# carries this attribute, and no stylesheet or script names it: a student build holding it anywhere is
# an instructor build, or a leak (V709). Write it nowhere else, not even in the guide.
INSTRUCTOR_MARK = "data-cq-instructor"
# Published in the instructor edition only; a student build holding one is V709.
INSTRUCTOR_ASSETS = ("instructor.css",)

# A lesson's answer-key page (instructor edition) holds one block per quiz, filled into a slot after
# conversion as quizzes are. Neither holds a quiz marker (QUIZ_MARKERS).
ANSWER_KEY_CLASS = "cq-answer-key"
ANSWER_KEY_ATTRIBUTE = "data-cq-answer-key"
ANSWER_KEY_SLOT = re.compile(re.escape(f'<div class="cq-answer-key-slot" {ANSWER_KEY_ATTRIBUTE}="')
                             + r'([a-z0-9][a-z0-9_-]*)"></div>')


def answer_key_slot(quiz_id: str) -> str:
    """The slot a generated answer-key page leaves for the answer key of ``quiz_id``."""
    return f'<div class="cq-answer-key-slot" {ANSWER_KEY_ATTRIBUTE}="{html.escape(quiz_id, quote=True)}"></div>'


def answer_key_open_tag(quiz_id: str) -> str:
    """The opening tag of a quiz's answer key on its answer-key page."""
    return (f'<section class="{ANSWER_KEY_CLASS}" {ANSWER_KEY_ATTRIBUTE}="{html.escape(quiz_id, quote=True)}" '
            f"{INSTRUCTOR_MARK}>")
