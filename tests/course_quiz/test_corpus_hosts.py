"""Every corpus case through `course check`, `course lock` and the plain Markdown extension, with and
without a lock: a problem line each time, never a traceback. (The MkDocs build is in
tests/mkdocs_course/test_corpus_build.py.)"""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from course_quiz.markdown_ext import QuizExtension, QuizSourceError
from tests.corpus_course import BROKEN_CORPUS, PROBLEM_LINE, corpus_course

CASES = [(path, lock) for path in BROKEN_CORPUS for lock in (False, True)]
IDS = [f"{path.stem}-{'lock' if lock else 'no-lock'}" for path, lock in CASES]


@pytest.mark.parametrize(("corpus_file", "with_lock"), CASES, ids=IDS)
def test_check_and_lock_report_problem_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_file: Path,
                                             with_lock: bool) -> None:
    root, _ = corpus_course(tmp_path, corpus_file, with_lock)
    monkeypatch.chdir(root)
    for command in (["check", "--strict"], ["lock"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception  # no other exception escaped
        assert PROBLEM_LINE.search(result.output), result.output
        assert "Traceback" not in result.output
    lock = root / "quizzes" / "answer-keys.lock"
    assert lock.exists() == with_lock  # a refused lock writes nothing


@pytest.mark.parametrize(("corpus_file", "with_lock"), CASES, ids=IDS)
def test_markdown_extension_raises_with_problem_lines(tmp_path: Path, corpus_file: Path, with_lock: bool) -> None:
    root, lesson = corpus_course(tmp_path, corpus_file, with_lock)
    extension = QuizExtension(docs_dir=os.fspath(root / "docs"), quizzes_dir=os.fspath(root / "quizzes"))
    with pytest.raises(QuizSourceError) as raised:
        markdown.markdown(lesson, extensions=["meta", extension])
    assert PROBLEM_LINE.search(str(raised.value))
