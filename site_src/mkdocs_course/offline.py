"""The offline copy of the course: ``make offline`` builds it, packs it, and the site publishes it.

Run as ``python -m mkdocs_course.offline [-f mkdocs-offline.yml] [-o build/course-offline.zip]``. It
builds the student edition with mkdocs-offline.yml (``--strict``; Material's ``offline`` plugin, no
instant navigation, no directory URLs), puts the iframe-worker shim that configuration names into the copy
(``vendor/iframe-worker``: Material would load it from unpkg.com), and packs the copy as one zip archive
whose single folder, ``course-offline/``, opens at ``index.html``. Exit codes: 0 written, 1 failed.

The site build publishes that archive (the plugin's ``offline_archive`` option): it copies the file to
``downloads/course-offline.zip`` and fills the home page's link to it, written in the page as
``<p class="cq-offline"><a href="">text</a></p>``, with the archive's address (relative to the page, in
either language) and its size. Without the archive the paragraph is left out, so no page links to a file
that is not there.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.utils import get_relative_url

ARCHIVE_URI = "downloads/course-offline.zip"
FOLDER = "course-offline"
SHIM_DIR = "assets/javascripts/iframe-worker"
VENDOR = Path(__file__).parent / "vendor" / "iframe-worker"
# The link's paragraph, as Markdown passes raw HTML through: its text is the author's, in each language.
OFFLINE_MARK = '<p class="cq-offline">'
_LINK = re.compile(r'<p class="cq-offline">\s*<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>(?P<rest>.*?)</p>', re.S)
# Every file of the archive gets this time, so that the same copy packs to the same bytes.
_STAMP = (2020, 1, 1, 0, 0, 0)


def human_size(size: int) -> str:
    """``size`` bytes as a reader reads it: kB below a megabyte, else MB with one decimal (SI units)."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def size_note(size: int, chinese: bool = False) -> str:
    """What the link says after its text: the archive's format and size, in the page's language."""
    return f"（zip，{human_size(size)}）" if chinese else f"(zip, {human_size(size)})"


def fill_offline_link(html: str, page_url: str, size: int | None) -> str:
    """The page with its offline link pointing at the archive and stating its size, or left out (no archive)."""
    chinese = re.search(r'<html[^>]*\blang="zh', html) is not None

    def fill(match: re.Match[str]) -> str:
        if size is None:
            return ""
        href = get_relative_url(ARCHIVE_URI, page_url or ".")
        attrs = re.sub(r'\s*\b(href|download)="[^"]*"', "", match.group("attrs"))
        space = "" if chinese else " "  # Chinese sets no space before its full-width bracket
        return (f'<p class="cq-offline"><a href="{href}" download{attrs}>{match.group("text")}</a>{space}'
                f'<span class="cq-offline-size">{size_note(size, chinese)}</span>{match.group("rest")}</p>')

    return _LINK.sub(fill, html)


def publish_archive(archive: Path, site_dir: Path) -> Path | None:
    """Copy the archive into the built site at ``ARCHIVE_URI``; None when there is no archive."""
    if not archive.is_file():
        return None
    target = site_dir / ARCHIVE_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(archive, target)
    return target


def add_shim(copy: Path) -> None:
    """Put the vendored iframe-worker shim, with its licence, where mkdocs-offline.yml's polyfill names it."""
    target = copy / SHIM_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VENDOR / "shim.js", target / "shim.js")
    shutil.copyfile(VENDOR / "LICENSE", target / "LICENSE")


def write_search_scripts(copy: Path) -> None:
    """Write each search index of the copy as the script Material's offline plugin makes of it, once all is built.

    The plugin writes ``search_index.js`` in its own ``on_post_build``; mkdocs-static-i18n rewrites the index
    with every language's entries in an ``on_post_build`` of the same priority, so which comes last is not
    settled. Writing the script from the finished index here leaves the copy's search with both languages.
    """
    for index in copy.rglob("search/search_index.json"):
        index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")


def pack(copy: Path, archive: Path) -> int:
    """Zip the folder ``copy`` as ``FOLDER/`` into ``archive`` (files in name order, fixed times); its size."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as packed:
        for path in sorted(p for p in copy.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(copy).as_posix()}", _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            packed.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(archive)
    return archive.stat().st_size


def build(config_file: Path, archive: Path) -> int:
    """Build the copy with ``config_file`` into a temporary folder, add the shim, pack it; the archive's size."""
    with tempfile.TemporaryDirectory(prefix="course-offline-") as work:
        copy = Path(work) / FOLDER
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file),
                               "-d", str(copy)], cwd=config_file.parent, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"mkdocs build -f {config_file} failed (its messages are above)")
        add_shim(copy)
        write_search_scripts(copy)
        return pack(copy, archive)


def main(argv: list[str] | None = None) -> int:
    """Build and pack the offline copy (``make offline``); the exit code."""
    parser = argparse.ArgumentParser(prog="python -m mkdocs_course.offline", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs-offline.yml"))
    parser.add_argument("-o", "--output", type=Path, default=Path("build/course-offline.zip"))
    args = parser.parse_args(argv)
    try:
        size = build(args.config_file.resolve(), args.output.resolve())
    except RuntimeError as error:
        print(f"make offline: {error}", file=sys.stderr)
        return 1
    print(f"{args.output}: {size:,} bytes ({human_size(size)}); `make build` publishes it as site/{ARCHIVE_URI}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
