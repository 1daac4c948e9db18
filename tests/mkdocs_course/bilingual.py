"""The fixture course in two languages: English (the sources) and a Chinese twin of every page and quiz.

``make_bilingual(course_dir)`` turns a copy of tests/fixtures/course into a course that
mkdocs-static-i18n builds in English (at the root) and Chinese (under ``zh/``), as mkdocs.yml builds
the real course, and records the Chinese short answers in the lock.
"""

from __future__ import annotations

from pathlib import Path

I18N = """
  i18n:
    docs_structure: suffix
    languages:
      - locale: en
        default: true
        name: English
      - locale: zh
        name: 简体中文
        site_name: 样例课程
        nav_translations:
          Home: 首页
          My progress: 我的进度
extra:
  alternate:
    - {name: English, link: ./, lang: en}
    - {name: 简体中文, link: zh/, lang: zh}
"""

LESSON_ZH = """---
title: 样例课
summary: 一节放置了各种题型测验的短课。
objectives:
  - id: tell-types
    text: 区分各种题型。
  - id: check-keys
    text: 说明答案如何核对。
keypoints:
  - 测验共有七种题型。
minutes:
  reading: 3
  activity: 2
---

# 样例课

## 题型 { #types }

共有七种题型，唯独本页讲解蝴蝶结构。

## 核对答案 { #checking-keys }

答案以摘要形式保存。

```markdown
/// quiz | not-a-real-quiz
///
```

## 测验 { #quiz }

/// quiz | sample
///

!!! instructor "教师备注"
    **时间安排。** 测验前用五分钟讲解[题型](#types)。

!!! note "给所有人"
    两个版本的读者都能看到这条说明。
"""

INDEX_ZH = """# 样例课程

从[样例课](lesson.md)开始。
"""

PROGRESS_ZH = """# 我的进度

<div class="cq-progress-slot"></div>
"""

QUIZ_ZH = """# quizzes/sample.yml 的中文译文：只有文字。
id: sample
language: zh
title: 样例测验
questions:
  - id: s-single
    prompt: 单选题用什么控件？
    options:
      - {id: checkbox, text: "复选框", feedback: "复选框可以选多个答案。"}
      - {id: radio, text: "单选按钮", feedback: "单选按钮只能选一个。"}
      - {id: text, text: "文本框", feedback: "文本框用于输入答案。"}
    explanation: 只有单选按钮把选择限制为一个。
    hint: 圆形的那种。
  - id: s-multiple
    prompt: 哪些题型使用下拉列表？
    options:
      - {id: order, text: "排序", feedback: "排序题每一项都有一个列表。"}
      - {id: short, text: "简答", feedback: "简答题需要输入。"}
      - {id: match, text: "配对", feedback: "配对题左侧每一项都有一个列表。"}
    explanation: 排序题和配对题用下拉列表，这样不用拖放也能作答。
  - id: s-tf
    prompt: 答案以明文形式写在页面里。
    explanation: 页面只保存加盐的摘要。
  - id: s-short
    prompt: 摘要使用哪种哈希函数？
    answer: ["SHA-256", "安全散列算法256"]
    explanation: SHA-256，截短后使用。
  - id: s-numeric
    prompt: 一共有几种题型？
    unit: 种
    explanation: 七种。
  - id: s-numeric-decimal
    prompt: 圆周率保留两位小数是多少（误差0.01以内）？
    explanation: 3.14159……
  - id: s-order
    prompt: 给这些步骤排序。
    items:
      - {id: verify, text: "核对生成的页面"}
      - {id: write, text: "编写测验"}
      - {id: build, text: "生成网站"}
    explanation: 先编写，再生成，最后核对。
  - id: s-match
    prompt: 把题型和控件配对。
    left:
      - {id: single, text: "单选"}
      - {id: multiple, text: "多选"}
    right:
      - {id: checkbox, text: "复选框"}
      - {id: radio, text: "单选按钮"}
    explanation: 一个答案，对应一组单选按钮。
"""

OVERRIDES = Path(__file__).parents[2] / "overrides"

# Light and dark, each following the reader's system setting, as in mkdocs.yml.
PALETTE = """  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: deep orange
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: deep orange
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
"""

# As in mkdocs.yml: jieba's word breaks (U+200B) separate words in the search index.
SEPARATOR = r"[\s\u200b\-]+"

# A word of the Chinese lesson that no other page has (the search test looks for it).
ONLY_IN_LESSON = "蝴蝶结构"


def make_bilingual(course: Path) -> Path:
    """Add the Chinese edition to the fixture course copied at ``course``; lock its short answers."""
    config = course / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  search: {}\n", f"  search: {{separator: '{SEPARATOR}'}}\n")
    # The project's theme overrides: the x-default link and the switcher's fix for instant navigation.
    text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {OVERRIDES}\n{PALETTE}")
    config.write_text(text.replace("  course-quiz: {}\n", "  course-quiz: {}\n" + I18N), encoding="utf-8")
    docs = course / "docs"
    (docs / "lesson.zh.md").write_text(LESSON_ZH, encoding="utf-8")
    (docs / "index.zh.md").write_text(INDEX_ZH, encoding="utf-8")
    (docs / "progress.zh.md").write_text(PROGRESS_ZH, encoding="utf-8")
    (course / "quizzes" / "sample.zh.yml").write_text(QUIZ_ZH, encoding="utf-8")
    lock(course)
    return course


def lock(course: Path) -> None:
    """Record the course's keys, the Chinese short answers too (``course lock``), as an author does."""
    import os

    from click.testing import CliRunner

    from course_quiz.cli import main

    here = Path.cwd()
    os.chdir(course)
    try:
        result = CliRunner().invoke(main, ["lock"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
