"""The home page's lesson cards, made from the lessons' front matter in the navigation's order.

A page holds ``CARDS_SLOT`` where it wants them (docs/index.md); the MkDocs plugin puts the cards
there, so their numbers, titles, minutes and order follow the course with no hand edit. The markup is
that of Material's "grid cards" written in Markdown, which quiz.js finds to show each lesson's progress.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from course_quiz.contract import attr
from course_quiz.messages import DEFAULT_LANGUAGE, Words, words

CARDS_SLOT = '<div class="cq-cards-slot"></div>'


@dataclass(frozen=True, slots=True)
class LessonCard:
    """One lesson on the home page: its number, title, address, minutes and a sentence about it."""

    number: int
    title: str
    href: str
    minutes: Mapping[str, int]
    text: str


def card_text(meta: Mapping[str, object]) -> str:
    """What a card says about its lesson: the front matter's ``description``, else its ``summary``."""
    for key in ("description", "summary"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def card_minutes(meta: Mapping[str, object]) -> dict[str, int]:
    """The reading and activity minutes of a lesson's front matter (whole numbers only)."""
    minutes = meta.get("minutes")
    if not isinstance(minutes, Mapping):
        return {}
    return {key: value for key in ("reading", "activity")
            if isinstance(value := minutes.get(key), int) and not isinstance(value, bool)}


def _label(card: LessonCard, say: Words) -> str:
    parts = [f"<strong>{say('card_lesson', number=card.number)}"]
    if card.minutes:
        parts.append(f" · {say('card_minutes', minutes=sum(card.minutes.values()))}</strong>")
        listed = say("list_sep").join(say(f"card_{key}", minutes=value) for key, value in card.minutes.items())
        parts.append(say("card_breakdown", parts=listed))
    else:
        parts.append("</strong>")
    return "".join(parts)


def render_cards(cards: Sequence[LessonCard], language: str = DEFAULT_LANGUAGE) -> str:
    """The cards as Material's grid cards, in ``language``: label, link to the lesson, text."""
    say = words(language)

    def text(value: str) -> str:
        return html.escape(value, quote=False)

    items = "".join(
        f"<li>\n<p>{_label(card, say)}</p>\n<p><a href=\"{attr(card.href)}\">{text(card.title)}</a></p>\n"
        + (f"<p>{text(card.text)}</p>\n" if card.text else "") + "</li>\n"
        for card in cards)
    return f'<div class="grid cards">\n<ul>\n{items}</ul>\n</div>'
