"""The cell's heading lines for its leaders: the locality of the date line and the
upper-unit line that documents print above the cell's name."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, SwitchTo

from dialogs.cell_info import ids
from dialogs.cell_info.getters import info_getter
from dialogs.cell_info.handlers import (
    on_back,
    on_clear_locality,
    on_clear_upper,
    on_locality,
    on_upper,
)
from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    text_input,
)
from dialogs.states import CellInfoSG


def _back(widget_id: str) -> SwitchTo:
    return SwitchTo(
        I18NPlain("button-back"), id=widget_id, state=CellInfoSG.overview, on_click=on_back
    )


def cell_info_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("sec-cell-info", when="ready"),
            Row(
                SwitchTo(
                    I18NPlain("sec-cell-info-edit-locality"),
                    id=ids.EDIT_LOCALITY,
                    state=CellInfoSG.locality,
                    on_click=on_back,
                    when="ready",
                ),
                SwitchTo(
                    I18NPlain("sec-cell-info-edit-upper"),
                    id=ids.EDIT_UPPER_UNIT,
                    state=CellInfoSG.upper_unit,
                    on_click=on_back,
                    when="ready",
                ),
            ),
            Button(
                I18NPlain("sec-cell-info-clear-locality"),
                id=ids.CLEAR_LOCALITY,
                on_click=on_clear_locality,
                when="has_own_locality",
            ),
            Button(
                I18NPlain("sec-cell-info-clear-upper"),
                id=ids.CLEAR_UPPER_UNIT,
                on_click=on_clear_upper,
                when="has_own_upper",
            ),
            Row(Cancel(I18NPlain("button-back")), menu_button()),
            state=CellInfoSG.overview,
            getter=info_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-cell-info-ask-locality"),
            *text_input(ids.LOCALITY, on_locality),
            _back(ids.BACK_LOCALITY),
            state=CellInfoSG.locality,
            getter=info_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-cell-info-ask-upper"),
            *text_input(ids.UPPER, on_upper),
            _back(ids.BACK_UPPER),
            state=CellInfoSG.upper_unit,
            getter=info_getter,
        ),
    )
