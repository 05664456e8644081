"""What is due now, and for whom: the reminder planner behind the scheduler's tick.

A tick looks at every *occasion* (one reminder moment of one kind, e.g. "report
reminder 3 days before the meeting of cell 7 on 11/02/2027") whose due time has come
within the look-back window, and writes one outbox row per recipient with an
idempotency key ``<occasion>:<member>``. Running it again writes nothing new; running it
after downtime writes what is still useful (within ``grace`` and before the meeting)
and records the rest as ``DROPPED`` rows with the reason, logged once.

Nothing here sends: the delivery worker does. A reminder that falls in quiet hours
(21:00–07:00 local by default) gets ``not_before`` at the end of the quiet hours.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from delivery.outbox import NewMessage, enqueue_many
from domain.calendar import ensure_all_meetings, is_working_day, local_moment
from domain.clock import DEFAULT_TZ
from domain.vocabulary import MemberStatus, PlanStatus, ReportStatus, Role
from scheduler import messages
from storage.models import (
    AbsenceNotice,
    Cell,
    Meeting,
    Member,
    OutboxStatus,
    ProgressReport,
    YearConfig,
    YearPlan,
)

log = logging.getLogger("chibo.scheduler")

KIND_REPORT = "report-reminder"
KIND_MEETING_EVE = "meeting-eve"
KIND_MEETING_SOON = "meeting-soon"
KIND_GROUP_EVE = "meeting-group-eve"
KIND_GROUP_SOON = "meeting-group-soon"
KIND_DIGEST = "digest"
KIND_PLAN = "plan-reminder"
KIND_REVIEW = "plans-review"
# Monthly meetings whose reminders can be due now: reminders start at most 28 days before.
MEETING_HORIZON = timedelta(days=31)


@dataclass(frozen=True)
class ReminderPolicy:
    tz: ZoneInfo = DEFAULT_TZ
    quiet_start: time = time(21, 0)
    quiet_end: time = time(7, 0)
    # Day-based reminders (report, plan, plans to review) fall due at this local time.
    morning_at: time = time(8, 0)
    # The day before a meeting: members' reminder, group announcement, secretary's digest.
    eve_at: time = time(16, 0)
    hours_before: float = 3
    # A reminder that fell due while the process was down is still sent within this time.
    grace: timedelta = timedelta(hours=3)
    # How far back a tick looks for occasions, to write or to record as dropped.
    lookback: timedelta = timedelta(days=2)
    bot_username: str | None = None

    def in_quiet_hours(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz).time()
        if self.quiet_start <= self.quiet_end:
            return self.quiet_start <= local < self.quiet_end
        return local >= self.quiet_start or local < self.quiet_end

    def out_of_quiet(self, moment: datetime) -> datetime:
        """``moment``, or the end of the quiet hours it falls in."""
        if not self.in_quiet_hours(moment):
            return moment
        local = moment.astimezone(self.tz)
        day = local.date()
        if local.time() >= self.quiet_end:
            day += timedelta(days=1)
        return local_moment(day, self.quiet_end, self.tz)


@dataclass(frozen=True)
class Recipient:
    member_id: int
    chat_id: int
    full_name: str
    role: Role
    cell_id: int


@dataclass(frozen=True)
class Occasion:
    kind: str
    key: str  # idempotency key prefix; a member id or ``group`` is appended
    due_at: datetime
    deadline: datetime  # useless from then on
    cell: Cell | None  # None: every cell (plan registration)
    meeting: Meeting | None = None
    offset: int = 0  # days before the meeting; for plans to review, how many wait
    year: int = 0
    due_on: date | None = None  # the plan registration deadline, when the year sets one
    cells: frozenset[int] | None = None  # plan registration: the cells it is for


@dataclass
class TickReport:
    written: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    # Occasion keys fully handled: later ticks of this process may skip them.
    settled: list[str] = field(default_factory=list)


async def plan_reminders(
    session: AsyncSession,
    now: datetime,
    policy: ReminderPolicy,
    settled: frozenset[str] | set[str] = frozenset(),
) -> TickReport:
    """Write every reminder due at ``now`` into the outbox (in the caller's transaction)."""
    occasions = [
        occasion
        for occasion in await _occasions(session, now, policy)
        if now - policy.lookback < occasion.due_at <= now and occasion.key not in settled
    ]
    report = TickReport()
    if not occasions:
        return report
    people = await _People.load(session, occasions)
    rows: list[NewMessage] = []
    for occasion in occasions:
        rows.extend(await _messages_for(session, occasion, people, now, policy))
    written = set(await enqueue_many(session, rows))
    for row in rows:
        if row.key in written:
            bucket = report.dropped if row.status is OutboxStatus.DROPPED else report.written
            bucket[row.kind] += 1
    _log(occasions, rows, written, now, policy)
    report.settled = [occasion.key for occasion in occasions]
    return report


async def _occasions(
    session: AsyncSession, now: datetime, policy: ReminderPolicy
) -> list[Occasion]:
    start = (now - policy.lookback).astimezone(policy.tz).date()
    await ensure_all_meetings(session, start.replace(day=1), 3, now=now)
    result = await session.execute(
        select(Meeting, Cell)
        .join(Cell, Cell.id == Meeting.cell_id)
        .where(
            Meeting.cancelled.is_(False),
            Meeting.starts_at > now - policy.lookback,
            Meeting.starts_at <= now + MEETING_HORIZON,
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    occasions: list[Occasion] = []
    for meeting, cell in result:
        occasions.extend(_meeting_occasions(meeting, cell, policy))
    occasions.extend(await _plan_occasions(session, now, policy))
    occasions.extend(await _review_occasions(session, now, policy))
    return occasions


def _meeting_occasions(meeting: Meeting, cell: Cell, policy: ReminderPolicy) -> list[Occasion]:
    day = meeting.starts_at.astimezone(policy.tz).date()
    # The date is in the key: a moved meeting is announced again for its new day.
    base = f"{meeting.id}:{day:%Y%m%d}"
    eve = local_moment(day - timedelta(days=1), policy.eve_at, policy.tz)
    soon = meeting.starts_at - timedelta(hours=policy.hours_before)
    found = [
        Occasion(
            KIND_REPORT,
            f"{KIND_REPORT}:{base}:{offset}",
            local_moment(day - timedelta(days=offset), policy.morning_at, policy.tz),
            meeting.starts_at,
            cell,
            meeting,
            offset=offset,
        )
        for offset in sorted(set(cell.reminder_offsets or []), reverse=True)
    ]
    found.append(
        Occasion(
            KIND_MEETING_EVE, f"{KIND_MEETING_EVE}:{base}", eve, meeting.starts_at, cell, meeting
        )
    )
    found.append(
        Occasion(
            KIND_MEETING_SOON, f"{KIND_MEETING_SOON}:{base}", soon, meeting.starts_at, cell, meeting
        )
    )
    found.append(
        Occasion(KIND_DIGEST, f"{KIND_DIGEST}:{base}", eve, meeting.starts_at, cell, meeting)
    )
    if cell.group_chat_id is not None:
        group = f"{base}:{cell.group_chat_id}"
        found.append(
            Occasion(
                KIND_GROUP_EVE, f"{KIND_GROUP_EVE}:{group}", eve, meeting.starts_at, cell, meeting
            )
        )
        found.append(
            Occasion(
                KIND_GROUP_SOON,
                f"{KIND_GROUP_SOON}:{group}",
                soon,
                meeting.starts_at,
                cell,
                meeting,
            )
        )
    return found


async def _plan_occasions(
    session: AsyncSession, now: datetime, policy: ReminderPolicy
) -> list[Occasion]:
    """Weekly plan reminders from each configuration's opening day, to the cells it holds
    for: a committee's to its cells, the national default's to the cells of committees
    without one of their own (and to cells without a committee)."""
    today = now.astimezone(policy.tz).date()
    configs = (await session.scalars(select(YearConfig).where(YearConfig.year >= today.year))).all()
    if not any(c.registration_opens_on and c.registration_opens_on <= today for c in configs):
        return []
    cells = (await session.execute(select(Cell.id, Cell.committee_id))).all()
    own = {(c.year, c.committee_id) for c in configs if c.committee_id is not None}
    found: list[Occasion] = []
    for config in configs:
        opens = config.registration_opens_on
        if opens is None or opens > today:
            continue
        if config.committee_id is None:
            scope = f"{config.year}"
            held = {cell for cell, c in cells if (config.year, c) not in own}
        else:
            scope = f"{config.year}:c{config.committee_id}"
            held = {cell for cell, c in cells if c == config.committee_id}
        # Weekly, from the opening day, until the year is over (or the member registers).
        year_end = local_moment(date(config.year, 12, 31), time(23, 59), policy.tz)
        week = (today - opens).days // 7
        for k in (week - 1, week):
            due = local_moment(opens + timedelta(weeks=k), policy.morning_at, policy.tz)
            if k >= 0:
                found.append(
                    Occasion(
                        KIND_PLAN,
                        f"{KIND_PLAN}:{scope}:{k}",
                        due,
                        year_end,
                        None,
                        year=config.year,
                        due_on=config.registration_due_on,
                        cells=frozenset(held),
                    )
                )
    return found


async def _review_occasions(
    session: AsyncSession, now: datetime, policy: ReminderPolicy
) -> list[Occasion]:
    waiting = await session.execute(
        select(Cell, func.count(YearPlan.id))
        .join(YearPlan, YearPlan.cell_id == Cell.id)
        .where(YearPlan.status == PlanStatus.SUBMITTED)
        .group_by(Cell.id)
    )
    cells = list(waiting)
    today = now.astimezone(policy.tz).date()
    found: list[Occasion] = []
    for day in (today - timedelta(days=1), today):
        if not is_working_day(day):
            continue
        due = local_moment(day, policy.morning_at, policy.tz)
        end_of_day = local_moment(day, policy.quiet_start, policy.tz)
        for cell, count in cells:
            key = f"{KIND_REVIEW}:{cell.id}:{day:%Y%m%d}"
            found.append(Occasion(KIND_REVIEW, key, due, end_of_day, cell, offset=count))
    return found


@dataclass
class _People:
    """Everyone the due occasions may concern, read in a fixed number of queries."""

    by_cell: dict[int, list[Recipient]]
    everyone: list[Recipient]
    reported: set[tuple[int, int, int]]
    planned: set[tuple[int, int]]
    absent: set[tuple[int, int]]

    @classmethod
    async def load(cls, session: AsyncSession, occasions: Sequence[Occasion]) -> _People:
        everyone = [o for o in occasions if o.cell is None]
        cell_ids = {o.cell.id for o in occasions if o.cell is not None}
        query = select(Member.id, Member.telegram_id, Member.full_name, Member.role, Member.cell_id)
        query = query.where(
            Member.status == MemberStatus.ACTIVE,
            Member.cell_id.is_not(None),
            # On Zalo only: chat 0, and the delivery worker sends it to Zalo (delivery.channels).
            or_(Member.telegram_id.is_not(None), Member.zalo_user_id.is_not(None)),
            Member.reachable.is_(True),
        )
        if not everyone:
            query = query.where(Member.cell_id.in_(cell_ids))
        rows = await session.execute(query.order_by(Member.id))
        members = [
            Recipient(member_id, chat_id or 0, name, role, cell_id)
            for member_id, chat_id, name, role, cell_id in rows
            if cell_id is not None
        ]
        by_cell: dict[int, list[Recipient]] = defaultdict(list)
        for member in members:
            by_cell[member.cell_id].append(member)
        return cls(
            by_cell=by_cell,
            everyone=members,
            reported=await _reported(session, occasions),
            planned=await _planned(session, occasions),
            absent=await _absent(session, occasions),
        )


async def _reported(
    session: AsyncSession, occasions: Iterable[Occasion]
) -> set[tuple[int, int, int]]:
    months = {
        (o.meeting.year, o.meeting.month)
        for o in occasions
        if o.kind == KIND_REPORT and o.meeting is not None
    }
    if not months:
        return set()
    rows = await session.execute(
        select(ProgressReport.member_id, ProgressReport.year, ProgressReport.month).where(
            ProgressReport.status == ReportStatus.SUBMITTED,
            tuple_(ProgressReport.year, ProgressReport.month).in_(sorted(months)),
        )
    )
    return {(m, y, mo) for m, y, mo in rows}


async def _planned(session: AsyncSession, occasions: Iterable[Occasion]) -> set[tuple[int, int]]:
    years = {o.year for o in occasions if o.kind == KIND_PLAN}
    if not years:
        return set()
    rows = await session.execute(
        select(YearPlan.member_id, YearPlan.year).where(
            YearPlan.year.in_(years),
            YearPlan.status.in_((PlanStatus.SUBMITTED, PlanStatus.ACKNOWLEDGED)),
        )
    )
    return {(a, b) for a, b in rows}


async def _absent(session: AsyncSession, occasions: Iterable[Occasion]) -> set[tuple[int, int]]:
    meeting_ids = {
        o.meeting.id
        for o in occasions
        if o.kind in (KIND_MEETING_EVE, KIND_MEETING_SOON) and o.meeting is not None
    }
    if not meeting_ids:
        return set()
    rows = await session.execute(
        select(AbsenceNotice.member_id, AbsenceNotice.meeting_id).where(
            AbsenceNotice.meeting_id.in_(meeting_ids)
        )
    )
    return {(a, b) for a, b in rows}


def leaders(members: Sequence[Recipient]) -> list[Recipient]:
    """The secretary; the deputies when the cell has no secretary."""
    secretaries = [m for m in members if m.role is Role.SECRETARY]
    return secretaries or [m for m in members if m.role is Role.DEPUTY]


def _recipients(occasion: Occasion, people: _People) -> list[Recipient]:
    if occasion.cell is None:
        return [
            m
            for m in people.everyone
            if (occasion.cells is None or m.cell_id in occasion.cells)
            and (m.member_id, occasion.year) not in people.planned
        ]
    members = people.by_cell.get(occasion.cell.id, [])
    meeting = occasion.meeting
    if occasion.kind == KIND_REPORT and meeting is not None:
        key = (meeting.year, meeting.month)
        return [m for m in members if (m.member_id, *key) not in people.reported]
    if occasion.kind in (KIND_MEETING_EVE, KIND_MEETING_SOON) and meeting is not None:
        return [m for m in members if (m.member_id, meeting.id) not in people.absent]
    if occasion.kind in (KIND_DIGEST, KIND_REVIEW):
        return leaders(members)
    return []


async def _messages_for(
    session: AsyncSession,
    occasion: Occasion,
    people: _People,
    now: datetime,
    policy: ReminderPolicy,
) -> list[NewMessage]:
    send_at = policy.out_of_quiet(now)
    reason = _why_dropped(occasion, now, send_at, policy)
    status = OutboxStatus.PENDING if reason is None else OutboxStatus.DROPPED
    if occasion.kind in (KIND_GROUP_EVE, KIND_GROUP_SOON):
        assert occasion.meeting is not None and occasion.cell is not None
        chat = occasion.cell.group_chat_id
        assert chat is not None
        payload = messages.group_announcement(
            occasion.meeting, occasion.kind == KIND_GROUP_SOON, policy.tz, policy.bot_username
        )
        key = f"{occasion.key}:group"
        return [NewMessage(key, occasion.kind, chat, None, payload, send_at, status, reason)]
    recipients = _recipients(occasion, people)
    if not recipients:
        return []
    shared = await _shared_payload(session, occasion, policy) if reason is None else None
    return [
        NewMessage(
            f"{occasion.key}:{person.member_id}",
            occasion.kind,
            person.chat_id,
            person.member_id,
            _payload(occasion, person, shared, policy),
            send_at,
            status,
            reason,
        )
        for person in recipients
    ]


def _why_dropped(
    occasion: Occasion, now: datetime, send_at: datetime, policy: ReminderPolicy
) -> str | None:
    late = now - occasion.due_at
    if late > policy.grace:
        due, at = _local(occasion.due_at, policy), _local(now, policy)
        return f"due {due}, now {at}: past the grace period of {policy.grace}"
    if send_at >= occasion.deadline:
        return (
            f"would go out at {_local(send_at, policy)}, after {_local(occasion.deadline, policy)}"
        )
    return None


def _local(moment: datetime, policy: ReminderPolicy) -> str:
    return f"{moment.astimezone(policy.tz):%d/%m/%Y %H:%M}"


async def _shared_payload(
    session: AsyncSession, occasion: Occasion, policy: ReminderPolicy
) -> dict[str, Any] | None:
    """The part of a message that is the same for every recipient: the digest's summary."""
    if occasion.kind != KIND_DIGEST or occasion.meeting is None:
        return None
    # Imported here: aggregation is heavy and only the digest needs it.
    from storage.aggregation import cell_month_summary

    meeting = occasion.meeting
    summary = await cell_month_summary(session, meeting.cell_id, meeting.year, meeting.month)
    return messages.digest(summary, meeting, policy.tz)


def _payload(
    occasion: Occasion, person: Recipient, shared: dict[str, Any] | None, policy: ReminderPolicy
) -> dict[str, Any]:
    meeting = occasion.meeting
    if occasion.kind == KIND_REPORT and meeting is not None:
        return messages.report_reminder(person.full_name, meeting, policy.tz)
    if occasion.kind in (KIND_MEETING_EVE, KIND_MEETING_SOON) and meeting is not None:
        return messages.meeting_reminder(
            person.full_name, meeting, occasion.kind == KIND_MEETING_SOON, policy.tz
        )
    if occasion.kind == KIND_PLAN:
        return messages.plan_reminder(person.full_name, occasion.year, occasion.due_on)
    if occasion.kind == KIND_REVIEW and occasion.cell is not None:
        return messages.plans_review(person.full_name, occasion.offset, occasion.cell.id)
    return dict(shared) if shared is not None else {"text": ""}


def _log(
    occasions: Sequence[Occasion],
    rows: Sequence[NewMessage],
    written: set[str],
    now: datetime,
    policy: ReminderPolicy,
) -> None:
    new_by_occasion: Counter[str] = Counter()
    reasons: dict[str, str] = {}
    for row in rows:
        if row.key in written:
            occasion_key = row.key.rsplit(":", 1)[0]
            new_by_occasion[occasion_key] += 1
            if row.reason:
                reasons[occasion_key] = row.reason
    for occasion in occasions:
        count = new_by_occasion.get(occasion.key, 0)
        if not count:
            continue
        if occasion.key in reasons:
            log.warning(
                "dropped %s: %s recipients; reason: %s", occasion.key, count, reasons[occasion.key]
            )
        else:
            log.info(
                "enqueued %s: %s recipients, from %s",
                occasion.key,
                count,
                _local(policy.out_of_quiet(now), policy),
            )
