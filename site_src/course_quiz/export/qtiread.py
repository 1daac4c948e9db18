"""Reads a QTI 1.2 zip in Canvas's dialect back into records, so that ``course export`` can check its own QTI.

It checks what an import depends on: every file the manifest names is in the zip and every file in the
zip is named; identifiers are unique (manifest and resources, assessments, items, and within an item
its responses, choices and feedback); each item's correct response names choices that exist; every
feedback an item displays exists. The rest (texts, keys, feedback) is returned for comparison with the
source. Python's own XML parser is enough here: the files are the export's own. The tests read the
same zips independently with lxml (tests/course_quiz/export).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from course_quiz.export.base import ReadAnswer, ReadQuestion

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST = "imsmanifest.xml"
# Canvas's question_type metadata, and the type of question (ours, as the format holds it) each one is.
TYPE_OF_CANVAS_TYPE = {
    "multiple_choice_question": "single",
    "multiple_answers_question": "multiple",
    "true_false_question": "true-false",
    "short_answer_question": "short",
    "numerical_question": "numeric",
    "matching_question": "match",
}


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _text(element: ET.Element | None) -> str:
    """The text of the first ``mattext`` in ``element``."""
    mattext = element.find(f".//{_q('mattext')}") if element is not None else None
    return (mattext.text or "") if mattext is not None else ""


def _repeated(values: list[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def read_qti(data: bytes, true_false: tuple[str, str] = ("True", "False")) -> tuple[list[ReadQuestion], list[str]]:
    """Every item of every assessment in the zip, in manifest order, and the package's own problems."""
    errors: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [], [f"not a zip file ({exc})"]
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [], [f"the zip has no {MANIFEST}"]
        try:
            manifest = ET.fromstring(archive.read(MANIFEST))
        except ET.ParseError as exc:
            return [], [f"{MANIFEST} is not well-formed XML ({exc})"]
        namespace = manifest.tag.partition("}")[0] + "}" if manifest.tag.startswith("{") else ""
        resources = list(manifest.iter(f"{namespace}resource"))
        identifiers = [manifest.get("identifier", "")] + [r.get("identifier", "") for r in resources]
        errors.extend(f"identifier '{i}' is used more than once in {MANIFEST}" for i in _repeated(identifiers))
        referenced: set[str] = set()
        assessments: list[str] = []
        for resource in resources:
            hrefs = [resource.get("href")] + [f.get("href") for f in resource.iter(f"{namespace}file")]
            for href in dict.fromkeys(h for h in hrefs if h):
                if href not in names:
                    errors.append(f"{MANIFEST} names {href}, which is not in the zip")
                referenced.add(href)
                if resource.get("type") == "imsqti_xmlv1p2" and href in names and href not in assessments:
                    assessments.append(href)
        errors.extend(f"{name} is in the zip but not in {MANIFEST}" for name in sorted(names - referenced - {MANIFEST}))
        questions: list[ReadQuestion] = []
        idents: list[str] = []
        for name in assessments:
            try:
                root = ET.fromstring(archive.read(name))
            except ET.ParseError as exc:
                errors.append(f"{name} is not well-formed XML ({exc})")
                continue
            for assessment in root.iter(_q("assessment")):
                group = assessment.get("ident", "")
                idents.append(group)
                for item in assessment.iter(_q("item")):
                    idents.append(item.get("ident", ""))
                    questions.append(_read_item(item, group, true_false))
        errors.extend(f"identifier '{i}' is used by more than one assessment or item" for i in _repeated(idents))
    return questions, errors


class _Item:
    """One item taken apart; ``malformed`` collects what does not hold together."""

    def __init__(self, item: ET.Element) -> None:
        self.item = item
        self.malformed: list[str] = []
        self.feedback: dict[str, str] = {}
        feedback_ids = []
        for feedback in item.findall(_q("itemfeedback")):
            feedback_ids.append(feedback.get("ident", ""))
            self.feedback[feedback.get("ident", "")] = _text(feedback)
        self.note_repeated(feedback_ids, "feedback")
        self.conditions = item.findall(f"{_q('resprocessing')}/{_q('respcondition')}")

    def note_repeated(self, values: list[str], what: str) -> None:
        self.malformed.extend(f"{what} identifier '{v}' is used more than once" for v in _repeated(values))

    def shown_feedback(self, condition: ET.Element) -> str:
        display = condition.find(_q("displayfeedback"))
        if display is None:
            return ""
        ident = display.get("linkrefid", "")
        if ident not in self.feedback:
            self.malformed.append(f"a condition shows feedback '{ident}', which does not exist")
        return self.feedback.get(ident, "")

    def scoring(self) -> list[ET.Element]:
        return [c for c in self.conditions if c.find(_q("setvar")) is not None]

    def choices(self, response: ET.Element) -> dict[str, str]:
        labels = response.findall(f"{_q('render_choice')}/{_q('response_label')}")
        self.note_repeated([label.get("ident", "") for label in labels], "choice")
        return {label.get("ident", ""): _text(label) for label in labels}

    def named(self, varequal: ET.Element, response: str, choices: dict[str, str]) -> str:
        """The choice a ``varequal`` names, checked against the response's choices."""
        if varequal.get("respident") != response:
            self.malformed.append(f"a condition tests response '{varequal.get('respident')}', not '{response}'")
        ident = (varequal.text or "").strip()
        if ident not in choices:
            self.malformed.append(f"the correct response names '{ident}', which is no choice of the item")
        return ident

    def number(self, element: ET.Element | None, what: str) -> Decimal | None:
        try:
            return Decimal((element.text or "").strip()) if element is not None else None
        except InvalidOperation:
            self.malformed.append(f"{what} is not a number")
            return None


