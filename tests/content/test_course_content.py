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

from course_quiz.course import Course, load_course, localize
from course_quiz.model import Question
from course_quiz.qtypes.base import key_of
from course_quiz.qtypes.choice import ChoiceKey
from course_quiz.qtypes.truefalse import BoolKey
from course_quiz.teaching import is_catch_all, key_is_longest, key_is_shortest
from tests.conftest import PROJECT

DOCS = PROJECT / "docs"
LESSONS = sorted(path for path in (DOCS / "lessons").glob("*.md") if path.suffixes == [".md"])  # not the .zh.md twins
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
    assert 10 <= len(quiz.questions) <= 14
    assert len({q.type for q in quiz.questions}) >= 4
    assert {q.objective for q in quiz.questions} == {o.id for o in page.objectives}
    for question in quiz.questions:
        assert question.explanation, question.id
        assert question.review in page.anchors, question.id
        assert all(option.feedback for option in question.options), question.id


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


# Uncited figures. A footnote marker vouches for the text before it, so a figure is cited when a marker follows it
# in the same paragraph, list item or table row, or stands anywhere in its sentence; a list whose lead-in ends
# in ":" and a marker is cited by that marker. Otherwise the figure must have been cited earlier in the lesson.
# Figures are dates (a day-month-year date is a different figure from its month or year), years, numbers with
# a currency or a unit (%, bn, million, times...), other numbers above 12, and multiples in words ("four times
# as often"). Left out: headings, HTML, directives, footnote definitions, instructor notes, what the course asks
# of the reader (minutes, words), numbers that belong to a name (ERNIE 4.5, Art. 53, GB/T 45654-2025), and
# anything labelled as made up, with the quotation or list that such a label introduces.

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
          r"Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_NUMBER_WORDS = {word: str(n) for n, word in enumerate(re.findall(r"\w+", (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty")))} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}
_MAGNITUDES = {"%": "%", "per cent": "%", "percent": "%", "bn": "bn", "billion": "bn", "b": "bn", "million": "m",
               "mn": "m", "m": "m", "thousand": "k", "k": "k", "trillion": "tn", "tn": "tn", "times": "x", "x": "x",
               "fold": "x"}
_FIGURE = re.compile(
    r"(?P<date>\b(?:(?P<day>\d{1,2})\s+)?(?P<month>" + _MONTH + r")\s+(?P<year>(?:19|20)\d\d)(?!\w))"
    r"|(?P<words>\b(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")[\s-]"
    r"(?:times|fold)\s+(?:as|the|more|less|fewer|higher|lower|larger|smaller|faster|cheaper)\b)"
    r"|(?P<twice>\btwice\s+(?:as|the)\b)"
    r"|(?<![\w.\-/^#:–—])(?P<currency>US\$|[$€£¥])?(?P<digits>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s*(?P<word_unit>%|per cent|percent|billion|million|mn|trillion|thousand|times)(?!\w)"
    r"|(?P<unit>bn|tn|[bmkx%])(?!\w)|(?!\w))",
    re.IGNORECASE)
# A number right after one of these words names a model, a document or a part of a text; it is not a quantity.
_NAME_BEFORE = re.compile(
    r"(?:\b(?:apache|ernie|llama|gemma|qwen|mistral|moe|kimi|glm|gpt|osaid|version|v|no|"
    r"nos|art|arts|article|articles|recital|section|chapter|part|lesson|lessons|step|table|figure|question|item|"
    r"pp|p|vol|r1|r1-distill|arxiv|preprint|t|tc260|guofa)\.?|\[)\s*$", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\](?!:)")
_LABELLED = re.compile(r"made[- ]up|hypothetical|imaginary|invented|fictional|fictitious|illustrative",
                       re.IGNORECASE)
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s+([\w-]+)(.*)$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_NOT_TEXT = re.compile(r"\{[^}]*\}|\]\([^)]*\)|<[^>]+>|`[^`]*`")
_COURSE_ITSELF = re.compile(r"\b\d+\s*(?:minutes?|mins?|hours?|words?)(?!\w)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]*_]*(?:\[\^[^\]\s]+\])*\s+(?=[A-Z0-9\"“‘(*_\[])|\s\|\s")
_ABOUT_THE_COURSE = re.compile(r"\bthis (?:section|lesson|course|page)\b|\bcover(?:s|ing)?\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:\b(?:no|nos|e\.g|i\.e|vs|art|arts|pp|p|c|ca|cf|dr|mr|mrs|ms|st|jr|inc|ltd|co|"
                           r"u\.s|fig|vol|approx)|\b[A-Z])$", re.IGNORECASE)


