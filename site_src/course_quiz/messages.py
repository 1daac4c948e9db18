"""The one catalogue of the words a reader sees in what the engine renders, in every language of the course.

Quiz markup (buttons, labels, headings), the instructor edition's keys and pages, the progress table,
the home page's lesson cards and the exports' labels all take their words from here, chosen by the
language being built. quiz.js keeps its own messages (it runs in the browser); it reads the page's
``<html lang>``. A test keeps every language's table complete, with the same placeholders as English.

``words(language)`` gives a ``Words``; ``words("en")("check")`` is ``"Check answer"``. Templates use
``str.format`` fields; ``Words.count`` picks the ``_one`` or ``_other`` form of a key by a number
(Chinese has one form, written twice).
"""

from __future__ import annotations

import functools

DEFAULT_LANGUAGE = "en"

_EN: dict[str, str] = {
    # The quiz (render).
    "quiz_intro_one": "{count} question. Answers are checked in your browser and your progress is saved in this browser only.",
    "quiz_intro_other": "{count} questions. Answers are checked in your browser and your progress is saved in this browser only.",
    "reset_quiz": "Try the whole quiz again",
    "question_number": "Question {number} of {count}",
    "hint": "Hint",
    "check": "Check answer",
    "retry": "Try again",
    "explanation": "Explanation",
    "review": "Review: {title}",
    "review_default": "the lesson section",
    # Controls of the question types.
    "your_answer": "Your answer",
    "select_all": "Select all that apply.",
    "position": "Position",
    "order_note": "Give each entry its position, 1 first.",
    "choose_match": "Choose a match",
    "true": "True",
    "false": "False",
    # Readable keys (instructor edition).
    "key_title": "Answer key",
    "key_explanation": "Explanation:",
    "key_objective": "Objective:",
    "key_level": "Level:",
    "key_review": "Review:",
    "key_right": "Right",
    "key_wrong": "Wrong",
    "key_right_option": "Right option:",
    "key_right_options": "Right options (all of them, nothing else):",
    "key_right_order": "Right order:",
    "key_right_pairs": "Right pairs:",
    "key_answer": "Answer:",
    "key_accepted": "Accepted answers:",
    "key_short_ignoring": "Compared ignoring {listed}; spaces at either end never count.",
    "key_short_exact": "Compared exactly as written; only spaces at either end never count.",
    "key_short_elsewhere": "Also accepted (other languages of the course):",
    "ignore_case": "letter case",
    "ignore_whitespace": "repeated spaces",
    "ignore_punctuation": "punctuation",
    "ignore_diacritics": "accents and other diacritics",
    "list_sep": ", ",
    "list_last": " and ",
    "key_numeric_only": "only {low}{unit}",
    "key_numeric_range": "from {low} to {high}{unit}",
    "key_numeric_rule_one": "Accepted: {accepted}, compared at {decimals} decimal. A decimal comma{unit_clause} may be typed.",
    "key_numeric_rule_other": "Accepted: {accepted}, compared at {decimals} decimals. A decimal comma{unit_clause} may be typed.",
    "key_numeric_unit_clause": " and the unit",
    "level_remember": "remember",
    "level_understand": "understand",
    "level_apply": "apply",
    "level_analyse": "analyse",
    "level_evaluate": "evaluate",
    "level_create": "create",
    # The progress page.
    "progress_status": "Your progress is shown here when JavaScript is on.",
    "progress_lesson": "Lesson",
    "progress_score": "Quiz score",
    "progress_completion": "Completion",
    "progress_activity": "Last activity",
    "progress_questions_one": "{count} question",
    "progress_questions_other": "{count} questions",
    "progress_student": "Your name or student ID (optional)",
    "progress_student_note": "It goes only into the file you download, so that your instructor can tell files apart; it is never saved.",
    "progress_download_json": "Download my results (JSON)",
    "progress_download_csv": "Download my results (CSV)",
    "progress_reset": "Reset all progress",
    # The home page's lesson cards.
    "card_lesson": "Lesson {number}",
    "card_minutes": "{minutes} minutes",
    "card_breakdown": " ({parts})",
    "card_reading": "{minutes} reading",
    "card_activity": "{minutes} activity",
    # The instructor edition's pages and marks.
    "banner": "<strong>Instructor edition</strong>: answer keys and instructor notes are shown. Publish the student edition for learners.",
    "edition_name": " (instructor edition)",
    "nav_edition": "Instructor edition",
    "nav_answer_keys": "Answer keys",
    "notes_title": "Instructor notes",
    "notes_intro": "Every instructor note of the course, under its lesson. The student edition leaves them out.",
    "notes_none": "No lesson has instructor notes yet.",
    "notes_lesson_link": "Lesson",
    "notes_key_link": "Answer key",
    "answer_key_title": "Answer key: {title}",
    "answer_key_intro": "The key of every question of [the lesson]({link}), with its explanation and feedback. This page prints on its own.",
    # Exports (answer sheets, QTI).
    "sheet_title": "Answer key",
    "sheet_intro": "{count} questions from {quizzes} quizzes, written by `course export --format markdown`. For instructors: it holds every key.",
    "sheet_quiz": "Quiz `{id}` ({title}) in `{lesson}`.",
    "sheet_key": "Key:",
    "sheet_objective": "Objective:",
    "sheet_review": "Review:",
    "sheet_ignoring": "{answers} (ignoring {rules})",
    "sheet_exact": "{answers} (ignoring nothing)",
    "rule_case": "case",
    "rule_whitespace": "whitespace",
    "rule_punctuation": "punctuation",
    "rule_diacritics": "diacritics",
}

