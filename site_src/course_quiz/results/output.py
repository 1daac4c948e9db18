"""The report as JSON (for other tools), as text (for a terminal), and as two CSV files (gradebook, items)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from course_quiz.results.analysis import MIN_ANSWERED, TOO_EASY, TOO_HARD, WEAK, StudentRow
from course_quiz.results.report import QuestionRow, Report

GRADEBOOK_CSV = "gradebook.csv"
ITEMS_CSV = "items.csv"


def _time(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _ratio(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` as a percentage with one decimal (0 when ``whole`` is 0)."""
    return round(100 * part / whole, 1) if whole else 0.0


def student_json(row: StudentRow) -> dict[str, object]:
    """One gradebook row as JSON."""
    return {
        "student": row.student, "file": row.file, "files": row.files, "format_version": row.version,
        "quizzes": {quiz: {"score": s.score, "questions": s.questions, "answered": s.answered, "changed": s.changed}
                    for quiz, s in row.quizzes.items()},
        "total": {"score": row.score, "questions": row.questions, "answered": row.answered},
        "completion": round(row.answered / row.questions, 4) if row.questions else 0.0,
        "last_activity": _time(row.last_activity),
        "disagreements": [{"quiz": d.quiz, "question": d.question, "attempt": d.attempt, "file_says": d.file_says,
                           "regrade": d.regrade} for d in row.disagreements],
        "first_attempt_unknown": row.first_unknown,
    }


def question_json(row: QuestionRow) -> dict[str, object]:
    """One item-analysis row as JSON."""
    return {
        "quiz": row.quiz, "question": row.question, "type": row.type, "level": row.level,
        "objective": row.objective, "prompt": row.prompt, "answered": row.answered, "right": row.right,
        "facility": _ratio(row.facility), "discrimination": _ratio(row.discrimination), "flags": list(row.flags),
        "options": [{"id": o.id, "text": o.text, "count": o.count, "right": o.right} for o in row.options],
        "wrong_responses": [{"response": text, "count": count} for text, count in row.wrong],
        "other_wrong_responses": row.other_wrong, "changed_since_answered": row.changed,
        "invalid_responses": row.invalid,
    }


def report_json(report: Report) -> str:
    """The whole report as JSON: students, questions and problems, with the thresholds used."""
    data = {
        "course": report.course, "attempt": report.attempt.value, "files": report.files,
        "version_1_files": report.version_one,
        "thresholds": {"too_easy": TOO_EASY, "too_hard": TOO_HARD, "weak_discrimination": WEAK,
                       "negative_discrimination": 0, "min_answered": MIN_ANSWERED},
        "students": [student_json(row) for row in report.students],
        "questions": [question_json(row) for row in report.questions],
        "edited_files": [{"file": path, "student": student, "disagreements": count}
                         for path, student, count in report.edited],
        "problems": [found.as_dict() for found in report.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(value: object) -> object:
    """A text that a spreadsheet would run as a formula (a student's name, a typed answer) is quoted with '."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([[_cell(value) for value in row] for row in rows])
    return "\ufeff" + buffer.getvalue()  # a byte-order mark: spreadsheet programs then read UTF-8


def gradebook_csv(report: Report) -> str:
    """One row per student: each quiz's score (right answers), the total, percent, completion, last activity.

    Columns: student, file, one per quiz (its id; the points are its questions), total, out_of, percent,
    completion_percent, last_activity, disagreements. docs/instructors.md maps them for Moodle and Canvas.
    """
    quiz_ids = [quiz.id for quiz in report.quizzes]
    header: list[object] = ["student", "file", *quiz_ids, "total", "out_of", "percent", "completion_percent",
                            "last_activity", "disagreements"]
    rows: list[list[object]] = [header]
    for row in report.students:
        scores = [row.quizzes[quiz_id].score if quiz_id in row.quizzes else 0 for quiz_id in quiz_ids]
        rows.append([row.student, row.file, *scores, row.score, row.questions, percent(row.score, row.questions),
                     percent(row.answered, row.questions), _time(row.last_activity) or "", len(row.disagreements)])
    return _csv(rows)


def items_csv(report: Report) -> str:
    """One row per question: who answered, facility, discrimination, flags, options chosen, wrong answers."""
    rows: list[list[object]] = [["quiz", "question", "type", "level", "objective", "answered", "right", "facility",
                                 "discrimination", "flags", "options_chosen", "frequent_wrong_responses",
                                 "changed_since_answered", "prompt"]]
    for row in report.questions:
        options = "; ".join(f"{o.id}{' (key)' if o.right else ''}: {o.count}" for o in row.options)
        wrong = "; ".join(f"{text}: {count}" for text, count in row.wrong)
        rows.append([row.quiz, row.question, row.type, row.level or "", row.objective or "", row.answered, row.right,
                     _fixed(row.facility), _fixed(row.discrimination), " ".join(row.flags), options, wrong,
                     row.changed, row.prompt])
    return _csv(rows)


def _fixed(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else ""


def report_text(report: Report) -> str:
    """A terminal's report: the summary, the flagged questions, the gradebook and the edited files."""
    lines = summary_lines(report)
    lines.append("")
    lines.append(f"Questions flagged ({len(report.flagged)} of {len(report.questions)}):")
    for row in report.flagged:
        lines.append(f"  {row.quiz}/{row.question}: {', '.join(row.flags)} (answered {row.answered}, facility "
                     f"{_fixed(row.facility)}, discrimination {_fixed(row.discrimination) or 'n/a'})")
    if not report.flagged:
        lines.append("  none")
    lines.append("")
    lines.append("Gradebook (score of questions, completion, last activity):")
    width = max((len(row.student) for row in report.students), default=7)
    for student in report.students:
        lines.append(f"  {student.student:<{width}}  {student.score:>4} of {student.questions:<4} "
                     f"{percent(student.answered, student.questions):>5}% answered  "
                     f"{_time(student.last_activity) or '-'}"
                     + (f"  (files: {', '.join(student.files)}; {student.file} counts)" if len(student.files) > 1
                        else ""))
    if report.edited:
        lines.append("")
        lines.append("Files whose verdicts the regrade contradicts (edited files):")
        lines.extend(f"  {path}: {count} verdict(s) differ" for path, _, count in report.edited)
    return "\n".join(lines) + "\n"


def summary_lines(report: Report) -> list[str]:
    """The report's summary, a sentence per line."""
    lines = [f"{report.course}: {report.files} results file(s) read, {len(report.students)} student(s), "
             f"{len(report.problems)} problem(s).",
             f"Graded: each student's {report.attempt.value} attempt at each question, regraded against today's keys."]
    if report.version_one:
        lines.append(f"{report.version_one} file(s) of format version 1 carry only the latest response: their "
                     "first attempts are unknown, and their latest responses were graded.")
    unknown = sum(row.first_unknown for row in report.students)
    if unknown and report.attempt.value == "first":
        lines.append(f"{unknown} answer(s) without a known first attempt were graded on their latest response.")
    if report.edited:
        lines.append(f"{len(report.edited)} file(s) claim verdicts the regrade contradicts (edited files, listed "
                     "below); the regrade counts.")
    changed = sum(row.changed for row in report.questions)
    if changed:
        lines.append(f"{changed} answer(s) were given to a key or type that has changed since: not graded.")
    return lines
