"""The HTML report: self-contained, escaped, deterministic, and useful without the charts' extra."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pytest

from course_quiz.results import charts
from course_quiz.results.grading import Which
from course_quiz.results.html import FLAG_REASONS, report_html
from course_quiz.results.report import run
from tests.course_quiz.results.helpers import keys, results, write

HOSTILE = '<script>alert(1)</script><img src="https://example.org/x.png">'


def page(folder: Path) -> str:
    for index in range(6):
        write(folder, f"s{index}.json", results(f"Student {index}", "1" * (8 - index) + "0" * index))
    data = results(HOSTILE, "00000000")
    data["quizzes"][0]["answers"][3]["first"]["response"] = HOSTILE  # type: ignore[index]
    write(folder, "hostile.json", data)
    return report_html(run([folder], keys(), Which.FIRST))


def test_nothing_from_a_file_becomes_markup_and_nothing_is_fetched(tmp_path: Path) -> None:
    text = page(tmp_path)
    assert "<script" not in text
    assert "alert(1)</script>" not in text
    assert "&lt;script&gt;" in text
    addresses = re.findall(r'(?:src|href)="([^"]*)"', text)
    assert addresses
    assert all(address.startswith("data:image/svg+xml;base64,") for address in addresses)
    for address in addresses:  # the charts themselves reach for nothing either
        svg = base64.b64decode(address.split(",", 1)[1]).decode()
        assert re.findall(r'(?:href|src)="(?!#)([^"]*)"', svg) == []  # only links within the image
        assert "<script" not in svg
        assert "@import" not in svg
        assert "url(http" not in svg


def test_the_report_is_the_same_on_every_run(tmp_path: Path) -> None:
    assert page(tmp_path / "one") == page(tmp_path / "two").replace(str(tmp_path / "two"), str(tmp_path / "one"))


def test_without_matplotlib_the_report_says_how_to_get_the_charts(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "available", lambda: False)
    text = page(tmp_path)
    assert "<img" not in text
    assert "Charts need the optional extra <code>results</code>" in text
    assert "pip install &#x27;course-site[results]&#x27;" in text
    assert "Item analysis" in text
    assert "Gradebook" in text


def test_the_report_lists_flags_with_their_reasons_and_the_charts(tmp_path: Path) -> None:
    text = page(tmp_path)
    report = run([tmp_path], keys(), Which.FIRST)
    assert report.flagged, "s-match: 1 of 7 right"
    for row in report.flagged:
        assert f"<code>sample/{row.question}</code>" in text
        for flag in row.flags:
            assert html.escape(FLAG_REASONS[flag]) in text
    assert text.count("<img") == 2 + sum(bool(row.options) for row in report.flagged)
    assert "Score distribution" in text
    assert "Facility against discrimination" in text
