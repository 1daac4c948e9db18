"""What every question type provides: the one interface through which the engine treats types.

A type's module owns all of its rules: the YAML keys it reads and how (``read``), the checks of its
key (``key_problems``), the canonical answers its key accepts (``canonical_answers``), the readable
key the lock records (``source_key``), the readable key of the instructor edition (``render_key``), its
controls in the page (``render_body``), how a page checks a response (``canonical_response``, the same
rules as its branch in browser/quiz.js), the answers verification tries (``right_responses``,
``wrong_responses``), and the shape exporters write (``export_form``). Adding a type means one module
here, one entry in ``qtypes.KINDS`` and its branch in quiz.js.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from course_quiz.model import Question

if TYPE_CHECKING:
    from course_quiz.export.forms import ExportForm
    from course_quiz.loader import QuizReader
    from course_quiz.pagecheck import PageKey
    from course_quiz.textrender import TextRenderer
    from course_quiz.verify import PageQuestion
    from course_quiz.yamlsource import YMap

# A student's response as quiz.js reads it from the form: an id or text, a list of ids, or left-to-right
# pairs.
Response = str | Sequence[str] | Mapping[str, str]
# A problem of a key before it is placed: (code, message). The loader adds path and line.
KeyProblem = tuple[str, str]


class QuestionKind:
    """One question type. Subclasses set ``name`` and ``fields`` and implement the methods."""

    name: str = ""
    fields: tuple[str, ...] = ()  # YAML keys of this type besides the common ones

    def read(self, reader: QuizReader, qmap: YMap, label: str) -> dict[str, object]:
        """Read this type's fields into keyword arguments of ``Question``, reporting through ``reader``."""
        raise NotImplementedError

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """Problems of the key against the question's own options (codes Q2xx)."""
        raise NotImplementedError

    def canonical_answers(self, question: Question) -> list[str]:
        """Every canonical answer the key accepts; the page stores one digest for each."""
        raise NotImplementedError

    def source_key(self, question: Question) -> object:
        """The key in readable, JSON-able form, for the lock and messages."""
        raise NotImplementedError

    def render_key(self, text: TextRenderer, question: Question) -> str:
        """The key in readable HTML for the instructor edition: what is right, and how answers compare.

        Choice types list every option, marked right or wrong, with its feedback.
        """
        raise NotImplementedError

    def key_rules(self, question: Question) -> dict[str, object]:
        """Rules the page needs besides the digests to check a response (normalising, decimals)."""
        return {}

    def render_body(self, text: TextRenderer, question: Question, name: str) -> str:
        """The question's controls; ``name`` is the HTML id and name base of the question."""
        raise NotImplementedError

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The canonical strings whose digests must all be in the key for ``response`` to be right."""
        raise NotImplementedError

    def response_problem(self, question: Question, response: object) -> str | None:
        """What is wrong with the shape of a saved ``response`` (a JSON value), or ``None`` when it fits.

        The same rule as ``fits`` in quiz.js: a response fits when this question's form, given it,
        reads it back unchanged (an option that exists, a whole order, a text). Results files are read
        with it before a response is checked.
        """
        raise NotImplementedError

    def right_responses(self, question: Question) -> list[Response]:
        """Responses a student could give that the source key marks right."""
        raise NotImplementedError

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """Responses the source key marks wrong, to be tried against a page's key."""
        raise NotImplementedError

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """How the controls read back from a page differ from the source, or ``None``."""
        return None

    def export_form(self, question: Question) -> ExportForm:
        """The question's content and key in the shape the exporters write (``export.forms``)."""
        raise NotImplementedError


def unknown_ids(given: object, known: Sequence[str], what: str) -> str | None:
    """A message when ``given`` is not a list of distinct texts among ``known``, else ``None``."""
    if not isinstance(given, list) or not all(isinstance(item, str) for item in given):
        return f"expected a list of {what} ids"
    if len(set(given)) != len(given):
        return f"names an {what} more than once"
    strangers = [item for item in given if item not in known]
    return f"names {what} '{strangers[0][:40]}', which the question does not have" if strangers else None


def text_problem(response: object) -> str | None:
    """A message when ``response`` is not a typed, non-blank text (short and numeric answers)."""
    if not isinstance(response, str):
        return "expected the typed text"
    return "is blank" if not response.strip() else None


def key_paragraph(label: str, content: str = "") -> str:
    """One labelled line of a readable key (``render_key``): ``label`` is plain text, ``content`` HTML."""
    return f'<p><span class="cq-key-label">{label}</span>{" " + content if content else ""}</p>'
