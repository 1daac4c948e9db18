"""A hostile explanation fails the build with a Q501 line naming file and line, and no page is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

HOSTILE = '    explanation: "[click](&#106;avascript:alert(document.domain))"\n'


def build(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=course, capture_output=True,
                          text=True, check=False)


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
def test_hostile_explanation_fails_the_build(course_dir: Path, strict: bool) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    lines = quiz.read_text().splitlines(keepends=True)
    number = lines.index("    explanation: Only radio buttons restrict the choice to one.\n") + 1
    lines[number - 1] = HOSTILE
    quiz.write_text("".join(lines))
    result = build(course_dir, *(["--strict"] if strict else []))
    assert result.returncode != 0
    assert (f"quizzes/sample.yml:{number}:18: Q501 explanation of question 's-single' contains link to "
            "javascript: URL") in result.stderr
    assert "Traceback" not in result.stderr
    site = course_dir / "site"
    written = [p for p in site.rglob("*") if p.is_file() and "avascript" in p.read_text(errors="replace")]
    assert written == []
    assert not (site / "lesson" / "index.html").exists()
