"""A course around one corpus file, for running it through every host (check, lock, build, Markdown)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from course_quiz.lock import HEADER, LOCK_NAME
from tests.conftest import CORPUS

# Files named w4xx-... are sound quizzes that only draw teaching-quality warnings (tests/course_quiz/test_teaching.py).
WARNING_CORPUS = sorted(CORPUS.glob("w4*.yml"))
BROKEN_CORPUS = [p for p in sorted(CORPUS.glob("*.yml")) if not p.stem.startswith("valid") and p not in WARNING_CORPUS]
# One line each problem is reported as, wherever it is reported.
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+: [QWV]\d{3} ", re.MULTILINE)

MKDOCS_YML = """site_name: Corpus
theme: {name: material}
plugins: [course-quiz]
"""


def corpus_course(root: Path, corpus_file: Path, with_lock: bool) -> tuple[Path, str]:
    """A course whose one lesson places the corpus file's quiz; returns the root and the lesson's text."""
    found = re.search(r"^id:\s*['\"]?([^'\"\s#]+)", corpus_file.read_text(encoding="utf-8", errors="replace"),
                      re.MULTILINE)
    quiz_id = found.group(1) if found else "unknown"
    lesson = ("---\ntitle: L\nsummary: S.\nobjectives:\n  - {id: o, text: Know it.}\nkeypoints: [K.]\n"
              f"minutes: {{reading: 1, activity: 1}}\n---\n\n# Lesson\n\n/// quiz | {quiz_id}\n///\n")
    (root / "docs" / "lessons").mkdir(parents=True)
    (root / "docs" / "lessons" / "x.md").write_text(lesson, encoding="utf-8")
    (root / "quizzes").mkdir()
    shutil.copyfile(corpus_file, root / "quizzes" / corpus_file.name)
    if with_lock:  # a lock with no entry for these questions: every key is compared with it
        (root / "quizzes" / LOCK_NAME).write_text(HEADER, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root, lesson
