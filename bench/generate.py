"""Seeded generator of a synthetic course for the build benchmark.

``write_course(root, lessons, variant)`` writes a complete MkDocs project (``mkdocs.yml``, ``docs/``
and, for our variant, ``quizzes/`` with the answer-key lock). Every lesson has about 800 words with
headings (explicit anchors), a list, a table and an admonition, and a quiz of ten questions that mixes
all seven question types. Three variants share the very same pages:

``ours``
    the course-quiz plugin; each lesson places its quiz with ``/// quiz | id``.
``baseline``
    the same pages with the quiz directive removed, and no quiz plugin.
``peer``
    the same questions written in mkdocs-quiz's ``<quiz>`` syntax, built with the mkdocs-quiz plugin.
    mkdocs-quiz has no true/false, numeric, order or match type, so true/false becomes a two-option
    single choice, short and numeric become ``[[blank]]`` fill-ins, and order and match become a
    single choice among three arrangements.

Lesson ``k`` is generated from ``(seed, k)`` alone, so the first 20 lessons of the N=200 course are the
N=20 course, and every run writes byte-identical files.

Usage: ``python bench/generate.py ROOT --lessons 200 --variant ours``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

VARIANTS = ("ours", "baseline", "peer")
LESSONS_PER_UNIT = 20
QUESTIONS_PER_QUIZ = 10
MARKER = ".bench-course"


def _vocabulary(text: str) -> tuple[str, ...]:
    """The distinct words of ``text``, in order (distinct, so samples never repeat a word)."""
    return tuple(dict.fromkeys(text.split()))


_WORDS = _vocabulary(
    "model data weight licence open source policy market chip export training corpus filter review "
    "benchmark release developer community research paper claim evidence source figure estimate cost "
    "budget compute cluster cloud network storage access audit safety risk trade rule standard agency "
    "report survey sample method result error bias measure signal index score version update archive "
    "teacher student lesson course reader writer editor question answer example exercise summary "
    "history context region industry factory supply demand price growth strategy plan target goal "
    "partner rival contract patent court law draft article section clause record ledger budget fund "
    "grant project team leader member user client server browser page site build test check verify"
)
_VERBS = _vocabulary(
    "shapes explains limits supports changes reveals measures compares describes affects follows "
    "predicts reduces extends questions records tracks weighs"
)
_ADJECTIVES = _vocabulary(
    "open careful public local global early recent large small direct indirect formal informal "
    "stable uncertain detailed partial reliable contested"
)
_NUMERIC_UNITS = ("items", "days", "steps", "pages", "files")


@dataclass(frozen=True)
class Option:
    """One answer option of a generated choice question."""

    id: str
    text: str
    feedback: str


@dataclass(frozen=True)
class GenQuestion:
    """One generated question, in a form both our YAML and mkdocs-quiz's Markdown can be written from."""

    id: str
    type: str
    objective: str
    prompt: str
    explanation: str
    review: str
    options: tuple[Option, ...] = ()
    answer: tuple[str, ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    left: tuple[tuple[str, str], ...] = ()
    right: tuple[tuple[str, str], ...] = ()
    truth: bool = False
    accepted: tuple[str, ...] = ()
    value: str = ""
    tolerance: str = "0"
    unit: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Lesson:
    """One generated lesson: its page parts and its quiz."""

    number: int
    title: str
    sections: tuple[tuple[str, str, str], ...]  # (anchor, heading, body Markdown)
    objectives: tuple[tuple[str, str], ...]
    questions: tuple[GenQuestion, ...]

    @property
    def slug(self) -> str:
        """The lesson's file stem and quiz id."""
        return f"lesson-{self.number:04d}"

    @property
    def path(self) -> str:
        """The page's path under ``docs/``."""
        unit = (self.number - 1) // LESSONS_PER_UNIT + 1
        return f"unit-{unit:02d}/{self.slug}.md"


# Text ------------------------------------------------------------------------------------------

def _sentence(rng: random.Random, low: int = 8, high: int = 16) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(_VERBS))
    words.insert(rng.randint(0, len(words) - 1), rng.choice(_ADJECTIVES))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _section_bodies(rng: random.Random) -> list[str]:
    """Four section bodies of about 190 words each: prose, a list, a table and an admonition."""
    listing = "\n".join(f"- **{rng.choice(_WORDS)}**: {_sentence(rng, 6, 10)}" for _ in range(5))
    rows = "\n".join(
        f"| {rng.choice(_WORDS).capitalize()} | {rng.randint(1990, 2025)} | {_phrase(rng, 5)} |" for _ in range(5)
    )
    table = f"| Term | Year | Note |\n| --- | ---: | --- |\n{rows}"
    admonition = "!!! note \"Worth remembering\"\n\n    " + _paragraph(rng, 3)
    return [
        f"{_paragraph(rng, 7)}\n\n{_paragraph(rng, 6)}",
        f"{_paragraph(rng, 5)}\n\n{listing}\n\n{_paragraph(rng, 4)}",
        f"{_paragraph(rng, 5)}\n\n{table}\n\n{_paragraph(rng, 4)}",
        f"{_paragraph(rng, 6)}\n\n{admonition}\n\n{_paragraph(rng, 4)}",
    ]


