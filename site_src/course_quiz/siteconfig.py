"""What the engine reads from the course's configuration file (mkdocs.yml) outside MkDocs: the allowed hosts.

The hosts a course loads resources from on purpose are one setting, the ``allowed_hosts`` option of the
``course-quiz`` plugin in mkdocs.yml. MkDocs gives it to the plugin; ``course check`` and the Markdown
extension (Zensical builds without plugins) read it here from the same file, so it is written once.
The site's own host (``site_url``) is always allowed.

The configuration can break the course's promise of no third-party request too, so the same reading
reports (Q502, at the setting's line) every resource it makes each page load from another host: a remote
``extra_css`` or ``extra_javascript`` entry, ``theme.logo`` or ``theme.favicon``, and what Material for
MkDocs fetches by itself: Google Fonts unless ``theme.font`` is ``false``, Google Analytics for
``extra.analytics`` with the ``google`` provider, and a GitHub or GitLab repository's facts for
``repo_url``. It also names the files pymdownx.snippets appends to every page (``auto_append``, found
through ``base_path``), which the course checks like pages, and the pages MkDocs leaves out of the site
(``exclude_docs``), which the course does not read as pages.

The file is read with PyYAML's composer, which keeps positions and never constructs a value, so tags such
as ``!ENV`` or ``!!python/name:`` do no harm (as ``navfile`` reads the nav). ``INHERIT`` is followed: a
setting of the file itself wins over its parent's (mappings such as ``theme`` are merged key by key, as
MkDocs merges them; lists and other values replace the parent's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import pathspec
import yaml

from course_quiz.problems import Problem, problem
from course_quiz.thirdparty import Resource, remote_host, resource_problem

_HOST_NAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")
PLUGIN_NAME = "course-quiz"
CONFIG_NAME = "mkdocs.yml"
_MAX_INHERIT = 8
# What MkDocs 1.6 always leaves out of the site (mkdocs.structure.files._default_exclude); exclude_docs adds to it.
_DEFAULT_EXCLUDE = (".*", "/templates/")
# libyaml's composer when PyYAML has it: the pure-Python one took 20 ms of every `course check`.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class HostSettings:
    """The hosts a course may load resources from, and the problems found reading them (Q503)."""

    allowed: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = field(default=(), hash=False)
    snippets: tuple[Path, ...] = ()  # files pymdownx.snippets appends to every page, checked like pages
    exclude_docs: tuple[str, ...] = ()  # the lines of MkDocs' exclude_docs (gitignore patterns)
    # The configuration files read or looked for (the file, then its INHERIT parents): a change to one may
    # change every setting above (markdown_ext's memo stats them).
    files: tuple[Path, ...] = ()

    @cached_property
    def _excluded(self) -> pathspec.GitIgnoreSpec:
        return pathspec.GitIgnoreSpec.from_lines((*_DEFAULT_EXCLUDE, *self.exclude_docs))

    def excluded(self, relative: str) -> bool:
        """Whether MkDocs leaves the file ``relative`` (to docs_dir, with ``/``) out of the site.

        As MkDocs 1.6 decides it, with the same library (pathspec): hidden files and ``/templates/``,
        then the ``exclude_docs`` patterns, whose ``!`` lines can take a file back in.
        """
        return self._excluded.match_file(relative)


def host_errors(hosts: Iterable[object]) -> list[str]:
    """What is wrong with each entry of an ``allowed_hosts`` list (a host name such as ``media.example.org``)."""
    return [f"'{host}' is not a host name (write it as media.example.org: no scheme, path or port)"
            for host in hosts if not isinstance(host, str) or not _HOST_NAME.match(host.lower())]


def allowed_hosts(values: list[str], site_url: str | None) -> frozenset[str]:
    """The hosts allowed: the ``allowed_hosts`` option's (lowercased) and the site's own."""
    hosts = {host.lower() for host in values}
    own = urlsplit(site_url).hostname if site_url else None
    return frozenset(hosts | ({own} if own else set()))


def _mapping_item(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(((k, value) for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    item = _mapping_item(node, key)
    return item[1] if item is not None else None


def _plugin_options(root: yaml.Node | None) -> yaml.Node | None:
    """The options node of the course-quiz plugin (``plugins`` as a list or a mapping), if any."""
    plugins = _mapping_value(root, "plugins")
    if isinstance(plugins, yaml.MappingNode):
        return _mapping_value(plugins, PLUGIN_NAME)
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            options = _mapping_value(item, PLUGIN_NAME)
            if options is not None:
                return options
    return None


@dataclass(frozen=True)
class _Setting:
    """A setting's key and value nodes, and the file (as shown) that holds them."""

    key: yaml.Node
    value: yaml.Node
    path: str


