"""siteconfig: the settings of mkdocs.yml the engine reads outside MkDocs (hosts: see test_thirdparty)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from course_quiz.course import load_course
from course_quiz.siteconfig import CONFIG_NAME, read_host_settings

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
