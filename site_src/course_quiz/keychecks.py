"""Checks of one question's answer key against its own options (codes Q201 to Q209)."""

from __future__ import annotations

from collections import Counter

from course_quiz.keycodec import MAX_NUMERIC_VALUES, numeric_value_count
from course_quiz.model import Choice, Question
from course_quiz.normalize import normalize_answer, normalize_label
from course_quiz.problems import Problem, problem


def key_problems(path: str, question: Question) -> list[Problem]:
    """Every problem of ``question``'s key and choices; ``path`` names the quiz file."""
    found: list[Problem] = []
    label = f"question '{question.id}'"
    line = question.key_line
    has_answer = "answer" in question.lines

    def add(code: str, message: str, at: int = line) -> None:
        found.append(problem(path, at, code, message))

    for group_name, group in (("option", question.options), ("item", question.items),
                              ("left entry", question.left), ("right entry", question.right)):
        found.extend(_duplicate_choices(path, label, group_name, group))

    kind = question.type
    if kind in ("single", "multiple"):
        option_ids = [o.id for o in question.options]
        for key_id in question.answer_ids:
            if key_id not in option_ids:
                add("Q201", f"key of {label} names option '{key_id}', which does not exist; "
                    f"options are: {', '.join(option_ids)}")
        if kind == "single" and len(question.answer_ids) != 1:
            count = "no key" if not question.answer_ids else f"{len(question.answer_ids)} keys"
            add("Q202", f"single-choice {label} has {count}; give exactly one option id as answer "
                "(use type: multiple for several)")
        if kind == "multiple":
            if not question.answer_ids:
                add("Q203", f"multiple-choice {label} has an empty key; list the right option ids")
            elif len(set(question.answer_ids)) != len(question.answer_ids):
                add("Q201", f"key of {label} names an option more than once")
    elif kind == "true-false":
        if len(question.answer_bool) != 1:
            count = "no key" if not question.answer_bool else f"{len(question.answer_bool)} keys"
            add("Q202", f"true-false {label} has {count}; answer must be exactly true or false")
    elif kind == "short":
        normalized = [normalize_answer(a, question.normalize) for a in question.accepted]
        if not normalized or any(not n for n in normalized):
            add("Q206", f"short-answer {label} has an empty accepted answer; list at least one non-empty answer")
        repeated = sorted(n for n, count in Counter(normalized).items() if count > 1 and n)
        if repeated:
            add("Q206", f"short-answer {label} lists '{repeated[0]}' twice once "
                f"{'/'.join(question.normalize) or 'nothing'} is ignored; remove the copy")
    elif kind == "numeric":
        if question.numeric is None:
            if not has_answer:
                add("Q111", f"numeric {label} is missing 'answer' ({{value: ..., tolerance: ..., unit: ...}})")
        elif numeric_value_count(question.numeric) > MAX_NUMERIC_VALUES:
            add("Q207", f"tolerance of {label} accepts {numeric_value_count(question.numeric)} values at "
                f"{question.numeric.decimals} decimals; the page can check at most {MAX_NUMERIC_VALUES}: "
                "narrow the tolerance or use fewer decimals")
    elif kind == "order":
        item_ids = [i.id for i in question.items]
        if not has_answer:
            add("Q111", f"order {label} is missing 'answer' (the item ids in the right order)")
        elif sorted(question.answer_ids) != sorted(item_ids):
            missing = [i for i in item_ids if i not in question.answer_ids]
            unknown = [i for i in question.answer_ids if i not in item_ids]
            twice = sorted({i for i in question.answer_ids if question.answer_ids.count(i) > 1})
            details = "; ".join(part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(unknown)}" if unknown else "",
                f"repeated {', '.join(twice)}" if twice else "") if part)
            add("Q208", f"order key of {label} is not a permutation of its items ({details})")
    elif kind == "match":
        found.extend(_match_problems(path, question, label, line, has_answer))
    return found


def _duplicate_choices(path: str, label: str, group_name: str, group: tuple[Choice, ...]) -> list[Problem]:
    found: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, int] = {}
    for choice in group:
        if choice.id in seen_ids:
            found.append(problem(path, choice.line, "Q204", f"{group_name} id '{choice.id}' of {label} is used "
                                 f"twice (first at line {seen_ids[choice.id]}); give each a distinct id"))
        else:
            seen_ids[choice.id] = choice.line
        text = normalize_label(choice.text)
        if text in seen_texts:
            found.append(problem(path, choice.line, "Q205", f"{group_name} '{choice.id}' of {label} reads the "
                                 f"same as the one at line {seen_texts[text]}; reword one of them"))
        else:
            seen_texts[text] = choice.line
    return found


def _match_problems(path: str, question: Question, label: str, line: int, has_answer: bool) -> list[Problem]:
    if not has_answer:
        return [problem(path, line, "Q111", f"match {label} is missing 'answer' (a map from left ids to right ids)")]
    left_ids = [c.id for c in question.left]
    right_ids = [c.id for c in question.right]
    issues: list[str] = []
    keyed = [left for left, _ in question.pairs]
    targets = [right for _, right in question.pairs]
    unknown_left = [i for i in keyed if i not in left_ids]
    unknown_right = [i for i in targets if i not in right_ids]
    unmatched = [i for i in left_ids if i not in keyed]
    shared = sorted({t for t in targets if targets.count(t) > 1})
    if unknown_left:
        issues.append(f"unknown left ids {', '.join(unknown_left)}")
    if unknown_right:
        issues.append(f"unknown right ids {', '.join(unknown_right)}")
    if unmatched:
        issues.append(f"left ids without a match: {', '.join(unmatched)}")
    if shared:
        issues.append(f"right ids used more than once: {', '.join(shared)}")
    if len(right_ids) != len(left_ids) and not issues:
        issues.append(f"{len(left_ids)} left entries but {len(right_ids)} right entries")
    if not issues:
        return []
    return [problem(path, line, "Q209", f"match key of {label} is not one-to-one onto existing ids: "
                    f"{'; '.join(issues)}")]
