"""GIFT for Moodle: every question type GIFT can carry, with feedback, one ``$CATEGORY`` per lesson.

Texts are written as Markdown (``[markdown]``), the format the course writes them in, with every GIFT
special character (``~ = # { } :``) and line break escaped. Each question is named by its id. Single
choice marks the key with ``=``; multiple choice gives each right option an equal share of the grade
and each wrong option -100%, so only the exact key earns full marks (Moodle gives partial credit for
some of the right options and nothing once a wrong one is ticked); true-false, short answer, numeric
(``value:tolerance``) and matching are GIFT's own. An explanation is the general feedback (``####``).

GIFT has no ordering question, no hint and no unit; each is reported as a note and named in the file
as a comment. Ordering questions are written as matching questions of each item to its position (see
``OrderForm.as_pairs``), the same question the course page asks. A text GIFT cannot hold exactly is
an X801 problem, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from course_quiz.export.base import (
    ExportNote,
    QuizSource,
    ReadAnswer,
    ReadQuestion,
    Written,
    cannot_export,
    compare,
    form_of,
    note,
)
from course_quiz.export.giftread import FORMATS, SPECIAL, WEIGHT, read_gift
from course_quiz.model import Question, Quiz
from course_quiz.problems import Problem
from course_quiz.qtypes.forms import (
    BooleanForm,
    ChoiceForm,
    ExportForm,
    NumberForm,
    OrderForm,
    PairsForm,
    TextForm,
    plain_number,
)

NAME = "gift"
TITLE = "GIFT (Moodle)"
# A run of an odd number of backslashes before a special character, an n, a line break or the end: Moodle
# keeps "\\" as two backslashes and reads "\:" as an escape, so no GIFT text reads back as such a run.
_ODD_BACKSLASHES = re.compile(r"(?<!\\)(?:\\\\)*\\(?=[~=#{}:n\n]|$)")
_STARTS_WITH_FORMAT = re.compile(r"^\[(" + "|".join(FORMATS) + r")\]", re.IGNORECASE)
# Moodle grades an answer with one of a fixed list of percentages; 100/n is in it for n up to 10.
MAX_RIGHT_OPTIONS = 10


def escape(text: str) -> str:
    r"""``text`` with every GIFT special character escaped and line breaks written ``\\n``."""
    return "".join(f"\\{char}" if char in SPECIAL else "\\n" if char == "\n" else char for char in text)


def category(source: QuizSource) -> str:
    """The category of a lesson's questions: ``$course$/top/<lesson title>``; a ``/`` in the title is doubled."""
    return "$course$/top/" + source.lesson_title.replace("/", "//")


def right_weight(count: int) -> Decimal:
    """The share of the grade of each of ``count`` right options, at Moodle's five decimals."""
    return (Decimal(100) / count).quantize(Decimal("0.00001")).normalize()


def _weight_text(weight: Decimal) -> str:
    return plain_number(weight)


