"""Checks across the whole course: references between quizzes and pages, and teaching quality.

Codes Q301 to Q308 (references) and W401 to W409 (teaching quality). Every check returns problems;
none stops the others.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from course_quiz.lessons import Page
from course_quiz.model import Question, Quiz
from course_quiz.problems import Problem, did_you_mean, problem
from course_quiz.qtypes.choice import ChoiceKey
from course_quiz.qtypes.truefalse import BoolKey

# A verdict word opening an explanation or feedback; in Chinese, a verdict standing as its own clause ("对。", "错误：").
VERDICT_START = re.compile(r"^\W*(?:(correct|incorrect|right|wrong|yes|no)\b"
                           r"|(正确|不正确|错误|对|不对|错|是的|没错|答对了|答错了)[，。！：；、,.!:;])", re.IGNORECASE)

# Cue thresholds, in one place. Each warning is about a pattern a test-wise student can exploit without
# reading; each limit sits where chance alone rarely reaches it, so a warning points at a habit, not at luck.
# W406 and W407: with four options, the key is the longest (or shortest) by chance in about a quarter of
# questions; more than half is a habit.
LENGTH_CUE_SHARE = 0.5
# W408: when more than two thirds of a course's true-false keys are the same value, "always answer false"
# scores well; below four questions the share says nothing.
TRUE_FALSE_CUE_SHARE = 2 / 3
TRUE_FALSE_CUE_MINIMUM = 4
# W409: a catch-all option ("None of these", "Both") used twice or more in a quiz and never the key is a
# distractor a student learns to skip.
CATCH_ALL_CUE_MINIMUM = 2
# What counts as a catch-all: the whole option (case, emphasis and a final full stop aside) is one of these
# phrases, or one of them followed by "of ...": "All of the above", "None of these options", "Both of them".
_CATCH_ALL = re.compile(
    r"(none|all|both|neither|nothing)"
    r"( of (these|those|them|the above|(the|these) (options|answers|choices)( above)?))?"
    # Chinese: 以上都不是, 以上皆非, 上述选项都对, 两者都是, 都不是, 全都正确, 全部正确 ...
    r"|(以上|上述|这些|两者|二者|三者)?(选项|答案|说法)?(都|皆|均|全都|全)(不)?(是|对|正确|错|错误|成立|非)(的)?"
    r"|全部(都)?(是|对|正确|错误)",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Use:
    """One use of an id: the file and line, and whether the answer-key lock knows it (an established use)."""

    path: str
    line: int
    locked: bool
    lesson: str = ""  # for a quiz id: the lesson the file names


def _established(uses: list[_Use], signs: Callable[[_Use], tuple[bool, ...]]) -> _Use:
    """The use that keeps an id.

    The one the lock knows, then the one with more ``signs`` of being the original, then the first in
    file order (``max`` keeps the first of equals).
    """
    return max(uses, key=lambda use: (use.locked, *signs(use)))


class ReferenceChecker:
    """The reference checks, fed one quiz at a time, so that no caller has to hold every quiz at once.

    Give it the pages first (they say where quizzes are placed), then each quiz in file order through
    ``add`` (and each quiz file that did not load through ``add_unloaded``), then call ``finish`` for
    what can only be known at the end: repeated ids, placements, missing quizzes.

    A problem that follows only from another is not reported, so that the first message names the cause:

    * an id used twice (Q301, Q302) is reported once, on the new use, naming the established one: the
      use the answer-key lock knows; between copies the lock knows alike, the quiz whose lesson places
      its id and whose file is named after it (and a question in a quiz that keeps its id); else the
      first in file order;
    * the lesson checks of a quiz id that two files use (Q303 to Q308, W403) are skipped: which quiz a
      lesson places cannot be known until one of them is renamed;
    * a placement of a quiz whose file did not load (Q305) is skipped: the file's own problems say why;
    * so is a placement of an unknown quiz on the lesson of a file that reused an id: its Q301 names it.
    """

    def __init__(self, pages: dict[str, Page], locked: frozenset[str] = frozenset()) -> None:
        """Check against ``pages``; ``locked`` holds the lock's names (``quiz/question``), to tell new uses."""
        self.pages = pages
        self.locked = locked
        self.owners: dict[str, str] = {}  # quiz id -> file of the quiz that owns it (the first to use it)
        self._quiz_uses: dict[str, list[_Use]] = defaultdict(list)
        self._question_uses: dict[str, list[_Use]] = defaultdict(list)
        self._lesson_problems: dict[str, list[Problem]] = {}
        self._unloaded: set[str] = set()
        self._placed_on: dict[str, list[tuple[Page, int]]] = defaultdict(list)
        for page in pages.values():
            for placement in page.placements:
                self._placed_on[placement.quiz_id].append((page, placement.line))

    def add(self, quiz: Quiz) -> list[Problem]:
        """Note one quiz's ids and check it against the pages (its problems come from ``finish``)."""
        names = {f"{quiz.id}/{question.id}" for question in quiz.questions}
        self._quiz_uses[quiz.id].append(_Use(quiz.path, quiz.lines.get("id", quiz.line), bool(names & self.locked),
                                             quiz.lesson))
        for question in quiz.questions:
            self._question_uses[question.id].append(
                _Use(quiz.path, question.lines.get("id", question.line), f"{quiz.id}/{question.id}" in self.locked))
        if quiz.id not in self.owners:
            self.owners[quiz.id] = quiz.path
            self._lesson_problems[quiz.id] = self._placement_problems(quiz)
        return []

    def add_unloaded(self, claimed_ids: set[str]) -> None:
        """Note a quiz file that did not load and the quiz ids it may have meant (its name, its ``id:`` line)."""
        self._unloaded |= claimed_ids

    def _quiz_signs(self, quiz_id: str) -> Callable[[_Use], tuple[bool, ...]]:
        """Signs that a file is the original holder of ``quiz_id``: its lesson places the id, its name is the id.

        A copied file may have every name in the lock (same quiz and question ids): these tell them apart.
        """
        placing = {page.path for page, _ in self._placed_on.get(quiz_id, ())}
        return lambda use: (use.lesson in placing, PurePosixPath(use.path).stem == quiz_id)

    def _established_quizzes(self) -> dict[str, _Use]:
        """The established use of every quiz id that several files use."""
        return {quiz_id: _established(uses, self._quiz_signs(quiz_id))
                for quiz_id, uses in self._quiz_uses.items() if len(uses) > 1}

    def shadowed_paths(self) -> set[str]:
        """Files that use a quiz id another file holds: checks keyed by the quiz id (the lock) skip them."""
        established = self._established_quizzes()
        return {use.path for quiz_id, kept in established.items()
                for use in self._quiz_uses[quiz_id] if use is not kept}

    def finish(self) -> list[Problem]:
        """Repeated ids, lesson checks and placements of quizzes that no file defines (after every ``add``)."""
        found: list[Problem] = []
        # A new file that kept a copied id names its lesson, which places the id the file was meant to have.
        meant = {page.path: (page, line, quiz_id) for quiz_id, places in self._placed_on.items()
                 if quiz_id not in self.owners and quiz_id not in self._unloaded for page, line in places}
        explained: set[str] = set()
        established = self._established_quizzes()
        shadowed = self.shadowed_paths()
        for quiz_id, uses in self._quiz_uses.items():
            if len(uses) == 1:
                found.extend(self._lesson_problems.get(quiz_id, ()))
                continue
            kept = established[quiz_id]
            for use in uses:
                if use is kept:
                    continue
                hint = ""
                if use.lesson in meant:
                    page, line, intended = meant[use.lesson]
                    hint = f" ({page.display_path}:{line} places quiz '{intended}', which no file defines: is that its id?)"
                    explained.add(intended)
                found.append(problem(use.path, use.line, "Q301", f"quiz id '{quiz_id}' is already used by {kept.path}:{kept.line}; quiz ids must be unique in the course, so give this quiz (in {use.path}) another id{hint}"))
        for question_id, uses in self._question_uses.items():
            if len(uses) > 1:
                kept = _established(uses, lambda use: (use.path not in shadowed,))
                found.extend(problem(use.path, use.line, "Q302", f"question id '{question_id}' is already used at {kept.path}:{kept.line}; question ids must be unique in the course, so give this question (in {use.path}) another id")
                             for use in uses if use is not kept)
        for quiz_id, places in self._placed_on.items():
            if quiz_id in self.owners or quiz_id in self._unloaded or quiz_id in explained:
                continue
            hint = did_you_mean(quiz_id, self.owners)
            found.extend(problem(page.display_path, line, "Q305", f"quiz '{quiz_id}' does not exist{hint}; add quizzes/{quiz_id}.yml or fix the id") for page, line in places)
        return found

    def _placement_problems(self, quiz: Quiz) -> list[Problem]:
        found: list[Problem] = []
        places = self._placed_on.get(quiz.id, [])
        lesson_line = quiz.lines.get("lesson", quiz.line)
        if not places:
            found.append(problem(quiz.path, quiz.lines.get("id", quiz.line), "Q303", f"quiz '{quiz.id}' is placed in no lesson; add '/// quiz | {quiz.id}' and '///' to {quiz.lesson}"))
        for page, line in places[1:]:
            found.append(problem(page.display_path, line, "Q304", f"quiz '{quiz.id}' is already placed in {places[0][0].display_path}:{places[0][1]}; a quiz belongs to one lesson"))
        lesson = self.pages.get(quiz.lesson)
        if places and places[0][0].path != quiz.lesson:
            found.append(problem(quiz.path, lesson_line, "Q306", f"quiz '{quiz.id}' says its lesson is {quiz.lesson} but {places[0][0].path} places it; make them agree"))
            lesson = places[0][0]
        elif lesson is None:
            found.append(problem(quiz.path, lesson_line, "Q306", f"lesson {quiz.lesson} does not exist under the docs folder"))
        if lesson is not None:
            found.extend(_lesson_link_problems(quiz, lesson))
        return found


