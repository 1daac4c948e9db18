"""The Simplified Chinese edition: every page and quiz has its twin, every quiz text is translated, and the
edition names one thing one way. (Its quizzes' length cues are held by test_course_content, per language.)"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from course_quiz.course import Course, load_course, localize
from tests.conftest import PROJECT

DOCS = PROJECT / "docs"
QUIZZES = PROJECT / "quizzes"
ENGLISH_PAGES = sorted(p for p in DOCS.rglob("*.md") if p.suffixes == [".md"])
LESSONS = [p for p in ENGLISH_PAGES if p.parent.name == "lessons"]
HEADING = re.compile(r"^#{2,6}\s+(?P<text>.*?)\s*\{\s*#(?P<id>[\w-]+)\s*\}\s*$", re.MULTILINE)
LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s#]+\.md)(?:#[\w-]+)?\)")
ADMONITION_TITLE = re.compile(r'^!!! instructor "(?P<title>[^"]+)"', re.MULTILINE)
CJK = re.compile(r"[\u4e00-\u9fff]")


def twin(path: Path) -> Path:
    return path.with_suffix(".zh.md")


@pytest.fixture(scope="module")
def chinese() -> Course:
    return localize(load_course(DOCS, QUIZZES, root=PROJECT), "zh")


def test_every_page_and_quiz_has_a_chinese_twin() -> None:
    missing = [str(twin(p).relative_to(PROJECT)) for p in ENGLISH_PAGES if not twin(p).exists()]
    missing += [f"quizzes/{p.stem}.zh.yml" for p in QUIZZES.glob("*.yml")
                if p.suffixes == [".yml"] and not (QUIZZES / f"{p.stem}.zh.yml").exists()]
    assert missing == []


def _title(path: Path) -> str:
    match = re.search(r"^title:\s*\"?(?P<title>.+?)\"?\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, path
    return match.group("title")


def _bare(text: str) -> str:
    """A link text without the words and marks that vary between two spellings of one title."""
    return re.sub(r"[的地“”‘’「」《》\"'\s：:，,、]", "", text)


def test_link_texts_spell_each_lesson_title_one_way() -> None:
    """A link naming a lesson uses its Chinese title as the page spells it, never a near copy, never English."""
    titles = {f"lessons/{p.name}": _title(twin(p)) for p in LESSONS}
    wrong = []
    for page in [twin(p) for p in ENGLISH_PAGES]:
        for link in LINK.finditer(page.read_text(encoding="utf-8")):
            target = link.group("target").removeprefix("../").removeprefix("lessons/")
            title = titles.get(f"lessons/{target}")
            text = link.group("text")
            if title and text != title and _bare(text) == _bare(title):
                wrong.append(f"{page.name}: [{text}] spells the title {title!r} another way")
            if not CJK.search(text) and re.fullmatch(r"(?i)(lesson|the lesson|chapter)[\s\d]*", text):
                wrong.append(f"{page.name}: [{text}] is English")
    assert wrong == []


@pytest.mark.parametrize("anchor", ["sources", "since-then", "quiz"])
def test_shared_headings_read_the_same_in_every_lesson(anchor: str) -> None:
    texts: dict[str, list[str]] = defaultdict(list)
    for path in LESSONS:
        english = {m.group("id"): m.group("text") for m in HEADING.finditer(path.read_text(encoding="utf-8"))}
        chinese = {m.group("id"): m.group("text") for m in HEADING.finditer(twin(path).read_text(encoding="utf-8"))}
        if anchor in english:
            texts[f"{english[anchor]} -> {chinese.get(anchor)}"].append(path.stem)
    assert len(texts) == 1, dict(texts)


def test_instructor_notes_have_one_title() -> None:
    titles = {m.group("title") for p in LESSONS
              for m in ADMONITION_TITLE.finditer(twin(p).read_text(encoding="utf-8"))}
    english = {m.group("title") for p in LESSONS for m in ADMONITION_TITLE.finditer(p.read_text(encoding="utf-8"))}
    assert len(titles) <= len(english), f"Chinese {sorted(titles)} for English {sorted(english)}"


@pytest.mark.parametrize("path", ENGLISH_PAGES, ids=lambda p: p.stem)
def test_a_twin_cites_every_source_its_page_cites(path: Path) -> None:
    """Citations stay the same sources; a twin may add a Chinese original beside them. Sources are written
    as <https://...> (test_course_content holds every page to it)."""
    def addresses(text: str) -> set[str]:
        return set(re.findall(r"<(https?://[^>\s]+)>", text))
    missing = addresses(path.read_text(encoding="utf-8")) - addresses(twin(path).read_text(encoding="utf-8"))
    assert missing == set()



def test_every_quiz_text_is_translated(chinese: Course) -> None:
    """No English text is left on a Chinese quiz (invented names and model names in Latin letters are fine)."""
    english = []
    for quiz in chinese.quizzes.values():
        for question in quiz.questions:
            texts = [question.prompt, question.explanation or ""]
            texts += [o.text for o in question.options] + [o.feedback or "" for o in question.options]
            english += [f"{question.id}: {t[:50]!r}" for t in texts
                        if len(re.findall(r"[A-Za-z]+", t)) > 6 and not CJK.search(t)]
    assert english == []