# Questions -------------------------------------------------------------------------------------

def _choice_options(rng: random.Random, count: int, keyed: set[int], prefix: str) -> tuple[Option, ...]:
    options = []
    words = rng.sample(_WORDS, count)
    for index, word in enumerate(words):
        text = f"The {word} {rng.choice(_VERBS)} the {rng.choice(_WORDS)} ({prefix}{index + 1})"
        if index in keyed:
            feedback = f"This matches the {rng.choice(_WORDS)} described in the lesson."
        else:
            feedback = f"The lesson ties the {word} to a different {rng.choice(_WORDS)}."
        options.append(Option(f"o{index + 1}", text, feedback))
    if len(keyed) == 1:  # as course check asks (W406, W407): a lone key is neither strictly longest nor shortest
        key = next(iter(keyed))
        longest_wrong = max((i for i in range(count) if i != key), key=lambda i: len(options[i].text))
        if len(options[key].text) > len(options[longest_wrong].text):
            wrong = options[longest_wrong]
            padding = "x" * (len(options[key].text) - len(wrong.text))
            options[longest_wrong] = Option(wrong.id, f"{wrong.text} {padding}", wrong.feedback)
        right = options[key]
        short = min(len(options[i].text) for i in range(count) if i != key) - len(right.text)
        if short > 0:  # as long as the shortest distractor (white space counts once in the check)
            options[key] = Option(right.id, right.text + ("x" if short == 1 else " " + "x" * (short - 1)),
                                  right.feedback)
    return tuple(options)


class _Common(TypedDict):
    """The fields every generated question has."""

    id: str
    objective: str
    review: str
    explanation: str


