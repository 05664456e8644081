"""The plan dialog: what its windows show."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    messages_data,
    page_data,
    short,
    show_error,
    transaction,
)
from domain import plans, years
from domain.errors import DomainError
from domain.vocabulary import PlanStatus, PlanWording
from locales import html, t

STATUS_TEXT = {
    None: "plan-status-none",
    PlanStatus.DRAFT: "plan-status-draft",
    PlanStatus.SUBMITTED: "plan-status-submitted",
    PlanStatus.ACKNOWLEDGED: "plan-status-acknowledged",
    PlanStatus.RETURNED: "plan-status-returned",
}


YEAR = "year"


SECTION = "section"  # the position of the section shown


ITEM = "item_id"


# The plan as last shown, kept in the dialog data so that moving an item neither reads it
# before the move nor after; any other step reads the plan afresh.
VIEW = "plan_view"


def keep_plan(manager: DialogManager, plan: plans.Plan) -> None:
    """``plan`` for the rest of the update's windows and for the next move."""
    manager.middleware_data[VIEW] = plan
    data = asdict(plan)
    data["submitted_at"] = plan.submitted_at and plan.submitted_at.isoformat()
    manager.dialog_data[VIEW] = data


def kept_plan(manager: DialogManager) -> plans.Plan | None:
    """The plan last shown in this dialog, as ``keep_plan`` kept it."""
    data = manager.dialog_data.get(VIEW)
    if data is None:
        return None
    moment = data["submitted_at"] and datetime.fromisoformat(data["submitted_at"])
    return plans.Plan(
        **{
            **data,
            "status": PlanStatus(data["status"]),
            "submitted_at": moment,
            "wording": PlanWording(data["wording"]),
            "sections": tuple(plans.Section(**section) for section in data["sections"]),
            "items": tuple(plans.Item(**item) for item in data["items"]),
        }
    )


def status_text(status: PlanStatus | None) -> str:
    return t(STATUS_TEXT[status])


async def _load(
    manager: DialogManager,
) -> tuple[plans.Plan | None, list[plans.Section], years.YearSetup | None, bool]:
    """The member's plan (or None), the sections to show, the year's setup while there is
    no plan yet (nothing is written before the first item), and whether last year can be
    copied. Sections are told apart by position: their rows may not exist yet."""
    actor = await actor_of(manager)
    year = int(manager.dialog_data[YEAR])
    kept: plans.Plan | None = manager.middleware_data.get(VIEW)
    if kept is not None and (kept.member_id, kept.year) == (actor.member_id, year):
        return kept, list(kept.sections), None, False  # moved in this update: not empty
    async with transaction(manager) as session:
        plan = await plans.find_plan(session, actor, year)
        outline = None
        if plan is not None:
            sections = list(plan.sections)
        else:
            outline = await plans.year_outline(session, actor, year)
            # No plan, so no item to match: 0 stands for "no id" (the rows may not exist).
            sections = [
                plans.Section(0, s.position, s.title, s.guidance, s.example)
                for s in outline.sections
            ]
        # Only an empty plan may copy last year's: otherwise there is nothing to ask.
        empty = plan is None or not plan.items
        can_copy = empty and await plans.previous_plan(session, actor, year) is not None
    if plan is not None:
        keep_plan(manager, plan)
    return plan, sections, outline, can_copy


def _item_blocks(items: list[plans.Item], start: int = 1) -> list[str]:
    return [
        str(html("plan-item-line", number=number, text=item.text))
        for number, item in enumerate(items, start)
    ]


