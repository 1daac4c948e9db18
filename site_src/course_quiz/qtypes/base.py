"""What every question type provides: the one interface through which the engine treats types.

A type's module owns all of its rules, grouped here by the caller that uses them:

- ``Reading`` (the loader): the YAML keys it reads and how (``read``), through a ``QuizReading``, into
  its own key class (a subclass of ``model.Key``, defined in its module) and its choices (``Parts``).
- ``KeyChecking`` (the key pass, ``keypass``): the checks of its key (``key_problems``).
- ``Rendering`` (``keycodec``, ``render``, ``instructor``, ``lock``): the canonical answers whose digests
  the page stores, the rules the page needs besides them, the readable key the lock records
  (``source_key``) and the instructor edition shows (``render_key``), and its controls (``render_body``).
- ``PageChecking`` (``verify``, explaining a block that differs from its source; ``results``, grading
  saved responses): how a page checks a response (``canonical_response``, the same rules as its branch
  in browser/quiz.js), whether a saved response fits the question (``response_problem``, as ``fits``
  in quiz.js), the answers tried (``right_responses``, ``wrong_responses``) and how the controls read
  back differ (``page_mismatch``).
- ``Exporting`` (``export``): the shape exporters write (``export_form``).

The interface depends only on what is under it: the model, located YAML, the text renderer, the data
read back from a page (``pageread``) and the export shapes (``qtypes.forms``). The loader implements
``QuizReading``. Adding a type means one module here (its key class and its ``QuestionType``), one
entry in ``qtypes.TYPES`` and its branch in quiz.js; ARCHITECTURE.md, "To add a type", lists the rest
(schema, corpus, template, guide).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from course_quiz.model import Choice, Key, Question

if TYPE_CHECKING:
    from course_quiz.messages import Words
    from course_quiz.pageread import PageKey, PageQuestion
    from course_quiz.qtypes.forms import ExportForm
    from course_quiz.textrender import TextRenderer
    from course_quiz.yamlsource import YMap, YNode

# A student's response as quiz.js reads it from the form: an id or text, a list of ids, or left-to-right
# pairs.
Response = str | Sequence[str] | Mapping[str, str]
# A problem of a key before it is placed: (code, message). The loader adds path and line.
KeyProblem = tuple[str, str]
K = TypeVar("K", bound=Key)


@dataclass(frozen=True, slots=True)
class Parts:
    """What a type reads of its own fields: its key and the choices its questions show (empty if none)."""

    key: Key
    options: tuple[Choice, ...] = ()
    items: tuple[Choice, ...] = ()
    left: tuple[Choice, ...] = ()
    right: tuple[Choice, ...] = ()
    shuffle: bool = True


@dataclass(frozen=True, slots=True)
class UnreadKey(Key):
    """A key that could not be read at all (a numeric key with no usable number, or none).

    What was wrong is reported where it was read, or by the key pass when the answer is missing; either way
    the question is left out after the key pass, so no other part of its type ever sees this key.
    """


def key_of(question: Question, key_class: type[K]) -> K:
    """The key of ``question`` as the class its type defines; a type's module reads its own key with it.

    Questions reach a type through ``TYPES[question.type]``, and the loader builds each question's key
    with that same type's ``read``, so a key of another class is a mistake in the engine, not in a source:
    it raises.
    """
    key = question.key
    if not isinstance(key, key_class):
        raise TypeError(f"question '{question.id}' of type {question.type} has a {type(key).__name__}, "
                        f"not a {key_class.__name__}")
    return key


class QuizReading(Protocol):
    """The readers a type uses on its YAML fields; each reports what it cannot read and returns nothing."""

    def add(self, line: int, code: str, message: str, column: int = 0) -> None:
        """Record a problem at ``line`` of the file being read."""

    def expect_map(self, node: YNode, what: str) -> YMap | None:
        """``node`` as a mapping (Q112 when it is not one)."""

    def check_keys(self, node: YMap, allowed: tuple[str, ...], what: str, hint: str = "") -> None:
        """Report every key of ``node`` not in ``allowed`` (Q110)."""

    def require(self, node: YMap, key: str, what: str, code: str = "Q111") -> YNode | None:
        """The value of ``key`` in ``node`` (``code`` when it is missing)."""

    def text(self, node: YNode | None, what: str, required: bool = True) -> str | None:
        """A Markdown text field."""

    def flag(self, qmap: YMap, key: str, label: str, default: bool) -> bool:
        """An optional yes/no field such as ``shuffle`` (Q112 when it is not ``true`` or ``false``)."""

    def ident(self, node: YNode | None, what: str) -> str | None:
        """An id (Q116 when malformed)."""

    def id_list(self, node: YNode, what: str, allow_scalar: bool) -> tuple[str, ...]:
        """A list of ids, or one id when ``allow_scalar``."""

    def choices(self, qmap: YMap, key: str, label: str, with_feedback: bool) -> tuple[Choice, ...]:
        """The ``{id, text[, feedback]}`` entries under ``key``."""

    def answer_node(self, qmap: YMap) -> YNode | None:
        """The ``answer`` value of a question, if it has one."""


class Reading(Protocol):
    """How the loader reads a type's fields."""

    name: str
    fields: tuple[str, ...]  # YAML keys of this type besides the common ones

    def read(self, reader: QuizReading, qmap: YMap, label: str) -> Parts:
        """Read this type's fields, reporting through ``reader``.

        A key read in part (an unknown id, a missing answer) is returned as read, and one that cannot be
        read at all as an ``UnreadKey``: the key pass reports what is left to say.
        """


