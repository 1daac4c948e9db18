r"""Reads GIFT the way Moodle's importer does, strictly, so that ``course export`` can check its own GIFT.

The rules follow Moodle's ``qformat_gift`` (question/format/gift/format.php): questions are blocks
separated by blank lines; lines starting with ``//`` are comments; ``$CATEGORY:`` sets the category;
``::name::`` names a question; ``\\:``, ``\\#``, ``\\=``, ``\\{``, ``\\}``, ``\\~`` and ``\\n`` are escapes,
and ``\\\\`` is kept as two backslashes; the answer block is typed by its first character and its
separators (``#`` numeric, ``~`` multiple choice, ``=`` with ``->`` matching, ``T``/``F`` true-false,
otherwise short answer); ``####`` starts the general feedback; ``%n%`` is an answer's weight; the
first ``#`` of an answer starts its feedback. A leading ``[format]`` is read where Moodle reads one.

It is stricter than Moodle where our exports must be exact: every question is named, its text is
Markdown, its one answer block ends it, and a special character left unescaped in any text is
reported (``ReadQuestion.malformed``) rather than read as Moodle would.

The tests read the same files with pygiftparser, an independent reader (tests/course_quiz/export).
This reader exists because pygiftparser is not fit to run in the tool itself: it installs ``_`` into
Python's builtins when imported, calls a locale function Python deprecates, and misreads negative
numbers and escaped closing braces (documented in the tests). It is kept to the test dependencies.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from course_quiz.export.base import ReadAnswer, ReadQuestion

SPECIAL = "~=#{}:"
FORMATS = ("moodle", "html", "plain", "markdown")
# Moodle's pattern for an answer's weight (format.php, $giftanswerweightregex).
WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
_FORMAT = re.compile(r"^\[(?P<name>[^\]]*)\]")

# Placeholders for escapes while a question is taken apart, as Moodle's escapedchar_pre does. They are
# private-use characters; a file that holds one already is reported, not misread.
_BACKSLASHES = "\uf8f0"
_NEWLINE = "\uf8f1"
_ESCAPED = {char: chr(0xF8F2 + n) for n, char in enumerate(SPECIAL)}
_RESTORE = {_BACKSLASHES: "\\\\", _NEWLINE: "\n", **{v: k for k, v in _ESCAPED.items()}}
_PLACEHOLDER = re.compile(f"[{''.join(_RESTORE)}]")


def _protect(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASHES).replace("\\n", _NEWLINE)
    for char, placeholder in _ESCAPED.items():
        text = text.replace(f"\\{char}", placeholder)
    return text


def _restore(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: _RESTORE[m.group()], text)


class _Question:
    """One question block taken apart; ``malformed`` collects what a strict reading refuses."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.malformed: list[str] = []

    def text(self, raw: str, what: str, formatted: bool = True) -> str:
        """A text field: its format marker removed where Moodle reads one, escapes restored, trimmed."""
        raw = raw.strip()
        marker = _FORMAT.match(raw) if formatted else None
        if marker and marker.group("name").lower() in FORMATS:
            raw = raw[marker.end():].strip()
        for char in SPECIAL:
            if char in raw:
                self.malformed.append(f"unescaped '{char}' in {what}")
        return _restore(raw)

    def split_feedback(self, raw: str, what: str, formatted: bool = True) -> tuple[str, str]:
        text, _, feedback = raw.partition("#")
        return self.text(text, what, formatted), self.text(feedback, f"feedback of {what}")


def read_gift(source: str) -> tuple[list[ReadQuestion], list[str]]:
    """Every question of a GIFT file, and problems found outside any question (with their line)."""
    questions: list[ReadQuestion] = []
    errors: list[str] = []
    if _PLACEHOLDER.search(source):
        errors.append("the file holds a private-use character (U+F8F0 to U+F8F7) that this reader cannot tell "
                      "from an escape")
    category = ""
    for line, block in _blocks(source):
        body = "\n".join(text for text in block if not text.strip().startswith("//")).strip()
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            if "\n" in body:
                errors.append(f"line {line}: a question follows the category line without a blank line")
            category = body.removeprefix("$CATEGORY:").strip()
            continue
        questions.append(_read_question(_protect(body), category))
    return questions, errors