class _Writer:
    """Writes one question, collecting notes and problems."""

    def __init__(self, quiz: Quiz, question: Question) -> None:
        self.quiz = quiz
        self.question = question
        self.notes: list[ExportNote] = []
        self.problems: list[Problem] = []

    def text(self, text: str, what: str, line: int, *, formatted: bool = True, answer: bool = False) -> str:
        """``text`` trimmed and escaped, or a problem when GIFT cannot hold it exactly."""
        text = text.strip()
        label = f"{what} of question '{self.question.id}'"
        reasons = []
        if _ODD_BACKSLASHES.search(text):
            reasons.append("has a backslash before a special character, an n or its end, which Moodle's GIFT "
                           "import reads as an escape; remove it or double it")
        if formatted and _STARTS_WITH_FORMAT.match(text):
            reasons.append("starts with a format name in brackets, which Moodle would take as the text's format; "
                           "reword its start")
        if answer and WEIGHT.match(text):
            reasons.append("starts with a percentage between % signs, which GIFT reads as the answer's weight; "
                           "reword its start")
        self.problems.extend(cannot_export(self.quiz, line, f"GIFT cannot hold the {label}: it {reason}")
                             for reason in reasons)
        return escape(text)

    def no_arrow(self, text: str, what: str, line: int) -> None:
        if "->" in text:
            self.problems.append(cannot_export(self.quiz, line, f"GIFT cannot hold the {what} of question "
                                               f"'{self.question.id}': it contains '->', which GIFT reads as a "
                                               "matching pair and cannot escape; write '→' instead"))

    def lines(self, form: ExportForm) -> list[str]:
        """The answer lines of the question's block."""
        question = self.question
        if isinstance(form, ChoiceForm):
            return self.choice_lines(form)
        if isinstance(form, BooleanForm):
            return ["TRUE" if form.value else "FALSE"]
        if isinstance(form, TextForm):
            line = question.lines.get("answer", question.line)
            for accepted in form.accepted:
                self.no_arrow(accepted, "accepted answer", line)
            self.short_notes(form)
            return [f"={self.text(a, 'accepted answer', line, formatted=False, answer=True)}" for a in form.accepted]
        if isinstance(form, NumberForm):
            if form.unit:
                self.notes.append(note(self.quiz, question, f"GIFT has no units: students type the number "
                                                            f"without '{form.unit}'"))
            return [f"#{plain_number(form.value)}:{plain_number(form.tolerance)}"]
        if isinstance(form, OrderForm):
            self.notes.append(note(self.quiz, question, "GIFT has no ordering question: exported as matching, "
                                                        "each item to its position (1 first)"))
            form = form.as_pairs()
        return self.pair_lines(form)

    def choice_lines(self, form: ChoiceForm) -> list[str]:
        if form.multiple and len(form.right) > MAX_RIGHT_OPTIONS:
            self.problems.append(cannot_export(self.quiz, self.question.key_line, f"GIFT cannot grade question "
                                               f"'{self.question.id}': Moodle's grades cannot give each of "
                                               f"{len(form.right)} right options an equal share of 100%; keep at "
                                               f"most {MAX_RIGHT_OPTIONS}"))
        share = _weight_text(right_weight(max(len(form.right), 1)))
        rows = []
        for option in form.options:
            right = option.id in form.right
            mark = (f"~%{share}%" if right else "~%-100%") if form.multiple else ("=" if right else "~")
            text = self.text(option.text, f"option '{option.id}'", option.line, answer=not form.multiple)
            feedback = (f"#{self.text(option.feedback, f'feedback of option {option.id!r}', option.line)}"
                        if option.feedback and option.feedback.strip() else "")
            rows.append(f"{mark}{text}{feedback}")
        return rows

    def pair_lines(self, form: PairsForm) -> list[str]:
        rows = []
        for left in form.left:
            right = form.target_of(left.id)
            self.no_arrow(left.text, f"entry '{left.id}'", left.line)
            self.no_arrow(right.text, f"entry '{right.id}'", right.line)
            rows.append(f"={self.text(left.text, f'entry {left.id!r}', left.line)} -> "
                        f"{self.text(right.text, f'entry {right.id!r}', right.line, formatted=False)}")
        return rows

    def short_notes(self, form: TextForm) -> None:
        ignored = [rule for rule in ("punctuation", "diacritics") if rule in form.normalize]
        if ignored:
            self.notes.append(note(self.quiz, self.question, f"Moodle compares short answers ignoring case only, "
                                                             f"not {' or '.join(ignored)}: add the variants "
                                                             "students may type"))
        if "case" not in form.normalize:
            self.notes.append(note(self.quiz, self.question, "Moodle's GIFT import makes short answers "
                                                             "ignore case, which this question does not"))


