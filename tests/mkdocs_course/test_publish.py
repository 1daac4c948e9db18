"""`make publish` (mkdocs_course.publish): the refusals, a verified student site, and the ready workflows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

BIN = Path(sys.executable).parent


def publish(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs_course.publish", *args], cwd=course, capture_output=True,
                          text=True, check=False)


@pytest.mark.build
def test_publish_refuses_without_a_site_url(course_dir: Path) -> None:
    result = publish(course_dir)
    assert result.returncode == 1
    assert "make publish: refused: mkdocs.yml: site_url is not set" in result.stderr
    assert not (course_dir / "site").exists()  # refused before building anything


@pytest.mark.build
def test_publish_refuses_the_instructor_edition(course_dir: Path) -> None:
    result = publish(course_dir, "-f", "mkdocs-instructor.yml", "--site-url", "https://course.example/")
    assert result.returncode == 1
    assert "mkdocs-instructor.yml builds the instructor edition (answer keys and notes); never publish it" \
        in result.stderr
    assert not (course_dir / "site-instructor").exists()
    # Nor the student edition written where the instructor edition goes.
    config = course_dir / "mkdocs.yml"
    config.write_text("site_dir: site-instructor\n" + config.read_text())
    result = publish(course_dir, "--site-url", "https://course.example/")
    assert result.returncode == 1
    assert "the instructor edition's folder (mkdocs-instructor.yml)" in result.stderr
    # Nor a configuration without the course plugin, which would publish the notes as text.
    plugin_off = config.read_text().replace("site_dir: site-instructor\n", "")
    config.write_text(plugin_off.replace("course-quiz: {}", "course-quiz:\n    enabled: false"))
    result = publish(course_dir, "--site-url", "https://course.example/")
    assert result.returncode == 1
    assert "the course-quiz plugin is off" in result.stderr


@pytest.mark.build
def test_publish_builds_strictly_and_verifies(course_dir: Path) -> None:
    result = publish(course_dir, "--site-url", "https://course.example/fixture/")
    assert result.returncode == 0, result.stderr
    assert "1 quizzes, 8 questions verified (student edition" in result.stdout
    assert "site: the student edition, built with --strict and verified" in result.stdout
    assert "<loc>https://course.example/fixture/lesson/</loc>" in (course_dir / "site" / "sitemap.xml").read_text()
    # A warning fails it: nothing half-checked is declared ready.
    page = course_dir / "docs" / "index.md"
    page.write_text(page.read_text() + "\n[a missing page](missing.md)\n")
    result = publish(course_dir, "--site-url", "https://course.example/fixture/")
    assert result.returncode == 1
    assert "refused: the build failed" in result.stderr


def test_publish_through_make_passes_the_address(tmp_path: Path) -> None:
    """`make publish SITE_URL=...` hands the address over (make -n: the command, not a build)."""
    shown = subprocess.run(["make", "-n", "publish", "SITE_URL=https://x.example/c/"], cwd=PROJECT,
                           capture_output=True, text=True, check=True).stdout
    assert '-m mkdocs_course.publish --site-url "https://x.example/c/"' in shown


# ---- The workflows: each checked by a linter made for it (they cannot run here) ------------------

GITHUB = PROJECT / ".github" / "workflows" / "pages.yml"
GITLAB = PROJECT / ".gitlab-ci.yml"


def lint(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_github_workflow_passes_actionlint_and_its_schema() -> None:
    result = lint(str(BIN / "actionlint"), "-no-color", str(GITHUB))
    assert result.returncode == 0, result.stdout + result.stderr
    result = lint(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(GITHUB))
    assert result.returncode == 0, result.stdout + result.stderr
    text = GITHUB.read_text()
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in text
    assert "run: make publish" in text


def test_the_gitlab_pipeline_passes_its_schema_offline() -> None:
    # The schema is vendored in check-jsonschema: nothing is fetched.
    result = lint(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make publish" in GITLAB.read_text()


def test_the_linters_reject_broken_workflows(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(GITHUB.read_text().replace("needs: build", "needs: biuld"))
    result = lint(str(BIN / "actionlint"), "-no-color", str(broken))
    assert result.returncode == 1
    assert "biuld" in result.stdout
    gitlab = tmp_path / ".gitlab-ci.yml"
    gitlab.write_text(GITLAB.read_text().replace("  artifacts:\n    paths:", "  artifacts:\n    pahts:"))
    result = lint(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(gitlab))
    assert result.returncode == 1
