"""The summary dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    attempt,
    button_id,
    clear_messages,
    now_of,
    period_of,
    reset_page,
    send_file,
    show_notice,
)
from dialogs.states import (
    SecretarySG,
)
from dialogs.summary import ids
from dialogs.summary.getters import MEMBER
from domain.oversight import nudge_missing, toggle_exemplary
from exports.files import export_member_evidence
from locales import html, t


async def on_nudge_one(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    chosen = button_id(item)
    if chosen is not None:
        await _nudge(manager, {chosen})


async def on_nudge_all(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _nudge(manager, None)


async def _nudge(manager: DialogManager, member_ids: set[int] | None) -> None:
    year, month = period_of(manager)
    now = now_of(manager)
    result = await attempt(
        manager,
        lambda s, a: nudge_missing(
            s, a, a.cell_id or 0, year, month, now=now, member_ids=member_ids
        ),
    )
    if result is None:
        return
    show_notice(
        manager,
        html(
            "sec-nudged",
            queued=result.queued,
            repeated=result.repeated,
            unreachable=result.unreachable,
        ),
    )


async def on_member(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[MEMBER] = chosen
    await manager.switch_to(SecretarySG.member_report)


async def on_evidence(_: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """The member's evidence for the year, or for the quarter of the month being viewed."""
    year, month = period_of(manager)
    quarter = (month + 2) // 3 if button.widget_id == ids.EVIDENCE_QUARTER else None
    member_id, now = int(manager.dialog_data.get(MEMBER, 0)), now_of(manager)
    file = await attempt(
        manager,
        lambda s, a: export_member_evidence(s, a, member_id, year, now=now, quarter=quarter),
    )
    if file is not None:
        caption = (
            t("sec-evidence-caption-quarter", quarter=str(quarter), year=str(year))
            if quarter
            else t("sec-evidence-caption", year=str(year))
        )
        await send_file(manager, file, caption)


async def on_model(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    """Tick or untick a done item for the month's «Gương điển hình, việc làm tiêu biểu»."""
    chosen = button_id(item)
    if chosen is None:
        return
    year, month = period_of(manager)
    await attempt(manager, lambda s, a: toggle_exemplary(s, a, a.cell_id or 0, year, month, chosen))
