"""This year's plans for the cell's leaders: who registered, each plan, acknowledge or return."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.member.common import (
    actor_of,
    clear_messages,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    page_data,
    pager,
    reset_page,
    short,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import PlanReviewSG
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain.errors import DomainError
from domain.plans import (
    CellPlan,
    Plan,
    acknowledge_plan,
    plan_year,
    plans_of_cell,
    read_plan,
    return_plan,
)
from domain.vocabulary import PlanStatus
from locales import html, t

PLAN, OWNER = "plan", "owner"
PAGE_HEIGHT = 10
REGISTERED = frozenset({PlanStatus.SUBMITTED, PlanStatus.ACKNOWLEDGED, PlanStatus.RETURNED})
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
    return plan_year(now_of(manager))


async def _cell_plans(manager: DialogManager) -> list[CellPlan]:
    actor = actor_of(manager)
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
        plans = await _cell_plans(dialog_manager)
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
    actor = actor_of(dialog_manager)
    plan: Plan | None = None
    try:
        async with transaction(dialog_manager) as session:
            plan = await read_plan(session, actor, int(dialog_manager.dialog_data.get(PLAN, 0)))
    except DomainError as error:
        show_error(dialog_manager, error)
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


async def on_plan(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    plan_id = button_id(item)
    if plan_id is None:
        return
    plans = await _cell_plans(manager)
    chosen = next((p for p in plans if p.plan_id == plan_id), None)
    manager.dialog_data[PLAN] = plan_id
    manager.dialog_data[OWNER] = chosen.full_name if chosen else ""
    await manager.switch_to(PlanReviewSG.plan)


async def on_acknowledge(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            await acknowledge_plan(
                session, actor, int(manager.dialog_data.get(PLAN, 0)), now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(
        manager, html("sec-plan-acknowledged", name=str(manager.dialog_data.get(OWNER, "")))
    )


async def on_comment(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            await return_plan(
                session, actor, int(manager.dialog_data.get(PLAN, 0)), text, now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)  # the window stays; the secretary types the comment again
        return
    reset_page(manager)
    show_notice(manager, html("sec-plan-returned", name=str(manager.dialog_data.get(OWNER, ""))))
    await manager.switch_to(PlanReviewSG.plan)


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)


def _plans_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-plans"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="p",
                item_id_getter=lambda p: p["id"],
                items="plans",
                on_click=on_plan,
            ),
            id="plans_page",
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        Row(Cancel(I18NPlain("button-back")), menu_button()),
        state=PlanReviewSG.plans,
        getter=plans_getter,
    )


def _plan_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-plan", when="found"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Row(
            Button(
                I18NPlain("sec-plan-acknowledge"),
                id="ack",
                on_click=on_acknowledge,
                when="can_acknowledge",
            ),
            SwitchTo(
                I18NPlain("sec-plan-return"),
                id="ret",
                state=PlanReviewSG.comment,
                on_click=on_back,
                when="can_return",
            ),
        ),
        SwitchTo(I18NPlain("button-back"), id="back", state=PlanReviewSG.plans, on_click=on_back),
        state=PlanReviewSG.plan,
        getter=plan_getter,
    )


def _comment_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-plan-comment-ask"),
        *text_input("comment", on_comment),
        SwitchTo(
            I18NPlain("sec-cancel"), id="back_plan", state=PlanReviewSG.plan, on_click=on_back
        ),
        state=PlanReviewSG.comment,
        getter=plan_getter,
    )


def plans_dialog() -> Dialog:
    return Dialog(
        _plans_window(),
        _plan_window(),
        _comment_window(),
    )
