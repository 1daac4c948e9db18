"""The browser assets a site serves, ``assets/quiz.js`` and ``assets/quiz.css``, and how they are made.

The readable, commented sources are ``browser/quiz.js`` and ``browser/quiz.css``. The package ships
them minified by rjsmin and rcssmin (long-kept minifiers that only drop comments and white space, so
what runs is the source's own code), which keeps both under 9 KB gzipped together (bench/README.md)
without a JavaScript tool chain. The minified files are committed, so every host serves the same
bytes: the MkDocs plugin publishes them, Zensical links to them (overrides/), and verification (V708)
compares a site's copies with them. After editing a source, run ``make assets``;
tests/course_quiz/test_published.py fails while a committed asset differs from its minified source.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from course_quiz.contract import ASSETS

SOURCES = Path(__file__).parent / "browser"


def published(name: str) -> bytes:
    """The bytes a site serves for the asset ``name`` (one of ``contract.ASSETS``)."""
    return (resources.files("course_quiz") / "assets" / name).read_bytes()


def asset_path(name: str) -> Path:
    """The file holding the asset ``name`` in the installed package (a site copies it as it is)."""
    return Path(__file__).parent / "assets" / name


def minify(name: str, source: str) -> str:
    """``source`` of the asset ``name`` (``.js`` or ``.css``) without comments and white space.

    Comments that open with ``/*!`` are kept: each asset keeps one saying where its source is.
    """
    # Imported here: only making the assets needs the minifiers (development dependencies).
    import rcssmin
    import rjsmin

    if name.endswith(".js"):
        return str(rjsmin.jsmin(source, keep_bang_comments=True)) + "\n"
    return str(rcssmin.cssmin(source, keep_bang_comments=True)) + "\n"


def made(name: str) -> bytes:
    """What ``assets/<name>`` must hold: its source in ``browser/``, minified."""
    return minify(name, (SOURCES / name).read_text(encoding="utf-8")).encode("utf-8")


def main() -> int:
    """Write every asset from its source (``make assets``)."""
    target = Path(__file__).parent / "assets"
    for name in ASSETS:
        (target / name).write_bytes(made(name))
        print(f"{target / name}: {len(made(name)):,} bytes from browser/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
