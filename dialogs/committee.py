"""The committee's month: each of its cells' rates, the weakest first; counts only, no texts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Select, Start, SwitchTo
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.member.common import (
    actor_of,
    clear_messages,
    menu_button,
    message_lines,
    messages_data,
    page_data,
    pager,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.secretary.common import export_row, month_picker, period_data, period_of
from dialogs.states import CommitteeSG, YearSetupSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.errors import DomainError
from domain.exports import ExportFile, ExportFormat, export_committee_month
from domain.oversight import view_committee_month
from domain.permissions import Actor
from domain.summaries import CommitteeRollup
from domain.units import CommitteeNames, committee_names, update_committee
from exports.numbers import DEFAULT_THRESHOLD, attention_first, below, percent
from locales import html, t

FIELD = "field"
# The committee's names in the order the window lists them: (label, question) message ids.
FIELDS = {
    "name": ("com-field-name", "com-ask-name"),
    "executive_name": ("com-field-executive-name", "com-ask-executive-name"),
    "upper_unit": ("com-field-upper-unit", "com-ask-upper-unit"),
    "symbol": ("com-field-symbol", "com-ask-symbol"),
    "locality": ("com-field-locality", "com-ask-locality"),
}
# These two may be left empty: no upper-unit line, dots for the place in the date line.
OPTIONAL = frozenset({"upper_unit", "locality"})


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


async def _committee_month(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    return await export_committee_month(
        session, actor, actor.committee_id or 0, year, month, fmt, now=now
    )


async def names_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    data: dict[str, Any] = {"ready": False, "fields": []}
    try:
        async with transaction(dialog_manager) as session:
            names = await committee_names(session, actor, actor.committee_id or 0)
    except DomainError as error:
        show_error(dialog_manager, error)
        return {**data, **messages_data(dialog_manager)}
    unset = t("com-names-unset")
    values = {field: getattr(names, field) or unset for field in FIELDS}
    field = str(dialog_manager.dialog_data.get(FIELD, ""))
    data.update(
        values,
        ready=True,
        fields=[
            {"id": f, "label": t("com-names-edit", field=t(label))}
            for f, (label, _) in FIELDS.items()
        ],
        editing=t(FIELDS[field][0]) if field in FIELDS else "",
        current=values.get(field, ""),
        optional=field in OPTIONAL and bool(getattr(names, field, "")),
        **{f"ask_{f}": f == field for f in FIELDS},
    )
    return {**data, **messages_data(dialog_manager)}


async def on_field(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    if item not in FIELDS:
        return  # made-up button data
    manager.dialog_data[FIELD] = item
    await manager.switch_to(CommitteeSG.edit_name)


async def _save_field(manager: DialogManager, value: str) -> bool:
    actor = actor_of(manager)
    field = str(manager.dialog_data.get(FIELD, ""))
    if field not in FIELDS:
        return False
    try:
        async with transaction(manager) as session:
            names: CommitteeNames = await update_committee(
                session, actor, actor.committee_id or 0, **{field: value}
            )
    except DomainError as error:
        show_error(manager, error)
        return False
    show_notice(manager, html("com-names-saved", name=names.name))
    return True


async def on_name_text(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await _save_field(manager, text):
        await manager.switch_to(CommitteeSG.names)


async def on_clear_field(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await _save_field(manager, ""):
        await manager.switch_to(CommitteeSG.names)


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)


def _names_windows() -> list[Window]:
    return [
        Window(
            *message_lines(),
            I18NFormat("com-names", when="ready"),
            Select(
                Format("{item[label]}"),
                id="cf",
                item_id_getter=lambda f: f["id"],
                items="fields",
                on_click=on_field,
            ),
            SwitchTo(
                I18NPlain("button-back"),
                id="names_back",
                state=CommitteeSG.rollup,
                on_click=on_back,
            ),
            state=CommitteeSG.names,
            getter=names_getter,
        ),
        Window(
            *message_lines(),
            *(I18NFormat(ask, when=f"ask_{f}") for f, (_, ask) in FIELDS.items()),
            *text_input("committee_name", on_name_text),
            Button(
                I18NPlain("com-names-clear"),
                id="cf_clear",
                on_click=on_clear_field,
                when="optional",
            ),
            SwitchTo(
                I18NPlain("button-back"), id="edit_back", state=CommitteeSG.names, on_click=on_back
            ),
            state=CommitteeSG.edit_name,
            getter=names_getter,
        ),
    ]


def committee_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("com-rollup", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            pager(),
            month_picker(),
            export_row("c", _committee_month, "com-export-caption"),
            SwitchTo(
                I18NPlain("com-open-names"), id="names", state=CommitteeSG.names, on_click=on_back
            ),
            Start(I18NPlain("year-menu-button"), id="year_setup", state=YearSetupSG.overview),
            menu_button(),
            state=CommitteeSG.rollup,
            getter=rollup_getter,
        ),
        *_names_windows(),
    )
