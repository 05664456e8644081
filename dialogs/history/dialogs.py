"""History: the months of a year with their report status; open one to read it."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Row

from dialogs.common import I18NFormat, menu_button, pager
from dialogs.history import ids
from dialogs.history.getters import months_getter, report_getter
from dialogs.history.handlers import on_month, on_next_year, on_prev_year
from dialogs.states import HistorySG as SG
from dialogs.widgets import back_to, button, column, window


def history_dialog() -> Dialog:
    return Dialog(
        window(
            I18NFormat("history-months"),
            column(ids.HISTORY_MONTHS, "months", on_month),
            Row(
                button("history-prev-year", ids.PREV_YEAR, on_prev_year, when="has_prev_year"),
                button("history-next-year", ids.NEXT_YEAR, on_next_year, when="has_next_year"),
            ),
            menu_button(),
            state=SG.months,
            getter=months_getter,
        ),
        window(
            I18NFormat("history-report", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            pager(),
            back_to(SG.months, ids.BACK),
            state=SG.report,
            getter=report_getter,
        ),
    )
