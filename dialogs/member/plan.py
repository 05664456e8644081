"""The yearly plan: overview, section by section, item by item, preview, register."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.member.common import (
    PAGE,
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
from dialogs.states import PlanSG
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain import plans, years
from domain.errors import DomainError, NotFound
from domain.vocabulary import PlanStatus
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


def status_text(status: PlanStatus | None) -> str:
    return t(STATUS_TEXT[status])


# Loading --------------------------------------------------------------------------


async def _load(
    manager: DialogManager,
) -> tuple[plans.Plan | None, list[plans.Section], years.YearSetup | None, bool]:
    """The member's plan (or None), the sections to show, the year's setup while there is
    no plan yet (nothing is written before the first item), and whether last year can be
    copied. Sections are told apart by position: their rows may not exist yet."""
    actor = actor_of(manager)
    year = int(manager.dialog_data[YEAR])
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
        can_copy = await plans.previous_plan(session, actor, year) is not None
    return plan, sections, outline, can_copy


def _item_blocks(items: list[plans.Item], start: int = 1) -> list[str]:
    return [
        str(html("plan-item-line", number=number, text=item.text))
        for number, item in enumerate(items, start)
    ]


async def _common(manager: DialogManager) -> dict[str, Any]:
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
    return await _common(dialog_manager)


def _current_section(data: dict[str, Any], manager: DialogManager) -> tuple[int, plans.Section]:
    sections: list[plans.Section] = data["section_list"]
    wanted = manager.dialog_data.get(SECTION)
    for index, section in enumerate(sections):
        if section.position == wanted:
            return index, section
    return 0, sections[0]


async def section_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if not data["ready"]:
        return data
    index, section = _current_section(data, dialog_manager)
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
    data = await _common(dialog_manager)
    if not data["ready"]:
        return data
    index, section = _current_section(data, dialog_manager)
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
    data = await _common(dialog_manager)
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


# Handlers ---------------------------------------------------------------------------


async def on_start(_: Any, manager: DialogManager) -> None:
    start = manager.start_data if isinstance(manager.start_data, dict) else {}
    manager.dialog_data[YEAR] = int(start.get(YEAR) or plans.plan_year(now_of(manager)))


async def on_section(
    callback: CallbackQuery, _: Any, manager: DialogManager, section_id: str
) -> None:
    clear_messages(manager)
    reset_page(manager)
    chosen = button_id(section_id)
    if chosen is None:
        return
    manager.dialog_data[SECTION] = chosen
    await manager.switch_to(PlanSG.section)


async def _step_section(manager: DialogManager, step: int) -> None:
    clear_messages(manager)
    reset_page(manager)
    data = await _common(manager)
    sections: list[plans.Section] = data.get("section_list", [])
    index, _ = _current_section(data, manager) if sections else (0, None)
    target = index + step
    if 0 <= target < len(sections):
        manager.dialog_data[SECTION] = sections[target].position


async def on_prev_section(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _step_section(manager, -1)


async def on_next_section(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _step_section(manager, 1)


async def on_add_item(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    try:
        async with transaction(manager) as session:
            await plans.add_item_at(
                session,
                actor_of(manager),
                int(manager.dialog_data[YEAR]),
                int(manager.dialog_data[SECTION]),
                text,
                now_of(manager),
            )
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("plan-item-added"))
    manager.dialog_data[PAGE] = 1 << 20  # the last page, where the new item is


async def on_item(callback: CallbackQuery, _: Any, manager: DialogManager, item_id: str) -> None:
    """Open an item; an id that is not in the member's own plan is refused."""
    clear_messages(manager)
    async with transaction(manager) as session:
        plan = await plans.find_plan(session, actor_of(manager), int(manager.dialog_data[YEAR]))
    found = next((i for i in plan.items if str(i.id) == item_id), None) if plan else None
    if found is None:
        show_error(manager, NotFound("error-plan-item-not-found", item_id=item_id))
        return
    assert plan is not None
    manager.dialog_data[ITEM] = found.id
    manager.dialog_data[SECTION] = plan.section(found.section_id).position
    await manager.switch_to(PlanSG.item)


