"""Hostile quiz text: every script-link spelling in every text field is reported as Q501 at its line,
and the same text rendered without the check never puts a script URL on the page.

The page side is judged by an HTML parser and the URL rules of the WHATWG URL standard written out
here, independently of ``course_quiz.safety``.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from course_quiz.cli import main
from course_quiz.loader import load_quiz_text
from course_quiz.model import Choice, Quiz
from course_quiz.problems import Severity
from course_quiz.render import QuizRenderer
from course_quiz.safety import is_unsafe_url, unsafe_findings
from course_quiz.textrender import TextRenderer, quiz_markdown, sanitize

PAYLOAD = "alert(document.domain)"

# id -> (quiz Markdown, whether Python-Markdown alone writes it as a live script link). The two
# spellings without a semicolon are escaped by Python-Markdown (``&amp;#106...``) and so are inert on
# our pages; the checker reports them anyway. Python-Markdown leaves ``<javascript:...>`` as text;
# most Markdown renderers would link it, and the checker reports it too.
VARIANTS: dict[str, tuple[str, bool]] = {
    "decimal-reference": (f"[click](&#106;avascript:{PAYLOAD})", True),
    "padded-decimal-reference": (f"[click](&#0000106;avascript:{PAYLOAD})", True),
    "hex-reference": (f"[click](&#x6A;avascript:{PAYLOAD})", True),
    "upper-hex-reference": (f"[click](&#X6a;avascript:{PAYLOAD})", True),
    "decimal-reference-no-semicolon": (f"[click](&#106avascript:{PAYLOAD})", False),
    # "&#x6A" cannot precede "avascript" without a semicolon ("a" is a hex digit): end the scheme instead.
    "hex-reference-no-semicolon": (f"[click](javascrip&#x74:{PAYLOAD})", False),
    "named-colon": (f"[click](javascript&colon;{PAYLOAD})", True),
    "named-tab": (f"[click](java&Tab;script:{PAYLOAD})", True),
    "named-newline": (f"[click](java&NewLine;script:{PAYLOAD})", True),
    "leading-space-and-controls": (f"[click](&#32;&#1;&#9;javascript:{PAYLOAD})", True),
    "leading-spaces-in-brackets": (f"[click](<   javascript:{PAYLOAD}>)", True),
    "mixed-case": (f"[click](JaVaScRiPt:{PAYLOAD})", True),
    "vbscript": ("[click](vbscript:msgbox(1))", True),
    "data-reference": ("[click](&#100;ata:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", True),
    "data": ("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", True),
    "file": ("[click](file:///etc/passwd)", True),
    "unknown-scheme": ("[click](custom-app:open)", True),
    "reference-style": (f"Read [the notes][notes].\n\n[notes]: javascript:{PAYLOAD}", True),
    "reference-style-encoded": (f"Read [the notes][n].\n\n[n]: &#106;avascript:{PAYLOAD} \"Notes\"", True),
    "collapsed-reference": (f"Read [notes][].\n\n[notes]: <java&Tab;script:{PAYLOAD}>", True),
    "autolink": (f"See <javascript:{PAYLOAD}>", False),
    "image": (f"![x](javascript:{PAYLOAD})", True),
    "image-data-reference": ("![x](&#100;ata:image/svg+xml;base64,PHN2Zy8+)", True),
    "image-reference-style": ("![x][pic]\n\n[pic]: data:image/svg+xml;base64,PHN2Zy8+", True),
    "link-with-title": (f"[click](&#106;avascript:{PAYLOAD} \"A title\")", True),
}

ALLOWED = {"http", "https", "mailto"}

# One quiz with a placeholder in every text field; each test fills one field and leaves the others plain.
TEMPLATE = """id: hostile
title: {title}
lesson: lessons/x.md
questions:
  - id: h1
    type: single
    objective: o
    prompt: {prompt}
    options:
      - {{id: a, text: {option}, feedback: {feedback}}}
      - {{id: b, text: "B", feedback: "Fine."}}
    answer: a
    explanation: {explanation}
    hint: {hint}
    review: part
  - id: h2
    type: order
    objective: o
    prompt: Order them.
    items:
      - {{id: one, text: {item}}}
      - {{id: two, text: "Two"}}
    answer: [one, two]
    explanation: Because.
  - id: h3
    type: match
    objective: o
    prompt: Match them.
    left:
      - {{id: l1, text: {left}}}
      - {{id: l2, text: "L2"}}
    right:
      - {{id: r1, text: {right}}}
      - {{id: r2, text: "R2"}}
    answer: {{l1: r1, l2: r2}}
    explanation: Because.
