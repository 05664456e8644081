"""The summary dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    actor_of,
    button_id,
    clear_messages,
    now_of,
    period_of,
    reset_page,
    send_file,
    show_error,
    show_notice,
    transaction,
)
from dialogs.states import (
    SecretarySG,
)
from dialogs.summary.getters import MEMBER
from domain.errors import DomainError
from domain.oversight import nudge_missing
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
    actor = await actor_of(manager)
    try:
        async with transaction(manager) as session:
            result = await nudge_missing(
                session,
                actor,
                actor.cell_id or 0,
                year,
                month,
                now=now_of(manager),
                member_ids=member_ids,
            )
    except DomainError as error:
        show_error(manager, error)
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


async def on_evidence(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year, _month = period_of(manager)
    actor = await actor_of(manager)
    member_id = int(manager.dialog_data.get(MEMBER, 0))
    try:
        async with transaction(manager) as session:
            file = await export_member_evidence(
                session, actor, member_id, year, now=now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)
        return
    await send_file(manager, file, t("sec-evidence-caption", year=str(year)))


async def on_back(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)
