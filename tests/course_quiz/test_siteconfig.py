"""siteconfig: the settings of mkdocs.yml the engine reads outside MkDocs (hosts: see test_thirdparty)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown.extensions import toc
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from course_quiz.course import load_course
from course_quiz.problems import Severity
from course_quiz.siteconfig import CONFIG_NAME, read_host_settings
from tests.conftest import WriteCourse

PAGES = ("index.md", "drafts/a.md", "drafts/keep.md", ".hidden.md", "templates/t.md", "x/templates/u.md",
         "notes.md", "sub/notes.md", "old/b.md", "old/deep/c.md", "scratch.md")
EXCLUDE = "exclude_docs: |\n  drafts/\n  !drafts/keep.md\n  /notes.md\n  old/**/*.md\n  scratch*\n"


def _write(root: Path, config: str) -> None:
    for page in PAGES:
        path = root / "docs" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Page\n", encoding="utf-8")
    (root / CONFIG_NAME).write_text(config, encoding="utf-8")


def test_the_pages_left_out_are_the_ones_mkdocs_leaves_out(tmp_path: Path) -> None:
    _write(tmp_path, f"site_name: Course\n{EXCLUDE}")
    built = {file.src_uri for file in get_files(load_config(str(tmp_path / CONFIG_NAME))).documentation_pages()}
    settings = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME)
    assert {page for page in PAGES if not settings.excluded(page)} == built
    assert built == {"index.md", "drafts/keep.md", "x/templates/u.md", "sub/notes.md"}


def test_exclude_docs_is_inherited_and_a_nearer_file_replaces_it(tmp_path: Path) -> None:
    _write(tmp_path, "INHERIT: base.yml\nsite_name: Course\n")
    (tmp_path / "base.yml").write_text(EXCLUDE, encoding="utf-8")
    assert read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME).excluded("drafts/a.md")
    (tmp_path / CONFIG_NAME).write_text("INHERIT: base.yml\nexclude_docs: scratch.md\n", encoding="utf-8")
    settings = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME)
    assert settings.exclude_docs == ("scratch.md",)
    assert not settings.excluded("drafts/a.md")
    assert settings.excluded("scratch.md")


def test_without_exclude_docs_only_mkdocs_defaults_are_left_out(tmp_path: Path) -> None:
    _write(tmp_path, "site_name: Course\n")
    settings = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME)
    assert settings.exclude_docs == ()
    assert [page for page in PAGES if settings.excluded(page)] == [".hidden.md", "templates/t.md"]


def test_course_check_neither_reads_nor_checks_an_excluded_page(tmp_path: Path) -> None:
    _write(tmp_path, f"site_name: Course\n{EXCLUDE}")
    (tmp_path / "quizzes").mkdir()
    # An excluded draft that would fail the checks: a placement of a quiz that does not exist, a folder named
    # like a page. Neither is reported, and the draft is not a page of the course.
    (tmp_path / "docs" / "drafts" / "a.md").write_text("# Draft\n\n/// quiz | nowhere\n///\n", encoding="utf-8")
    (tmp_path / "docs" / "old" / "folder.md").mkdir()
    settings = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME)
    course = load_course(tmp_path / "docs", tmp_path / "quizzes", root=tmp_path, check_lock=False, hosts=settings)
    assert sorted(course.pages) == ["drafts/keep.md", "index.md", "sub/notes.md", "x/templates/u.md"]
    assert [p for p in course.problems if p.path.startswith(("docs/drafts", "docs/old"))] == []
    # The same files are reported when they are not excluded: the test above can fail.
    everything = load_course(tmp_path / "docs", tmp_path / "quizzes", root=tmp_path, check_lock=False)
    assert {p.path for p in everything.problems} >= {"docs/drafts/a.md", "docs/old/folder.md"}


# ---- The toc extension's slugify and separator, read as MkDocs reads them ----

TOC_CONFIGS = {
    "not configured": "site_name: Course\n",
    "toc without options": "site_name: Course\nmarkdown_extensions: [toc, attr_list]\n",
    "separator _": "site_name: Course\nmarkdown_extensions:\n  - toc:\n      permalink: true\n      separator: '_'\n",
    "pymdownx lower": "site_name: Course\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
                      "pymdownx.slugs.slugify {kwds: {case: lower}}\n",
    "pymdownx block form": "site_name: Course\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
                           "pymdownx.slugs.slugify\n        kwds:\n          case: fold\n"
                           "          percent_encode: false\n",
    "unicode by name": "site_name: Course\nmarkdown_extensions:\n  - markdown.extensions.toc:\n      slugify: "
                       "!!python/name:markdown.extensions.toc.slugify_unicode\n      separator: '~'\n",
    "the last entry wins": "site_name: Course\nmarkdown_extensions:\n  - toc: {separator: '.'}\n  - admonition\n"
                           "  - toc: {separator: '_'}\n",
    "inherited": "INHERIT: base.yml\nsite_name: Course\n",
    "a nearer list replaces the parent's": "INHERIT: base.yml\nsite_name: Course\nmarkdown_extensions: [toc]\n",
}
SAMPLES = ("Über Open Weights", "R&D, again", "中文 标题", "Step_2 of 3")


@pytest.mark.parametrize("name", sorted(TOC_CONFIGS))
def test_toc_settings_are_the_ones_mkdocs_gives_toc(tmp_path: Path, name: str) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "base.yml").write_text("markdown_extensions:\n  - toc:\n      separator: '_'\n      slugify: "
                                       "!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
                                       encoding="utf-8")
    (tmp_path / CONFIG_NAME).write_text(TOC_CONFIGS[name], encoding="utf-8")
    given = load_config(str(tmp_path / CONFIG_NAME)).mdx_configs.get("toc") or \
        load_config(str(tmp_path / CONFIG_NAME)).mdx_configs.get("markdown.extensions.toc") or {}
    slugify, separator = given.get("slugify", toc.slugify), given.get("separator", "-")
    settings = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME)
    assert settings.problems == ()
    assert settings.toc.separator == separator
    assert [settings.toc.slug(text) for text in SAMPLES] == [slugify(text, separator) for text in SAMPLES]


@pytest.mark.parametrize(("options", "line", "message"), [
    ("      slugify: !!python/name:my_site.slugs.make\n", 5,
     "slugify 'my_site.slugs.make' is not one the checker knows"),
    ("      slugify: !!python/name:pymdownx.slugs.slugify\n", 5,
     "pymdownx.slugs.slugify makes a slugify function: call it with !!python/object/apply:pymdownx.slugs.slugify"),
    ("      slugify: !!python/object/apply:pymdownx.slugs.slugify [lower]\n", 5, "takes only keyword arguments"),
    ("      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: upper}}\n", 5,
     "case must be one of none, lower, lower-ascii, fold"),
    ("      slugify: markdown.extensions.toc.slugify\n", 5, "slugify must name a function with !!python/name:"),
    ("      permalink: true\n      separator: 1\n", 6, "separator must be text"),
])
def test_a_toc_setting_the_checker_cannot_follow_is_q504_at_its_line(tmp_path: Path, options: str, line: int,
                                                                     message: str) -> None:
    (tmp_path / CONFIG_NAME).write_text(f"site_name: Course\nmarkdown_extensions:\n  - attr_list\n  - toc:\n{options}",
                                        encoding="utf-8")
    settings = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME)
    assert [(p.code, p.path, p.line) for p in settings.problems] == [("Q504", CONFIG_NAME, line)]
    assert message in settings.problems[0].message
    assert settings.toc.name == "markdown.extensions.toc.slugify"  # the default is used in its place


def test_review_anchors_follow_the_sites_toc_settings(write_course: WriteCourse) -> None:
    lesson = ("---\ntitle: L\nsummary: S.\nobjectives:\n  - {id: know-a, text: Know it.}\nkeypoints: [K.]\n"
              "minutes: {reading: 1, activity: 1}\n---\n\n# Lesson\n\n## Open weights\n\n## Open weights\n\n"
              "/// quiz | one\n///\n")
    quiz = ("id: one\ntitle: One\nlesson: lesson.md\nquestions:\n  - id: q1\n    type: true-false\n    prompt: P?\n"
            "    objective: know-a\n    answer: true\n    explanation: E.\n    review: {review}\n")
    for review, config, wrong in (("open_weights_1", "markdown_extensions:\n  - toc: {separator: '_'}\n", False),
                                  ("open-weights_1", "markdown_extensions:\n  - toc: {separator: '_'}\n", True),
                                  ("open-weights_1", "markdown_extensions: [toc]\n", False)):
        root = write_course(quizzes={"one.yml": quiz.replace("{review}", review)}, docs={"lesson.md": lesson})
        (root / CONFIG_NAME).write_text(f"site_name: C\n{config}", encoding="utf-8")
        hosts = read_host_settings(root / CONFIG_NAME, CONFIG_NAME)
        found = load_course(root / "docs", root / "quizzes", root=root, check_lock=False, hosts=hosts).problems
        assert [p.code for p in found if p.severity is Severity.ERROR] == (["Q308"] if wrong else []), review
