"""An instructor makes the course their own, as the guide's "Make it your course" says: a new name and two
lessons swapped in a copy of the real course, and nothing else edited by hand.

Both editions, the progress page, the home page's cards, `course stats` and the exports show the new name
and numbers; every link whose text still says the old number is reported (W410) with the right one.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from tests.conftest import PROJECT

pytestmark = pytest.mark.build

NEW_NAME = "AI Policy 301"
OLD_NAME = "Open-source AI strategy"
_NAV_LESSON = re.compile(r"^(\s*- )(?:(?P<title>[^:\n]+): )?(?P<path>lessons/[\w.-]+\.md)\s*$", re.MULTILINE)
_LESSON_LINK = re.compile(r"\[(?P<text>[^\]\n]*\blesson (?P<n>\d+)\b[^\]\n]*)\]\((?P<target>[^)#\s]+)", re.IGNORECASE)


def nav_lessons(config: str) -> list[tuple[str, str]]:
    """(title, page) of each lesson line of the nav, in order, read with a plain pattern."""
    return [(m.group("title") or "", m.group("path")) for m in _NAV_LESSON.finditer(config)]


def front_matter_title(page: Path) -> str:
    match = re.search(r"^title: (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
    assert match is not None, page
    return match.group(1).strip().strip("\"'")


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the course renamed and with its first two lessons swapped, both editions built."""
    copy = tmp_path_factory.mktemp("adopt") / "course"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns("site", "site-instructor", ".venv*", ".git", "bench",
                                                                  "tests", "*.egg-info", ".cache"))
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Step 1 of the guide: the name, once, in mkdocs.yml (and the address, to publish).
    text = re.sub(r"^site_name: .*$", f"site_name: {NEW_NAME}", text, count=1, flags=re.MULTILINE)
    text = text.replace('site_url: ""', "site_url: https://course.example/")
    # Step 2: move a lesson by moving its line in the nav.
    lines = text.splitlines(keepends=True)
    at = [index for index, line in enumerate(lines) if _NAV_LESSON.match(line)]
    lines[at[0]], lines[at[1]] = lines[at[1]], lines[at[0]]
    # The stale "lesson N" links are warnings, fatal under --strict; this copy is built without it to look at
    # the sites (test_stale_lesson_links_are_reported_with_the_right_number checks they are reported).
    text = "".join(lines).replace("strict: true", "strict: false")
    config.write_text(text, encoding="utf-8")
    for args in ((), ("-f", "mkdocs-instructor.yml")):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=copy, capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, result.stderr
    return copy


