"""A page's quizzes read back: only the quiz sections are read, as the browser reads them."""

from __future__ import annotations

import pytest

from course_quiz.loader import load_quiz_file
from course_quiz.pageread import read_page_keys, read_page_quizzes
from course_quiz.render import QuizRenderer
from tests.conftest import FIXTURE_COURSE

QUESTION = ("""<form class="cq-question" data-question-id="q1" data-type="single" """
            """data-key='{"salt":"s","digests":["d"]}'><span class="cq-prompt">P</span>"""
            """<input type="radio" name="n" value="o1"> <input type="radio" value="o2">"""
            """<details class="cq-explanation"><summary>E</summary></details></form>""")


@pytest.fixture
def sample_quiz_page() -> str:
    """A page holding the fixture course's quiz of every type, as the build renders it."""
    quiz, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml", "quizzes/sample.yml")
    assert quiz is not None
    return page(QuizRenderer().render(quiz))


def page(*blocks: str) -> str:
    return "<html><body><main><p>Text.</p>" + "".join(blocks) + "</main></body></html>"


def test_a_quiz_is_read_with_its_position_and_questions() -> None:
    text = page('<section class="cq-quiz" data-quiz-id="qz">', QUESTION, "</section>")
    [quiz] = read_page_quizzes("p.html", text)
    assert (quiz.id, quiz.page, quiz.start) == ("qz", "p.html", text.index("<section"))
    question = quiz.questions["q1"]
    assert (question.type, question.option_ids, question.has_prompt, question.has_explanation) == (
        "single", ["o1", "o2"], True, True)
    key = question.key()
    assert key is not None
    assert (key.salt, key.digests) == ("s", frozenset({"d"}))


def test_a_quiz_in_a_comment_is_not_read_and_an_empty_comment_hides_nothing() -> None:
    quiz = '<section class="cq-quiz" data-quiz-id="qz">' + QUESTION + "</section>"
    assert read_page_quizzes("p", page("<!-- ", quiz, " -->")) == []
    # "<!-->" is a whole comment to a browser, so the quiz after it is shown, and read.
    assert [q.id for q in read_page_quizzes("p", page("<!-->", quiz))] == ["qz"]


def test_upper_case_tags_quoted_greater_than_signs_and_references() -> None:
    text = page('<SECTION CLASS="cq-quiz" DATA-QUIZ-ID="qz">',
                """<FORM class="cq-question" data-question-id="a&amp;b" data-type="short" """
                """data-key='{"salt":"x>y","digests":[]}'>"""
                """<SPAN class="cq-unit">m&sup2;</SPAN></FORM></SECTION>""")
    [quiz] = read_page_quizzes("p", text)
    question = quiz.questions["a&b"]
    assert (question.key_json, question.unit) == ('{"salt":"x>y","digests":[]}', "m²")


def test_an_unclosed_form_ends_at_the_next_form() -> None:
    text = page('<section class="cq-quiz" data-quiz-id="qz">',
                '<form class="cq-question" data-question-id="a" data-type="multiple"><input type="checkbox" value="x">',
                '<form class="cq-question" data-question-id="b" data-type="multiple"><input type="checkbox" value="y">',
                "</section>")
    [quiz] = read_page_quizzes("p", text)
    assert {qid: q.option_ids for qid, q in quiz.questions.items()} == {"a": ["x"], "b": ["y"]}


def test_other_sections_are_not_quizzes() -> None:
    text = page('<section class="other"><form data-question-id="q"></form></section>',
                '<section data-quiz-id="no-class"></section>', '<section class="cq-quiz">no id</section>')
    assert read_page_quizzes("p", text) == []


def test_match_targets_are_read_from_the_first_left_entry_only() -> None:
    text = page('<section class="cq-quiz" data-quiz-id="qz"><form data-question-id="m" data-type="match">',
                '<select data-left-id="l1"><option value="">-</option><option value="t1">A</option>'
                '<option value="t2">B</option></select>',
                '<select data-left-id="l2"><option value="t9">C</option></select></form></section>')
    question = read_page_quizzes("p", text)[0].questions["m"]
    assert (question.left_ids, question.target_ids) == (["l1", "l2"], ["t1", "t2"])


def test_reading_keys_only_gives_the_same_questions_types_and_keys(sample_quiz_page: str) -> None:
    full = read_page_quizzes("p", sample_quiz_page)
    keys = read_page_keys("p", sample_quiz_page)
    assert len(full) == len(keys) == 1
    assert [(q.id, q.type, q.key_json) for q in keys[0].questions.values()] == [
        (q.id, q.type, q.key_json) for q in full[0].questions.values()]
    assert (keys[0].id, keys[0].start) == (full[0].id, full[0].start)


def test_reading_keys_skips_forms_in_comments_and_tags_a_build_does_not_write() -> None:
    form = '<form class="cq-question" data-question-id="{}" data-type="single" data-key="{}">'
    text = page('<section class="cq-quiz" data-quiz-id="qz">', form.format("a", "k1"),
                "<!-- " + form.format("hidden", "k2") + " -->", form.format("cut", "<x>"), "</section>")
    assert list(read_page_keys("p", text)[0].questions) == ["a"]
    assert list(read_page_quizzes("p", text)[0].questions) == ["a", "cut"]  # the whole reading sees it
