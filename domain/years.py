"""A year's setup: its theme (chuyên đề năm), how plans are titled, and the plan's sections.

Each đảng bộ picks its own chuyên đề năm, so a configuration belongs to a year and a
committee; ``committee_id`` None is the national default. For a member the order is: the
configuration of their cell's committee for the year, else the national default, else the
built-in template (``templates/plan_default.toml``), so that on a fresh install members can
register plans before anybody sets anything up.

Reads never write. The template becomes rows (as the year's national default) only on the
first write that needs section ids: the first plan made for the year
(``config_for_new_plan``) or a first change of the setup. A plan keeps the configuration it
was made with (``YearPlan.year_config_id``), so a member who moves keeps their sections.
When a committee first sets up a year of its own, the plans its cells already made on the
national default move to it, section by position: every member of the committee then sees
the committee's setup.

One path writes a configuration, ``save_setup``: ``chibo year import``, the chat window and
the demo all go through it. Sections are matched by position; a section that plans use may
be renamed, not removed. A write is part of the caller's transaction, so a refusal leaves
nothing half-written.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import tomli_w
from sqlalchemy import distinct, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, Operator, actor_id, record
from domain.errors import DomainError, NotFound
from domain.permissions import Action, Actor, committee_of_cell, require_year_setup
from domain.text import TextLimit, clean, normalize
from domain.vocabulary import PlanWording, Role
from locales import t
from storage.models import Cell, Committee, PlanItem, PlanSection, YearConfig, YearPlan

TEMPLATE_FILE = Path(__file__).parent / "templates" / "plan_default.toml"
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_SECTIONS = 12
THEME = TextLimit(1, 1000)
SECTION_TITLE = TextLimit(2, 300)
SECTION_TEXT = TextLimit(1, 2000)
WORDING_TEXT = {
    PlanWording.FOLLOW: "plan-title-lam-theo",
    PlanWording.PRACTISE: "plan-title-thuc-hanh",
}


def plan_title(wording: PlanWording) -> str:
    """ "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", or with "thực hành"."""
    return t(WORDING_TEXT[wording])


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class SectionSpec:
    position: int
    title: str
    guidance: str = ""
    example: str = ""


@dataclass(frozen=True)
class YearSpec:
    """A year's setup as a file or a window gives it, before it is stored."""

    theme: str = ""
    wording: PlanWording = PlanWording.FOLLOW
    opens_on: date | None = None
    due_on: date | None = None
    sections: tuple[SectionSpec, ...] = ()


class Source(enum.StrEnum):
    OWN = "own"  # the configuration of the scope asked about
    NATIONAL = "national"  # a committee without its own: the national default holds
    TEMPLATE = "template"  # nobody set the year up: the built-in template, not stored yet


@dataclass(frozen=True)
class SetupSection:
    position: int
    title: str
    guidance: str
    example: str
    id: int | None = None  # None while the template is not stored
    plans: int = 0  # plans with items in it (counted only when asked)


@dataclass(frozen=True)
class YearSetup:
    """What holds for a year and a scope, and where it comes from."""

    year: int
    committee_id: int | None  # the scope asked about; None: the national default
    source: Source
    config_id: int | None
    theme: str
    wording: PlanWording
    opens_on: date | None
    due_on: date | None
    sections: tuple[SetupSection, ...]

    @property
    def plan_title(self) -> str:
        return plan_title(self.wording)

    @property
    def spec(self) -> YearSpec:
        return YearSpec(
            theme=self.theme,
            wording=self.wording,
            opens_on=self.opens_on,
            due_on=self.due_on,
            sections=tuple(
                SectionSpec(s.position, s.title, s.guidance, s.example) for s in self.sections
            ),
        )

    def section_at(self, position: int) -> SetupSection:
        for section in self.sections:
            if section.position == position:
                return section
        raise NotFound("error-year-section-not-found", position=str(position))


# --------------------------------------------------------------------------- the file format

