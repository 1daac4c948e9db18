"""Built-site verification: a page must hold exactly a fresh rendering of its quizzes, and nothing else of them."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from course_quiz.contract import ASSET_DIR, ASSETS, search_consumed
from course_quiz.keycodec import digest
from course_quiz.loader import load_quiz_file
from course_quiz.model import Quiz
from course_quiz.problems import Problem
from course_quiz.published import published
from course_quiz.render import QuizRenderer
from course_quiz.verify import ExpectedQuiz, verify_site
from tests.conftest import FIXTURE_COURSE

PAGE = "lesson/index.html"


@pytest.fixture
def quiz() -> Quiz:
    loaded, _ = load_quiz_file(FIXTURE_COURSE / "quizzes" / "sample.yml", "quizzes/sample.yml")
    assert loaded is not None
    return loaded


def write_site(tmp_path: Path, html: str, page: str = PAGE) -> Path:
    """A built site: one page holding ``html``, and the engine's assets."""
    site = tmp_path / "site"
    shutil.rmtree(site, ignore_errors=True)
    (site / page).parent.mkdir(parents=True, exist_ok=True)
    (site / page).write_text(f"<html><body><main>\n{html}\n</main></body></html>")
    assets = site / ASSET_DIR
    assets.mkdir(parents=True)
    for name in ASSETS:
        (assets / name).write_bytes(published(name))
    return site


def verify(site: Path, quiz: Quiz, page: str = PAGE) -> list[Problem]:
    rendered = QuizRenderer().render(quiz)
    return verify_site(site, [ExpectedQuiz(quiz.id, (page,), rendered, quiz.path, 1)], sources=lambda: {quiz.id: quiz})


def codes(problems: list[Problem]) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in problems]


def test_rendered_page_verifies(tmp_path: Path, quiz: Quiz) -> None:
    assert verify(write_site(tmp_path, QuizRenderer().render(quiz)), quiz) == []


def test_a_page_whose_search_consumed_the_exclusion_attribute_verifies(tmp_path: Path, quiz: Quiz) -> None:
    # Zensical leaves data-search-exclude sections out of its index, then drops the attribute.
    rendered = QuizRenderer().render(quiz)
    consumed = search_consumed(quiz.id, rendered)
    assert consumed == rendered.replace(" data-search-exclude>", ">", 1) != rendered
    assert verify(write_site(tmp_path, consumed), quiz) == []


def test_the_consumed_form_accepts_no_other_change(tmp_path: Path, quiz: Quiz) -> None:
    consumed = search_consumed(quiz.id, QuizRenderer().render(quiz))
    edited = consumed.replace("Only radio buttons restrict the choice to one.", "Checkboxes restrict it to one.")
    found = verify(write_site(tmp_path, edited), quiz)
    assert [p.code for p in found] == ["V706"]
    # The difference shown is the edit, not the attribute the page lacks.
    assert "Checkboxes restrict" in found[0].message
    assert "search-exclude" not in found[0].message
    assert "rebuild the site" in found[0].message  # the usual cause: a source edited after the build
    twice = verify(write_site(tmp_path, consumed + "\n" + QuizRenderer().render(quiz)), quiz)
    assert [p.code for p in twice] == ["V701"]
    moved = consumed.replace('data-quiz-id="sample">', 'data-quiz-id="sample" hidden>', 1)
    assert [p.code for p in verify(write_site(tmp_path, moved), quiz)] == ["V706"]


def test_v701_quiz_missing_or_on_another_page(tmp_path: Path, quiz: Quiz) -> None:
    assert codes(verify(write_site(tmp_path, "<p>No quiz here</p>"), quiz)) == [("V701", 1)]
    moved = write_site(tmp_path, QuizRenderer().render(quiz), page="other/index.html")
    (moved / PAGE).parent.mkdir(parents=True)
    (moved / PAGE).write_text("<html><body><p>The quiz was here.</p></body></html>")
    found = verify(moved, quiz)
    assert [p.code for p in found] == ["V701", "V707"]
    assert found[1].path == "other/index.html"
    assert "a copy of quiz 'sample'" in found[1].message


def test_v702_question_removed_from_page(tmp_path: Path, quiz: Quiz) -> None:
    html = QuizRenderer().render(quiz)
    html = re.sub(r'<form class="cq-question" data-quiz-id="sample" data-question-id="s-tf".*?</form>', "", html,
                  flags=re.DOTALL)
    assert codes(verify(write_site(tmp_path, html), quiz)) == [("V702", 28)]


