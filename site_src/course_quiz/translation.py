"""Translations of quizzes: text only, for ids the source quiz has; keys always come from the source.

A translation of ``quizzes/<stem>.yml`` into a language is ``quizzes/<stem>.<language>.yml`` (say
``open-weights.zh.yml``): the quiz's ``id`` and ``language``, a ``title``, and ``questions`` naming
source question ids, each with its texts (``prompt``, ``explanation``, ``hint``; ``options`` with
``text`` and ``feedback``; ``items``, ``left``, ``right`` with ``text``; a numeric question's ``unit``).
The one key a translation gives is a short question's accepted answers (``answer``), since a student
types in the page's language; ``course lock`` records them per language.

It is read with the same located-YAML reader as a quiz (``yamlsource``), and its text fields with the
loader's text reader (the same Q112, Q113, Q501 and Q502). What it must not say is reported at its line:

* Q120: no source quiz (no ``<stem>.yml``), another quiz's id, or a language the engine has no words for;
* Q121: a question, option, item or match id the source does not have (added or renamed);
* Q122: an id given twice;
* Q123: a field that comes from the source (``type``, ``objective``, ``level``, ``review``, ``shuffle``,
  ``normalize``, ``lesson``, ``answer`` on any type but short, a text the source does not have) or an
  unknown field;
* Q124: an entry of the wrong shape (a list where a mapping belongs, a missing id or language);
* Q206: a short question's translated answers empty or repeated once normalised (as in a quiz);
* W411 (a warning; fatal under ``--strict``): a text of the source with no translation, whose source
  text is shown.

``localize_quiz`` gives the quiz as a language's pages show it: the translated texts (the source's where
one is missing) and the same ids and keys, except a short question's accepted answers, which are the
translation's. Every language's accepted answers are carried too (``Question.other_accepted``), so the
page of every language accepts them all and carries the same key, and so the same key stamp: progress is
shared between languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from course_quiz.loader import QuizReader
from course_quiz.messages import LANGUAGE_NAMES
from course_quiz.model import Choice, Question, Quiz
from course_quiz.normalize import normalize_answer
from course_quiz.problems import Problem, did_you_mean, problem
from course_quiz.qtypes import TYPES
from course_quiz.qtypes.numeric import NumericKey
from course_quiz.qtypes.short import ShortKey
from course_quiz.teaching import wording_problems
from course_quiz.yamlsource import YMap, YNode, YScalar, YSeq, decode_source, parse_yaml

# ``<stem>.<language>.yml``: a language tag of two or three letters (quiz ids have no dot).
_TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<language>[a-z]{2,3}(?:-[a-z0-9]+)*)$")
QUIZ_FIELDS = ("id", "language", "title", "questions")
QUESTION_TEXTS = ("prompt", "explanation", "hint")
# Where each type's translatable entries are: the lists of ``Question`` among the YAML fields the type reads.
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(f for f in qtype.fields if f in ("options", "items", "left", "right")) for name, qtype in TYPES.items()}
# Fields of a quiz or question that only the source may set.
SOURCE_ONLY = ("type", "objective", "level", "review", "shuffle", "normalize", "lesson", "answer", "value",
               "tolerance")


def translation_name(path: Path) -> tuple[str, str] | None:
    """``(source stem, language)`` when ``path`` is named like a translation (``<stem>.<language>.yml``)."""
    found = _TRANSLATION_NAME.match(path.stem)
    return (found.group("stem"), found.group("language")) if found else None


@dataclass(frozen=True, slots=True)
class ChoiceText:
    """An option, item or match entry's translation: its text and (options only) feedback."""

    id: str
    line: int
    text: str | None = None
    feedback: str | None = None


@dataclass(frozen=True, slots=True)
class QuestionText:
    """One question's translation: its texts by field, its entries' by field and id, its short answers."""

    id: str
    line: int
    texts: Mapping[str, str]
    choices: Mapping[str, Mapping[str, ChoiceText]]
    answer: tuple[str, ...] | None = None
    answer_line: int = 0
    lines: Mapping[str, int] = field(default_factory=dict)  # the line of each field given