YEAR_FIELDS = ("year", "theme", "plan_title", "registration_opens", "registration_due", "sections")
TEMPLATE_FIELDS = ("version", "theme", "plan_title", "sections")
SECTION_FIELDS = ("position", "title", "guidance", "example")
WORDINGS = {wording.value: wording for wording in PlanWording}
_AT = re.compile(r"line (\d+), column (\d+)")


def parse_year_file(text: str) -> tuple[int, YearSpec]:
    """The year and its setup from a ``chibo year import`` file; the first problem found is
    raised as one ``DomainError`` that names the field."""
    raw = _toml(text)
    _known(raw, YEAR_FIELDS, "")
    year = _integer(raw, "year", "year")
    check_year(year)
    return year, _spec(raw, with_dates=True)


def parse_template(text: str) -> tuple[int, YearSpec]:
    """The template's version and setup (the same fields, no year, no dates)."""
    raw = _toml(text)
    _known(raw, TEMPLATE_FIELDS, "")
    return _integer(raw, "version", "version"), _spec(raw, with_dates=False)


def dump_year_file(year: int, spec: YearSpec, comments: Sequence[str] = ()) -> str:
    """The setup as a file that ``parse_year_file`` reads back to the same setup."""
    data: dict[str, Any] = {"year": year, "theme": spec.theme, "plan_title": spec.wording.value}
    if spec.opens_on is not None:
        data["registration_opens"] = spec.opens_on
    if spec.due_on is not None:
        data["registration_due"] = spec.due_on
    data["sections"] = [
        {"position": s.position, "title": s.title, "guidance": s.guidance, "example": s.example}
        for s in spec.sections
    ]
    head = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comments)
    return head + tomli_w.dumps(data, multiline_strings=True)


@cache
def template() -> tuple[int, YearSpec]:
    """The built-in template's version and setup."""
    return parse_template(TEMPLATE_FILE.read_text(encoding="utf-8"))


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            "error-year-out-of-range", year=str(year), first=str(FIRST_YEAR), last=str(LAST_YEAR)
        )


def _toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _AT.search(str(error))
        if found is None:
            raise DomainError("error-year-file-syntax") from None
        raise DomainError(
            "error-year-file-syntax-at", line=found.group(1), column=found.group(2)
        ) from None


def _known(raw: Mapping[str, Any], fields: Sequence[str], prefix: str) -> None:
    for key in raw:
        if key not in fields:
            raise DomainError(
                "error-year-file-unknown-field", field=prefix + key, known=", ".join(fields)
            )


def _integer(raw: Mapping[str, Any], key: str, field: str) -> int:
    if key not in raw:
        raise DomainError("error-year-file-missing", field=field)
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("error-year-file-not-integer", field=field)
    return value


