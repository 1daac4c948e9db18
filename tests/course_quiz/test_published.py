"""The assets as a site serves them: minified sources, under the size budget, saying where the source is."""

from __future__ import annotations

import gzip
from importlib import resources

from course_quiz.contract import ASSETS
from course_quiz.published import minify, published

BUDGET = 8 * 1024  # quiz.js and quiz.css together, gzipped (issue 10)


def test_published_assets_are_the_minified_sources() -> None:
    for name in ASSETS:
        source = (resources.files("course_quiz") / "assets" / name).read_text(encoding="utf-8")
        data = published(name)
        assert data == minify(name, source).encode()
        assert len(data) < len(source.encode())
        assert data.startswith(b"/*! course-quiz"), "says where its readable source is"
        assert data.count(b"/*") == 1, "no other comment is shipped"


def test_both_assets_stay_under_the_budget() -> None:
    total = sum(len(gzip.compress(published(name), compresslevel=9, mtime=0)) for name in ASSETS)
    assert total <= BUDGET
