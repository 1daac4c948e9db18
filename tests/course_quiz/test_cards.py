"""The home page's lesson cards, made from the lessons' front matter."""

from __future__ import annotations

from course_quiz.cards import LessonCard, card_minutes, card_text, render_cards


def test_cards_are_material_grid_cards_in_the_given_order() -> None:
    meta = {"title": "Open <weights>", "summary": "A long summary.", "description": "Short  text\n& more.",
            "minutes": {"reading": 20, "activity": 15}}
    cards = [LessonCard(1, "Open <weights>", "lessons/open/", card_minutes(meta), card_text(meta)),
             LessonCard(2, "Second", "lessons/second/", {}, "")]
    assert render_cards(cards) == (
        '<div class="grid cards">\n<ul>\n'
        "<li>\n<p><strong>Lesson 1 · 35 minutes</strong> (20 reading, 15 activity)</p>\n"
        '<p><a href="lessons/open/">Open &lt;weights&gt;</a></p>\n<p>Short text &amp; more.</p>\n</li>\n'
        '<li>\n<p><strong>Lesson 2</strong></p>\n<p><a href="lessons/second/">Second</a></p>\n</li>\n'
        "</ul>\n</div>")


def test_card_text_and_minutes_fall_back() -> None:
    assert card_text({"summary": " The summary. "}) == "The summary."
    assert card_text({"description": "", "summary": 3}) == ""
    assert card_minutes({"minutes": {"reading": 5, "activity": True, "other": 1}}) == {"reading": 5}
    assert card_minutes({"minutes": "ten"}) == {}
