"""A file by the name a one-time link gives it: ``{"export": <name>, …its arguments}``.

Zalo's links and the web view's download buttons store such a document in a download
token (``domain.downloads``); the file is rendered when the link is opened, for the member
the token was made for, with that member's permissions checked again then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.downloads import MY_DATA_EXPORT, redeem_download
from domain.errors import DomainError
from domain.files import ExportFile, ExportFormat
from domain.members import get_member
from domain.period_review import ReviewPeriod
from domain.permissions import Actor
from domain.personal_data import my_data
from exports.files import export_committee_month, export_month
from exports.minutes import export_minutes
from exports.review_docs import export_cell_review, export_committee_review

Renderer = Callable[[AsyncSession, Actor, dict[str, Any], datetime], Awaitable[ExportFile]]
# A unit's document of a month: (session, actor, cell or committee id, year, month, now).
UnitDocument = Callable[[AsyncSession, Actor, int, int, int, datetime], Awaitable[ExportFile]]


def _month(fmt: ExportFormat, *, committee: bool = False) -> UnitDocument:
    export = export_committee_month if committee else export_month

    async def render(
        session: AsyncSession, actor: Actor, unit_id: int, year: int, month: int, now: datetime
    ) -> ExportFile:
        return await export(session, actor, unit_id, year, month, fmt, now=now)

    return render


def _review(full_year: bool, *, committee: bool = False) -> UnitDocument:
    export = export_committee_review if committee else export_cell_review

    async def render(
        session: AsyncSession, actor: Actor, unit_id: int, year: int, month: int, now: datetime
    ) -> ExportFile:
        period = ReviewPeriod.of(year, full_year=full_year, shown_month=month)
        return await export(session, actor, unit_id, period, now=now)

    return render


async def _minutes(
    session: AsyncSession, actor: Actor, cell_id: int, year: int, month: int, now: datetime
) -> ExportFile:
    return await export_minutes(session, actor, cell_id, year, month, now=now)


# A cell's files of a month, by name (the document carries ``cell_id``).
CELL_DOCUMENTS: dict[str, UnitDocument] = {
    "cell-month-docx": _month(ExportFormat.DOCX),
    "cell-month-xlsx": _month(ExportFormat.XLSX),
    "cell-month-png": _month(ExportFormat.PNG),
    "cell-minutes-docx": _minutes,
    "cell-half-review-docx": _review(False),
    "cell-year-review-docx": _review(True),
}
# A committee's, by name (the document carries ``committee_id``).
COMMITTEE_DOCUMENTS: dict[str, UnitDocument] = {
    "committee-month-docx": _month(ExportFormat.DOCX, committee=True),
    "committee-month-xlsx": _month(ExportFormat.XLSX, committee=True),
    "committee-month-png": _month(ExportFormat.PNG, committee=True),
    "committee-half-review-docx": _review(False, committee=True),
    "committee-year-review-docx": _review(True, committee=True),
}


async def render_named(
    session: AsyncSession, actor: Actor, document: dict[str, Any], now: datetime
) -> ExportFile:
    """The file ``document`` names, rendered for ``actor``; an unknown name is refused."""
    name = str(document.get("export"))
    if name == MY_DATA_EXPORT:
        return await my_data(session, actor, actor.member_id, now)
    for documents, unit in ((CELL_DOCUMENTS, "cell_id"), (COMMITTEE_DOCUMENTS, "committee_id")):
        render = documents.get(name)
        if render is not None:
            unit_id, year, month = (int(document[key]) for key in (unit, "year", "month"))
            return await render(session, actor, unit_id, year, month, now)
    raise DomainError("error-download-invalid")


async def redeemed_file(
    session: AsyncSession, token: str, now: datetime, render: Renderer = render_named
) -> ExportFile:
    """Use up a one-time link and render its file for the member it was made for, as they
    may read it now; ``DomainError`` if the link is used, expired or unknown."""
    member_id, document = await redeem_download(session, token, now)
    return await render(session, Actor.of(await get_member(session, member_id)), document, now)
