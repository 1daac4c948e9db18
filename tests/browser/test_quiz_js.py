"""quiz.js's checking functions in Chromium: the parity tests of tests/course_quiz/test_quiz_js.py (which
run under Node in ``make unit``), run again in the browser students use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.course_quiz.test_quiz_js import (
    API,
    RunJs,
    test_every_type_accepts_what_the_engine_accepts,
    test_normalisation_matches_python,
    test_number_reading_matches_python,
    test_sha256_matches_hashlib,
    test_stamps_match_python,
)

pytestmark = pytest.mark.browser

__all__ = ["test_every_type_accepts_what_the_engine_accepts", "test_normalisation_matches_python",
           "test_number_reading_matches_python", "test_sha256_matches_hashlib", "test_stamps_match_python"]


@pytest.fixture(scope="module")
def js(browser: Any) -> Iterator[RunJs]:
    page = browser.new_page()
    page.set_content("<!doctype html><title>quiz.js</title>")

    def run(body: str, argument: object) -> Any:
        return page.evaluate(f"(arg) => {{ const api = {API}; {body} }}", argument)

    yield run
    page.close()
