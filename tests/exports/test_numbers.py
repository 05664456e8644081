from __future__ import annotations

from exports.numbers import attention_first, percent
from tests.exports import samples


def test_percent_uses_a_decimal_comma() -> None:
    assert percent(997, 1000) == "99,7%"
    assert percent(3, 4) == "75%"
    assert percent(1, 3) == "33,3%"
    assert percent(0, 0) == "0%"


def test_attention_first_keeps_the_others_in_order() -> None:
    cells = samples.rollup().cells
    assert [c.cell_id for c in attention_first(cells, 0.8)] == [2, 3, 1, 4]
    assert [c.cell_id for c in attention_first(cells, 0.0)] == [1, 2, 3, 4]
