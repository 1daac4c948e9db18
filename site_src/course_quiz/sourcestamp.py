"""Whether a course prepared earlier in this process is still current for one quiz: a few stats, not a walk.

A host that renders pages without the MkDocs plugin (Zensical) keeps the prepared course for its process
(``markdown_ext.prepared_quizzes``) and asks at every placement whether it may use it. A stat of every
entry there made the check grow with the square of the course (13 ms a placement, 13 s of a build's CPU
at N=1000; bench/README.md). ``SourceStamp`` is taken once, before a preparation (a walk of the folders
and a stat of every entry), and ``current(quiz_id)`` then compares with it only (0.16 ms at N=1000):

* every folder under the roots (its modification time changes when an entry is added, removed or
  renamed, and so when an editor saves by writing a new file and renaming it over the old one);
* the shared files: the lock, the configuration and its ``INHERIT`` parents, the snippets appended to
  every page (``siteconfig.HostSettings``);
* the files the quiz is made from: its quiz file and lesson page, each with its translations and twins
  (the files of its folder named like it up to the first dot: ``one.yml``, ``one.zh.yml``; ``one.md``,
  ``one.zh.md``).

What it cannot see: a change that rewrites, in place, a file no placement depends on (a page that
places no quiz, a quiz no page places, another file under the docs folder) is not noticed until
something the next placement depends on changes. The course prepared before it stays in use; under
``zensical serve`` that means an error in such a file fails the build only at the next change to a file
a placement checks. A fresh build prepares everything, since a process starts with nothing prepared.
``current(None)`` stats every file too, as the old check did. Times are as fine as the file system's
clock tick: a folder changed twice within one tick, the stamp taken in between, keeps its first time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

Stat = tuple[int, int, int]  # modification time (ns), size, inode; all 0 for an entry that cannot be read
MISSING: Stat = (0, 0, 0)


def stat_of(path: str) -> Stat:
    """Modification time, size and inode of ``path`` (``MISSING`` when it does not exist or cannot be read)."""
    try:
        status = os.stat(path)
    except OSError:  # a broken link, say: the loader reports it; that it is missing is its state
        return MISSING
    return status.st_mtime_ns, status.st_size, status.st_ino


def _family(path: str) -> tuple[str, str]:
    """The folder of ``path`` and its name up to the first dot: a quiz, its translations; a page, its twins."""
    folder, name = os.path.split(path)
    return folder, name.split(".", 1)[0]


@dataclass(frozen=True)
class SourceStamp:
    """The state of a course's sources when it was prepared, and the files each of its quizzes depends on."""

    folders: tuple[tuple[str, Stat], ...]
    shared: tuple[tuple[str, Stat], ...]
    files: Mapping[str, Stat] = field(hash=False)
    quizzes: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)  # quiz id -> its files

    @classmethod
    def take(cls, roots: Iterable[Path], shared: Iterable[Path]) -> SourceStamp:
        """Stat every folder and file under ``roots``, and the ``shared`` files (take it before preparing)."""
        folders: list[tuple[str, Stat]] = []
        files: dict[str, Stat] = {}
        for root in roots:
            top = os.path.abspath(root)
            folders.append((top, stat_of(top)))
            for current, subfolders, names in os.walk(top):
                folders.extend((path, stat_of(path)) for path in (os.path.join(current, n) for n in subfolders))
                files.update((path, stat_of(path)) for path in (os.path.join(current, n) for n in names))
        common = tuple((path, stat_of(path)) for path in dict.fromkeys(os.path.abspath(p) for p in shared))
        return cls(tuple(folders), common, files)

    def with_quizzes(self, sources: Mapping[str, Sequence[Path]]) -> SourceStamp:
        """The stamp with each quiz's files: the stamped files in the family of each of its ``sources``."""
        families: dict[tuple[str, str], list[str]] = {}
        for path in self.files:
            families.setdefault(_family(path), []).append(path)
        quizzes: dict[str, tuple[str, ...]] = {}
        for quiz_id, paths in sources.items():
            found: list[str] = []
            for source in paths:
                source_path = os.path.abspath(source)
                stem = os.path.splitext(os.path.basename(source_path))[0] + "."  # one.zh.yml for one.yml
                found.extend(path for path in families.get(_family(source_path), ())
                             if os.path.basename(path).startswith(stem))
                if source_path not in self.files:  # not there when stamped: its creation must show
                    found.append(source_path)
            quizzes[quiz_id] = tuple(dict.fromkeys(found))
        return replace(self, quizzes=quizzes)

    def current(self, quiz_id: str | None) -> bool:
        """Whether nothing ``quiz_id`` depends on has changed (``None``: nothing under the roots at all)."""
        if any(stat_of(path) != stat for path, stat in self.folders):
            return False
        if any(stat_of(path) != stat for path, stat in self.shared):
            return False
        if quiz_id is None:
            return all(stat_of(path) == stat for path, stat in self.files.items())
        return all(stat_of(path) == self.files.get(path, MISSING) for path in self.quizzes.get(quiz_id, ()))
