"""Every corpus case through a whole MkDocs build, with and without a lock: the build fails with the
problem lines (MkDocs logs a PluginError and aborts, without a traceback), never with any other exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.corpus_course import BROKEN_CORPUS, PROBLEM_LINE, corpus_course

CASES = [(path, lock) for path in BROKEN_CORPUS for lock in (False, True)]


@pytest.mark.build
@pytest.mark.parametrize(("corpus_file", "with_lock"), CASES,
                         ids=[f"{path.stem}-{'lock' if lock else 'no-lock'}" for path, lock in CASES])
def test_build_fails_with_problem_lines_only(tmp_path: Path, caplog: pytest.LogCaptureFixture, corpus_file: Path,
                                            with_lock: bool) -> None:
    root, _ = corpus_course(tmp_path, corpus_file, with_lock)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with pytest.raises(Abort):  # any other exception is a traceback for the user, and fails here
            build(config)
    finally:
        config.plugins.on_shutdown()
    assert PROBLEM_LINE.search(caplog.text), caplog.text
    assert not list((root / "site").rglob("*.html"))  # the build stopped before writing any page
    assert not list((root / "docs").rglob("*.html"))
