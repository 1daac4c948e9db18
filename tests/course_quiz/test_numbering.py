"""Lesson numbers from the nav's order, and links whose text names a lesson by number (W410)."""

from __future__ import annotations

from pathlib import Path

from course_quiz.course import load_course
from course_quiz.export.base import QuizSource
from course_quiz.lessons import instructor_only, read_page
from course_quiz.numbering import find_lesson_links, is_lesson, lesson_numbers, numbered, untyped
from course_quiz.stats import course_stats, stats_json, stats_table
from tests.conftest import WriteCourse

ORDER = ["index.md", "how.md", "lessons/b.md", "glossary.md", "lessons/a.md", "lessons/sub/c.md", "lessons/b.md"]


def test_lessons_are_numbered_in_nav_order_and_only_under_lessons() -> None:
    assert lesson_numbers(ORDER) == {"lessons/b.md": 1, "lessons/a.md": 2, "lessons/sub/c.md": 3}
    assert is_lesson("lessons/a.md")
    assert not is_lesson("how.md")
    assert not is_lesson("lessons/picture.png")
    assert numbered(3, "Title") == "3. Title"
    assert numbered(None, "Glossary") == "Glossary"
    assert untyped("12. Title") == ("Title", True)
    assert untyped("Title with 3. inside") == ("Title with 3. inside", False)


def test_links_naming_a_lesson_are_found_with_their_target_and_place() -> None:
    lines = ["See [lesson 5](deepseek.md#cost) and [Lesson 2](../lessons/open.md).",
             "Not [lessons 3 and 4](x.md), ![lesson 1](pic.png), [the lesson](y.md),",
             "[lesson 7](https://example.com/l7) [lesson 1](#top) [lesson 3](<b c.md>)",
             "Code is no link: `[lesson 4](x.md)`, ``a `[lesson 4](y.md)` b``."]
    links = [link for link in find_lesson_links("lessons/here.md", enumerate(lines)) if link.linked]
    assert [(link.number, link.target, link.line, link.column) for link in links] == [
        (5, "lessons/deepseek.md", 1, 5), (2, "lessons/open.md", 1, 38), (7, "", 3, 1), (1, "lessons/here.md", 3, 36),
        (3, "lessons/b c.md", 3, 53)]


def test_page_reads_its_lesson_links_outside_code() -> None:
    text = "# T\n\n[lesson 2](two.md)\n\n```\n[lesson 9](nine.md)\n```\n"
    page, _ = read_page("lessons/one.md", "docs/lessons/one.md", text)
    assert [(link.number, link.target, link.line) for link in page.lesson_links] == [(2, "lessons/two.md", 3)]


def lesson(title: str, body: str = "") -> str:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}\n"


def test_w410_names_the_right_number(write_course: WriteCourse) -> None:
    root = write_course(docs={
        "index.md": "# Home\n\n[Start with lesson 1](lessons/first.md)\n",
        "glossary.md": "# Glossary\n\nSee [lesson 2](index.md).\n",
        "lessons/first.md": lesson("First", "Then [lesson 2](second.md), later [lesson 3](third.md#x)."),
        "lessons/second.md": lesson("Second", "Back to [Lesson 2](first.md); see [lesson 9](https://x.org)."),
        "lessons/third.md": lesson("Third")})
    order = ["index.md", "lessons/first.md", "lessons/third.md", "lessons/second.md", "glossary.md"]
    course = load_course(root / "docs", root / "quizzes", root=root, order=order)
    found = [(p.path, p.line, p.column, p.code) for p in course.problems if p.code == "W410"]
    assert found == [("docs/glossary.md", 3, 5, "W410"), ("docs/lessons/first.md", 7, 6, "W410"),
                     ("docs/lessons/first.md", 7, 35, "W410"), ("docs/lessons/second.md", 7, 9, "W410"),
                     ("docs/lessons/second.md", 7, 35, "W410")]
    messages = [p.message for p in course.problems if p.code == "W410"]
    assert "lessons/second.md is lesson 3 in the navigation's order; write 'lesson 3'" in messages[1]
    assert "lessons/third.md is lesson 2 in the navigation's order; write 'lesson 2'" in messages[2]
    assert "index.md is not a numbered lesson" in messages[0]
    assert "lesson 2 is lessons/third.md" in messages[0]
    assert "leaves the course" in messages[4]
    # Without the nav's order (no mkdocs.yml), nothing is checked.
    unchecked = load_course(root / "docs", root / "quizzes", root=root)
    assert not [p for p in unchecked.problems if p.code == "W410"]
    # In the right order, nothing is reported.
    right = ["index.md", "lessons/first.md", "lessons/second.md", "lessons/third.md"]
    fixed = (root / "docs" / "lessons" / "second.md")
    fixed.write_text(lesson("Second", "Back to [Lesson 1](first.md)."))
    (root / "docs" / "glossary.md").write_text("# Glossary\n")
    assert not [p for p in load_course(root / "docs", root / "quizzes", root=root, order=right).problems
                if p.code == "W410"]


