from __future__ import annotations

from datetime import UTC, date, datetime

from exports.numbers import attention_first, day, percent
from tests.exports import samples


def test_percent_uses_a_decimal_comma() -> None:
    assert percent(997, 1000) == "99,7%"
    assert percent(3, 4) == "75%"
    assert percent(1, 3) == "33,3%"
    assert percent(0, 0) == "0%"


def test_day_is_local_and_dd_mm_yyyy() -> None:
    assert day(date(2025, 3, 4)) == "04/03/2025"
    assert day(datetime(2025, 3, 3, 18, 30, tzinfo=UTC)) == "04/03/2025"
    assert day(None) == ""


def test_attention_first_keeps_the_others_in_order() -> None:
    cells = samples.rollup().cells
    assert [c.cell_id for c in attention_first(cells, 0.8)] == [2, 3, 1, 4]
    assert [c.cell_id for c in attention_first(cells, 0.0)] == [1, 2, 3, 4]
