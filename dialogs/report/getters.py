"""The report dialog: what its windows show."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    local_day,
    messages_data,
    now_of,
    page_data,
    short,
    show_error,
    transaction,
    tz_of,
)
from domain import reports
from domain.errors import DomainError, PermissionDenied
from domain.vocabulary import ItemStatus, ReportStatus
from locales import html, t

STATUS_TEXT = {
    None: "report-status-none",
    ItemStatus.DONE: "report-status-done",
    ItemStatus.IN_PROGRESS: "report-status-in-progress",
    ItemStatus.NOT_STARTED: "report-status-not-started",
}


YEAR, MONTH, INDEX = "year", "month", "index"


def item_status_text(status: ItemStatus | None) -> str:
    return t(STATUS_TEXT[status])


def report_blocks(report: reports.Report) -> list[str]:
    """The whole report as blocks of HTML, for a preview or for history, paged by the caller."""
    blocks: list[str] = []
    if report.items:
        blocks.append(str(html("report-preview-items-title")))
    for number, line in enumerate(report.items, 1):
        blocks.append(
            str(
                html(
                    "report-preview-item",
                    number=number,
                    text=line.text,
                    status=item_status_text(line.status),
                )
            )
        )
        if line.note:
            blocks.append(str(html("report-preview-note", note=line.note)))
    if report.free_items:
        blocks.append(str(html("report-preview-free-title")))
        blocks.extend(
            str(html("report-preview-free", number=number, text=free.text))
            for number, free in enumerate(report.free_items, 1)
        )
    blocks.append(str(html("report-preview-difficulties", text=report.difficulties or "-")))
    blocks.append(str(html("report-preview-proposals", text=report.proposals or "-")))
    return blocks


# A conversation reads the report once: the handler, the save and the next window's getter
# share the view, kept for the update in its middleware data and between updates in the
# dialog data (dropped on a refusal, on another month, and when the plan dialog returns).
VIEW = "chibo_report_view"


def _dump(report: reports.Report) -> dict[str, Any]:
    data = asdict(report)
    for name in ("submitted_at", "editable_until"):
        data[name] = data[name] and data[name].isoformat()
    return data


def _load(data: dict[str, Any]) -> reports.Report:
    items = tuple(
        reports.ItemLine(**{**line, "status": line["status"] and ItemStatus(line["status"])})
        for line in data["items"]
    )
    moments = {
        name: data[name] and datetime.fromisoformat(data[name])
        for name in ("submitted_at", "editable_until")
    }
    free = tuple(reports.FreeLine(**line) for line in data["free_items"])
    status = ReportStatus(data["status"])
    return reports.Report(
        **{**data, **moments, "status": status, "items": items, "free_items": free}
    )


def keep_view(manager: DialogManager, report: reports.Report | None) -> None:
    """The view of the month shown, for the rest of the update and the next ones."""
    if report is None:
        manager.middleware_data.pop(VIEW, None)
        manager.dialog_data.pop(VIEW, None)
        return
    manager.middleware_data[VIEW] = report
    manager.dialog_data[VIEW] = _dump(report)


def kept_view(manager: DialogManager, key: tuple[int, int]) -> reports.Report | None:
    report = manager.middleware_data.get(VIEW)
    if report is None and VIEW in manager.dialog_data:
        report = manager.middleware_data[VIEW] = _load(manager.dialog_data[VIEW])
    if report is None or (report.year, report.month) != key:
        return None
    return cast(reports.Report, report)


async def open_report(manager: DialogManager) -> reports.Report:
    if YEAR not in manager.dialog_data:
        raise PermissionDenied()
    key = (int(manager.dialog_data[YEAR]), int(manager.dialog_data[MONTH]))
    actor = await actor_of(manager)  # a member removed meanwhile is refused at once
    cached = kept_view(manager, key)
    if cached is not None and cached.member_id == actor.member_id:
        return cached
    async with transaction(manager) as session:
        report = await reports.open_report(session, actor, *key, now_of(manager))
    keep_view(manager, report)
    return report


async def _common(manager: DialogManager) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": str(manager.dialog_data.get(YEAR, "")),
        "month": manager.dialog_data.get(MONTH, 0),
    }
    try:
        report = await open_report(manager)
    except DomainError as error:
        show_error(manager, error)
        data.update(messages_data(manager), ready=False)
        return data
    data.update(
        messages_data(manager),
        ready=True,
        report=report,
        total=len(report.items),
        has_items=bool(report.items),
        draft=not report.submitted,
        submitted=report.submitted,
        deadline=local_day(report.editable_until, tz_of(manager)) if report.editable_until else "",
        state_text=t("report-state-submitted") if report.submitted else t("report-state-draft"),
        several_months=len(manager.dialog_data.get("months", [])) > 1,
    )
    return data


async def item_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if not data["ready"] or not data["has_items"]:
        data["ready_item"] = False
        return data
    report: reports.Report = data["report"]
    index = min(int(dialog_manager.dialog_data.get(INDEX, 0)), len(report.items) - 1)
    line = report.items[index]
    data.update(
        ready_item=True,
        number=index + 1,
        section=line.section_title,
        text=line.text,
        status=item_status_text(line.status),
        answered=line.status is not None,
        note=line.note,
        has_note=bool(line.note),
        has_prev=index > 0,
        has_next=index + 1 < len(report.items),
    )
    return data


async def free_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if not data["ready"]:
        return data
    report: reports.Report = data["report"]
    blocks = [
        str(html("report-preview-free", number=n, text=free.text))
        for n, free in enumerate(report.free_items, 1)
    ]
    data.update(page_data(dialog_manager, blocks or [str(html("report-free-empty"))], "body"))
    start = data["page_start"]
    shown = report.free_items[start : start + len(data["page_blocks"])]
    data["free_buttons"] = [
        {
            "id": free.id,
            "label": t("report-free-delete", number=start + n, text=short(free.text, 36)),
        }
        for n, free in enumerate(shown, 1)
    ]
    return data


async def text_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if data["ready"]:
        report: reports.Report = data["report"]
        data.update(
            difficulties=report.difficulties,
            has_difficulties=bool(report.difficulties),
            proposals=report.proposals,
            has_proposals=bool(report.proposals),
        )
    return data


async def preview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    if data["ready"]:
        data.update(page_data(dialog_manager, report_blocks(data["report"]), "body"))
    return data


async def months_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = await _common(dialog_manager)
    data["months"] = [
        {"id": f"{year}-{month}", "label": t("report-month-button", month=month, year=str(year))}
        for year, month in dialog_manager.dialog_data.get("months", [])
    ]
    return data
