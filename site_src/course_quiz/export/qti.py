"""QTI 1.2 for Canvas: a zip with ``imsmanifest.xml`` and one assessment per quiz, in Canvas's own dialect.

Each question is an ``item`` whose ``question_type`` field (Canvas's metadata) names its type in Canvas's terms:
``multiple_choice_question``, ``multiple_answers_question``, ``true_false_question``,
``short_answer_question``, ``numerical_question`` or ``matching_question``. Texts are the course's
own HTML rendering of their Markdown (``textrender``, the same as on the site); the right entries of
a matching question are plain text, as Canvas shows them in a list. Every option's feedback and the
explanation (``general_fb``) are carried.

Identifiers are derived from the course's ids, so they are stable from one export to the next and
unique in the package: ``quiz-<quiz id>`` for an assessment, ``question-<question id>`` for an item
(question ids are unique in the course), ``response-<question id>`` for its response, and the option
ids for the choices. The zip's bytes are the same for the same sources (fixed dates, sorted entries).

Canvas's classic quizzes have no ordering question, QTI 1.2 answers have no hint, and Canvas's
numerical questions have no unit: each is a note, and a comment in the item. Ordering questions are
written as matching questions of each item to its position (``OrderForm.as_pairs``).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from course_quiz.export.base import (
    ExportNote,
    QuizSource,
    ReadAnswer,
    ReadQuestion,
    Written,
    compare,
    form_of,
    language_of,
    note,
)
from course_quiz.export.qtiread import MANIFEST, QTI_NS, TYPE_OF_CANVAS_TYPE, read_qti
from course_quiz.messages import Words, words
from course_quiz.model import Question, Quiz
from course_quiz.problems import Problem
from course_quiz.qtypes.forms import (
    BooleanForm,
    ChoiceForm,
    NumberForm,
    OrderForm,
    PairsForm,
    TextForm,
    plain_number,
)
from course_quiz.textrender import TextRenderer, plain_text

NAME = "qti"
TITLE = "QTI 1.2 (Canvas)"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_TYPE_OF = {qtype: question_type for question_type, qtype in TYPE_OF_CANVAS_TYPE.items()}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def assessment_ident(quiz: Quiz) -> str:
    """The assessment's identifier: ``quiz-<quiz id>``."""
    return f"quiz-{quiz.id}"


def item_ident(question: Question) -> str:
    """The item's identifier: ``question-<question id>`` (question ids are unique in the course)."""
    return f"question-{question.id}"


def assessment_file(quiz: Quiz) -> str:
    """The path of a quiz's assessment in the zip."""
    return f"{assessment_ident(quiz)}.xml"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype=texttype)


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _comment(parent: ET.Element, text: str) -> None:
    # An XML comment may not contain "--" nor end in "-".
    parent.append(ET.Comment(" " + " ".join(text.replace("--", "- -").split()) + " "))


