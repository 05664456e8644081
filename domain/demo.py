"""Demo data: a committee, three cells, members, plans, meetings and two years of reports.

The content lives in ``demo_data.toml``; this module only arranges it in time. The demo
committee's two years are set up through ``domain.years.save_setup``, the path every
configuration takes: the built-in template's sections with the demo's own themes and
registration window, for the demo committee only (the national default is not touched). A
seeded random generator makes the mix (who reports, who is late, what is done)
the same on every run for the same ``today``. Seeding is idempotent: the second
run finds the demo committee and adds nothing.
"""

from __future__ import annotations

import calendar
import random
import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import years
from domain.audit import OPERATOR
from domain.calendar import local_moment, month_after, rule_starts_at
from domain.errors import DomainError
from domain.vocabulary import (
    ItemStatus,
    PartyStatus,
    PlanStatus,
    PlanWording,
    ReportStatus,
    Role,
    ShiftRule,
)
from storage.db import zone
from storage.models import (
    Cell,
    CellMembership,
    Committee,
    FreeItem,
    ItemProgress,
    Meeting,
    Member,
    PlanItem,
    ProgressReport,
    YearPlan,
)

DATA_FILE = Path(__file__).with_name("demo_data.toml")
# Members have belonged to their cell since well before the demo's two years.
LONG_AGO_YEARS = 3
THEMATIC_MONTHS = (3, 6, 9, 12)
# Probabilities that shape the mix of reports.
ON_TIME_SHARE = 0.85
OPEN_MONTH_EARLY_SHARE = 0.5
DRAFT_SHARE = 0.3
NOTE_SHARE = 0.35
DIFFICULTY_SHARE = 0.15
PROPOSAL_SHARE = 0.12
FREE_ITEM_SHARE = 0.2
LEADER_RELIABILITY = 0.97
MEMBER_RELIABILITY = (0.95, 0.9, 0.8, 0.6)


# --------------------------------------------------------------------------- the data file


@dataclass(frozen=True)
class PersonSpec:
    name: str
    role: Role
    telegram_id: int | None
    probationary: bool
    blocked: bool
    joined_month: int | None
    moves_to: int | None  # index of the cell moved to in the previous year
    moved_on: tuple[int, int] | None


@dataclass(frozen=True)
class CellSpec:
    name: str
    meeting_day: int
    meeting_time: time
    meeting_place: str
    plan_items: tuple[tuple[int, str], ...]
    people: tuple[PersonSpec, ...]


@dataclass(frozen=True)
class DemoData:
    seed: int
    committee: str
    committee_names: dict[str, str]
    regular_topic: str
    themes: dict[str, str]
    plan_titles: dict[str, PlanWording]
    registration_opens: tuple[int, int]
    registration_due: tuple[int, int]
    plan_items: dict[int, tuple[str, ...]]
    notes: dict[ItemStatus, tuple[str, ...]]
    texts: dict[str, tuple[str, ...]]
    cells: tuple[CellSpec, ...]

    def theme(self, year: int) -> str:
        return self.themes.get(str(year), self.themes["default"].format(year=year))

    def wording(self, year: int) -> PlanWording:
        return self.plan_titles.get(str(year), self.plan_titles["default"])


def _person(raw: dict[str, Any]) -> PersonSpec:
    moved_on = raw.get("moved_on")
    return PersonSpec(
        name=raw["name"],
        role=Role(raw.get("role", Role.MEMBER)),
        telegram_id=raw.get("telegram_id"),
        probationary=raw.get("probationary", False),
        blocked=raw.get("blocked", False),
        joined_month=raw.get("joined_month"),
        moves_to=raw["moves_to"] - 1 if "moves_to" in raw else None,
        moved_on=(moved_on[0], moved_on[1]) if moved_on else None,
    )


def _cell(raw: dict[str, Any]) -> CellSpec:
    hour, minute = (int(part) for part in raw["meeting_time"].split(":"))
    return CellSpec(
        name=raw["name"],
        meeting_day=raw["meeting_day"],
        meeting_time=time(hour, minute),
        meeting_place=raw["meeting_place"],
        plan_items=tuple((int(section), text) for section, text in raw["plan_items"]),
        people=tuple(_person(p) for p in raw["people"]),
    )