def _lesson_link_problems(quiz: Quiz, lesson: Page) -> list[Problem]:
    found: list[Problem] = []
    declared = {objective.id for objective in lesson.objectives}
    for question in quiz.questions:
        # A lesson whose front matter does not read has unknown objectives (its Q101 says why), not missing ones.
        if question.objective and question.objective not in declared and not lesson.meta_unreadable:
            hint = did_you_mean(question.objective, declared)
            found.append(problem(quiz.path, question.lines.get("objective", question.line), "Q307",
                                 f"objective '{question.objective}' of question '{question.id}' is not declared in {lesson.display_path}{hint}"))
        if question.review and question.review not in lesson.anchors:
            hint = did_you_mean(question.review, sorted(lesson.anchors))
            found.append(problem(quiz.path, question.lines.get("review", question.line), "Q308",
                                 f"review anchor '{question.review}' is not a heading of {lesson.display_path}{hint}"))
    assessed = {q.objective for q in quiz.questions}
    # A question left out for an error may be the one that assesses an objective: W403 waits for it.
    for objective in () if quiz.is_partial else lesson.objectives:
        if objective.id not in assessed:
            found.append(problem(lesson.display_path, objective.line, "W403", f"objective '{objective.id}' is assessed by no question of quiz '{quiz.id}'; add a question for it"))
    return found


