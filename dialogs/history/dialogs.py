"""History: the months of a year with their report status; open one to read it."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    pager,
)
from dialogs.history import ids
from dialogs.history.getters import months_getter, report_getter
from dialogs.history.handlers import on_back, on_month, on_next_year, on_prev_year
from dialogs.states import HistorySG


def history_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("history-months"),
            Column(
                Select(
                    Format("{item[label]}"),
                    id=ids.HISTORY_MONTHS,
                    item_id_getter=lambda m: m["id"],
                    items="months",
                    on_click=on_month,
                )
            ),
            Row(
                Button(
                    I18NPlain("history-prev-year"),
                    id=ids.PREV_YEAR,
                    on_click=on_prev_year,
                    when="has_prev_year",
                ),
                Button(
                    I18NPlain("history-next-year"),
                    id=ids.NEXT_YEAR,
                    on_click=on_next_year,
                    when="has_next_year",
                ),
            ),
            menu_button(),
            state=HistorySG.months,
            getter=months_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("history-report", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            pager(),
            SwitchTo(
                I18NPlain("button-back"), id=ids.BACK, state=HistorySG.months, on_click=on_back
            ),
            state=HistorySG.report,
            getter=report_getter,
        ),
    )