def _month_day(raw: list[int]) -> tuple[int, int]:
    month, day = raw
    return month, day


@cache
def demo_data() -> DemoData:
    raw = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    return DemoData(
        seed=raw["seed"],
        committee=raw["committee"],
        committee_names={str(k): str(v) for k, v in raw["committee_names"].items()},
        regular_topic=raw["regular_meeting"]["topic"],
        themes={str(k): v for k, v in raw["themes"].items()},
        plan_titles={str(k): PlanWording(v) for k, v in raw["plan_titles"].items()},
        registration_opens=_month_day(raw["registration"]["opens"]),
        registration_due=_month_day(raw["registration"]["due"]),
        plan_items={int(k): tuple(v) for k, v in raw["plan_items"].items()},
        notes={ItemStatus(k): tuple(v) for k, v in raw["notes"].items()},
        texts={k: tuple(v) for k, v in raw["texts"].items()},
        cells=tuple(_cell(c) for c in raw["cells"]),
    )


# --------------------------------------------------------------------------- personas


@dataclass(frozen=True)
class DemoPersona:
    """Someone the local chat emulator can play: a fixed Telegram id in a demo cell."""

    telegram_id: int
    full_name: str
    role: Role
    cell_name: str


def demo_personas() -> list[DemoPersona]:
    """Every demo member who has a Telegram account, in their current cell."""
    data = demo_data()
    personas = []
    for cell in data.cells:
        for person in cell.people:
            if person.telegram_id is None:
                continue
            now_in = data.cells[person.moves_to] if person.moves_to is not None else cell
            personas.append(DemoPersona(person.telegram_id, person.name, person.role, now_in.name))
    return sorted(personas, key=lambda p: p.telegram_id)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class DemoSeedResult:
    created: bool
    committee_id: int
    cells: int = 0
    members: int = 0
    plans: int = 0
    reports: int = 0
    meetings: int = 0

    @property
    def msg_id(self) -> str:
        return "demo-seeded" if self.created else "demo-already-seeded"

    @property
    def msg_args(self) -> dict[str, int]:
        if not self.created:
            return {}
        return {
            "cells": self.cells,
            "members": self.members,
            "plans": self.plans,
            "reports": self.reports,
        }


# --------------------------------------------------------------------------- calendar