def teaching_problems(quiz: Quiz) -> list[Problem]:
    """Warnings about how a quiz teaches: explanations, verdict words, feedback, key positions."""
    found: list[Problem] = []
    for question in quiz.questions:
        if not question.explanation:
            found.append(problem(quiz.path, question.line, "W401", f"question '{question.id}' has no explanation; say why the key is right"))
        found.extend(_verdict_words(quiz.path, question))
        keyed = set(keyed_options(question))
        for option in question.options:
            if not option.feedback and option.id not in keyed:
                found.append(problem(quiz.path, option.line, "W405", f"wrong option '{option.id}' of question '{question.id}' has no feedback; say why it is wrong"))
    if quiz.is_partial:
        return found  # counts over the quiz's questions wait until the one left out for an error is fixed
    found.extend(_same_position(quiz))
    found.extend(_length_cues(quiz))
    found.extend(_unkeyed_catch_alls(quiz))
    return found


def wording_problems(quiz: Quiz) -> list[Problem]:
    """The teaching warnings that depend on wording alone (W402 verdict words, W409 catch-alls), for a translation.

    ``quiz`` is a localized quiz whose path and lines are its translation's.
    """
    found = [p for question in quiz.questions for p in _verdict_words(quiz.path, question)]
    return found + ([] if quiz.is_partial else _unkeyed_catch_alls(quiz))


def _verdict_words(path: str, question: Question) -> list[Problem]:
    """W402 for an explanation or feedback that begins with a verdict word."""
    found: list[Problem] = []
    texts = [("explanation", question.explanation, question.lines.get("explanation", question.line))]
    texts += [(f"feedback of option '{o.id}'", o.feedback, o.line) for o in question.options]
    for name, text, line in texts:
        match = VERDICT_START.match(text or "")
        if match:
            found.append(problem(path, line, "W402", f"{name} of question '{question.id}' begins with '{match.group(1) or match.group(2)}'; the page already shows the verdict, start with the reason"))
    return found


def keyed_options(question: Question) -> tuple[str, ...]:
    """The option ids of a single or multiple choice question's key; none for the other types."""
    return question.key.ids if isinstance(question.key, ChoiceKey) else ()


def _text_length(text: str) -> int:
    return len(" ".join(text.split()))


def key_is_longest(question: Question) -> bool:
    """Tell whether the key of a single-choice question is strictly longer than every other option."""
    ids = keyed_options(question)
    keyed = [o for o in question.options if o.id in ids]
    others = [_text_length(o.text) for o in question.options if o.id not in ids]
    return len(keyed) == 1 and bool(others) and _text_length(keyed[0].text) > max(others)


