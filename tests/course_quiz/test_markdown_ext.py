"""The quiz directive in Python-Markdown: where it renders, and that the checker agrees with it."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from pathlib import Path

import markdown
import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from course_quiz import markdown_ext
from course_quiz.editions import Edition
from course_quiz.lessons import read_page
from course_quiz.markdown_ext import QuizExtension, QuizSourceError
from course_quiz.prepare import PreparedCourse
from course_quiz.siteconfig import HostSettings

PAGE = """\
# Lesson

/// quiz | first
///

```markdown
/// quiz | in-code
///
```

~~~~
/// quiz | in-tilde-code
~~~~

    /// quiz | indented-code

- a list item

    /// quiz | in-list

/// quiz | unclosed

This paragraph must survive an unclosed directive.

/// quiz | spaced

///

Closing text.
"""


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["fenced_code", QuizExtension(provider=lambda quiz_id:
                                                                          f'<section data-q="{quiz_id}"></section>')])


def test_quizzes_render_exactly_where_the_checker_finds_placements() -> None:
    html = render(PAGE)
    rendered = re.findall(r'<section data-q="([^"]+)">', html)
    page, problems = read_page("lesson.md", "docs/lesson.md", PAGE)
    assert [p.code for p in problems] == ["Q309"]  # no front matter: irrelevant to placement
    assert rendered == [p.quiz_id for p in page.placements] == ["first", "unclosed", "spaced"]


def test_code_and_nested_directives_stay_text_and_no_content_is_lost() -> None:
    html = render(PAGE)
    assert "/// quiz | in-code" in html
    assert "/// quiz | in-tilde-code" in html
    assert "/// quiz | indented-code" in html
    assert "This paragraph must survive an unclosed directive." in html
    assert "<p>Closing text.</p>" in html
    assert "///</p>" not in html  # closing lines are consumed with their directive


@pytest.mark.parametrize("source", ["/// quiz\n///\n", "/// quiz |   \n///\n"])
def test_a_directive_without_an_id_renders_a_visible_notice(source: str) -> None:
    assert 'class="cq-missing"' in render(source)


def test_the_quiz_is_a_block_of_its_own_even_between_paragraphs() -> None:
    html = render("Before.\n/// quiz | q\n///\nAfter.\n")
    assert html.count('<div class="cq-slot"><section data-q="q"></section></div>') == 1
    assert "<p>Before.</p>" in html
    assert "<p>After.</p>" in html


def test_placeholder_mode_leaves_an_empty_slot_for_the_host() -> None:
    source = "*[AI]: Artificial intelligence\n\nAI text.\n\n/// quiz | ai-plus\n///\n"
    html = markdown.markdown(source, extensions=["abbr", QuizExtension(placeholders=True)])
    assert '<div class="cq-slot" data-cq-quiz="ai-plus"></div>' in html
    assert "\x02" not in html
    assert '<abbr title="Artificial intelligence">AI</abbr> text.' in html


def test_a_broken_quiz_shows_each_problem_as_the_terminal_does() -> None:
    from course_quiz.markdown_ext import broken_quiz
    from course_quiz.problems import problem

    found = [problem("quizzes/a.yml", 14, "Q110", "unknown key 'anwser' <b>", column=5)]
    box = broken_quiz("a", found)
    assert 'role="alert"' in box
    assert "<code>quizzes/a.yml:14:5: Q110 unknown key &#x27;anwser&#x27; &lt;b&gt;</code>" in box
    assert "cq-quiz" not in box  # nothing verification could take for a quiz


def test_answer_key_slots_are_filled_and_missing_ones_say_so() -> None:
    from course_quiz.contract import answer_key_slot
    from course_quiz.markdown_ext import fill_answer_keys

    page = f"<main>{answer_key_slot('one')}\n{answer_key_slot('two')}</main>"
    filled, placed, missing = fill_answer_keys(page, lambda quiz_id: "<section>key</section>" if quiz_id == "one"
                                               else None)
    assert filled.startswith("<main><section>key</section>\n<p class=\"cq-missing\"")
    assert (placed, missing) == (["one"], ["two"])
    assert fill_answer_keys("<p>none</p>", lambda _: "x") == ("<p>none</p>", [], [])


def test_the_extension_renders_the_instructor_edition_on_request() -> None:
    from tests.conftest import FIXTURE_COURSE

    folders = {"docs_dir": str(FIXTURE_COURSE / "docs"), "quizzes_dir": str(FIXTURE_COURSE / "quizzes")}
    text = "/// quiz | sample\n///\n"
    student = markdown.markdown(text, extensions=[QuizExtension(**folders)])
    instructor = markdown.markdown(text, extensions=[QuizExtension(edition="instructor", **folders)])
    assert "cq-key" not in student
    assert instructor.count('<div class="cq-key" data-cq-instructor>') == 8


def test_the_extension_renders_a_language_on_request(zh_course: Path) -> None:
    folders = {"docs_dir": str(zh_course / "docs"), "quizzes_dir": str(zh_course / "quizzes"),
               "base_dir": str(zh_course)}
    text = "/// quiz | sample\n///\n"
    english = markdown.markdown(text, extensions=[QuizExtension(**folders)])
    chinese = markdown.markdown(text, extensions=[QuizExtension(language="zh", **folders)])
    assert "Sample quiz" in english
    assert "示例测验" in chinese
    assert "检查答案" in chinese


# ---- The extension as a host's only quiz machinery (Zensical, plain Python-Markdown) ---------------------

LESSON = "# Lesson\n\n/// quiz | sample\n///\n"


class HostContext(Extension):
    """Registers a preprocessor as Zensical does before every other extension: its configuration."""

    def __init__(self, config: dict[str, object]) -> None:
        super().__init__()
        self.host_config = config

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        processor = Preprocessor(md)
        processor.config = self.host_config  # type: ignore[attr-defined]
        processor.run = lambda lines: lines  # type: ignore[method-assign]
        md.preprocessors.register(processor, "rendering_context", 0)


@pytest.fixture
def preparations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Counts the course's preparations (the quizzes folder of each), starting from none kept."""
    import course_quiz.prepare

    monkeypatch.setattr(markdown_ext, "_prepared", None)
    calls: list[Path] = []
    original = course_quiz.prepare.prepare_course

    def counting(docs_dir: Path, quizzes_dir: Path, root: Path | None = None,
                 edition: Edition = Edition.STUDENT, hosts: HostSettings | None = None, *,
                 language: str = "en") -> PreparedCourse:
        calls.append(quizzes_dir)
        return original(docs_dir, quizzes_dir, root, edition, hosts, language=language)

    monkeypatch.setattr(course_quiz.prepare, "prepare_course", counting)
    return calls


