"""The secretary's month: who reported, nudges for who did not, each report, the files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Row, ScrollingGroup, Select, Start, SwitchTo
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

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
    transaction,
)
from dialogs.secretary.common import (
    export_row,
    month_picker,
    period_data,
    period_of,
    send_file,
    start_on_month,
)
from dialogs.states import (
    CellInfoSG,
    MeetingAdminSG,
    MembersSG,
    PlanReviewSG,
    SecretarySG,
    YearSetupSG,
)
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain.errors import DomainError
from domain.exports import ExportFile, ExportFormat, export_member_evidence, export_month
from domain.members import local_date
from domain.oversight import nudge_missing, view_cell_month
from domain.permissions import Actor
from domain.summaries import CellMonthSummary, ItemStatus
from exports.numbers import percent
from locales import SafeHTML, html, t

MEMBER = "member"
STATUS_IDS = {
    ItemStatus.DONE: "sec-status-done",
    ItemStatus.IN_PROGRESS: "sec-status-in-progress",
    ItemStatus.NOT_STARTED: "sec-status-not-started",
    None: "sec-status-missing",
}


async def _summary(manager: DialogManager) -> CellMonthSummary | None:
    year, month = period_of(manager)
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            return await view_cell_month(session, actor, actor.cell_id or 0, year, month)
    except DomainError as error:
        show_error(manager, error)
        return None


def summary_blocks(summary: CellMonthSummary) -> list[str]:
    """The month as short HTML blocks, each complete, so that paging never cuts one."""
    totals = summary.item_totals
    blocks: list[str] = [
        html(
            "sec-summary-head",
            cell=summary.cell_name,
            period=f"{summary.month:02d}/{summary.year}",
            reported=summary.reported,
            members=summary.members_total,
            on_time=summary.reported_on_time,
            deadline=local_date(summary.deadline).strftime("%d/%m/%Y"),
        ),
        html(
            "sec-summary-items",
            done=totals.done,
            planned=totals.planned,
            rate=percent(totals.done, totals.planned),
        ),
    ]
    blocks += [
        html(
            "sec-summary-section",
            section=s.title,
            done=s.items.done,
            planned=s.items.planned,
            rate=percent(s.items.done, s.items.planned),
        )
        for s in summary.sections
        if s.items.planned
    ]
    if summary.notes:
        blocks.append(html("sec-summary-notes-head"))
        blocks += [
            html("sec-summary-note", name=line.full_name, item=line.text, note=line.note)
            for line in summary.notes
        ]
    for head, texts in (
        ("free", summary.free_items),
        ("difficulties", summary.difficulties),
        ("proposals", summary.proposals),
    ):
        if texts:
            blocks.append(_voice_head(head))
            blocks += [html("sec-summary-voice", name=x.full_name, text=x.text) for x in texts]
    return blocks


def _voice_head(kind: str) -> str:
    heads = {
        "free": html("sec-summary-free-head"),
        "difficulties": html("sec-summary-difficulties-head"),
        "proposals": html("sec-summary-proposals-head"),
    }
    return heads[kind]


async def summary_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    summary = await _summary(dialog_manager)
    data: dict[str, Any] = {**period_data(dialog_manager), "ready": summary is not None}
    if summary is not None:
        data.update(
            page_data(dialog_manager, summary_blocks(summary)),
            missing=len(summary.missing),
            has_missing=bool(summary.missing),
        )
    return {**data, **messages_data(dialog_manager)}


async def missing_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    summary = await _summary(dialog_manager)
    missing = summary.missing if summary else ()
    lines = [
        html("sec-missing-line", name=m.full_name)
        if m.reachable
        else html("sec-missing-unreachable", name=m.full_name)
        for m in missing
    ]
    return {
        **period_data(dialog_manager),
        **messages_data(dialog_manager),
        "lines": SafeHTML("\n".join(lines)),
        "count": len(missing),
        "has_missing": bool(missing),
        "reachable": [
            {"id": m.member_id, "label": t("sec-nudge-one", name=short(m.full_name))}
            for m in missing
            if m.reachable
        ],
    }


async def members_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    summary = await _summary(dialog_manager)
    members = summary.members if summary else ()
    return {
        **period_data(dialog_manager),
        **messages_data(dialog_manager),
        "members": [
            {
                "id": m.member_id,
                "label": t("sec-member-reported", name=short(m.full_name))
                if m.reported
                else t("sec-member-missing", name=short(m.full_name)),
            }
            for m in members
        ],
    }


async def member_report_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    summary = await _summary(dialog_manager)
    member_id = int(dialog_manager.dialog_data.get(MEMBER, 0))
    members = summary.members if summary else ()
    person = next((m for m in members if m.member_id == member_id), None)
    data: dict[str, Any] = {**period_data(dialog_manager), "ready": person is not None}
    if summary is not None and person is not None:
        blocks: list[str] = [
            html(
                "sec-report-head",
                name=person.full_name,
                period=f"{summary.month:02d}/{summary.year}",
                state=t("sec-report-submitted") if person.reported else t("sec-report-missing"),
            )
        ]
        blocks += [
            html(
                "sec-report-item",
                item=line.text,
                status=t(STATUS_IDS[line.status]),
                note=line.note or t("sec-no-note"),
            )
            for line in summary.items
            if line.member_id == member_id
        ]
        for head, texts in (
            ("free", summary.free_items),
            ("difficulties", summary.difficulties),
            ("proposals", summary.proposals),
        ):
            own = [x.text for x in texts if x.member_id == member_id]
            if own:
                blocks.append(_voice_head(head))
                blocks += [html("sec-report-text", text=text) for text in own]
        data.update(page_data(dialog_manager, blocks))
    return {**data, **messages_data(dialog_manager)}


async def on_nudge_one(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    chosen = button_id(item)
    if chosen is not None:
        await _nudge(manager, {chosen})


async def on_nudge_all(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _nudge(manager, None)


async def _nudge(manager: DialogManager, member_ids: set[int] | None) -> None:
    year, month = period_of(manager)
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            result = await nudge_missing(
                session,
                actor,
                actor.cell_id or 0,
                year,
                month,
                now=now_of(manager),
                member_ids=member_ids,
            )
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(
        manager,
        html(
            "sec-nudged",
            queued=result.queued,
            repeated=result.repeated,
            unreachable=result.unreachable,
        ),
    )


async def on_member(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[MEMBER] = chosen
    await manager.switch_to(SecretarySG.member_report)


async def on_evidence(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year, _month = period_of(manager)
    actor = actor_of(manager)
    member_id = int(manager.dialog_data.get(MEMBER, 0))
    try:
        async with transaction(manager) as session:
            file = await export_member_evidence(
                session, actor, member_id, year, now=now_of(manager)
            )
    except DomainError as error:
        show_error(manager, error)
        return
    await send_file(manager, file, t("sec-evidence-caption", year=str(year)))


async def on_back(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)


async def _cell_month(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    return await export_month(session, actor, actor.cell_id or 0, year, month, fmt, now=now)


def _back() -> SwitchTo:
    return SwitchTo(
        I18NPlain("button-back"), id="back", state=SecretarySG.summary, on_click=on_back
    )


def _summary_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-summary", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        month_picker(),
        SwitchTo(
            I18NPlain("sec-open-missing"),
            id="missing",
            state=SecretarySG.missing,
            when="has_missing",
            on_click=on_back,
        ),
        SwitchTo(
            I18NPlain("sec-open-members"),
            id="members",
            state=SecretarySG.members,
            when="ready",
            on_click=on_back,
        ),
        export_row("x", _cell_month, "sec-export-caption"),
        Row(
            Start(I18NPlain("sec-open-roster"), id="roster", state=MembersSG.roster),
            Start(I18NPlain("sec-open-plans"), id="plans", state=PlanReviewSG.plans),
            Start(I18NPlain("sec-open-meetings"), id="meetings", state=MeetingAdminSG.overview),
        ),
        Start(I18NPlain("sec-open-cell-info"), id="cell_info", state=CellInfoSG.overview),
        Start(I18NPlain("year-menu-button"), id="year_setup", state=YearSetupSG.overview),
        menu_button(),
        state=SecretarySG.summary,
        getter=summary_getter,
    )


def _missing_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-missing"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="nudge",
                item_id_getter=lambda m: m["id"],
                items="reachable",
                on_click=on_nudge_one,
            ),
            id="nudges",
            width=1,
            height=8,
            hide_on_single_page=True,
        ),
        Button(
            I18NPlain("sec-nudge-all"),
            id="nudge_all",
            on_click=on_nudge_all,
            when="has_missing",
        ),
        _back(),
        state=SecretarySG.missing,
        getter=missing_getter,
    )


def _members_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-members"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="member",
                item_id_getter=lambda m: m["id"],
                items="members",
                on_click=on_member,
            ),
            id="members_page",
            width=1,
            height=8,
            hide_on_single_page=True,
        ),
        _back(),
        state=SecretarySG.members,
        getter=members_getter,
    )


def _member_report_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-report", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Button(I18NPlain("sec-export-evidence"), id="evidence", on_click=on_evidence, when="ready"),
        SwitchTo(
            I18NPlain("button-back"),
            id="back_members",
            state=SecretarySG.members,
            on_click=on_back,
        ),
        state=SecretarySG.member_report,
        getter=member_report_getter,
    )


def secretary_dialog() -> Dialog:
    return Dialog(
        _summary_window(),
        _missing_window(),
        _members_window(),
        _member_report_window(),
        on_start=start_on_month,
    )
