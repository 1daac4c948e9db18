"""Loading a whole course: quiz by quiz, the same problems as holding every quiz at once."""

from __future__ import annotations

from pathlib import Path

from course_quiz.course import load_course
from course_quiz.lessons import Page
from course_quiz.model import Quiz


def break_references(course: Path) -> None:
    """Add a duplicate quiz id, a quiz placed nowhere with a missing lesson, and a misspelt placement."""
    quizzes = course / "quizzes"
    sample = (quizzes / "sample.yml").read_text()
    (quizzes / "zz-dup.yml").write_text(sample)
    (quizzes / "orphan.yml").write_text(sample.replace("id: sample", "id: orphan", 1)
                                        .replace("lesson: lesson.md", "lesson: nowhere.md"))
    with (course / "docs" / "index.md").open("a") as page:
        page.write("\n/// quiz | sampel\n///\n")


def test_quiz_by_quiz_loading_finds_the_same_problems(course_dir: Path) -> None:
    break_references(course_dir)
    handed: list[tuple[str, str, str | None]] = []

    def each_quiz(quiz: Quiz, lesson: Page | None) -> None:
        handed.append((quiz.id, quiz.path, lesson.path if lesson else None))

    whole = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir)
    streamed = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, each_quiz=each_quiz,
                           keep_quizzes=False)
    assert streamed.problems == whole.problems
    assert {"Q301", "Q302", "Q303", "Q305", "Q306", "Q602"} <= {p.code for p in whole.problems}
    assert streamed.quizzes == {}
    # Each id is handed over once, by the first file that uses it, with its lesson page.
    assert handed == [("orphan", "quizzes/orphan.yml", None), ("sample", "quizzes/sample.yml", "lesson.md")]
    assert sorted(whole.quizzes) == ["orphan", "sample"]
    assert whole.quizzes["sample"].path == "quizzes/sample.yml"
