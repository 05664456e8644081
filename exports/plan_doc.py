"""A member's personal plan as a document to print and sign, and the cell's list of who
registered the year's plan."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain import years
from domain.audit import actor_id, record
from domain.cells import get_cell
from domain.files import ExportFile, ExportFormat
from domain.members import local_date
from domain.permissions import Actor
from domain.plans import REGISTERED, CellPlan, Plan, plans_of_cell, read_plan
from domain.units import Letterhead, cell_letterhead
from domain.vocabulary import PlanStatus, PlanWording
from domain.years import plan_title
from exports import form
from exports.docx import cell_document
from exports.files import _file, secretary_name, slug
from exports.numbers import percent
from locales import t
from storage.db import zone
from storage.models import Member, YearPlan

PLAN_STATUS_IDS = {
    None: "export-plan-status-none",
    PlanStatus.DRAFT: "export-plan-status-draft",
    PlanStatus.SUBMITTED: "export-plan-status-submitted",
    PlanStatus.ACKNOWLEDGED: "export-plan-status-acknowledged",
    PlanStatus.RETURNED: "export-plan-status-returned",
}


def personal_plan_docx(
    plan: Plan,
    *,
    owner_name: str,
    cell_name: str,
    letterhead: Letterhead | None = None,
    issued_on: date,
    secretary: str = "",
) -> bytes:
    """The plan section by section, signed by the member and confirmed by the secretary."""
    document, _ = cell_document(letterhead, cell_name, "export-plan-number-line", issued_on)
    form.title_block(
        document,
        t("export-plan-title"),
        _capitalised(t("export-plan-subtitle", plan=plan_title(plan.wording), year=str(plan.year))),
        theme=form.theme_line(plan.year, plan.theme),
    )
    form.body(document, t("export-plan-owner", name=owner_name))
    form.body(document, t("export-plan-cell", cell=cell_name))
    for number, section in enumerate(plan.sections, start=1):
        form.heading(document, t("export-plan-section", number=number, section=section.title))
        form.lines_or_none(
            document, [t("export-plan-item", text=i.text) for i in plan.items_of(section.id)]
        )
    form.two_signatures(
        document,
        [t("export-plan-confirm"), t("export-secretary")],
        secretary,
        [t("export-plan-author")],
        owner_name,
    )
    return form.to_bytes(document)


def registration_list_docx(
    plans: Sequence[CellPlan],
    *,
    cell_name: str,
    year: int,
    tz: tzinfo,
    letterhead: Letterhead | None = None,
    issued_on: date,
    secretary: str = "",
    theme: str = "",
    wording: PlanWording = PlanWording.FOLLOW,
) -> bytes:
    """Every member of the cell, whether they registered and when, with room to sign."""
    document, _ = cell_document(letterhead, cell_name, "export-list-number-line", issued_on)
    form.title_block(
        document,
        t("export-list-title"),
        t("export-list-subtitle", plan=plan_title(wording), year=str(year)),
        theme=form.theme_line(year, theme),
    )
    registered = sum(1 for p in plans if p.status in REGISTERED)
    form.body(
        document,
        t(
            "export-list-figures",
            members=len(plans),
            registered=registered,
            rate=percent(registered, len(plans)),
            missing=len(plans) - registered,
        ),
    )
    form.grid(
        document,
        [
            t("export-col-number"),
            t("export-col-name"),
            t("export-col-plan-status"),
            t("export-col-plan-items"),
            t("export-col-plan-date"),
            t("export-col-signature"),
        ],
        [
            [
                str(number),
                p.full_name,
                t(PLAN_STATUS_IDS[p.status]),
                str(p.items),
                _day(p.submitted_at, tz) if p.status in REGISTERED else "",
                "",
            ]
            for number, p in enumerate(plans, start=1)
        ],
        [1.2, 5.9, 3.0, 1.4, 2.6, 2.4],
    )
    form.signature_block(
        document,
        recipients=[t("export-recipient-archive")],
        on_behalf=t("export-on-behalf-cell"),
        title=t("export-secretary"),
        signer=secretary,
    )
    return form.to_bytes(document)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(moment: datetime | None, tz: tzinfo) -> str:
    return local_date(moment, tz).strftime("%d/%m/%Y") if moment else ""


async def export_personal_plan(
    session: AsyncSession, actor: Actor | None, plan_id: int, *, now: datetime
) -> ExportFile:
    """A plan for its owner or the leaders of its cell, as they may read it."""
    plan = await read_plan(session, actor, plan_id)
    row = await session.get(YearPlan, plan_id)
    owner = await session.get(Member, plan.member_id)
    assert row is not None and owner is not None
    cell = await get_cell(session, row.cell_id)
    content = personal_plan_docx(
        plan,
        owner_name=owner.full_name,
        cell_name=cell.name,
        letterhead=await cell_letterhead(session, cell.id),
        issued_on=local_date(now, zone(session)),
        secretary=await secretary_name(session, cell.id),
    )
    record(session, actor_id(actor), "export.plan", "plan", plan_id, year=plan.year)
    stem = t("export-file-plan", member=slug(owner.full_name), period=str(plan.year))
    return _file(stem, ExportFormat.DOCX, content)


async def export_registration_list(
    session: AsyncSession, actor: Actor | None, cell_id: int, year: int, *, now: datetime
) -> ExportFile:
    """The cell's list of who registered the year's plan, for its leaders (checked there)."""
    plans = await plans_of_cell(session, actor, cell_id, year)
    cell = await get_cell(session, cell_id)
    setup = await years.resolve(session, year, cell.committee_id)
    content = registration_list_docx(
        plans,
        cell_name=cell.name,
        year=year,
        tz=zone(session),
        letterhead=await cell_letterhead(session, cell_id),
        issued_on=local_date(now, zone(session)),
        secretary=await secretary_name(session, cell_id),
        theme=setup.theme,
        wording=setup.wording,
    )
    record(session, actor_id(actor), "export.plans", "cell", cell_id, year=year)
    stem = t("export-file-plans", cell=slug(cell.name), period=str(year))
    return _file(stem, ExportFormat.DOCX, content)