def _config_chain(config_file: Path, display_path: str) -> tuple[list[tuple[yaml.Node, str]], tuple[Path, ...]]:
    """The composed configuration and its ``INHERIT`` parents, nearest first, each with its path as shown.

    Also every file read or looked for, a missing one included (creating it changes the settings).
    """
    chain: list[tuple[yaml.Node, str]] = []
    files: list[Path] = []
    current: Path | None = config_file
    shown = display_path
    for _ in range(_MAX_INHERIT):
        if current is None:
            break
        files.append(current)
        if not current.is_file():
            break
        try:
            root = yaml.compose(current.read_text(encoding="utf-8-sig"), Loader=_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break  # MkDocs reports an unreadable configuration itself, in its own words
        if root is None:
            break  # an empty file: no settings
        chain.append((root, shown))
        parent = _mapping_value(root, "INHERIT")
        current = current.parent / parent.value if isinstance(parent, yaml.ScalarNode) else None
        shown = (Path(shown).parent / parent.value).as_posix() if isinstance(parent, yaml.ScalarNode) else shown
    return chain, tuple(files)


def _setting(chain: list[tuple[yaml.Node, str]], *keys: str) -> _Setting | None:
    """The value MkDocs uses for ``keys`` (``"theme", "font"``): INHERIT merges mappings and replaces the rest."""
    for root, path in chain:
        node: yaml.Node | None = root
        item = None
        for depth, key in enumerate(keys):
            if depth and not isinstance(node, yaml.MappingNode):
                return None  # a nearer file's scalar or list replaced the whole mapping
            item = _mapping_item(node, key)
            if item is None:
                break
            node = item[1]
        if item is not None:
            return _Setting(item[0], item[1], path)
    return None


def _scalar(setting: _Setting | None) -> str | None:
    return setting.value.value if setting is not None and isinstance(setting.value, yaml.ScalarNode) else None


def _is_false(node: yaml.Node) -> bool:
    return (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"
            and node.value.lower() in ("false", "no", "off"))


def _address(node: yaml.Node, path: str, kind: str, allowed: frozenset[str]) -> list[Problem]:
    """Q502 when the scalar ``node`` is an address on a host not in ``allowed``."""
    if not isinstance(node, yaml.ScalarNode):
        return []
    host = remote_host(node.value)
    if host is None or host in allowed:
        return []
    line = node.start_mark.line + 1
    return [resource_problem(path, line, Resource(line, node.start_mark.column + 1, kind, node.value, host),
                             node.start_mark.column + 1)]


_FONT_HOSTS = frozenset({"fonts.googleapis.com", "fonts.gstatic.com"})


def _fetched(setting: _Setting, kind: str, url: str, remedy: str) -> Problem:
    """Q502 at ``setting``'s key for what Material fetches from ``url`` because of it."""
    line = setting.key.start_mark.line + 1
    return resource_problem(setting.path, line, Resource(line, 0, kind, url, remote_host(url) or url), remedy=remedy)


def _repository_facts_host(repo_url: str | None) -> str | None:
    """The host Material asks for a repository's stars and forks (GitHub's API, a GitLab's own), if any."""
    host = remote_host(repo_url or "")
    return "api.github.com" if host == "github.com" else host if host and "gitlab" in host else None


def _material_problems(chain: list[tuple[yaml.Node, str]], theme: _Setting, allowed: frozenset[str]) -> list[Problem]:
    """Q502 for what Material for MkDocs fetches from another host because of a setting."""
    found: list[Problem] = []
    for key, kind in (("logo", "logo image (theme.logo)"), ("favicon", "icon (theme.favicon)")):
        setting = _setting(chain, "theme", key)
        if setting is not None:
            found.extend(_address(setting.value, setting.path, kind, allowed))
    font = _setting(chain, "theme", "font")
    if (font is None or not _is_false(font.value)) and not _FONT_HOSTS.issubset(allowed):
        found.append(_fetched(font or theme, "web font (Material's theme.font, Roboto unless set)", "https://fonts.googleapis.com/css", "set font: false under theme (system fonts), or self-host the font (its files under docs/, an @font-face in an extra_css stylesheet), or allow fonts.googleapis.com and fonts.gstatic.com in the course-quiz plugin's allowed_hosts in mkdocs.yml"))
    analytics = _setting(chain, "extra", "analytics")
    if (analytics is not None and _scalar(_setting(chain, "extra", "analytics", "provider")) == "google"
            and "www.googletagmanager.com" not in allowed):
        found.append(_fetched(analytics, "analytics script (Material's extra.analytics)", "https://www.googletagmanager.com/gtag/js", "remove extra.analytics, or allow www.googletagmanager.com in the course-quiz plugin's allowed_hosts in mkdocs.yml"))
    repo = _setting(chain, "repo_url")
    facts = _repository_facts_host(_scalar(repo))
    if repo is not None and facts is not None and facts not in allowed:
        found.append(_fetched(repo, "repository facts (stars, forks) Material fetches for repo_url", f"https://{facts}/", f"remove repo_url (link the repository from a page instead), or allow {facts} in the course-quiz plugin's allowed_hosts in mkdocs.yml"))
    return found


def _config_problems(chain: list[tuple[yaml.Node, str]], allowed: frozenset[str]) -> list[Problem]:
    """Q502 for every resource the configuration makes each page load from a host not in ``allowed``."""
    found: list[Problem] = []
    for key, kind in (("extra_css", "stylesheet (extra_css)"), ("extra_javascript", "script (extra_javascript)")):
        setting = _setting(chain, key)
        if setting is not None and isinstance(setting.value, yaml.SequenceNode):
            for item in setting.value.value:  # a path, or (extra_javascript) a mapping with a path
                node = _mapping_value(item, "path") if isinstance(item, yaml.MappingNode) else item
                found.extend(_address(node, setting.path, kind, allowed) if node is not None else [])
    theme = _setting(chain, "theme")
    name = _scalar(theme) or _scalar(_setting(chain, "theme", "name"))
    if theme is not None and name == "material":
        found.extend(_material_problems(chain, theme, allowed))
    return found


def _scalars(node: yaml.Node | None) -> list[str]:
    """The values of a scalar or of a list of scalars (none for anything else)."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
    return []


def _snippet_files(chain: list[tuple[yaml.Node, str]], folder: Path) -> tuple[Path, ...]:
    """The files pymdownx.snippets appends to every page (``auto_append``, looked up in ``base_path``)."""
    extensions = _setting(chain, "markdown_extensions")
    items = extensions.value.value if extensions is not None and isinstance(extensions.value, yaml.SequenceNode) else []
    options = next((item_options for item in items
                    if (item_options := _mapping_value(item, "pymdownx.snippets")) is not None), None)
    bases = _scalars(_mapping_value(options, "base_path")) or ["."]
    found: list[Path] = []
    for name in _scalars(_mapping_value(options, "auto_append")):
        found.extend(next(([folder / base / name] for base in bases if (folder / base / name).is_file()), []))
    return tuple(found)


def _exclude_docs(chain: list[tuple[yaml.Node, str]]) -> tuple[str, ...]:
    """The lines of ``exclude_docs`` (MkDocs reports a value that is not text itself)."""
    return tuple((_scalar(_setting(chain, "exclude_docs")) or "").splitlines())


def read_host_settings(config_file: Path, display_path: str) -> HostSettings:
    """The allowed hosts of the course whose configuration is ``config_file`` (none when it does not exist).

    Its problems are a wrong ``allowed_hosts`` (Q503) and every resource the configuration loads from
    another host (Q502); its ``snippets`` the files pymdownx.snippets appends to every page; its
    ``exclude_docs`` the pages MkDocs leaves out of the site.
    """
    chain, files = _config_chain(config_file, display_path)
    plugin_hosts = next(((hosts, path) for root, path in chain
                         if (hosts := _mapping_value(_plugin_options(root), "allowed_hosts")) is not None), None)
    site_url = next((url.value for root, _ in chain
                     if isinstance(url := _mapping_value(root, "site_url"), yaml.ScalarNode) and url.value), None)
    found: list[Problem] = []
    values: list[str] = []
    if plugin_hosts is not None:
        hosts, hosts_in = plugin_hosts
        if not isinstance(hosts, yaml.SequenceNode) or not all(isinstance(h, yaml.ScalarNode) for h in hosts.value):
            found.append(problem(hosts_in, hosts.start_mark.line + 1, "Q503", "allowed_hosts of the course-quiz plugin must be a list of host names, such as [media.example.org]"))
        else:
            for node in hosts.value:
                errors = host_errors([node.value])
                found.extend(problem(hosts_in, node.start_mark.line + 1, "Q503", f"allowed_hosts of the course-quiz plugin: {message}")
                             for message in errors)
                if not errors:
                    values.append(str(node.value))
    allowed = allowed_hosts(values, site_url)
    found.extend(_config_problems(chain, allowed))
    return HostSettings(allowed, tuple(found), _snippet_files(chain, config_file.parent), _exclude_docs(chain),
                        files)