def _blocks(source: str) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, text in enumerate(source.splitlines(), start=1):
        if text.strip():
            if not current:
                start = number
            current.append(text)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _read_question(body: str, category: str) -> ReadQuestion:
    name = ""
    malformed: list[str] = []
    if body.startswith("::") and "::" in body[2:]:
        end = body.index("::", 2)
        name = _restore(body[2:end]).strip()
        body = body[end + 2:].strip()
    else:
        malformed.append("the question has no ::name::")
    question = _Question(name)
    question.malformed.extend(malformed)
    start, end = body.find("{"), body.find("}")
    if body.count("{") != 1 or body.count("}") != 1 or start > end or not body.endswith("}"):
        question.malformed.append("the question must end in one answer block {…} (a brace is unclosed, extra or "
                                  "unescaped)")
        return ReadQuestion(name, "", question.text(body, "the question"), group=category,
                            malformed=tuple(question.malformed))
    stem_raw = body[:start].strip()
    marker = _FORMAT.match(stem_raw)
    if not marker or marker.group("name") != "markdown":
        question.malformed.append("the question text does not start with [markdown]")
    stem = question.text(stem_raw, "the question text")
    answer_text = body[start + 1:end]
    general = ""
    if "####" in answer_text:
        separator = answer_text.rindex("####")
        general = question.text(answer_text[separator + 4:], "the general feedback")
        answer_text = answer_text[:separator]
    answer_text = answer_text.strip()
    record = _read_answers(question, ReadQuestion(name, "", stem, general_feedback=general, group=category),
                           answer_text)
    return replace(record, malformed=tuple(question.malformed))


def _read_answers(question: _Question, record: ReadQuestion, text: str) -> ReadQuestion:
    """The answer block, typed as Moodle types it."""
    if not text:
        return replace(record, type="essay")
    if text.startswith("#"):
        return replace(record, type="numeric", number=_number(question, text[1:]))
    if "~" in text:
        single = "=" in text
        answers = []
        for part in _answers(text.replace("=", "~="), "~"):
            rest = part
            if part.startswith("="):
                weight, rest = Decimal(100), part[1:]
            elif WEIGHT.match(part):
                weight, rest = _weight(question, part)
            else:
                weight = Decimal(0)
            answer, feedback = question.split_feedback(rest, "an option")
            answers.append(ReadAnswer(answer, weight, feedback))
        if len(answers) < 2:
            question.malformed.append("a choice question needs at least two answers")
        return replace(record, type="single" if single else "multiple", answers=tuple(answers))
    if "=" in text and "->" in text:
        pairs = []
        for part in _answers(text, "="):
            if "->" not in part:
                question.malformed.append(f"matching answer '{_restore(part)}' has no '->'")
                continue
            left, right = part.split("->", 1)
            pairs.append((question.text(left, "a matching entry"), question.text(right, "a matching entry",
                                                                                 formatted=False)))
        return replace(record, type="match", pairs=tuple(pairs))
    check = text.split("#", 1)[0].strip()
    if check in ("T", "TRUE", "F", "FALSE"):
        comments = text.split("#")[1:]
        feedbacks: tuple[ReadAnswer, ...] = ()
        if any(part.strip() for part in comments):
            wrong = question.text(comments[0], "the feedback") if comments else ""
            right = question.text(comments[1], "the feedback") if len(comments) > 1 else ""
            feedbacks = (ReadAnswer("", Decimal(0), wrong), ReadAnswer("", Decimal(100), right))
        return replace(record, type="true-false", value=check.startswith("T"), answers=feedbacks)
    answers = []
    for part in _answers(text, "="):
        weight, rest = _weight(question, part) if WEIGHT.match(part) else (Decimal(100), part)
        answer, feedback = question.split_feedback(rest, "an accepted answer", formatted=False)
        answers.append(ReadAnswer(answer, weight, feedback))
    return replace(record, type="short", answers=tuple(answers))


def _answers(text: str, separator: str) -> list[str]:
    parts = [part.strip() for part in text.split(separator)]
    return parts[1:] if parts and not parts[0] else parts


def _weight(question: _Question, part: str) -> tuple[Decimal, str]:
    match = WEIGHT.match(part)
    assert match is not None
    try:
        return Decimal(match.group(1).replace("--", "")), part[match.end():]
    except InvalidOperation:
        question.malformed.append(f"weight '{match.group(1)}' is not a number")
        return Decimal(0), part[match.end():]


def _number(question: _Question, text: str) -> tuple[Decimal, Decimal] | None:
    """``value:tolerance``, ``min..max`` or ``value``, as Moodle reads a numeric answer."""
    text = text.strip()
    if "~" in text or "=" in text or "#" in text:
        question.malformed.append("a numeric answer with several answers or feedback is not what the course writes")
        return None
    try:
        if ".." in text:
            low, high = (Decimal(part.strip()) for part in text.split("..", 1))
            return (low + high) / 2, (high - low) / 2
        value, _, tolerance = text.partition(":")
        return Decimal(value.strip()), Decimal(tolerance.strip() or "0")
    except InvalidOperation:
        question.malformed.append(f"numeric answer '{_restore(text)}' is not value:tolerance")
        return None