def page(course: Path, **options: object) -> str:
    """Convert a page as Zensical does: a new Markdown instance and a new extension for each page."""
    options = {"docs_dir": str(course / "docs"), "quizzes_dir": str(course / "quizzes"), **options}
    return markdown.markdown(LESSON, extensions=["attr_list", QuizExtension(**options)])


def test_the_course_is_prepared_once_per_process_not_per_page(course_dir: Path, preparations: list[Path]) -> None:
    pages = [page(course_dir) for _ in range(5)]
    assert len(preparations) == 1
    assert all('data-quiz-id="sample"' in html for html in pages)
    assert len(set(pages)) == 1
    markdown.markdown("# A page without a quiz\n", extensions=[QuizExtension(quizzes_dir=str(course_dir / "nowhere"))])
    assert len(preparations) == 1  # a page without a directive prepares nothing


def test_a_changed_quiz_is_prepared_again_as_under_zensical_serve(course_dir: Path, preparations: list[Path]) -> None:
    assert "Sample quiz" in page(course_dir)
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("title: Sample quiz", "title: An edited quiz title"))
    edited = page(course_dir)
    assert "An edited quiz title" in edited
    assert "Sample quiz" not in edited
    assert len(preparations) == 2
    lesson = course_dir / "docs" / "lesson.md"  # review titles come from the lesson: it counts too
    lesson.write_text(lesson.read_text().replace("## Question types { #types }", "## Kinds of question { #types }"))
    assert "Review: Kinds of question" in page(course_dir)
    assert len(preparations) == 3
    other = course_dir.parent / "other"
    shutil.copytree(course_dir, other)
    page(other)
    assert preparations[-1] == other / "quizzes"  # another course is another preparation


def test_review_links_name_the_lesson_sections(course_dir: Path, preparations: list[Path]) -> None:
    html = page(course_dir)
    assert html.count('<a href="#types">Review: Question types</a>') == 4
    assert html.count('<a href="#checking-keys">Review: Checking keys</a>') == 4


