"""Seeded generator of students' results files for the real course, as the progress page downloads them.

Each simulated student has an ability theta ~ N(0, 1); each question a difficulty b and a discrimination a
(a two-parameter logistic model): P(right) = 1 / (1 + exp(-a (theta - b))). Ordinary questions have
a in [1.2, 2.0] and b in [-0.6, 0.6]. Three questions are planted (``planted``): one too easy (b = -5),
one too hard (b = +3.5), and one that weaker students get right more often (a = -1.8). A first attempt
is drawn from the model; a wrong first attempt is retried, usually until right, so the latest
response is right far more often than the first (what the first-attempt rule is for). A few files are
edited (``EDIT_EVERY``): a wrong first attempt is claimed right. About one student in ten skips a quiz.

Files are format version 2, written as quiz.js writes them (indented JSON). File ``k`` depends only on
``(seed, k)``, so the first N files of a larger run are the files of a smaller one.

Usage: ``python bench/results_generate.py DIR --students 10000``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from course_quiz.course import load_course
from course_quiz.model import Question
from course_quiz.qtypes import TYPES
from course_quiz.qtypes.arrange import MatchKey, OrderKey
from course_quiz.qtypes.choice import ChoiceKey
from course_quiz.qtypes.numeric import NumericKey
from course_quiz.results.grading import check
from course_quiz.results.keys import CourseKeys, course_keys

PROJECT = Path(__file__).resolve().parent.parent
EDIT_EVERY = 97  # file k is edited when k % EDIT_EVERY == EDIT_EVERY - 1: about one in a hundred
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Planted:
    """The planted questions, as (quiz id, question id)."""

    too_easy: tuple[str, str]
    too_hard: tuple[str, str]
    negative: tuple[str, str]

    def all(self) -> tuple[tuple[str, str], ...]:
        return (self.too_easy, self.too_hard, self.negative)


def real_course(root: Path = PROJECT) -> CourseKeys:
    """The course's quizzes and keys, in the navigation's order, titled as mkdocs.yml's site_name."""
    course = load_course(root / "docs", root / "quizzes", root=root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    title_match = re.search(r"^site_name:\s*(.+?)\s*$", config, re.MULTILINE)
    assert title_match is not None
    lessons = re.findall(r"^\s+- .*?: (\S+\.md)\s*$", config, re.MULTILINE)
    rank = {path: index for index, path in enumerate(lessons)}
    ordered = sorted(course.quizzes.values(), key=lambda q: (rank.get(q.lesson, len(rank)), q.lesson, q.id))
    return course_keys(title_match.group(1).strip("'\""), ordered)


def planted(course: CourseKeys) -> Planted:
    """Three single-choice questions in three different quizzes (the later lessons'), to plant."""
    chosen: list[tuple[str, str]] = []
    for quiz in reversed(course.quizzes):
        question = next((q for q in quiz.questions if q.type == "single" and len(q.options) >= 3), None)
        if question is not None:
            chosen.append((quiz.id, question.id))
        if len(chosen) == 3:
            break
    return Planted(*chosen)


def _parameters(course: CourseKeys, plant: Planted, seed: int) -> dict[tuple[str, str], tuple[float, float]]:
    rng = random.Random(f"{seed}:items")
    found = {key: (rng.uniform(1.2, 2.0), rng.uniform(-0.6, 0.6)) for key in course.keys}
    found[plant.too_easy] = (1.5, -5.0)
    found[plant.too_hard] = (1.5, 3.5)
    found[plant.negative] = (-1.8, 0.0)
    return found


def _wrong(question: Question, rng: random.Random) -> object:
    """A plausible wrong response, as quiz.js reads one from the form."""
    right = TYPES[question.type].right_responses(question)[0]
    if question.type == "single":
        return rng.choice([o.id for o in question.options if o.id != right])
    if question.type == "true-false":
        return "false" if right == "true" else "true"
    key = question.key
    if isinstance(key, ChoiceKey):  # multiple
        ids = [o.id for o in question.options]
        wrong = [i for i in ids if i not in key.ids]
        keyed = list(key.ids)
        return sorted(keyed[:-1] + wrong[:1], key=ids.index) if wrong and len(keyed) > 1 else (wrong or ids)[:1]
    if question.type == "short":
        return rng.choice(["I don't know", "open source", "licence", "weights"])
    if isinstance(key, NumericKey):
        return rng.choice([str(key.value * 10), str(key.value + 100), "12"])
    if isinstance(key, OrderKey):
        return list(reversed(key.ids))
    assert isinstance(key, MatchKey)
    pairs = dict(key.pairs)
    lefts, rights = list(pairs), list(pairs.values())
    return dict(zip(lefts, rights[1:] + rights[:1], strict=True))


def _response(question: Question, right: bool, rng: random.Random) -> object:
    response = TYPES[question.type].right_responses(question)[0]
    if not right:
        return _wrong(question, rng)
    return dict(response) if isinstance(response, dict) else list(response) if isinstance(response, list) else response


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def student_file(course: CourseKeys, plant: Planted, index: int, seed: int = 7,
                 params: dict[tuple[str, str], tuple[float, float]] | None = None) -> dict[str, object]:
    """The results file of student ``index``, as a JSON value."""
    params = params or _parameters(course, plant, seed)
    rng = random.Random(f"{seed}:{index}")
    theta = rng.gauss(0, 1)
    moment = START + timedelta(minutes=index)
    edited = index % EDIT_EVERY == EDIT_EVERY - 1
    quizzes = []
    for quiz in course.quizzes:
        skipped = rng.random() < 0.1
        answers = []
        right_count = 0
        for question in quiz.questions:
            key = course.keys[(quiz.id, question.id)]
            if skipped:
                answers.append({"question": question.id, "result": "unanswered", "attempts": 0})
                continue
            a, b = params[(quiz.id, question.id)]
            first_right = rng.random() < 1 / (1 + math.exp(-a * (theta - b)))
            first = _response(question, first_right, rng)
            assert check(key, first) is first_right, (question.id, first)
            attempts = 1 if first_right else rng.choice((2, 2, 3, 4))
            latest_right = first_right or rng.random() < 0.85
            latest = first if first_right else _response(question, latest_right, rng)
            moment += timedelta(seconds=rng.randint(20, 90))
            first_claim = "right" if first_right else "wrong"
            if edited and not first_right:
                first_claim = "right"  # the edit: a wrong first attempt claimed right
            right_count += latest_right
            answers.append({
                "question": question.id, "type": question.type, "stamp": key.stamp,
                "result": "right" if latest_right else "wrong", "response": latest, "answered_at": _iso(moment),
                "attempts": attempts,
                "first": {"result": first_claim, "response": first, "answered_at": _iso(moment)},
            })
        answered = 0 if skipped else len(quiz.questions)
        quizzes.append({"quiz": quiz.id, "quiz_version": course.versions[quiz.id], "lesson": quiz.title,
                        "url": f"https://example.org/{quiz.lesson.removesuffix('.md')}/",
                        "questions": len(quiz.questions), "answered": answered, "right": right_count,
                        "complete": answered == len(quiz.questions),
                        "last_activity": None if skipped else _iso(moment), "answers": answers})
    return {"format": "course-quiz-results", "version": 2, "course": course.title,
            "student": f"Student {index:05d}", "exported": _iso(moment + timedelta(minutes=5)), "quizzes": quizzes}


def write_results(folder: Path, students: int, seed: int = 7, course: CourseKeys | None = None) -> Planted:
    """Write ``students`` files into ``folder`` (``student-00000.json``, ...); return the planted questions."""
    course = course or real_course()
    plant = planted(course)
    params = _parameters(course, plant, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(students):
        data = student_file(course, plant, index, seed, params)
        (folder / f"student-{index:05d}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False),
                                                          encoding="utf-8")
    return plant


def edited_indices(students: int) -> list[int]:
    """The files ``write_results`` edits."""
    return [k for k in range(students) if k % EDIT_EVERY == EDIT_EVERY - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    plant = write_results(args.folder, args.students, args.seed)
    print(f"{args.folder}: {args.students} files; planted too easy {'/'.join(plant.too_easy)}, too hard "
          f"{'/'.join(plant.too_hard)}, negative {'/'.join(plant.negative)}; edited: "
          f"{len(edited_indices(args.students))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
