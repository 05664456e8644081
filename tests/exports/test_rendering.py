"""Every Word export laid out by LibreOffice headless: page count, nothing overflowing.

A document kind joins by adding a ``Rendering`` to ``RENDERINGS``: a builder of its
bytes, the page-count bounds, and phrases (names) that must each fit on one line.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from domain.clock import DEFAULT_TZ as VIETNAM
from domain.summaries import CellMonthSummary
from exports.docx import member_evidence_docx, month_report_docx, rollup_docx
from exports.minutes import minutes_docx
from exports.plan_doc import personal_plan_docx, registration_list_docx
from exports.review_docs import cell_review_docx, committee_review_docx
from tests.exports import office, samples
from tests.exports.test_docx import CELL_HEAD, COMMITTEE_HEAD

ISSUED = date(2025, 3, 4)
CROWDED = samples.crowded_month_summary


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
        issued_on=ISSUED,
    )


def _plan(owner: str) -> Callable[[], bytes]:
    return lambda: personal_plan_docx(
        samples.personal_plan(),
        owner_name=owner,
        cell_name=CROWDED().cell_name,
        letterhead=CELL_HEAD,
        issued_on=ISSUED,
        secretary=samples.LONG_NAMES[0],
    )


def _registrations(summary_of: Callable[[], CellMonthSummary]) -> Callable[[], bytes]:
    return lambda: registration_list_docx(
        samples.cell_plans(summary_of()),
        cell_name=summary_of().cell_name,
        year=2025,
        tz=VIETNAM,
        letterhead=CELL_HEAD,
        issued_on=ISSUED,
        secretary=samples.LONG_NAMES[0],
    )


def _minutes(summary_of: Callable[[], CellMonthSummary]) -> Callable[[], bytes]:
    return lambda: minutes_docx(
        samples.meeting(summary_of()), tz=VIETNAM, letterhead=CELL_HEAD, issued_on=ISSUED
    )


def _cell_review(
    summary_of: Callable[[], CellMonthSummary], *, full_year: bool
) -> Callable[[], bytes]:
    return lambda: cell_review_docx(
        samples.cell_review(summary_of(), full_year=full_year),
        letterhead=CELL_HEAD,
        issued_on=ISSUED,
        secretary=samples.LONG_NAMES[0],
    )


def _committee_review(cells: int, *, full_year: bool) -> Callable[[], bytes]:
    return lambda: committee_review_docx(
        samples.committee_review(cells, full_year=full_year),
        letterhead=COMMITTEE_HEAD,
        issued_on=ISSUED,
        signer=samples.LONG_NAMES[2],
    )


def _evidence() -> bytes:
    return member_evidence_docx(
        samples.evidence(),
        cell_name=samples.CELL,
        months_in_scope=3,
        secretary_name="Trần Thị Bình",
        letterhead=CELL_HEAD,
        issued_on=ISSUED,
    )


def _rollup() -> bytes:
    return rollup_docx(samples.rollup(), threshold=0.8, letterhead=COMMITTEE_HEAD, issued_on=ISSUED)


RENDERINGS = [
    Rendering("member-evidence", _evidence, 1, 2),
    Rendering("committee-rollup", _rollup, 1, 3),
    Rendering("month-report", _month(samples.month_summary), 2, 3, ("STT", "Trần Thị Bình")),
    Rendering(
        "month-report-40-members",
        _month(samples.crowded_month_summary),
        4,
        6,
        ("STT", *samples.LONG_NAMES),
    ),
    Rendering("personal-plan", _plan(samples.LONG_NAMES[0]), 1, 2, (samples.LONG_NAMES[0],)),
    Rendering("registration-list", _registrations(samples.month_summary), 1, 2, ("STT",)),
    Rendering(
        "registration-list-40-members",
        _registrations(CROWDED),
        2,
        3,
        ("STT", *samples.LONG_NAMES),
    ),
    Rendering("minutes", _minutes(samples.month_summary), 2, 3, ("Trần Thị Bình",)),
    Rendering("minutes-40-members", _minutes(CROWDED), 3, 5, samples.LONG_NAMES),
    Rendering("half-year-cell", _cell_review(samples.month_summary, full_year=False), 2, 3),
    Rendering("year-cell-40-members", _cell_review(CROWDED, full_year=True), 2, 4),
    Rendering("half-year-committee", _committee_review(4, full_year=False), 2, 3),
    Rendering(
        "year-committee-16-cells",
        _committee_review(16, full_year=True),
        2,
        4,
        ("Chi bộ khu dân cư số 15", "Chi bộ Trường Tiểu học số 16"),
    ),
]


def test_the_documents_font_has_vietnamese_letters() -> None:
    assert office.serif_has_vietnamese(), "install fonts-liberation2 (as .ci/run does)"


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


@pytest.mark.parametrize("rendering", RENDERINGS, ids=lambda r: r.name)
def test_every_document_is_filed_with_page_numbers_language_author_and_grid(
    rendering: Rendering,
) -> None:
    """What a secretary files without editing: one PAGE field in the footer, Vietnamese as
    the language, the issuing body as author and the day issued, a title, and every table's
    column widths on its grid (LibreOffice, WPS and Google Docs ignore per-cell widths)."""
    document = Document(io.BytesIO(rendering.build()))
    footer = document.sections[0].footer._element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE"]
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"
    properties = document.core_properties
    assert properties.language == "vi-VN"
    assert properties.author in (CELL_HEAD.issuing_unit, COMMITTEE_HEAD.issuing_unit)
    assert properties.title and properties.created.date() == ISSUED
    for table in document.tables:
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        assert len(grid) == len(table.columns)
        assert all(int(col.get(qn("w:w"))) > 0 for col in grid)
