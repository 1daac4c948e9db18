"""Quiz translations: reading and checking them, localizing quizzes, page twins, the course in two languages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from course_quiz.course import load_course, localize
from course_quiz.keycodec import accepts, page_key_text, quiz_stamps
from course_quiz.loader import load_quiz_file
from course_quiz.model import Key, Quiz
from course_quiz.pageread import PageKey
from course_quiz.problems import Severity
from course_quiz.qtypes.base import key_of
from course_quiz.qtypes.numeric import NumericKey
from course_quiz.qtypes.short import ShortKey
from course_quiz.translation import (
    localize_quiz,
    read_translation,
    translated_wording_problems,
    translation_name,
)
from tests.conftest import CORPUS

TRANSLATIONS = sorted((CORPUS / "translations").glob("*.zh.yml"))


def expected(path: Path) -> list[tuple[str, int]]:
    """The ``expect: CODE@LINE`` annotations of a corpus file (YAML comments or HTML comments)."""
    text = path.read_text(encoding="utf-8")
    lines = re.findall(r"^(?:# |<!-- )expect:(.*?)(?: -->)?$", text, re.MULTILINE)
    tokens = [t for line in lines for t in line.split()]
    return sorted((code, int(line)) for code, line in (t.split("@") for t in tokens))


def source_quiz() -> Quiz:
    quiz, problems = load_quiz_file(CORPUS / "valid-all-types.yml")
    assert quiz is not None
    assert problems == []
    return quiz


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name.removesuffix(".zh.yml"))
def test_corpus_translation_reports_exactly_its_annotated_problems(path: Path) -> None:
    translation, problems = read_translation(path, path.name, "zh", source_quiz())
    if translation is not None:  # as load_course checks it
        problems += translated_wording_problems(source_quiz(), translation)
    # Files named after an error code list its errors (their missing texts are not the point); the others all.
    errors_only = path.name.startswith("q")
    found = sorted((p.code, p.line) for p in problems if not errors_only or p.severity is Severity.ERROR)
    assert found == expected(path)
    assert all(p.path == path.name for p in problems)


def test_messages_name_what_to_do() -> None:
    _, problems = read_translation(CORPUS / "translations" / "q121-added-renamed.zh.yml", "t.zh.yml", "zh",
                                   source_quiz())
    renamed = next(p for p in problems if p.code == "Q121" and "radio-button" in p.message)
    assert "use the source's (checkbox, radio, text)" in renamed.message
    assert "cannot add or rename ids" in renamed.message
    _, problems = read_translation(CORPUS / "translations" / "q123-source-fields.zh.yml", "t.zh.yml", "zh",
                                   source_quiz())
    assert "comes from the source quiz" in next(p.message for p in problems if p.line == 7)
    assert "unknown field 'colour'" in next(p.message for p in problems if p.line == 11)


def test_names_of_translations() -> None:
    assert translation_name(Path("quizzes/open-weights.zh.yml")) == ("open-weights", "zh")
    assert translation_name(Path("quizzes/open-weights.yml")) is None


def complete_translation() -> Quiz:
    source = source_quiz()
    translation, problems = read_translation(CORPUS / "translations" / "valid-complete.zh.yml", "t", "zh", source)
    assert translation is not None
    assert problems == []
    return localize_quiz(source, translation, [translation])


def _source_part(key: Key) -> object:
    """A key without what a translation gives: a short question's answers, a numeric question's unit."""
    if isinstance(key, NumericKey):
        return key.value, key.tolerance
    return None if isinstance(key, ShortKey) else key


def test_localized_quiz_has_the_translated_texts_and_the_source_keys() -> None:
    source, localized = source_quiz(), complete_translation()
    assert localized.title == "示例测验"
    for original, shown in zip(source.questions, localized.questions, strict=True):
        assert (shown.id, shown.type, shown.objective, shown.level, shown.review) == \
            (original.id, original.type, original.objective, original.level, original.review)
        assert _source_part(shown.key) == _source_part(original.key)
        assert [c.id for c in shown.choices] == [c.id for c in original.choices]
        assert shown.prompt != original.prompt
    by_id = {q.id: q for q in localized.questions}
    assert by_id["s-single"].options[1].text == "单选按钮"
    assert by_id["s-single"].hint == "圆形的那种。"
    assert key_of(by_id["s-numeric"], NumericKey).unit == "种"
    assert [o.id for o in by_id["s-single"].shown_options] == \
        [o.id for o in next(q for q in source.questions if q.id == "s-single").shown_options]


def test_short_answers_are_the_translations_and_every_page_accepts_every_language() -> None:
    source, localized = source_quiz(), complete_translation()
    short = next(q for q in localized.questions if q.id == "s-short")
    assert key_of(short, ShortKey).accepted == ("SHA-256", "安全哈希算法256")
    assert key_of(short, ShortKey).other_accepted == ("SHA2-256",)
    translation, _ = read_translation(CORPUS / "translations" / "valid-complete.zh.yml", "t", "zh", source)
    assert translation is not None
    english = localize_quiz(source, None, [translation])
    # One key on both pages, so one stamp: progress is shared between the languages.
    assert quiz_stamps(english) == quiz_stamps(localized)
    english_short = next(q for q in english.questions if q.id == "s-short")
    assert key_of(english_short, ShortKey).other_accepted == ("安全哈希算法256",)
    key = PageKey.parse(page_key_text(english_short))
    assert key is not None
    assert accepts("short", key, "安全哈希算法256")
    assert not accepts("short", key, "哈希")
    # Without any translation, nothing changes: the English pages keep the key they had.
    assert quiz_stamps(localize_quiz(source, None, [])) == quiz_stamps(source)


def test_course_in_two_languages(zh_course: Path) -> None:
    course = load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course)
    assert [p.format() for p in course.problems] == []
    assert course.languages == ("en", "zh")
    assert set(course.translations["zh"]) == {"sample"}
    assert set(course.twins["zh"]) == {"index.md", "lesson.md", "progress.md"}
    assert "lesson.md" in course.pages
    assert "lesson.zh.md" not in course.pages
    page = course.page("lesson.md", "zh")
    assert page is not None
    assert page.headings["checking-keys"] == "核对答案"
    chinese = localize(course, "zh").quizzes["sample"]
    assert chinese.title == "示例测验"
    assert quiz_stamps(chinese) == quiz_stamps(localize(course, "en").quizzes["sample"])


def test_each_quiz_is_handed_over_in_the_language_asked(zh_course: Path) -> None:
    seen: list[tuple[str, str | None]] = []
    load_course(zh_course / "docs", zh_course / "quizzes", each_quiz=lambda quiz, page: seen.append(
        (quiz.title, page.headings.get("checking-keys") if page else None)), language="zh")
    assert seen == [("示例测验", "核对答案")]


def test_a_translation_of_a_quiz_that_did_not_load_reports_nothing_more(zh_course: Path) -> None:
    (zh_course / "quizzes" / "sample.yml").write_text("id: sample\ntitle: [broken\n", encoding="utf-8")
    course = load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course, check_lock=False)
    assert {p.path for p in course.problems if p.severity is Severity.ERROR} == {"quizzes/sample.yml"}


def test_translation_without_source_or_language_is_q120(zh_course: Path) -> None:
    quizzes = zh_course / "quizzes"
    shutil.copyfile(quizzes / "sample.zh.yml", quizzes / "sampel.zh.yml")
    shutil.copyfile(quizzes / "sample.zh.yml", quizzes / "sample.fr.yml")
    course = load_course(zh_course / "docs", quizzes, root=zh_course)
    found = {(p.path, p.code) for p in course.problems}
    assert ("quizzes/sampel.zh.yml", "Q120") in found
    assert ("quizzes/sample.fr.yml", "Q120") in found
    assert "did you mean 'sample'" in next(p.message for p in course.problems if p.path == "quizzes/sampel.zh.yml")


def test_missing_translations_are_warnings_and_their_locked_answers_stale(zh_course: Path) -> None:
    (zh_course / "quizzes" / "sample.zh.yml").unlink()
    (zh_course / "docs" / "progress.zh.md").unlink()
    course = load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course)
    assert sorted((p.path, p.code, p.severity) for p in course.problems) == [
        ("docs/progress.md", "W412", Severity.WARNING), ("quizzes/answer-keys.lock", "Q603", Severity.ERROR),
        ("quizzes/sample.yml", "W411", Severity.WARNING)]
    assert "sample/s-short@zh" in next(p.message for p in course.problems if p.code == "Q603")


def test_a_changed_chinese_answer_list_is_a_lock_problem_until_locked_again(zh_course: Path) -> None:
    translation = zh_course / "quizzes" / "sample.zh.yml"
    translation.write_text(translation.read_text(encoding="utf-8").replace('"安全哈希算法256"', '"哈希256"'),
                           encoding="utf-8")
    course = load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course)
    changed = [p for p in course.problems if p.code == "Q601"]
    assert [(p.path, p.line) for p in changed] == [("quizzes/sample.zh.yml", 28)]
    assert "sample/s-short@zh" in changed[0].message
    assert "哈希256" in changed[0].message


def test_prepared_course_renders_each_language_with_one_key(zh_course: Path) -> None:
    from course_quiz.editions import Edition
    from course_quiz.prepare import prepare_course

    docs, quizzes = zh_course / "docs", zh_course / "quizzes"
    english = prepare_course(docs, quizzes, zh_course)
    chinese = prepare_course(docs, quizzes, zh_course, Edition.INSTRUCTOR, language="zh")
    assert english.problems == chinese.problems == ()
    assert (english.language, chinese.language, chinese.languages) == ("en", "zh", ("en", "zh"))
    assert english.quizzes["sample"].stamps == chinese.quizzes["sample"].stamps
    html = chinese.quizzes["sample"].html
    assert '<button type="submit" class="cq-check">检查答案</button>' in html
    assert "Check answer" not in html
    assert '<a href="#checking-keys">复习：核对答案</a>' in html
    assert "示例测验" in chinese.quizzes["sample"].answer_key
    assert re.findall(r"data-key='([^']*)'", html) == re.findall(r"data-key='([^']*)'", english.quizzes["sample"].html)


def test_stats_in_chinese_count_the_texts_still_to_translate(zh_course: Path) -> None:
    from course_quiz.stats import course_stats, stats_table

    translation = zh_course / "quizzes" / "sample.zh.yml"
    translation.write_text(translation.read_text(encoding="utf-8").replace("    hint: 圆形的那种。\n", ""),
                           encoding="utf-8")
    course = load_course(zh_course / "docs", zh_course / "quizzes", root=zh_course, check_lock=False)
    lesson = course_stats(course, ["index.md", "lesson.md"], "zh")[0]
    assert (lesson.title, lesson.objectives[0].text, lesson.untranslated) == ("示例课", "区分各种题型。", 1)
    table = stats_table([lesson])
    assert table.splitlines()[2].startswith("示例课     3")  # Chinese characters take two columns each
    assert "with no zh translation (shown in English): lesson.md 1" in table
    assert course_stats(course, ["index.md", "lesson.md"])[0].untranslated == 0


def test_instructor_pages_in_chinese_hold_the_chinese_notes(zh_course: Path) -> None:
    from course_quiz.editions import Edition, instructor_pages
    from course_quiz.prepare import prepare_course

    order = ["index.md", "lesson.md"]
    for language, title, note in (("zh", "教师备注", "**时间安排。**"), ("en", "Instructor notes", "**Timing.**")):
        prepared = prepare_course(zh_course / "docs", zh_course / "quizzes", zh_course, Edition.INSTRUCTOR,
                                  language=language)
        notes, key = instructor_pages(prepared.pages, prepared.notes, order, None, {}, language=language)
        assert notes.title == title
        assert note in notes.markdown
        assert "(../lesson.md#types)" in notes.markdown  # links as the page writes them, for either language
        assert notes.markdown.count("!!! instructor") == 1
        assert key.path == "instructor/answer-keys/lesson.md"
    assert key.markdown.startswith("# Answer key: Sample lesson")


def test_a_broken_question_is_shown_in_the_language_of_the_build(zh_course: Path) -> None:
    from course_quiz.prepare import prepare_course

    source = zh_course / "quizzes" / "sample.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("answer: radio", "answer: radoi"), encoding="utf-8")
    prepared = prepare_course(zh_course / "docs", zh_course / "quizzes", zh_course, check_lock=False, language="zh")
    assert [p.code for p in prepared.errors] == ["Q201"]
    view = prepared.partial["sample"]
    assert "哪些题型用下拉列表？" in view  # a sound question, in Chinese
    assert "radoi" in view  # the broken one's problem in its place
