"""quizzes/schema.json agrees with the checker: it never underlines a file the checker accepts, and
never accepts a file with a structural problem (codes Q110 to Q116)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from course_quiz.loader import load_quiz_file
from course_quiz.problems import Severity
from tests.conftest import CORPUS, PROJECT

SCHEMA = json.loads((PROJECT / "quizzes" / "schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
# Problems a schema cannot see: unreadable files, YAML syntax, duplicate keys, tags and aliases.
BELOW_SCHEMA = {"Q100", "Q101", "Q102", "Q103", "Q104"}
ALL_FILES = sorted(CORPUS.glob("*.yml")) + sorted((PROJECT / "quizzes").glob("*.yml"))


def _below_schema(path: Path) -> bool:
    try:
        yaml.safe_load(path.read_text())
    except (ValueError, yaml.YAMLError):  # broken YAML, or an integer of more digits than Python converts
        return True
    return any(p.code in BELOW_SCHEMA for p in load_quiz_file(path)[1])


FILES = [p for p in ALL_FILES if not _below_schema(p)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_and_checker_agree(path: Path) -> None:
    _, problems = load_quiz_file(path)
    codes = {p.code for p in problems if p.severity is Severity.ERROR}
    schema_errors = list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text())))
    structural = {c for c in codes if c.startswith("Q1")}
    if not codes:
        assert schema_errors == [], "the schema underlines a file the checker accepts"
    if structural:
        assert schema_errors, f"the schema accepts a file with {sorted(structural)}"
    if schema_errors:
        assert codes, "the schema rejects a file the checker accepts"


def test_comparison_covers_structural_problems_and_both_verdicts() -> None:
    compared = {p.code for path in FILES for p in load_quiz_file(path)[1]}
    assert {"Q110", "Q111", "Q112", "Q113", "Q114", "Q115", "Q116"} <= compared
    verdicts = set()
    for path in FILES:
        try:
            data = yaml.safe_load(path.read_text())
        except yaml.YAMLError:
            continue
        verdicts.add(not list(VALIDATOR.iter_errors(data)))
    assert verdicts == {True, False}
