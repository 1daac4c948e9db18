"""The course quiz core: model, loader, checks, answer-key lock, rendering and verification.

Nothing here imports MkDocs, so the core can serve any Python-Markdown host. The MkDocs plugin
(``mkdocs_course``) and the ``course`` command-line tool are thin adapters over it.
"""

from __future__ import annotations

__version__ = "0.1.0"
