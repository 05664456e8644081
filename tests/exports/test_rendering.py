"""Every Word export laid out by LibreOffice headless: page count, nothing overflowing.

A document kind joins by adding a ``Rendering`` to ``RENDERINGS``: a builder of its
bytes, the page-count bounds, and phrases (names) that must each fit on one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from exports.docx import month_report_docx
from tests.exports import office, samples
from tests.exports.test_docx import CELL_HEAD


@dataclass(frozen=True)
class Rendering:
    name: str
    build: Callable[[], bytes]
    min_pages: int
    max_pages: int
    one_line: tuple[str, ...] = ()


def _month(summary_of: Callable[[], object]) -> Callable[[], bytes]:
    return lambda: month_report_docx(
        summary_of(),  # type: ignore[arg-type]
        secretary_name="Nguyễn Văn An",
        letterhead=CELL_HEAD,
        issued_on=date(2025, 3, 4),
    )


RENDERINGS = [
    Rendering("month-report", _month(samples.month_summary), 2, 3, ("STT", "Trần Thị Bình")),
    Rendering(
        "month-report-40-members",
        _month(samples.crowded_month_summary),
        4,
        6,
        ("STT", *samples.LONG_NAMES),
    ),
]


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda r: r.name)
def test_export_renders_within_its_pages_without_overflow(rendering: Rendering) -> None:
    pages = office.pages(rendering.build())
    assert rendering.min_pages <= len(pages) <= rendering.max_pages
    for page in pages:
        assert office.overflows(page, left_margin_cm=3, right_margin_cm=1.5) == []
        # The signature block keeps the end of the text with it on its page.
        assert not page.text.startswith("Nơi nhận:")
    for phrase in rendering.one_line:
        assert office.lines_of(pages, phrase) == 1, phrase