def _questions(rng: random.Random, number: int, objectives: list[str], anchors: list[str]) -> list[GenQuestion]:
    """Ten questions: every type at least once, keys at varied positions, all valid under --strict."""
    qid = f"l{number:04d}-q"
    types = ["single", "multiple", "true-false", "short", "numeric", "order", "match", "single", "multiple",
             "numeric"]
    assert len(types) == QUESTIONS_PER_QUIZ
    found: list[GenQuestion] = []
    for index, qtype in enumerate(types):
        common: _Common = {
            "id": f"{qid}{index + 1:02d}",
            "objective": objectives[index % len(objectives)],
            "review": anchors[index % len(anchors)],
            "explanation": f"The section on {rng.choice(_WORDS)} shows how the {rng.choice(_WORDS)} "
                           f"{rng.choice(_VERBS)} the {rng.choice(_WORDS)}.",
        }
        if index == 0:
            common["explanation"] += " See the *table* and the `note` above."
        prompt = f"Which statement about the {rng.choice(_WORDS)} {rng.choice(_VERBS)} the lesson best"
        if qtype == "single":
            key = (number + index) % 4
            options = _choice_options(rng, 4, {key}, "s")
            found.append(GenQuestion(type=qtype, prompt=f"{prompt}?", options=options, answer=(options[key].id,),
                                     hint=f"Think of the {rng.choice(_WORDS)}." if index == 0 else "", **common))
        elif qtype == "multiple":
            keys = {(number + index) % 4, (number + index + 2) % 4}
            options = _choice_options(rng, 4, keys, "m")
            found.append(GenQuestion(type=qtype, prompt=f"Which statements about the {rng.choice(_WORDS)} hold?",
                                     options=options, answer=tuple(options[k].id for k in sorted(keys)), **common))
        elif qtype == "true-false":
            found.append(GenQuestion(type=qtype, prompt=f"The {rng.choice(_WORDS)} always {rng.choice(_VERBS)} "
                                     f"the {rng.choice(_WORDS)}.", truth=number % 2 == 0, **common))
        elif qtype == "short":
            word = rng.choice(_WORDS)
            found.append(GenQuestion(type=qtype, prompt="Which one-word term does the lesson use for this idea?",
                                     accepted=(word, f"the {word}"), **common))
        elif qtype == "numeric":
            decimal = index > 5
            value = f"{rng.randint(10, 99)}.{rng.randint(1, 9)}" if decimal else str(rng.randint(2, 500))
            found.append(GenQuestion(type=qtype, prompt=f"How many {rng.choice(_WORDS)} records does the table "
                                     "list, to the stated precision?", value=value,
                                     tolerance="0.5" if decimal else "0",
                                     unit="" if decimal else rng.choice(_NUMERIC_UNITS), **common))
        elif qtype == "order":
            steps = rng.sample(_WORDS, 4)
            items = tuple((f"i{n + 1}", f"Step about the {word}") for n, word in enumerate(steps))
            in_order = [item[0] for item in items]
            rng.shuffle(in_order)
            found.append(GenQuestion(type=qtype, prompt="Put these steps in the order the lesson gives.",
                                     items=items, answer=tuple(in_order), **common))
        else:
            lefts = rng.sample(_WORDS, 3)
            rights = rng.sample([w for w in _WORDS if w not in lefts], 3)
            left = tuple((f"a{n + 1}", f"The {w}") for n, w in enumerate(lefts))
            right = tuple((f"b{n + 1}", f"its {w}") for n, w in enumerate(rights))
            targets = [r[0] for r in right]
            rng.shuffle(targets)
            found.append(GenQuestion(type=qtype, prompt="Match each term with what it goes with.", left=left,
                                     right=right, answer=tuple(targets), **common))
    return found


def make_lesson(number: int, seed: int) -> Lesson:
    """Generate lesson ``number`` (1-based) from ``seed``; the same arguments give the same lesson."""
    rng = random.Random(f"{seed}:{number}")
    title = f"Lesson {number}: the {rng.choice(_ADJECTIVES)} {rng.choice(_WORDS)}"
    anchors = ["basics", "details", "figures", "practice"]
    headings = [f"{word.capitalize()} and the {rng.choice(_WORDS)}" for word in rng.sample(_WORDS, 4)]
    sections = tuple(zip(anchors, headings, _section_bodies(rng), strict=True))
    objectives = (("explain-ideas", f"Explain how the {rng.choice(_WORDS)} works."),
                  ("compare-sources", f"Compare two {rng.choice(_WORDS)} sources."),
                  ("apply-method", f"Apply the {rng.choice(_WORDS)} method."))
    questions = _questions(rng, number, [o[0] for o in objectives], anchors)
    return Lesson(number, title, sections, objectives, tuple(questions))


