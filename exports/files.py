"""Export use cases: check who asks, gather the summary (domain), render the file.

A cell's leaders export their cell; a committee exports the roll-up of its cells,
which holds counts and rates only. Every export is written to the audit log.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import years
from domain.audit import Acting, actor_id, authorize, record
from domain.cells import get_cell
from domain.errors import DomainError, NotFound
from domain.files import ExportFile, ExportFormat
from domain.members import local_date, member_for
from domain.permissions import Action, Actor
from domain.summaries import (
    cell_month_summary,
    cell_year_series,
    committee_month_rollup,
    member_year_evidence,
)
from domain.units import cell_letterhead, committee_letterhead
from domain.vocabulary import MemberStatus, Role
from exports import DOCX_MIME, PNG_MIME, XLSX_MIME
from exports.chart import cell_year_png, rollup_png
from exports.docx import member_evidence_docx, month_report_docx, rollup_docx
from exports.numbers import DEFAULT_THRESHOLD
from exports.xlsx import month_xlsx, rollup_xlsx
from locales import t
from storage.db import zone
from storage.models import Member

MIME = {ExportFormat.XLSX: XLSX_MIME, ExportFormat.DOCX: DOCX_MIME, ExportFormat.PNG: PNG_MIME}


def slug(name: str) -> str:
    """ASCII file-name words: "Chi bộ khu phố 3" -> "chi-bo-khu-pho-3"."""
    text = name.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)[:60] or "chibo"


def _file(stem: str, fmt: ExportFormat, content: bytes) -> ExportFile:
    return ExportFile(filename=f"{stem}.{fmt.value}", content=content, mime=MIME[fmt])


async def secretary_name(session: AsyncSession, cell_id: int) -> str:
    name = await session.scalar(
        select(Member.full_name)
        .where(
            Member.cell_id == cell_id,
            Member.role == Role.SECRETARY,
            Member.status == MemberStatus.ACTIVE,
        )
        .order_by(Member.id)
        .limit(1)
    )
    return name or ""


async def export_month(
    session: AsyncSession,
    acting: Acting,
    cell_id: int,
    year: int,
    month: int,
    fmt: ExportFormat,
    *,
    now: datetime,
) -> ExportFile:
    """The cell's month as a workbook or a report; PNG gives the year's chart up to the month."""
    authorize(acting, Action.EXPORT_CELL, cell_id=cell_id)
    cell = await get_cell(session, cell_id)
    stem = t("export-file-month", cell=slug(cell.name), period=f"{year}-{month:02d}")
    if fmt is ExportFormat.PNG:
        series = await cell_year_series(session, cell_id, year, through_month=month)
        content = cell_year_png(cell.name, year, series)
        stem = t("export-file-chart", cell=slug(cell.name), period=str(year))
    else:
        summary = await cell_month_summary(session, cell_id, year, month)
        if fmt is ExportFormat.XLSX:
            content = month_xlsx(summary, zone(session))
        else:
            setup = await years.resolve(session, year, cell.committee_id)
            content = month_report_docx(
                summary,
                secretary_name=await secretary_name(session, cell_id),
                letterhead=await cell_letterhead(session, cell_id),
                issued_on=local_date(now, zone(session)),
                issued_at=now,
                theme=setup.theme,
                wording=setup.wording,
            )
    record(
        session,
        actor_id(acting),
        "export.month",
        "cell",
        cell_id,
        year=year,
        month=month,
        format=fmt,
    )
    return _file(stem, fmt, content)


async def export_member_evidence(
    session: AsyncSession,
    acting: Acting,
    member_id: int,
    year: int,
    *,
    now: datetime,
    quarter: int | None = None,
) -> ExportFile:
    """A member's year (or quarter) for the review, for the leaders of the member's cell.

    Signed by whoever compiles it: the acting leader, else the cell's secretary.
    """
    if quarter not in (None, 1, 2, 3, 4):
        raise DomainError("error-quarter", quarter=quarter)
    member = await member_for(session, acting, member_id)
    if member.cell_id is None:
        raise NotFound("error-member-not-found", member_id=member_id)
    authorize(acting, Action.EXPORT_CELL, cell_id=member.cell_id)
    cell = await get_cell(session, member.cell_id)
    evidence = await member_year_evidence(session, member_id, year)
    setup = await years.setup_of_member(session, member_id, year, cell.committee_id)
    today = local_date(now, zone(session))
    compiler = acting.full_name if isinstance(acting, Actor) else ""
    content = member_evidence_docx(
        evidence,
        cell_name=cell.name,
        cell_id=cell.id,
        months_in_scope=today.month if today.year == year else 12,
        quarter=quarter,
        secretary_name=compiler or await secretary_name(session, cell.id),
        letterhead=await cell_letterhead(session, cell.id),
        issued_on=today,
        theme=setup.theme,
        wording=setup.wording,
    )
    extra = {"quarter": quarter} if quarter else {}
    record(session, actor_id(acting), "export.evidence", "member", member_id, year=year, **extra)
    period = (
        t("export-file-period-quarter", quarter=str(quarter), year=str(year))
        if quarter
        else t("export-file-period-year", year=str(year))
    )
    stem = t("export-file-evidence", member=slug(member.full_name), period=period)
    return _file(stem, ExportFormat.DOCX, content)


async def export_committee_month(
    session: AsyncSession,
    acting: Acting,
    committee_id: int,
    year: int,
    month: int,
    fmt: ExportFormat,
    *,
    now: datetime,
    threshold: float = DEFAULT_THRESHOLD,
    signer_role: Role = Role.SECRETARY,
) -> ExportFile:
    """The committee's cells for a month: counts and rates, never a member's words.

    The report is signed by the one exporting, as the committee's secretary unless
    ``signer_role`` says deputy: who holds which office in a committee is not stored.
    """
    authorize(acting, Action.VIEW_COMMITTEE_ROLLUP, committee_id=committee_id)
    rollup = await committee_month_rollup(session, committee_id, year, month)
    if fmt is ExportFormat.XLSX:
        content = rollup_xlsx(rollup, threshold)
    elif fmt is ExportFormat.DOCX:
        signer = acting.full_name if isinstance(acting, Actor) else ""
        setup = await years.resolve(session, year, committee_id)
        content = rollup_docx(
            rollup,
            threshold=threshold,
            signer_name=signer,
            signer_role=signer_role,
            letterhead=await committee_letterhead(session, committee_id),
            issued_on=local_date(now, zone(session)),
            theme=setup.theme,
            wording=setup.wording,
        )
    else:
        content = rollup_png(rollup, threshold)
    record(
        session,
        actor_id(acting),
        "export.rollup",
        "committee",
        committee_id,
        year=year,
        month=month,
        format=fmt,
    )
    stem = t(
        "export-file-rollup", committee=slug(rollup.committee_name), period=f"{year}-{month:02d}"
    )
    return _file(stem, fmt, content)
