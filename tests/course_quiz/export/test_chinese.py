"""Exports in Chinese: GIFT, QTI and the answer sheets of a translated quiz read back, by the independent
readers and the exporters' own, with Chinese text, full-width punctuation and GIFT's special characters
inside Chinese text."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from course_quiz.course import load_course
from course_quiz.export import csvsheet, gift, markdownsheet, qti
from course_quiz.export.base import QuizSource, differences
from course_quiz.export.formats import FORMATS, export
from course_quiz.problems import errors
from course_quiz.qtypes.base import key_of
from course_quiz.qtypes.numeric import NumericKey
from course_quiz.qtypes.short import ShortKey
from tests.conftest import WriteCourse
from tests.course_quiz.export.conftest import EVERY_TYPE_PAGE, EVERY_TYPE_QUIZ
from tests.course_quiz.export.readers import read_qti_with_lxml, read_with_pygiftparser

EVERY_TYPE_PAGE_ZH = """---
title: "全部题型 / 全部特殊字符：{~=#}"
summary: 一课的测验用到全部题型和全部特殊字符。
objectives:
  - id: tell-types
    text: 区分各种题型。
keypoints:
  - 七种题型。
minutes:
  reading: 3
  activity: 2
---

## 题型 { #types }

正文。

/// quiz | every-type
///
"""

# Chinese texts with full-width punctuation, and GIFT's special characters ~ = # { } : inside them.
EVERY_TYPE_QUIZ_ZH = r"""id: every-type
language: zh
title: "全部题型：~ = # { } :"
questions:
  - id: e-single
    prompt: "{甲}、乙~丙、丁=戊、己#庚、辛:壬，哪一个*正确*？\n\n第二段，含`code: x`和5 \\* 3。"
    options:
      - {id: a, text: "花括号{如此}", feedback: "反馈里有}和{、#和~，还有\\\\new。"}
      - {id: b, text: "等号=，占50%", feedback: "因为a=b：是的。"}
      - {id: c, text: "波浪号~和井号#", feedback: "先是[一个链接](https://example.org/x)。"}
    explanation: "[奈2004](https://example.org/nye)解释说：1 = 1 {没错}。\n\n而C:\\\\\\\\Users是一个路径。"
    hint: "提示：GIFT没有提示。"
  - id: e-multiple
    prompt: "选出每一个含特殊字符的文本：~ = # { } :"
    options:
      - {id: tilde, text: "~波浪号开头", feedback: "以~开头。"}
      - {id: plain, text: "普通文字", feedback: "这里没有特殊字符。"}
      - {id: hash, text: "#井号开头", feedback: "以#开头。"}
      - {id: colon, text: "以冒号结尾:", feedback: "结尾是一个冒号:。"}
      - {id: none, text: "没有特殊之处", feedback: "什么也没有。"}
    explanation: "其中三个{~、#、:}。"
  - id: e-true-false
    prompt: "GIFT要求~ = # { } :都转义。\n第二行也一样。"
    explanation: "正确：六个都要，换行写作\\\\n。"
  - id: e-short
    prompt: "输入甲{乙}、x = y或c#:"
    answer: ["甲{乙}", "x = y", "c#：", "百分之50%"]
    explanation: "四个之中任一个。"
  - id: e-numeric-negative
    prompt: "零下：-3.5是多少（允许相差0.25）？"
    explanation: "负三点五。"
  - id: e-numeric-unit
    prompt: "占多少，以%计？"
    unit: "%"
    explanation: "八分之一。"
  - id: e-order
    prompt: "排序：{第一} ~ 第二 = 第三 #"
    items:
      - {id: two, text: "第二~"}
      - {id: one, text: "第一{1}"}
      - {id: three, text: "第三=#3"}
    explanation: "一、二、三：按顺序。"
  - id: e-match
    prompt: "把每个字符：与它的名称配对"
    left:
      - {id: tilde, text: "~"}
      - {id: equals, text: "="}
      - {id: brace, text: "{和}"}
    right:
      - {id: t, text: "波浪号~"}
      - {id: e, text: "等号：="}
      - {id: b, text: "花括号{}"}
    explanation: "各配各的名称。"
