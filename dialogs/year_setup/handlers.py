"""The year setup dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.common import (
    attempt,
    button_id,
    clear_messages,
    now_of,
    show_notice,
)
from dialogs.states import YearSetupSG
from dialogs.year_setup.getters import OTHER_WORDING, POSITION, YEAR, setup_year
from domain import years
from domain.permissions import Actor
from locales import SafeHTML, html


async def on_start(start_data: Any, manager: DialogManager) -> None:
    if isinstance(start_data, dict) and start_data.get(YEAR):
        manager.dialog_data[YEAR] = int(start_data[YEAR])


async def _change(manager: DialogManager, change: Any, notice: SafeHTML) -> bool:
    """Run one change of the setup in its own transaction; a refusal is shown in place."""
    year, now = setup_year(manager), now_of(manager)

    async def run(session: AsyncSession, actor: Actor) -> bool:
        await change(session, actor, year, await years.setup_scope(session, actor), now)
        return True

    if not await attempt(manager, run):
        return False
    show_notice(manager, notice)
    return True


async def _shift_year(manager: DialogManager, step: int) -> None:
    clear_messages(manager)
    manager.dialog_data[YEAR] = setup_year(manager) + step


async def on_prev_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift_year(manager, -1)


async def on_next_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift_year(manager, 1)


async def on_theme(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.set_theme(session, actor, year, scope, text, now)

    if await _change(manager, change, html("year-theme-saved", year=str(setup_year(manager)))):
        await manager.switch_to(YearSetupSG.overview)


async def on_clear_theme(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.set_theme(session, actor, year, scope, None, now)

    if await _change(manager, change, html("year-theme-cleared", year=str(setup_year(manager)))):
        await manager.switch_to(YearSetupSG.overview)


async def on_wording(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        current = await years.resolve(session, year, scope)
        await years.set_wording(session, actor, year, scope, OTHER_WORDING[current.wording], now)

    await _change(manager, change, html("year-saved", year=str(setup_year(manager))))


async def on_copy(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year = setup_year(manager)

    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.copy_previous_year(session, actor, year, scope, now)

    notice = html("year-copied", year=str(year), prev_year=str(year - 1))
    await _change(manager, change, notice)
    await manager.switch_to(YearSetupSG.overview)


async def on_section(
    callback: CallbackQuery, _: Any, manager: DialogManager, position: str
) -> None:
    clear_messages(manager)
    chosen = button_id(position)
    if chosen is None:
        return
    manager.dialog_data[POSITION] = chosen
    await manager.switch_to(YearSetupSG.section)


async def on_rename(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    position = int(manager.dialog_data.get(POSITION, 0))

    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.rename_section(session, actor, year, scope, position, text, now)

    if await _change(manager, change, html("year-saved", year=str(setup_year(manager)))):
        await manager.switch_to(YearSetupSG.section)


async def _move(manager: DialogManager, offset: int) -> None:
    position = int(manager.dialog_data.get(POSITION, 0))

    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.move_section(session, actor, year, scope, position, offset, now)

    if await _change(manager, change, html("year-saved", year=str(setup_year(manager)))):
        manager.dialog_data[POSITION] = position + (1 if offset > 0 else -1)


async def on_up(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, -1)


async def on_down(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, 1)
