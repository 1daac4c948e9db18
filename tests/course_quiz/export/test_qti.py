"""QTI 1.2 exports for Canvas, read back with lxml (independent) and with the exporter's own reader."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest

from course_quiz.export import qti
from course_quiz.export.base import QuizSource, ReadQuestion, differences
from course_quiz.export.formats import FORMATS, export
from course_quiz.qtypes.base import key_of
from course_quiz.qtypes.choice import ChoiceKey
from course_quiz.qtypes.truefalse import BoolKey
from tests.course_quiz.export.readers import read_qti_with_lxml

ALL_TYPES = {"single", "multiple", "true-false", "short", "numeric", "match"}


def qti_zip(sources: list[QuizSource]) -> bytes:
    written = qti.write(sources, lambda: None)
    assert written.problems == ()
    return written.data


@pytest.fixture(scope="module")
def real_zip(real_sources: list[QuizSource]) -> bytes:
    """The real course's QTI zip, written once for this module."""
    return qti_zip(real_sources)


def mismatches(sources: list[QuizSource], found: list[ReadQuestion]) -> dict[str, list[str]]:
    expected = qti.expected(sources)
    gaps = {question.id: differences(record, read)
            for (_, question, record), read in zip(expected, found, strict=False) if differences(record, read)}
    if len(found) != len(expected):
        gaps["(count)"] = [f"read {len(found)} items, expected {len(expected)}"]
    return gaps


def test_real_course_reads_back_with_lxml(real_sources: list[QuizSource], real_zip: bytes) -> None:
    found, package_problems = read_qti_with_lxml(real_zip)
    assert package_problems == []
    assert mismatches(real_sources, found) == {}
    assert {record.type for record in found} == ALL_TYPES
    assert len(found) == sum(len(s.quiz.questions) for s in real_sources)


def test_real_course_reads_back_with_the_exporters_reader(real_sources: list[QuizSource]) -> None:
    written = export(FORMATS["qti"], real_sources)
    assert written.problems == ()


def test_every_type_reads_back(every_type: list[QuizSource]) -> None:
    data = qti_zip(every_type)
    found, package_problems = read_qti_with_lxml(data)
    assert package_problems == []
    assert mismatches(every_type, found) == {}
    assert qti.read_back(data, every_type) == []


def test_package_layout_and_identifiers(real_sources: list[QuizSource], real_zip: bytes) -> None:
    data = real_zip
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        manifest = archive.read("imsmanifest.xml").decode()
    assert names == sorted(names)
    assert sorted(names) == sorted(["imsmanifest.xml", *(f"quiz-{s.quiz.id}.xml" for s in real_sources)])
    assert 'type="imsqti_xmlv1p2"' in manifest
    # Stable: the same sources give the same bytes.
    assert qti_zip(real_sources) == data


def test_correct_responses_name_existing_choices_and_equal_the_key(real_sources: list[QuizSource],
                                                                  real_zip: bytes) -> None:
    found, _ = read_qti_with_lxml(real_zip)
    by_name = {record.name: record for record in found}
    for source in real_sources:
        for question in source.quiz.questions:
            record = by_name[question.id]
            if question.type in ("single", "multiple"):
                assert [a.ident for a in record.answers] == [o.id for o in question.options]
                assert sorted(a.ident for a in record.answers if a.weight) == sorted(key_of(question, ChoiceKey).ids)
            elif question.type == "true-false":
                assert record.value is key_of(question, BoolKey).value


# ---- Negative tests -----------------------------------------------------------------------------------
def _edit(data: bytes, change: Callable[[str, str], str]) -> bytes:
    """The zip with ``change(name, text)`` applied to each of its files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name).decode()))
    return out.getvalue()


def _once(pattern: str, replacement: str) -> Callable[[str, str], str]:
    done: list[str] = []

    def change(name: str, text: str) -> str:
        if done or name == "imsmanifest.xml" or not re.search(pattern, text):
            return text
        done.append(name)
        return re.sub(pattern, replacement, text, count=1)

    return change


def _second_item_takes_the_first_items_identifier(name: str, text: str) -> str:
    idents = re.findall(r'<item ident="([^"]+)"', text)
    if name == "imsmanifest.xml" or len(idents) < 2:
        return text
    return text.replace(f'<item ident="{idents[1]}"', f'<item ident="{idents[0]}"', 1)


def _manifest_names_a_missing_file(name: str, text: str) -> str:
    return text.replace('<file href="quiz-', '<file href="gone-', 1) if name == "imsmanifest.xml" else text


BREAKAGES: dict[str, Callable[[str, str], str]] = {
    # The scoring condition of the first single-choice item names a choice that does not exist.
    "key naming no choice": _once(r'(<respcondition continue="No">\s*<conditionvar>\s*<varequal [^>]*>)[^<]+',
                                  r"\1no-such-choice"),
    "manifest naming a missing file": _manifest_names_a_missing_file,
    "duplicate item identifier": _second_item_takes_the_first_items_identifier,
    "feedback on the wrong choice": _once(r'linkrefid="option-(?P<a>[^"]+)_fb"(?P<rest>[\s\S]*?)'
                                          r'linkrefid="option-(?P<b>[^"]+)_fb"',
                                          r'linkrefid="option-\g<b>_fb"\g<rest>linkrefid="option-\g<a>_fb"'),
    "changed text": _once(r"(<mattext texttype=\"text/html\">)&lt;p&gt;", r"\1&lt;p&gt;Changed: "),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES), ids=list(BREAKAGES))
def test_a_broken_zip_of_the_real_course_is_caught(real_sources: list[QuizSource], real_zip: bytes,
                                                  breakage: str) -> None:
    data = real_zip
    broken = _edit(data, BREAKAGES[breakage])
    assert broken != _edit(data, lambda _, text: text)
    found, package_problems = read_qti_with_lxml(broken)
    assert package_problems or mismatches(real_sources, found)
    problems = qti.read_back(broken, real_sources)
    assert problems
    assert {p.code for p in problems} == {"X802"}


def test_order_hints_and_units_are_notes_and_comments(every_type: list[QuizSource]) -> None:
    written = qti.write(every_type, lambda: None)
    messages = [n.message for n in written.notes]
    assert "question 'e-order': Canvas has no ordering question in classic quizzes: exported as matching, each " \
           "item to its position (1 first)" in messages
    assert "question 'e-numeric-unit': Canvas numerical questions have no unit: students type the number " \
           "without '%'" in messages
    with zipfile.ZipFile(io.BytesIO(written.data)) as archive:
        assessment = archive.read("quiz-every-type.xml").decode()
    for message in messages:
        assert f"<!-- note: {message} -->" in assessment