"""


@pytest.fixture
def chinese(write_course: WriteCourse) -> Path:
    """The every-type course with its complete Chinese translation."""
    return write_course(quizzes={"every-type.yml": EVERY_TYPE_QUIZ, "every-type.zh.yml": EVERY_TYPE_QUIZ_ZH},
                        docs={"lesson.md": EVERY_TYPE_PAGE, "lesson.zh.md": EVERY_TYPE_PAGE_ZH})


@pytest.fixture
def zh_sources(chinese: Path) -> list[QuizSource]:
    """The every-type quiz in Chinese, as `course export --language zh` exports it."""
    from course_quiz.cli import _sources

    course = load_course(chinese / "docs", chinese / "quizzes", root=chinese, check_lock=False)
    assert errors(course.problems) == []
    assert [p.code for p in course.problems if p.code in ("W411", "W412")] == []  # every text is translated
    sources = _sources(course, [], (), "zh")
    assert sources[0].quiz.title == "全部题型：~ = # { } :"
    return sources


def test_chinese_gift_reads_back_with_pygiftparser_and_the_exporters_reader(zh_sources: list[QuizSource]) -> None:
    written = export(FORMATS["gift"], zh_sources)
    assert written.problems == ()
    text = written.data.decode("utf-8")
    assert "花括号\\{如此\\}" in text
    assert "等号\\=，占50%" in text
    expected = gift.expected(zh_sources)
    found = read_with_pygiftparser(text)
    assert len(found) == len(expected)
    assert {q.id: differences(record, read) for (_, q, record), read in zip(expected, found, strict=True)
            if differences(record, read)} == {}
    assert gift.read_back(written.data, zh_sources) == []


def test_chinese_qti_reads_back_with_lxml_and_the_exporters_reader(zh_sources: list[QuizSource]) -> None:
    written = export(FORMATS["qti"], zh_sources)
    assert written.problems == ()
    found, package_problems = read_qti_with_lxml(written.data)
    assert package_problems == []
    expected = qti.expected(zh_sources)
    assert {q.id: differences(record, read) for (_, q, record), read in zip(expected, found, strict=True)
            if differences(record, read)} == {}
    assert qti.read_back(written.data, zh_sources) == []
    with zipfile.ZipFile(io.BytesIO(written.data)) as archive:
        xml = archive.read("quiz-every-type.xml").decode("utf-8")
    assert "<mattext texttype=\"text/plain\">正确</mattext>" in xml
    assert "全部题型：~ = # { } :" in xml


def test_chinese_answer_sheets_use_chinese_words_and_read_back(zh_sources: list[QuizSource]) -> None:
    sheet = export(FORMATS["markdown"], zh_sources)
    assert sheet.problems == ()
    text = sheet.data.decode("utf-8")
    assert text.startswith("# 答案汇总表\n\n共8题，出自1份测验")
    assert "- **答案：** 甲{乙} | x = y | c#： | 百分之50%（比较时不计空格）" in text
    assert "- **学习目标：** `tell-types`: 区分各种题型。" in text
    assert "- **复习：** [题型](lesson.md#types)" in text
    assert markdownsheet.read_back(sheet.data, zh_sources) == []
    table = export(FORMATS["csv"], zh_sources)
    assert table.problems == ()
    rows = list(csv.reader(io.StringIO(table.data.decode("utf-8-sig"))))
    assert rows[3][rows[0].index("key")] == "正确"
    assert csvsheet.read_back(table.data, zh_sources) == []


def test_keys_are_the_sources_and_short_answers_the_translations(zh_sources: list[QuizSource],
                                                                 chinese: Path) -> None:
    from course_quiz.cli import _sources

    english = _sources(load_course(chinese / "docs", chinese / "quizzes", check_lock=False), [], (), "en")
    for zh, en in zip(zh_sources[0].quiz.questions, english[0].quiz.questions, strict=True):
        if isinstance(en.key, NumericKey):  # a translation gives the unit only
            assert (key_of(zh, NumericKey).value, key_of(zh, NumericKey).tolerance) == (en.key.value, en.key.tolerance)
        elif not isinstance(en.key, ShortKey):
            assert zh.key == en.key
    short = next(q for q in zh_sources[0].quiz.questions if q.id == "e-short")
    assert key_of(short, ShortKey).accepted == ("甲{乙}", "x = y", "c#：", "百分之50%")
    assert key_of(short, ShortKey).other_accepted == ()


def test_course_export_language(chinese: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(chinese)
    (chinese / "mkdocs.yml").write_text("site_name: T\nnav:\n  - lesson.md\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["lock"]).exit_code == 0
    result = CliRunner().invoke(main, ["export", "--format", "gift", "--language", "zh", "-o", "zh.gift"])
    assert result.exit_code == 0, result.output
    assert "全部题型" in (chinese / "zh.gift").read_text(encoding="utf-8")
    (chinese / "quizzes" / "every-type.zh.yml").unlink()
    (chinese / "docs" / "lesson.zh.md").unlink()
    assert CliRunner().invoke(main, ["lock"]).exit_code == 0
    result = CliRunner().invoke(main, ["export", "--format", "gift", "--language", "zh", "-o", "zh.gift"])
    assert result.exit_code == 2
    assert "the course has no zh translation (it has en)" in result.output


@pytest.fixture(scope="module")
def real_zh_sources() -> list[QuizSource]:
    """The real course in Chinese, as `course export --language zh` exports it (skipped without a translation)."""
    from course_quiz.cli import _sources
    from course_quiz.navfile import nav_pages
    from tests.conftest import PROJECT

    course = load_course(PROJECT / "docs", PROJECT / "quizzes", root=PROJECT, check_lock=False)
    if "zh" not in course.languages:
        pytest.skip("this checkout of the course has no Chinese translation")
    return _sources(course, nav_pages((PROJECT / "mkdocs.yml").read_text(encoding="utf-8")), (), "zh")


def test_the_real_course_in_chinese_reads_back_in_every_format(real_zh_sources: list[QuizSource]) -> None:
    count = sum(len(source.quiz.questions) for source in real_zh_sources)
    text = export(FORMATS["gift"], real_zh_sources)
    assert text.problems == ()
    expected = gift.expected(real_zh_sources)
    found = read_with_pygiftparser(text.data.decode("utf-8"))
    assert len(found) == len(expected) == count
    assert [q.id for (_, q, record), read in zip(expected, found, strict=True) if differences(record, read)] == []
    package = export(FORMATS["qti"], real_zh_sources)
    assert package.problems == ()
    read, package_problems = read_qti_with_lxml(package.data)
    assert package_problems == []
    expected = qti.expected(real_zh_sources)
    assert [q.id for (_, q, record), item in zip(expected, read, strict=True) if differences(record, item)] == []
    for name in ("csv", "markdown"):
        assert export(FORMATS[name], real_zh_sources).problems == ()
    # Chinese it is: every prompt holds Chinese characters.
    assert all(any("\u4e00" <= c <= "\u9fff" for c in q.prompt) for s in real_zh_sources for q in s.quiz.questions)