def test_v702_option_removed_from_page(tmp_path: Path, quiz: Quiz) -> None:
    html = QuizRenderer().render(quiz)
    html = re.sub(r'<div class="cq-option" data-option-id="text">.*?</div></div>', "</div>", html, count=1,
                  flags=re.DOTALL)
    assert codes(verify(write_site(tmp_path, html), quiz)) == [("V702", 5)]


def tamper_key(html: str, question_id: str, canonical: str) -> str:
    """Replace a question's digests with the digest of another answer, as an attacker or a bug might."""
    pattern = re.compile(rf"""(data-question-id="{question_id}" data-type="[^"]+" data-key=')([^']+)(')""")
    match = pattern.search(html)
    assert match
    key = json.loads(match.group(2))
    key["digests"] = [digest(key["salt"], canonical)]
    replaced = json.dumps(key, separators=(",", ":"))
    return html[: match.start(2)] + replaced + html[match.end(2):]


@pytest.mark.parametrize(
    ("question_id", "canonical", "line"),
    [("s-single", "checkbox", 5), ("s-tf", "true", 28), ("s-order", "build,write,verify", 57),
     ("s-match", "multiple=radio,single=checkbox", 68), ("s-multiple", "order", 17)],
)
def test_v703_tampered_key_is_caught(tmp_path: Path, quiz: Quiz, question_id: str, canonical: str,
                                     line: int) -> None:
    site = write_site(tmp_path, tamper_key(QuizRenderer().render(quiz), question_id, canonical))
    assert codes(verify(site, quiz)) == [("V703", line)]


def test_v704_key_that_also_accepts_a_wrong_answer(tmp_path: Path, quiz: Quiz) -> None:
    html = QuizRenderer().render(quiz)
    match = re.search(r"""data-question-id="s-single" data-type="single" data-key='([^']+)'""", html)
    assert match
    key = json.loads(match.group(1))
    key["digests"].append(digest(key["salt"], "text"))
    new = json.dumps(key, separators=(",", ":"))
    site = write_site(tmp_path, html.replace(match.group(1), new))
    assert codes(verify(site, quiz)) == [("V704", 5)]


def test_v705_missing_site(tmp_path: Path, quiz: Quiz) -> None:
    assert codes(verify(tmp_path / "nope", quiz)) == [("V705", 0)]


def _replace(old: str, new: str, count: int = 1) -> Callable[[str, str], str]:
    def edit(page: str, block: str) -> str:
        assert old in page, old
        return page.replace(old, new, count)
    return edit


def _copy_question_hidden_and_wrong(page: str, block: str) -> str:
    # The original question is hidden; a copy whose key accepts a wrong option is shown instead.
    form = re.search(r'<form class="cq-question" data-quiz-id="sample" data-question-id="s-single".*?</form>', block,
                     flags=re.DOTALL)
    assert form
    original = form.group(0)
    key = re.search(r"data-key='([^']+)'", original)
    assert key
    data = json.loads(key.group(1))
    data["digests"] = [digest(data["salt"], "text")]
    copy = original.replace(key.group(1), json.dumps(data, separators=(",", ":")))
    return page.replace(original, original.replace("<form ", "<form hidden ", 1) + copy)


def _reorder_questions(page: str, block: str) -> str:
    forms = re.findall(r'<form class="cq-question".*?</form>', block, flags=re.DOTALL)
    return page.replace(forms[0] + "\n" + forms[1], forms[1] + "\n" + forms[0])


def _duplicate_question(page: str, block: str) -> str:
    form = re.search(r'<form class="cq-question".*?</form>', block, flags=re.DOTALL)
    assert form
    return page.replace(form.group(0), form.group(0) + "\n" + form.group(0))


def _second_section(page: str, block: str) -> str:
    forged = block.replace('<section class="cq-quiz" data-quiz-id="sample" data-search-exclude>',
                           '<section data-search-exclude data-quiz-id="sample" class="cq-quiz">')
    return page.replace("</main>", forged + "</main>")


def _comment_trick(page: str, block: str) -> str:
    # "<!-->" is a complete, empty comment to a browser; a reader that looks for "-->" skips what follows.
    return page.replace("</main>", '<!--><p class="cq-question" data-key="x">forged</p>--></main>')


