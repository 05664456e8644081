"""What every member window shares: context from the middleware, errors and notices
shown inside the window, paging of long text, the way back to the menu."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode
from aiogram_dialog.widgets.input import MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Row, Start
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.states import MainSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.clock import Clock
from domain.errors import DomainError, PermissionDenied
from domain.members import local_date
from domain.permissions import Actor
from locales import SafeHTML, html

# Room left in a 4096-character message for the window's own lines around a page.
PAGE_BUDGET = 2400
ERROR = "error"
NOTICE = "notice"
PAGE = "page"


def actor_of(manager: DialogManager) -> Actor:
    actor: Actor | None = manager.middleware_data.get("actor")
    if actor is None or not actor.active:
        raise PermissionDenied()
    return actor


def now_of(manager: DialogManager) -> datetime:
    clock: Clock = manager.middleware_data["clock"]
    return clock.now()


@asynccontextmanager
async def transaction(manager: DialogManager) -> AsyncIterator[AsyncSession]:
    """One database transaction for one step of a dialog."""
    db: async_sessionmaker[AsyncSession] = manager.middleware_data["db"]
    async with db() as session, session.begin():
        yield session


def show_error(manager: DialogManager, error: DomainError) -> None:
    """The window shows the refusal on top and stays where it is."""
    manager.dialog_data[ERROR] = str(html(error.msg_id, **error.args_))
    manager.dialog_data.pop(NOTICE, None)


def show_notice(manager: DialogManager, text: SafeHTML) -> None:
    manager.dialog_data[NOTICE] = str(text)
    manager.dialog_data.pop(ERROR, None)


def clear_messages(manager: DialogManager) -> None:
    manager.dialog_data.pop(ERROR, None)
    manager.dialog_data.pop(NOTICE, None)


def messages_data(manager: DialogManager) -> dict[str, Any]:
    """Getter data for the error and notice lines; stored text was rendered by ``html``."""
    data: dict[str, Any] = {}
    if error := manager.dialog_data.get(ERROR):
        data[ERROR] = SafeHTML(error)
    if notice := manager.dialog_data.get(NOTICE):
        data[NOTICE] = SafeHTML(notice)
    return data


def message_lines() -> list[I18NFormat]:
    """The widgets that show an error or a notice at the top of a window."""
    return [
        I18NFormat("member-error", when=ERROR),
        I18NFormat("member-notice", when=NOTICE),
    ]


def paginate(blocks: Sequence[str], budget: int = PAGE_BUDGET) -> list[list[str]]:
    """Blocks grouped into pages of at most ``budget`` characters; a block is never cut."""
    pages: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        if pages[-1] and size + len(block) > budget:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += len(block) + 1
    return pages


def page_data(manager: DialogManager, blocks: Sequence[str], key: str = "body") -> dict[str, Any]:
    """One page of ``blocks`` as SafeHTML under ``key``, with the page numbers."""
    pages = paginate(blocks)
    page = max(0, min(int(manager.dialog_data.get(PAGE, 0)), len(pages) - 1))
    manager.dialog_data[PAGE] = page
    return {
        key: SafeHTML("\n".join(pages[page])),
        "page": page + 1,
        "pages": len(pages),
        "paged": len(pages) > 1,
        "has_prev_page": page > 0,
        "has_next_page": page + 1 < len(pages),
        "page_blocks": pages[page],
        "page_start": sum(len(earlier) for earlier in pages[:page]),
    }


async def _prev_page(_: Any, __: Any, manager: DialogManager) -> None:
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) - 1)


async def _next_page(_: Any, __: Any, manager: DialogManager) -> None:
    manager.dialog_data[PAGE] = int(manager.dialog_data.get(PAGE, 0)) + 1


def pager() -> Row:
    return Row(
        Button(
            I18NPlain("member-page-prev"), id="pg_prev", on_click=_prev_page, when="has_prev_page"
        ),
        Button(
            I18NPlain("member-page-next"), id="pg_next", on_click=_next_page, when="has_next_page"
        ),
    )


def reset_page(manager: DialogManager) -> None:
    manager.dialog_data.pop(PAGE, None)


def menu_button() -> Start:
    """Back to the main menu from anywhere, whatever the dialog stack holds."""
    return Start(
        I18NPlain("member-to-menu"), id="to_menu", state=MainSG.menu, mode=StartMode.RESET_STACK
    )


def short(text: str, limit: int = 40) -> str:
    """A button caption; the full text is always in the window itself."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_day(moment: datetime) -> str:
    return local_date(moment).strftime("%d/%m/%Y")


async def _not_text(message: Message, _: MessageInput, manager: DialogManager) -> None:
    if message.text is not None:  # an empty text is still text, just nothing in it
        show_error(manager, DomainError("error-text-empty"))
    else:
        show_error(manager, DomainError("error-input-not-text"))


def text_input(widget_id: str, on_success: Any) -> list[Any]:
    """Typed text goes to ``on_success``; a sticker or photo gets a clear refusal."""
    return [TextInput(id=widget_id, on_success=on_success), MessageInput(_not_text)]
