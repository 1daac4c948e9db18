"""The assets a site serves: the minified sources, under the size budget, saying where the source is."""

from __future__ import annotations

import gzip

from course_quiz.contract import ASSETS
from course_quiz.published import SOURCES, made, published

# quiz.js and quiz.css together, gzipped: 8 KB in issue 10; 9 KB since issue 20 put quiz.js's messages in
# two languages into it (the Chinese table is about 660 B gzipped: UTF-8 Chinese compresses less).
BUDGET = 9 * 1024


def test_committed_assets_are_the_minified_sources() -> None:
    for name in ASSETS:
        assert published(name) == made(name), f"assets/{name} is not browser/{name} minified: run `make assets`"
        assert len(published(name)) < len((SOURCES / name).read_bytes())
        assert published(name).startswith(b"/*! course-quiz"), "says where its readable source is"
        assert published(name).count(b"/*") == 1, "no other comment is shipped"


def test_both_assets_stay_under_the_budget() -> None:
    total = sum(len(gzip.compress(published(name), compresslevel=9, mtime=0)) for name in ASSETS)
    assert total <= BUDGET