def _read_item(item: ET.Element, group: str, true_false: tuple[str, str]) -> ReadQuestion:
    reader = _Item(item)
    fields = {f.findtext(_q("fieldlabel")): f.findtext(_q("fieldentry"))
              for f in item.iter(_q("qtimetadatafield"))}
    question_type = fields.get("question_type") or ""
    qtype = TYPE_OF_CANVAS_TYPE.get(question_type, "")
    if not qtype:
        reader.malformed.append(f"question_type '{question_type}' is not one this course writes")
    presentation = item.find(_q("presentation"))
    stem = _text(presentation.find(_q("material"))) if presentation is not None else ""
    general = ""
    answer_feedback: dict[str, str] = {}
    for condition in reader.conditions:
        if condition.find(f"{_q('conditionvar')}/{_q('other')}") is not None:
            general = reader.shown_feedback(condition)
        elif condition.find(_q("displayfeedback")) is not None:
            varequal = condition.find(f"{_q('conditionvar')}/{_q('varequal')}")
            if varequal is not None:
                answer_feedback[(varequal.text or "").strip()] = reader.shown_feedback(condition)
    record = ReadQuestion(item.get("title", ""), qtype, stem, general_feedback=general, group=group)
    lids = presentation.findall(_q("response_lid")) if presentation is not None else []
    strs = presentation.findall(_q("response_str")) if presentation is not None else []
    reader.note_repeated([r.get("ident", "") for r in lids + strs], "response")
    scoring = reader.scoring()
    if qtype in ("single", "multiple", "true-false"):
        record = _read_choice(reader, record, lids, scoring, answer_feedback, true_false=true_false)
    elif qtype in ("short", "numeric"):
        record = _read_typed(reader, record, strs, scoring)
    elif qtype == "match":
        record = _read_pairs(reader, record, lids, scoring)
    return replace(record, malformed=tuple(reader.malformed))


def _read_choice(reader: _Item, record: ReadQuestion, lids: list[ET.Element], scoring: list[ET.Element],
                 feedback: dict[str, str], *, true_false: tuple[str, str]) -> ReadQuestion:
    qtype = record.type
    if len(lids) != 1 or len(scoring) != 1:
        reader.malformed.append("a choice item needs one response and one scoring condition")
        return record
    response = lids[0].get("ident", "")
    choices = reader.choices(lids[0])
    condition = scoring[0].find(_q("conditionvar"))
    right: list[str] = []
    wrong: list[str] = []
    if condition is not None:
        both = condition.find(_q("and"))
        if qtype == "multiple" and both is not None:
            right = [reader.named(v, response, choices) for v in both.findall(_q("varequal"))]
            wrong = [reader.named(v, response, choices) for v in both.findall(f"{_q('not')}/{_q('varequal')}")]
            left_out = [ident for ident in choices if ident not in right + wrong]
            if left_out:
                reader.malformed.append(f"the key says nothing of choices {', '.join(left_out)}")
        else:
            right = [reader.named(v, response, choices) for v in condition.findall(_q("varequal"))]
    if qtype != "multiple" and len(right) != 1:
        reader.malformed.append(f"the correct response names {len(right)} choices, not one")
    if qtype == "true-false":
        if choices != {"true": true_false[0], "false": true_false[1]}:
            reader.malformed.append(f"a true-false item offers {sorted(choices)}, not true and false")
        return replace(record, value=right == ["true"])
    return replace(record, answers=tuple(ReadAnswer(text, Decimal(100 if ident in right else 0),
                                                    feedback.get(ident, ""), ident) for ident, text in choices.items()))


def _read_typed(reader: _Item, record: ReadQuestion, strs: list[ET.Element], scoring: list[ET.Element]) -> ReadQuestion:
    if len(strs) != 1 or len(scoring) != 1:
        reader.malformed.append("a typed-answer item needs one response and one scoring condition")
        return record
    response = strs[0].get("ident", "")
    condition = scoring[0].find(_q("conditionvar"))
    tests = list(condition.iter()) if condition is not None else []
    if any(t.get("respident") not in (None, response) for t in tests):
        reader.malformed.append(f"a condition tests another response than '{response}'")
    if record.type == "short":
        return replace(record, answers=tuple(ReadAnswer((t.text or "").strip(), Decimal(100))
                                             for t in tests if t.tag == _q("varequal")))
    value = reader.number(next((t for t in tests if t.tag == _q("varequal")), None), "the value")
    low = reader.number(next((t for t in tests if t.tag == _q("vargte")), None), "the lower bound")
    high = reader.number(next((t for t in tests if t.tag == _q("varlte")), None), "the upper bound")
    if value is None or low is None or high is None:
        reader.malformed.append("a numerical item needs a value and both bounds")
        return record
    if value - low != high - value:
        reader.malformed.append(f"the bounds {low} and {high} are not centred on {value}")
    return replace(record, number=(value, value - low))


def _read_pairs(reader: _Item, record: ReadQuestion, lids: list[ET.Element], scoring: list[ET.Element]) -> ReadQuestion:
    pairs = []
    targets: dict[str, list[str]] = {}
    for condition in scoring:
        for varequal in condition.iter(_q("varequal")):
            targets.setdefault(varequal.get("respident", ""), []).append((varequal.text or "").strip())
    for lid in lids:
        response = lid.get("ident", "")
        choices = reader.choices(lid)
        named = targets.get(response, [])
        if len(named) != 1:
            reader.malformed.append(f"response '{response}' has {len(named)} correct matches, not one")
            continue
        if named[0] not in choices:
            reader.malformed.append(f"the correct response of '{response}' names '{named[0]}', which is no choice")
            continue
        pairs.append((_text(lid.find(_q("material"))), choices[named[0]]))
    return replace(record, pairs=tuple(pairs))
