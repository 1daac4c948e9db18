"""``make publish``: the student edition, built with ``--strict`` and verified, ready for any static host.

Run as ``python -m mkdocs_course.publish [-f mkdocs.yml] [--site-url URL]`` (``make publish`` does).
It refuses, before building anything, to publish:

- without a ``site_url`` (in mkdocs.yml or given with ``--site-url``, as the workflows do with the
  address their host gives): Material's instant navigation and the sitemap need the course's address;
- the instructor edition: a configuration whose ``course-quiz`` plugin builds it, or that writes into
  the instructor edition's folder (``site_dir`` of mkdocs-instructor.yml), or that has the plugin
  off (instructor notes would then be published as text).

Then it builds (any warning fails), runs ``course verify`` on the written folder (every quiz exactly
its source, nothing of the instructor edition), and says where the site is. Exit codes: 0 published,
1 refused or failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from course_quiz.editions import Edition

PLUGIN = "course-quiz"
INSTRUCTOR_CONFIG = "mkdocs-instructor.yml"


class PublishError(Exception):
    """Publishing would be unsafe or cannot work; the message says why and what to do."""


def _load(config_file: Path, site_url: str | None) -> MkDocsConfig:
    overrides = {"site_url": site_url} if site_url else {}
    try:
        return load_config(config_file=str(config_file), strict=True, **overrides)
    except MkDocsException as exc:
        raise PublishError(f"{config_file}: {exc}") from exc


def check_publishable(config: MkDocsConfig, config_file: Path) -> None:
    """Refuse an unset ``site_url`` and anything that would publish the instructor edition."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.enabled:
        raise PublishError(f"{config_file}: the {PLUGIN} plugin is off, so instructor notes would be published "
                           "as text; publish mkdocs.yml, which builds the student edition")
    if Edition(plugin.config.edition) is Edition.INSTRUCTOR:
        raise PublishError(f"{config_file} builds the instructor edition (answer keys and notes); never publish it: "
                           "run make publish, which publishes mkdocs.yml's student edition")
    site_dir = Path(config.site_dir).resolve()
    instructor_file = Path(config_file).resolve().parent / INSTRUCTOR_CONFIG
    if instructor_file.is_file() and instructor_file.resolve() != Path(config_file).resolve() \
            and _declared_site_dir(instructor_file) == site_dir:
        raise PublishError(f"{config_file} writes into {site_dir}, the instructor edition's folder "
                           f"({INSTRUCTOR_CONFIG}); give the student edition a site_dir of its own")
    if not config.site_url:
        raise PublishError(f"{config_file}: site_url is not set; set it to the course's address (for example "
                           "https://you.github.io/course/) or pass --site-url: instant navigation and the sitemap "
                           "need it")


def _declared_site_dir(config_file: Path, depth: int = 0) -> Path | None:
    """The ``site_dir`` a configuration file sets, or inherits (``INHERIT``), resolved; MkDocs' ``site`` if none.

    Read from the YAML nodes, not loaded: loading a second configuration in this process would give it
    the same plugin instances (MkDocs keeps them for ``serve``), switching this build's edition.
    """
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    values = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)} \
        if isinstance(root, yaml.MappingNode) else {}
    folder = config_file.resolve().parent
    site_dir = values.get("site_dir")
    if isinstance(site_dir, yaml.ScalarNode):
        return (folder / str(site_dir.value)).resolve()
    inherit = values.get("INHERIT")
    if isinstance(inherit, yaml.ScalarNode) and depth < 10:
        return _declared_site_dir(folder / str(inherit.value), depth + 1)
    return (folder / "site").resolve()


def publish(config_file: Path, site_url: str | None = None) -> Path:
    """Build the student edition strictly, verify it, and return the folder to upload.

    Raises:
        PublishError: publishing is unsafe, the build fails (warnings included) or verification fails.

    """
    config = _load(config_file, site_url)
    check_publishable(config, config_file)
    from mkdocs.commands.build import build

    try:
        build(config)
    except MkDocsException as exc:
        raise PublishError(f"the build failed, so nothing is ready to publish: {exc}") from exc
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins[PLUGIN]
    root = Path(config_file).resolve().parent
    course = Path(sys.executable).parent / "course"
    command = [str(course) if course.exists() else "course", "verify", str(config.site_dir),
               "--docs", str(config.docs_dir), "--quizzes", str(root / plugin.config.quizzes_dir)]
    verified = subprocess.run(command, cwd=root, check=False, capture_output=True, text=True)
    sys.stdout.write(verified.stdout)
    sys.stderr.write(verified.stderr)
    if verified.returncode != 0:
        raise PublishError(f"{config.site_dir} does not verify (see above); do not publish it")
    return Path(config.site_dir)


def main(argv: list[str] | None = None) -> int:
    """Publish from the command line; print what was done or why not."""
    parser = argparse.ArgumentParser(prog="make publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the student edition's configuration (default: mkdocs.yml)")
    parser.add_argument("--site-url", default="", help="the course's address, if mkdocs.yml does not set it")
    options = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    try:
        site = publish(options.config_file, options.site_url or None)
    except PublishError as exc:
        print(f"make publish: refused: {exc}", file=sys.stderr)
        return 1
    files = sum(1 for path in site.rglob("*") if path.is_file())
    print(f"{site}: the student edition, built with --strict and verified ({files} files). Upload the contents of "
          "this folder to any static host, or let the GitHub or GitLab workflow do it (docs/instructors.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
