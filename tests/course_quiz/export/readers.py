r"""Independent readers of the exports: pygiftparser (PyPI) for GIFT, lxml for QTI.

Both produce the ``ReadQuestion`` records the exporters' own read-back produces, so the tests compare
them with the records expected from the source (``gift.expected``, ``qti.expected``), field by field.

pygiftparser 1.1 (2017) misreads valid GIFT in five ways. Each is worked around by a reversible
transport of the file before parsing and its exact inverse afterwards, so what is compared is never
weakened (``test_gift.py`` shows each misreading):

1. It ends an answer block at the first ``}``, even an escaped one (``\}``): ``\}`` travels as U+E000.
2. It turns ``\n`` in question texts and general feedback into a line break before pairing
   backslashes, so ``\\n`` (an escaped backslash, then n) reads as a backslash and a line break:
   ``\\`` travels as U+E001.
3. It takes every bracketed group at the start of the general feedback as a format name
   (``####[a link](…)`` loses ``[a link]``): ``####[`` travels as ``####`` U+E002.
4. It reads a category as ``[/\w$]*`` only (``$course$/top/Soft power`` reads as ``$course$/top/Soft``):
   each other character of the category travels as ``_<hex>_``.
5. It reads no negative number (``{#-5:1}`` is an invalid question): a numeric answer ``#-`` travels as
   ``#`` and the value is negated back.
6. It splits every answer at ``->`` as if it were a matching pair, even in a choice question, keeping
   only the right side as its text: for answers of other questions, the two sides are joined again
   (``question + "->" + answer``, the exact inverse of its split).

After reading, texts are decoded by GIFT's rules as Moodle applies them: escapes restored, ``\\`` kept
as two backslashes, a leading ``[format]`` taken off where Moodle reads one, and a special character
left unescaped in a text reported as malformed, a rule pygiftparser itself does not apply.
"""

from __future__ import annotations

import builtins
import importlib
import io
import re
import warnings
import zipfile
from dataclasses import replace
from decimal import Decimal
from types import ModuleType
from typing import Any

from lxml import etree

from course_quiz.export.base import ReadAnswer, ReadQuestion

SPECIAL = "~=#{}:"
_BRACE, _BACKSLASHES, _BRACKET = "\ue000", "\ue001", "\ue002"
_NUMERIC_MINUS = re.compile(r"(?m)^#-(?=\d)")
_CATEGORY = re.compile(r"(?m)^\$CATEGORY: \$course\$/(?P<path>.*)$")
_CATEGORY_SAFE = re.compile(r"[A-Za-z0-9/]")
_FORMAT = re.compile(r"^\[(moodle|html|plain|markdown)\]", re.IGNORECASE)


def pygiftparser() -> ModuleType:
    """pygiftparser's parser module, imported without its side effects leaking into the tests.

    At import it calls locale.getdefaultlocale (deprecated since Python 3.11; pytest turns warnings
    into errors) and installs ``_`` into builtins through gettext.install.
    """
    name = "_"  # gettext.install's name in builtins
    had_it, saved = hasattr(builtins, name), getattr(builtins, name, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        module = importlib.import_module("pygiftparser.parser")
    if had_it:
        setattr(builtins, name, saved)
    elif hasattr(builtins, name):
        delattr(builtins, name)
    return module


def transport(gift: str) -> tuple[str, set[str]]:
    """The file as pygiftparser can read it exactly, and the names of questions whose value was negated."""
    assert not re.search(f"[{_BRACE}{_BACKSLASHES}{_BRACKET}]", gift), "the transport characters must be unused"
    text = gift.replace("\\\\", _BACKSLASHES).replace("\\}", _BRACE).replace("####[", "####" + _BRACKET)
    text = _CATEGORY.sub(lambda m: "$CATEGORY: $course$/" + "".join(
        c if _CATEGORY_SAFE.fullmatch(c) else f"_{ord(c):x}_" for c in m["path"]), text)
    negated = set()
    name = ""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("::"):
            name = line[2:].split("::", 1)[0]
        if _NUMERIC_MINUS.match(line):
            negated.add(name)
        lines.append("#" + line[2:] if _NUMERIC_MINUS.match(line) else line)
    return "".join(lines), negated


def _category(raw: str) -> str:
    return re.sub(r"_([0-9a-f]+)_", lambda m: chr(int(m.group(1), 16)), raw)


class _Decoder:
    def __init__(self) -> None:
        self.malformed: list[str] = []

    def text(self, raw: str, what: str, formatted: bool = True) -> str:
        raw = raw.replace(_BRACE, "\\}").replace(_BACKSLASHES, "\\\\").strip()
        if raw.startswith(_BRACKET):
            raw = "[" + raw[1:]
        if formatted and (marker := _FORMAT.match(raw)):
            raw = raw[marker.end():].strip()
        out = []
        index = 0
        while index < len(raw):
            char = raw[index]
            following = raw[index + 1] if index + 1 < len(raw) else ""
            if char == "\\" and following == "\\":
                out.append("\\\\")
                index += 2
            elif char == "\\" and following in SPECIAL + "n" and following:
                out.append("\n" if following == "n" else following)
                index += 2
            else:
                if char in SPECIAL:
                    self.malformed.append(f"unescaped '{char}' in {what}")
                out.append(char)
                index += 1
        return "".join(out)


_TYPES = {"SelectSet": "single", "MultipleChoicesSet": "multiple", "TrueFalseSet": "true-false",
          "ShortSet": "short", "NumericAnswerSet": "numeric", "MatchingSet": "match", "Essay": "essay",
          "Description": "description"}


def _number(value: Any) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))


