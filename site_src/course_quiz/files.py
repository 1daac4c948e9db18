"""Files: finding the course's sources without surprises, and writing so that a failure leaves nothing half-written."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, content: str | bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename it.

    ``content`` is text (written as UTF-8), bytes, or a function that writes to the open binary file
    (to stream large data without holding a copy in memory).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(content, str):
                stream.write(content.encode("utf-8"))
            elif isinstance(content, bytes):
                stream.write(content)
            else:
                content(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def source_files(folder: Path, suffixes: tuple[str, ...], excluded: Callable[[str], bool] | None = None,
                 ) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every regular file under ``folder`` whose name ends in one of ``suffixes``, in sorted order.

    ``excluded`` is asked about each candidate's path relative to ``folder`` (with ``/``): a file it
    excludes (MkDocs' ``exclude_docs``, say) is neither returned nor reported.

    Returns:
        The files, and every surprise as (path, what is wrong): a folder, pipe or device named like a
        source file, a broken symbolic link or a loop of links, a subfolder that cannot be read. The
        caller reports each; none is skipped silently, and a pipe is never opened (reading it would block).

    """
    files: list[Path] = []
    surprises: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        surprises.append((Path(error.filename or folder), f"cannot read this folder: {error.strerror or error}"))

    for current, folders, names in os.walk(folder, onerror=unreadable):
        for name in sorted(folders + names):
            if not name.endswith(suffixes):
                continue
            path = Path(current) / name
            if excluded is not None and excluded(path.relative_to(folder).as_posix()):
                continue
            try:
                mode = path.stat().st_mode  # follows symbolic links, as reading the file would
            except OSError as error:
                reason = "is a loop of symbolic links" if error.errno == errno.ELOOP else (
                    "is a symbolic link to nothing" if path.is_symlink() else f"cannot be read: {error.strerror}")
                surprises.append((path, reason))
                continue
            if stat.S_ISREG(mode):
                files.append(path)
            elif stat.S_ISDIR(mode):
                surprises.append((path, "is a folder, not a file; rename it"))
            else:
                surprises.append((path, "is not a regular file (a pipe or a device); replace it with a file"))
        folders[:] = sorted(f for f in folders if not f.endswith(suffixes))
    return sorted(files), surprises
