"""Reference checks across the course (Q301-Q309, W403), and the first message naming the cause."""

from __future__ import annotations

from pathlib import Path

from course_quiz.course import load_course
from course_quiz.loader import load_quiz_file
from course_quiz.lock import LOCK_NAME, render_lock
from course_quiz.problems import Problem
from tests.conftest import WriteCourse

LESSON = """---
title: L
summary: S.
objectives:
  - id: know-a
    text: Know A.
  - id: know-b
    text: Know B.
keypoints:
  - A.
minutes: {reading: 1, activity: 1}
---

# Lesson

## Part A { #part-a }

## Part B

/// quiz | {quiz}
///
"""


def lesson(quiz_id: str) -> str:
    return LESSON.replace("{quiz}", quiz_id)


def quiz_text(quiz_id: str, lesson: str = "lesson.md", question_prefix: str = "q",
              objective: str = "know-a", review: str = "part-a", objective2: str = "know-b") -> str:
    return f"""id: {quiz_id}
title: T
lesson: {lesson}
questions:
  - id: {question_prefix}1
    type: single
    objective: {objective}
    prompt: P
    options:
      - {{id: a, text: "A", feedback: "Because A."}}
      - {{id: b, text: "B", feedback: "Because B."}}
    answer: b
    explanation: E.
    review: {review}
  - id: {question_prefix}2
    type: true-false
    objective: {objective2}
    prompt: P
    answer: true
    explanation: E.
    review: part-b
"""


def codes(problems: tuple[Problem, ...] | list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.code, p.path, p.line) for p in problems]


def load(root: Path) -> list[tuple[str, str, int]]:
    return codes(load_course(root / "docs", root / "quizzes", root=root, check_lock=False).problems)


