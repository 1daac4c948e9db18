"""No third-party requests: every resource a page or quiz text would load from another host is Q502."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course_quiz.course import load_course
from course_quiz.siteconfig import CONFIG_NAME, HostSettings, allowed_hosts, host_errors, read_host_settings
from course_quiz.thirdparty import page_problems, quiz_text_resources, remote_host
from tests.conftest import CORPUS, PROJECT, WriteCourse

PAGES = CORPUS / "pages"
ALLOWED = frozenset({"media.allowed.example"})


def expected(path: Path) -> list[tuple[str, int]]:
    """The ``expect: CODE@LINE`` annotations of a corpus page (in HTML comments)."""
    text = path.read_text(encoding="utf-8")
    tokens = [t for line in re.findall(r"^<!-- expect:(.*?)-->$", text, re.MULTILINE) for t in line.split()]
    return sorted((code, int(line)) for code, line in (t.split("@") for t in tokens))


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.md")), ids=lambda p: p.stem)
def test_corpus_page_reports_exactly_its_annotated_problems(path: Path) -> None:
    found = page_problems("page.md", path.read_text(encoding="utf-8"), ALLOWED)
    assert sorted((p.code, p.line) for p in found) == expected(path)


def test_every_kind_is_named_with_its_host() -> None:
    found = page_problems("page.md", (PAGES / "q502-remote-resources.md").read_text(encoding="utf-8"), ALLOWED)
    hosts = [re.search(r"loaded from (\S+) ", p.message).group(1) for p in found]  # type: ignore[union-attr]
    assert hosts == ["tracker.example", "cdn.example", "img.example", "set.example", "frame.example",
                     "audio.example", "poster.example", "source.example", "track.example", "js.example",
                     "css.example", "icon.example", "obj.example", "embed.example", "bg.example",
                     "import.example", "styleurl.example", "admonition.example"]
    assert "allowed_hosts in mkdocs.yml" in found[0].message


@pytest.mark.parametrize(("url", "host"), [
    ("https://Example.org/x.png", "example.org"), ("//cdn.example/x", "cdn.example"),
    (" https://a.example/x", "a.example"), ("ht\ttps://b.example/", "b.example"), ("HTTP://C.example", "c.example"),
    ("https:\\\\d.example\\x.png", "d.example"), ("/\\e.example/x", "e.example"),
    ("/x.png", None), ("x.png", None), ("#top", None), ("data:image/png;base64,xx", None),
    ("mailto:a@example.org", None),
])
def test_remote_host_reads_addresses_as_the_browser_does(url: str, host: str | None) -> None:
    assert remote_host(url) == host


def test_quiz_text_images_and_raw_html_are_found_but_not_links() -> None:
    text = '![x](https://t.example/p.png) <img src="https://raw.example/x.png"> [ok](https://ok.example/)'
    assert [(r.kind, r.host) for r in quiz_text_resources(text)] == [("image", "t.example"), ("image", "raw.example")]
    assert quiz_text_resources(text, frozenset({"t.example", "raw.example"})) == []


def test_host_errors_name_what_is_not_a_host() -> None:
    assert host_errors(["media.example.org", "localhost"]) == []
    assert len(host_errors(["https://media.example.org", "a.example/path", "a.example:8080", "", 7])) == 5


def test_the_site_url_host_is_the_sites_own() -> None:
    assert allowed_hosts(["Media.Example.org"], "https://course.example.edu/ai/") == \
        frozenset({"media.example.org", "course.example.edu"})
    assert allowed_hosts([], "") == frozenset()


# ---- One setting, read by every client: mkdocs.yml's course-quiz allowed_hosts ----

QUIZ = """id: one
title: T
lesson: lesson.md
questions:
  - id: q1
    type: true-false
    objective: o
    prompt: "See ![chart](https://media.example.org/chart.png)"
    answer: true
    explanation: E.
"""
LESSON = """---
title: L
summary: S.
objectives: [{id: o, text: Know it.}]
keypoints: [K.]
minutes: {reading: 1, activity: 1}
---

# Lesson

<img src="https://media.example.org/map.png" alt="map">

