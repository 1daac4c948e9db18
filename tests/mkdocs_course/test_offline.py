"""The offline copy's parts that need no build: its configuration beside mkdocs.yml, the home page's link to
the archive, the archive's packing, and the vendored iframe-worker shim. The copy itself is tested in
Chromium through file:// (tests/browser/test_offline_copy.py)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from mkdocs.config import load_config

from mkdocs_course.offline import (
    ARCHIVE_URI,
    SHIM_DIR,
    VENDOR,
    add_shim,
    fill_offline_link,
    human_size,
    pack,
    write_search_scripts,
)
from tests.conftest import PROJECT

LINK = ('<p class="cq-offline"><a href="">Download the course</a>: unpack it and open '
        "<code>index.html</code>.</p>")


def _page(lang: str, body: str) -> str:
    return f'<!doctype html><html lang="{lang}" class="no-js"><body><p>Before.</p>{body}<p>After.</p></body></html>'


def test_the_offline_configuration_is_mkdocs_yml_without_instant_navigation() -> None:
    online = load_config(str(PROJECT / "mkdocs.yml"))
    # Read before loading the other file: MkDocs keeps one instance of a plugin with on_startup.
    assert online.plugins["course-quiz"].config.offline_archive == "build/course-offline.zip"
    offline = load_config(str(PROJECT / "mkdocs-offline.yml"))
    features = [f for f in online.theme["features"] if not f.startswith("navigation.instant")]
    assert offline.theme["features"] == features, "mkdocs.yml's features, the instant ones left out"
    assert set(offline.plugins) == set(online.plugins) | {"material/offline"}
    assert offline.plugins["course-quiz"].config.offline_archive == "", "the copy offers no copy of itself"
    assert offline.nav == online.nav
    assert offline.extra["polyfills"] == [f"{SHIM_DIR}/shim.js"], "names iframe-worker, so Material adds no unpkg URL"


def test_the_link_gets_the_archive_address_and_size() -> None:
    html = fill_offline_link(_page("en", LINK), "", 1_261_825)
    assert ('<p>Before.</p><p class="cq-offline"><a href="downloads/course-offline.zip" download>Download the course'
            '</a> <span class="cq-offline-size">(zip, 1.3 MB)</span>: unpack it and open <code>index.html</code>.</p>'
            "<p>After.</p>") in html


@pytest.mark.parametrize(("page_url", "href"), [
    ("", "downloads/course-offline.zip"),
    ("index.html", "downloads/course-offline.zip"),
    ("zh/", "../downloads/course-offline.zip"),
    ("zh/lessons/x/", "../../../downloads/course-offline.zip"),
])
def test_the_link_is_relative_to_the_page_in_either_language(page_url: str, href: str) -> None:
    assert f'href="{href}"' in fill_offline_link(_page("en", LINK), page_url, 5000)


def test_a_chinese_page_states_the_size_in_chinese_punctuation() -> None:
    html = fill_offline_link(_page("zh", LINK.replace("Download the course", "下载整个课程")), "zh/", 2_400_000)
    assert '下载整个课程</a><span class="cq-offline-size">（zip，2.4 MB）</span>' in html


def test_without_the_archive_the_link_is_left_out() -> None:
    html = fill_offline_link(_page("en", LINK), "", None)
    assert "cq-offline" not in html
    assert "<p>Before.</p><p>After.</p>" in html


def test_sizes_as_a_reader_reads_them() -> None:
    assert [human_size(n) for n in (1, 999, 1500, 999_999, 1_000_000, 12_345_678)] == [
        "1 kB", "1 kB", "2 kB", "1000 kB", "1.0 MB", "12.3 MB"]


def test_the_archive_is_one_folder_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    (copy / "lessons").mkdir(parents=True)
    (copy / "index.html").write_text("<p>home</p>")
    (copy / "lessons" / "a.html").write_text("<p>a</p>")
    add_shim(copy)
    first = tmp_path / "one.zip"
    size = pack(copy, first)
    assert size == first.stat().st_size
    (copy / "index.html").touch()  # a later build: same content, another time
    second = tmp_path / "two.zip"
    pack(copy, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as packed:
        names = packed.namelist()
        assert packed.testzip() is None
        assert packed.read("course-offline/lessons/a.html") == b"<p>a</p>"
    assert names == sorted(names)
    assert {name.split("/")[0] for name in names} == {"course-offline"}
    assert f"course-offline/{SHIM_DIR}/shim.js" in names
    assert f"course-offline/{SHIM_DIR}/LICENSE" in names
    assert not list(tmp_path.glob("*.partial"))


def test_the_vendored_shim_is_iframe_worker_1_0_4_with_its_licence() -> None:
    shim = (VENDOR / "shim.js").read_bytes()
    # npm pack iframe-worker@1.0.4: shim/index.js
    assert hashlib.sha256(shim).hexdigest() == "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"
    assert b"IFrameWorker" in shim
    assert b"http" not in shim, "the shim itself loads nothing from another host"
    assert "Permission is hereby granted" in (VENDOR / "LICENSE").read_text()
    assert "1.0.4" in (VENDOR / "README.md").read_text()
    assert ARCHIVE_URI == "downloads/course-offline.zip"


def test_each_search_index_is_written_as_a_script_from_the_finished_index(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"docs": [{"location": "zh/index.html"}]}')
    (tmp_path / "search" / "search_index.js").write_text('var __index = {"docs": []}')  # written before the end
    write_search_scripts(tmp_path)
    written = (tmp_path / "search" / "search_index.js").read_text()
    assert written == 'var __index = {"docs": [{"location": "zh/index.html"}]}'