# Writing our format ----------------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quiz_yaml(lesson: Lesson) -> str:
    """The lesson's quiz in our YAML format."""
    out = [f"id: {lesson.slug}", "title: Check your understanding", f"lesson: {lesson.path}", "questions:"]
    for q in lesson.questions:
        out += [f"  - id: {q.id}", f"    type: {q.type}", f"    objective: {q.objective}",
                f"    prompt: {_q(q.prompt)}"]
        if q.options:
            out.append("    options:")
            out += [f"      - {{id: {o.id}, text: {_q(o.text)}, feedback: {_q(o.feedback)}}}" for o in q.options]
        for name, entries in (("items", q.items), ("left", q.left), ("right", q.right)):
            if entries:
                out.append(f"    {name}:")
                out += [f"      - {{id: {i}, text: {_q(t)}}}" for i, t in entries]
        out.append(f"    answer: {_yaml_answer(q)}")
        if q.type == "short":
            out.append("    normalize: [case, whitespace]")
        out.append(f"    explanation: {_q(q.explanation)}")
        if q.hint:
            out.append(f"    hint: {_q(q.hint)}")
        out.append(f"    review: {q.review}")
    return "\n".join(out) + "\n"


def _yaml_answer(q: GenQuestion) -> str:
    if q.type == "single":
        return q.answer[0]
    if q.type in ("multiple", "order"):
        return "[" + ", ".join(q.answer) + "]"
    if q.type == "true-false":
        return "true" if q.truth else "false"
    if q.type == "short":
        return "[" + ", ".join(_q(a) for a in q.accepted) + "]"
    if q.type == "numeric":
        unit = f", unit: {_q(q.unit)}" if q.unit else ""
        return f"{{value: {q.value}, tolerance: {q.tolerance}{unit}}}"
    pairs = ", ".join(f"{left[0]}: {target}" for left, target in zip(q.left, q.answer, strict=True))
    return "{" + pairs + "}"


# Writing mkdocs-quiz's format ------------------------------------------------------------------

def peer_quiz_markdown(lesson: Lesson) -> str:
    """The lesson's ten questions as mkdocs-quiz ``<quiz>`` blocks."""
    return "\n\n".join(_peer_block(q) for q in lesson.questions)


def _peer_block(q: GenQuestion) -> str:
    if q.type in ("short", "numeric"):
        answer = q.accepted[0] if q.type == "short" else q.value
        body = f"{q.prompt} Answer: [[{answer}]]"
        return f"<quiz>\n{body}\n\n{q.explanation}\n</quiz>"
    rows: list[tuple[bool, str, str]]
    if q.type in ("single", "multiple"):
        rows = [(o.id in q.answer, o.text, o.feedback) for o in q.options]
    elif q.type == "true-false":
        rows = [(q.truth, "True", "The lesson states this."), (not q.truth, "False", "The lesson says otherwise.")]
    else:
        rows = [(index == 0, text, f"Arrangement {index + 1}.") for index, text in enumerate(_arrangements(q))]
    lines = [f"- [{'x' if right else ' '}] {text}\n> {feedback}" for right, text, feedback in rows]
    return f"<quiz>\n{q.prompt}\n" + "\n".join(lines) + f"\n\n{q.explanation}\n</quiz>"


def _arrangements(q: GenQuestion) -> list[str]:
    """Three arrangements for an order or match question; the first is the key."""
    if q.type == "order":
        texts = dict(q.items)
        key = [texts[i] for i in q.answer]
    else:
        texts = dict(q.right)
        key = [f"{left[1]} with {texts[target]}" for left, target in zip(q.left, q.answer, strict=True)]
    return ["; ".join(key), "; ".join(key[1:] + key[:1]), "; ".join(key[-1:] + key[:-1])]


# Pages and project -----------------------------------------------------------------------------

def lesson_markdown(lesson: Lesson, variant: str) -> str:
    """The lesson page for ``variant``: identical text, only the quiz placement differs."""
    objectives = "\n".join(f"  - id: {ident}\n    text: {text}" for ident, text in lesson.objectives)
    front = (f"---\ntitle: {_q(lesson.title)}\nsummary: A synthetic lesson for the build benchmark.\n"
             f"objectives:\n{objectives}\nkeypoints:\n  - Generated text stands in for a real lesson.\n"
             "minutes:\n  reading: 6\n  activity: 4\n---\n")
    intro = _paragraph(random.Random(f"intro:{lesson.slug}"), 5)
    parts = [front, f"# {lesson.title}\n", intro + "\n"]
    for anchor, heading, body in lesson.sections:
        parts.append(f"## {heading} {{ #{anchor} }}\n\n{body}\n")
    parts.append("## Check your understanding { #quiz }\n")
    if variant == "ours":
        parts.append(f"/// quiz | {lesson.slug}\n///\n")
    elif variant == "peer":
        parts.append(peer_quiz_markdown(lesson) + "\n")
    return "\n".join(parts)


