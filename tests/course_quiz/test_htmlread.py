"""The engine's one HTML reader: what it makes of the spellings that trip up pattern-based readers."""

from __future__ import annotations

from course_quiz.htmlread import EndTag, StartTag, block_texts, plain_text, read, rough_text, urls


def test_comments_are_not_read() -> None:
    assert read('<p>a<!-- <a href="x">hidden</a> -->b</p>') == [StartTag("p", ()), "a", "b", EndTag("p")]
    assert urls('<!-- <a href="javascript:x">go</a> --><a href="/ok">') == [("a", "/ok")]


def test_a_greater_than_sign_in_a_quoted_value_does_not_end_the_tag() -> None:
    assert read("""<a title="1 > 0" href='b>c'>t</a>""") == [
        StartTag("a", (("title", "1 > 0"), ("href", "b>c"))), "t", EndTag("a")]


def test_references_are_decoded_in_values_and_text_as_a_browser_decodes_them() -> None:
    assert urls('<a href="&#106;avascript&colon;x">') == [("a", "javascript:x")]
    assert urls('<img src="&#x6A;ava&Tab;script:x">') == [("img", "java\tscript:x")]
    assert plain_text("<p>Fish &amp; chips &lt;b&gt; caf&eacute;</p>") == "Fish & chips <b> café"


def test_names_are_lower_case_and_values_kept_as_written() -> None:
    tag = read('<SECTION Class="cq-quiz" DATA-QUIZ-ID="Ab">')[0]
    assert tag == StartTag("section", (("class", "cq-quiz"), ("data-quiz-id", "Ab")))
    assert isinstance(tag, StartTag)
    assert (tag.get("data-quiz-id"), tag.classes, tag.has("class"), tag.has("id")) == ("Ab", ["cq-quiz"], True, False)


def test_a_repeated_attribute_keeps_the_first_value_and_urls_sees_both() -> None:
    tag = read('<a href="/ok" href="javascript:x">')[0]
    assert isinstance(tag, StartTag)
    assert tag.get("href") == "/ok"
    assert urls('<a href="/ok" href="javascript:x">') == [("a", "/ok"), ("a", "javascript:x")]


def test_a_bare_attribute_has_no_value() -> None:
    tag = read("<input checked>")[0]
    assert isinstance(tag, StartTag)
    assert (tag.attributes, tag.get("checked", "absent"), tag.get("value", "absent")) == ((("checked", None),), "",
                                                                                          "absent")


def test_unclosed_tags_and_stray_text_never_fail() -> None:
    assert read("<p>one<p>two") == [StartTag("p", ()), "one", StartTag("p", ()), "two"]
    # An unfinished tag at the end is never a tag: it is kept as text (a browser drops it).
    assert read('<a href="x">ok</a><div class="unfinished')[:3] == [StartTag("a", (("href", "x"),)), "ok", EndTag("a")]
    assert plain_text('<a href="x">ok</a><div class="unfinished') == 'ok<div class="unfinished'
    assert plain_text("3 < 4 and 5 > 4") == "3 < 4 and 5 > 4"
    assert not [event for event in read("3 < 4 and 5 > 4") if not isinstance(event, str)]


def test_block_texts_split_at_blocks_and_collapse_whitespace() -> None:
    html = "<p>First  <em>block</em>\nhere</p><ul><li>Item &amp; more</li><li> </li></ul>tail"
    assert block_texts(html, {"p", "li", "ul"}) == ["First block here", "Item & more", "tail"]


def test_plain_text_without_markup_is_the_text_stripped() -> None:
    assert plain_text("  Plain words ") == "Plain words"
    assert plain_text("<em>Marked</em> up") == "Marked up"


def test_rough_text_removes_tags_before_decoding_references() -> None:
    assert rough_text("<p>a &lt;b&gt; <b>c</b></p>") == "a <b> c"
