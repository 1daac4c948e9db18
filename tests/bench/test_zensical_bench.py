"""The Zensical benchmark's courses: the same pages, with the quiz extension and its assets or without."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))
from run import ENGINE, Run
from zensical_bench import table, write_zensical_course


def test_ours_adds_the_extension_and_the_engine_assets_the_baseline_nothing(tmp_path: Path) -> None:
    ours = write_zensical_course(tmp_path / "ours", 2, "ours")
    baseline = write_zensical_course(tmp_path / "baseline", 2, "baseline")
    assert yaml.safe_load((baseline / "zensical.yml").read_text()) == {"INHERIT": "mkdocs.yml"}
    config = yaml.safe_load((ours / "zensical.yml").read_text())
    assert config["markdown_extensions"] == ["course_quiz"]
    for name in ("quiz.js", "quiz.css"):
        assert (ours / "overrides" / "assets" / "course-quiz" / name).read_bytes() == \
            (ENGINE / "course_quiz" / "assets" / name).read_bytes()
    assert [p.read_text() for p in sorted((ours / "docs").rglob("*.md"))] != \
        [p.read_text() for p in sorted((baseline / "docs").rglob("*.md"))]  # ours places its quizzes


def test_ratios_pair_each_build_with_the_baseline_of_its_round() -> None:
    runs = {"baseline": [Run(2.0, 0, 1.0, 1024), Run(4.0, 0, 2.0, 1024)],
            "ours": [Run(3.0, 0, 1.5, 2048), Run(4.0, 0, 4.0, 1024)]}
    row = table({20: runs}).splitlines()[-1]
    assert row == "| 20 | ours | 3.50 | 1.25 (1.00–1.50) | 2.75 | 1.75 (1.50–2.00) | 2 | 1.50 (1.00–2.00) |"
