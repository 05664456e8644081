"""The shapes every dialog's windows are built of: a window with its error and notice lines,
buttons captioned by a Fluent message, lists of rows to pick from, the back rows."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, Window
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import (
    Button,
    Cancel,
    Column,
    Row,
    ScrollingGroup,
    Select,
    Start,
    SwitchTo,
)
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    button_id,
    clear_messages,
    menu_button,
    message_lines,
    reset_page,
    text_input,
)

PAGE_HEIGHT = 10


def window(*widgets: Any, state: State, getter: Any = None, **kwargs: Any) -> Window:
    """A window with the error and notice lines on top of its own widgets."""
    return Window(*message_lines(), *widgets, state=state, getter=getter, **kwargs)


async def back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    """Moving to another window forgets the last error, notice and page."""
    clear_messages(manager)
    reset_page(manager)


def button(msg_id: str, widget_id: str, on_click: Any, when: WhenCondition = None) -> Button:
    return Button(I18NPlain(msg_id), id=widget_id, on_click=on_click, when=when)


def switch(
    msg_id: str, widget_id: str, state: State, when: WhenCondition = None, on_click: Any = back
) -> SwitchTo:
    return SwitchTo(I18NPlain(msg_id), id=widget_id, state=state, on_click=on_click, when=when)


def back_to(state: State, widget_id: str, when: WhenCondition = None) -> SwitchTo:
    """Back to another window of the same dialog."""
    return switch("button-back", widget_id, state, when)


def start(msg_id: str, widget_id: str, state: State, when: WhenCondition = None) -> Start:
    return Start(I18NPlain(msg_id), id=widget_id, state=state, when=when)


def ask(
    prompt_id: str,
    widget_id: str,
    on_text: Any,
    *,
    state: State,
    back: State,
    getter: Any = None,
    back_id: str | None = None,
) -> Window:
    """A window that asks for one text, with a way back to ``back``."""
    return window(
        I18NFormat(prompt_id),
        *text_input(widget_id, on_text),
        back_to(back, back_id or f"back_{widget_id}"),
        state=state,
        getter=getter,
    )


def _row_id(item: dict[str, Any]) -> Any:
    return item["id"]


def choices(widget_id: str, items: str, on_click: Any) -> Select[Any]:
    """One button per row of ``items``, captioned by its label, in a single line."""
    return Select(
        Format("{item[label]}"),
        id=widget_id,
        item_id_getter=_row_id,
        items=items,
        on_click=on_click,
    )


def column(widget_id: str, items: str, on_click: Any, when: WhenCondition = None) -> Column:
    """The rows of ``items`` one under another."""
    return Column(choices(widget_id, items, on_click), when=when)


def scrolling(
    widget_id: str, items: str, on_click: Any, page_id: str, height: int = PAGE_HEIGHT
) -> ScrollingGroup:
    """The rows of ``items`` one under another, ``height`` to a page."""
    return ScrollingGroup(
        choices(widget_id, items, on_click),
        id=page_id,
        width=1,
        height=height,
        hide_on_single_page=True,
    )


def back_row() -> Row:
    """Back to the dialog that opened this one, or to the main menu."""
    return Row(Cancel(I18NPlain("button-back")), menu_button())


def pick(key: str, state: State) -> Any:
    """A ``Select`` click: the row's id goes to ``dialog_data[key]``, then to ``state``."""

    async def on_pick(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
        await back(_, __, manager)
        chosen = button_id(item)
        if chosen is not None:
            manager.dialog_data[key] = chosen
            await manager.switch_to(state)

    return on_pick
