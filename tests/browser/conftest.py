"""Browser fixtures: a built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Locally, a missing Chromium or Playwright skips these tests with the reason. Under CI (CI=true) they
fail instead: browser tests never skip silently there.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _require_browser() -> None:
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright is not installed (make test installs it)"
    if problem is None and not Path(CHROMIUM).exists():
        problem = f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)"
    if problem is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests cannot run under CI: {problem}")
        pytest.skip(problem)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def served(folder: Path, port: int) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1:``port`` while the caller's fixture lasts; yield its address."""
    server = serve(folder, port)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def build_site(config_dir: Path, site_url: str, output: Path, config_name: str = "mkdocs.yml") -> None:
    config = config_dir / config_name
    text = config.read_text()
    text = "\n".join(line for line in text.splitlines() if not line.startswith("site_url:"))
    patched = config_dir / "mkdocs.browser.yml"
    # A configuration that inherits another (INHERIT) is patched by inheriting it in turn.
    patched.write_text(f"INHERIT: {config_name}\nsite_url: {site_url}\n" if "INHERIT:" in text
                       else f"site_url: {site_url}\n{text}\n")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(patched), "-d", str(output)],
                   cwd=config_dir, check=True, capture_output=True, env=env)
    patched.unlink()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def site_fixture(source: Path, tmp_path_factory: pytest.TempPathFactory, name: str,
                 config_name: str = "mkdocs.yml") -> Iterator[str]:
    _require_browser()
    work = tmp_path_factory.mktemp(name)
    copy = work / "course"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("site", ".venv*", ".cache", ".git", "bench", "tests"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    build_site(copy, url, work / "site", config_name)
    yield from served(work / "site", port)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a fresh browser context, watched (``watch``); a module needing other context options
    defines its own."""
    context = browser.new_context()
    yield watch(context.new_page())
    context.close()


# ---- Shared by the tests of the real course --------------------------------------------------------

Page = Any


def watch(page: Page) -> Page:
    """Record the page's script errors, console errors and every URL it requests."""
    page.errors = []
    page.requests = []
    page.on("pageerror", lambda error: page.errors.append(f"{error}\n{error.stack}"))
    page.on("console", lambda msg: page.errors.append(msg.text)
            if msg.type == "error" and not material_sitemap_probe(msg) else None)
    page.on("request", lambda request: page.requests.append(request.url))
    return page


def material_sitemap_probe(msg: Any) -> bool:
    """Material's language selector looking for a sitemap beside each hreflang link of the page's head.

    Material reads every ``<link rel="alternate">`` as another language's site and requests the
    sitemap.xml next to it; mkdocs-static-i18n points those links at this page in each language (the
    hreflang alternates the course wants), so beside a page there is none: a 404 Material expects and
    ignores, and nothing a reader sees. Only that failure, for a sitemap.xml, is left out.
    """
    return str(msg.text).startswith("Failed to load resource") and \
        str(msg.location.get("url", "")).endswith("/sitemap.xml")


def foreign_requests(page: Page, site: str) -> list[str]:
    """Requests to any host but the site's own (data: and blob: URLs stay in the browser)."""
    return [url for url in page.requests if not url.startswith((site, "data:", "blob:"))]


def answer(form: Any, qtype: str, response: object) -> None:
    """Give ``response`` (as quiz.js reads it) to a question with the mouse, then press Check answer."""
    if qtype in ("single", "true-false"):
        form.locator(f'input[value="{response}"]').check()
    elif qtype == "multiple":
        assert isinstance(response, list)
        for box in form.locator("input").all():
            box.set_checked(box.get_attribute("value") in response)
    elif qtype in ("short", "numeric"):
        form.locator("input[type=text]").fill(str(response))
    elif qtype == "order":
        assert isinstance(response, list)
        for position, item in enumerate(response, start=1):
            form.locator(f'select[data-item-id="{item}"]').select_option(str(position))
    else:
        assert isinstance(response, dict)
        for left, right in response.items():
            form.locator(f'select[data-left-id="{left}"]').select_option(right)
    form.locator(".cq-check").click()


def chinese_single_wrong_then_right(form: Any) -> None:
    """On the bilingual fixture course's Chinese lesson (any host), answer ``s-single`` wrong, try again, then right.

    Each verdict must come with the Chinese feedback of the option chosen.
    """
    form.locator('input[value="checkbox"]').check()
    form.locator(".cq-check").click()
    assert "cq-is-wrong" in str(form.get_attribute("class"))
    assert "复选框可以选多个答案。" in form.inner_text()
    form.locator(".cq-retry").click()
    form.locator('input[value="radio"]').check()
    form.locator(".cq-check").click()
    assert "cq-is-right" in str(form.get_attribute("class"))


def right_response(question: Any) -> object:
    """A response the question's key accepts, as quiz.js reads it from the form."""
    from course_quiz.qtypes import TYPES

    response = TYPES[question.type].right_responses(question)[0]
    if isinstance(response, str):
        return response
    return dict(response) if isinstance(response, Mapping) else list(response)


def wrong_response(question: Any) -> object:
    """A response the question's key rejects."""
    right = right_response(question)
    if question.type == "single":
        return next(o.id for o in question.options if o.id != right)
    if question.type == "true-false":
        return "false" if right == "true" else "true"
    if question.type == "multiple":
        assert isinstance(right, list)
        return [o.id for o in question.options if o.id not in right][:1]
    if question.type in ("short", "numeric"):
        return "zzz 987654321"
    if question.type == "order":
        assert isinstance(right, list)
        return right[::-1]
    assert isinstance(right, dict)
    lefts, rights = list(right), list(right.values())
    return dict(zip(lefts, rights[1:] + rights[:1], strict=True))


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real course, built once per test process and served on 127.0.0.1."""
    from tests.conftest import PROJECT

    yield from site_fixture(PROJECT, tmp_path_factory, "course-site")
