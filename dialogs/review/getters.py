"""The review dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    attempt,
    messages_data,
    now_of,
    page_data,
    short,
    show_error,
    transaction,
    tz_of,
)
from domain.errors import DomainError
from domain.plans import (
    REGISTERED,
    CellPlan,
    Plan,
    plan_year,
    plans_of_cell,
    read_plan,
)
from domain.vocabulary import PlanStatus
from locales import html, t

PLAN, OWNER = "plan", "owner"


LINE_IDS = {
    PlanStatus.SUBMITTED: "sec-plan-line-submitted",
    PlanStatus.ACKNOWLEDGED: "sec-plan-line-acknowledged",
    PlanStatus.RETURNED: "sec-plan-line-returned",
}


STATUS_IDS = {
    PlanStatus.DRAFT: "sec-plan-status-draft",
    PlanStatus.SUBMITTED: "sec-plan-status-submitted",
    PlanStatus.ACKNOWLEDGED: "sec-plan-status-acknowledged",
    PlanStatus.RETURNED: "sec-plan-status-returned",
}


def _year(manager: DialogManager) -> int:
    return plan_year(now_of(manager), tz_of(manager))


async def cell_plans(manager: DialogManager) -> list[CellPlan]:
    actor = await actor_of(manager)
    async with transaction(manager) as session:
        return await plans_of_cell(session, actor, actor.cell_id or 0, _year(manager))


def list_blocks(plans: list[CellPlan], year: int) -> list[str]:
    """The cell's plans as blocks: the counts, then everyone who has not registered."""
    statuses = [p.status for p in plans]
    missing = [p for p in plans if p.status not in REGISTERED]
    blocks: list[str] = [
        html(
            "sec-plans-head",
            year=str(year),
            registered=len(plans) - len(missing),
            members=len(plans),
            submitted=statuses.count(PlanStatus.SUBMITTED),
            acknowledged=statuses.count(PlanStatus.ACKNOWLEDGED),
            returned=statuses.count(PlanStatus.RETURNED),
        )
    ]
    if missing:
        blocks.append(html("sec-plans-missing-head", count=len(missing)))
        blocks += [
            html("sec-plans-draft", name=p.full_name)
            if p.status is PlanStatus.DRAFT
            else html("sec-plans-none", name=p.full_name)
            for p in missing
        ]
    return blocks


async def plans_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    try:
        plans = await cell_plans(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        plans = []
    registered = [p for p in plans if p.status in REGISTERED]
    # Plans waiting for review first: that is what the secretary came for.
    registered.sort(key=lambda p: p.status is not PlanStatus.SUBMITTED)
    return {
        **messages_data(dialog_manager),
        **page_data(dialog_manager, list_blocks(plans, _year(dialog_manager))),
        "plans": [
            {
                "id": p.plan_id,
                "label": t(LINE_IDS[p.status], name=short(p.full_name)),  # type: ignore[index]
            }
            for p in registered
        ],
    }


def plan_blocks(plan: Plan, owner: str) -> list[str]:
    blocks: list[str] = [
        html(
            "sec-plan-head",
            name=owner,
            year=str(plan.year),
            status=t(STATUS_IDS[plan.status]),
            items=len(plan.items),
        )
    ]
    if plan.review_comment and plan.status is PlanStatus.RETURNED:
        blocks.append(html("sec-plan-comment", comment=plan.review_comment))
    for section in plan.sections:
        items = plan.items_of(section.id)
        if items:
            blocks.append(
                "\n".join(
                    [html("sec-plan-section", section=section.title)]
                    + [html("sec-plan-item", item=item.text) for item in items]
                )
            )
    return blocks


async def plan_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    plan_id = int(dialog_manager.dialog_data.get(PLAN, 0))
    plan = await attempt(dialog_manager, lambda s, a: read_plan(s, a, plan_id))
    # The name was taken from this cell's list; a made-up id leaves it empty.
    owner = str(dialog_manager.dialog_data.get(OWNER, ""))
    data: dict[str, Any] = {
        **messages_data(dialog_manager),
        "found": plan is not None,
        "name": owner,
    }
    if plan is not None:
        data.update(
            page_data(dialog_manager, plan_blocks(plan, owner)),
            can_acknowledge=plan.status is PlanStatus.SUBMITTED,
            can_return=plan.status in (PlanStatus.SUBMITTED, PlanStatus.ACKNOWLEDGED),
        )
    return data
