"""The course itself: lessons, quizzes, sources, schedule, seeds not copied, and a clean strict build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest

from course_quiz.course import Course, load_course
from tests.conftest import PROJECT

DOCS = PROJECT / "docs"
LESSONS = sorted((DOCS / "lessons").glob("*.md"))
SEEDS = PROJECT.parent / "shared" / "seeds"
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$", re.MULTILINE)
URL = re.compile(r"<(https?://[^>\s]+)>|\((https?://[^)\s]+)\)|(?<![<(])\b(https?://[^\s>)]+)")


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(DOCS, PROJECT / "quizzes", root=PROJECT)


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def prose_words(path: Path) -> int:
    """Words a reader reads: front matter, footnote definitions, HTML and directives left out."""
    kept = []
    in_html = False
    for line in body_of(path).splitlines():
        stripped = line.strip()
        if stripped.startswith(("<figure", "<svg", "<div")):
            in_html = True
        if in_html:
            in_html = not stripped.endswith(("</figure>", "</svg>", "</div>"))
            continue
        if FOOTNOTE_DEF.match(stripped) or stripped.startswith("///"):
            continue
        kept.append(line)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,%$-]*", "\n".join(kept)))


def test_eight_lessons() -> None:
    assert len(LESSONS) == 8


def test_course_check_strict_is_clean(course: Course) -> None:
    assert [p.format() for p in course.problems] == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_shape(course: Course, path: Path) -> None:
    page = course.pages[f"lessons/{path.name}"]
    assert set(page.meta) >= {"title", "summary"}
    assert 3 <= len(page.objectives) <= 6
    assert all(re.match(r"^[A-Z][a-z]+\b", o.text) for o in page.objectives), "objectives start with a verb"
    assert set(page.minutes) == {"reading", "activity"}
    assert len(page.placements) == 1
    assert 1500 <= prose_words(path) <= 3300
    body = body_of(path)
    assert re.search(r"^\|.*\|\s*$", body, re.MULTILINE) or "<svg" in body, "a table, timeline or diagram"
    assert "!!! instructor" in body
    assert re.search(r"^!!! (example|question)", body, re.MULTILINE), "an activity or discussion prompt"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_quiz_shape(course: Course, path: Path) -> None:
    page = course.pages[f"lessons/{path.name}"]
    quiz = course.quizzes[page.placements[0].quiz_id]
    assert 8 <= len(quiz.questions) <= 12
    assert len({q.type for q in quiz.questions}) >= 4
    assert {q.objective for q in quiz.questions} == {o.id for o in page.objectives}
    for question in quiz.questions:
        assert question.explanation, question.id
        assert question.review in page.anchors, question.id
        assert all(option.feedback for option in question.options), question.id
    positions = Counter(
        [o.id for o in q.options].index(q.answer_ids[0]) for q in quiz.questions if q.type == "single")
    assert len(positions) >= 2, "the key of single-choice questions is not always in the same place"


@pytest.mark.parametrize("path", [*LESSONS, DOCS / "index.md", DOCS / "about-sources.md"], ids=lambda p: p.stem)
def test_footnotes_and_urls(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    references = set(FOOTNOTE_REF.findall(text))
    definitions = FOOTNOTE_DEF.findall(text)
    defined = [name for name, _ in definitions]
    assert len(defined) == len(set(defined)), "a footnote is defined twice"
    assert references == set(defined)
    for match in URL.finditer(text):
        url = next(group for group in match.groups() if group)
        parsed = urlparse(url)
        assert parsed.scheme in ("http", "https"), url
        assert "." in parsed.netloc, url
        assert " " not in url


FIGURE = re.compile(r"\d[\d,.]*\d|\d")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_figure_is_cited_where_it_first_appears(path: Path) -> None:
    """A paragraph that brings in a number or year not cited earlier in the lesson carries a footnote."""
    cited: set[str] = set()
    missing = []
    for paragraph in re.split(r"\n\s*\n", body_of(path)):
        flat = re.sub(r"\{[^}]*\}|\[\^[^\]]+\]:.*|<[^>]+>|\]\([^)]*\)", "", paragraph.strip())
        if not flat or paragraph.lstrip().startswith(("#", "///", "!!!", "<")) or paragraph.startswith("    "):
            continue  # headings, directives, admonitions (activities, notes) and HTML figures
        figures = {f.rstrip(".,") for f in FIGURE.findall(flat)} - {str(n) for n in range(1, 13)}
        if re.search(r"made-up|hypothetical|imaginary", flat):
            continue  # illustrative numbers, labelled as such
        if "[^" in paragraph:
            cited |= figures
        elif figures - cited:
            missing.append(f"{sorted(figures - cited)}: {flat[:70]}")
    assert missing == []


def schedule_rows() -> dict[str, tuple[int, int]]:
    rows = {}
    for match in re.finditer(r"^\|\s*\[[^\]]+\]\((lessons/[^)]+\.md)\)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|",
                             (DOCS / "index.md").read_text(encoding="utf-8"), re.MULTILINE):
        rows[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    return rows


def test_home_schedule_matches_front_matter(course: Course) -> None:
    expected = {f"lessons/{p.name}": (course.pages[f"lessons/{p.name}"].minutes["reading"],
                                      course.pages[f"lessons/{p.name}"].minutes["activity"]) for p in LESSONS}
    assert schedule_rows() == expected


def test_glossary_and_abbreviations_exist() -> None:
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^:\s{3}", glossary, re.MULTILINE)) >= 30
    abbreviations = (PROJECT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\*\[[^\]]+\]:", abbreviations, re.MULTILINE)) >= 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_no_sentence_of_the_seeds_is_reused() -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        tokens = words(seed.read_text(encoding="utf-8"))
        seed_runs.update(tuple(tokens[i:i + 8]) for i in range(len(tokens) - 7))
    shared = []
    for path in [*DOCS.rglob("*.md"), *(PROJECT / "quizzes").glob("*.yml")]:
        tokens = words(path.read_text(encoding="utf-8"))
        shared += [f"{path.name}: {' '.join(tokens[i:i + 8])}" for i in range(len(tokens) - 7)
                   if tuple(tokens[i:i + 8]) in seed_runs]
    assert shared == []


EXTERNAL = re.compile(r"""<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)=["']?(https?:)?//""",
                      re.IGNORECASE)