def _month_end(year: int, month: int, tz: tzinfo) -> datetime:
    following = date(year + month // 12, month % 12 + 1, 1)
    return local_moment(following, time(), tz) - timedelta(microseconds=1)


# --------------------------------------------------------------------------- seeding


@dataclass
class _Person:
    spec: PersonSpec
    member: Member
    # (cell index, start, end) in time order.
    stints: list[tuple[int, date, date | None]]
    reliability: float

    def cell_in(self, year: int, month: int) -> int | None:
        """The cell of the latest stint overlapping the month (the aggregation rule)."""
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        found = None
        for cell_index, start, end in self.stints:
            if start <= last and (end is None or end >= first):
                found = cell_index
        return found


class _Seeder:
    def __init__(self, session: AsyncSession, data: DemoData, today: date) -> None:
        self.session = session
        self.data = data
        self.today = today
        self.tz = zone(session)
        self.now = local_moment(today, time(), self.tz)
        self.years = (today.year - 1, today.year)
        self.rng = random.Random(data.seed)
        self.cells: list[Cell] = []
        self.people: list[_Person] = []
        # Per year: the configuration's id and its section ids by position.
        self.configs: dict[int, tuple[int, dict[int, int]]] = {}
        self.deadlines: dict[tuple[int, int, int], datetime] = {}
        self.reports = 0
        self.meetings = 0

    async def run(self) -> DemoSeedResult:
        names = self.data.committee_names
        committee = Committee(
            name=self.data.committee,
            executive_name=names["executive_name"],
            upper_unit=names["upper_unit"],
            symbol=names["symbol"],
            locality=names["locality"],
        )
        self.session.add(committee)
        self._add_cells(committee)
        await self.session.flush()
        await self._set_up_years(committee.id)
        self._add_people(committee.id)
        await self.session.flush()
        self._add_memberships()
        self._add_meetings()
        plans = self._add_plans()
        await self.session.flush()
        self._add_reports(plans)
        await self.session.flush()
        return DemoSeedResult(
            created=True,
            committee_id=committee.id,
            cells=len(self.cells),
            members=len(self.people),
            plans=len(plans),
            reports=self.reports,
            meetings=self.meetings,
        )

    def _add_cells(self, committee: Committee) -> None:
        for spec in self.data.cells:
            cell = Cell(
                name=spec.name,
                committee=committee,
                meeting_day=spec.meeting_day,
                meeting_time=spec.meeting_time,
                meeting_place=spec.meeting_place,
                shift_rule=ShiftRule.NEXT_WORKING_DAY,
            )
            self.cells.append(cell)
        self.session.add_all(self.cells)

    async def _set_up_years(self, committee_id: int) -> None:
        _, template = years.template()
        opens, due = self.data.registration_opens, self.data.registration_due
        for year in self.years:
            spec = replace(
                template,
                theme=self.data.theme(year),
                wording=self.data.wording(year),
                opens_on=date(year, *opens),
                due_on=date(year, *due),
            )
            setup = await years.save_setup(
                self.session, OPERATOR, year, committee_id, spec, self.now
            )
            assert setup.config_id is not None
            self.configs[year] = (
                setup.config_id,
                {s.position: s.id for s in setup.sections if s.id is not None},
            )

    def _add_people(self, committee_id: int) -> None:
        since = date(self.years[0] - LONG_AGO_YEARS, 1, 1)
        for cell_index, spec in enumerate(self.data.cells):
            for person in spec.people:
                joined = person.joined_month
                start = date(self.years[1], joined, 10) if joined else since
                stints: list[tuple[int, date, date | None]] = [(cell_index, start, None)]
                if person.moves_to is not None and person.moved_on is not None:
                    moved = date(self.years[0], *person.moved_on)
                    stints = [
                        (cell_index, start, moved - timedelta(days=1)),
                        (person.moves_to, moved, None),
                    ]
                self._add_person(person, stints, committee_id)

    def _add_person(
        self, spec: PersonSpec, stints: list[tuple[int, date, date | None]], committee_id: int
    ) -> None:
        member = Member(
            full_name=spec.name,
            telegram_id=spec.telegram_id,
            cell_id=self.cells[stints[-1][0]].id,
            committee_id=committee_id if spec.role is Role.COMMITTEE else None,
            role=spec.role,
            party_status=PartyStatus.PROBATIONARY if spec.probationary else PartyStatus.OFFICIAL,
            reachable=not spec.blocked,
            joined_at=local_moment(stints[0][1], time(8), self.tz),
        )
        self.session.add(member)
        leader = spec.role in (Role.SECRETARY, Role.DEPUTY)
        reliability = LEADER_RELIABILITY if leader else self.rng.choice(MEMBER_RELIABILITY)
        self.people.append(_Person(spec, member, stints, reliability))

    def _add_memberships(self) -> None:
        for person in self.people:
            for cell_index, start, end in person.stints:
                self.session.add(
                    CellMembership(
                        member_id=person.member.id,
                        cell_id=self.cells[cell_index].id,
                        role=person.spec.role,
                        start_on=start,
                        end_on=end,
                    )
                )

    # ----------------------------------------------------------------------- meetings

    def _meeting_months(self) -> list[tuple[int, int]]:
        """Both years up to the month after this one: the next meeting is already on the list."""
        last = (self.today.year, self.today.month + 1) if self.today.month < 12 else None
        months = [(year, month) for year in self.years for month in range(1, 13)]
        return [ym for ym in months if last is None or ym <= last]

    def _add_meetings(self) -> None:
        thematic = self.data.texts["thematic_topics"]
        previous = self.years[0]
        for cell_index, (cell, spec) in enumerate(zip(self.cells, self.data.cells, strict=True)):
            for year, month in self._meeting_months():
                rule_at = rule_starts_at(cell, year, month, self.tz)
                is_thematic = month in THEMATIC_MONTHS
                meeting = Meeting(
                    cell_id=cell.id,
                    year=year,
                    month=month,
                    rule_starts_at=rule_at,
                    starts_at=rule_at,
                    place=spec.meeting_place,
                    topic=thematic[(month // 3 - 1) % len(thematic)]
                    if is_thematic
                    else self.data.regular_topic.format(month=month, year=year),
                    thematic=is_thematic,
                )
                # One moved and one cancelled meeting, so the calendar has both to show.
                if (cell_index, year, month) == (1, previous, 9):
                    meeting.starts_at = rule_at + timedelta(days=2)
                    meeting.moved = True
                if (cell_index, year, month) == (2, previous, 2):
                    meeting.cancelled = True
                self.session.add(meeting)
                self.meetings += 1
                if not meeting.cancelled:
                    self.deadlines[(cell_index, year, month)] = meeting.starts_at

    def _deadline(self, cell_index: int, year: int, month: int) -> datetime:
        return self.deadlines.get((cell_index, year, month)) or _month_end(year, month, self.tz)

    def _open(self, cell_index: int | None, year: int, month: int) -> bool:
        """A month's report can be written once the previous month's meeting is over."""
        if cell_index is None:
            return False
        return self._deadline(cell_index, *month_after(year, month, -1)) < self.now

    # ----------------------------------------------------------------------- plans

    def _add_plans(self) -> list[tuple[_Person, int, YearPlan]]:
        plans = []
        for year in self.years:
            for person in self.people:
                first = self._first_month(person, year)
                if first > 12 or not self._open(person.cell_in(year, first), year, first):
                    continue
                cell_index = person.cell_in(year, first)
                assert cell_index is not None
                plan = self._plan(person, year, cell_index)
                self.session.add(plan)
                plans.append((person, year, plan))
        return plans

    def _first_month(self, person: _Person, year: int) -> int:
        """The first month the member reports in: the month after they joined, or January."""
        start = person.stints[0][1]
        if start.year < year:
            return 1
        if start.year > year:
            return 13
        return start.month + 1

    def _plan(self, person: _Person, year: int, cell_index: int) -> YearPlan:
        config_id, sections = self.configs[year]
        pool = [
            (section, text) for section, texts in self.data.plan_items.items() for text in texts
        ]
        pool += list(self.data.cells[cell_index].plan_items)
        study = [entry for entry in pool if entry[0] == 1]
        chosen = [self.rng.choice(study)]
        others = [entry for entry in pool if entry not in chosen]
        chosen += self.rng.sample(others, self.rng.randint(2, 5))
        chosen.sort(key=lambda entry: entry[0])
        items = [
            PlanItem(section_id=sections[section], position=position, text=text)
            for position, (section, text) in enumerate(chosen, 1)
        ]
        joined = self._first_month(person, year) - 1
        submitted = local_moment(date(year, max(joined, 1), 15), time(9), self.tz)
        plan = YearPlan(
            member_id=person.member.id,
            cell_id=self.cells[cell_index].id,
            year=year,
            year_config_id=config_id,
            status=PlanStatus.ACKNOWLEDGED,
            submitted_at=submitted,
            reviewed_at=submitted + timedelta(days=3),
            items=items,
        )
        # This year's plans show each review state: most acknowledged, one waiting, one returned.
        if year == self.today.year and person.spec.telegram_id in (1004, 2005):
            plan.status = PlanStatus.SUBMITTED
            plan.reviewed_at = None
        elif year == self.today.year and person.spec.telegram_id == 3006:
            plan.status = PlanStatus.RETURNED
            plan.review_comment = self.data.texts["review_returned"][0]
        return plan

    # ----------------------------------------------------------------------- reports

    def _add_reports(self, plans: list[tuple[_Person, int, YearPlan]]) -> None:
        for person, year, plan in plans:
            items = [(item, self._item_arc()) for item in plan.items]
            for month in range(self._first_month(person, year), 13):
                cell_index = person.cell_in(year, month)
                if not self._open(cell_index, year, month):
                    break
                assert cell_index is not None
                report = self._report(person, year, month, cell_index, items)
                if report is not None:
                    self.session.add(report)
                    self.reports += 1

    def _item_arc(self) -> tuple[int, int | None]:
        """When an item gets started and when it is done (None: not this year)."""
        done = self.rng.randint(2, 14)
        start = self.rng.randint(1, min(done, 12))
        return start, done if done <= 12 else None

    def _report(
        self,
        person: _Person,
        year: int,
        month: int,
        cell_index: int,
        items: list[tuple[PlanItem, tuple[int, int | None]]],
    ) -> ProgressReport | None:
        deadline = self._deadline(cell_index, year, month)
        submitted_at = self._submitted_at(person, cell_index, year, month, deadline)
        if submitted_at is None and self.rng.random() >= DRAFT_SHARE:
            return None
        report = ProgressReport(
            member_id=person.member.id,
            cell_id=self.cells[cell_index].id,
            year=year,
            month=month,
            status=ReportStatus.SUBMITTED if submitted_at else ReportStatus.DRAFT,
            submitted_at=submitted_at,
            difficulties=self._maybe("difficulties", DIFFICULTY_SHARE),
            proposals=self._maybe("proposals", PROPOSAL_SHARE),
        )
        created = submitted_at or min(deadline, self.now) - timedelta(days=1)
        report.created_at = report.updated_at = created - timedelta(hours=1)
        # A draft is a report left half-way: only some items are filled in.
        filled = items if submitted_at else items[: len(items) // 2]
        report.progress = [self._progress(item, arc, month) for item, arc in filled]
        if self.rng.random() < FREE_ITEM_SHARE:
            report.free_items = [
                FreeItem(position=1, text=self.rng.choice(self.data.texts["free_items"]))
            ]
        return report

    def _submitted_at(
        self, person: _Person, cell_index: int, year: int, month: int, deadline: datetime
    ) -> datetime | None:
        """When the report went in, if it did by now: mostly before the meeting, some after."""
        if self.rng.random() >= person.reliability:
            return None
        if deadline >= self.now:
            # The month still open: the diligent half have already reported.
            opened = self._deadline(cell_index, *month_after(year, month, -1))
            if self.rng.random() < OPEN_MONTH_EARLY_SHARE:
                return opened + (self.now - opened) * self.rng.uniform(0.2, 0.95)
            return None
        minutes = timedelta(minutes=self.rng.randint(60, 6 * 24 * 60))
        submitted_at = (
            deadline - minutes if self.rng.random() < ON_TIME_SHARE else deadline + minutes
        )
        return submitted_at if submitted_at < self.now else None

    def _progress(self, item: PlanItem, arc: tuple[int, int | None], month: int) -> ItemProgress:
        start, done = arc
        status = ItemStatus.NOT_STARTED
        if done is not None and month >= done:
            status = ItemStatus.DONE
        elif month >= start:
            status = ItemStatus.IN_PROGRESS
        note = ""
        if self.rng.random() < NOTE_SHARE:
            note = self.rng.choice(self.data.notes[status])
        return ItemProgress(plan_item_id=item.id, status=status, note=note)

    def _maybe(self, kind: str, share: float) -> str:
        return self.rng.choice(self.data.texts[kind]) if self.rng.random() < share else ""


# --------------------------------------------------------------------------- entry point


async def seed_demo(
    session_factory: async_sessionmaker[AsyncSession], *, today: date
) -> DemoSeedResult:
    """Create the demo committee with everything in it, once; later runs change nothing."""
    data = demo_data()
    async with session_factory() as session, session.begin():
        existing = await session.scalar(
            select(Committee.id).where(Committee.name == data.committee)
        )
        if existing is not None:
            return DemoSeedResult(created=False, committee_id=existing)
        await _refuse_conflicts(session, data)
        return await _Seeder(session, data, today).run()


async def _refuse_conflicts(session: AsyncSession, data: DemoData) -> None:
    """Demo cells and Telegram ids must not collide with real ones already there."""
    names = [cell.name for cell in data.cells]
    taken = await session.scalar(select(Cell.name).where(Cell.name.in_(names)).limit(1))
    if taken is not None:
        raise DomainError("demo-cell-taken", name=taken)
    ids = [p.telegram_id for c in data.cells for p in c.people if p.telegram_id is not None]
    owner = (
        await session.execute(
            select(Member.telegram_id, Member.full_name).where(Member.telegram_id.in_(ids)).limit(1)
        )
    ).first()
    if owner is not None:
        raise DomainError("demo-telegram-taken", telegram_id=str(owner[0]), name=owner[1])