@pytest.fixture(scope="module")
def lessons(adopted: Path) -> list[tuple[int, str, str]]:
    """(number, page, front-matter title) of each lesson of the copy, in its new nav order."""
    order = nav_lessons((adopted / "mkdocs.yml").read_text(encoding="utf-8"))
    original = nav_lessons((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [page for _, page in order][:2] == [original[1][1], original[0][1]]
    return [(number, page, front_matter_title(adopted / "docs" / page))
            for number, (_, page) in enumerate(order, start=1)]


def built(site: Path, page: str) -> str:
    return (site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def nav_title(config: Path, page: str, fallback: str) -> str:
    """The title the nav gives ``page``, or its front matter's when the nav gives none; HTML-escaped."""
    titles = {p: t for t, p in nav_lessons(config.read_text(encoding="utf-8"))}
    return html.escape(titles.get(page) or fallback, quote=False)


def test_the_nav_types_no_lesson_number() -> None:
    titles = [title for title, _ in nav_lessons((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))]
    assert titles
    assert not [title for title in titles if re.match(r"\d+\.", title)]


@pytest.mark.parametrize("site_dir", ["site", "site-instructor"])
def test_every_page_shows_the_new_name_and_numbers(adopted: Path, lessons: list[tuple[int, str, str]],
                                                   site_dir: str) -> None:
    site = adopted / site_dir
    name = NEW_NAME if site_dir == "site" else f"{NEW_NAME} (instructor edition)"
    for number, page, title in lessons:
        text = built(site, page)
        shown = f"{number}. {nav_title(adopted / 'mkdocs.yml', page, title)}"
        assert f"<title>{shown} - {name}</title>" in text
        assert f"<h1>{shown}</h1>" in text
        # The nav lists every lesson by number, in order (the current one twice: its entry and its contents).
        nav = re.findall(r'<span class="md-ellipsis">\s*(\d+)\. ', text[text.index("md-nav--primary"):])
        assert [int(n) for n in dict.fromkeys(nav)] == list(range(1, len(lessons) + 1))
        assert OLD_NAME not in re.search(r"<title>.*?</title>", text).group()  # type: ignore[union-attr]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{name}</title>" in home
    assert re.search(rf"<h1[^>]*>{re.escape(name)}<", home)
    assert f'<span class="md-ellipsis">\n            {name}' in home or name in re.sub(r"\s+", " ", home)


def test_the_home_page_cards_follow_the_nav(adopted: Path, lessons: list[tuple[int, str, str]]) -> None:
    home = (adopted / "site" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r"<strong>Lesson (\d+) · [^<]*</strong>[^<]*</p>\s*<p><a href=\"([^\"]+)\">([^<]+)</a>", home)
    assert [(int(n), href, html.unescape(text)) for n, href, text in cards] == [
        (number, page.removesuffix(".md") + "/", title) for number, page, title in lessons]


def test_the_progress_page_names_the_course_and_numbers_the_lessons(
        adopted: Path, lessons: list[tuple[int, str, str]]) -> None:
    for site in ("site", "site-instructor"):
        progress = (adopted / site / "progress" / "index.html").read_text(encoding="utf-8")
        name = NEW_NAME if site == "site" else f"{NEW_NAME} (instructor edition)"
        assert f'data-cq-course="{name}"' in progress
        rows = re.findall(r'<th scope="row"><a href="\.\./([^"]+)">(\d+)\. ', progress)
        assert [(page, int(n)) for page, n in rows] == [(p.removesuffix(".md") + "/", n) for n, p, _ in lessons]


def test_the_answer_keys_and_notes_pages_number_the_lessons(adopted: Path, lessons: list[tuple[int, str, str]]) -> None:
    number, page, title = lessons[0]
    shown = f"{number}. {nav_title(adopted / 'mkdocs.yml', page, title)}"
    key = built(adopted / "site-instructor", f"instructor/answer-keys/{page}")
    assert f"Answer key: {shown}" in key
    notes = (adopted / "site-instructor" / "instructor" / "notes" / "index.html").read_text(encoding="utf-8")
    headings = [int(n) for n in re.findall(r"<h2[^>]*>(\d+)\. ", notes)]
    assert headings == sorted(headings)


def test_stats_and_exports_number_the_lessons(adopted: Path, lessons: list[tuple[int, str, str]],
                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(adopted)
    stats = CliRunner().invoke(main, ["stats", "--json"])
    assert stats.exit_code == 0, stats.output
    numbered = [(entry["number"], entry["lesson"]) for entry in json.loads(stats.output)["lessons"]
                if entry["number"] is not None]
    assert numbered == [(number, page) for number, page, _ in lessons]
    table = CliRunner().invoke(main, ["stats"]).output
    assert f"\n1. {lessons[0][2]} " in table
    sheet = tmp_path / "sheet.md"
    exported = CliRunner().invoke(main, ["export", "--format", "markdown", "-o", str(sheet)])
    assert exported.exit_code == 0, exported.output
    headings = re.findall(r"^## (\d+)\. (.+)$", sheet.read_text(encoding="utf-8"), re.MULTILINE)
    assert [(int(n), title) for n, title in headings] == [(n, title) for n, _, title in lessons]
    gift = tmp_path / "moodle.gift"
    assert CliRunner().invoke(main, ["export", "--format", "gift", "-o", str(gift)]).exit_code == 0
    assert f"$course$/top/1. {lessons[0][2]}" in gift.read_text(encoding="utf-8")


def test_stale_lesson_links_are_reported_with_the_right_number(adopted: Path, lessons: list[tuple[int, str, str]],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    numbers = {page: number for number, page, _ in lessons}
    expected = set()
    for source in sorted((adopted / "docs").rglob("*.md")):
        in_code = False
        for line_number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            if in_code:
                continue
            for link in _LESSON_LINK.finditer(line):
                target = (source.parent / link.group("target")).resolve().relative_to((adopted / "docs").resolve())
                actual = numbers.get(target.as_posix())
                if actual is not None and actual != int(link.group("n")):
                    expected.add((source.relative_to(adopted).as_posix(), line_number, actual))
    assert expected, "the course links to its first two lessons by number; swapping them must leave stale links"
    monkeypatch.chdir(adopted)
    checked = CliRunner().invoke(main, ["check", "--strict"])
    assert checked.exit_code == 1
    found = set()
    for line in checked.output.splitlines():
        match = re.match(r"(\S+?):(\d+):\d+: W410 warning: .* is lesson (\d+) in the navigation's order; "
                         r"write 'lesson \3'", line)
        if match:
            found.add((match.group(1), int(match.group(2)), int(match.group(3))))
    assert found == expected


def test_the_guide_is_public_by_default_and_instructor_only_with_one_line(
        adopted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (adopted / "site" / "instructors" / "index.html").is_file()  # the default: published
    # The one setting, in the guide's front matter, and in its translation's (a twin keeps its page's edition).
    for guide in (adopted / "docs" / "instructors.md", adopted / "docs" / "instructors.zh.md"):
        text = guide.read_text(encoding="utf-8")
        assert "\n# edition: instructor\n---\n" in text
        guide.write_text(text.replace("\n# edition: instructor\n", "\nedition: instructor\n", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site-private"], cwd=adopted,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not (adopted / "site-private" / "instructors").exists()
    assert not (adopted / "site-private" / "zh" / "instructors").exists()
    assert "Instructors' guide" not in (adopted / "site-private" / "search" / "search_index.json").read_text()
    monkeypatch.chdir(adopted)
    verified = CliRunner().invoke(main, ["verify", "site-private"])
    assert verified.exit_code == 0, verified.output
    assert "and 1 instructor-only pages" in verified.output


def test_colours_logo_and_favicon_as_the_guide_says(course_dir: Path) -> None:
    """Step 5 of "Make it your course", on the small fixture course: Material's own settings."""
    assets = course_dir / "docs" / "assets"
    assets.mkdir()
    (assets / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>')
    (assets / "favicon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = course_dir / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "theme:\n  name: material\n",
        "theme:\n  name: material\n  logo: assets/logo.svg\n  favicon: assets/favicon.png\n"
        "  palette:\n    primary: teal\n    accent: amber\n"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=course_dir,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    home = (course_dir / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="assets/favicon.png">' in home
    assert 'src="assets/logo.svg"' in home
    assert 'data-md-color-primary="teal"' in home
    assert 'data-md-color-accent="amber"' in home