/// quiz | one
///
"""


def _course(write_course: WriteCourse, config: str) -> Path:
    root = write_course(quizzes={"one.yml": QUIZ}, docs={"lesson.md": LESSON})
    (root / CONFIG_NAME).write_text(config, encoding="utf-8")
    return root


def _q502(root: Path, hosts: HostSettings) -> list[tuple[str, int]]:
    course = load_course(root / "docs", root / "quizzes", root=root, check_lock=False, hosts=hosts)
    return [(p.path, p.line) for p in course.problems if p.code in ("Q502", "Q503")]


@pytest.mark.parametrize("plugins", [
    "plugins:\n  search: {}\n  course-quiz:\n    allowed_hosts: [media.example.org]\n",
    "plugins:\n  - search\n  - course-quiz:\n      allowed_hosts:\n        - media.example.org\n",
])
def test_allowed_hosts_are_read_from_the_plugins_options(write_course: WriteCourse, plugins: str) -> None:
    root = _course(write_course, "site_name: C\n" + plugins)
    assert _q502(root, HostSettings()) == [("docs/lesson.md", 11), ("quizzes/one.yml", 8)]
    assert _q502(root, read_host_settings(root / CONFIG_NAME, CONFIG_NAME)) == []


def test_an_inherited_configuration_takes_its_parents_hosts(write_course: WriteCourse) -> None:
    root = _course(write_course, "site_name: C\nplugins:\n  course-quiz:\n    allowed_hosts: [media.example.org]\n")
    (root / "child.yml").write_text("INHERIT: mkdocs.yml\nsite_url: https://course.example.edu/\n")
    settings = read_host_settings(root / "child.yml", "child.yml")
    assert settings.allowed == frozenset({"media.example.org", "course.example.edu"})


def test_a_wrong_allowed_hosts_setting_is_q503_at_its_line(write_course: WriteCourse) -> None:
    root = _course(write_course, "site_name: C\nplugins:\n  course-quiz:\n    allowed_hosts:\n"
                                 "      - https://media.example.org/\n      - media.example.org\n")
    settings = read_host_settings(root / CONFIG_NAME, CONFIG_NAME)
    assert [(p.code, p.line) for p in settings.problems] == [("Q503", 5)]
    assert "no scheme, path or port" in settings.problems[0].message
    assert settings.allowed == frozenset({"media.example.org"})
    assert ("mkdocs.yml", 5) in _q502(root, settings)  # reported with the course's problems
    scalar = _course(write_course, "plugins:\n  course-quiz:\n    allowed_hosts: media.example.org\n")
    assert [p.code for p in read_host_settings(scalar / CONFIG_NAME, CONFIG_NAME).problems] == ["Q503"]


def test_a_stylesheet_under_docs_that_loads_a_web_font_is_q502(write_course: WriteCourse) -> None:
    root = _course(write_course, "site_name: C\n")
    css = root / "docs" / "assets" / "site.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: black; }\n@import url('https://fonts.example/css?family=X');\n"
                   ".a { background: url(img/local.png); }\n", encoding="utf-8")
    found = load_course(root / "docs", root / "quizzes", root=root, check_lock=False).problems
    assert [(p.path, p.line) for p in found if p.code == "Q502" and p.path.endswith(".css")] == \
        [("docs/assets/site.css", 2)]


# ---- The configuration itself (mkdocs.yml, with INHERIT) and the snippets it appends to every page ----

CONFIGS = CORPUS / "config"


def expected_in_config(path: Path) -> list[tuple[str, int]]:
    """The ``# expect: CODE@LINE`` annotations of a corpus configuration."""
    tokens = re.findall(r"^# expect:(.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return sorted((code, int(line)) for code, line in (t.split("@") for t in " ".join(tokens).split()))


@pytest.mark.parametrize("path", sorted(CONFIGS.glob("*.yml")), ids=lambda p: p.stem)
def test_corpus_configuration_reports_exactly_its_annotated_problems(path: Path) -> None:
    found = read_host_settings(path, path.name).problems
    assert sorted((p.code, p.line) for p in found) == expected_in_config(path)
    assert all(p.path == path.name for p in found)


def test_each_configuration_resource_is_named_with_its_host_and_what_to_do() -> None:
    found = sorted(read_host_settings(CONFIGS / "q502-remote-config.yml", "mkdocs.yml").problems, key=lambda p: p.line)
    hosts = [re.search(r"loaded from (\S+) ", p.message).group(1) for p in found]  # type: ignore[union-attr]
    assert hosts == ["api.github.com", "css.example", "js.example", "module.example", "logo.example",
                     "icon.example", "fonts.googleapis.com", "www.googletagmanager.com"]
    font = next(p for p in found if "fonts.googleapis.com" in p.message)
    assert "set font: false under theme" in font.message
    assert "self-host" in font.message


@pytest.mark.parametrize(("config", "line"), [
    ("theme: material\n", 1),  # a theme by name only: Material's default fonts
    ("theme:\n  name: material\n  features: [toc.follow]\n", 1),
    ("theme:\n  name: material\n  font: {text: Lato}\n", 3),
    ("theme:\n  name: material\n  font: 'false'\n", 3),  # text, not the boolean
    ("INHERIT: parent.yml\ntheme: material\n", 2),  # a nearer scalar replaces the parent's mapping (font: false)
])
def test_material_loads_google_fonts_unless_font_is_false(tmp_path: Path, config: str, line: int) -> None:
    (tmp_path / "parent.yml").write_text("theme:\n  name: material\n  font: false\n", encoding="utf-8")
    (tmp_path / CONFIG_NAME).write_text(config, encoding="utf-8")
    found = read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME).problems
    assert [(p.code, p.line) for p in found] == [("Q502", line)]
    assert "fonts.googleapis.com" in found[0].message


