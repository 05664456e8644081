"""SQLAlchemy models: the whole of chibo's persistent state.

Times are UTC (``UTCDateTime``); dates shown to people are converted in the
domain layer. Enumerations are stored as short strings so that SQLite and
PostgreSQL hold the same thing and migrations stay simple.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from domain.vocabulary import (
    Channel,
    ItemStatus,
    MemberStatus,
    PartyStatus,
    PlanStatus,
    PlanWording,
    ReportStatus,
    Role,
    ShiftRule,
)
from storage.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012


def _enum(cls: type[enum.Enum], length: int = 16) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DROPPED = "dropped"


class Committee(Base):
    """The party organisation above cells (đảng bộ) and its executive body (đảng ủy).

    ``name`` is the organisation ("Đảng bộ phường Ngô Quyền"), ``executive_name`` the body
    that signs and receives documents ("Đảng ủy phường Ngô Quyền"), ``upper_unit`` the
    organisation above, printed over the body's name in a document's heading ("Đảng bộ
    thành phố Vĩnh Yên"), ``symbol`` the body's abbreviation in document numbers ("ĐU" as in
    "Số 12-BC/ĐU"), ``locality`` the place name of its date line ("Vĩnh Yên").
    """

    __tablename__ = "committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    executive_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    upper_unit: Mapped[str] = mapped_column(String(200), default="", server_default="")
    symbol: Mapped[str] = mapped_column(String(16), default="ĐU", server_default="ĐU")
    locality: Mapped[str] = mapped_column(String(100), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cells: Mapped[list[Cell]] = relationship(back_populates="committee")


class Cell(Base):
    """A chi bộ, with its regular monthly meeting rule."""

    __tablename__ = "cells"
    __table_args__ = (CheckConstraint("meeting_day BETWEEN 1 AND 31", name="meeting_day_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("committees.id", ondelete="SET NULL"), index=True
    )
    meeting_day: Mapped[int] = mapped_column(Integer, default=5)
    meeting_time: Mapped[time] = mapped_column(Time, default=time(14, 0))
    meeting_place: Mapped[str] = mapped_column(String(200), default="")
    shift_rule: Mapped[ShiftRule] = mapped_column(
        _enum(ShiftRule, 24), default=ShiftRule.NEXT_WORKING_DAY
    )
    # Days before the meeting on which members who have not reported are reminded.
    reminder_offsets: Mapped[list[int]] = mapped_column(JSON, default=lambda: [3, 1])
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    # The place name of its documents' date line ("Vĩnh Yên, ngày …"); empty: the committee's.
    locality: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # The line above the cell's name in a heading; empty: the committee's organisation name.
    upper_unit: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    committee: Mapped[Committee | None] = relationship(back_populates="cells")


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    # The member's id on Zalo's bot platform (text: Zalo ids are not numbers one may do sums on).
    zalo_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    reminder_channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.TELEGRAM)
    phone: Mapped[str | None] = mapped_column(String(32))
    cell_id: Mapped[int | None] = mapped_column(
        ForeignKey("cells.id", ondelete="RESTRICT"), index=True
    )
    # Set for committee members: the committee whose roll-up they see.
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("committees.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.MEMBER)
    party_status: Mapped[PartyStatus] = mapped_column(
        _enum(PartyStatus), default=PartyStatus.OFFICIAL
    )
    status: Mapped[MemberStatus] = mapped_column(_enum(MemberStatus), default=MemberStatus.ACTIVE)
    # False once Telegram answered "bot was blocked by the user".
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None]

    cell: Mapped[Cell | None] = relationship()


class CellMembership(Base):
    """Which cell a member belonged to, and when: summaries follow this history."""

    __tablename__ = "cell_memberships"
    __table_args__ = (Index("ix_cell_memberships_cell_period", "cell_id", "start_on", "end_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.MEMBER)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.MEMBER)
    expires_at: Mapped[datetime]
    uses_left: Mapped[int] = mapped_column(Integer, default=1)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class YearConfig(Base):
    """What a year asks of plans: its theme, wording and, in ``PlanSection``, its sections.

    ``committee_id`` names the đảng bộ whose cells it is for; ``None`` is the national
    default, used by cells whose committee has none for the year.
    """

    __tablename__ = "year_configs"
    __table_args__ = (
        UniqueConstraint("year", "committee_id", name="uq_year_configs_year_committee"),
        # NULLs are distinct in a unique constraint: one national default a year needs its own.
        Index(
            "uq_year_configs_national_year",
            "year",
            unique=True,
            sqlite_where=text("committee_id IS NULL"),
            postgresql_where=text("committee_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("committees.id", ondelete="RESTRICT"), index=True
    )
    theme: Mapped[str] = mapped_column(Text, default="")
    plan_wording: Mapped[PlanWording] = mapped_column(
        _enum(PlanWording), default=PlanWording.FOLLOW
    )
    registration_opens_on: Mapped[date | None] = mapped_column(Date)
    registration_due_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    sections: Mapped[list[PlanSection]] = relationship(
        order_by="PlanSection.position", back_populates="year_config"
    )


class PlanSection(Base):
    __tablename__ = "plan_sections"
    __table_args__ = (
        UniqueConstraint(
            "year_config_id", "position", name="uq_plan_sections_year_config_position"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_config_id: Mapped[int] = mapped_column(ForeignKey("year_configs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")

    year_config: Mapped[YearConfig] = relationship(back_populates="sections")


class YearPlan(Base):
    __tablename__ = "year_plans"
    __table_args__ = (UniqueConstraint("member_id", "year", name="uq_year_plans_member_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    # The configuration whose sections the plan's items are in, fixed when the plan is made.
    year_config_id: Mapped[int] = mapped_column(
        ForeignKey("year_configs.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus), default=PlanStatus.DRAFT)
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    review_comment: Mapped[str | None] = mapped_column(Text)
    # How many items the plan has: kept by ``storage.counters`` at each flush.
    items_planned: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list[PlanItem]] = relationship(
        order_by="PlanItem.position", back_populates="plan", cascade="all, delete-orphan"
    )


class PlanItem(Base):
    __tablename__ = "plan_items"
    __table_args__ = (Index("ix_plan_items_plan_position", "plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("year_plans.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(
        ForeignKey("plan_sections.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    plan: Mapped[YearPlan] = relationship(back_populates="items")


class ProgressReport(Base):
    """A member's report for one month; ``cell_id`` is the cell at reporting time."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        UniqueConstraint("member_id", "year", "month", name="uq_progress_reports_member_month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month_range"),
        Index("ix_progress_reports_cell_month", "cell_id", "year", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id", ondelete="RESTRICT"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    status: Mapped[ReportStatus] = mapped_column(_enum(ReportStatus), default=ReportStatus.DRAFT)
    difficulties: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None]
    # Its item_progress rows by status: kept by ``storage.counters`` at each flush.
    items_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    items_in_progress: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    items_not_started: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    progress: Mapped[list[ItemProgress]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )
    free_items: Mapped[list[FreeItem]] = relationship(
        order_by="FreeItem.position", back_populates="report", cascade="all, delete-orphan"
    )