def mkdocs_yml(lessons: int, variant: str) -> str:
    """The project configuration; variants differ only in the quiz plugin."""
    plugin = {"ours": "  - course-quiz\n", "baseline": "", "peer": "  - mkdocs_quiz\n"}[variant]
    return (
        f"site_name: Synthetic course ({lessons} lessons)\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  font: false\n  features:\n"
        "    - navigation.instant\n    - navigation.prune\n"
        f"plugins:\n  - search\n{plugin}"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n  - toc:\n      permalink: true\n"
    )


def index_markdown(lessons: int) -> str:
    """The home page, which has no quiz: it shows what the plugin adds to pages without one."""
    return (f"# Synthetic course\n\n{lessons} generated lessons for the build benchmark. "
            "Start with [the first lesson](unit-01/lesson-0001.md).\n")


def write_lock(root: Path) -> None:
    """Write ``quizzes/answer-keys.lock`` as ``course lock`` does, with the engine's own ``render_lock``.

    Falls back to running ``course lock`` (beside this Python) if the engine's API has moved.
    """
    try:
        from course_quiz.loader import load_quiz_file
        from course_quiz.lock import LOCK_NAME, render_lock
    except ImportError:
        course = Path(sys.executable).parent / "course"
        subprocess.run([str(course), "lock"], cwd=root, check=True, capture_output=True)
        return
    quizzes = []
    for path in sorted((root / "quizzes").glob("*.yml")):
        quiz, _ = load_quiz_file(path)
        if quiz is None:
            raise RuntimeError(f"generated quiz {path} does not load")
        quizzes.append(quiz)
    (root / "quizzes" / LOCK_NAME).write_text(render_lock(quizzes), encoding="utf-8", newline="\n")


def write_course(root: Path, lessons: int, variant: str, seed: int = 1) -> Path:
    """Write a complete synthetic course of ``lessons`` lessons for ``variant`` into ``root``.

    ``root`` is emptied first, but only when it is missing or was written by this function before
    (it holds the marker file), so a wrong path never deletes anything else.

    Returns:
        ``root``, which now holds ``mkdocs.yml``.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; use one of {', '.join(VARIANTS)}")
    if lessons < 1:
        raise ValueError("a course needs at least one lesson")
    if root.exists():
        if not (root / MARKER).exists():
            raise FileExistsError(f"{root} exists and was not written by the generator; refusing to empty it")
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / MARKER).write_text(f"lessons={lessons} variant={variant} seed={seed}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml(lessons, variant), encoding="utf-8")
    (docs / "index.md").write_text(index_markdown(lessons), encoding="utf-8")
    if variant == "ours":
        (root / "quizzes").mkdir()
    for number in range(1, lessons + 1):
        lesson = make_lesson(number, seed)
        page = docs / lesson.path
        page.parent.mkdir(exist_ok=True)
        page.write_text(lesson_markdown(lesson, variant), encoding="utf-8")
        if variant == "ours":
            (root / "quizzes" / f"{lesson.slug}.yml").write_text(quiz_yaml(lesson), encoding="utf-8")
    if variant == "ours":
        write_lock(root)
    return root


def main(argv: list[str] | None = None) -> int:
    """Command line: write one course."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder to write (emptied first if the generator wrote it)")
    parser.add_argument("--lessons", type=int, default=20)
    parser.add_argument("--variant", choices=VARIANTS, default="ours")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_course(args.root, args.lessons, args.variant, args.seed)
    print(f"wrote {args.lessons} lessons ({args.variant}) to {args.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
