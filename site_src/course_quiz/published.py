"""The browser assets as a site serves them: ``quiz.js`` and ``quiz.css``, minified.

The package keeps readable, commented sources in ``assets/``. A site gets them minified by rjsmin and
rcssmin: small, long-kept minifiers that only drop comments and white space, so what runs is the
source's own code. That keeps both files under 8 KB gzipped together (bench/README.md) without a
JavaScript tool chain. The plugin publishes these bytes, and verification (V708) compares a site's
files with them.
"""

from __future__ import annotations

import functools
from importlib import resources

import rcssmin
import rjsmin


def minify(name: str, source: str) -> str:
    """``source`` of the asset ``name`` (``.js`` or ``.css``) without comments and white space.

    Comments that open with ``/*!`` are kept: each asset keeps one saying where its source is.
    """
    if name.endswith(".js"):
        return str(rjsmin.jsmin(source, keep_bang_comments=True)) + "\n"
    return str(rcssmin.cssmin(source, keep_bang_comments=True)) + "\n"


@functools.cache
def published(name: str) -> bytes:
    """The bytes a site serves for the asset ``name`` (one of ``contract.ASSETS``)."""
    source = (resources.files("course_quiz") / "assets" / name).read_text(encoding="utf-8")
    return minify(name, source).encode("utf-8")