class ItemProgress(Base):
    __tablename__ = "item_progress"
    __table_args__ = (
        UniqueConstraint("report_id", "plan_item_id", name="uq_item_progress_report_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_reports.id", ondelete="CASCADE"))
    plan_item_id: Mapped[int] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus))
    note: Mapped[str] = mapped_column(Text, default="")
    # Chosen by the cell's leaders for «Gương điển hình, việc làm tiêu biểu» of the month.
    exemplary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    report: Mapped[ProgressReport] = relationship(back_populates="progress")


class FreeItem(Base):
    """A deed reported for the month that is not in the member's plan."""

    __tablename__ = "free_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    report: Mapped[ProgressReport] = relationship(back_populates="free_items")


class Meeting(Base):
    """The regular meeting of a cell for one month, materialised from the rule.

    ``rule_starts_at`` is what the rule gives; ``starts_at`` is what holds after
    a secretary moved it. Cancelled meetings stay, marked.
    """

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("cell_id", "year", "month", name="uq_meetings_cell_month"),
        Index("ix_meetings_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("cells.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    rule_starts_at: Mapped[datetime]
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(Text, default="")
    thematic: Mapped[bool] = mapped_column(Boolean, default=False)
    moved: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class AbsenceNotice(Base):
    __tablename__ = "absence_notices"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id", name="uq_absence_notices_meeting_member"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AttendanceConfirmation(Base):
    """A member said they will attend a meeting (the opposite of a notice of absence)."""

    __tablename__ = "attendance_confirmations"
    __table_args__ = (
        UniqueConstraint(
            "meeting_id", "member_id", name="uq_attendance_confirmations_meeting_member"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxMessage(Base):
    """A message to deliver. Jobs write rows; only the delivery worker sends."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_not_before", "status", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16), default="telegram")
    # None: the member's chat, found when the row is sent.
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    # {"message": …, "args": …, "reply_markup": …, "document": {"filename": …, "export": …}}
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[OutboxStatus] = mapped_column(_enum(OutboxStatus), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)
    # A worker that claimed the row owns it until then; after, another may take it.
    lease_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32), default="")
    target_id: Mapped[int | None] = mapped_column(BigInteger)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class FsmRecord(Base):
    """aiogram FSM / aiogram-dialog state, so dialogs survive a restart."""

    __tablename__ = "fsm_records"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ZaloLinkCode(Base):
    """A one-time code a member on Telegram types on Zalo to link the two accounts."""

    __tablename__ = "zalo_link_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboundMessage(Base):
    """Telegram updates and Zalo messages already handled: a replayed delivery is answered
    once, whichever worker it reaches (``storage.inbound``). Also the Zalo webhook's inbox:
    an update stored with its ``payload`` and no ``handled_at`` waits to be handled; the
    payload is dropped when it is.

    Rows older than a few days are deleted; a replay that late is not a replay any more.
    """

    __tablename__ = "inbound_messages"

    message_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    handled_at: Mapped[datetime | None]


class DownloadToken(Base):
    """A one-time link to fetch a rendered file from the bot's own HTTP endpoint."""

    __tablename__ = "download_tokens"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    # The outbox ``document`` dict: which renderer, with which arguments.
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessLease(Base):
    """A role only one process may hold at a time (the scheduler), until ``until``; the
    holder renews it, and another process takes it once it runs out (``storage.leases``)."""

    __tablename__ = "process_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    until: Mapped[datetime]