@dataclass(frozen=True, slots=True)
class QuizTranslation:
    """One translation file, as far as it could be read."""

    quiz_id: str
    language: str
    path: str
    line: int
    title: str | None
    questions: Mapping[str, QuestionText]

    def answers(self, question_id: str) -> tuple[str, ...] | None:
        """The accepted answers this translation gives a short question, if any."""
        found = self.questions.get(question_id)
        return found.answer if found is not None else None


def read_translation(path: Path, display_path: str, language: str, source: Quiz,
                     allowed_hosts: frozenset[str] = frozenset()) -> tuple[QuizTranslation | None, list[Problem]]:
    """Read and check one translation of ``source`` (a quiz that loaded) into ``language``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [problem(display_path, 0, "Q100", f"cannot read file: {exc.strerror or exc}")]
    text, problems = decode_source(display_path, data)
    if text is None:
        return None, problems
    root, parse_problems = parse_yaml(display_path, text)
    problems += parse_problems
    if root is None:
        if not parse_problems:
            problems.append(problem(display_path, 1, "Q124", f"translation is empty; give id: {source.id}, language: {language}, title and questions"))
        return None, problems
    reader = _TranslationReader(display_path, language, source, allowed_hosts)
    translation = reader.read(root)
    return translation, problems + reader.problems


class _TranslationReader(QuizReader):
    """Reads one translation against its source quiz, recording problems as the loader does."""

    def __init__(self, path: str, language: str, source: Quiz, allowed_hosts: frozenset[str]) -> None:
        super().__init__(path, allowed_hosts)
        self.language = language
        self.source = source
        self.name = LANGUAGE_NAMES.get(language, language)

    def _shape(self, node: YNode, what: str, kind: type[YMap] | type[YSeq]) -> bool:
        if isinstance(node, kind):
            return True
        shape = "a mapping of fields" if kind is YMap else "a list"
        self.add(node.line, "Q124", f"{what} must be {shape}, as in the source quiz", node.column)
        return False

    def _text(self, node: YNode, what: str) -> str | None:
        if not isinstance(node, YScalar):
            self.add(node.line, "Q124", f"{what} must be text", node.column)
            return None
        return self.text(node, what)

    def _field_problem(self, key: str, line: int, column: int, where: str, allowed: tuple[str, ...], *,
                       source_has: str = "") -> None:
        """Q123 for a field a translation cannot give here."""
        if key in SOURCE_ONLY:
            self.add(line, "Q123", f"'{key}' in {where} comes from the source quiz ({self.source.path}) and cannot be translated; remove it", column)
        elif source_has:
            self.add(line, "Q123", f"'{key}' in {where}: {source_has}; remove it", column)
        else:
            self.add(line, "Q123", f"unknown field '{key}' in {where}{did_you_mean(key, allowed)}; a translation gives {', '.join(allowed)}", column)

    def read(self, root: YNode) -> QuizTranslation | None:
        if not self._shape(root, "a translation", YMap):
            return None
        assert isinstance(root, YMap)
        for key, entry in root.entries.items():
            if key not in QUIZ_FIELDS:
                self._field_problem(key, entry.key_line, entry.key_column, "the translation", QUIZ_FIELDS)
        id_entry = root.entries.get("id")
        if id_entry is None:
            self.add(root.line, "Q124", f"translation is missing 'id'; write id: {self.source.id} (the source quiz's id)", root.column)
        elif not (isinstance(id_entry.value, YScalar) and id_entry.value.text == self.source.id):
            shown = id_entry.value.text if isinstance(id_entry.value, YScalar) else "a list or mapping"
            self.add(id_entry.value.line, "Q120", f"translation says id '{shown}' but its source {self.source.path} is quiz '{self.source.id}'; write id: {self.source.id} (a translation is named and identified after its source)", id_entry.value.column)
            return None
        language_entry = root.entries.get("language")
        if language_entry is None:
            self.add(root.line, "Q124", f"translation is missing 'language'; write language: {self.language} (as its file name says)", root.column)
        elif not (isinstance(language_entry.value, YScalar) and language_entry.value.text == self.language):
            shown = language_entry.value.text if isinstance(language_entry.value, YScalar) else "a list or mapping"
            self.add(language_entry.value.line, "Q124", f"language is '{shown}' but the file name says '{self.language}'; make them agree", language_entry.value.column)
        title_entry = root.entries.get("title")
        title = self._text(title_entry.value, "title of the translation") if title_entry else None
        questions: dict[str, QuestionText] = {}
        questions_entry = root.entries.get("questions")
        if questions_entry is not None and self._shape(questions_entry.value, "questions", YSeq):
            assert isinstance(questions_entry.value, YSeq)
            for item in questions_entry.value.items:
                found = self._question(item, questions)
                if found is not None:
                    questions[found.id] = found
        translation = QuizTranslation(self.source.id, self.language, self.path, root.line, title, questions)
        self._missing(translation, title_entry.key_line if title_entry else root.line,
                      questions_entry.key_line if questions_entry else root.line)
        return translation

    def _question(self, node: YNode, seen: Mapping[str, QuestionText]) -> QuestionText | None:
        if not self._shape(node, "a question of the translation", YMap):
            return None
        assert isinstance(node, YMap)
        qid = self._entry_id(node, "a question", {q.id: q.line for q in self.source.questions},
                             {key: q.line for key, q in seen.items()}, kind="question", where=self.source.path)
        if qid is None:
            return None
        source = next(q for q in self.source.questions if q.id == qid)
        where = f"question '{qid}'"
        entry_fields = CHOICE_FIELDS.get(source.type, ())
        allowed = ("id", *QUESTION_TEXTS, *entry_fields, *(("unit",) if source.type == "numeric" else ()),
                   *(("answer",) if source.type == "short" else ()))
        texts: dict[str, str] = {}
        choices: dict[str, dict[str, ChoiceText]] = {}
        answer: tuple[str, ...] | None = None
        answer_line = 0
        for key, entry in node.entries.items():
            if key == "id":
                continue
            if key not in allowed:
                self._field_problem(key, entry.key_line, entry.key_column, where, allowed)
            elif key in QUESTION_TEXTS or key == "unit":
                has = getattr(source, key) if key != "unit" else _unit(source)
                if not has:
                    self._field_problem(key, entry.key_line, entry.key_column, where, allowed,
                                        source_has=f"the source question has no {key} to translate")
                    continue
                value = self._text(entry.value, f"{key} of {where}")
                if value is not None:
                    texts[key] = value
            elif key == "answer" and isinstance(source.key, ShortKey):
                answer, answer_line = self._answers(entry.value, source.id, source.key), entry.key_line
            else:
                choices[key] = self._choices(entry.value, key, source, where)
        lines = {key: entry.key_line for key, entry in node.entries.items()}
        return QuestionText(qid, node.line, texts, choices, answer, answer_line, lines)

    def _entry_id(self, node: YMap, what: str, known: Mapping[str, int], seen: Mapping[str, int], *, kind: str,
                  where: str) -> str | None:
        """The id of an entry: one the source has (Q121), given once (Q122)."""
        entry = node.entries.get("id")
        if entry is None:
            self.add(node.line, "Q124", f"{what} of the translation has no 'id'; give the source's {kind} id", node.column)
            return None
        value = entry.value.text if isinstance(entry.value, YScalar) else None
        if value is None or value not in known:
            if value is not None and self.source.is_partial and kind == "question":
                return None  # the source question may be the one left out for an error: its problem says why
            shown = f"'{value}'" if value is not None else "a list or mapping"
            self.add(entry.value.line, "Q121", f"{kind} id {shown} is not in {where}{did_you_mean(value or '', known)}; a translation cannot add or rename ids: use the source's ({', '.join(known)})", entry.value.column)
            return None
        if value in seen:
            self.add(entry.value.line, "Q122", f"{kind} '{value}' is translated twice (first at line {seen[value]}); keep one", entry.value.column)
            return None
        return value

    def _choices(self, node: YNode, key: str, source: Question, where: str) -> dict[str, ChoiceText]:
        found: dict[str, ChoiceText] = {}
        if not self._shape(node, f"{key} of {where}", YSeq):
            return found
        assert isinstance(node, YSeq)
        known = {choice.id: choice for choice in getattr(source, key)}
        allowed = ("id", "text", "feedback") if key == "options" else ("id", "text")
        for item in node.items:
            if not self._shape(item, f"an entry of {key} in {where}", YMap):
                continue
            assert isinstance(item, YMap)
            cid = self._entry_id(item, f"an entry of {key} in {where}", {c: v.line for c, v in known.items()},
                                 {c: v.line for c, v in found.items()}, kind=f"{key} entry", where=f"{key} of {where}")
            if cid is None:
                continue
            entry_where = f"{key} entry '{cid}' of {where}"
            values: dict[str, str | None] = {"text": None, "feedback": None}
            for name, entry in item.entries.items():
                if name == "id":
                    continue
                if name not in allowed:
                    self._field_problem(name, entry.key_line, entry.key_column, entry_where, allowed)
                elif name == "feedback" and not known[cid].feedback:
                    self._field_problem(name, entry.key_line, entry.key_column, entry_where, allowed,
                                        source_has="the source option has no feedback to translate")
                else:
                    values[name] = self._text(entry.value, f"{name} of {entry_where}")
            found[cid] = ChoiceText(cid, item.line, values["text"], values["feedback"])
        return found

    def _answers(self, node: YNode, qid: str, source: ShortKey) -> tuple[str, ...] | None:
        """A short question's accepted answers in this language: text, none empty or repeated once normalised."""
        items = node.items if isinstance(node, YSeq) else (node,)
        answers: list[str] = []
        for item in items:
            if isinstance(item, YScalar) and item.value is not None and not isinstance(item.value, bool):
                answers.append(item.value if isinstance(item.value, str) else item.text)
            else:
                self.add(item.line, "Q124", f"accepted answers of question '{qid}' must be a list of texts", item.column)
                return None
        normalized = [normalize_answer(answer, source.normalize) for answer in answers]
        if not normalized or not all(normalized):
            self.add(node.line, "Q206", f"the {self.name} accepted answers of question '{qid}' include an empty one; list at least one non-empty answer", node.column)
            return None
        twice = sorted({n for n in normalized if normalized.count(n) > 1})
        if twice:
            self.add(node.line, "Q206", f"the {self.name} accepted answers of question '{qid}' list '{twice[0]}' twice once {'/'.join(source.normalize) or 'nothing'} is ignored; remove the copy", node.column)
            return None
        return tuple(answers)

    def _missing(self, translation: QuizTranslation, title_line: int, questions_line: int) -> None:
        """W411 for every text of the source this translation does not give (the source's is shown)."""
        if translation.title is None:
            self.add(title_line, "W411", f"the quiz title has no {self.name} translation; the English title is shown")
        for question in self.source.questions:
            found = translation.questions.get(question.id)
            if found is None:
                self.add(questions_line, "W411", f"question '{question.id}' has no {self.name} translation; its English text is shown")
                continue
            missing = missing_texts(question, found)
            if missing:
                self.add(found.line, "W411", f"question '{question.id}' has no {self.name} translation of its {', '.join(missing)}; the English text is shown")