async def common(manager: DialogManager) -> dict[str, Any]:
    year = int(manager.dialog_data[YEAR])
    # Years are words here, not quantities: no thousands separator.
    data: dict[str, Any] = {"year": str(year), "prev_year": str(year - 1)}
    try:
        plan, sections, outline, can_copy = await _load(manager)
    except DomainError as error:
        show_error(manager, error)
        data.update(
            messages_data(manager), ready=False, sections=[], status="", count=0, editable=False
        )
        return data
    status = plan.status if plan else None
    items = list(plan.items) if plan else []
    theme = plan.theme if plan else outline.theme if outline else ""
    plan_title = plan.plan_title if plan else outline.plan_title if outline else ""
    data.update(
        messages_data(manager),
        ready=True,
        plan=plan,
        theme=theme,
        has_theme=bool(theme),
        plan_title=plan_title,
        status=status_text(status),
        count=len(items),
        section_count=len(sections),
        editable=status in plans.EDITABLE or status is None,
        locked=status is PlanStatus.ACKNOWLEDGED,
        returned=status is PlanStatus.RETURNED and bool(plan and plan.review_comment),
        comment=(plan.review_comment or "") if plan else "",
        can_copy=can_copy and not items and status is not PlanStatus.ACKNOWLEDGED,
        can_submit=bool(items) and status in (PlanStatus.DRAFT, PlanStatus.RETURNED),
        sections=[
            {
                "id": s.position,
                "label": t(
                    "plan-section-button",
                    position=s.position,
                    title=short(s.title, 36),
                    count=len(plan.items_of(s.id)) if plan else 0,
                ),
            }
            for s in sections
        ],
        section_list=sections,
    )
    return data


async def overview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return await common(dialog_manager)


def current_section(data: dict[str, Any], manager: DialogManager) -> tuple[int, plans.Section]:
    sections: list[plans.Section] = data["section_list"]
    wanted = manager.dialog_data.get(SECTION)
    for index, section in enumerate(sections):
        if section.position == wanted:
            return index, section
    return 0, sections[0]


async def section_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await common(dialog_manager)
    if not data["ready"]:
        return data
    index, section = current_section(data, dialog_manager)
    plan: plans.Plan | None = data["plan"]
    items = plan.items_of(section.id) if plan else []
    blocks = _item_blocks(items) or [str(html("plan-section-empty"))]
    paged = page_data(dialog_manager, blocks, "items")
    first = paged["page_start"]
    shown = items[first : first + len(paged["page_blocks"])] if items else []
    data.update(
        paged,
        position=index + 1,
        title=section.title,
        guidance=section.guidance,
        example=section.example,
        has_guidance=bool(section.guidance),
        has_example=bool(section.example),
        has_prev_section=index > 0,
        has_next_section=index + 1 < len(data["section_list"]),
        item_buttons=[
            {
                "id": item.id,
                "label": t("plan-item-button", number=first + n, text=short(item.text, 40)),
            }
            for n, item in enumerate(shown, 1)
        ]
        if data["editable"]
        else [],
    )
    return data


async def item_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await common(dialog_manager)
    if not data["ready"]:
        return data
    index, section = current_section(data, dialog_manager)
    plan: plans.Plan | None = data["plan"]
    items = plan.items_of(section.id) if plan else []
    wanted = dialog_manager.dialog_data.get(ITEM)
    number, item = next(
        ((n, item) for n, item in enumerate(items, 1) if item.id == wanted), (0, None)
    )
    data.update(
        position=index + 1,
        title=section.title,
        number=number,
        text=item.text if item else "",
        found=item is not None,
        can_up=number > 1,
        can_down=0 < number < len(items),
    )
    return data


async def preview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await common(dialog_manager)
    if not data["ready"]:
        return data
    plan: plans.Plan | None = data["plan"]
    blocks: list[str] = []
    number = 1
    if data["plan_title"]:
        blocks.append(str(html("plan-preview-title", title=data["plan_title"], year=data["year"])))
    if data["theme"]:
        blocks.append(str(html("plan-theme", theme=data["theme"], year=data["year"])))
    for section in data["section_list"]:
        items = plan.items_of(section.id) if plan else []
        blocks.append(
            str(html("plan-preview-section", position=section.position, title=section.title))
        )
        blocks.extend(_item_blocks(items, number) or [str(html("plan-section-empty"))])
        number += len(items)
    data.update(page_data(dialog_manager, blocks, "body"))
    return data
