"""What several dialogs share: Fluent text widgets, the unit of work and the actor of an
update, error lines, paging, the month picker, sending files and exporting a month."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, tzinfo
from typing import Any, TypeVar

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.input import MessageInput, TextInput
from aiogram_dialog.widgets.kbd import Button, Row, Start
from aiogram_dialog.widgets.text import Text
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.states import MainSG
from domain.calendar import month_after
from domain.clock import Clock
from domain.errors import DomainError, PermissionDenied
from domain.files import ExportFile, ExportFormat
from domain.members import local_date
from domain.permissions import Actor
from domain.reports import reporting_month
from domain.unit_of_work import UnitOfWork
from locales import SafeHTML, html, t

T = TypeVar("T")

# Widget ids of the shared buttons.
NEXT_MONTH = "next_month"
NEXT_PAGE = "pg_next"
PREV_MONTH = "prev_month"
PREV_PAGE = "pg_prev"
TO_MENU = "to_menu"

# The largest id a database row can have (a signed 64-bit integer).
MAX_ID = (1 << 63) - 1


def button_id(text: str) -> int | None:
    """The row id a button carries, or None when the data is not one (made up by hand)."""
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


class I18NFormat(Text):
    def __init__(self, msg_id: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msg_id = msg_id

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return html(self.msg_id, **_variables(data))


class I18NPlain(Text):
    """A Fluent message without escaping, for button captions (Telegram shows them as is)."""

    def __init__(self, msg_id: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msg_id = msg_id

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return t(self.msg_id, **_variables(data))


def _variables(data: dict[str, Any]) -> dict[str, Any]:
    # Fluent takes strings and numbers; anything else a getter returns is not a variable.
    return {
        key: value
        for key, value in data.items()
        if isinstance(value, str | int | float) and not isinstance(value, bool)
    }


# Room left in a 4096-character message for the window's own lines around a page.
PAGE_BUDGET = 2400
ERROR = "error"
NOTICE = "notice"
PAGE = "page"


def unit_of(manager: DialogManager) -> UnitOfWork:
    """The update's unit of work (``bot.middlewares.ContextMiddleware``)."""
    uow: UnitOfWork = manager.middleware_data["uow"]
    return uow


async def actor_or_none(manager: DialogManager) -> Actor | None:
    """The member behind the update, whatever their status; None for a stranger."""
    return await unit_of(manager).actor()


async def actor_of(manager: DialogManager) -> Actor:
    """The active member behind the update; anyone else is refused."""
    actor = await actor_or_none(manager)
    if actor is None or not actor.active:
        raise PermissionDenied()
    return actor


def now_of(manager: DialogManager) -> datetime:
    clock: Clock = manager.middleware_data["clock"]
    return clock.now()


def tz_of(manager: DialogManager) -> tzinfo:
    """The deployment's time zone, as the clock carries it."""
    clock: Clock = manager.middleware_data["clock"]
    return clock.tz


@asynccontextmanager
async def transaction(manager: DialogManager) -> AsyncIterator[AsyncSession]:
    """One database transaction for one step of a dialog, in the update's session."""
    async with unit_of(manager).transaction() as session:
        yield session


async def attempt(
    manager: DialogManager, work: Callable[[AsyncSession, Actor], Awaitable[T]]
) -> T | None:
    """``work(session, actor)`` in one transaction of the update; a refusal is shown in the
    window, which stays for another try, and gives None."""
    try:
        async with transaction(manager) as session:
            return await work(session, await actor_of(manager))
    except DomainError as error:
        show_error(manager, error)
        return None


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
            I18NPlain("member-page-prev"), id=PREV_PAGE, on_click=_prev_page, when="has_prev_page"
        ),
        Button(
            I18NPlain("member-page-next"), id=NEXT_PAGE, on_click=_next_page, when="has_next_page"
        ),
    )


def reset_page(manager: DialogManager) -> None:
    manager.dialog_data.pop(PAGE, None)


def menu_button(when: WhenCondition = None) -> Start:
    """Back to the main menu from anywhere, whatever the dialog stack holds."""
    return Start(
        I18NPlain("member-to-menu"),
        id=TO_MENU,
        state=MainSG.menu,
        mode=StartMode.RESET_STACK,
        when=when,
    )


