"""What the engine reads from the course's configuration file (mkdocs.yml) outside MkDocs: the allowed hosts.

The hosts a course loads resources from on purpose are one setting, the ``allowed_hosts`` option of the
``course-quiz`` plugin in mkdocs.yml. MkDocs gives it to the plugin; ``course check`` and the Markdown
extension (Zensical builds without plugins) read it here from the same file, so it is written once.
The site's own host (``site_url``) is always allowed.

The file is read with PyYAML's composer, which keeps positions and never constructs a value, so tags such
as ``!ENV`` or ``!!python/name:`` do no harm (as ``navfile`` reads the nav). ``INHERIT`` is followed: a
setting of the file itself wins over its parent's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from course_quiz.problems import Problem, problem

_HOST_NAME = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")
PLUGIN_NAME = "course-quiz"
CONFIG_NAME = "mkdocs.yml"
_MAX_INHERIT = 8
# libyaml's composer when PyYAML has it: the pure-Python one took 20 ms of every `course check`.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class HostSettings:
    """The hosts a course may load resources from, and the problems found reading them (Q503)."""

    allowed: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = field(default=(), hash=False)


def host_errors(hosts: Iterable[object]) -> list[str]:
    """What is wrong with each entry of an ``allowed_hosts`` list (a host name such as ``media.example.org``)."""
    return [f"'{host}' is not a host name (write it as media.example.org: no scheme, path or port)"
            for host in hosts if not isinstance(host, str) or not _HOST_NAME.match(host.lower())]


def allowed_hosts(values: list[str], site_url: str | None) -> frozenset[str]:
    """The hosts allowed: the ``allowed_hosts`` option's (lowercased) and the site's own."""
    hosts = {host.lower() for host in values}
    own = urlsplit(site_url).hostname if site_url else None
    return frozenset(hosts | ({own} if own else set()))


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


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


def read_host_settings(config_file: Path, display_path: str) -> HostSettings:
    """The allowed hosts of the course whose configuration is ``config_file`` (none when it does not exist)."""
    hosts: yaml.Node | None = None
    hosts_in = display_path
    site_url: str | None = None
    current: Path | None = config_file
    for _ in range(_MAX_INHERIT):
        if current is None or not current.is_file():
            break
        try:
            root = yaml.compose(current.read_text(encoding="utf-8-sig"), Loader=_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break  # MkDocs reports an unreadable configuration itself, in its own words
        if hosts is None:
            hosts = _mapping_value(_plugin_options(root), "allowed_hosts")
            hosts_in = display_path if current == config_file else str(current)
        url = _mapping_value(root, "site_url")
        if site_url is None and isinstance(url, yaml.ScalarNode) and url.value:
            site_url = url.value
        parent = _mapping_value(root, "INHERIT")
        current = current.parent / parent.value if isinstance(parent, yaml.ScalarNode) else None
    if hosts is None:
        return HostSettings(allowed_hosts([], site_url))
    if not isinstance(hosts, yaml.SequenceNode) or not all(isinstance(h, yaml.ScalarNode) for h in hosts.value):
        return HostSettings(allowed_hosts([], site_url), (problem(hosts_in, hosts.start_mark.line + 1, "Q503", "allowed_hosts of the course-quiz plugin must be a list of host names, such as [media.example.org]"),))  # noqa: E501 (a message stays on one line, so grep finds it)
    found: list[Problem] = []
    values: list[str] = []
    for node in hosts.value:
        errors = host_errors([node.value])
        found.extend(problem(hosts_in, node.start_mark.line + 1, "Q503", f"allowed_hosts of the course-quiz plugin: {message}")  # noqa: E501 (a message stays on one line, so grep finds it)
                     for message in errors)
        if not errors:
            values.append(str(node.value))
    return HostSettings(allowed_hosts(values, site_url), tuple(found))