@pytest.mark.parametrize("config", [
    "theme:\n  name: material\n  font: false\n", "theme:\n  name: material\n  font: no\n",
    "theme: mkdocs\n", "site_name: no theme\n",
    "theme:\n  name: material\nplugins:\n  course-quiz:\n"
    "    allowed_hosts: [fonts.googleapis.com, fonts.gstatic.com]\n",
    "INHERIT: parent.yml\ntheme:\n  custom_dir: overrides\n",  # merged with the parent's font: false
])
def test_no_font_request_when_font_is_false_or_the_theme_is_not_material(tmp_path: Path, config: str) -> None:
    (tmp_path / "parent.yml").write_text("theme:\n  name: material\n  font: false\n", encoding="utf-8")
    (tmp_path / CONFIG_NAME).write_text(config, encoding="utf-8")
    assert read_host_settings(tmp_path / CONFIG_NAME, CONFIG_NAME).problems == ()


def test_a_parents_problem_is_reported_in_the_parent(tmp_path: Path) -> None:
    (tmp_path / "parent.yml").write_text("extra_css:\n  - https://css.example/x.css\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text("INHERIT: parent.yml\nsite_name: C\n", encoding="utf-8")
    found = read_host_settings(tmp_path / "child.yml", "child.yml").problems
    assert [(p.path, p.line) for p in found] == [("parent.yml", 2)]
    (tmp_path / "child.yml").write_text("INHERIT: parent.yml\nextra_css: [local.css]\n", encoding="utf-8")
    assert read_host_settings(tmp_path / "child.yml", "child.yml").problems == ()  # the child's list replaces it


@pytest.mark.parametrize("name", [CONFIG_NAME, "mkdocs-instructor.yml"])
def test_the_real_course_configuration_loads_nothing_from_another_host(name: str) -> None:
    settings = read_host_settings(PROJECT / name, name)
    assert settings.problems == ()
    assert settings.snippets == (PROJECT / "includes" / "abbreviations.md",)


def test_the_snippets_appended_to_every_page_are_found_through_base_path() -> None:
    settings = read_host_settings(CONFIGS / "q502-remote-config.yml", "mkdocs.yml")
    assert settings.snippets == (CONFIGS / "includes" / "q502-included.md",)  # missing/ and not-there.md skipped


def test_an_appended_snippet_is_checked_like_a_page(write_course: WriteCourse) -> None:
    root = _course(write_course, "site_name: C\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                                 "      auto_append: [includes/q502-included.md]\n")
    (root / "includes").mkdir()
    snippet = CONFIGS / "includes" / "q502-included.md"
    (root / "includes" / snippet.name).write_text(snippet.read_text(encoding="utf-8"), encoding="utf-8")
    settings = read_host_settings(root / CONFIG_NAME, CONFIG_NAME)
    found = [(p.path, p.line) for p in load_course(root / "docs", root / "quizzes", root=root, check_lock=False,
                                                   hosts=settings).problems if p.path.startswith("includes/")]
    assert found == [(f"includes/{snippet.name}", line) for _, line in expected(snippet)]
