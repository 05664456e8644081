"""The summary dialog: what its windows show."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    attempt,
    messages_data,
    page_data,
    period_data,
    period_of,
    short,
    tz_of,
)
from domain.members import local_date
from domain.oversight import view_cell_month
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
    return await attempt(manager, lambda s, a: view_cell_month(s, a, a.cell_id or 0, year, month))


def summary_blocks(summary: CellMonthSummary, tz: tzinfo) -> list[str]:
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
            deadline=local_date(summary.deadline, tz).strftime("%d/%m/%Y"),
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
            page_data(dialog_manager, summary_blocks(summary, tz_of(dialog_manager))),
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


async def models_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    """The month's done items, chosen ones ticked: the secretary picks the models here."""
    summary = await _summary(dialog_manager)
    done = [i for i in (summary.items if summary else ()) if i.status is ItemStatus.DONE]
    return {
        **period_data(dialog_manager),
        **messages_data(dialog_manager),
        "chosen": sum(1 for line in done if line.exemplary),
        "has_done": bool(done),
        "none": not done,
        "models": [
            {
                "id": line.item_id,
                "label": t(
                    "sec-model-chosen" if line.exemplary else "sec-model-open",
                    name=short(line.full_name),
                    item=short(line.note or line.text),
                ),
            }
            for line in done
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
