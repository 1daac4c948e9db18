"""The export formats by name, and the one way to run one: write, then read back before anything is kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from course_quiz.export import csvsheet, gift, markdownsheet, qti
from course_quiz.export.base import ExportFormat, QuizSource, Written

FORMATS: dict[str, ExportFormat] = {
    module.NAME: ExportFormat(module.NAME, module.TITLE, module is qti, module.write, module.read_back)
    for module in (gift, qti, csvsheet, markdownsheet)
}


def export(fmt: ExportFormat, sources: Sequence[QuizSource], step: Callable[[], None] = lambda: None) -> Written:
    """Write ``sources`` in ``fmt`` and read the result back.

    Returns:
        The bytes and notes, with every problem: what the format cannot hold (X801, found while writing;
        the export is not read back then) and every difference of the read-back from the source (X802).
        The caller writes the bytes only when there is no problem.

    """
    written = fmt.write(sources, step)
    if written.problems:
        return written
    return Written(written.data, written.notes, tuple(fmt.read_back(written.data, sources)))