def short(text: str, limit: int = 40) -> str:
    """A button caption; the full text is always in the window itself."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_day(moment: datetime, tz: tzinfo) -> str:
    return local_date(moment, tz).strftime("%d/%m/%Y")


async def _not_text(message: Message, _: MessageInput, manager: DialogManager) -> None:
    if message.text is not None:  # an empty text is still text, just nothing in it
        show_error(manager, DomainError("error-text-empty"))
    else:
        show_error(manager, DomainError("error-input-not-text"))


def text_input(widget_id: str, on_success: Any) -> list[Any]:
    """Typed text goes to ``on_success``; a sticker or photo gets a clear refusal."""
    return [TextInput(id=widget_id, on_success=on_success), MessageInput(_not_text)]


YEAR, MONTH, LATEST = "year", "month", "latest"


def period_of(manager: DialogManager) -> tuple[int, int]:
    """The month the window shows: the one it opened on until the person picks another."""
    if YEAR not in manager.dialog_data:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = _latest(manager)
    return int(manager.dialog_data[YEAR]), int(manager.dialog_data[MONTH])


def _latest(manager: DialogManager) -> tuple[int, int]:
    """The latest month one may look at: the cell's reporting month, else this month."""
    if LATEST in manager.dialog_data:
        year, month = manager.dialog_data[LATEST]
        return int(year), int(month)
    today = local_date(now_of(manager), tz_of(manager))
    return today.year, today.month


async def start_on_month(start_data: Any, manager: DialogManager) -> None:
    """Open on the month a reminder named (``{"year": …, "month": …}``), else on the month the
    cell's members are reporting for now (that of the next meeting), as their windows do."""
    actor = await actor_or_none(manager)
    if actor is not None and actor.cell_id is not None:
        async with transaction(manager) as session:
            manager.dialog_data[LATEST] = list(
                await reporting_month(session, actor.cell_id, now_of(manager))
            )
    if isinstance(start_data, dict) and YEAR in start_data and MONTH in start_data:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = (
            int(start_data[YEAR]),
            int(start_data[MONTH]),
        )


def period_data(manager: DialogManager) -> dict[str, Any]:
    year, month = period_of(manager)
    return {
        "period": f"{month:02d}/{year}",
        "has_next_month": (year, month) < _latest(manager),
    }


async def _shift(manager: DialogManager, count: int) -> None:
    year, month = period_of(manager)
    manager.dialog_data[YEAR], manager.dialog_data[MONTH] = month_after(year, month, count)
    manager.dialog_data.pop("page", None)


async def _prev_month(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift(manager, -1)


async def _next_month(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift(manager, 1)


def month_picker() -> Row:
    return Row(
        Button(I18NPlain("sec-prev-month"), id=PREV_MONTH, on_click=_prev_month),
        Button(
            I18NPlain("sec-next-month"),
            id=NEXT_MONTH,
            on_click=_next_month,
            when="has_next_month",
        ),
    )


async def send_file(manager: DialogManager, file: ExportFile, caption: str) -> None:
    """The file as a document in this chat; the window comes back below it."""
    bot: Bot = manager.middleware_data["bot"]
    chat = manager.middleware_data["event_chat"]
    await bot.send_document(
        chat.id, BufferedInputFile(file.content, filename=file.filename), caption=caption
    )
    manager.show_mode = ShowMode.SEND


# What a month's export reads: the session, the one who asks, the month, the format, now.
MonthExport = Callable[
    [AsyncSession, Actor, int, int, ExportFormat, datetime], Awaitable[ExportFile]
]

EXPORT_BUTTONS = (
    ("sec-export-xlsx", "xlsx", ExportFormat.XLSX),
    ("sec-export-docx", "docx", ExportFormat.DOCX),
    ("sec-export-png", "png", ExportFormat.PNG),
)


def export_row(id_prefix: str, export: MonthExport, caption_id: str) -> Row:
    """One button per format; each sends the shown month's file with its caption."""

    def on_click(fmt: ExportFormat) -> Callable[[CallbackQuery, Button, DialogManager], Any]:
        async def handler(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
            await _send_month_export(manager, export, fmt, caption_id)

        return handler

    return Row(
        *(
            Button(I18NPlain(caption), id=f"{id_prefix}_{suffix}", on_click=on_click(fmt))
            for caption, suffix, fmt in EXPORT_BUTTONS
        )
    )


async def _send_month_export(
    manager: DialogManager, export: MonthExport, fmt: ExportFormat, caption_id: str
) -> None:
    year, month = period_of(manager)
    try:
        async with transaction(manager) as session:
            file = await export(session, await actor_of(manager), year, month, fmt, now_of(manager))
    except DomainError as error:
        show_error(manager, error)
        return
    await send_file(manager, file, t(caption_id, period=f"{month:02d}/{year}"))


def docx_export(
    export: MonthExport, caption_id: str
) -> Callable[[CallbackQuery, Button, DialogManager], Awaitable[None]]:
    """A button's handler that sends the shown month's document of ``export``."""

    async def handler(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
        await _send_month_export(manager, export, ExportFormat.DOCX, caption_id)

    return handler
