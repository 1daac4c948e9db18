"""The report's charts, drawn by matplotlib as SVG: an optional extra (``pip install 'course-site[results]'``).

matplotlib is a well-kept plotting library; drawing axes, ticks and labels by hand would be a second one
to maintain. Its object-oriented API is used (``Figure``, no ``pyplot``), so no global state or window is
involved; text is drawn as paths, so an SVG needs no font, and ids are salted so that output is the same
on every run. Each chart comes with a text alternative, and the report's tables carry every number.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from course_quiz.results.analysis import TOO_EASY, TOO_HARD, WEAK
from course_quiz.results.report import QuestionRow

INSTALL_HINT = "pip install 'course-site[results]'"
_STYLE: Any = {"svg.hashsalt": "course-results", "svg.fonttype": "path", "font.size": 9.0,
          "axes.spines.top": False, "axes.spines.right": False}
_INK, _ACCENT, _FLAG, _MUTED = "#1a1a1a", "#1f5fa8", "#b3261e", "#5f6368"


def available() -> bool:
    """Whether matplotlib can be imported (the ``results`` extra is installed)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(figure: Any) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # without the XML declaration and doctype: the SVG element alone


def score_distribution(percents: Sequence[float]) -> str:
    """A histogram of the students' total scores, in percent, in bins of 10."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(6.4, 2.8)
        axes = figure.add_subplot()
        axes.hist(list(percents), bins=[10 * i for i in range(11)], color=_ACCENT, edgecolor="white")
        axes.set_xlabel("Total score (% of the course's questions right)")
        axes.set_ylabel("Students")
        axes.set_xlim(0, 100)
        return _svg(figure)


def facility_discrimination(rows: Sequence[QuestionRow]) -> str:
    """Each question's facility against its discrimination; flagged ones in red and labelled, thresholds drawn."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(6.4, 4.4)
        axes = figure.add_subplot()
        for value in (TOO_HARD, TOO_EASY):
            axes.axvline(value, color=_MUTED, linestyle="--", linewidth=0.8)
        for value in (0.0, WEAK):
            axes.axhline(value, color=_MUTED, linestyle=":" if value else "-", linewidth=0.8)
        shown = [row for row in rows if row.facility is not None and row.discrimination is not None]
        plain = [row for row in shown if not row.flags]
        flagged = [row for row in shown if row.flags]
        axes.scatter([r.facility for r in plain], [r.discrimination for r in plain], s=18, color=_ACCENT,
                     label="not flagged")
        axes.scatter([r.facility for r in flagged], [r.discrimination for r in flagged], s=28, color=_FLAG,
                     marker="D", label="flagged")
        for row in flagged:
            axes.annotate(row.question, (row.facility, row.discrimination), fontsize=7, color=_INK,
                          xytext=(4, 3), textcoords="offset points")
        axes.set_xlim(0, 1.02)
        low = min([r.discrimination for r in shown if r.discrimination is not None] + [-0.1])
        axes.set_ylim(min(-0.2, low - 0.05), 1)
        axes.set_xlabel("Facility (share right)")
        axes.set_ylabel("Discrimination (correlation with the rest)")
        axes.legend(loc="lower left", frameon=False)
        return _svg(figure)


def option_choices(row: QuestionRow) -> str:
    """How often each option of a choice question was chosen; the key's options in the accent colour."""
    import matplotlib

    with matplotlib.rc_context(_STYLE):
        figure = _figure(6.4, 0.5 + 0.32 * len(row.options))
        axes = figure.add_subplot()
        labels = [f"{o.id}{' (key)' if o.right else ''}" for o in row.options][::-1]
        counts = [o.count for o in row.options][::-1]
        colours = [_ACCENT if o.right else _MUTED for o in row.options][::-1]
        axes.barh(labels, counts, color=colours)
        axes.set_xlabel(f"Times chosen ({row.answered} answers)")
        return _svg(figure)