class _Item:
    """Builds one item: presentation, response processing and feedback."""

    def __init__(self, text: TextRenderer, quiz: Quiz, question: Question, words: Words) -> None:
        self.text = text
        self.words = words
        self.quiz = quiz
        self.question = question
        self.notes: list[ExportNote] = []
        self.item = ET.Element("item", ident=item_ident(question), title=question.id)
        self.response = f"response-{question.id}"
        self.feedback: list[tuple[str, str]] = []  # (itemfeedback ident, HTML)

    def build(self) -> ET.Element:
        question = self.question
        form = form_of(question)
        if isinstance(form, OrderForm):
            self.notes.append(note(self.quiz, question, "Canvas has no ordering question in classic quizzes: "
                                                        "exported as matching, each item to its position (1 first)"))
            form = form.as_pairs()
        if question.hint:
            self.notes.append(note(self.quiz, question, "QTI for Canvas has no hints: the hint is left out"))
        qtype = _type_of(form)
        _metadata(_sub(self.item, "itemmetadata"), {"question_type": CANVAS_TYPE_OF[qtype], "points_possible": "1.0"})
        presentation = _sub(self.item, "presentation")
        _material(presentation, self.text.block(question.prompt))
        processing = _sub(self.item, "resprocessing")
        outcomes = _sub(processing, "outcomes")
        _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        if question.explanation and question.explanation.strip():
            self.feedback.append(("general_fb", self.text.block(question.explanation)))
            condition = _sub(processing, "respcondition", **{"continue": "Yes"})
            _sub(_sub(condition, "conditionvar"), "other")
            _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        if isinstance(form, ChoiceForm):
            self.choices(presentation, processing, form)
        elif isinstance(form, BooleanForm):
            self.true_false(presentation, processing, form)
        elif isinstance(form, TextForm):
            self.short(presentation, processing, form)
        elif isinstance(form, NumberForm):
            self.number(presentation, processing, form)
        else:
            self.pairs(presentation, processing, form)
        for ident, html in self.feedback:
            feedback = _sub(self.item, "itemfeedback", ident=ident)
            _material(_sub(feedback, "flow_mat"), html)
        for found in reversed(self.notes):
            self.item.insert(0, ET.Comment(f" note: {' '.join(found.message.replace('--', '- -').split())} "))
        return self.item

    def _score(self, processing: ET.Element, conditions: ET.Element) -> None:
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        condition.append(conditions)
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def choices(self, presentation: ET.Element, processing: ET.Element, form: ChoiceForm) -> None:
        lid = _sub(presentation, "response_lid", ident=self.response,
                   rcardinality="Multiple" if form.multiple else "Single")
        choice = _sub(lid, "render_choice")
        for option in form.options:
            label = _sub(choice, "response_label", ident=option.id)
            _material(label, self.text.inline(option.text))
            if option.feedback and option.feedback.strip():
                self.feedback.append((f"option-{option.id}_fb", self.text.block(option.feedback)))
                condition = _sub(processing, "respcondition", **{"continue": "Yes"})
                _sub(_sub(condition, "conditionvar"), "varequal", option.id, respident=self.response)
                _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"option-{option.id}_fb")
        conditions = ET.Element("conditionvar")
        if form.multiple:
            both = _sub(conditions, "and")
            for option in form.options:
                parent = both if option.id in form.right else _sub(both, "not")
                _sub(parent, "varequal", option.id, respident=self.response)
        else:
            _sub(conditions, "varequal", form.right[0], respident=self.response)
        self._score(processing, conditions)

    def true_false(self, presentation: ET.Element, processing: ET.Element, form: BooleanForm) -> None:
        lid = _sub(presentation, "response_lid", ident=self.response, rcardinality="Single")
        choice = _sub(lid, "render_choice")
        for value in ("true", "false"):
            _material(_sub(choice, "response_label", ident=value), self.words(value), "text/plain")
        conditions = ET.Element("conditionvar")
        _sub(conditions, "varequal", "true" if form.value else "false", respident=self.response)
        self._score(processing, conditions)

    def short(self, presentation: ET.Element, processing: ET.Element, form: TextForm) -> None:
        ignored = [rule for rule in ("punctuation", "diacritics") if rule in form.normalize]
        if ignored:
            self.notes.append(note(self.quiz, self.question, f"Canvas compares short answers ignoring case only, "
                                                             f"not {' or '.join(ignored)}: add the variants "
                                                             "students may type"))
        if "case" not in form.normalize:
            self.notes.append(note(self.quiz, self.question, "Canvas short answers ignore case, which this "
                                                             "question does not"))
        entry = _sub(presentation, "response_str", ident=self.response, rcardinality="Single")
        _sub(_sub(entry, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        conditions = ET.Element("conditionvar")
        parent = _sub(conditions, "or") if len(form.accepted) > 1 else conditions
        for accepted in form.accepted:
            _sub(parent, "varequal", accepted.strip(), respident=self.response)
        self._score(processing, conditions)

    def number(self, presentation: ET.Element, processing: ET.Element, form: NumberForm) -> None:
        if form.unit:
            self.notes.append(note(self.quiz, self.question, f"Canvas numerical questions have no unit: students "
                                                             f"type the number without '{form.unit}'"))
        entry = _sub(presentation, "response_str", ident=self.response, rcardinality="Single")
        _sub(_sub(entry, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        conditions = ET.Element("conditionvar")
        either = _sub(conditions, "or")
        _sub(either, "varequal", plain_number(form.value), respident=self.response)
        both = _sub(either, "and")
        _sub(both, "vargte", plain_number(form.value - form.tolerance), respident=self.response)
        _sub(both, "varlte", plain_number(form.value + form.tolerance), respident=self.response)
        self._score(processing, conditions)

    def pairs(self, presentation: ET.Element, processing: ET.Element, form: PairsForm) -> None:
        share = plain_number((Decimal(100) / len(form.left)).quantize(Decimal("0.01")))
        for left in form.left:
            response = f"{self.response}-{left.id}"
            lid = _sub(presentation, "response_lid", ident=response)
            _material(lid, self.text.inline(left.text))
            choice = _sub(lid, "render_choice")
            for right in form.right:
                _material(_sub(choice, "response_label", ident=right.id), plain_text(self.text.inline(right.text)),
                          "text/plain")
            condition = _sub(processing, "respcondition")
            _sub(_sub(condition, "conditionvar"), "varequal", dict(form.pairs)[left.id], respident=response)
            _sub(condition, "setvar", share, action="Add", varname="SCORE")


def _type_of(form: object) -> str:
    if isinstance(form, ChoiceForm):
        return "multiple" if form.multiple else "single"
    if isinstance(form, BooleanForm):
        return "true-false"
    if isinstance(form, TextForm):
        return "short"
    if isinstance(form, NumberForm):
        return "numeric"
    return "match"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'.encode()


def _assessment(text: TextRenderer, source: QuizSource) -> tuple[bytes, list[ExportNote]]:
    quiz = source.quiz
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    _comment(root, f"quiz '{quiz.id}' of {quiz.lesson}, written by the course's export to QTI 1.2 for Canvas")
    assessment = _sub(root, "assessment", ident=assessment_ident(quiz),
                      title=f"{source.lesson_title}: {' '.join(quiz.title.split())}")
    _metadata(assessment, {"cc_maxattempts": "unlimited"})
    section = _sub(assessment, "section", ident=f"section-{quiz.id}")
    notes: list[ExportNote] = []
    for question in quiz.questions:
        item = _Item(text, quiz, question, words(source.language))
        section.append(item.build())
        notes.extend(item.notes)
    return _xml(root), notes


def _manifest(sources: Sequence[QuizSource]) -> bytes:
    root = ET.Element("manifest", identifier="course-quiz-export", xmlns=CP_NS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for source in sources:
        resource = _sub(resources, "resource", identifier=f"resource-{source.quiz.id}", type="imsqti_xmlv1p2",
                        href=assessment_file(source.quiz))
        _sub(resource, "file", href=assessment_file(source.quiz))
    return _xml(root)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write(sources: Sequence[QuizSource], step: Callable[[], None]) -> Written:
    """The QTI zip of ``sources``: the manifest and one assessment per quiz."""
    text = TextRenderer()
    files = {MANIFEST: _manifest(sources)}
    notes: list[ExportNote] = []
    for source in sources:
        files[assessment_file(source.quiz)], found = _assessment(text, source)
        notes.extend(found)
        step()
    return Written(_zip(files), tuple(notes))


def expected(sources: Sequence[QuizSource]) -> list[tuple[Quiz, Question, ReadQuestion]]:
    """What the QTI export of ``sources`` must read back as, question by question."""
    text = TextRenderer()
    return [(source.quiz, question, expected_question(text, source, question))
            for source in sources for question in source.quiz.questions]


def expected_question(text: TextRenderer, source: QuizSource, question: Question) -> ReadQuestion:
    """The record a QTI reader must find for ``question``: texts as the course renders them."""
    form = form_of(question)
    if isinstance(form, OrderForm):
        form = form.as_pairs()
    explanation = question.explanation
    base = ReadQuestion(name=question.id, type=_type_of(form), stem=text.block(question.prompt),
                        group=assessment_ident(source.quiz),
                        general_feedback=text.block(explanation) if explanation and explanation.strip() else "")
    if isinstance(form, ChoiceForm):
        return replace(base, answers=tuple(
            ReadAnswer(text.inline(o.text), Decimal(100 if o.id in form.right else 0),
                       text.block(o.feedback) if o.feedback and o.feedback.strip() else "", o.id)
            for o in form.options))
    if isinstance(form, BooleanForm):
        return replace(base, value=form.value)
    if isinstance(form, TextForm):
        return replace(base, answers=tuple(ReadAnswer(a.strip(), Decimal(100)) for a in form.accepted))
    if isinstance(form, NumberForm):
        return replace(base, number=(form.value, form.tolerance))
    return replace(base, pairs=tuple((text.inline(left.text), plain_text(text.inline(form.target_of(left.id).text)))
                                     for left in form.left))


def read_back(data: bytes, sources: Sequence[QuizSource]) -> list[Problem]:
    """Read the zip back with ``qtiread`` and compare it with ``sources``."""
    say = words(language_of(sources))
    found, errors = read_qti(data, (say("true"), say("false")))
    return compare(TITLE, expected(sources), found, errors)