def _string(raw: Mapping[str, Any], key: str, field: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise DomainError("error-year-file-not-text", field=field)
    return normalize(value)


def _text(value: str, limit: TextLimit, field: str) -> str:
    try:
        return clean(value, limit)
    except DomainError as error:
        raise DomainError(
            "error-year-file-field", field=field, reason=t(error.msg_id, **error.args_)
        ) from None


def _optional_text(raw: Mapping[str, Any], key: str, field: str, limit: TextLimit) -> str:
    value = _string(raw, key, field)
    return _text(value, limit, field) if value else ""


def _date(raw: Mapping[str, Any], key: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    raise DomainError("error-year-file-date", field=key, value=str(value))


def _spec(raw: Mapping[str, Any], *, with_dates: bool) -> YearSpec:
    theme = _optional_text(raw, "theme", "theme", THEME)
    wording_value = _string(raw, "plan_title", "plan_title") or PlanWording.FOLLOW.value
    if wording_value not in WORDINGS:
        raise DomainError(
            "error-year-file-wording",
            field="plan_title",
            value=wording_value,
            allowed=", ".join(f"«{key}»" for key in WORDINGS),
        )
    opens_on = _date(raw, "registration_opens") if with_dates else None
    due_on = _date(raw, "registration_due") if with_dates else None
    if opens_on is not None and due_on is not None and opens_on > due_on:
        raise DomainError(
            "error-year-file-window",
            opens=opens_on.strftime("%d/%m/%Y"),
            due=due_on.strftime("%d/%m/%Y"),
        )
    return YearSpec(
        theme=theme,
        wording=WORDINGS[wording_value],
        opens_on=opens_on,
        due_on=due_on,
        sections=_sections(raw),
    )


def _sections(raw: Mapping[str, Any]) -> tuple[SectionSpec, ...]:
    if "sections" not in raw:
        raise DomainError("error-year-file-missing", field="sections")
    tables = raw["sections"]
    if not isinstance(tables, list) or not all(isinstance(s, dict) for s in tables):
        raise DomainError("error-year-file-not-sections", field="sections")
    if not 1 <= len(tables) <= MAX_SECTIONS:
        raise DomainError("error-year-file-section-count", count=len(tables), max=MAX_SECTIONS)
    found: dict[int, SectionSpec] = {}
    for number, table in enumerate(tables, 1):
        prefix = f"sections[{number}]."
        _known(table, SECTION_FIELDS, prefix)
        position = _integer(table, "position", prefix + "position")
        if position < 1:
            raise DomainError("error-year-file-position", field=prefix + "position")
        if position in found:
            raise DomainError(
                "error-year-file-duplicate-position",
                field=prefix + "position",
                position=str(position),
            )
        if "title" not in table:
            raise DomainError("error-year-file-missing", field=prefix + "title")
        found[position] = SectionSpec(
            position=position,
            title=_text(_string(table, "title", prefix + "title"), SECTION_TITLE, prefix + "title"),
            guidance=_optional_text(table, "guidance", prefix + "guidance", SECTION_TEXT),
            example=_optional_text(table, "example", prefix + "example", SECTION_TEXT),
        )
    return tuple(found[position] for position in sorted(found))


# --------------------------------------------------------------------------- reading


def _scope(committee_id: int | None) -> Any:
    if committee_id is None:
        return YearConfig.committee_id.is_(None)
    return YearConfig.committee_id == committee_id


async def _own_row(session: AsyncSession, year: int, committee_id: int | None) -> YearConfig | None:
    return await session.scalar(
        select(YearConfig).where(YearConfig.year == year, _scope(committee_id))
    )


async def _holding_row(
    session: AsyncSession, year: int, committee_id: int | None
) -> YearConfig | None:
    """The committee's configuration of the year, else the national default: one query."""
    return await session.scalar(
        select(YearConfig)
        .where(
            YearConfig.year == year,
            or_(YearConfig.committee_id.is_(None), _scope(committee_id)),
        )
        # A committee's own first (false sorts before true on both backends).
        .order_by(YearConfig.committee_id.is_(None))
        .limit(1)
    )


async def resolve(
    session: AsyncSession, year: int, committee_id: int | None, *, usage: bool = False
) -> YearSetup:
    """What holds in ``year`` for the cells of ``committee_id`` (None: cells without one).

    ``usage`` counts, per section, the plans with items in it (for the people who edit).
    """
    row = await _holding_row(session, year, committee_id)
    if row is None:
        return template_setup(year, committee_id)
    source = Source.OWN if row.committee_id == committee_id else Source.NATIONAL
    return await _setup(session, row, committee_id, source, usage=usage)


async def setup_for_cell(session: AsyncSession, year: int, cell_id: int) -> YearSetup:
    return await resolve(session, year, await committee_of_cell(session, cell_id))


async def setup_of_member(
    session: AsyncSession, member_id: int, year: int, committee_id: int | None
) -> YearSetup:
    """The setup of the member's plan of ``year``; without a plan, what holds for
    ``committee_id`` (the committee of the member's cell)."""
    config_id = await session.scalar(
        select(YearPlan.year_config_id).where(
            YearPlan.member_id == member_id, YearPlan.year == year
        )
    )
    if config_id is None:
        return await resolve(session, year, committee_id)
    return await stored_setup(session, config_id)


async def stored_setup(session: AsyncSession, config_id: int) -> YearSetup:
    """A stored configuration as it is (the one a plan was made with)."""
    row = await session.get(YearConfig, config_id)
    if row is None:
        raise NotFound("error-year-config-not-found", config_id=config_id)
    return await _setup(session, row, row.committee_id, Source.OWN)


def template_setup(year: int, committee_id: int | None) -> YearSetup:
    _, spec = template()
    return YearSetup(
        year=year,
        committee_id=committee_id,
        source=Source.TEMPLATE,
        config_id=None,
        theme=spec.theme,
        wording=spec.wording,
        opens_on=None,
        due_on=None,
        sections=tuple(
            SetupSection(s.position, s.title, s.guidance, s.example) for s in spec.sections
        ),
    )


async def _setup(
    session: AsyncSession,
    row: YearConfig,
    committee_id: int | None,
    source: Source,
    *,
    usage: bool = False,
) -> YearSetup:
    sections = list(
        await session.scalars(
            select(PlanSection)
            .where(PlanSection.year_config_id == row.id)
            .order_by(PlanSection.position)
        )
    )
    used = await _plans_per_section(session, [s.id for s in sections]) if usage else {}
    return YearSetup(
        year=row.year,
        committee_id=committee_id,
        source=source,
        config_id=row.id,
        theme=row.theme,
        wording=row.plan_wording,
        opens_on=row.registration_opens_on,
        due_on=row.registration_due_on,
        sections=tuple(
            SetupSection(s.position, s.title, s.guidance, s.example, s.id, used.get(s.id, 0))
            for s in sections
        ),
    )


async def _plans_per_section(session: AsyncSession, section_ids: list[int]) -> dict[int, int]:
    if not section_ids:
        return {}
    rows = await session.execute(
        select(PlanItem.section_id, func.count(distinct(PlanItem.plan_id)))
        .where(PlanItem.section_id.in_(section_ids))
        .group_by(PlanItem.section_id)
    )
    return {section_id: count for section_id, count in rows}


# --------------------------------------------------------------------------- who may


async def _authorize(
    session: AsyncSession, acting: Acting, action: Action, committee_id: int | None
) -> None:
    if committee_id is not None and await session.get(Committee, committee_id) is None:
        raise NotFound("error-committee-not-found", committee_id=committee_id)
    if not isinstance(acting, Operator):
        await require_year_setup(session, acting, action, committee_id)


async def setup_scope(session: AsyncSession, actor: Actor) -> int | None:
    """The scope a person's window shows: their committee's, or their cell's committee's
    (None: the national default, for a cell without a committee)."""
    if actor.role is Role.COMMITTEE:
        return actor.committee_id
    if actor.cell_id is None:
        return None
    return await committee_of_cell(session, actor.cell_id)


async def may_edit(session: AsyncSession, acting: Acting, committee_id: int | None) -> bool:
    try:
        await _authorize(session, acting, Action.EDIT_YEAR_SETUP, committee_id)
    except DomainError:
        return False
    return True


async def view_setup(
    session: AsyncSession, acting: Acting, year: int, committee_id: int | None
) -> YearSetup:
    """The setup of a scope as the people who manage it see it: with each section's use."""
    await _authorize(session, acting, Action.VIEW_YEAR_SETUP, committee_id)
    check_year(year)
    return await resolve(session, year, committee_id, usage=True)


# --------------------------------------------------------------------------- writing


async def save_setup(
    session: AsyncSession,
    acting: Acting,
    year: int,
    committee_id: int | None,
    spec: YearSpec,
    now: datetime,
) -> YearSetup:
    """Store ``spec`` as the scope's configuration of ``year`` (created the first time)."""
    await _authorize(session, acting, Action.EDIT_YEAR_SETUP, committee_id)
    check_year(year)
    if not spec.sections:
        raise DomainError("error-year-file-section-count", count=0, max=MAX_SECTIONS)
    row = await _own_row(session, year, committee_id)
    created = row is None
    row = await _store(session, row, year, committee_id, spec, now)
    if created and committee_id is not None:
        await _adopt_plans(session, row)
    record(
        session,
        actor_id(acting),
        "year.save",
        "year_config",
        row.id,
        year=year,
        committee_id=committee_id,
        created=created,
        sections=len(spec.sections),
    )
    return await resolve(session, year, committee_id, usage=True)


async def config_for_new_plan(
    session: AsyncSession, year: int, cell_id: int, now: datetime, member_id: int | None
) -> int:
    """The configuration a plan made now for the cell is in; the template is stored as the
    year's national default when nothing else holds."""
    committee_id = await committee_of_cell(session, cell_id)
    row = await _holding_row(session, year, committee_id)
    if row is not None:
        return row.id
    version, spec = template()
    try:
        async with session.begin_nested():
            row = await _store(session, None, year, None, spec, now)
    except IntegrityError:
        # Another first plan of the year stored it a moment ago.
        row = await _own_row(session, year, None)
        assert row is not None
        return row.id
    record(session, member_id, "year.template", "year_config", row.id, year=year, version=version)
    return row.id


async def _store(
    session: AsyncSession,
    row: YearConfig | None,
    year: int,
    committee_id: int | None,
    spec: YearSpec,
    now: datetime,
) -> YearConfig:
    if row is None:
        row = YearConfig(year=year, committee_id=committee_id)
        session.add(row)
    row.theme, row.plan_wording = spec.theme, spec.wording
    row.registration_opens_on, row.registration_due_on = spec.opens_on, spec.due_on
    row.updated_at = now
    await session.flush()
    existing = {
        s.position: s
        for s in await session.scalars(
            select(PlanSection).where(PlanSection.year_config_id == row.id)
        )
    }
    wanted = {s.position: s for s in spec.sections}
    gone = [s for position, s in sorted(existing.items()) if position not in wanted]
    if gone:
        await _refuse_used(session, gone)
        for section in gone:
            await session.delete(section)
        await session.flush()
    for position, want in wanted.items():
        have = existing.get(position)
        if have is None:
            session.add(
                PlanSection(
                    year_config_id=row.id,
                    position=position,
                    title=want.title,
                    guidance=want.guidance,
                    example=want.example,
                )
            )
        else:
            have.title, have.guidance, have.example = want.title, want.guidance, want.example
    await session.flush()
    return row


async def _refuse_used(session: AsyncSession, sections: list[PlanSection]) -> None:
    used = await _plans_per_section(session, [s.id for s in sections])
    for section in sections:
        if used.get(section.id):
            raise DomainError(
                "error-year-section-in-use",
                position=str(section.position),
                title=section.title,
                plans=used[section.id],
            )


async def _adopt_plans(session: AsyncSession, row: YearConfig) -> None:
    """Plans the committee's cells made on the national default move to ``row``."""
    national = await _own_row(session, row.year, None)
    if national is None:
        return
    moving = select(YearPlan.id).where(
        YearPlan.year_config_id == national.id,
        YearPlan.cell_id.in_(select(Cell.id).where(Cell.committee_id == row.committee_id)),
    )
    used = (
        await session.execute(
            select(
                PlanSection.id,
                PlanSection.position,
                PlanSection.title,
                func.count(distinct(PlanItem.plan_id)),
            )
            .join(PlanItem, PlanItem.section_id == PlanSection.id)
            .where(PlanItem.plan_id.in_(moving))
            .group_by(PlanSection.id, PlanSection.position, PlanSection.title)
        )
    ).all()
    mine = {
        position: section_id
        for position, section_id in (
            await session.execute(
                select(PlanSection.position, PlanSection.id).where(
                    PlanSection.year_config_id == row.id
                )
            )
        )
    }
    for _, position, title, plans in used:
        if position not in mine:
            raise DomainError(
                "error-year-section-in-use", position=str(position), title=title, plans=plans
            )
    for section_id, position, _, _ in used:
        await session.execute(
            update(PlanItem)
            .where(PlanItem.section_id == section_id, PlanItem.plan_id.in_(moving))
            .values(section_id=mine[position])
        )
    await session.execute(
        update(YearPlan).where(YearPlan.id.in_(moving)).values(year_config_id=row.id)
    )


# --------------------------------------------------------------------------- the window's changes


async def set_theme(
    session: AsyncSession,
    acting: Acting,
    year: int,
    committee_id: int | None,
    theme: str | None,
    now: datetime,
) -> YearSetup:
    """Set the chuyên đề năm; ``None`` or blank clears it."""
    value = clean(theme, THEME) if theme and theme.strip() else ""
    current = await resolve(session, year, committee_id)
    return await save_setup(
        session, acting, year, committee_id, replace(current.spec, theme=value), now
    )


async def set_wording(
    session: AsyncSession,
    acting: Acting,
    year: int,
    committee_id: int | None,
    wording: PlanWording,
    now: datetime,
) -> YearSetup:
    current = await resolve(session, year, committee_id)
    return await save_setup(
        session, acting, year, committee_id, replace(current.spec, wording=wording), now
    )


async def rename_section(
    session: AsyncSession,
    acting: Acting,
    year: int,
    committee_id: int | None,
    position: int,
    title: str,
    now: datetime,
) -> YearSetup:
    value = clean(title, SECTION_TITLE)
    current = await resolve(session, year, committee_id)
    current.section_at(position)
    spec = current.spec
    sections = tuple(
        replace(s, title=value) if s.position == position else s for s in spec.sections
    )
    return await save_setup(
        session, acting, year, committee_id, replace(spec, sections=sections), now
    )


async def move_section(
    session: AsyncSession,
    acting: Acting,
    year: int,
    committee_id: int | None,
    position: int,
    offset: int,
    now: datetime,
) -> YearSetup:
    """Move a section one place up (``-1``) or down (``+1``); its items go with it."""
    current = await resolve(session, year, committee_id)
    current.section_at(position)
    if current.source is not Source.OWN:
        current = await save_setup(session, acting, year, committee_id, current.spec, now)
    else:
        await _authorize(session, acting, Action.EDIT_YEAR_SETUP, committee_id)
    assert current.config_id is not None
    rows = list(
        await session.scalars(
            select(PlanSection)
            .where(PlanSection.year_config_id == current.config_id)
            .order_by(PlanSection.position)
        )
    )
    index = next(n for n, row in enumerate(rows) if row.position == position)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(rows):
        return await resolve(session, year, committee_id, usage=True)
    one, other = rows[index], rows[target]
    one_at, other_at = one.position, other.position
    # Positions are unique in a configuration: one goes out of the way first.
    one.position = -one.id
    await session.flush()
    other.position = one_at
    await session.flush()
    one.position = other_at
    config = await session.get(YearConfig, current.config_id)
    assert config is not None
    config.updated_at = now
    await session.flush()
    record(
        session,
        actor_id(acting),
        "year.move_section",
        "year_config",
        current.config_id,
        year=year,
        position=position,
        to=other_at,
    )
    return await resolve(session, year, committee_id, usage=True)


async def copy_previous_year(
    session: AsyncSession,
    acting: Acting,
    year: int,
    committee_id: int | None,
    now: datetime,
) -> YearSetup:
    """Start from what held last year: its sections and wording, its registration window a
    year on. This year's theme stays (each year has its own chuyên đề)."""
    previous = await resolve(session, year - 1, committee_id)
    current = await resolve(session, year, committee_id)
    spec = replace(
        previous.spec,
        theme=current.theme,
        opens_on=_a_year_on(previous.opens_on),
        due_on=_a_year_on(previous.due_on),
    )
    return await save_setup(session, acting, year, committee_id, spec, now)


def _a_year_on(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
