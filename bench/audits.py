"""Audits of the built course that others run: Lighthouse accessibility and the W3C Nu HTML checker.

    .venv/bin/python bench/audits.py            # build, install the tools if needed, audit, print a table

What it does:

1. builds the real course into bench/audit-site/ (not strict: content warnings are `course check`'s);
2. installs Lighthouse and the Nu HTML checker (npm packages `lighthouse` and `vnu-jar`, versions
   pinned in bench/audit-tools/package-lock.json) into bench/audit-tools/node_modules with `npm ci`
   when they are missing; the checker runs on Java (`java` on PATH);
3. runs the Nu HTML checker on every page and counts errors and warnings, those inside quiz markup
   apart (target: none there);
4. serves the site on 127.0.0.1 and runs Lighthouse's accessibility category, headless and offline,
   in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), on the home page, a lesson, the
   glossary, the progress page and the practice quiz (target: 100 on each).

Exit code 0 when every target holds, 1 when one is missed (printed on stderr), 2 when an audit cannot run.
The results of a run are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "bench" / "audit-tools"
SITE = ROOT / "bench" / "audit-site"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "lessons/soft-power/", "glossary/", "progress/", "how-quizzes-work/"]
QUIZ_BLOCK = re.compile(r'<section class="cq-quiz".*?</section>', re.DOTALL)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class AuditError(Exception):
    """An audit that cannot run."""


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def build() -> None:
    shutil.rmtree(SITE, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-d", str(SITE)], cwd=ROOT, env=env)
    if done.returncode != 0:
        raise AuditError(f"the site does not build:\n{done.stderr[-2000:]}")


def install_tools() -> None:
    if VNU.is_file() and LIGHTHOUSE.is_file():
        return
    if shutil.which("npm") is None:
        raise AuditError("npm is needed to install Lighthouse and the Nu HTML checker (apt-get install npm)")
    done = run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=TOOLS)
    if done.returncode != 0:
        raise AuditError(f"npm ci failed:\n{done.stderr[-2000:]}")


def quiz_lines(page: Path) -> set[int]:
    """Line numbers of a page that lie inside quiz markup."""
    text = page.read_text(encoding="utf-8")
    lines: set[int] = set()
    for block in QUIZ_BLOCK.finditer(text):
        first = text.count("\n", 0, block.start()) + 1
        lines.update(range(first, first + block.group(0).count("\n") + 1))
    return lines


def nu_check() -> dict[str, int]:
    """Errors and warnings of the Nu HTML checker on every page; those inside quiz markup apart."""
    if shutil.which("java") is None:
        raise AuditError("the Nu HTML checker needs Java (apt-get install default-jre-headless)")
    pages = sorted(SITE.rglob("*.html"))
    done = run(["java", "-jar", str(VNU), "--format", "json", "--also-check-css", *map(str, pages)])
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise AuditError(f"the Nu HTML checker gave no report: {done.stderr[-1000:]}") from error
    counts = {"pages": len(pages), "errors": 0, "warnings": 0, "quiz errors": 0, "quiz warnings": 0}
    in_quiz = {page: quiz_lines(page) for page in pages}
    for message in messages:
        kind = "errors" if message.get("type") == "error" else "warnings" if message.get("subType") == "warning" \
            else None
        if kind is None:
            continue
        counts[kind] += 1
        page = Path(message.get("url", "").removeprefix("file:"))
        if message.get("lastLine") in in_quiz.get(page, set()):
            counts[f"quiz {kind}"] += 1
            print(f"  quiz markup, {page.relative_to(SITE)}:{message.get('lastLine')}: {message.get('message')}",
                  file=sys.stderr)
    return counts


def lighthouse(url: str) -> float:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    done = run([str(LIGHTHOUSE), url, "--only-categories=accessibility", "--output=json", "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
               env=dict(os.environ, CHROME_PATH=chrome), timeout=300)
    try:
        report = json.loads(done.stdout)
    except ValueError as error:
        raise AuditError(f"Lighthouse gave no report for {url}: {done.stderr[-1000:]}") from error
    failed = [audit_id for audit_id, audit in report["audits"].items()
              if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    if failed:
        print(f"  {url}: failed {', '.join(failed)}", file=sys.stderr)
    return float(report["categories"]["accessibility"]["score"]) * 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    try:
        build()
        install_tools()
        nu = nu_check()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        scores = {page or "(home)": lighthouse(base + page) for page in PAGES}
        server.shutdown()
    except (AuditError, subprocess.TimeoutExpired) as error:
        print(f"audits: {error}", file=sys.stderr)
        return 2
    print("| Nu HTML checker | pages | errors | warnings | errors in quiz markup | warnings in quiz markup |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(f"| vnu.jar 26.9.27 | {nu['pages']} | {nu['errors']} | {nu['warnings']} | {nu['quiz errors']} | "
          f"{nu['quiz warnings']} |")
    print()
    print("| Lighthouse 12.2.3 accessibility | score |")
    print("| --- | ---: |")
    for page, score in scores.items():
        print(f"| {page} | {score:.0f} |")
    missed = [f"Lighthouse accessibility {score:.0f} on {page} (target 100)" for page, score in scores.items()
              if score < 100]
    missed += [f"{nu[kind]} Nu checker {kind} in quiz markup (target 0)" for kind in ("quiz errors", "quiz warnings")
               if nu[kind]]
    for line in missed:
        print(f"missed: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
