"""The members dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    attempt,
    local_day,
    messages_data,
    short,
    tz_of,
)
from domain.members import (
    MemberListing,
    list_members,
)
from domain.personal_data import FormerMember, former_members
from domain.review import transfer_targets
from domain.vocabulary import MemberStatus, PartyStatus, Role
from locales import t

MEMBER, TARGET, TARGET_NAME = "member", "target", "target_name"


# One invite for a meeting's worth of people, valid for a week: printed or shown on a screen.
INVITE_USES, INVITE_DAYS = 60, 7


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
    return await attempt(manager, lambda s, a: list_members(s, a, a.cell_id or 0)) or []


async def roster_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    members = await _members(dialog_manager)
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
    actor = await actor_of(dialog_manager)
    member_id = int(dialog_manager.dialog_data.get(MEMBER, 0))
    members = await _members(dialog_manager)
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
    cells = await attempt(dialog_manager, lambda s, a: transfer_targets(s, a, a.cell_id or 0)) or []
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


async def _former(manager: DialogManager) -> list[FormerMember]:
    return await attempt(manager, lambda s, a: former_members(s, a, a.cell_id or 0)) or []


async def former_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    people = await _former(dialog_manager)
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
                    date=local_day(p.left_at, tz_of(dialog_manager)) if p.left_at else "—",
                ),
            }
            for p in people
        ],
    }


async def former_member_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = await actor_of(dialog_manager)
    member_id = int(dialog_manager.dialog_data.get(MEMBER, 0))
    people = await _former(dialog_manager)
    person = next((p for p in people if p.id == member_id), None)
    data: dict[str, Any] = {
        **messages_data(dialog_manager),
        "found": person is not None,
        "gone": person is None,
    }
    if person is not None:
        data.update(
            name=person.full_name,
            left=local_day(person.left_at, tz_of(dialog_manager)) if person.left_at else "—",
            anonymised=person.anonymised,
            identified=not person.anonymised,
            can_anonymise=not person.anonymised and actor.role is Role.SECRETARY,
        )
    return data


async def invite_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {**messages_data(dialog_manager), "uses": INVITE_USES, "days": INVITE_DAYS}