"""
FIELDS = ("title", "prompt", "option", "feedback", "explanation", "hint", "item", "left", "right")


def field_line(field: str) -> int:
    return next(n for n, line in enumerate(TEMPLATE.splitlines(), start=1) if "{" + field + "}" in line)


def quiz_source(values: dict[str, str]) -> str:
    # JSON strings are YAML double-quoted scalars: newlines and quotes stay on one source line.
    return TEMPLATE.format(**{field: json.dumps(values.get(field, f"Plain {field}.")) for field in FIELDS})


class _UrlAttributes(HTMLParser):
    """Every href and src value, and every attribute; the parser decodes references as a browser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 (HTMLParser)
        self.values.extend(value for name, value in attrs if name in ("href", "src") and value is not None)
        self.attributes.extend(f"{name}={value}" for name, value in attrs)


def browser_scheme(value: str) -> str | None:
    """The scheme the WHATWG URL parser finds: C0 controls and spaces trimmed, tabs and newlines removed."""
    value = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value)
    return match.group(1).lower() if match else None


def script_urls(markup: str) -> list[str]:
    """The href and src values of ``markup`` that a browser would follow to a scheme outside ``ALLOWED``."""
    parser = _UrlAttributes()
    parser.feed(markup)
    parser.close()
    return [value for value in parser.values if browser_scheme(value) not in (None, *ALLOWED)]


def errors(text: str) -> list[tuple[str, int]]:
    _, problems = load_quiz_text("quizzes/hostile.yml", text)
    return [(p.code, p.line) for p in problems if p.severity is Severity.ERROR]


# The check: Q501 at the source line, in every field ------------------------------------------------

@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_hostile_text_is_reported_at_its_line(variant: str, field: str) -> None:
    assert errors(quiz_source({field: VARIANTS[variant][0]})) == [("Q501", field_line(field))]


def test_the_template_is_clean_without_hostile_text() -> None:
    assert errors(quiz_source({})) == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_is_described_in_one_line(variant: str) -> None:
    findings = unsafe_findings(VARIANTS[variant][0])
    assert findings
    assert all("\n" not in finding and re.fullmatch(r"(link to|image from) [a-z-]+: URL", finding)
               for finding in findings), findings


def test_the_scheme_is_named_as_the_browser_reads_it() -> None:
    assert unsafe_findings(VARIANTS["decimal-reference"][0]) == ["link to javascript: URL"]
    assert unsafe_findings(VARIANTS["vbscript"][0]) == ["link to vbscript: URL"]
    assert unsafe_findings(VARIANTS["image-data-reference"][0]) == ["image from data: URL"]
    assert unsafe_findings(VARIANTS["unknown-scheme"][0]) == ["link to custom-app: URL"]


def test_raw_html_is_still_reported() -> None:
    assert unsafe_findings("<script>alert(1)</script>") == ["raw <script> element"]
    assert unsafe_findings("<iframe src=x></iframe>") == ["raw <iframe> element"]
    assert unsafe_findings("<img src=x onerror=alert(1)>") == ["event-handler attribute onerror="]
    assert unsafe_findings('<a href="&#106;avascript:alert(1)">x</a>') == ["raw HTML link to javascript: URL"]


