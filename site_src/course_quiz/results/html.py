"""The HTML report: one self-contained page that needs no script, no font and no other host.

Its style is in the page; its charts (``charts``, when matplotlib is installed) are SVG images in
``data:`` addresses, each with a text alternative, and every number is in a table too. It reads without
JavaScript (it has none) and prints: tables repeat their headers, rows are not split, links show no address.
Everything from a file or the sources is escaped.
"""

from __future__ import annotations

import base64
import html
from statistics import mean, median

from course_quiz.results import charts
from course_quiz.results.analysis import MIN_ANSWERED, TOO_EASY, TOO_HARD, WEAK
from course_quiz.results.output import percent, summary_lines
from course_quiz.results.report import QuestionRow, Report

REPORT_HTML = "report.html"
MAX_OPTION_CHARTS = 12

FLAG_REASONS = {
    "too-easy": f"too easy: facility ≥ {TOO_EASY} (nearly everyone right; it tells students apart little)",
    "too-hard": f"too hard: facility ≤ {TOO_HARD} (check the key, the wording, and whether the lesson teaches it)",
    "negative-discrimination": "negative discrimination: d < 0 (weaker students answer it right more often "
                               "than stronger ones; check the key and look for a misleading option)",
    "weak-discrimination": f"weak discrimination: d < {WEAK} (it barely separates stronger from weaker students)",
}

