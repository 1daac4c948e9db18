"""Live editing against a running `mkdocs serve`: a broken question shows its problems in its place (the
quiz's sound questions around it) and in the terminal, a quiz file that does not read shows its problems
in place of the quiz, the rest of the site keeps serving, and the page recovers when the file is fixed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.conftest import free_port

pytestmark = pytest.mark.build

REQUEST_TIMEOUT = 10  # a page request that waits for a stuck rebuild fails instead of hanging
WAIT = 60  # seconds for the server to start or a rebuild to show


@contextmanager
def mkdocs_serve(folder: Path, *args: str) -> Iterator[tuple[str, Path]]:
    """Run `mkdocs serve` on a free port of 127.0.0.1; yield its address and the file its output goes to."""
    port = free_port()
    log = folder / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
                                  cwd=folder, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            yield f"http://127.0.0.1:{port}/", log
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, ""


def poll(url: str, ready: Callable[[str], bool], what: str, log: Path) -> str:
    """Fetch ``url`` until ``ready`` holds for its text, for at most ``WAIT`` seconds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status, text = fetch(url)
        if status == 200 and ready(text):
            return text
        time.sleep(0.3)
    pytest.fail(f"{what} within {WAIT} s; server output:\n{log.read_text()[-3000:]}")


def test_a_broken_quiz_shows_its_problems_until_fixed(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    good = quiz.read_text()
    with mkdocs_serve(course_dir) as (site, log):
        lesson = site + "lesson/"
        poll(lesson, lambda page: 'data-question-id="s-single"' in page, "the lesson with its quiz", log)

        quiz.write_text(good.replace("answer: radio", "answer: nothing"))
        page = poll(lesson, lambda page: "cq-broken" in page, "the error in place of the question", log)
        assert "<code>quizzes/sample.yml:13:1: Q201 key of question &#x27;s-single&#x27; names option " \
               "&#x27;nothing&#x27;" in page
        # One broken question hides no other: the sound ones are served, the problem in the broken one's place.
        assert 'data-question-id="s-single"' not in page
        assert page.count('class="cq-question"') == 7
        assert "The question at line 5 cannot be shown: 1 error(s)" in page
        assert page.index("cq-broken") < page.index('data-question-id="s-multiple"')
        assert "Question 1 of 7" in page
        assert "Seven types exist." in page  # the rest of the page still serves
        assert fetch(site)[0] == 200  # and the rest of the site
        assert "quizzes/sample.yml:13:1: Q201 key of question 's-single'" in log.read_text()
        assert "appear stuck" not in log.read_text()

        quiz.write_text("id: sample\ntitle: [unclosed\n")  # a file that no longer yields a quiz
        page = poll(lesson, lambda page: "Q101" in page, "the syntax error in place of the quiz", log)
        assert re.search(r"<code>quizzes/sample\.yml:\d+:\d+: Q101 invalid YAML", page)

        quiz.write_text(good)
        page = poll(lesson, lambda page: 'data-question-id="s-single"' in page, "the quiz after the fix", log)
        assert "cq-broken" not in page
        assert "appear stuck" not in log.read_text()


def test_the_instructor_edition_serves_broken_quizzes_the_same_way(course_dir: Path) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("answer: radio", "answer: nothing"))
    with mkdocs_serve(course_dir, "-f", "mkdocs-instructor.yml") as (site, log):
        page = poll(site + "lesson/", lambda page: "cq-broken" in page, "the error in place of the quiz", log)
        assert "Instructor edition" in page
        keys = poll(site + "instructor/answer-keys/lesson/", lambda page: "cq-broken" in page,
                    "the error in place of the answer key", log)
        assert "quizzes/sample.yml:13:1: Q201" in keys