def missing_texts(question: Question, found: QuestionText) -> list[str]:
    """The texts of ``question`` that ``found`` does not translate, named for a message."""
    missing = [key for key in QUESTION_TEXTS if getattr(question, key) and key not in found.texts]
    if _unit(question) and "unit" not in found.texts:
        missing.append("unit")
    for key in CHOICE_FIELDS.get(question.type, ()):
        given = found.choices.get(key, {})
        for choice in getattr(question, key):
            entry = given.get(choice.id)
            if entry is None or entry.text is None:
                missing.append(f"{key} entry '{choice.id}'")
            elif choice.feedback and entry.feedback is None:
                missing.append(f"feedback of option '{choice.id}'")
    if question.type == "short" and found.answer is None:
        missing.append("accepted answers")
    return missing


def localize_quiz(quiz: Quiz, translation: QuizTranslation | None,
                  others: Iterable[QuizTranslation] = ()) -> Quiz:
    """``quiz`` as the pages of ``translation``'s language show it (the source's language when it is ``None``).

    Texts are the translation's where it gives them, else the source's; ids, types and keys are the
    source's, except a short question's accepted answers, which are the translation's when it gives
    them. ``others`` are the quiz's translations into the course's other languages: their accepted
    answers (and, for a translation, the source's) go into ``other_accepted``, so that every page carries
    one key.
    """
    all_translations = [t for t in others if t is not translation]
    questions = []
    for question in quiz.questions:
        found = translation.questions.get(question.id) if translation is not None else None
        localized = _localize_question(question, found) if found is not None else question
        source_key, key = question.key, localized.key
        if isinstance(source_key, ShortKey) and isinstance(key, ShortKey):
            elsewhere = [] if translation is None else list(source_key.accepted)
            for other in all_translations:
                elsewhere.extend(other.answers(question.id) or ())
            mine = set(key.accepted)
            others_only = tuple(dict.fromkeys(a for a in elsewhere if a not in mine))
            localized = replace(localized, key=replace(key, other_accepted=others_only))
        questions.append(localized)
    title = translation.title if translation is not None and translation.title else quiz.title
    return replace(quiz, title=title, questions=tuple(questions))