_CSS = """
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, sans-serif; line-height: 1.45; }
body { margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 72rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #c4c7c5; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid #c4c7c5; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { color: #8c1d18; font-weight: 600; }
.note { color: #444746; }
figure { margin: 1rem 0 1.6rem; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444746; }
code { font-size: 0.9em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str, limit: int = 160) -> str:
    """``text`` escaped, cut at a word near ``limit`` characters with an ellipsis."""
    if len(text) <= limit:
        return _e(text)
    return _e(text[:limit].rsplit(" ", 1)[0]) + "…"


def _num(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "–"


def _image(svg: str, alt: str, caption: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{_e(alt)}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


def _charts(report: Report) -> str:
    if not charts.available():
        return (f'<p class="note">Charts need the optional extra <code>results</code> (matplotlib): '
                f"<code>{_e(charts.INSTALL_HINT)}</code>, then run the command again. Every number is in the "
                "tables below.</p>")
    parts = []
    percents = [percent(row.score, row.questions) for row in report.students]
    if percents:
        parts.append(_image(charts.score_distribution(percents),
                            f"Histogram of {len(percents)} students' total scores in bins of 10 percent; median "
                            f"{median(percents):.0f} percent.",
                            "Score distribution: students by total score (right answers as a share of every "
                            "question of the course)."))
    shown = [row for row in report.questions if row.facility is not None and row.discrimination is not None]
    if shown:
        flagged = ", ".join(f"{row.question} ({', '.join(row.flags)})" for row in shown if row.flags) or "none"
        parts.append(_image(charts.facility_discrimination(report.questions),
                            f"Scatter plot of {len(shown)} questions, facility against discrimination, with the "
                            f"thresholds drawn. Flagged and labelled: {flagged}.",
                            f"Facility against discrimination, one point per question. Dashed lines: facility "
                            f"{TOO_HARD} and {TOO_EASY}; dotted line: discrimination {WEAK}; solid line: 0."))
    for row in [r for r in report.flagged if r.options][:MAX_OPTION_CHARTS]:
        counts = "; ".join(f"{o.id}{' (key)' if o.right else ''}: {o.count}" for o in row.options)
        parts.append(_image(charts.option_choices(row), f"Bar chart of option choices for {row.question}: {counts}.",
                            f"Option choices for {row.quiz}/{row.question} ({', '.join(row.flags)})."))
    return "".join(parts)


def _responses(row: QuestionRow) -> str:
    if row.options:
        return "<br>".join(f"{_e(o.id)}{' (key)' if o.right else ''}: {o.count}" for o in row.options)
    wrong = "<br>".join(f"<code>{_e(text[:80])}</code>: {count}" for text, count in row.wrong)
    more = f"<br>other wrong: {row.other_wrong}" if row.other_wrong else ""
    return (f"Frequent wrong:<br>{wrong}{more}" if wrong else "") or "–"


def _item_table(rows: list[QuestionRow], caption: str) -> str:
    body = "".join(
        f'<tr><th scope="row"><code>{_e(row.question)}</code></th><td>{_short(row.prompt)}</td>'
        f"<td>{_e(row.type)}</td><td>{_e(row.level or '–')}</td><td>{_e(row.objective or '–')}</td>"
        f'<td class="num">{row.answered}</td><td class="num">{_num(row.facility)}</td>'
        f'<td class="num">{_num(row.discrimination)}</td>'
        f'<td>{"<br>".join(f"<span class=flag>{_e(flag)}</span>" for flag in row.flags) or "–"}</td>'
        f"<td>{_responses(row)}</td>"
        f'<td class="num">{row.changed}</td></tr>'
        for row in rows)
    return (f"<table><caption>{_e(caption)}</caption><thead><tr><th scope=\"col\">Question</th>"
            '<th scope="col">Prompt</th><th scope="col">Type</th><th scope="col">Level</th>'
            '<th scope="col">Objective</th><th scope="col">Answered</th><th scope="col">Facility</th>'
            '<th scope="col">Discrimination</th><th scope="col">Flags</th><th scope="col">Responses</th>'
            f'<th scope="col">Changed since answered</th></tr></thead><tbody>{body}</tbody></table>')


def _flagged(report: Report) -> str:
    if not report.flagged:
        return "<p>No question is flagged.</p>"
    items = "".join(
        f"<li><strong><code>{_e(row.quiz)}/{_e(row.question)}</code></strong> ({_e(row.level or 'no level')}, "
        f"objective {_e(row.objective or 'none')}): {_short(row.prompt)}<ul>"
        + "".join(f"<li>{_e(FLAG_REASONS[flag])}</li>" for flag in row.flags)
        + f"</ul>{row.answered} answers, facility {_num(row.facility)}, discrimination {_num(row.discrimination)}."
        "</li>" for row in report.flagged)
    return f"<ul>{items}</ul>"


def _gradebook(report: Report) -> str:
    quizzes = report.quizzes
    head = "".join(f'<th scope="col"><code>{_e(q.id)}</code><br>of {len(q.questions)}</th>' for q in quizzes)
    rows = []
    for row in report.students:
        scores = "".join(f'<td class="num">{row.quizzes[q.id].score}</td>' for q in quizzes)
        files = _e(", ".join(row.files)) + (f" (the later, {_e(row.file)}, counts)" if len(row.files) > 1 else "")
        when = row.last_activity.strftime("%Y-%m-%d %H:%M") if row.last_activity else "–"
        rows.append(f'<tr><th scope="row">{_e(row.student)}</th>{scores}<td class="num">{row.score} of '
                    f'{row.questions}</td><td class="num">{percent(row.answered, row.questions)}%</td>'
                    f'<td>{when}</td><td class="num">{len(row.disagreements)}</td><td>{files}</td></tr>')
    return ("<table><caption>Gradebook: right answers per quiz (regraded)</caption><thead><tr>"
            f'<th scope="col">Student</th>{head}<th scope="col">Total</th><th scope="col">Completion</th>'
            '<th scope="col">Last activity (UTC)</th><th scope="col">Verdicts the regrade contradicts</th>'
            f'<th scope="col">Files</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _edited(report: Report) -> str:
    if not report.edited:
        return "<p>Every verdict in the files agrees with the regrade.</p>"
    students = {row.file: row for row in report.students}
    items = []
    for path, _, count in report.edited:
        row = students.get(path)
        detail = (": " + ", ".join(f"{d.quiz}/{d.question} ({d.attempt}: file says {d.file_says}, regrade "
                                   f"{d.regrade})" for d in row.disagreements[:10])) if row else ""
        items.append(f"<li><code>{_e(path)}</code>: {count} verdict(s) differ{_e(detail)}</li>")
    return ("<p>These files claim verdicts the regrade does not confirm: they were edited. The gradebook uses "
            f"the regrade, never the file's verdicts.</p><ul>{''.join(items)}</ul>")


def report_html(report: Report) -> str:
    """The whole report as one HTML page."""
    scores = [percent(row.score, row.questions) for row in report.students]
    figures = (f"<p>Mean total score {mean(scores):.1f}%, median {median(scores):.1f}%.</p>" if scores else "")
    summary = "".join(f"<li>{_e(line)}</li>" for line in summary_lines(report))
    per_quiz = "".join(
        f"<h3>{_e(quiz.title)} (<code>{_e(quiz.id)}</code>)</h3>"
        + _item_table([row for row in report.questions if row.quiz == quiz.id], f"Item analysis: {quiz.title}")
        for quiz in report.quizzes)
    problems = ("".join(f"<li><code>{_e(found.format())}</code></li>" for found in report.problems))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Results and item analysis: {_e(report.course)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>Results and item analysis: {_e(report.course)}</h1>
<p class="note">Personal data: keep this page with the students' files, never on the course's site.</p>
<h2 id="summary">Summary</h2>
<ul>{summary}</ul>
{figures}
<h2 id="revise">Questions to revise</h2>
<p>Flags need at least {MIN_ANSWERED} graded answers. Facility is the share right; discrimination is the
correlation between a question's score and the student's score on the rest of its quiz.</p>
{_flagged(report)}
<h2 id="charts">Charts</h2>
{_charts(report)}
<h2 id="items">Item analysis</h2>
{per_quiz}
<h2 id="gradebook">Gradebook</h2>
{_gradebook(report)}
<h2 id="edited">Edited files</h2>
{_edited(report)}
<h2 id="problems">Problems</h2>
{f"<ul>{problems}</ul>" if problems else "<p>Every file was read.</p>"}
</main>
</body>
</html>
"""
