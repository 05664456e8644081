"""The cell's members for its leaders: who is active, waiting or out of reach; join
requests, deputies, leaving, transfers, and invites sent as a link and a QR code."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from aiogram import Bot
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, ShowMode, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.member.common import (
    actor_of,
    clear_messages,
    local_day,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    short,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import MembersSG
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain.errors import DomainError
from domain.invites import create_invite, deep_link, qr_png
from domain.members import (
    MemberListing,
    list_members,
    mark_left,
    rename_member,
    set_deputy,
    transfer_member,
)
from domain.permissions import Actor
from domain.personal_data import FormerMember, anonymise_member, former_members
from domain.review import approve_join, refuse_join, transfer_targets
from domain.vocabulary import MemberStatus, PartyStatus, Role
from locales import SafeHTML, html, t
from storage.models import Member

MEMBER, TARGET, TARGET_NAME = "member", "target", "target_name"
# One invite for a meeting's worth of people, valid for a week: printed or shown on a screen.
INVITE_USES, INVITE_DAYS = 60, 7
PAGE_HEIGHT = 10

ROSTER_LINE_IDS = {
    "pending": "sec-roster-pending",
    "blocked": "sec-roster-blocked",
    "unlinked": "sec-roster-unlinked",
    "leader": "sec-roster-leader",
    "active": "sec-roster-active",
}
STATE_IDS = {
    "pending": "sec-state-pending",
    "blocked": "sec-state-blocked",
    "unlinked": "sec-state-unlinked",
    "leader": "sec-state-active",
    "active": "sec-state-active",
}
ROLE_IDS = {
    Role.SECRETARY: "sec-role-secretary",
    Role.DEPUTY: "sec-role-deputy",
    Role.MEMBER: "sec-role-member",
    Role.COMMITTEE: "sec-role-committee",
}
PARTY_IDS = {
    PartyStatus.OFFICIAL: "sec-party-official",
    PartyStatus.PROBATIONARY: "sec-party-probationary",
}


def standing(member: MemberListing) -> str:
    """Where a member stands, for the secretary: waiting, out of reach, or active."""
    if member.status is MemberStatus.PENDING:
        return "pending"
    if member.linked and not member.reachable:
        return "blocked"
    if not member.linked:
        return "unlinked"
    return "leader" if member.role in (Role.SECRETARY, Role.DEPUTY) else "active"


async def _members(manager: DialogManager) -> list[MemberListing]:
    actor = actor_of(manager)
    async with transaction(manager) as session:
        return await list_members(session, actor, actor.cell_id or 0)


async def roster_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    try:
        members = await _members(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        members = []
    kinds = [standing(m) for m in members]
    return {
        **messages_data(dialog_manager),
        "cell": (members[0].cell_name or "") if members else "",
        "active": sum(k in ("active", "leader", "unlinked", "blocked") for k in kinds),
        "pending": kinds.count("pending"),
        "blocked": kinds.count("blocked"),
        "unlinked": kinds.count("unlinked"),
        "members": [
            {"id": m.id, "label": t(ROSTER_LINE_IDS[kind], name=short(m.full_name))}
            for m, kind in zip(members, kinds, strict=True)
        ],
    }


async def member_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    member_id = int(dialog_manager.dialog_data.get(MEMBER, 0))
    try:
        members = await _members(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        members = []
    person = next((m for m in members if m.id == member_id), None)
    data: dict[str, Any] = {
        **messages_data(dialog_manager),
        "found": person is not None,
        "gone": person is None,
    }
    if person is None:
        return data
    kind = standing(person)
    active = person.status is MemberStatus.ACTIVE
    other = person.id != actor.member_id
    data.update(
        name=person.full_name,
        role=t(ROLE_IDS[person.role]),
        party=t(PARTY_IDS[person.party_status]),
        state=t(STATE_IDS[kind]),
        phone=person.phone or t("sec-no-phone"),
        pending=kind == "pending",
        can_promote=actor.role is Role.SECRETARY and active and person.role is Role.MEMBER,
        can_demote=actor.role is Role.SECRETARY and active and person.role is Role.DEPUTY,
        can_remove=active and other,
    )
    return data


async def transfer_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    try:
        async with transaction(dialog_manager) as session:
            cells = await transfer_targets(session, actor, actor.cell_id or 0)
    except DomainError as error:
        show_error(dialog_manager, error)
        cells = []
    target = int(dialog_manager.dialog_data.get(TARGET, 0))
    target_name = next((c.name for c in cells if c.id == target), "")
    dialog_manager.dialog_data[TARGET_NAME] = target_name
    return {
        **messages_data(dialog_manager),
        **await member_getter(dialog_manager),
        "cells": [{"id": c.id, "label": short(c.name)} for c in cells],
        "has_cells": bool(cells),
        "no_cells": not cells,
        "target": target_name,
    }


async def on_member(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[MEMBER] = chosen
    await manager.switch_to(MembersSG.member)


async def on_target(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[TARGET] = chosen
    await manager.switch_to(MembersSG.confirm_transfer)


MemberChange = Callable[[AsyncSession, Actor, int, datetime, DialogManager], Awaitable[Member]]
Notice = Callable[[str], SafeHTML]


async def _act(
    manager: DialogManager, action: MemberChange, notice: Notice, *, to_roster: bool
) -> None:
    """Run ``action`` on the member shown; the window says what happened, or why not."""
    actor = actor_of(manager)
    member_id = int(manager.dialog_data.get(MEMBER, 0))
    try:
        async with transaction(manager) as session:
            member = await action(session, actor, member_id, now_of(manager), manager)
            name = member.full_name
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, notice(name))
    if to_roster:
        await manager.switch_to(MembersSG.roster)


async def on_approve(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _act(
        manager,
        lambda session, actor, member_id, now, _: approve_join(session, actor, member_id, now),
        lambda name: html("sec-member-approved", name=name),
        to_roster=False,
    )


async def on_refuse(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _act(
        manager,
        lambda session, actor, member_id, now, _: refuse_join(session, actor, member_id, now),
        lambda name: html("sec-member-refused", name=name),
        to_roster=True,
    )


async def on_promote(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _act(
        manager,
        lambda session, actor, member_id, _, __: set_deputy(session, actor, member_id, True),
        lambda name: html("sec-deputy-made", name=name),
        to_roster=False,
    )


async def on_demote(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _act(
        manager,
        lambda session, actor, member_id, _, __: set_deputy(session, actor, member_id, False),
        lambda name: html("sec-deputy-unmade", name=name),
        to_roster=False,
    )


async def on_left(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _act(
        manager,
        lambda session, actor, member_id, now, _: mark_left(session, actor, member_id, now),
        lambda name: html("sec-member-left", name=name),
        to_roster=True,
    )


async def on_rename(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    """The name as typed, checked by the domain; a refusal keeps the question open."""
    actor = actor_of(manager)
    member_id = int(manager.dialog_data.get(MEMBER, 0))
    try:
        async with transaction(manager) as session:
            member = await rename_member(session, actor, member_id, text)
            name = member.full_name
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("sec-member-renamed", name=name))
    await manager.switch_to(MembersSG.member)


async def _transfer(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime, manager: DialogManager
) -> Member:
    target = int(manager.dialog_data.get(TARGET, 0))
    return await transfer_member(session, actor, member_id, target, now)


async def on_transfer(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    target = manager.dialog_data.get(TARGET_NAME, "")
    await _act(
        manager,
        _transfer,
        lambda name: html("sec-member-transferred", name=name, cell=target),
        to_roster=True,
    )


async def _former(manager: DialogManager) -> list[FormerMember]:
    actor = actor_of(manager)
    async with transaction(manager) as session:
        return await former_members(session, actor, actor.cell_id or 0)


async def former_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    try:
        people = await _former(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        people = []
    return {
        **messages_data(dialog_manager),
        "count": len(people),
        "has_former": bool(people),
        "no_former": not people,
        "former": [
            {
                "id": p.id,
                "label": t(
                    "sec-former-line",
                    name=short(p.full_name, 30),
                    date=local_day(p.left_at) if p.left_at else "—",
                ),
            }
            for p in people
        ],
    }


async def former_member_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    member_id = int(dialog_manager.dialog_data.get(MEMBER, 0))
    try:
        people = await _former(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        people = []
    person = next((p for p in people if p.id == member_id), None)
    data: dict[str, Any] = {
        **messages_data(dialog_manager),
        "found": person is not None,
        "gone": person is None,
    }
    if person is not None:
        data.update(
            name=person.full_name,
            left=local_day(person.left_at) if person.left_at else "—",
            anonymised=person.anonymised,
            identified=not person.anonymised,
            can_anonymise=not person.anonymised and actor.role is Role.SECRETARY,
        )
    return data


async def on_former(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[MEMBER] = chosen
    await manager.switch_to(MembersSG.former_member)


async def on_anonymise(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    actor = actor_of(manager)
    member_id = int(manager.dialog_data.get(MEMBER, 0))
    try:
        async with transaction(manager) as session:
            member = await anonymise_member(session, actor, member_id, now_of(manager))
            label = member.full_name
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("sec-member-anonymised", label=label))
    await manager.switch_to(MembersSG.former)


async def _invite(manager: DialogManager, needs_approval: bool) -> None:
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            invite = await create_invite(
                session,
                actor,
                cell_id=actor.cell_id or 0,
                now=now_of(manager),
                uses=INVITE_USES,
                days=INVITE_DAYS,
                needs_approval=needs_approval,
            )
            code, expires_at = invite.code, invite.expires_at
    except DomainError as error:
        show_error(manager, error)
        return
    bot: Bot = manager.middleware_data["bot"]
    link = deep_link((await bot.me()).username or "", code)
    caption = html(
        "sec-invite-caption",
        link=link,
        code=code,
        uses=INVITE_USES,
        expires=local_day(expires_at),
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


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)


def _to(state: State, widget_id: str, *, cancel: bool = False) -> SwitchTo:
    caption = I18NPlain("sec-cancel") if cancel else I18NPlain("button-back")
    return SwitchTo(caption, id=widget_id, state=state, on_click=on_back)


def _roster_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-roster"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="m",
                item_id_getter=lambda m: m["id"],
                items="members",
                on_click=on_member,
            ),
            id="roster_page",
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        SwitchTo(
            I18NPlain("sec-invite-button"), id="invite", state=MembersSG.invite, on_click=on_back
        ),
        SwitchTo(
            I18NPlain("sec-former-button"), id="former", state=MembersSG.former, on_click=on_back
        ),
        Row(Cancel(I18NPlain("button-back")), menu_button()),
        state=MembersSG.roster,
        getter=roster_getter,
    )


def _member_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-member-card", when="found"),
        I18NFormat("sec-member-gone", when="gone"),
        Row(
            Button(I18NPlain("sec-approve"), id="approve", on_click=on_approve, when="pending"),
            Button(I18NPlain("sec-refuse"), id="refuse", on_click=on_refuse, when="pending"),
        ),
        SwitchTo(
            I18NPlain("sec-rename"),
            id="rename",
            state=MembersSG.rename,
            on_click=on_back,
            when="found",
        ),
        Button(I18NPlain("sec-make-deputy"), id="promote", on_click=on_promote, when="can_promote"),
        Button(I18NPlain("sec-unmake-deputy"), id="demote", on_click=on_demote, when="can_demote"),
        Row(
            SwitchTo(
                I18NPlain("sec-transfer"),
                id="transfer",
                state=MembersSG.transfer,
                on_click=on_back,
                when="can_remove",
            ),
            SwitchTo(
                I18NPlain("sec-mark-left"),
                id="left",
                state=MembersSG.confirm_left,
                on_click=on_back,
                when="can_remove",
            ),
        ),
        _to(MembersSG.roster, "back"),
        state=MembersSG.member,
        getter=member_getter,
    )


def _rename_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-ask-rename", when="found"),
        I18NFormat("sec-member-gone", when="gone"),
        *text_input("new_name", on_rename),
        _to(MembersSG.member, "no_rename", cancel=True),
        state=MembersSG.rename,
        getter=member_getter,
    )


def _confirm_left_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-confirm-left", when="found"),
        Button(I18NPlain("sec-confirm-left-button"), id="yes_left", on_click=on_left, when="found"),
        _to(MembersSG.member, "no_left", cancel=True),
        state=MembersSG.confirm_left,
        getter=member_getter,
    )


def _transfer_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-transfer-choose", when="has_cells"),
        I18NFormat("sec-transfer-none", when="no_cells"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="cell",
                item_id_getter=lambda c: c["id"],
                items="cells",
                on_click=on_target,
            ),
            id="cells_page",
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        _to(MembersSG.member, "back_transfer"),
        state=MembersSG.transfer,
        getter=transfer_getter,
    )


def _confirm_transfer_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-confirm-transfer", when="found"),
        Button(
            I18NPlain("sec-confirm-transfer-button"),
            id="yes_transfer",
            on_click=on_transfer,
            when="found",
        ),
        _to(MembersSG.transfer, "no_transfer", cancel=True),
        state=MembersSG.confirm_transfer,
        getter=transfer_getter,
    )


def _invite_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-invite"),
        Button(I18NPlain("sec-invite-direct-button"), id="inv_direct", on_click=on_invite_direct),
        Button(
            I18NPlain("sec-invite-approval-button"),
            id="inv_approval",
            on_click=on_invite_approval,
        ),
        _to(MembersSG.roster, "back_invite"),
        state=MembersSG.invite,
        getter=invite_getter,
    )


def members_dialog() -> Dialog:
    return Dialog(
        _roster_window(),
        _member_window(),
        _rename_window(),
        _confirm_left_window(),
        _transfer_window(),
        _confirm_transfer_window(),
        _invite_window(),
        *_former_windows(),
    )


def _former_windows() -> list[Window]:
    return [
        Window(
            *message_lines(),
            I18NFormat("sec-former", when="has_former"),
            I18NFormat("sec-former-none", when="no_former"),
            ScrollingGroup(
                Select(
                    Format("{item[label]}"),
                    id="f",
                    item_id_getter=lambda m: m["id"],
                    items="former",
                    on_click=on_former,
                ),
                id="former_page",
                width=1,
                height=PAGE_HEIGHT,
                hide_on_single_page=True,
            ),
            _to(MembersSG.roster, "back_former"),
            state=MembersSG.former,
            getter=former_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-former-card", when="identified"),
            I18NFormat("sec-former-card-anonymised", when="anonymised"),
            I18NFormat("sec-member-gone", when="gone"),
            SwitchTo(
                I18NPlain("sec-anonymise"),
                id="anonymise",
                state=MembersSG.confirm_anonymise,
                on_click=on_back,
                when="can_anonymise",
            ),
            _to(MembersSG.former, "back_former_member"),
            state=MembersSG.former_member,
            getter=former_member_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-confirm-anonymise", when="can_anonymise"),
            Button(
                I18NPlain("sec-confirm-anonymise-button"),
                id="yes_anonymise",
                on_click=on_anonymise,
                when="can_anonymise",
            ),
            _to(MembersSG.former_member, "no_anonymise", cancel=True),
            state=MembersSG.confirm_anonymise,
            getter=former_member_getter,
        ),
    ]


async def invite_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {**messages_data(dialog_manager), "uses": INVITE_USES, "days": INVITE_DAYS}
