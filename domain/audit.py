"""Who acted, and the record of it: every secretary or operator action leaves an audit entry.

The command line acts as the *operator*: the person who installed chibo, with every
right and no member record. Use cases take ``acting: Acting`` and ask ``authorize``,
which lets the operator through and sends a member to ``domain.permissions.require``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions import Action, Actor, require
from storage.models import AuditEntry


@dataclass(frozen=True)
class Operator:
    """The person at the command line: not a member, allowed everything."""

    name: str = "operator"


OPERATOR = Operator()
Acting = Actor | Operator


def authorize(
    acting: Acting,
    action: Action,
    *,
    cell_id: int | None = None,
    member_id: int | None = None,
    committee_id: int | None = None,
) -> None:
    """Raise ``PermissionDenied`` unless ``acting`` may take ``action`` on what is named."""
    if isinstance(acting, Operator):
        return
    require(acting, action, cell_id=cell_id, member_id=member_id, committee_id=committee_id)


def actor_id(acting: Acting | None) -> int | None:
    """The member id to write in the audit log; ``None`` for the operator and the system."""
    return acting.member_id if isinstance(acting, Actor) else None


def _jsonable(value: Any) -> Any:
    # Audit details are JSON: dates and enums become their text form.
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    return value


def record(
    session: AsyncSession,
    actor_id: int | None,
    action: str,
    target_type: str,
    target_id: int | None,
    **details: Any,
) -> AuditEntry:
    """Add an audit entry to the session; it commits with the change it describes."""
    entry = AuditEntry(
        actor_member_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=_jsonable(details),
    )
    session.add(entry)
    return entry
