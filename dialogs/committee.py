"""The committee's month: each of its cells' rates, the weakest first; counts only, no texts."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Row, Start

from dialogs.member.common import (
    actor_of,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    page_data,
    pager,
    show_error,
    transaction,
)
from dialogs.secretary.common import month_picker, period_data, period_of, send_file
from dialogs.states import CommitteeSG, YearSetupSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.errors import DomainError
from domain.exports import ExportFormat, export_committee_month
from domain.oversight import view_committee_month
from domain.summaries import CommitteeRollup
from exports.numbers import DEFAULT_THRESHOLD, attention_first, below, percent
from locales import html, t


def rollup_blocks(rollup: CommitteeRollup, threshold: float) -> list[str]:
    totals = rollup.totals
    blocks: list[str] = [
        html(
            "com-rollup-head",
            committee=rollup.committee_name,
            period=f"{rollup.month:02d}/{rollup.year}",
            cells=len(rollup.cells),
            reported=totals.reported,
            members=totals.members_total,
            on_time=totals.reported_on_time,
            rate=percent(totals.reported, totals.members_total),
        )
    ]
    for cell in attention_first(rollup.cells, threshold):
        blocks.append(
            html(
                "com-rollup-cell-below" if below(cell, threshold) else "com-rollup-cell",
                cell=cell.cell_name,
                reported=cell.reported,
                members=cell.members_total,
                on_time=cell.reported_on_time,
                rate=percent(cell.reported, cell.members_total),
                completion=percent(cell.items.done, cell.items.planned),
            )
        )
    return blocks


async def rollup_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    year, month = period_of(dialog_manager)
    actor = actor_of(dialog_manager)
    data: dict[str, Any] = {**period_data(dialog_manager), "ready": False}
    try:
        async with transaction(dialog_manager) as session:
            rollup = await view_committee_month(
                session, actor, actor.committee_id or 0, year, month
            )
    except DomainError as error:
        show_error(dialog_manager, error)
    else:
        data.update(page_data(dialog_manager, rollup_blocks(rollup, DEFAULT_THRESHOLD)), ready=True)
    return {**data, **messages_data(dialog_manager)}


async def _export(manager: DialogManager, fmt: ExportFormat) -> None:
    year, month = period_of(manager)
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            file = await export_committee_month(
                session, actor, actor.committee_id or 0, year, month, fmt, now=now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)
        return
    await send_file(manager, file, t("com-export-caption", period=f"{month:02d}/{year}"))


async def on_export_xlsx(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _export(manager, ExportFormat.XLSX)


async def on_export_docx(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _export(manager, ExportFormat.DOCX)


async def on_export_png(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _export(manager, ExportFormat.PNG)


def committee_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("com-rollup", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            pager(),
            month_picker(),
            Row(
                Button(I18NPlain("sec-export-xlsx"), id="c_xlsx", on_click=on_export_xlsx),
                Button(I18NPlain("sec-export-docx"), id="c_docx", on_click=on_export_docx),
                Button(I18NPlain("sec-export-png"), id="c_png", on_click=on_export_png),
                when="ready",
            ),
            Start(I18NPlain("year-menu-button"), id="year_setup", state=YearSetupSG.overview),
            menu_button(),
            state=CommitteeSG.rollup,
            getter=rollup_getter,
        ),
    )
