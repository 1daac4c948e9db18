"""Which language a build makes, read from mkdocs-static-i18n (the ``i18n`` plugin), and its file layout.

mkdocs-static-i18n builds the site once per language: MkDocs' whole build for the default language,
then, from its own ``on_post_build``, ``mkdocs.commands.build.build`` again on the same configuration
for each other language, so every plugin event runs once per language. Its plugin instance names the
language being built (``current_language``: ``None`` until its first ``on_config``, which then sets
the default). With ``docs_structure: suffix`` a page ``PATH.md`` has its twin ``PATH.<lang>.md``;
the other language's pages are written under ``<lang>/``.

This module is the one place that knows those names; without the plugin a build has one language,
``theme.language`` (``en`` by default).
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

PLUGIN = "i18n"

# static-i18n warns, on every build, that Material's language switcher does not follow instant navigation
# (its issue #115). overrides/main.html fixes that (tests/browser/test_languages_browser.py
# proves it), so the warning, which would fail every `mkdocs build --strict`, is left out; nothing else is.
INSTANT_WARNING = "mkdocs-material language switcher contextual link is not compatible"


@dataclass(frozen=True)
class BuildLanguage:
    """The language a build makes, the default one (built at the site's root) and every language built."""

    code: str
    default: str
    codes: tuple[str, ...]

    @property
    def is_default(self) -> bool:
        """Whether this build writes the default language (at the site's root)."""
        return self.code == self.default

    @property
    def folder(self) -> str:
        """The folder of the site this language's pages are written to: ``""`` (root) or ``"zh/"``."""
        return "" if self.is_default else f"{self.code}/"


def build_language(config: MkDocsConfig) -> BuildLanguage:
    """The language the current build makes (one language when mkdocs-static-i18n is not configured)."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        code = str(config.theme.get("language") or "en")
        return BuildLanguage(code, code, (code,))
    default = str(getattr(plugin, "default_language", None) or "en")
    codes = tuple(str(code) for code in getattr(plugin, "build_languages", ()) or (default,))
    current = getattr(plugin, "current_language", None) or default
    return BuildLanguage(str(current), default, codes)


def still_building(config: MkDocsConfig) -> bool:
    """Whether mkdocs-static-i18n is inside its build of another language (more builds follow this one)."""
    plugin = config.plugins.get(PLUGIN)
    return bool(getattr(plugin, "building", False))


def root_templates(config: MkDocsConfig, language: BuildLanguage, templates: set[str]) -> set[str]:
    """Keep the site's 404 page the default language's: the other languages' builds do not write it.

    Every language's build writes the theme's static pages (404.html, sitemap.xml) at the site's root,
    so the last language's would replace the default one's (static-i18n's sitemap lists every language,
    so only 404.html differs). ``templates`` are the theme's own, as the first build found them.
    """
    if not templates:
        templates = set(config.theme.static_templates)  # the first build's: the theme's own
    if language.is_default:
        config.theme.static_templates.update(templates)
    else:
        config.theme.static_templates.discard("404.html")
    return templates


def source_uri(file: File) -> str:
    """A page's path under docs/ without its language suffix (``lessons/x.zh.md`` gives ``lessons/x.md``)."""
    return str(getattr(file, "norm_src_uri", None) or file.src_uri)


def untranslated(src_uri: str, codes: tuple[str, ...]) -> str:
    """``src_uri`` without a ``.<lang>`` suffix of one of ``codes`` (before static-i18n has read the files)."""
    stem, extension = posixpath.splitext(src_uri)
    for code in codes:
        if stem.endswith(f".{code}"):
            return stem.removesuffix(f".{code}") + extension
    return src_uri


def place_generated(file: File, language: BuildLanguage, config: MkDocsConfig) -> File:
    """Put a page the plugin generates where static-i18n puts this language's pages, with its attributes.

    Generated pages are added after static-i18n has sorted the files (they have no source under docs/),
    so they get here what it gives every page: the folder of the language, and the alternates its
    templates read (the language switcher, ``hreflang`` links): the same generated page in each language.
    """
    file.dest_uri = f"{language.folder}{file.dest_uri}"
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = posixpath.normpath(posixpath.join(config.site_dir, file.dest_uri))
    alternates: dict[str, Any] = {}
    for code in language.codes:
        if code == language.code:
            alternates[code] = file
            continue
        other = File.generated(config, file.src_uri, content="")
        folder = "" if code == language.default else f"{code}/"
        other.dest_uri = f"{folder}{other.dest_uri}"
        other.url = other._get_url(config.use_directory_urls)
        alternates[code] = other
    attributes = {"alternates": alternates, "locale": language.code, "locale_alternate_of": language.code,
                  "localization": None if language.is_default else language.code, "norm_src_uri": file.src_uri}
    for name, value in attributes.items():
        setattr(file, name, value)
    return file


class _DropInstantWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return INSTANT_WARNING not in record.getMessage()


def quiet_instant_warning() -> None:
    """Leave out static-i18n's warning about instant navigation, which overrides/ fixes (once per process)."""
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")  # the module that warns
    if not any(isinstance(found, _DropInstantWarning) for found in logger.filters):
        logger.addFilter(_DropInstantWarning())
