"""The CSV answer sheet: one row per question (``sheet.COLUMNS``), for a spreadsheet.

UTF-8 with a byte-order mark, so that spreadsheet programs that guess the encoding (Excel) read it
right; RFC 4180 quoting and line ends, from the standard library's ``csv`` module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import astuple

from course_quiz.export.base import QuizSource, Written
from course_quiz.export.sheet import COLUMNS, compare_rows, sheet_rows
from course_quiz.problems import Problem

NAME = "csv"
TITLE = "CSV answer sheet"


def write(sources: Sequence[QuizSource], step: Callable[[], None]) -> Written:
    """A header row and one row per question."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for source in sources:
        for _, _, row in sheet_rows([source]):
            writer.writerow(astuple(row))
        step()
    return Written(buffer.getvalue().encode("utf-8-sig"))


def read_back(data: bytes, sources: Sequence[QuizSource]) -> list[Problem]:
    """Read the sheet back with ``csv`` and compare every row with its question."""
    rows = [tuple(row) for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))]
    expected = sheet_rows(sources)
    if not rows or rows[0] != COLUMNS:
        path = expected[0][0].path if expected else "export"
        return [Problem(path, 0, 0, "X802", f"{TITLE} has no header row {', '.join(COLUMNS)}")]
    return compare_rows(TITLE, expected, rows[1:])