def _hidden_in_comment(page: str, block: str) -> str:
    return page.replace(block, f"<!-- {block} -->")


def _explanation_edited(page: str, block: str) -> str:
    return page.replace("Only radio buttons restrict the choice to one.", "Checkboxes restrict it to one.")


def _options_swapped(page: str, block: str) -> str:
    return page.replace(">Checkboxes<", ">@@<").replace(">Radio buttons<", ">Checkboxes<").replace(">@@<",
                                                                                              ">Radio buttons<")


TAMPERING = {
    "copy of a question, original hidden, copy accepts a wrong option": (_copy_question_hidden_and_wrong, "V706"),
    "questions reordered": (_reorder_questions, "V702"),
    "question duplicated": (_duplicate_question, "V706"),
    "data-quiz-id of a form changed": (_replace('<form class="cq-question" data-quiz-id="sample"',
                                                '<form class="cq-question" data-quiz-id="elsewhere"'), "V706"),
    "normalize rule added": (_replace('"normalize":["case","whitespace","punctuation"]',
                                      '"normalize":["case","whitespace","punctuation","diacritics"]'), "V704"),
    "normalize rule removed": (_replace('"normalize":["case","whitespace","punctuation"]',
                                        '"normalize":["case","whitespace"]'), "V703"),
    "decimals changed": (_replace('"decimals":2', '"decimals":3'), "V703"),
    "option texts swapped": (_options_swapped, "V706"),
    "explanation edited": (_explanation_edited, "V706"),
    "second section with other attribute order": (_second_section, "V707"),
    "<!--> comment trick": (_comment_trick, "V707"),
    "quiz hidden in a comment": (_hidden_in_comment, "V706"),
}


@pytest.mark.parametrize(("tamper", "code"), TAMPERING.values(), ids=TAMPERING.keys())
def test_every_tampering_fails_verification(tmp_path: Path, quiz: Quiz, tamper: Callable[[str, str], str],
                                            code: str) -> None:
    block = QuizRenderer().render(quiz)
    site = write_site(tmp_path, block)
    page = (site / PAGE).read_text()
    tampered = tamper(page, block)
    assert tampered != page
    (site / PAGE).write_text(tampered)
    assert [p.code for p in verify(site, quiz)] == [code]


@pytest.mark.parametrize("name", ASSETS)
def test_v708_an_edited_asset_fails(tmp_path: Path, quiz: Quiz, name: str) -> None:
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    asset = site / ASSET_DIR / name
    asset.write_bytes(asset.read_bytes() + b"\n/* edited */\n")
    assert [p.code for p in verify(site, quiz)] == ["V708"]
    asset.unlink()
    assert [p.code for p in verify(site, quiz)] == ["V708"]


def test_quiz_markup_in_any_other_file_fails(tmp_path: Path, quiz: Quiz) -> None:
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text('{"docs": [{"text": "data-key=\\"abc\\""}]}')
    found = verify(site, quiz)
    assert [(p.code, p.path) for p in found] == [("V707", "search/search_index.json")]


def _options_in_written_order(page: str, block: str) -> str:
    # The single-choice question's options moved back to the order the author wrote, texts and ids intact.
    options = re.search(r'(<div class="cq-options">)(.*?)(</div>\n<details class="cq-hint">)', page, flags=re.DOTALL)
    assert options
    rows = re.findall(r'<div class="cq-option" data-option-id="[^"]+">.*?</div></div>', options.group(2),
                      flags=re.DOTALL)
    written = sorted(rows, key=lambda row: ["checkbox", "radio", "text"].index(
        re.search(r'data-option-id="([^"]+)"', row).group(1)))  # type: ignore[union-attr]
    assert written != rows
    return page.replace(options.group(2), "".join(written), 1)


def test_options_shown_in_another_order_fail_verification(tmp_path: Path, quiz: Quiz) -> None:
    block = QuizRenderer().render(quiz)
    site = write_site(tmp_path, block)
    page = (site / PAGE).read_text()
    (site / PAGE).write_text(_options_in_written_order(page, block))
    found = verify(site, quiz)
    assert [p.code for p in found] == ["V702"]
    assert "offers ['checkbox', 'radio', 'text']" in found[0].message
