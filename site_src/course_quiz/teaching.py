"""Teaching-quality warnings: how a quiz teaches, and the cues a test-wise student reads without the lesson.

Codes W401, W402 and W404 to W409 (W403, an objective no question assesses, is a reference check:
``references``). Every check returns problems; none stops the others.
"""

from __future__ import annotations

import re

from course_quiz.model import Question, Quiz
from course_quiz.problems import Problem, problem
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
