"""A page's quizzes read back: only the quiz sections are read, as the browser reads them."""

from __future__ import annotations

from course_quiz.pageread import read_page_quizzes

QUESTION = ("""<form class="cq-question" data-question-id="q1" data-type="single" """
            """data-key='{"salt":"s","digests":["d"]}'><span class="cq-prompt">P</span>"""
            """<input type="radio" name="n" value="o1"> <input type="radio" value="o2">"""
            """<details class="cq-explanation"><summary>E</summary></details></form>""")


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