def test_strict_build_is_clean_and_requests_no_other_host(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=PROJECT, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    offenders = []
    for page in (tmp_path / "site").rglob("*"):
        if page.suffix in (".html", ".css"):
            text = page.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{page.name}: {m.group(0)}" for m in EXTERNAL.finditer(text)]
            offenders += [f"{page.name}: {m}" for m in re.findall(r"url\(['\"]?https?://[^)]+\)", text)]
            offenders += [f"{page.name}: {m}" for m in re.findall(r"@import\s+url\(['\"]?https?:", text)]
    assert offenders == []
    assert not (PROJECT / "docs" / "quizzes.db").exists()


# A test-wise student who has not read the lesson picks the option that stands out by length. The key
# of a single-choice question may be the longest option (chance makes it so in some questions), but
# never by a margin that stands out: at most KEY_LENGTH_MARGIN times the longest wrong option, counted
# in characters with runs of spaces as one. W406 (course check) keeps it from being the longest in most.
KEY_LENGTH_MARGIN = 1.2
ABOVE_RECALL = {"apply", "analyse", "evaluate", "create"}


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def test_no_single_choice_key_stands_out_by_length(course: Course) -> None:
    standing_out = []
    for quiz in course.quizzes.values():
        for question in quiz.questions:
            if question.type != "single":
                continue
            key = next(o for o in question.options if o.id in question.answer_ids)
            longest_wrong = max(_length(o.text) for o in question.options if o is not key)
            if _length(key.text) > KEY_LENGTH_MARGIN * longest_wrong:
                standing_out.append(f"{question.id}: key {_length(key.text)} chars, longest wrong {longest_wrong}")
    assert standing_out == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_half_the_questions_are_above_recall(course: Course, path: Path) -> None:
    page = course.pages[f"lessons/{path.name}"]
    quiz = course.quizzes[page.placements[0].quiz_id]
    assert all(q.level for q in quiz.questions), "every lesson question declares its level"
    above = [q.id for q in quiz.questions if q.level in ABOVE_RECALL]
    assert 2 * len(above) >= len(quiz.questions), f"only {above} apply, analyse or evaluate"
