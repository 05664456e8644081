"""The cell's heading lines for its leaders: the locality of the date line and the
upper-unit line that documents print above the cell's name."""

from __future__ import annotations

from aiogram_dialog import Dialog
from aiogram_dialog.widgets.kbd import Row

from dialogs.cell_info import ids
from dialogs.cell_info.getters import info_getter
from dialogs.cell_info.handlers import on_clear_locality, on_clear_upper, on_locality, on_upper
from dialogs.common import I18NFormat
from dialogs.states import CellInfoSG as SG
from dialogs.widgets import ask, back_row, button, switch, window


def cell_info_dialog() -> Dialog:
    return Dialog(
        window(
            I18NFormat("sec-cell-info", when="ready"),
            Row(
                switch("sec-cell-info-edit-locality", ids.EDIT_LOCALITY, SG.locality, "ready"),
                switch("sec-cell-info-edit-upper", ids.EDIT_UPPER_UNIT, SG.upper_unit, "ready"),
            ),
            button(
                "sec-cell-info-clear-locality",
                ids.CLEAR_LOCALITY,
                on_clear_locality,
                when="has_own_locality",
            ),
            button(
                "sec-cell-info-clear-upper",
                ids.CLEAR_UPPER_UNIT,
                on_clear_upper,
                when="has_own_upper",
            ),
            back_row(),
            state=SG.overview,
            getter=info_getter,
        ),
        ask(
            "sec-cell-info-ask-locality",
            ids.LOCALITY,
            on_locality,
            state=SG.locality,
            back=SG.overview,
            getter=info_getter,
            back_id=ids.BACK_LOCALITY,
        ),
        ask(
            "sec-cell-info-ask-upper",
            ids.UPPER,
            on_upper,
            state=SG.upper_unit,
            back=SG.overview,
            getter=info_getter,
            back_id=ids.BACK_UPPER,
        ),
    )