def test_instructor_only_pages_are_read_from_front_matter(write_course: WriteCourse) -> None:
    assert instructor_only("---\ntitle: Guide\nedition: instructor\n---\n# Guide\n")
    assert not instructor_only("---\ntitle: Guide\n---\n# Guide\n\nedition: instructor\n")
    assert not instructor_only("# No front matter\n")
    assert not instructor_only("---\nedition: student\n---\n")
    root = write_course(docs={"guide.md": "---\nedition: instructor\n---\n# G\n",
                              "typo.md": "---\nedition: instructors\n---\n# T\n"})
    course = load_course(root / "docs", root / "quizzes", root=root)
    assert course.pages["guide.md"].instructor_only
    assert not course.pages["typo.md"].instructor_only
    assert [(p.path, p.line, p.code) for p in course.problems if p.code == "Q309"] == [("docs/typo.md", 2, "Q309")]


def test_stats_and_exports_number_the_lessons(course_dir: Path) -> None:
    lessons = course_dir / "docs" / "lessons"
    lessons.mkdir()
    (course_dir / "docs" / "lesson.md").rename(lessons / "lesson.md")
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("lesson: lesson.md", "lesson: lessons/lesson.md"))
    course = load_course(course_dir / "docs", course_dir / "quizzes", root=course_dir, check_lock=False)
    order = ["index.md", "lessons/other.md", "lessons/lesson.md"]
    [stats] = course_stats(course, order)
    assert (stats.number, stats.title) == (2, "Sample lesson")
    assert '"number": 2' in stats_json([stats])
    assert stats_table([stats]).splitlines()[2].startswith("2. Sample lesson ")
    [source] = [QuizSource(q, course.pages.get(q.lesson), 2) for q in course.quizzes.values()]
    assert source.lesson_title == "2. Sample lesson"
    assert QuizSource(source.quiz, source.lesson).lesson_title == "Sample lesson"


def test_lesson_numbers_written_without_a_link_are_found() -> None:
    lines = ["As lesson 8 shows (see [lesson 7](seven.md)), Lesson 2 too; lessons 3 and 4 are plural.",
             "`lesson 9` is code, ![lesson 1](a.png) an image, [the lesson 5 notes](five.md) a link."]
    found = [(link.number, link.text, link.line, link.column, link.linked)
             for link in find_lesson_links("lessons/here.md", enumerate(lines))]
    assert found == [(8, "lesson 8", 1, 4, False), (7, "lesson 7", 1, 24, True), (2, "Lesson 2", 1, 47, False),
                     (5, "the lesson 5 notes", 2, 50, True)]


def test_w410_asks_for_a_link_where_a_number_is_written_without_one(write_course: WriteCourse) -> None:
    root = write_course(docs={"index.md": "# Home\n\nBegin before lesson 1.\n",
                              "lessons/first.md": lesson("First", "As lesson 2 shows."),
                              "lessons/second.md": lesson("Second")})
    course = load_course(root / "docs", root / "quizzes", root=root,
                         order=["index.md", "lessons/first.md", "lessons/second.md"])
    assert [p.format() for p in course.problems if p.code == "W410"] == [
        "docs/index.md:3:14: W410 warning: 'lesson 1' is not a link, so its number is not checked when lessons "
        "move; link it to the lesson's page, for example [lesson 1](lessons/first.md)",
        "docs/lessons/first.md:7:4: W410 warning: 'lesson 2' is not a link, so its number is not checked when "
        "lessons move; link it to the lesson's page, for example [lesson 2](second.md)"]


def test_chinese_lesson_numbers_are_found_in_digits_and_numerals() -> None:
    found = find_lesson_links("lessons/a.zh.md", [(0, "见[第2课](b.md)、[第十二课](c.md)和第4课，`第3课`不算。")])
    assert [(link.number, link.target, link.linked) for link in found] == [
        (2, "lessons/b.md", True), (12, "lessons/c.md", True), (4, "", False)]
    written = "[第十课](a.md)、[第二十课](a.md)、[第九十九课](a.md)、[第 7 课](a.md)"
    assert [link.number for link in find_lesson_links("x.md", [(0, written)])] == [10, 20, 99, 7]
    # Written out and unlinked, a number reads as a word ("the first lesson"), as in English: not checked.
    assert find_lesson_links("x.md", [(0, "第一课分析了五篇新闻。")]) == []


def test_w410_checks_a_translated_pages_lesson_numbers(write_course: WriteCourse) -> None:
    root = write_course(docs={
        "lessons/first.md": lesson("First", "Then [lesson 2](second.md)."),
        "lessons/first.zh.md": lesson("第一", "接着是[第3课](second.md)。"),
        "lessons/second.md": lesson("Second"), "lessons/second.zh.md": lesson("第二")})
    course = load_course(root / "docs", root / "quizzes", root=root, order=["lessons/first.md", "lessons/second.md"])
    found = [p for p in course.problems if p.code == "W410"]
    assert [(p.path, p.line) for p in found] == [("docs/lessons/first.zh.md", 7)]
    assert "write '第2课'" in found[0].message
