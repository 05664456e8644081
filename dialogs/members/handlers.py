"""The members dialog: what its buttons and inputs do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol

from aiogram import Bot
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.common import (
    attempt,
    local_day,
    now_of,
    show_notice,
    tz_of,
)
from dialogs.links import deep_link
from dialogs.members.getters import INVITE_DAYS, INVITE_USES, MEMBER, TARGET, TARGET_NAME
from dialogs.states import MembersSG
from dialogs.widgets import pick
from domain.invites import create_invite, qr_png
from domain.members import (
    mark_left,
    rename_member,
    set_deputy,
    transfer_member,
)
from domain.permissions import Actor
from domain.personal_data import anonymise_member
from domain.review import approve_join, refuse_join
from locales import SafeHTML, html, t

on_member = pick(MEMBER, MembersSG.member)
on_target = pick(TARGET, MembersSG.confirm_transfer)
on_former = pick(MEMBER, MembersSG.former_member)


class Named(Protocol):
    """What a change to a member gives back: the member, shown by name."""

    @property
    def full_name(self) -> str: ...


MemberChange = Callable[[AsyncSession, Actor, int, datetime, DialogManager], Awaitable[Named]]


Notice = Callable[[str], SafeHTML]


async def _act(
    manager: DialogManager, action: MemberChange, notice: Notice, then: State | None = None
) -> None:
    """Run ``action`` on the member shown; the window says what happened, or why not."""
    member_id, now = int(manager.dialog_data.get(MEMBER, 0)), now_of(manager)
    member = await attempt(manager, lambda s, a: action(s, a, member_id, now, manager))
    if member is None:
        return
    show_notice(manager, notice(member.full_name))
    if then is not None:
        await manager.switch_to(then)


def _acting(action: MemberChange, notice: Notice, then: State | None = None) -> Any:
    async def on_click(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
        await _act(manager, action, notice, then)

    return on_click


on_approve = _acting(
    lambda session, actor, member_id, now, _: approve_join(session, actor, member_id, now),
    lambda name: html("sec-member-approved", name=name),
)
on_refuse = _acting(
    lambda session, actor, member_id, now, _: refuse_join(session, actor, member_id, now),
    lambda name: html("sec-member-refused", name=name),
    MembersSG.roster,
)
on_promote = _acting(
    lambda session, actor, member_id, _, __: set_deputy(session, actor, member_id, True),
    lambda name: html("sec-deputy-made", name=name),
)
on_demote = _acting(
    lambda session, actor, member_id, _, __: set_deputy(session, actor, member_id, False),
    lambda name: html("sec-deputy-unmade", name=name),
)
on_left = _acting(
    lambda session, actor, member_id, now, _: mark_left(session, actor, member_id, now),
    lambda name: html("sec-member-left", name=name),
    MembersSG.roster,
)
on_anonymise = _acting(
    lambda session, actor, member_id, now, _: anonymise_member(session, actor, member_id, now),
    lambda label: html("sec-member-anonymised", label=label),
    MembersSG.former,
)


async def on_rename(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    """The name as typed, checked by the domain; a refusal keeps the question open."""
    await _act(
        manager,
        lambda session, actor, member_id, _, __: rename_member(session, actor, member_id, text),
        lambda name: html("sec-member-renamed", name=name),
        MembersSG.member,
    )


async def _transfer(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime, manager: DialogManager
) -> Named:
    target = int(manager.dialog_data.get(TARGET, 0))
    return await transfer_member(session, actor, member_id, target, now)


async def on_transfer(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    target = manager.dialog_data.get(TARGET_NAME, "")
    await _act(
        manager,
        _transfer,
        lambda name: html("sec-member-transferred", name=name, cell=target),
        MembersSG.roster,
    )


async def _invite(manager: DialogManager, needs_approval: bool) -> None:
    now = now_of(manager)
    invite = await attempt(
        manager,
        lambda session, actor: create_invite(
            session,
            actor,
            cell_id=actor.cell_id or 0,
            now=now,
            uses=INVITE_USES,
            days=INVITE_DAYS,
            needs_approval=needs_approval,
        ),
    )
    if invite is None:
        return
    code, expires_at = invite.code, invite.expires_at
    bot: Bot = manager.middleware_data["bot"]
    link = deep_link((await bot.me()).username or "", code)
    caption = html(
        "sec-invite-caption",
        link=link,
        code=code,
        uses=INVITE_USES,
        expires=local_day(expires_at, tz_of(manager)),
        approval=t("sec-invite-with-approval") if needs_approval else t("sec-invite-direct"),
    )
    chat = manager.middleware_data["event_chat"]
    await bot.send_photo(
        chat.id,
        BufferedInputFile(qr_png(link), filename=f"moi-{code}.png"),
        caption=str(caption),
        parse_mode="HTML",
    )
    show_notice(manager, html("sec-invite-sent"))
    manager.show_mode = ShowMode.SEND  # the window comes back below the QR code
    await manager.switch_to(MembersSG.roster)


async def on_invite_direct(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _invite(manager, needs_approval=False)


async def on_invite_approval(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _invite(manager, needs_approval=True)
