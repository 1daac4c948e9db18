"""The progress page's table, key stamps and quiz versions."""

from __future__ import annotations

import dataclasses

from course_quiz.contract import QUIZ_MARKERS
from course_quiz.keycodec import digest, key_stamp, page_key_text, quiz_stamps
from course_quiz.loader import load_quiz_file
from course_quiz.model import Quiz
from course_quiz.progress import ProgressRow, quiz_version, render_progress
from course_quiz.qtypes.base import key_of
from course_quiz.qtypes.choice import ChoiceKey
from tests.conftest import CORPUS


def sample() -> Quiz:
    quiz, problems = load_quiz_file(CORPUS / "valid-all-types.yml", "valid-all-types.yml")
    assert quiz is not None
    assert problems == []
    return quiz


def test_a_stamp_is_the_digest_of_type_and_page_key_and_follows_the_key() -> None:
    quiz = sample()
    single = next(q for q in quiz.questions if q.type == "single")
    assert key_stamp(single) == digest("single", page_key_text(single))
    other_option = next(o.id for o in single.options if o.id not in key_of(single, ChoiceKey).ids)
    changed = dataclasses.replace(single, key=ChoiceKey((other_option,)))
    assert key_stamp(changed) != key_stamp(single), "a key change drops saved answers"
    assert key_stamp(dataclasses.replace(single, prompt="Reworded?")) == key_stamp(single), "rewording does not"
    assert key_stamp(dataclasses.replace(single, type="multiple")) != key_stamp(single), "nor does a change of type"
    stamps = quiz_stamps(quiz)
    assert [qid for qid, _ in stamps] == [q.id for q in quiz.questions]
    assert len({stamp for _, stamp in stamps}) == len(stamps)


def test_version_changes_with_any_question_or_key() -> None:
    stamps = quiz_stamps(sample())
    version = quiz_version(stamps)
    assert len(version) == 16
    assert version == quiz_version(stamps)
    assert quiz_version(stamps[:-1]) != version
    assert quiz_version((*stamps[:-1], (stamps[-1][0], "0" * 16))) != version
    assert quiz_version(stamps[::-1]) != version


def test_progress_table_escapes_and_holds_no_quiz_marker() -> None:
    stamps = quiz_stamps(sample())
    html = render_progress('A "course" & <more>', [ProgressRow("sample", "1. <Lesson> & more", "../lesson/", stamps)])
    assert 'data-cq-course="A &quot;course&quot; &amp; &lt;more&gt;"' in html
    assert '<a href="../lesson/">1. &lt;Lesson&gt; &amp; more</a>' in html
    assert f'data-cq-version="{quiz_version(stamps)}"' in html
    assert f'data-cq-stamps="{stamps[0][0]}:{stamps[0][1]} ' in html
    assert f"<td>{len(stamps)} questions</td>" in html
    for marker in QUIZ_MARKERS:
        assert marker not in html, "verification would take the page for a forged quiz"
    assert html.count("<button") == 3
