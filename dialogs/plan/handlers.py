"""The plan dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.common import (
    PAGE,
    actor_of,
    attempt,
    button_id,
    clear_messages,
    now_of,
    reset_page,
    send_file,
    show_error,
    show_notice,
    transaction,
    tz_of,
)
from dialogs.plan.getters import (
    ITEM,
    SECTION,
    YEAR,
    common,
    current_section,
    keep_plan,
    kept_plan,
)
from dialogs.states import PlanSG
from domain import plans
from domain.errors import NotFound
from domain.files import ExportFile
from domain.permissions import Actor
from exports.plan_doc import export_personal_plan
from locales import html, t


async def on_start(_: Any, manager: DialogManager) -> None:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    manager.dialog_data[YEAR] = int(
        start.get(YEAR) or plans.plan_year(now_of(manager), tz_of(manager))
    )


async def on_section(
    callback: CallbackQuery, _: Any, manager: DialogManager, section_id: str
) -> None:
    clear_messages(manager)
    reset_page(manager)
    chosen = button_id(section_id)
    if chosen is None:
        return
    manager.dialog_data[SECTION] = chosen
    await manager.switch_to(PlanSG.section)


async def _step_section(manager: DialogManager, step: int) -> None:
    clear_messages(manager)
    reset_page(manager)
    data = await common(manager)
    sections: list[plans.Section] = data.get("section_list", [])
    index, _ = current_section(data, manager) if sections else (0, None)
    target = index + step
    if 0 <= target < len(sections):
        manager.dialog_data[SECTION] = sections[target].position


async def on_prev_section(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _step_section(manager, -1)


async def on_next_section(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _step_section(manager, 1)


async def on_add_item(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    year, section = int(manager.dialog_data[YEAR]), int(manager.dialog_data[SECTION])
    now = now_of(manager)
    item = await attempt(manager, lambda s, a: plans.add_item_at(s, a, year, section, text, now))
    if item is None:
        return
    show_notice(manager, html("plan-item-added"))
    manager.dialog_data[PAGE] = 1 << 20  # the last page, where the new item is


async def on_item(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    """Open an item; an id that is not in the member's own plan is refused."""
    clear_messages(manager)
    async with transaction(manager) as session:
        plan = await plans.find_plan(
            session, await actor_of(manager), int(manager.dialog_data[YEAR])
        )
    found = next((i for i in plan.items if str(i.id) == item_id), None) if plan else None
    if found is None:
        show_error(manager, NotFound("error-plan-item-not-found", item_id=item_id))
        return
    assert plan is not None
    manager.dialog_data[ITEM] = found.id
    manager.dialog_data[SECTION] = plan.section(found.section_id).position
    await manager.switch_to(PlanSG.item)


async def on_edit_item(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    item, now = int(manager.dialog_data[ITEM]), now_of(manager)
    if await attempt(manager, lambda s, a: plans.edit_item(s, a, item, text, now)) is None:
        return
    show_notice(manager, html("plan-item-saved"))
    await manager.switch_to(PlanSG.item)


async def _act(manager: DialogManager, action: Any) -> bool:
    async def run(session: AsyncSession, actor: Actor) -> bool:
        await action(session, actor)
        return True

    return bool(await attempt(manager, run))


async def on_delete(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    item_id = int(manager.dialog_data[ITEM])
    now = now_of(manager)
    if await _act(manager, lambda s, a: plans.delete_item(s, a, item_id, now)):
        show_notice(manager, html("plan-item-deleted"))
        reset_page(manager)
        await manager.switch_to(PlanSG.section)


async def _move(manager: DialogManager, offset: int) -> None:
    clear_messages(manager)
    item_id, known, now = int(manager.dialog_data[ITEM]), kept_plan(manager), now_of(manager)

    async def move(session: AsyncSession, actor: Actor) -> list[plans.Plan | None]:
        return [await plans.move_item(session, actor, item_id, offset, now, known=known)]

    moved = await attempt(manager, move)
    if moved and moved[0] is not None:
        keep_plan(manager, moved[0])


async def on_up(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, -1)


async def on_down(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, 1)


async def on_copy(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year = int(manager.dialog_data[YEAR])
    now = now_of(manager)
    copied: list[int] = []

    async def copy(session: Any, actor: Any) -> None:
        copied.append(await plans.copy_previous_items(session, actor, year, now))

    if await _act(manager, copy):
        show_notice(manager, html("plan-copied", count=copied[0]))


async def on_submit(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year = int(manager.dialog_data[YEAR])
    now = now_of(manager)
    if await _act(manager, lambda s, a: plans.submit_plan(s, a, year, now)):
        show_notice(manager, html("plan-submitted-notice"))
        await manager.switch_to(PlanSG.overview)


async def on_print(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    """The member's own plan as a document to print and sign."""
    year, now = int(manager.dialog_data[YEAR]), now_of(manager)

    async def work(session: AsyncSession, actor: Actor) -> ExportFile | None:
        plan = await plans.find_plan(session, actor, year)
        return await export_personal_plan(session, actor, plan.id, now=now) if plan else None

    file = await attempt(manager, work)
    if file is not None:
        await send_file(manager, file, t("plan-print-caption", year=str(year)))