def _figure_keys(match: re.Match[str]) -> tuple[str, set[str]] | None:
    """The figure's own key, and every key a footnote on it cites; None when the match is not a figure."""
    if match.group("date"):
        month, year = match.group("month")[:3].lower(), match.group("year")
        own = f"{int(match.group('day'))} {month} {year}" if match.group("day") else f"{month} {year}"
        return own, {own, f"{month} {year}", year}
    if match.group("words"):
        own = _NUMBER_WORDS[match.group("word").lower()] + "x"
        return own, {own}
    if match.group("twice"):
        return "2x", {"2x"}
    digits = match.group("digits").replace(",", "")
    unit = _MAGNITUDES.get((match.group("word_unit") or match.group("unit") or "").lower(), "")
    currency = "$" if match.group("currency") else ""
    if not unit and not currency:
        if re.fullmatch(r"(?:19|20)\d\d", digits):
            return digits, {digits}
        if "." not in digits and int(digits) <= 12:
            return None  # counts, list numbers and ordinals are not figures on their own
    own = f"{currency}{digits}{unit}"
    return own, {own, digits}


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[offset] (a footnote marker after a full stop belongs to it)."""
    start, end = 0, len(text)
    for boundary in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[:boundary.start()]):
            continue
        if boundary.end() <= offset:
            start = boundary.end()
        else:
            end = boundary.end()
            break
    return start, end


def citation_units(body: str) -> list[tuple[int, str, bool]]:
    """The lesson body as (line, text, cited by its lead-in) for each paragraph, list item and table row checked."""
    units: list[tuple[int, str, bool]] = []
    block: list[str] = []
    block_line, block_is_item = 0, False
    skip_until_blank = fenced = False   # HTML blocks and footnote definitions; fenced code
    admonition: str | None = None       # None outside one; "skip" in instructor notes and after a made-up label
    lead_cited = False                  # the last paragraph ended in ":" and a footnote: it cites the list below
    label_covers: str | None = None     # after a made-up label: "items" (quotes, lists, rows) or "next" (and one
                                        # paragraph, when the label ends in ":")

    def flush() -> None:
        nonlocal block, lead_cited, label_covers
        if not block:
            return
        text = " ".join(block)
        introduced = block_is_item or text.startswith(">")
        block = []
        if _LABELLED.search(text):
            if not block_is_item:
                label_covers = "next" if text.rstrip().endswith(":") else "items"
            lead_cited = False
            return
        if label_covers and (introduced or label_covers == "next"):
            label_covers = "items" if introduced else None
            return
        label_covers = None
        units.append((block_line, text, introduced and lead_cited))
        if not introduced:
            lead_cited = bool(re.search(r":\s*(?:\[\^[^\]\s]+\])+\s*$", text))

    def new_section() -> None:
        nonlocal lead_cited, label_covers
        flush()
        lead_cited, label_covers = False, None

    for number, raw in enumerate(body.splitlines(), start=1):
        if admonition is not None and raw.strip() and not raw.startswith("    "):
            new_section()
            admonition = None
        line = raw[4:] if admonition is not None else raw
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            flush()
            fenced = not fenced
        elif fenced or admonition == "skip":
            pass
        elif not stripped:
            flush()
            skip_until_blank = False
        elif skip_until_blank:
            pass
        elif (opening := _ADMONITION.match(stripped)) and admonition is None:
            new_section()
            skippable = opening.group(1) == "instructor" or _LABELLED.search(opening.group(2))
            admonition = "skip" if skippable else "check"
        elif stripped.startswith(("#", "///")):
            new_section()
        elif stripped.startswith(("<", "[^")):
            flush()
            skip_until_blank = True
        elif stripped.startswith("|"):
            flush()
            if not re.fullmatch(r"[|:\-\s]+", stripped):
                block, block_line, block_is_item = [stripped], number, True
                flush()
        else:
            if _LIST_ITEM.match(line) or not block:
                flush()
                block_line, block_is_item = number, bool(_LIST_ITEM.match(line))
            block.append(stripped)
            if admonition == "check" and _LABELLED.search(stripped):
                flush()
                admonition = "skip"     # the rest of this activity is made-up material
    flush()
    return units


def uncited_figures(body: str) -> list[str]:
    """Figures in a lesson body that no footnote cites where they first appear, as 'line N: figure in context'."""
    cited: set[str] = set()
    missing = []
    for line, text, covered in citation_units(body):
        flat = _COURSE_ITSELF.sub("", _NOT_TEXT.sub("", text))
        flat = re.sub(r"\b(mid|early|late)-(?=(?:19|20)\d\d)", r"\1 ", flat)
        marks = [m.start() for m in _FOOTNOTE_MARK.finditer(flat)]
        masked = _FOOTNOTE_MARK.sub(lambda m: " " * len(m.group(0)), flat)
        for match in _FIGURE.finditer(masked):
            if (match.group("digits") and not match.group("currency") and not match.group("unit")
                    and not match.group("word_unit") and _NAME_BEFORE.search(masked[:match.start()])):
                continue
            keys = _figure_keys(match)
            if keys is None:
                continue
            own, cites = keys
            start, end = _sentence_around(flat, match.start())
            if re.fullmatch(r"(?:19|20)\d\d", own) and _ABOUT_THE_COURSE.search(flat[start:end]):
                continue  # "this section covers developments up to late 2026" describes the course
            if covered or any(mark > match.start() or start <= mark < end for mark in marks):
                cited |= cites
            elif own not in cited:
                context = flat[max(0, match.start() - 50):match.end() + 20]
                missing.append(f"line {line}: {match.group(0).strip()!r} in …{context}…")
    return missing


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_figure_is_cited_where_it_first_appears(path: Path) -> None:
    """A figure not cited earlier in the lesson has a footnote after it in its paragraph, or in its sentence."""
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1) if text.startswith("---\n") else ("", text)
    assert uncited_figures("\n" * (front.count("\n") + 2) + body) == []  # lines numbered as in the file


# Text from the lessons as they stood at commit cd044e4 (shortened where the rest does not matter), each with a
# figure that the old check, one footnote anywhere in a paragraph citing all its numbers and activities skipped,
# let through; then text the checker must accept.
UNCITED_AT_CD044E4 = {
    "ai-plus-economics:111 a figure after the paragraph's last footnote": (
        "A closed model earns money each time it is used. OpenAI charged for GPT-4 by the token, at launch $0.03 "
        "per thousand input tokens and $0.06 per thousand output tokens,[^openrouter] and Google billed PaLM 2 on "
        "Vertex AI per thousand characters.[^google-legacy] (One commissioning article's figure of \"$12K/month\" "
        "for enterprise GPT-4 access has no traceable source, and the real pricing worked per unit of text.) An open "
        "model's owner earns nothing from a download.", "$12K"),
    "deepseek-case-study:156 (body line; file line 180) a figure in an activity": (
        "!!! example \"Activity: one claim, three sources\"\n"
        "    Work in pairs (15 minutes).\n\n"
        "    1. Take the sentence \"DeepSeek trained a world-class model for under $6 million.\" Rewrite it so it is "
        "accurate,\n       using the [table above](#figure-scope). Keep it under 30 words.", "$6 million"),
    "deepseek-case-study:60 a derived figure in a sentence of its own": (
        "DeepSeek counted 2.788 million GPU-hours on Nvidia H800 chips for the final training run\nand priced those "
        "hours at a rental rate.[^v3-report][^semianalysis] Divide one number by the other and you get the assumed "
        "rate:\n$2 per GPU-hour.", "$2"),
    "measuring-censorship:94 illustrative numbers in a list item, not labelled": (
        "That creates a measurement trap:\n\n- A model that refuses 80% of sensitive prompts and a model that answers "
        "100% of them in party-line language get very different refusal scores, but the second is not less censored.\n"
        "- Pan and Xu found shorter and less accurate answers as well as more refusals.[^pan-xu]", "80%"),
    "chips-and-industrial-policy:55 a table row with a date never cited": (
        "OpenAI began blocking on 9 July 2024.[^rfa]\n\n| Topic | Fuller sources | New York Times | Summary |\n"
        "|---|---|---|---|\n| OpenAI cut-off | Blocking began 9 July 2024[^rfa] | \"Last July\" | July 2023 |",
        "July 2023"),
    "a new date in a year cited before": (
        "DeepSeek-R1 came out on 20 Jan 2025.[^r1]\n\nBaidu moved from a closed chatbot to open weights in June 2025.",
        "June 2025"),
    "a multiple in words, without a lead-in that cites it": (
        "They repeated misleading narratives about four times as often as the US models.", "four times as"),
}
CITED_OR_NOT_FIGURES = {
    "marker later in the paragraph": "By 2027 it wants over 70% penetration; by 2035 a new economy.[^qazinform]",
    "marker earlier in the same sentence": (
        "The gap between $8.5bn and $8.2bn for the same 60.06bn yuan[^digitimes] is conversion at different rates "
        "(roughly 7.07 against 7.32 yuan to the dollar)."),
    "list cited by its lead-in": (
        "Its main findings were:[^caisi]\n\n- Downloads grew about 1,000% since January 2025.\n"
        "- They repeated narratives about four times as often."),
    "cited earlier, repeated later": (
        "Baidu published ERNIE 4.5 weights on 30 Jun 2025.[^ernie]\n\nBaidu moved to open weights in June 2025."),
    "names, versions and documents": (
        "R1 uses MIT and Qwen3, ERNIE 4.5 and gpt-oss-120b use Apache 2.0; see Art. 53(2), GB/T 45654-2025, TC260-003, "
        "Guofa [2025] No. 11, Qwen2.5-72B, H800 chips, [lesson 4](chips.md) and step 3."),
    "labelled as made up, with the quotation it introduces": (
        "Grade this made-up news paragraph, written for the course:\n\n"
        "> Beijing poured $47bn into open models in 2026, three times as much as Washington."),
    "an activity after its made-up label": (
        "!!! example \"Activity\"\n    Read the invented headline below.\n\n"
        "    1. \"Lab X trained a model for $3m in 2031.\" What is missing?"),
    "instructor notes and the reader's own time": (
        "Work in pairs (15 minutes), then write 30 words.\n\n!!! instructor \"Notes\"\n"
        "    About 20 minutes of reading and 15 for the activity; 85% of groups finish."),
    "the course describing itself": "This section covers developments up to late 2026.",
}


@pytest.mark.parametrize(("text", "figure"), UNCITED_AT_CD044E4.values(), ids=UNCITED_AT_CD044E4.keys())
def test_uncited_figure_checker_finds_what_the_paragraph_check_missed(text: str, figure: str) -> None:
    assert any(f"{figure!r} in" in found for found in uncited_figures(text))


@pytest.mark.parametrize("text", CITED_OR_NOT_FIGURES.values(), ids=CITED_OR_NOT_FIGURES.keys())
def test_uncited_figure_checker_accepts_cited_and_illustrative_numbers(text: str) -> None:
    assert uncited_figures(text) == []


def schedule_rows() -> dict[str, tuple[int, int]]:
    rows = {}
    for match in re.finditer(r"^\|\s*\[[^\]]+\]\((lessons/[^)]+\.md)\)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|",
                             (DOCS / "index.md").read_text(encoding="utf-8"), re.MULTILINE):
        rows[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    return rows


def test_links_to_other_sites_show_their_address() -> None:
    """Written as <https://...>, an address prints on paper; [text](https://...) would hide it."""
    hidden = [f"{path.name}: {match}" for path in DOCS.rglob("*.md")
              for match in re.findall(r"\]\((https?://[^)]+)\)", path.read_text(encoding="utf-8"))]
    assert hidden == []


