"""The committee's month: each of its cells' rates, the weakest first; counts only, no texts."""

from __future__ import annotations

from datetime import datetime

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Select, Start, SwitchTo
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.committee import ids
from dialogs.committee.getters import FIELDS, names_getter, rollup_getter
from dialogs.committee.handlers import on_back, on_clear_field, on_field, on_name_text
from dialogs.common import (
    I18NFormat,
    I18NPlain,
    export_row,
    menu_button,
    message_lines,
    month_picker,
    pager,
    text_input,
)
from dialogs.states import CommitteeSG, YearSetupSG
from domain.files import ExportFile, ExportFormat
from domain.permissions import Actor
from exports.files import export_committee_month


async def _committee_month(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    return await export_committee_month(
        session, actor, actor.committee_id or 0, year, month, fmt, now=now
    )


def _names_windows() -> list[Window]:
    return [
        Window(
            *message_lines(),
            I18NFormat("com-names", when="ready"),
            Select(
                Format("{item[label]}"),
                id=ids.NAME_FIELDS,
                item_id_getter=lambda f: f["id"],
                items="fields",
                on_click=on_field,
            ),
            SwitchTo(
                I18NPlain("button-back"),
                id=ids.NAMES_BACK,
                state=CommitteeSG.rollup,
                on_click=on_back,
            ),
            state=CommitteeSG.names,
            getter=names_getter,
        ),
        Window(
            *message_lines(),
            *(I18NFormat(ask, when=f"ask_{f}") for f, (_, ask) in FIELDS.items()),
            *text_input(ids.COMMITTEE_NAME, on_name_text),
            Button(
                I18NPlain("com-names-clear"),
                id=ids.CLEAR_NAME,
                on_click=on_clear_field,
                when="optional",
            ),
            SwitchTo(
                I18NPlain("button-back"),
                id=ids.EDIT_BACK,
                state=CommitteeSG.names,
                on_click=on_back,
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
            export_row(ids.MONTH_FILES, _committee_month, "com-export-caption"),
            SwitchTo(
                I18NPlain("com-open-names"), id=ids.NAMES, state=CommitteeSG.names, on_click=on_back
            ),
            Start(I18NPlain("year-menu-button"), id=ids.YEAR_SETUP, state=YearSetupSG.overview),
            menu_button(),
            state=CommitteeSG.rollup,
            getter=rollup_getter,
        ),
        *_names_windows(),
    )
