"""The plugin's own bookkeeping, without a whole build."""

from __future__ import annotations

from mkdocs_course.plugin import CourseQuizPlugin


class FakePreparation:
    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def test_a_build_that_fails_elsewhere_stops_the_preparation() -> None:
    plugin = CourseQuizPlugin()
    preparation = FakePreparation()
    plugin.preparation = preparation  # type: ignore[assignment]
    plugin.on_build_error(error=RuntimeError("a page failed"))
    assert preparation.cancelled
    assert plugin.preparation is None
