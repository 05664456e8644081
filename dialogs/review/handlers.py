"""The review dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    attempt,
    button_id,
    clear_messages,
    now_of,
    reset_page,
    send_file,
    show_notice,
    tz_of,
)
from dialogs.review.getters import OWNER, PLAN, cell_plans
from dialogs.states import PlanReviewSG
from domain.plans import (
    acknowledge_plan,
    plan_year,
    return_plan,
)
from exports.plan_doc import export_personal_plan, export_registration_list
from locales import html, t


async def on_plan(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    plan_id = button_id(item)
    if plan_id is None:
        return
    plans = await cell_plans(manager)
    chosen = next((p for p in plans if p.plan_id == plan_id), None)
    manager.dialog_data[PLAN] = plan_id
    manager.dialog_data[OWNER] = chosen.full_name if chosen else ""
    await manager.switch_to(PlanReviewSG.plan)


async def on_acknowledge(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    plan, now = int(manager.dialog_data.get(PLAN, 0)), now_of(manager)
    if await attempt(manager, lambda s, a: acknowledge_plan(s, a, plan, now)) is None:
        return
    show_notice(
        manager, html("sec-plan-acknowledged", name=str(manager.dialog_data.get(OWNER, "")))
    )


async def on_comment(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    plan, now = int(manager.dialog_data.get(PLAN, 0)), now_of(manager)
    # A refusal keeps the window; the secretary types the comment again.
    if await attempt(manager, lambda s, a: return_plan(s, a, plan, text, now)) is None:
        return
    reset_page(manager)
    show_notice(manager, html("sec-plan-returned", name=str(manager.dialog_data.get(OWNER, ""))))
    await manager.switch_to(PlanReviewSG.plan)


async def on_plan_file(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    plan, now = int(manager.dialog_data.get(PLAN, 0)), now_of(manager)
    file = await attempt(manager, lambda s, a: export_personal_plan(s, a, plan, now=now))
    if file is not None:
        owner = str(manager.dialog_data.get(OWNER, ""))
        # Captions go out as HTML: the member's name is escaped.
        await send_file(manager, file, html("sec-plan-file-caption", name=owner))


async def on_list_file(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    now = now_of(manager)
    year = plan_year(now, tz_of(manager))
    file = await attempt(
        manager, lambda s, a: export_registration_list(s, a, a.cell_id or 0, year, now=now)
    )
    if file is not None:
        await send_file(manager, file, t("sec-plans-file-caption", year=str(year)))