def _whole(answer: Any) -> str:
    """An answer's text as written, joined again where pygiftparser split it at ``->``."""
    return f"{answer.question}->{answer.answer}" if answer.isMatching else str(answer.answer)


def read_with_pygiftparser(gift: str) -> list[ReadQuestion]:
    """Every question of a GIFT file as pygiftparser reads it, decoded by Moodle's rules."""
    parser = pygiftparser()
    text, negated = transport(gift)
    return [_convert(question, negated) for question in parser.parseFile(io.StringIO(text))]


def _convert(question: Any, negated: set[str]) -> ReadQuestion:
    decode = _Decoder()
    answers_set = question.answers
    qtype = _TYPES.get(type(answers_set).__name__, type(answers_set).__name__)
    name = decode.text(question.title, "the name", formatted=False)
    if not question.valid:
        decode.malformed.append("pygiftparser marks the question invalid")
    if question.markup != "markdown":
        decode.malformed.append(f"the question's format is {question.markup}, not markdown")
    record = ReadQuestion(name, qtype, decode.text(question.text, "the question text", formatted=False),
                          general_feedback=decode.text(question.generalFeedback, "the general feedback"),
                          group=_category(question.cat))
    if qtype in ("single", "multiple", "short"):
        answers = tuple(ReadAnswer(decode.text(_whole(a), "an answer", formatted=qtype != "short"),
                                   _number(a.fraction), decode.text(a.feedback, "a feedback"))
                        for a in answers_set.answers)
        record = replace(record, answers=answers)
    elif qtype == "true-false":
        feedback = (answers_set.feedbackWrong, answers_set.feedbackCorrect)
        if any(feedback):
            record = replace(record, answers=(ReadAnswer("", Decimal(0), decode.text(feedback[0], "a feedback")),
                                              ReadAnswer("", Decimal(100), decode.text(feedback[1], "a feedback"))))
        record = replace(record, value=answers_set.answer)
    elif qtype == "numeric":
        found = getattr(answers_set, "answers", None) or []
        if len(found) != 1 or not hasattr(found[0], "tolerance"):
            decode.malformed.append("not one value:tolerance answer")
        else:
            value = _number(found[0].value) * (-1 if name in negated else 1)
            record = replace(record, number=(value, _number(found[0].tolerance)))
    elif qtype == "match":
        record = replace(record, pairs=tuple((decode.text(a.question, "a matching entry"),
                                              decode.text(a.answer, "a matching entry", formatted=False))
                                             for a in answers_set.answers))
    return replace(record, malformed=tuple(decode.malformed))


# ---- QTI with lxml ---------------------------------------------------------------------------------
QTI = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
TYPE_OF_CANVAS_TYPE = {"multiple_choice_question": "single", "multiple_answers_question": "multiple",
                  "true_false_question": "true-false", "short_answer_question": "short",
                  "numerical_question": "numeric", "matching_question": "match"}


