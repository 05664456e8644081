"""The month's files from the page: a one-time link per press, for the actor's own cell or
committee only, rendered when opened with the permissions of that moment."""

from __future__ import annotations

import io
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.reports import reporting_month
from domain.vocabulary import Role
from exports.named import CELL_DOCUMENTS, COMMITTEE_DOCUMENTS
from locales import t
from storage.models import Cell, Member
from tests.webview.conftest import COMMITTEE, MEMBER_1, NOW, SECRETARY_1, launch

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
}


async def _ask(client: TestClient[Any, Any], who: int, export: str) -> tuple[int, dict[str, Any]]:
    response = await client.post(
        f"/webview/api/exports/{export}", headers={"X-Init-Data": launch(who)}
    )
    return response.status, await response.json()


async def _fetch(client: TestClient[Any, Any], url: str) -> tuple[int, str, bytes, str]:
    # The page resolves the link against its own address, /webview/.
    response = await client.get("/webview/" + url)
    disposition = response.headers.get("Content-Disposition", "")
    return response.status, response.content_type, await response.read(), disposition


async def test_the_secretarys_workbook_is_their_cell_and_its_link_works_once(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    status, body = await _ask(client, SECRETARY_1, "cell-month-xlsx")
    assert status == 200
    status, mime, content, disposition = await _fetch(client, body["url"])
    assert status == 200 and mime == MIME["xlsx"]
    async with session_factory() as session:
        year, month = await reporting_month(session, 1, NOW)
    assert disposition.startswith("attachment;") and f"{year}-{month:02d}" in disposition
    async with session_factory() as session:
        cell_name = await session.scalar(
            select(Cell.name)
            .join(Member, Member.cell_id == Cell.id)
            .where(Member.telegram_id == SECRETARY_1)
        )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert any(cell_name in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    again = await client.get("/webview/" + body["url"])
    assert again.status == 404
    assert await again.text() == t("webview-download-gone")


@pytest.mark.parametrize("export", list(CELL_DOCUMENTS))
async def test_every_cell_file_the_page_offers_opens(
    client: TestClient[Any, Any], export: str
) -> None:
    status, body = await _ask(client, SECRETARY_1, export)
    assert status == 200
    status, mime, content, disposition = await _fetch(client, body["url"])
    extension = export.rsplit("-", 1)[1]
    assert status == 200 and mime == MIME[extension] and content
    assert disposition.endswith(f'.{extension}"')


async def test_the_committees_report_is_its_cells_signed_by_whoever_exported(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    status, body = await _ask(client, COMMITTEE, "committee-month-docx")
    assert status == 200
    status, mime, content, _ = await _fetch(client, body["url"])
    assert status == 200 and mime == MIME["docx"]
    async with session_factory() as session:
        signer = await session.scalar(select(Member).where(Member.telegram_id == COMMITTEE))
        assert signer is not None and signer.committee_id is not None
        cells = (
            await session.scalars(select(Cell.name).where(Cell.committee_id == signer.committee_id))
        ).all()
    document = Document(io.BytesIO(content))
    table_cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for c in table_cells for p in c.paragraphs)]
    text = "\n".join(p.text for p in paragraphs)
    assert cells and all(name in text for name in cells), text[:1500]
    assert signer.full_name in text


@pytest.mark.parametrize(
    ("who", "export", "status"),
    [
        (MEMBER_1, "cell-month-xlsx", 403),  # a member exports nothing
        (SECRETARY_1, "committee-month-xlsx", 409),  # a cell's secretary: not the committee's
        (COMMITTEE, "cell-month-xlsx", 409),  # the committee: its cells side by side only
        (SECRETARY_1, "my-data", 409),  # only the page's own names
        (SECRETARY_1, "webview", 409),
    ],
)
async def test_what_is_not_theirs_to_export_gets_no_link(
    client: TestClient[Any, Any], who: int, export: str, status: int
) -> None:
    assert (await _ask(client, who, export))[0] == status
    assert export in {*CELL_DOCUMENTS, *COMMITTEE_DOCUMENTS} or status == 409


async def test_without_a_signature_there_is_no_link(client: TestClient[Any, Any]) -> None:
    response = await client.post("/webview/api/exports/cell-month-xlsx")
    assert response.status == 403


async def test_a_secretary_stood_down_before_opening_the_link_gets_no_file(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    status, body = await _ask(client, SECRETARY_1, "cell-month-docx")
    assert status == 200
    async with session_factory() as session, session.begin():
        await session.execute(
            update(Member).where(Member.telegram_id == SECRETARY_1).values(role=Role.MEMBER)
        )
    status, _, content, _ = await _fetch(client, body["url"])
    assert status == 404 and content.decode() == t("webview-download-gone")