def locked_answers(quiz: Quiz, translation: QuizTranslation) -> Quiz:
    """The short questions of ``quiz`` whose accepted answers ``translation`` gives, with those answers.

    These are the keys of a language that ``course lock`` records (``quiz/question@language``).
    """
    questions = []
    for question in quiz.questions:
        found = translation.questions.get(question.id)
        if isinstance(question.key, ShortKey) and found is not None and found.answer:
            # Problems about them point at the translation's answers.
            questions.append(replace(question, key=replace(question.key, accepted=found.answer), line=found.line,
                                     lines={"answer": found.answer_line or found.line}))
    return replace(quiz, path=translation.path, questions=tuple(questions))


def translated_wording_problems(quiz: Quiz, translation: QuizTranslation) -> list[Problem]:
    """W402 and W409 in a translation's own words, at its lines (the source's own are reported on the source).

    A translation may open an explanation with a verdict ("正确。") or turn an option into a catch-all
    ("以上都不是") that the source's wording did not; a catch-all the source already has is its problem.
    """
    questions = []
    for question in localize_quiz(quiz, translation).questions:
        found = translation.questions.get(question.id)
        if found is None:
            continue
        entries = found.choices.get("options", {})
        options = tuple(replace(o, line=entries[o.id].line) if o.id in entries else o for o in question.options)
        questions.append(replace(question, line=found.line, options=options,
                                 lines={**found.lines, "explanation": found.lines.get("explanation", found.line)}))
    problems = wording_problems(replace(quiz, path=translation.path, questions=tuple(questions)))
    already = {p.code for p in wording_problems(quiz)}
    return [p for p in problems if p.code != "W409" or "W409" not in already]


def _localize_question(question: Question, found: QuestionText) -> Question:
    changes: dict[str, object] = {key: value for key, value in found.texts.items() if key != "unit"}
    if "unit" in found.texts and isinstance(question.key, NumericKey):
        changes["key"] = replace(question.key, unit=found.texts["unit"].strip())
    for key in CHOICE_FIELDS.get(question.type, ()):
        given = found.choices.get(key, {})
        changes[key] = tuple(_localize_choice(choice, given.get(choice.id)) for choice in getattr(question, key))
    if isinstance(question.key, ShortKey) and found.answer is not None:
        changes["key"] = replace(question.key, accepted=found.answer)
    return replace(question, **changes)  # type: ignore[arg-type]


def _unit(question: Question) -> str:
    """The unit a numeric question shows after its field (none for the other types)."""
    return question.key.unit if isinstance(question.key, NumericKey) else ""


def _localize_choice(choice: Choice, found: ChoiceText | None) -> Choice:
    if found is None:
        return choice
    return replace(choice, text=found.text or choice.text, feedback=found.feedback or choice.feedback)