def qti_package(data: bytes) -> tuple[dict[str, bytes], list[str]]:
    """The zip's files, and what is wrong with the package itself: manifest references and identifiers."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    problems = []
    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = {str(h) for h in manifest.xpath("//*[local-name()='resource']/@href | //*[local-name()='file']/@href")}
    problems += [f"manifest names missing {h}" for h in sorted(hrefs - set(files))]
    problems += [f"{name} is not in the manifest" for name in sorted(set(files) - hrefs - {"imsmanifest.xml"})]
    identifiers = [str(i) for i in manifest.xpath("//@identifier")]
    problems += [f"manifest identifier {i} repeated" for i in identifiers if identifiers.count(i) > 1]
    idents: list[str] = []
    for name in sorted(hrefs & set(files)):
        root = etree.fromstring(files[name])
        idents += [str(i) for i in root.xpath("//q:assessment/@ident | //q:item/@ident", namespaces=QTI)]
        for item in root.xpath("//q:item", namespaces=QTI):
            for path in ("q:presentation//q:response_lid/@ident | q:presentation//q:response_str/@ident",
                         "q:itemfeedback/@ident"):
                local = [str(i) for i in item.xpath(path, namespaces=QTI)]
                problems += [f"{item.get('ident')}: {i} repeated" for i in local if local.count(i) > 1]
            for lid in item.xpath(".//q:response_lid", namespaces=QTI):
                labels = [str(i) for i in lid.xpath("q:render_choice/q:response_label/@ident", namespaces=QTI)]
                problems += [f"{item.get('ident')}: choice {i} repeated" for i in labels if labels.count(i) > 1]
    problems += [f"ident {i} repeated" for i in idents if idents.count(i) > 1]
    return files, problems


def _mattext(node: Any) -> str:
    texts = node.xpath("string(.//q:mattext[1])", namespaces=QTI)
    return str(texts)


def read_qti_with_lxml(data: bytes) -> tuple[list[ReadQuestion], list[str]]:
    """Every item of the package in manifest order, read with lxml and XPath, and the package's problems."""
    files, problems = qti_package(data)
    manifest = etree.fromstring(files["imsmanifest.xml"])
    questions = []
    for href in manifest.xpath("//*[local-name()='resource']/*[local-name()='file']/@href"):
        if str(href) not in files:
            continue  # reported by qti_package
        root = etree.fromstring(files[str(href)])
        for assessment in root.xpath("//q:assessment", namespaces=QTI):
            for item in assessment.xpath(".//q:item", namespaces=QTI):
                questions.append(_qti_item(item, str(assessment.get("ident"))))
    return questions, problems


def _qti_item(item: Any, group: str) -> ReadQuestion:
    malformed: list[str] = []

    def xp(node: Any, path: str) -> list[Any]:
        return list(node.xpath(path, namespaces=QTI))

    qtype = TYPE_OF_CANVAS_TYPE.get(str(item.xpath("string(.//q:qtimetadatafield[q:fieldlabel='question_type']"
                                             "/q:fieldentry)", namespaces=QTI)), "?")
    feedback = {str(f.get("ident")): _mattext(f) for f in xp(item, "q:itemfeedback")}
    shown = {}
    general = ""
    for condition in xp(item, "q:resprocessing/q:respcondition[q:displayfeedback]"):
        link = str(condition.xpath("string(q:displayfeedback/@linkrefid)", namespaces=QTI))
        if link not in feedback:
            malformed.append(f"feedback {link} does not exist")
        if xp(condition, "q:conditionvar/q:other"):
            general = feedback.get(link, "")
        else:
            shown[str(condition.xpath("string(q:conditionvar/q:varequal)", namespaces=QTI))] = feedback.get(link, "")
    record = ReadQuestion(str(item.get("title")), qtype, _mattext(xp(item, "q:presentation/q:material")[0]),
                          general_feedback=general, group=group)
    scoring = xp(item, "q:resprocessing/q:respcondition[q:setvar]")
    if qtype in ("single", "multiple", "true-false"):
        labels = {str(label.get("ident")): _mattext(label)
                  for label in xp(item, "q:presentation/q:response_lid/q:render_choice/q:response_label")}
        right = [str(v.text) for v in xp(scoring[0], "q:conditionvar//q:varequal[not(parent::q:not)]")]
        named = right + [str(v.text) for v in xp(scoring[0], "q:conditionvar//q:not/q:varequal")]
        malformed += [f"correct response names {n}, no choice" for n in named if n not in labels]
        if qtype == "true-false":
            record = replace(record, value=right == ["true"])
        else:
            record = replace(record, answers=tuple(ReadAnswer(text, Decimal(100 if ident in right else 0),
                                                              shown.get(ident, ""), ident)
                                                   for ident, text in labels.items()))
    elif qtype == "short":
        record = replace(record, answers=tuple(ReadAnswer(str(v.text), Decimal(100))
                                               for v in xp(scoring[0], "q:conditionvar//q:varequal")))
    elif qtype == "numeric":
        value = Decimal(str(xp(scoring[0], ".//q:varequal")[0].text))
        low = Decimal(str(xp(scoring[0], ".//q:vargte")[0].text))
        high = Decimal(str(xp(scoring[0], ".//q:varlte")[0].text))
        if high - value != value - low:
            malformed.append("bounds not centred")
        record = replace(record, number=(value, value - low))
    elif qtype == "match":
        pairs = []
        for lid in xp(item, "q:presentation/q:response_lid"):
            labels = {str(label.get("ident")): _mattext(label) for label in xp(lid, "q:render_choice/q:response_label")}
            targets = [str(v.text) for v in xp(item, f"q:resprocessing/q:respcondition/q:conditionvar/"
                                                     f"q:varequal[@respident='{lid.get('ident')}']")]
            if len(targets) != 1 or targets[0] not in labels:
                malformed.append(f"{lid.get('ident')} has no existing correct match")
                continue
            pairs.append((_mattext(xp(lid, "q:material")[0]), labels[targets[0]]))
        record = replace(record, pairs=tuple(pairs))
    return replace(record, malformed=tuple(malformed))
