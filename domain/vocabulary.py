"""The words of chibo's rules: who a member is, where a plan or report stands, how an item went.

The domain owns them; storage maps each to a short string column (``storage.models``), so
dialogs, exports and the scheduler name a status without importing storage.
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    MEMBER = "member"
    DEPUTY = "deputy"
    SECRETARY = "secretary"
    COMMITTEE = "committee"


class PartyStatus(enum.StrEnum):
    OFFICIAL = "official"
    PROBATIONARY = "probationary"


class MemberStatus(enum.StrEnum):
    PENDING = "pending"  # joined by an invite that needs approval
    ACTIVE = "active"
    REFUSED = "refused"
    LEFT = "left"


class ShiftRule(enum.StrEnum):
    NEXT_WORKING_DAY = "next_working_day"
    NONE = "none"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    RETURNED = "returned"


class ReportStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class ItemStatus(enum.StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


class Channel(enum.StrEnum):
    """Where a member is written to: the messenger their reminders go through."""

    TELEGRAM = "telegram"
    ZALO = "zalo"


class PlanWording(enum.StrEnum):
    """How a year's texts name the plan: from 2025 official texts add "thực hành"."""

    FOLLOW = "lam-theo"  # học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
    PRACTISE = "thuc-hanh"  # học tập, làm theo và thực hành …
