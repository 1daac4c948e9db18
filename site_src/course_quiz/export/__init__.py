"""Exports of the quizzes for other systems: GIFT (Moodle), QTI 1.2 (Canvas), and answer sheets (CSV, Markdown).

Each format is one module; ``formats`` lists them. Every export is read back and compared with its
source before it is written (``course export``), so an export that would not round-trip fails with a
message instead of reaching an LMS. Question types describe themselves to the exporters through
``forms``, so a format never branches on a type's name.
"""