def test_home_schedule_matches_front_matter(course: Course) -> None:
    expected = {f"lessons/{p.name}": (course.pages[f"lessons/{p.name}"].minutes["reading"],
                                      course.pages[f"lessons/{p.name}"].minutes["activity"]) for p in LESSONS}
    assert schedule_rows() == expected


def nav_lessons() -> list[str]:
    """The lesson pages in the order of the site's navigation (whose titles type no number)."""
    return re.findall(r"^\s+- (?:[^:\n]+: )?(lessons/\S+\.md)$", (PROJECT / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.MULTILINE)


def test_home_cards_are_made_from_each_lessons_front_matter(course: Course) -> None:
    """The plugin makes the cards, in nav order, where the home page holds their slot: number, title and minutes
    from each lesson's front matter, and its one-line description (tests/mkdocs_course/test_adopt_build.py checks
    them built)."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert index.count('<div class="cq-cards-slot"></div>') == 1
    assert "{ .md-button .md-button--primary .cq-continue }" in index
    assert sorted(nav_lessons()) == sorted(f"lessons/{path.name}" for path in LESSONS)
    for path in LESSONS:
        page = course.pages[f"lessons/{path.name}"]
        description = page.meta.get("description")
        assert isinstance(description, str), f"{path}: a one-line description for its card"
        assert len(description) <= 110, f"{path}: the card's description is one line"
        assert set(page.minutes) == {"reading", "activity"}, path


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


@pytest.fixture(scope="module", params=["en", "zh"])
def shown(request: pytest.FixtureRequest, course: Course) -> Course:
    """The course as each language's pages show it: a translation keeps the same keys, and length is a
    cue in any language."""
    return localize(course, request.param)


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def test_no_single_choice_key_stands_out_by_length(shown: Course) -> None:
    standing_out = []
    for quiz in shown.quizzes.values():
        for question in quiz.questions:
            if question.type != "single":
                continue
            key = next(o for o in question.options if o.id in key_of(question, ChoiceKey).ids)
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
    assert any(q.level == "evaluate" for q in quiz.questions), "every lesson has an evaluate question"


# The cues a test-wise student can read without the lesson, measured over the whole course. Each limit
# leaves room for chance (with four options the key is the longest, the shortest or in a given place in
# about a quarter of questions) but not for a habit. The checker's W406 to W409 warn, per quiz, well
# above these; the course is held to the tighter line.
CUE_SHARE_LIMIT = 0.4
# The same cue the other way round: a key that is never the longest or the shortest option lets a student
# drop both and guess among the rest. Chance puts it at either end in about a quarter of questions each.
EXTREME_SHARE_FLOOR = 0.15
TRUE_SHARE_RANGE = (0.4, 0.6)


def _single_choice(course: Course) -> list[Question]:
    return [q for quiz in course.quizzes.values() for q in quiz.questions if q.type == "single"]


def test_the_key_is_rarely_the_longest_or_the_shortest_option(shown: Course) -> None:
    singles = _single_choice(shown)
    longest = [q.id for q in singles if key_is_longest(q)]
    shortest = [q.id for q in singles if key_is_shortest(q)]
    assert len(longest) <= CUE_SHARE_LIMIT * len(singles), f"longest in {len(longest)} of {len(singles)}: {longest}"
    assert len(shortest) <= CUE_SHARE_LIMIT * len(singles), f"shortest in {len(shortest)} of {len(singles)}: {shortest}"
    assert len(longest) >= EXTREME_SHARE_FLOOR * len(singles), f"longest in only {len(longest)} of {len(singles)}"
    assert len(shortest) >= EXTREME_SHARE_FLOOR * len(singles), f"shortest in only {len(shortest)} of {len(singles)}"


def test_true_false_keys_are_balanced(course: Course) -> None:
    keys = [key_of(q, BoolKey).value for quiz in course.quizzes.values() for q in quiz.questions
            if q.type == "true-false"]
    low, high = TRUE_SHARE_RANGE
    assert len(keys) >= 4
    assert low * len(keys) <= keys.count(True) <= high * len(keys), f"{keys.count(True)} of {len(keys)} are true"


def test_no_position_on_the_page_holds_the_key_too_often(course: Course) -> None:
    four = [q for q in _single_choice(course) if len(q.options) == 4]
    positions = Counter([o.id for o in q.shown_options].index(key_of(q, ChoiceKey).ids[0]) for q in four)
    assert max(positions.values()) <= CUE_SHARE_LIMIT * len(four), f"{dict(positions)} of {len(four)}"


def test_catch_all_options_are_sometimes_the_key(course: Course) -> None:
    offered = [(q, o) for quiz in course.quizzes.values() for q in quiz.questions for o in q.options
               if is_catch_all(o.text)]
    if offered:
        assert any(o.id in key_of(q, ChoiceKey).ids for q, o in offered), [f"{q.id}: {o.text}" for q, o in offered]
