"""The review dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    actor_of,
    button_id,
    clear_messages,
    now_of,
    reset_page,
    show_error,
    show_notice,
    transaction,
)
from dialogs.review.getters import OWNER, PLAN, cell_plans
from dialogs.states import PlanReviewSG
from domain.errors import DomainError
from domain.plans import (
    acknowledge_plan,
    return_plan,
)
from locales import html


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
    actor = await actor_of(manager)
    try:
        async with transaction(manager) as session:
            await acknowledge_plan(
                session, actor, int(manager.dialog_data.get(PLAN, 0)), now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(
        manager, html("sec-plan-acknowledged", name=str(manager.dialog_data.get(OWNER, "")))
    )


async def on_comment(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    actor = await actor_of(manager)
    try:
        async with transaction(manager) as session:
            await return_plan(
                session, actor, int(manager.dialog_data.get(PLAN, 0)), text, now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)  # the window stays; the secretary types the comment again
        return
    reset_page(manager)
    show_notice(manager, html("sec-plan-returned", name=str(manager.dialog_data.get(OWNER, ""))))
    await manager.switch_to(PlanReviewSG.plan)


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)
