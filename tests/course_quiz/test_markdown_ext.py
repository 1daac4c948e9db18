"""The quiz directive in Python-Markdown: where it renders, and that the checker agrees with it."""

from __future__ import annotations

import re

import markdown
import pytest

from course_quiz.lessons import read_page
from course_quiz.markdown_ext import QuizExtension

PAGE = """\
# Lesson

/// quiz | first
///

```markdown
/// quiz | in-code
///
```

~~~~
/// quiz | in-tilde-code
~~~~

    /// quiz | indented-code

- a list item

    /// quiz | in-list

/// quiz | unclosed

This paragraph must survive an unclosed directive.

/// quiz | spaced

///

Closing text.
"""


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["fenced_code", QuizExtension(provider=lambda quiz_id:
                                                                          f'<section data-q="{quiz_id}"></section>')])


def test_quizzes_render_exactly_where_the_checker_finds_placements() -> None:
    html = render(PAGE)
    rendered = re.findall(r'<section data-q="([^"]+)">', html)
    page, problems = read_page("lesson.md", "docs/lesson.md", PAGE)
    assert [p.code for p in problems] == ["Q309"]  # no front matter: irrelevant to placement
    assert rendered == [p.quiz_id for p in page.placements] == ["first", "unclosed", "spaced"]


def test_code_and_nested_directives_stay_text_and_no_content_is_lost() -> None:
    html = render(PAGE)
    assert "/// quiz | in-code" in html
    assert "/// quiz | in-tilde-code" in html
    assert "/// quiz | indented-code" in html
    assert "This paragraph must survive an unclosed directive." in html
    assert "<p>Closing text.</p>" in html
    assert "///</p>" not in html  # closing lines are consumed with their directive


@pytest.mark.parametrize("source", ["/// quiz\n///\n", "/// quiz |   \n///\n"])
def test_a_directive_without_an_id_renders_a_visible_notice(source: str) -> None:
    assert 'class="cq-missing"' in render(source)


def test_the_quiz_is_a_block_of_its_own_even_between_paragraphs() -> None:
    html = render("Before.\n/// quiz | q\n///\nAfter.\n")
    assert html.count('<div class="cq-slot"><section data-q="q"></section></div>') == 1
    assert "<p>Before.</p>" in html
    assert "<p>After.</p>" in html


def test_placeholder_mode_leaves_an_empty_slot_for_the_host() -> None:
    source = "*[AI]: Artificial intelligence\n\nAI text.\n\n/// quiz | ai-plus\n///\n"
    html = markdown.markdown(source, extensions=["abbr", QuizExtension(placeholders=True)])
    assert '<div class="cq-slot" data-cq-quiz="ai-plus"></div>' in html
    assert "\x02" not in html
    assert '<abbr title="Artificial intelligence">AI</abbr> text.' in html


def test_a_broken_quiz_shows_each_problem_as_the_terminal_does() -> None:
    from course_quiz.markdown_ext import broken_quiz
    from course_quiz.problems import problem

    found = [problem("quizzes/a.yml", 14, "Q110", "unknown key 'anwser' <b>", column=5)]
    box = broken_quiz("a", found)
    assert 'role="alert"' in box
    assert "<code>quizzes/a.yml:14:5: Q110 unknown key &#x27;anwser&#x27; &lt;b&gt;</code>" in box
    assert "cq-quiz" not in box  # nothing verification could take for a quiz


def test_answer_key_slots_are_filled_and_missing_ones_say_so() -> None:
    from course_quiz.contract import answer_key_slot
    from course_quiz.markdown_ext import fill_answer_keys

    page = f"<main>{answer_key_slot('one')}\n{answer_key_slot('two')}</main>"
    filled, placed, missing = fill_answer_keys(page, lambda quiz_id: "<section>key</section>" if quiz_id == "one"
                                               else None)
    assert filled.startswith("<main><section>key</section>\n<p class=\"cq-missing\"")
    assert (placed, missing) == (["one"], ["two"])
    assert fill_answer_keys("<p>none</p>", lambda _: "x") == ("<p>none</p>", [], [])


def test_the_extension_renders_the_instructor_edition_on_request() -> None:
    from tests.conftest import FIXTURE_COURSE

    folders = {"docs_dir": str(FIXTURE_COURSE / "docs"), "quizzes_dir": str(FIXTURE_COURSE / "quizzes")}
    text = "/// quiz | sample\n///\n"
    student = markdown.markdown(text, extensions=[QuizExtension(**folders)])
    instructor = markdown.markdown(text, extensions=[QuizExtension(edition="instructor", **folders)])
    assert "cq-key" not in student
    assert instructor.count('<div class="cq-key" data-cq-instructor>') == 8
