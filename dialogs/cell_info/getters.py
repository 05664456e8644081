"""The cell info dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    attempt,
    messages_data,
    show_notice,
)
from domain.units import cell_names, update_cell_names
from locales import html, t


def _shown(own: str, inherited: str | None) -> str:
    """What a line prints: the cell's own, else the committee's (said so), else unset."""
    if own:
        return own
    if inherited:
        return t("sec-cell-info-inherited", value=inherited)
    return t("sec-cell-info-unset")


async def info_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"ready": False}
    names = await attempt(dialog_manager, lambda s, a: cell_names(s, a, a.cell_id or 0))
    if names is not None:
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
    names = await attempt(manager, lambda s, a: update_cell_names(s, a, a.cell_id or 0, **change))
    if names is None:
        return False
    show_notice(manager, html("sec-cell-info-saved", cell=names.name))
    return True
