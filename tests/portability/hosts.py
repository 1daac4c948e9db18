"""The successors of MkDocs, each in the virtual environment ``make tools`` creates (``make test`` runs it).

Locally, a missing environment skips these tests with the reason. Under CI (CI=true) they fail instead:
the builds on other tools never skip silently there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT

ZENSICAL_CONFIG = PROJECT / "zensical.yml"
ASSET_LINKS = PROJECT / "overrides"


def tool(venv: str, name: str) -> Path:
    """The executable ``name`` in the project's virtual environment ``venv`` (``.venv-zensical``, say)."""
    path = PROJECT / venv / "bin" / name
    if not path.exists():
        problem = f"{path} is missing; `make tools` creates it (make test does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"cannot run under CI: {problem}")
        pytest.skip(problem)
    return path


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command in ``cwd`` as a person would, with its output kept for the assertions."""
    env = dict(os.environ, NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False,
                          env=env, timeout=300)


def zensical_course(source: Path, target: Path) -> Path:
    """A copy of the course at ``source`` with the repository's Zensical configuration beside its mkdocs.yml.

    Zensical writes its cache and site into the configuration's folder, so it builds a copy. The copy
    keeps the repository's layout for what zensical.yml uses: ``overrides/`` with its links to the
    engine's assets in ``site_src/course_quiz/assets``.
    """
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "quizzes", "includes"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).exists():
            shutil.copy2(source / name, target / name)
    shutil.copy2(ZENSICAL_CONFIG, target / ZENSICAL_CONFIG.name)
    shutil.copytree(ASSET_LINKS, target / ASSET_LINKS.name, symlinks=True)
    shutil.copytree(PROJECT / "site_src" / "course_quiz" / "assets", target / "site_src" / "course_quiz" / "assets")
    return target


def zensical_build(course: Path, config: str = "zensical.yml") -> subprocess.CompletedProcess[str]:
    """``zensical build`` of a course made by ``zensical_course``, from an empty cache; a course whose
    mkdocs.yml has languages (the ``i18n`` plugin) with ``zensical-i18n build``, once per language, as
    ``make zensical-build`` builds the course."""
    plugins = yaml.safe_load((course / "mkdocs.yml").read_text(encoding="utf-8")).get("plugins") or {}
    command = "zensical-i18n" if isinstance(plugins, dict) and "i18n" in plugins else "zensical"
    return run([tool(".venv-zensical", command), "build", "--config-file", config, "--clean"], course)


def course_verify(venv: str, course: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """``course verify`` of ``site`` (relative to ``course``) against its sources, from the tool's environment."""
    return run([tool(venv, "course"), "verify", site], course)
