"""The cell's heading lines for its leaders: the locality of the date line and the
upper-unit line that documents print above the cell's name."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, SwitchTo

from dialogs.member.common import (
    actor_of,
    clear_messages,
    menu_button,
    message_lines,
    messages_data,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import CellInfoSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.errors import DomainError
from domain.units import CellNames, cell_names, update_cell_names
from locales import html, t


def _shown(own: str, inherited: str | None) -> str:
    """What a line prints: the cell's own, else the committee's (said so), else unset."""
    if own:
        return own
    if inherited:
        return t("sec-cell-info-inherited", value=inherited)
    return t("sec-cell-info-unset")


async def info_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    data: dict[str, Any] = {"ready": False}
    try:
        async with transaction(dialog_manager) as session:
            names = await cell_names(session, actor, actor.cell_id or 0)
    except DomainError as error:
        show_error(dialog_manager, error)
    else:
        data.update(
            ready=True,
            cell=names.name,
            upper=_shown(names.upper_unit, names.committee_name),
            locality=_shown(names.locality, names.committee_locality),
            has_own_upper=bool(names.upper_unit),
            has_own_locality=bool(names.locality),
        )
    return {**data, **messages_data(dialog_manager)}


async def _save(manager: DialogManager, **change: str) -> bool:
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            names: CellNames = await update_cell_names(session, actor, actor.cell_id or 0, **change)
    except DomainError as error:
        show_error(manager, error)
        return False
    show_notice(manager, html("sec-cell-info-saved", cell=names.name))
    return True


async def on_locality(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await _save(manager, locality=text):
        await manager.switch_to(CellInfoSG.overview)


async def on_upper(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await _save(manager, upper_unit=text):
        await manager.switch_to(CellInfoSG.overview)


async def on_clear_locality(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _save(manager, locality="")


async def on_clear_upper(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _save(manager, upper_unit="")


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)


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
                    id="ci_locality",
                    state=CellInfoSG.locality,
                    on_click=on_back,
                    when="ready",
                ),
                SwitchTo(
                    I18NPlain("sec-cell-info-edit-upper"),
                    id="ci_upper",
                    state=CellInfoSG.upper_unit,
                    on_click=on_back,
                    when="ready",
                ),
            ),
            Button(
                I18NPlain("sec-cell-info-clear-locality"),
                id="ci_clear_locality",
                on_click=on_clear_locality,
                when="has_own_locality",
            ),
            Button(
                I18NPlain("sec-cell-info-clear-upper"),
                id="ci_clear_upper",
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
            *text_input("locality", on_locality),
            _back("back_locality"),
            state=CellInfoSG.locality,
            getter=info_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-cell-info-ask-upper"),
            *text_input("upper", on_upper),
            _back("back_upper"),
            state=CellInfoSG.upper_unit,
            getter=info_getter,
        ),
    )