def test_folders_are_resolved_from_the_host_configuration_not_the_current_directory(
        course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preparations: list[Path]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    host = HostContext({"root_dir": str(course_dir), "docs_dir": "docs"})
    html = markdown.markdown(LESSON, extensions=[host, "course_quiz"])
    assert 'data-quiz-id="sample"' in html
    assert "Review: Question types" in html
    assert preparations == [course_dir / "quizzes"]
    # The host's docs_dir is the default; the options still win.
    (course_dir / "pages").mkdir()
    (course_dir / "docs").rename(course_dir / "pages" / "docs")
    host = HostContext({"root_dir": str(course_dir), "docs_dir": "pages/docs"})
    assert 'data-quiz-id="sample"' in markdown.markdown(LESSON, extensions=[host, "course_quiz"])
    assert 'data-quiz-id="sample"' in markdown.markdown(LESSON, extensions=[QuizExtension(
        base_dir=str(course_dir), docs_dir="pages/docs")])


def test_without_a_host_configuration_folders_are_relative_to_the_current_directory(
        course_dir: Path, monkeypatch: pytest.MonkeyPatch, preparations: list[Path]) -> None:
    monkeypatch.chdir(course_dir)
    extension = QuizExtension()
    assert extension.folders(markdown.Markdown()) == (course_dir / "docs", course_dir / "quizzes", course_dir)
    assert 'data-quiz-id="sample"' in markdown.markdown(LESSON, extensions=["course_quiz"])


def test_errors_raise_with_lines_relative_to_the_configuration_folder(
        course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preparations: list[Path]) -> None:
    monkeypatch.chdir(tmp_path)
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: [write, build, verify]", "answer: [write, build]"))
    host = HostContext({"root_dir": str(course_dir), "docs_dir": "docs"})
    with pytest.raises(QuizSourceError) as raised:
        markdown.markdown(LESSON, extensions=[host, "course_quiz"])
    assert str(raised.value) == ("quizzes/sample.yml:65:1: Q208 order key of question 's-order' is not a "
                                 "permutation of its items (missing verify)")
    with pytest.raises(QuizSourceError):  # an error is never kept: every page with a quiz fails
        markdown.markdown(LESSON, extensions=[host, "course_quiz"])
    assert len(preparations) == 2


def test_warnings_are_logged_once_per_preparation(course_dir: Path, caplog: pytest.LogCaptureFixture,
                                                  preparations: list[Path]) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    explanation: Seven.\n", ""))
    with caplog.at_level(logging.WARNING, logger="course_quiz.markdown_ext"):
        assert 'data-quiz-id="sample"' in page(course_dir, base_dir=str(course_dir))
        page(course_dir, base_dir=str(course_dir))
    assert [r.getMessage().split(": ", 1)[1].split()[0] for r in caplog.records] == ["W401"]
    assert caplog.records[0].getMessage().startswith("quizzes/sample.yml:")


def test_a_new_folder_named_like_a_quiz_counts_as_a_change(course_dir: Path, preparations: list[Path]) -> None:
    page(course_dir, base_dir=str(course_dir))
    (course_dir / "quizzes" / "extra.yml").mkdir()
    with pytest.raises(QuizSourceError, match=r"extra\.yml:1:1: Q100 extra\.yml is a folder"):
        page(course_dir, base_dir=str(course_dir))
    assert len(preparations) == 2


def test_allowed_hosts_come_from_the_configuration_file_as_under_zensical(
        course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preparations: list[Path]) -> None:
    monkeypatch.chdir(tmp_path)
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    explanation: Seven.\n",
                                             "    explanation: \"Seven. ![c](https://media.example.org/c.png)\"\n"))
    host = HostContext({"root_dir": str(course_dir), "docs_dir": "docs"})
    with pytest.raises(QuizSourceError, match=r"Q502 image loaded from media\.example\.org"):
        markdown.markdown(LESSON, extensions=[host, "course_quiz"])
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text().replace("  course-quiz: {}",
                                                 "  course-quiz:\n    allowed_hosts: [media.example.org]"))
    assert 'src="https://media.example.org/c.png"' in markdown.markdown(LESSON, extensions=[host, "course_quiz"])
    assert len(preparations) == 2  # a changed setting prepares the course again


# ---- What the per-process memo checks at each placement (sourcestamp) ----------------------------------

