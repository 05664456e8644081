"""The cell info dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    messages_data,
    show_error,
    show_notice,
    transaction,
)
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
    actor = await actor_of(dialog_manager)
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


async def save(manager: DialogManager, **change: str) -> bool:
    actor = await actor_of(manager)
    try:
        async with transaction(manager) as session:
            names: CellNames = await update_cell_names(session, actor, actor.cell_id or 0, **change)
    except DomainError as error:
        show_error(manager, error)
        return False
    show_notice(manager, html("sec-cell-info-saved", cell=names.name))
    return True
