"""The message catalogue: every language complete, with the placeholders English has."""

from __future__ import annotations

import string

import pytest

from course_quiz.messages import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, words


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE])
def test_every_language_has_every_message_with_the_same_fields(language: str) -> None:
    english, other = CATALOGUE[DEFAULT_LANGUAGE], CATALOGUE[language]
    assert set(other) == set(english)
    assert {key: fields(text) for key, text in other.items()} == {key: fields(text) for key, text in english.items()}
    assert all(text.strip() for text in other.values())
    assert language in LANGUAGE_NAMES


def test_words_fill_fields_and_choose_the_plural() -> None:
    assert words("en").count("quiz_intro", 1).startswith("1 question.")
    assert words("en").count("quiz_intro", 3).startswith("3 questions.")
    assert words("zh")("question_number", number=2, count=5) == "第2题（共5题）"
    assert words("en").listing(["a", "b", "c"]) == "a, b and c"
    assert words("zh").listing(["甲", "乙", "丙"]) == "甲、乙和丙"


def test_a_language_without_messages_is_refused() -> None:
    with pytest.raises(ValueError, match="no messages for language 'fr'"):
        words("fr")
