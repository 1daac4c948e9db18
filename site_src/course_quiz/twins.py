"""Translated pages: ``docs/x.zh.md`` is the twin of ``docs/x.md`` in Simplified Chinese.

A twin is read like any page (``lessons.read_page``) and compared with its page (``twin_problems``),
so that review links, cross-references, quizzes and the editions work the same in every language: the
same front-matter keys, with the non-text values (``minutes``, ``edition``...) copied unchanged; the same
objective ids; every heading with the page's explicit ``{ #id }`` and level, in order; the same quiz
placements. Each difference is Q311, at its first place; a page with no twin, in a course that has
another language, is W412. A twin's links are written as its page's (``x.md``): a host of several
languages maps them to the page in the same language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from course_quiz.lessons import Page
from course_quiz.messages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from course_quiz.problems import Problem, problem


def page_twin_name(path: str, languages: Iterable[str] = LANGUAGES) -> tuple[str, str] | None:
    """``(page, language)`` when the page ``path`` (``x.zh.md``) is the twin of ``x.md`` in another language."""
    stem, dot, language = path.removesuffix(".md").rpartition(".")
    if dot and language in languages and language != DEFAULT_LANGUAGE and path.endswith(".md"):
        return f"{stem}.md", language
    return None


def page_in(page: str, language: str) -> str:
    """The path of ``page``'s twin in ``language`` (``page`` itself in the default language)."""
    return page if language == DEFAULT_LANGUAGE else f"{page.removesuffix('.md')}.{language}.md"


def twin_problems(pages: Mapping[str, Page], twins: Mapping[str, Mapping[str, Page]],
                  languages: Iterable[str]) -> list[Problem]:
    """A translated page against its page: Q311 where they differ, W412 for a page with no twin.

    A twin keeps its page's objective ids, heading anchors (ids, order and levels) and quiz placements, so
    that review links, cross-references and quizzes work the same in every language. The first difference
    of each kind is reported, at its line in the twin.
    """
    found: list[Problem] = []
    for language in languages:
        if language == DEFAULT_LANGUAGE:
            continue
        by_page = twins.get(language, {})
        for path in sorted(set(pages) - set(by_page)):
            found.append(problem(pages[path].display_path, 0, "W412", f"page has no {LANGUAGE_NAMES.get(language, language)} translation ({page_in(path, language)}); the {language} site will lack it"))
        for path, twin in sorted(by_page.items()):
            page = pages.get(path)
            if page is None:
                found.append(problem(twin.display_path, 0, "Q311", f"translates {path}, which does not exist; name it after the page it translates"))
                continue
            found.extend(_differences(twin, page))
    return found


def _differences(twin: Page, page: Page) -> list[Problem]:
    # A heading the page gives no explicit id may have any anchor in the twin (its slug is of its own words).
    explicit = [anchor for anchor, _, _ in page.outline]
    twin_headings = [(_heading(anchor if at < len(explicit) and explicit[at] else "", level), line)
                     for at, (anchor, level, line) in enumerate(twin.outline)]
    kinds = (
        ("objective ids", [o.id for o in page.objectives], [(o.id, o.line) for o in twin.objectives], 2),
        ("headings", [_heading(anchor, level) for anchor, level, _ in page.outline], twin_headings, 1),
        ("quiz placements", [p.quiz_id for p in page.placements], [(p.quiz_id, p.line) for p in twin.placements], 1),
    )
    found: list[Problem] = _meta_differences(twin, page)
    for what, expected, given, fallback in kinds:
        shown = [value for value, _ in given]
        if shown == expected:
            continue
        at = next((i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b),
                  min(len(shown), len(expected)))
        line = given[at][1] if at < len(given) else (given[-1][1] if given else fallback)
        ours = f"'{shown[at]}'" if at < len(shown) else "nothing"
        theirs = f"'{expected[at]}'" if at < len(expected) else "nothing"
        found.append(problem(twin.display_path, line, "Q311", f"{what} differ from {page.display_path}: {ours} here where it has {theirs}; a translation keeps them as they are, in the same order (a heading with its {{ #id }})"))
    return found


# Front-matter values a translation copies unchanged (its texts are translated).
COPIED_META = ("minutes", "edition", "hide", "search", "template", "icon", "status", "tags")


def _meta_differences(twin: Page, page: Page) -> list[Problem]:
    """Q311 for front-matter keys the twin lacks or adds, and values it must copy but changed."""
    found: list[Problem] = []
    missing = [key for key in page.meta_keys if key not in twin.meta_keys]
    added = [key for key in twin.meta_keys if key not in page.meta_keys]
    if missing or added:
        listed = "; ".join(part for part in (f"missing {', '.join(missing)}" if missing else "",
                                             f"not in the page: {', '.join(added)}" if added else "") if part)
        found.append(problem(twin.display_path, 1, "Q311", f"front-matter keys differ from {page.display_path} ({listed}); a translation has the same keys"))
    changed = [key for key in COPIED_META if key in page.meta_keys and key in twin.meta_keys
               and (twin.minutes if key == "minutes" else twin.meta.get(key)) != (page.minutes if key == "minutes" else page.meta.get(key))]
    if changed:
        found.append(problem(twin.display_path, 1, "Q311", f"front matter changes {', '.join(changed)} of {page.display_path}; a translation copies {', '.join(changed)} unchanged (only texts are translated)"))
    return found


def _heading(anchor: str, level: int) -> str:
    """A heading as compared: its explicit id (if any) and level, as messages show it."""
    return f"{'#' * level} {{ #{anchor} }}" if anchor else f"{'#' * level} (any id)"