def test_clean_course_has_no_problems(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one")}, docs={"lesson.md": lesson("one")})
    assert load(root) == []


def test_q301_q302_repeated_ids(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one"), "two.yml": quiz_text("one")},
                        docs={"lesson.md": lesson("one")})
    found = load(root)
    assert ("Q301", "quizzes/two.yml", 1) in found
    assert ("Q302", "quizzes/two.yml", 5) in found
    assert ("Q302", "quizzes/two.yml", 15) in found


def test_q303_quiz_in_no_lesson(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one")}, docs={"lesson.md": "# Nothing here\n"})
    assert ("Q303", "quizzes/one.yml", 1) in load(root)


def test_q304_quiz_in_two_lessons(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one")},
                        docs={"lesson.md": lesson("one"), "other.md": lesson("one")})
    assert ("Q304", "docs/other.md", 20) in load(root)


def test_q305_directive_names_missing_quiz(write_course: WriteCourse) -> None:
    page = lesson("one") + "\n/// quiz | onee\n///\n\n/// quiz\n///\n"
    root = write_course(quizzes={"one.yml": quiz_text("one")}, docs={"lesson.md": page})
    found = load(root)
    assert ("Q305", "docs/lesson.md", 23) in found
    assert ("Q305", "docs/lesson.md", 26) in found


def test_directive_inside_code_fence_is_not_a_placement(write_course: WriteCourse) -> None:
    page = lesson("one") + "\n```\n/// quiz | ghost\n///\n```\n"
    root = write_course(quizzes={"one.yml": quiz_text("one")}, docs={"lesson.md": page})
    assert load(root) == []


def test_q306_lesson_field_disagrees(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one", lesson="elsewhere.md")},
                        docs={"lesson.md": lesson("one")})
    assert ("Q306", "quizzes/one.yml", 3) in load(root)


def test_q307_q308_objective_and_review_unknown(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one", objective="know-c", review="part-c")},
                        docs={"lesson.md": lesson("one")})
    found = load(root)
    assert ("Q307", "quizzes/one.yml", 7) in found
    assert ("Q308", "quizzes/one.yml", 14) in found
    # know-a is now assessed by no question.
    assert ("W403", "docs/lesson.md", 5) in found


def test_q309_lesson_front_matter(write_course: WriteCourse) -> None:
    page = lesson("one").replace("summary: S.\n", "sumary: S.\n")
    root = write_course(quizzes={"one.yml": quiz_text("one")}, docs={"lesson.md": page})
    found = load(root)
    assert ("Q309", "docs/lesson.md", 3) in found  # the unknown key, at its line
    assert ("Q309", "docs/lesson.md", 2) in found  # the missing summary, at the front matter


def test_missing_quizzes_folder_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    found = load(tmp_path)
    assert found == [("Q100", "quizzes", 0)]


# ---- The first message names the cause: problems that follow only from another are not reported ----

def _lock_of(root: Path, *quiz_files: str) -> None:
    """Lock the quizzes of ``quiz_files`` as they are now (an established course)."""
    quizzes = [q for name in quiz_files if (q := load_quiz_file(root / "quizzes" / name)[0]) is not None]
    (root / "quizzes" / LOCK_NAME).write_text(render_lock(quizzes), encoding="utf-8")


def load_locked(root: Path) -> list[tuple[str, str, int]]:
    return codes(load_course(root / "docs", root / "quizzes", root=root).problems)


def test_a_quiz_file_that_does_not_parse_is_not_also_a_missing_quiz(write_course: WriteCourse) -> None:
    broken = quiz_text("one").replace("    type: single\n", "     type: single\n", 1)  # a bad indent
    root = write_course(quizzes={"one.yml": broken, "named-otherwise.yml": "id: two\ntitle: [unclosed\n"},
                        docs={"lesson.md": lesson("one") + "\n/// quiz | two\n///\n\n/// quiz | three\n///\n"})
    found = load(root)
    # Each file's syntax error, and a Q305 only for the quiz that no file claims (by name or by its id line).
    assert [code for code, _, _ in found] == ["Q305", "Q101", "Q101"]
    assert found[0] == ("Q305", "docs/lesson.md", 26)


def test_a_reused_quiz_id_is_one_q301_on_the_new_file_naming_the_established_one(write_course: WriteCourse) -> None:
    new_lesson = lesson("one").replace("know-a", "know-x").replace("know-b", "know-y")
    root = write_course(
        quizzes={"one.yml": quiz_text("one"),
                 # A new quiz that kept the id it was copied from; it sorts first, and is not in the lock.
                 "a-new.yml": quiz_text("one", lesson="new.md", question_prefix="n", objective="know-x",
                                        objective2="know-y", review="nowhere")},
        docs={"lesson.md": lesson("one"), "new.md": new_lesson})
    _lock_of(root, "one.yml")
    found = load_locked(root)
    # Not Q304 (placed twice), Q306, Q307, Q308 or W403 about the other lesson, nor Q602 under the reused id.
    assert found == [("Q301", "quizzes/a-new.yml", 1)]
    message = load_course(root / "docs", root / "quizzes", root=root).problems[0].message
    assert "quizzes/one.yml:1" in message
    assert "quizzes/a-new.yml" in message


def test_without_a_lock_the_first_file_keeps_a_reused_quiz_id(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"a.yml": quiz_text("one"), "b.yml": quiz_text("one", question_prefix="b")},
                        docs={"lesson.md": lesson("one")})
    assert load(root) == [("Q301", "quizzes/b.yml", 1)]


def test_a_reused_question_id_is_filed_against_the_new_question(write_course: WriteCourse) -> None:
    root = write_course(quizzes={"one.yml": quiz_text("one"),
                                 "two.yml": quiz_text("two", lesson="other.md", question_prefix="t")},
                        docs={"lesson.md": lesson("one"), "other.md": lesson("two")})
    _lock_of(root, "two.yml")
    # one.yml (first in file order, not in the lock) takes t1 as a new question: the problem is its own.
    (root / "quizzes" / "one.yml").write_text(quiz_text("one").replace("id: q1", "id: t1"), encoding="utf-8")
    found = [entry for entry in load_locked(root) if entry[0] != "Q602"]  # one.yml is not locked: Q602 is right
    assert found == [("Q302", "quizzes/one.yml", 5)]
    message = next(p for p in load_course(root / "docs", root / "quizzes", root=root).problems if p.code == "Q302")
    assert "quizzes/two.yml:5" in message.message


def test_a_copied_quiz_that_kept_its_id_explains_its_lessons_missing_quiz(write_course: WriteCourse) -> None:
    # The author copied one.yml to two.yml for a new lesson that places 'two', but left 'id: one'.
    root = write_course(quizzes={"one.yml": quiz_text("one"), "two.yml": quiz_text("one", lesson="new.md",
                                                                                   question_prefix="n")},
                        docs={"lesson.md": lesson("one"), "new.md": lesson("two")})
    _lock_of(root, "one.yml")
    course = load_course(root / "docs", root / "quizzes", root=root)
    assert codes(course.problems) == [("Q301", "quizzes/two.yml", 1)]  # not also Q305 for docs/new.md
    assert "docs/new.md:20 places quiz 'two', which no file defines: is that its id?" in course.problems[0].message


def test_a_whole_copy_whose_names_are_all_in_the_lock_is_told_by_its_lesson(write_course: WriteCourse) -> None:
    # a-copy.yml is one.yml copied for new.md (which places 'copy'): same quiz and question ids, all locked.
    root = write_course(quizzes={"one.yml": quiz_text("one"), "a-copy.yml": quiz_text("one", lesson="new.md")},
                        docs={"lesson.md": lesson("one"), "new.md": lesson("copy")})
    _lock_of(root, "one.yml")
    found = load_locked(root)
    assert found == [("Q301", "quizzes/a-copy.yml", 1), ("Q302", "quizzes/a-copy.yml", 5),
                     ("Q302", "quizzes/a-copy.yml", 15)]


def test_a_lesson_whose_front_matter_does_not_read_is_not_also_missing_objectives(write_course: WriteCourse) -> None:
    broken = lesson("one").replace("  - id: know-b\n", "   - id: know-b\n")  # one space too many
    root = write_course(quizzes={"one.yml": quiz_text("one")}, docs={"lesson.md": broken})
    # Not Q309 "no front matter", nor Q307 for each objective, nor W403.
    assert [code for code, _, _ in load(root)] == ["Q101"]