def _question_block(source: QuizSource, question: Question) -> tuple[list[str], list[ExportNote], list[Problem]]:
    writer = _Writer(source.quiz, question)
    form = form_of(question)
    answers = writer.lines(form)
    stem = writer.text(question.prompt, "prompt", question.lines.get("prompt", question.line))
    block = [f"::{question.id}::[markdown]{stem}{{", *answers]
    if question.explanation and question.explanation.strip():
        block.append("####" + writer.text(question.explanation, "explanation",
                                          question.lines.get("explanation", question.line)))
    block.append("}")
    if question.hint:
        writer.notes.append(note(source.quiz, question, "GIFT has no hints: the hint is left out"))
    comments = [f"// note: {' '.join(n.message.split())}" for n in writer.notes]
    return comments + block, writer.notes, writer.problems


def write(sources: Sequence[QuizSource], step: Callable[[], None]) -> Written:
    """The GIFT file of ``sources``, in order, with a ``$CATEGORY`` line whenever the lesson changes."""
    count = sum(len(s.quiz.questions) for s in sources)
    header = ["// GIFT export of the course's quizzes, written by `course export --format gift`.",
              "// Import it in Moodle: Question bank, Import, format GIFT (see the course's instructors' guide).",
              f"// {count} questions from {len(sources)} quizzes; the comments name what GIFT cannot carry."]
    blocks: list[list[str]] = []
    notes: list[ExportNote] = []
    problems: list[Problem] = []
    current = None
    for source in sources:
        if category(source) != current:
            current = category(source)
            blocks.append([*header, f"$CATEGORY: {current}"])
            header = []
        title = " ".join(source.quiz.title.split())
        for index, question in enumerate(source.quiz.questions):
            block, found_notes, found_problems = _question_block(source, question)
            if index == 0:
                block.insert(0, f"// quiz '{source.quiz.id}': {title} ({source.quiz.lesson})")
            blocks.append(block)
            notes.extend(found_notes)
            problems.extend(found_problems)
        step()
    text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
    return Written(text.encode("utf-8"), tuple(notes), tuple(problems))


def expected(sources: Sequence[QuizSource]) -> list[tuple[Quiz, Question, ReadQuestion]]:
    """What the GIFT export of ``sources`` must read back as, question by question."""
    records = []
    for source in sources:
        for question in source.quiz.questions:
            records.append((source.quiz, question, expected_question(source, question)))
    return records


def expected_question(source: QuizSource, question: Question) -> ReadQuestion:
    """The record a GIFT reader must find for ``question``."""
    form = form_of(question)
    base = ReadQuestion(name=question.id, type="", stem=question.prompt.strip(), group=category(source),
                        general_feedback=(question.explanation or "").strip())
    if isinstance(form, ChoiceForm):
        share = right_weight(max(len(form.right), 1))
        wrong = Decimal(-100) if form.multiple else Decimal(0)
        answers = tuple(ReadAnswer(o.text.strip(), (share if form.multiple else Decimal(100)) if o.id in form.right
                                   else wrong, (o.feedback or "").strip()) for o in form.options)
        return replace(base, type="multiple" if form.multiple else "single", answers=answers)
    if isinstance(form, BooleanForm):
        return replace(base, type="true-false", value=form.value)
    if isinstance(form, TextForm):
        return replace(base, type="short", answers=tuple(ReadAnswer(a.strip(), Decimal(100)) for a in form.accepted))
    if isinstance(form, NumberForm):
        return replace(base, type="numeric", number=(form.value, form.tolerance))
    pairs = form.as_pairs() if isinstance(form, OrderForm) else form
    return replace(base, type="match", pairs=tuple((left.text.strip(), pairs.target_of(left.id).text.strip())
                                                   for left in pairs.left))


def read_back(data: bytes, sources: Sequence[QuizSource]) -> list[Problem]:
    """Read the export with ``giftread`` (Moodle's rules) and compare it with ``sources``."""
    found, errors = read_gift(data.decode("utf-8"))
    return compare(TITLE, expected(sources), found, errors)
