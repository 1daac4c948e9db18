"""Students' downloaded results: read, regraded from the sources, gathered into a gradebook and item analysis.

The layers, each looking only down:

- ``keys``: what regrading needs from the course, prepared once (each question's stamp and page key).
- ``reading``: one results file (JSON as the progress page downloads it, format version 1 or 2) read
  and validated into plain records; every bad input is a ``Problem`` (codes R9xx), never an exception.
- ``grading``: one file's responses checked again with the engine's own rules (``keycodec.accepts``,
  the type's ``response_problem``), against the current keys; the file's own verdicts are only compared.
- ``analysis``: the gradebook (one row per student, the later file counting) and the item tallies,
  folded in one file at a time, so memory holds per-question sums, not the files.
- ``output``: text, JSON and CSV; ``html`` and ``charts`` (matplotlib, an optional extra): the report.
"""