class KeyChecking(Protocol):
    """The key pass."""

    def key_problems(self, question: Question) -> list[KeyProblem]:
        """Problems of the key against the question's own options (codes Q2xx)."""


class Rendering(Protocol):
    """What a page and the lock carry of a question."""

    def canonical_answers(self, question: Question) -> list[str]:
        """Every canonical answer the key accepts; the page stores one digest for each."""

    def key_rules(self, question: Question) -> dict[str, object]:
        """Rules the page needs besides the digests to check a response (normalising, decimals)."""
        return {}

    def source_key(self, question: Question) -> object:
        """The key in readable, JSON-able form, for the lock and messages."""

    def render_key(self, text: TextRenderer, question: Question, words: Words) -> str:
        """The key in readable HTML for the instructor edition: what is right, and how answers compare.

        Choice types list every option, marked right or wrong, with its feedback.
        """

    def render_body(self, text: TextRenderer, question: Question, name: str, words: Words) -> str:
        """The question's controls; ``name`` is the HTML id and name base of the question, ``words`` the language's."""


class PageChecking(Protocol):
    """How a page checks a response.

    Verification explains a block that differs from its source with it, question by question, and
    ``results`` grades saved responses by it.
    """

    def canonical_response(self, response: Response, key: PageKey) -> list[str]:
        """The canonical strings whose digests must all be in the key for ``response`` to be right."""

    def response_problem(self, question: Question, response: object) -> str | None:
        """What is wrong with the shape of a saved ``response`` (a JSON value), or ``None`` when it fits.

        The same rule as ``fits`` in quiz.js: a response fits when this question's form, given it,
        reads it back unchanged (an option that exists, a whole order, a text). Results files are read
        with it before a response is checked.
        """

    def right_responses(self, question: Question) -> list[Response]:
        """Responses a student could give that the source key marks right."""

    def wrong_responses(self, question: Question, found: PageQuestion) -> list[Response]:
        """Responses the source key marks wrong, to be tried against a page's key."""

    def page_mismatch(self, question: Question, found: PageQuestion) -> str | None:
        """How the controls read back from a page differ from the source, or ``None``."""
        return None


class Exporting(Protocol):
    """What the exporters write."""

    def export_form(self, question: Question) -> ExportForm:
        """The question's content and key in the shape the exporters write (``qtypes.forms``)."""


class QuestionType(Reading, KeyChecking, Rendering, PageChecking, Exporting, Protocol):
    """One question type: every concern above. Each type module's class implements it."""


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
