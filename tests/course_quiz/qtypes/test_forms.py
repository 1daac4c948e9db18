"""Every question type describes itself to the exporters, and the order fallback matches items to positions."""

from __future__ import annotations

from decimal import Decimal

from course_quiz.export.base import form_of
from course_quiz.loader import load_quiz_file
from course_quiz.qtypes import TYPES
from course_quiz.qtypes.forms import (
    BooleanForm,
    ChoiceForm,
    NumberForm,
    OrderForm,
    PairsForm,
    TextForm,
    plain_number,
)
from tests.conftest import CORPUS


def test_every_type_has_a_form() -> None:
    quiz, _problems = load_quiz_file(CORPUS / "valid-all-types.yml")
    assert quiz is not None
    forms = {question.type: form_of(question) for question in quiz.questions}
    assert set(forms) == set(TYPES)
    assert isinstance(forms["single"], ChoiceForm)
    assert not forms["single"].multiple
    assert isinstance(forms["multiple"], ChoiceForm)
    assert forms["multiple"].multiple
    assert isinstance(forms["true-false"], BooleanForm)
    assert isinstance(forms["short"], TextForm)
    assert isinstance(forms["numeric"], NumberForm)
    assert isinstance(forms["order"], OrderForm)
    assert isinstance(forms["match"], PairsForm)


def test_order_falls_back_to_matching_each_item_to_its_position() -> None:
    quiz, _ = load_quiz_file(CORPUS / "valid-all-types.yml")
    assert quiz is not None
    order = next(form_of(q) for q in quiz.questions if q.type == "order")
    assert isinstance(order, OrderForm)
    pairs = order.as_pairs()
    assert [c.id for c in pairs.left] == [i.id for i in order.items]
    assert [c.text for c in pairs.right] == [str(n) for n in range(1, len(order.items) + 1)]
    for item_id, position in pairs.pairs:
        assert order.order[int(pairs.target_of(item_id).text) - 1] == item_id
        assert position == f"position-{order.order.index(item_id) + 1}"


def test_plain_numbers() -> None:
    assert [plain_number(Decimal(v)) for v in ("1E+1", "0.50", "-0", "-3.25", "60.060")] == \
        ["10", "0.5", "0", "-3.25", "60.06"]