_ZH: dict[str, str] = {
    "quiz_intro_one": "共{count}题。答案在你的浏览器中检查，学习进度只保存在这个浏览器里。",
    "quiz_intro_other": "共{count}题。答案在你的浏览器中检查，学习进度只保存在这个浏览器里。",
    "reset_quiz": "重做整个测验",
    "question_number": "第{number}题（共{count}题）",
    "hint": "提示",
    "check": "检查答案",
    "retry": "再试一次",
    "explanation": "解析",
    "review": "复习：{title}",
    "review_default": "本课相关小节",
    "your_answer": "你的答案",
    "select_all": "选出所有符合题意的选项。",
    "position": "序号",
    "order_note": "为每一项选定序号，1排在最前。",
    "choose_match": "选择对应项",
    "true": "正确",
    "false": "错误",
    "key_title": "答案",
    "key_explanation": "解析：",
    "key_objective": "学习目标：",
    "key_level": "认知层次：",
    "key_review": "复习：",
    "key_right": "正确",
    "key_wrong": "错误",
    "key_right_option": "正确选项：",
    "key_right_options": "正确选项（须全部选中，且不能多选）：",
    "key_right_order": "正确顺序：",
    "key_right_pairs": "正确配对：",
    "key_answer": "答案：",
    "key_accepted": "可接受的答案：",
    "key_short_ignoring": "比较时不计{listed}；首尾的空格一律不计。",
    "key_short_exact": "按原样逐字比较；只有首尾的空格不计。",
    "key_short_elsewhere": "同样接受（本课程其他语言的答案）：",
    "ignore_case": "字母大小写",
    "ignore_whitespace": "重复的空格",
    "ignore_punctuation": "标点符号",
    "ignore_diacritics": "重音等变音符号",
    "list_sep": "、",
    "list_last": "和",
    "key_numeric_only": "仅{low}{unit}",
    "key_numeric_range": "{low}至{high}{unit}",
    "key_numeric_rule_one": "可接受：{accepted}，比较到小数点后{decimals}位。小数点可以写作逗号{unit_clause}。",
    "key_numeric_rule_other": "可接受：{accepted}，比较到小数点后{decimals}位。小数点可以写作逗号{unit_clause}。",
    "key_numeric_unit_clause": "，也可以带上单位",
    "level_remember": "记忆",
    "level_understand": "理解",
    "level_apply": "应用",
    "level_analyse": "分析",
    "level_evaluate": "评价",
    "level_create": "创造",
    "progress_status": "开启JavaScript后，这里会显示你的学习进度。",
    "progress_lesson": "课",
    "progress_score": "测验得分",
    "progress_completion": "完成情况",
    "progress_activity": "最近一次作答",
    "progress_questions_one": "{count}题",
    "progress_questions_other": "{count}题",
    "progress_student": "你的姓名或学号（选填）",
    "progress_student_note": "只写入你下载的文件，方便教师区分各人的文件；不会保存。",
    "progress_download_json": "下载我的结果（JSON）",
    "progress_download_csv": "下载我的结果（CSV）",
    "progress_reset": "重置全部进度",
    "card_lesson": "第{number}课",
    "card_minutes": "{minutes}分钟",
    "card_breakdown": "（{parts}）",
    "card_reading": "阅读{minutes}分钟",
    "card_activity": "练习{minutes}分钟",
    "banner": "<strong>教师版</strong>：显示答案和教师备注。面向学生请发布学生版。",
    "edition_name": "（教师版）",
    "nav_edition": "教师版",
    "nav_answer_keys": "答案",
    "notes_title": "教师备注",
    "notes_intro": "本课程的全部教师备注，按课排列。学生版不含这些备注。",
    "notes_none": "目前还没有哪一课写有教师备注。",
    "notes_lesson_link": "课文",
    "notes_key_link": "答案",
    "answer_key_title": "答案：{title}",
    "answer_key_intro": "[本课]({link})每道题的答案，附解析和反馈。本页可以单独打印。",
    "sheet_title": "答案汇总表",
    "sheet_intro": "共{count}题，出自{quizzes}份测验，由`course export --format markdown`生成。供教师使用：其中含有全部答案。",
    "sheet_quiz": "测验`{id}`（{title}），位于`{lesson}`。",
    "sheet_key": "答案：",
    "sheet_objective": "学习目标：",
    "sheet_review": "复习：",
    "sheet_ignoring": "{answers}（比较时不计{rules}）",
    "sheet_exact": "{answers}（按原样比较）",
    "rule_case": "大小写",
    "rule_whitespace": "空格",
    "rule_punctuation": "标点",
    "rule_diacritics": "变音符号",
}