async def on_edit_item(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    try:
        async with transaction(manager) as session:
            await plans.edit_item(
                session, actor_of(manager), int(manager.dialog_data[ITEM]), text, now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("plan-item-saved"))
    await manager.switch_to(PlanSG.item)


async def _act(manager: DialogManager, action: Any) -> bool:
    try:
        async with transaction(manager) as session:
            await action(session, actor_of(manager))
    except DomainError as error:
        show_error(manager, error)
        return False
    return True


async def on_delete(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    item_id = int(manager.dialog_data[ITEM])
    now = now_of(manager)
    if await _act(manager, lambda s, a: plans.delete_item(s, a, item_id, now)):
        show_notice(manager, html("plan-item-deleted"))
        reset_page(manager)
        await manager.switch_to(PlanSG.section)


async def _move(manager: DialogManager, offset: int) -> None:
    clear_messages(manager)
    item_id = int(manager.dialog_data[ITEM])
    now = now_of(manager)
    await _act(manager, lambda s, a: plans.move_item(s, a, item_id, offset, now))


async def on_up(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, -1)


async def on_down(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, 1)


async def on_copy(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year = int(manager.dialog_data[YEAR])
    now = now_of(manager)
    copied: list[int] = []

    async def copy(session: Any, actor: Any) -> None:
        copied.append(await plans.copy_previous_items(session, actor, year, now))

    if await _act(manager, copy):
        show_notice(manager, html("plan-copied", count=copied[0]))


async def on_submit(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year = int(manager.dialog_data[YEAR])
    now = now_of(manager)
    if await _act(manager, lambda s, a: plans.submit_plan(s, a, year, now)):
        show_notice(manager, html("plan-submitted-notice"))
        await manager.switch_to(PlanSG.overview)


async def on_back(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)


# Windows ----------------------------------------------------------------------------


def _overview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("plan-overview-title"),
        I18NFormat("plan-theme", when="has_theme"),
        I18NFormat("plan-overview"),
        I18NFormat("plan-returned-comment", when="returned"),
        I18NFormat("plan-locked", when="locked"),
        Column(
            Select(
                Format("{item[label]}"),
                id="sec",
                item_id_getter=lambda s: s["id"],
                items="sections",
                on_click=on_section,
            ),
        ),
        Button(I18NPlain("plan-copy-button"), id="copy", on_click=on_copy, when="can_copy"),
        SwitchTo(
            I18NPlain("plan-preview-button"),
            id="preview",
            state=PlanSG.preview,
            on_click=on_back,
            when="count",
        ),
        Button(I18NPlain("plan-submit-button"), id="submit", on_click=on_submit, when="can_submit"),
        menu_button(),
        state=PlanSG.overview,
        getter=overview_getter,
    )


def _section_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("plan-section"),
        I18NFormat("plan-section-guidance", when="has_guidance"),
        I18NFormat("plan-section-example", when="has_example"),
        I18NFormat("plan-section-items"),
        I18NFormat("member-page-number", when="paged"),
        I18NFormat("plan-section-input", when="editable"),
        *text_input("add", on_add_item),
        Column(
            Select(
                Format("{item[label]}"),
                id="it",
                item_id_getter=lambda i: i["id"],
                items="item_buttons",
                on_click=on_item,
            ),
        ),
        pager(),
        Row(
            Button(
                I18NPlain("plan-prev-section"),
                id="sprev",
                on_click=on_prev_section,
                when="has_prev_section",
            ),
            Button(
                I18NPlain("plan-next-section"),
                id="snext",
                on_click=on_next_section,
                when="has_next_section",
            ),
        ),
        SwitchTo(I18NPlain("plan-to-overview"), id="ov", state=PlanSG.overview, on_click=on_back),
        state=PlanSG.section,
        getter=section_getter,
    )


def _item_windows() -> list[Window]:
    back_to_section = SwitchTo(
        I18NPlain("button-back"), id="back", state=PlanSG.section, on_click=on_back
    )
    return [
        Window(
            *message_lines(),
            I18NFormat("plan-item"),
            Row(
                SwitchTo(
                    I18NPlain("plan-edit-button"),
                    id="edit",
                    state=PlanSG.edit_item,
                    on_click=on_back,
                ),
                SwitchTo(
                    I18NPlain("plan-delete-button"),
                    id="del",
                    state=PlanSG.delete_item,
                    on_click=on_back,
                ),
                when="editable",
            ),
            Row(
                Button(I18NPlain("plan-up-button"), id="up", on_click=on_up, when="can_up"),
                Button(I18NPlain("plan-down-button"), id="down", on_click=on_down, when="can_down"),
                when="editable",
            ),
            back_to_section,
            state=PlanSG.item,
            getter=item_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("plan-edit"),
            *text_input("edit_text", on_edit_item),
            SwitchTo(I18NPlain("button-back"), id="back", state=PlanSG.item, on_click=on_back),
            state=PlanSG.edit_item,
            getter=item_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("plan-delete-confirm"),
            Row(
                Button(I18NPlain("plan-delete-yes"), id="yes", on_click=on_delete),
                SwitchTo(I18NPlain("plan-delete-no"), id="no", state=PlanSG.item, on_click=on_back),
            ),
            state=PlanSG.delete_item,
            getter=item_getter,
        ),
    ]


def _preview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("plan-preview"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Button(I18NPlain("plan-submit-button"), id="submit", on_click=on_submit, when="can_submit"),
        SwitchTo(I18NPlain("plan-to-overview"), id="ov", state=PlanSG.overview, on_click=on_back),
        state=PlanSG.preview,
        getter=preview_getter,
    )


def plan_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _section_window(),
        *_item_windows(),
        _preview_window(),
        on_start=on_start,
    )
