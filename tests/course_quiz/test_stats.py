"""`course stats`: per lesson, questions by type and level, objectives with their questions, minutes."""

from __future__ import annotations

import json
from pathlib import Path

from course_quiz.course import load_course
from course_quiz.stats import course_stats, stats_json, stats_table


def test_stats_of_the_fixture_course(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    objective: check-keys\n    prompt: The key is in the page",
                                             "    objective: check-keys\n    level: evaluate\n"
                                             "    prompt: The key is in the page"))
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, check_lock=False)
    [lesson] = course_stats(course)
    assert lesson.lesson == "lesson.md"
    assert lesson.title == "Sample lesson"
    assert (lesson.reading_minutes, lesson.activity_minutes) == (3, 2)
    assert lesson.questions == 8
    assert lesson.types == {"single": 1, "multiple": 1, "true-false": 1, "short": 1, "numeric": 2, "order": 1,
                            "match": 1}
    assert lesson.levels["evaluate"] == 1
    assert lesson.levels["none"] == 7
    assert {o.id: o.questions for o in lesson.objectives} == {
        "tell-types": ["s-single", "s-multiple", "s-numeric", "s-match"],
        "check-keys": ["s-tf", "s-short", "s-numeric-decimal", "s-order"]}
    data = json.loads(stats_json([lesson]))
    assert data["totals"]["questions"] == 8
    assert data["lessons"][0]["objectives"][0] == {"id": "tell-types", "text": "Tell the question types apart.",
                                                    "questions": ["s-single", "s-multiple", "s-numeric", "s-match"]}
    table = stats_table([lesson])
    assert table.splitlines()[0].split() == ["Lesson", "Read", "Act", "Qs", "sgl", "mul", "t/f", "sho", "num", "ord",
                                             "mat", "|", "rem", "und", "app", "ana", "eva", "cre", "—"]
    assert table.splitlines()[2].split() == ["Sample", "lesson", "3", "2", "8", "1", "1", "1", "1", "2", "1", "1", "|",
                                             "0", "0", "0", "0", "1", "0", "7"]
    assert "  check-keys: s-tf, s-short, s-numeric-decimal, s-order" in table


def test_lessons_follow_the_given_order(course_dir: Path) -> None:
    page = course_dir / "docs" / "other.md"
    page.write_text("---\ntitle: Other\nsummary: S.\nobjectives:\n  - {id: o, text: Do.}\nkeypoints: [K.]\n"
                    "minutes: {reading: 1, activity: 0}\n---\n\nText.\n")
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, check_lock=False)
    assert [s.lesson for s in course_stats(course)] == ["lesson.md", "other.md"]
    assert [s.lesson for s in course_stats(course, ["other.md", "lesson.md"])] == ["other.md", "lesson.md"]
    other = course_stats(course)[1]
    assert (other.questions, other.objectives[0].questions) == (0, [])