CATALOGUE: dict[str, dict[str, str]] = {"en": _EN, "zh": _ZH}
# The languages the engine can render, the default (the sources' language) first.
LANGUAGES: tuple[str, ...] = tuple(CATALOGUE)
# What a language is called in messages to authors.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh": "Simplified Chinese"}


class Words:
    """The words of one language: ``words("check")``, ``words("review", title=...)``."""

    def __init__(self, language: str) -> None:
        """The catalogue of ``language`` (one of ``LANGUAGES``)."""
        if language not in CATALOGUE:
            raise ValueError(f"no messages for language '{language}'; the engine has {', '.join(LANGUAGES)}")
        self.language = language
        self._table = CATALOGUE[language]

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key``, its fields filled with ``values`` (inserted as given: escape HTML first)."""
        return self._table[key].format(**values) if values else self._table[key]

    def count(self, key: str, count: int, **values: object) -> str:
        """The ``_one`` or ``_other`` form of ``key`` for ``count``, with ``count`` filled in."""
        return self(f"{key}_{'one' if count == 1 else 'other'}", count=count, **values)

    def listing(self, parts: list[str]) -> str:
        """``a, b and c`` in this language."""
        if len(parts) < 2:
            return "".join(parts)
        return self("list_sep").join(parts[:-1]) + self("list_last") + parts[-1]


@functools.cache
def words(language: str = DEFAULT_LANGUAGE) -> Words:
    """The words of ``language`` (shared: a ``Words`` holds nothing that changes)."""
    return Words(language)


ENGLISH = words(DEFAULT_LANGUAGE)
