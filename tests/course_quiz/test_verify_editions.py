"""Verification of each edition: a student site holds nothing of the instructor edition (V709); an instructor
site holds exactly the instructor rendering of each quiz and of each answer key."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from course_quiz.contract import ASSET_DIR, INSTRUCTOR_ASSETS
from course_quiz.editions import BANNER, Edition, mark_instructor_page
from course_quiz.model import Quiz
from course_quiz.notes import Note, page_notes
from course_quiz.problems import Problem
from course_quiz.render import QuizRenderer
from course_quiz.verify import ANSWER_KEY, ExpectedQuiz, verify_site
from tests.conftest import FIXTURE_COURSE
from tests.course_quiz.test_verify import PAGE, quiz, write_site  # noqa: F401 (the quiz fixture)

KEY_PAGE = "instructor/answer-keys/lesson/index.html"
NOTES = page_notes("lesson.md", "docs/lesson.md", (FIXTURE_COURSE / "docs" / "lesson.md").read_text())


def student(site: Path, quiz: Quiz, notes: list[Note] = NOTES) -> list[Problem]:  # noqa: F811
    expected = [ExpectedQuiz(quiz.id, (PAGE,), QuizRenderer().render(quiz), quiz.path, 1)]
    return verify_site(site, expected, sources=lambda: {quiz.id: quiz}, notes=notes)


def instructor_site(tmp_path: Path, quiz: Quiz) -> tuple[Path, list[ExpectedQuiz]]:  # noqa: F811
    renderer = QuizRenderer(instructor=True)
    assert renderer.instructor is not None
    block, answer_key = renderer.render(quiz), renderer.instructor.answer_key(quiz)
    site = write_site(tmp_path, mark_instructor_page(f"<html><body>{block}</body></html>"))
    (site / KEY_PAGE).parent.mkdir(parents=True)
    (site / KEY_PAGE).write_text(mark_instructor_page(f"<html><body><h1>Answer key</h1>\n{answer_key}\n</body></html>"))
    for name in INSTRUCTOR_ASSETS:
        (site / ASSET_DIR / name).write_bytes((resources.files("course_quiz") / "assets" / name).read_bytes())
    return site, [ExpectedQuiz(quiz.id, (PAGE,), block, quiz.path, 1),
                  ExpectedQuiz(quiz.id, (KEY_PAGE,), answer_key, quiz.path, 1, ANSWER_KEY)]


def instructor(site: Path, expected: list[ExpectedQuiz], quiz: Quiz) -> list[Problem]:  # noqa: F811
    return verify_site(site, expected, sources=lambda: {quiz.id: quiz}, edition=Edition.INSTRUCTOR)


def test_a_student_site_with_the_notes_left_out_verifies(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    assert student(write_site(tmp_path, QuizRenderer().render(quiz)), quiz) == []


def test_v709_an_instructor_site_verified_as_a_student_site(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site, _ = instructor_site(tmp_path, quiz)
    found = student(site, quiz)
    # The instructor-only asset, and each page once: the banner says which edition it is.
    assert [(p.code, p.path, p.line) for p in found] == [
        ("V709", str(site / ASSET_DIR / "instructor.css"), 0),
        ("V709", KEY_PAGE, 1),
        ("V709", PAGE, 2),
    ]
    assert "publish the student edition" in found[1].message


def test_v709_a_note_that_reached_a_student_page(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    # A theme or hook that shows the note without the instructor edition's mark.
    leaked = ('<div class="admonition"><strong>Timing.</strong> Spend five <em>minutes</em> on the types before '
              'the quiz; see <a href="#types">the types</a>.</div>')
    site = write_site(tmp_path, QuizRenderer().render(quiz) + leaked)
    [found] = student(site, quiz)
    assert (found.code, found.path, found.line) == ("V709", "docs/lesson.md", 36)
    assert f"in the built {PAGE}" in found.message


def test_v709_a_note_in_the_search_index(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    (site / "search").mkdir()
    text = "<li>Learners often think the key is hidden\nby encryption in the page.</li>"
    (site / "search" / "search_index.json").write_text(json.dumps({"docs": [{"location": "lesson/", "text": text}]}))
    assert [(p.code, p.line) for p in student(site, quiz)] == [("V709", 36)]
    assert student(site, quiz, notes=[]) == []  # without the sources' notes, nothing tells it apart


def test_binary_files_are_not_read_as_text(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    (site / "logo.png").write_bytes(b"\x89PNG Learners often think the key is hidden by encryption in the page.")
    assert student(site, quiz) == []


def test_an_instructor_site_verifies_as_one(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site, expected = instructor_site(tmp_path, quiz)
    assert instructor(site, expected, quiz) == []
    assert BANNER in (site / PAGE).read_text()


def test_instructor_site_answer_key_changed_or_missing(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site, expected = instructor_site(tmp_path, quiz)
    page = site / KEY_PAGE
    original = page.read_text()
    page.write_text(original.replace("<span class=\"cq-key-mark\">Right:</span> Radio buttons",
                                     "<span class=\"cq-key-mark\">Right:</span> Checkboxes"))
    [changed] = instructor(site, expected, quiz)
    assert changed.code == "V706"
    assert changed.message.startswith(f"answer key of quiz 'sample' on {KEY_PAGE} differs from a fresh rendering")
    page.write_text("<html><body>No key</body></html>")
    [missing] = instructor(site, expected, quiz)
    assert (missing.code, missing.message) == ("V701", f"answer key of quiz 'sample' is missing from {KEY_PAGE}")
    page.unlink()
    [gone] = instructor(site, expected, quiz)
    assert gone.code == "V701"
    assert gone.message.startswith("answer key 'sample' belongs on instructor/answer-keys/lesson/index.html")


def test_instructor_site_quiz_without_its_keys(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site, expected = instructor_site(tmp_path, quiz)
    (site / PAGE).write_text(f"<html><body>{QuizRenderer().render(quiz)}</body></html>")
    assert [p.code for p in instructor(site, expected, quiz)] == ["V706"]


@pytest.mark.parametrize("name", INSTRUCTOR_ASSETS)
def test_instructor_site_asset_edited(tmp_path: Path, quiz: Quiz, name: str) -> None:  # noqa: F811
    site, expected = instructor_site(tmp_path, quiz)
    (site / ASSET_DIR / name).write_text("/* edited */")
    assert [p.code for p in instructor(site, expected, quiz)] == ["V708"]


# ---- Instructor-only pages (edition: instructor) -------------------------------------------------

def test_v710_an_instructor_only_page_in_a_student_site(tmp_path: Path, quiz: Quiz) -> None:  # noqa: F811
    site = write_site(tmp_path, QuizRenderer().render(quiz))
    expected = [ExpectedQuiz(quiz.id, (PAGE,), QuizRenderer().render(quiz), quiz.path, 1)]

    def check() -> list[tuple[str, str]]:
        found = verify_site(site, expected, sources=lambda: {quiz.id: quiz}, hidden_pages=["guide.md"])
        return [(p.path, p.code) for p in found]

    assert check() == []
    (site / "guide.html").write_text("<html><body>Secret</body></html>")
    assert check() == [("guide.html", "V710")]
    (site / "guide.html").unlink()
    (site / "index.html").write_text('<html><body><nav><a href="guide/">Guide</a></nav></body></html>')
    (site / "sitemap.xml").write_text("<urlset><url><loc>https://c.example/guide/</loc></url></urlset>")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps({"docs": [{"location": "guide/#x"}]}))
    assert sorted(check()) == [("index.html", "V710"), ("search/search_index.json", "V710"),
                               ("sitemap.xml", "V710")]
    # Another page whose address only starts alike is no leak; an instructor site is not checked for it.
    (site / "index.html").write_text('<html><body><a href="guides/">Guides</a><a href="my-guide/">M</a></body></html>')
    (site / "sitemap.xml").unlink()
    (site / "search" / "search_index.json").unlink()
    assert check() == []


def test_a_quiz_on_an_instructor_only_page_is_not_expected_in_a_student_site(tmp_path: Path,
                                                                              quiz: Quiz) -> None:  # noqa: F811
    site = write_site(tmp_path, "<p>No quiz here.</p>", page="other/index.html")
    expected = [ExpectedQuiz(quiz.id, ("guide/index.html", "guide.html"), QuizRenderer().render(quiz), quiz.path, 1)]
    assert [p.code for p in verify_site(site, expected, hidden_pages=[])] == ["V701"]
    assert verify_site(site, expected, hidden_pages=["guide.md"]) == []
    (site / "other" / "index.html").write_text(f"<html><body>{QuizRenderer().render(quiz)}</body></html>")
    assert {p.code for p in verify_site(site, expected, hidden_pages=["guide.md"])} == {"V707"}