def aged(course: Path) -> Path:
    """``course`` with every file and folder a minute old, as sources are long before the edit a test makes.

    A folder's modification time moves when an entry is added, but only by the file system's clock tick:
    an edit made within the tick of the preparation would not show, as it would not to Zensical either.
    """
    past = (Path(course / "quizzes").stat().st_mtime_ns - 60 * 10**9,) * 2
    for path in (course, *course.rglob("*")):
        os.utime(path, ns=past)
    return course


def placed(course: Path) -> str:
    """A page placing ``sample``, converted as Zensical does, with the course's own configuration."""
    return page(course, base_dir=str(course))


def test_nothing_changed_prepares_nothing_more(zh_course: Path, preparations: list[Path]) -> None:
    aged(zh_course)
    for _ in range(4):
        placed(zh_course)
    assert len(preparations) == 1


@pytest.mark.parametrize("edited", ["quizzes/sample.yml", "quizzes/sample.zh.yml", "docs/lesson.md",
                                    "docs/lesson.zh.md", "quizzes/answer-keys.lock", "mkdocs.yml"])
def test_an_edit_to_what_the_placed_quiz_is_made_from_prepares_again(zh_course: Path, preparations: list[Path],
                                                                    edited: str) -> None:
    aged(zh_course)
    placed(zh_course)
    source = zh_course / edited
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # in place: no folder changes
    placed(zh_course)
    placed(zh_course)
    assert len(preparations) == 2


@pytest.mark.parametrize("change", ["add a page", "add a folder", "add a quiz", "remove a page", "rename a page"])
def test_a_file_added_removed_or_renamed_anywhere_prepares_again(zh_course: Path, preparations: list[Path],
                                                                 change: str) -> None:
    aged(zh_course)
    placed(zh_course)
    docs = zh_course / "docs"
    if change == "add a page":
        (docs / "new.md").write_text("# New\n", encoding="utf-8")
    elif change == "add a folder":
        (docs / "unit-02").mkdir()
    elif change == "add a quiz":
        shutil.copyfile(zh_course / "quizzes" / "sample.yml", zh_course / "quizzes" / "extra.yml")
    elif change == "remove a page":
        (docs / "index.zh.md").unlink()
    else:
        (docs / "index.zh.md").rename(docs / "start.zh.md")
    with contextlib.suppress(QuizSourceError):  # a copied quiz repeats an id: what matters is that it is seen
        placed(zh_course)
    assert len(preparations) == 2


def test_an_in_place_edit_no_placement_depends_on_is_seen_only_by_a_new_process(
        zh_course: Path, preparations: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    aged(zh_course)
    placed(zh_course)
    other = zh_course / "docs" / "index.md"  # places no quiz
    other.write_text(other.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    placed(zh_course)
    assert len(preparations) == 1  # the documented limit of the check (sourcestamp)
    monkeypatch.setattr(markdown_ext, "_prepared", None)  # a new build starts with nothing prepared
    placed(zh_course)
    assert len(preparations) == 2


def test_quizzes_are_rendered_in_the_host_s_language(zh_course: Path, preparations: list[Path]) -> None:
    """zensical-i18n builds each language with its theme.language: the extension renders that language."""
    chinese = markdown.markdown(LESSON, extensions=[HostContext(
        {"root_dir": str(zh_course), "docs_dir": "docs", "theme": {"language": "zh"}}), "course_quiz"])
    assert "单选题用的是哪一种控件？" in chinese
    english = markdown.markdown(LESSON, extensions=[HostContext(
        {"root_dir": str(zh_course), "docs_dir": "docs", "theme": {"language": "en"}}), "course_quiz"])
    assert "Which control does a single-choice question use?" in english
    assert "单选题用的是哪一种控件？" not in english
    # A language the engine has no words for renders the sources' language; the option wins over the host.
    unknown = markdown.markdown(LESSON, extensions=[HostContext(
        {"root_dir": str(zh_course), "docs_dir": "docs", "theme": {"language": "fr"}}), "course_quiz"])
    assert "Which control does a single-choice question use?" in unknown
    chosen = markdown.markdown(LESSON, extensions=[HostContext(
        {"root_dir": str(zh_course), "docs_dir": "docs", "theme": {"language": "en"}}), QuizExtension(language="zh")])
    assert "单选题用的是哪一种控件？" in chosen