def test_course_check_strict_reports_the_reproduction(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = course_dir / "quizzes" / "sample.yml"
    quiz.write_text(quiz.read_text().replace("    explanation: Only radio buttons restrict the choice to one.\n",
                                             f'    explanation: "[click](&#106;avascript:{PAYLOAD})"\n'))
    monkeypatch.chdir(course_dir)
    result = CliRunner().invoke(main, ["check", "--strict"])
    assert result.exit_code == 1
    assert ("quizzes/sample.yml:14:18: Q501 explanation of question 's-single' contains link to javascript: URL"
            in result.output)


def test_unused_reference_definition_is_reported() -> None:
    assert unsafe_findings("No link here.\n\n[unused]: javascript:alert(1)") == ["link to javascript: URL"]


# The page: the same text rendered without the check ------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
def test_hostile_text_never_reaches_the_page(variant: str) -> None:
    text, live = VARIANTS[variant]
    unsanitized = quiz_markdown().convert(text)
    # A live variant is a real script link in Python-Markdown's own output: nh3 is what removes it.
    assert bool(script_urls(unsanitized)) is live
    renderer = TextRenderer()
    for rendered in (renderer.block(text), renderer.inline(text), sanitize(unsanitized)):
        assert script_urls(rendered) == []
        # Nor in any other attribute (an escaped <javascript:...> in the text is harmless).
        parser = _UrlAttributes()
        parser.feed(rendered)
        assert not [a for a in parser.attributes if re.search(r"javascript:|data:", re.sub(r"\s", "", a), re.I)]


def hostile_quiz(text: str, quiz_id: str = "hostile") -> Quiz:
    """A quiz with ``text`` in every text field, as if the checker had let it through.

    The loader leaves a question with an error (Q501 here) out of its quiz; the renderer must still make
    such text harmless, so the test puts the text back into the model by hand.
    """
    quiz, problems = load_quiz_text(f"quizzes/{quiz_id}.yml", quiz_source({}).replace("id: hostile\n",
                                                                                       f"id: {quiz_id}\n"))
    assert quiz is not None
    assert problems == []

    plain = {f"Plain {field}." for field in FIELDS}  # what quiz_source writes into each field

    def swap(value: str | None) -> str | None:
        return text if value in plain else value

    def choices(group: tuple[Choice, ...]) -> tuple[Choice, ...]:
        return tuple(replace(c, text=swap(c.text) or c.text, feedback=swap(c.feedback)) for c in group)

    questions = tuple(replace(q, prompt=swap(q.prompt) or q.prompt, hint=swap(q.hint), explanation=swap(q.explanation),
                              options=choices(q.options), items=choices(q.items), left=choices(q.left),
                              right=choices(q.right))
                      for q in quiz.questions)
    return replace(quiz, title=swap(quiz.title) or quiz.title, questions=questions)


def test_a_whole_quiz_of_hostile_text_renders_without_script_urls() -> None:
    for variant, (text, _) in VARIANTS.items():
        _, problems = load_quiz_text("quizzes/hostile.yml", quiz_source(dict.fromkeys(FIELDS, text)))
        assert {p.line for p in problems if p.code == "Q501"} == {field_line(f) for f in FIELDS}
        page = QuizRenderer().render(hostile_quiz(text), {"part": "Part"})
        assert script_urls(page) == [], variant
        assert 'href="#part"' in page  # the review link, written by the renderer, still works


# Safe text: not reported, links kept -------------------------------------------------------------

SAFE = {
    "https": ("[docs](https://example.org/a?b=1&c=2#d)", ["https://example.org/a?b=1&c=2#d"]),
    "http": ("[docs](http://example.org/)", ["http://example.org/"]),
    "mailto": ("[write](mailto:teacher@example.org)", ["mailto:teacher@example.org"]),
    "relative": ("[the lesson](../soft-power/#framing)", ["../soft-power/#framing"]),
    "anchor": ("[above](#types)", ["#types"]),
    "protocol-relative": ("[mirror](//example.org/x)", ["//example.org/x"]),
    "colon-after-slash": ("[page](notes/a:b)", ["notes/a:b"]),  # a ':' after a '/' is no scheme
    "image": ("![chart](img/chart.png \"Chart\")", ["img/chart.png"]),
    "https-autolink": ("<https://example.org/>", ["https://example.org/"]),
    "email-autolink": ("<teacher@example.org>", ["mailto:teacher@example.org"]),
    "reference-style": ("[docs][d]\n\n[d]: https://example.org/ \"Docs\"", ["https://example.org/"]),
    "prose-colon": ("Note: the answer depends on the year.", []),
    "prose-data": ("data: the 2024 figures", []),
    "prose-javascript": ("Browsers run javascript: URLs when clicked.", []),
    "ratio": ("A 3:1 ratio, at 10:30.", []),
    "code-span": ("Type `javascript:alert(1)` to see why it is blocked.", []),
    "code-span-link": ("Never write `[x](javascript:alert(1))` or `<javascript:x>`.", []),
    "fenced-code": ("```markdown\n[x](javascript:alert(1))\n```", []),
    "less-than": ("If a < b and [c] holds, then b > a.", []),
}


@pytest.mark.parametrize("name", SAFE)
def test_safe_text_is_not_reported_and_keeps_its_links(name: str) -> None:
    text, links = SAFE[name]
    assert unsafe_findings(text) == []
    parser = _UrlAttributes()
    parser.feed(TextRenderer().block(text))
    assert parser.values == links


def test_safe_text_passes_the_whole_loader() -> None:
    for text, _ in SAFE.values():
        assert errors(quiz_source(dict.fromkeys(FIELDS, text))) == []


@pytest.mark.parametrize(("url", "unsafe"), [
    ("https://example.org/", False), ("mailto:a@example.org", False), ("../x/", False), ("#top", False),
    ("?a=b:c", False), ("", False), ("javascript:x", True), ("&#106;avascript:x", True),
    ("java&Tab;script:x", True), ("\x00 javascript:x", True), ("JAVASCRIPT:x", True), ("data:,x", True),
    ("vbscript:x", True), ("file:///x", True), ("ftp://example.org/", True), ("c:/x", True),
])
def test_is_unsafe_url(url: str, unsafe: bool) -> None:
    assert is_unsafe_url(url) is unsafe


# nh3 leaves ordinary quiz Markdown byte for byte unchanged ----------------------------------------

ORDINARY = [
    "Plain *emphasis*, **strong**, ***both***, `code <x> & y` and a [link](https://example.org/ \"Title\").",
    "A [relative link](../lesson/#part) and an ![image](img/a.png \"T\").",
    "Line one  \nline two\n\n---\n\nAfter the rule.",
    "3. three\n4. four\n\n- a\n- b\n    - nested",
    "> A quote\n\n# Heading\n\n### Small heading",
    "| Left | Right | Centre | Plain |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |",
    "```python\nprint(1 < 2)\n```",
    "    indented code & <tags>",
    "Quotes \"double\" and 'single', a < b > c & d.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_nh3_leaves_ordinary_markdown_unchanged(text: str) -> None:
    markup = quiz_markdown().convert(text)
    assert sanitize(markup) == markup
    assert TextRenderer().block(text) == markup


def test_what_nh3_changes_in_safe_text_is_serialisation_only() -> None:
    # The same DOM either way; documented so a change here is noticed.
    renderer = TextRenderer()
    assert renderer.block('```\nsay "hi"\n```') == '<pre><code>say "hi"\n</code></pre>'
    assert renderer.block("a\u00a0b &copy;") == "<p>a&nbsp;b ©</p>"
    assert renderer.block("<teacher@example.org>") == \
        '<p><a href="mailto:teacher@example.org">teacher@example.org</a></p>'


def test_nh3_removes_classes_and_ids_that_quiz_text_does_not_need() -> None:
    rendered = TextRenderer().block("```{.python #main}\nx = 1\n```")
    assert rendered == '<pre><code class="language-python">x = 1\n</code></pre>'
