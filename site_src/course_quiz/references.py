"""Reference checks across the course: quizzes, pages and the ids that tie them together.

Codes Q301 to Q309 (repeated quiz and question ids, quizzes placed in no lesson or in two, placements of
missing quizzes, a quiz's lesson field, objectives and review anchors its lesson does not have) and W403
(an objective of a lesson that no question of its quiz assesses). Every check returns problems; none
stops the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from course_quiz.lessons import Page
from course_quiz.model import Quiz
from course_quiz.problems import Problem, did_you_mean, problem


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