def key_is_shortest(question: Question) -> bool:
    """Tell whether the key of a single-choice question is strictly shorter than every other option."""
    ids = keyed_options(question)
    keyed = [o for o in question.options if o.id in ids]
    others = [_text_length(o.text) for o in question.options if o.id not in ids]
    return len(keyed) == 1 and bool(others) and _text_length(keyed[0].text) < min(others)


def _single_choice(quiz: Quiz) -> list[Question]:
    return [q for q in quiz.questions if q.type == "single" and keyed_options(q)]


def _length_cues(quiz: Quiz) -> list[Problem]:
    # A test-wise student picks the longest option; authors who learn to trim the key overshoot, and the
    # shortest gives it away instead. Either should mark the key no more often than chance allows.
    singles = _single_choice(quiz)
    found: list[Problem] = []
    for code, is_cue, word, advice in (
            ("W406", key_is_longest, "longest", "make distractors as full as the key, or the key shorter"),
            ("W407", key_is_shortest, "shortest", "make the key as full as the distractors, or a distractor shorter")):
        marked = [q.id for q in singles if is_cue(q)]
        if len(singles) >= 2 and len(marked) > LENGTH_CUE_SHARE * len(singles):
            found.append(problem(quiz.path, quiz.lines.get("questions", quiz.line), code, f"the key is the {word} option in {len(marked)} of the {len(singles)} single-choice questions of quiz '{quiz.id}' ({', '.join(marked)}); {advice}"))
    return found


def is_catch_all(text: str) -> bool:
    """Tell whether an option's text is a catch-all such as "None of these", "Both" or "All of the above"."""
    plain = " ".join(text.replace("*", "").replace("_", "").split()).rstrip(".!。！").strip()
    return _CATCH_ALL.fullmatch(plain) is not None


def _unkeyed_catch_alls(quiz: Quiz) -> list[Problem]:
    catch_alls = [(q, o) for q in quiz.questions if q.type in ("single", "multiple")
                  for o in q.options if is_catch_all(o.text)]
    if len(catch_alls) < CATCH_ALL_CUE_MINIMUM or any(o.id in keyed_options(q) for q, o in catch_alls):
        return []
    first = catch_alls[0][1]
    shown = ", ".join(f"'{o.text.strip()}' in {q.id}" for q, o in catch_alls)
    return [problem(quiz.path, first.line, "W409", f"quiz '{quiz.id}' offers {len(catch_alls)} catch-all options and none is ever the key ({shown}); make one the key where it is true, or replace them with specific distractors")]


class TrueFalseBalance:
    """The course-wide share of true and false keys (W408), fed one quiz at a time like ``ReferenceChecker``."""

    def __init__(self) -> None:
        self._keys: dict[bool, list[tuple[str, int, str]]] = {True: [], False: []}
        self._partial = False

    def add(self, quiz: Quiz) -> None:
        """Count the true-false keys of one quiz."""
        self._partial = self._partial or quiz.is_partial
        for question in quiz.questions:
            if isinstance(question.key, BoolKey) and len(question.key.values) == 1:
                self._keys[question.key.value].append((quiz.path, question.key_line, question.id))

    def finish(self) -> list[Problem]:
        """W408 at the first question keyed with the value that most keys share, when too many share it."""
        total = len(self._keys[True]) + len(self._keys[False])
        if total < TRUE_FALSE_CUE_MINIMUM or self._partial:  # a question left out for an error is not counted
            return []
        value = len(self._keys[True]) > len(self._keys[False])
        same = self._keys[value]
        if len(same) <= TRUE_FALSE_CUE_SHARE * total:
            return []
        path, line, _ = same[0]
        word, other = ("true", "false") if value else ("false", "true")
        return [problem(path, line, "W408", f"{len(same)} of the course's {total} true-false keys are {word} ({', '.join(q for _, _, q in same)}); a student who always answers {word} scores well: make about half of them {other}")]


def _key_positions(question: Question) -> tuple[int, ...]:
    # The positions a page shows, which is what a student could learn.
    ids = [o.id for o in question.shown_options]
    return tuple(sorted(ids.index(k) for k in keyed_options(question) if k in ids))


def _same_position(quiz: Quiz) -> list[Problem]:
    choice_questions = [q for q in quiz.questions if q.type in ("single", "multiple") and keyed_options(q)]
    if len(choice_questions) < 2:
        return []
    positions = {_key_positions(q) for q in choice_questions}
    if len(positions) != 1:
        return []
    shown = ", ".join(str(p + 1) for p in next(iter(positions)))
    return [problem(quiz.path, quiz.lines.get("questions", quiz.line), "W404", f"every choice question of quiz '{quiz.id}' has its key at position {shown}; vary where the right option stands")]
