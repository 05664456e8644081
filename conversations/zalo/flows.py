"""What a member does on Zalo, one question at a time: the plan, the month's report, the
schedule, where reminders go, and (for the cell's leaders) the month's summary.

Every change is a ``domain/`` use case, the same the Telegram dialogs call; the state
kept between messages is only where the member is (``step`` and a position).
"""

from __future__ import annotations

import re
from typing import Any

from conversations.zalo.text import command_key
from conversations.zalo.turn import Turn
from domain.absence import notify_absence
from domain.calendar import next_meetings
from domain.downloads import issue_download
from domain.linking import set_reminder_channel
from domain.members import get_member
from domain.oversight import view_cell_month
from domain.permissions import Action, can
from domain.plans import Item, Plan, open_plan, plan_year, submit_plan
from domain.plans import add_item_at as add_plan_item
from domain.plans import delete_item as delete_plan_item
from domain.reports import (
    Report,
    add_free_item,
    current_month,
    open_report,
    set_difficulties,
    set_item_note,
    set_item_status,
    set_proposals,
    submit_report,
)
from domain.vocabulary import Channel, ItemStatus
from exports.files import slug
from locales import t

SKIP = "0"
# Typed for a note: the note is cleared.
CLEAR = "-"
# "xoa 2", "Xóa 2", "xoa2": delete the plan's item number 2 (as ``command_key`` reads it).
DELETE_ITEM = re.compile(r"xoa(\d{1,3})")
# "sua 1": answer the report's item number 1 again, then back to the preview.
EDIT_ITEM = re.compile(r"sua(\d{1,3})")
STATUS_BY_NUMBER = {"1": ItemStatus.DONE, "2": ItemStatus.IN_PROGRESS, "3": ItemStatus.NOT_STARTED}
STATUS_WORDS = {
    ItemStatus.DONE: "report-status-done",
    ItemStatus.IN_PROGRESS: "report-status-in-progress",
    ItemStatus.NOT_STARTED: "report-status-not-started",
}
CHANNEL_WORDS = {Channel.TELEGRAM: "zalo-channel-telegram", Channel.ZALO: "zalo-channel-zalo"}
CHANNEL_BY_NUMBER = {"1": Channel.TELEGRAM, "2": Channel.ZALO}
# The files a leader's summary links to: the month's report and workbook, the year's chart.
FILE_LINKS = {
    "cell-month-docx": ("export-file-month", "docx"),
    "cell-month-xlsx": ("export-file-month", "xlsx"),
    "cell-month-png": ("export-file-chart", "png"),
}
# The cell's other Word documents of the month shown, and the last month each one covers.
DOCUMENT_LINKS = {
    "cell-minutes-docx": ("export-file-minutes", 12),
    "cell-half-review-docx": ("export-file-half-review", 6),
    "cell-year-review-docx": ("export-file-year-review", 12),
}


def _period(month: int, year: int) -> dict[str, str]:
    return {"month": f"{month:02d}", "year": str(year)}


async def menu(turn: Turn) -> None:
    actor = turn.member_actor
    member = await get_member(turn.session, actor.member_id)
    year, month = await current_month(turn.session, actor, turn.now)
    text = t(
        "zalo-menu",
        name=actor.full_name,
        year=str(plan_year(turn.now, turn.tz)),
        month=f"{month:02d}",
        year_of_month=str(year),
        channel=t(CHANNEL_WORDS[member.reminder_channel]),
    )
    if turn.leads_cell:
        text = f"{text}\n{t('zalo-menu-leader')}"
    turn.add(text)


async def start(turn: Turn, command: str) -> None:
    if command == "menu":
        await menu(turn)
    elif command == "help":
        turn.say("zalo-help")
        if turn.leads_cell:
            turn.say("zalo-help-leader")
    elif command == "schedule":
        await schedule(turn)
    elif command == "channel":
        turn.state["step"] = "channel"
        await ask_again(turn)
    elif command == "plan":
        await plan_start(turn)
    elif command == "report":
        await report_start(turn)
    elif command == "summary" and turn.leads_cell:
        await summary(turn)
    else:
        turn.say("zalo-not-understood", text=turn.text[:50])
        await menu(turn)


async def answer(turn: Turn) -> None:
    """The member answered the question of ``state["step"]``."""
    handler = ANSWERS.get(str(turn.state.get("step")))
    if handler is None:
        turn.state.clear()
        await menu(turn)
        return
    await handler(turn)


async def ask_again(turn: Turn) -> None:
    """Ask the question of the current step once more (after a refusal, or to begin)."""
    step = str(turn.state.get("step", ""))
    if step == "join-name":
        turn.say("zalo-join-cell", cell=str(turn.state.get("cell", "")), name=turn.suggested_name())
    elif step == "channel":
        member = await get_member(turn.session, turn.member_actor.member_id)
        turn.say("zalo-channel-ask", channel=t(CHANNEL_WORDS[member.reminder_channel]))
    elif step.startswith("plan-"):
        await _plan_prompt(turn, await _plan(turn))
    elif step.startswith("report-"):
        await _report_prompt(turn, await _report(turn))


# Schedule, reminder channel, summary ---------------------------------------------------


async def schedule(turn: Turn) -> None:
    actor = turn.member_actor
    assert actor.cell_id is not None
    meetings = await next_meetings(turn.session, actor.cell_id, turn.now, 3)
    if not meetings:
        turn.say("zalo-schedule-none")
        return
    lines = [
        t(
            "zalo-schedule-line",
            date=f"{m.local_start:%d/%m/%Y}",
            time=f"{m.local_start:%H:%M}",
            place=m.place or "-",
            thematic=f" {t('zalo-schedule-thematic')}" if m.thematic else "",
        )
        for m in meetings
    ]
    turn.say("zalo-schedule", lines="\n".join(lines))


async def absence(turn: Turn, reason: str) -> None:
    """A notice of absence for the next meeting; the cell's leaders are told."""
    actor = turn.member_actor
    assert actor.cell_id is not None
    if not reason.strip():
        turn.say("zalo-absence-how")
        return
    meetings = await next_meetings(turn.session, actor.cell_id, turn.now, 1)
    if not meetings:
        turn.say("zalo-schedule-none")
        return
    meeting = meetings[0]
    await notify_absence(turn.session, actor, meeting.id, reason, turn.now)
    turn.say(
        "zalo-absence-sent",
        date=f"{meeting.local_start:%d/%m/%Y}",
        time=f"{meeting.local_start:%H:%M}",
    )


async def channel_answer(turn: Turn) -> None:
    channel = CHANNEL_BY_NUMBER.get(turn.text)
    if channel is None:
        await ask_again(turn)
        return
    await set_reminder_channel(turn.session, turn.member_actor, channel)
    turn.state.clear()
    turn.say("zalo-channel-set", channel=t(CHANNEL_WORDS[channel]))


async def summary(turn: Turn) -> None:
    actor = turn.member_actor
    assert actor.cell_id is not None
    year, month = await current_month(turn.session, actor, turn.now)
    month_summary = await view_cell_month(turn.session, actor, actor.cell_id, year, month)
    items = month_summary.item_totals
    missing = sorted(m.full_name for m in month_summary.missing)
    turn.say(
        "zalo-summary",
        cell=month_summary.cell_name,
        reported=month_summary.reported,
        total=month_summary.members_total,
        done=items.done,
        in_progress=items.in_progress,
        not_started=items.not_started,
        missing=t("zalo-summary-missing", names=", ".join(missing))
        if missing
        else t("zalo-summary-all"),
        **_period(month, year),
    )
    if turn.download_url is None or not can(actor, Action.EXPORT_CELL, cell_id=actor.cell_id):
        return
    cell = slug(month_summary.cell_name)
    for export, (stem, ext) in FILE_LINKS.items():
        period = str(year) if ext == "png" else f"{year}-{month:02d}"
        filename = f"{t(stem, cell=cell, period=period)}.{ext}"
        await _file_link(turn, export, filename, year, month)
    for export, (stem, last) in DOCUMENT_LINKS.items():
        period = f"{year}-{min(month, last):02d}"
        await _file_link(turn, export, f"{t(stem, unit=cell, period=period)}.docx", year, month)


async def _file_link(turn: Turn, export: str, filename: str, year: int, month: int) -> None:
    actor = turn.member_actor
    document = {"export": export, "cell_id": actor.cell_id, "year": year, "month": month}
    assert turn.download_url is not None
    token = await issue_download(turn.session, actor.member_id, document, turn.now)
    turn.say("zalo-file-link", filename=filename, url=turn.download_url(token))


# The plan ------------------------------------------------------------------------------


async def _plan(turn: Turn) -> Plan:
    year = int(turn.state.get("year") or plan_year(turn.now, turn.tz))
    return await open_plan(turn.session, turn.member_actor, year, turn.now)


async def plan_start(turn: Turn) -> None:
    plan = await _plan(turn)
    if not plan.editable:
        turn.say("zalo-plan-locked", year=str(plan.year), preview=_plan_preview(plan))
        return
    step = "plan-confirm" if plan.items else "plan-section"
    turn.state.update(step=step, year=plan.year, section=0)
    await _plan_prompt(turn, plan)


async def _plan_prompt(turn: Turn, plan: Plan) -> None:
    if turn.state.get("step") == "plan-confirm":
        status = t(f"plan-status-{plan.status.value}")
        turn.say(
            "zalo-plan-preview", year=str(plan.year), status=status, preview=_plan_preview(plan)
        )
        turn.say("zalo-plan-confirm")
        return
    index = int(turn.state.get("section", 0))
    section = plan.sections[index]
    text = t(
        "zalo-plan-section",
        year=str(plan.year),
        position=index + 1,
        total=len(plan.sections),
        title=section.title,
        count=len(plan.items_of(section.id)),
    )
    if section.guidance:
        text = f"{text}\n{section.guidance}"
    if section.example:
        text = f"{text}\n{t('zalo-plan-example', example=section.example)}"
    turn.add(text)


def _numbered_items(plan: Plan) -> list[Item]:
    """The plan's items in the order the preview numbers them: section by section."""
    return [item for section in plan.sections for item in plan.items_of(section.id)]


def _plan_preview(plan: Plan) -> str:
    lines: list[str] = []
    if plan.theme:
        lines.append(t("zalo-plan-theme", year=str(plan.year), theme=plan.theme))
    number = 0
    for section in plan.sections:
        lines.append(t("zalo-plan-preview-section", position=section.position, title=section.title))
        items = plan.items_of(section.id)
        for item in items:
            number += 1
            lines.append(t("zalo-plan-preview-item", number=number, text=item.text))
        if not items:
            lines.append(t("zalo-plan-preview-empty"))
    return "\n".join(lines)


async def plan_section_answer(turn: Turn) -> None:
    plan = await _plan(turn)
    index = int(turn.state.get("section", 0))
    if turn.text == SKIP:
        if index + 1 < len(plan.sections):
            turn.state["section"] = index + 1
        else:
            turn.state["step"] = "plan-confirm"
        await _plan_prompt(turn, plan)
        return
    section = plan.sections[index]
    await add_plan_item(
        turn.session, turn.member_actor, plan.year, section.position, turn.text, turn.now
    )
    turn.say("zalo-plan-item-added", title=section.title)


async def plan_confirm_answer(turn: Turn) -> None:
    plan = await _plan(turn)
    if turn.text == "1":
        await submit_plan(turn.session, turn.member_actor, plan.year, turn.now)
        turn.state.clear()
        turn.say("zalo-plan-submitted", year=str(plan.year))
    elif turn.text == "2":
        turn.state.update(step="plan-section", section=0)
        await _plan_prompt(turn, plan)
    elif delete := DELETE_ITEM.fullmatch(command_key(turn.text)):
        await _delete_item(turn, plan, int(delete.group(1)))
    else:
        await _plan_prompt(turn, plan)


async def _delete_item(turn: Turn, plan: Plan, number: int) -> None:
    items = _numbered_items(plan)
    if not 1 <= number <= len(items):
        turn.say("zalo-plan-no-such-item", number=number)
        return
    item = items[number - 1]
    await delete_plan_item(turn.session, turn.member_actor, item.id, turn.now)
    turn.say("zalo-plan-item-deleted", text=item.text)
    await _plan_prompt(turn, await _plan(turn))


# The month's report --------------------------------------------------------------------


async def _report(turn: Turn) -> Report:
    year, month = int(turn.state["year"]), int(turn.state["month"])
    return await open_report(turn.session, turn.member_actor, year, month, turn.now)


async def report_start(turn: Turn) -> None:
    year, month = await current_month(turn.session, turn.member_actor, turn.now)
    await report_month(turn, year, month)


async def report_month(turn: Turn, year: int, month: int) -> None:
    """Open the report of that month (a refusal when its time is over) where it was left."""
    report = await open_report(turn.session, turn.member_actor, year, month, turn.now)
    turn.state.update(year=year, month=month)
    if report.submitted:
        turn.state["step"] = "report-confirm"
        turn.say("zalo-report-preview", **_report_preview(report))
        turn.say("zalo-report-already-sent")
        return
    first = report.first_unanswered()
    if first is not None:
        turn.state.update(step="report-status", item=first)
    else:
        turn.state["step"] = "report-free"
    await _report_prompt(turn, report)


async def _report_prompt(turn: Turn, report: Report) -> None:
    step = turn.state.get("step")
    if step == "report-status":
        index = int(turn.state.get("item", 0))
        line = report.items[index]
        text = t(
            "zalo-report-item",
            number=index + 1,
            total=len(report.items),
            text=line.text,
            section=line.section_title,
            **_period(report.month, report.year),
        )
        if line.status is not None:
            status, note = t(STATUS_WORDS[line.status]), _note(line.note)
            text = f"{text}\n{t('zalo-report-item-current', status=status, note=note)}"
        turn.add(text)
    elif step == "report-note":
        note = report.items[int(turn.state.get("item", 0))].note
        if note:
            turn.say("zalo-report-note-current", note=note)
        else:
            turn.say("zalo-report-note")
    elif step == "report-free":
        turn.say("zalo-report-free")
    elif step == "report-difficulties":
        turn.say("zalo-report-difficulties")
    elif step == "report-proposals":
        turn.say("zalo-report-proposals")
    elif step == "report-confirm":
        turn.say("zalo-report-preview", **_report_preview(report))
        turn.say("zalo-report-confirm")


def _note(note: str) -> str:
    return f" {t('zalo-report-line-note', note=note)}" if note else ""


def _report_preview(report: Report) -> dict[str, Any]:
    lines = []
    for number, line in enumerate(report.items, start=1):
        status = t(STATUS_WORDS[line.status]) if line.status else t("report-status-none")
        note = _note(line.note)
        lines.append(t("zalo-report-line", number=number, text=line.text, status=status, note=note))
    lines.extend(t("zalo-report-free-line", text=free.text) for free in report.free_items)
    none = t("zalo-report-none")
    return {
        "state": t("report-state-submitted" if report.submitted else "report-state-draft"),
        "lines": "\n".join(lines),
        "difficulties": report.difficulties or none,
        "proposals": report.proposals or none,
        **_period(report.month, report.year),
    }


async def report_status_answer(turn: Turn) -> None:
    report = await _report(turn)
    status = STATUS_BY_NUMBER.get(turn.text)
    if status is None:
        turn.say("zalo-report-choose-status")
        await _report_prompt(turn, report)
        return
    item = report.items[int(turn.state.get("item", 0))]
    await set_item_status(
        turn.session, turn.member_actor, report.id, item.item_id, status, turn.now
    )
    turn.state["step"] = "report-note"
    await _report_prompt(turn, report)


async def report_note_answer(turn: Turn) -> None:
    report = await _report(turn)
    index = int(turn.state.get("item", 0))
    if turn.text != SKIP:
        item, note = report.items[index], None if turn.text == CLEAR else turn.text
        await set_item_note(
            turn.session, turn.member_actor, report.id, item.item_id, note, turn.now
        )
    if turn.state.pop("one_item", False):
        turn.state["step"] = "report-confirm"
        report = await _report(turn)
    elif index + 1 < len(report.items):
        turn.state.update(step="report-status", item=index + 1)
    else:
        turn.state["step"] = "report-free"
    await _report_prompt(turn, report)


async def report_free_answer(turn: Turn) -> None:
    report = await _report(turn)
    if turn.text == SKIP:
        turn.state["step"] = "report-difficulties"
        await _report_prompt(turn, report)
        return
    await add_free_item(turn.session, turn.member_actor, report.id, turn.text, turn.now)
    turn.say("zalo-report-free-added")


async def report_difficulties_answer(turn: Turn) -> None:
    report = await _report(turn)
    value = None if turn.text == SKIP else turn.text
    await set_difficulties(turn.session, turn.member_actor, report.id, value, turn.now)
    turn.state["step"] = "report-proposals"
    await _report_prompt(turn, report)


async def report_proposals_answer(turn: Turn) -> None:
    report = await _report(turn)
    value = None if turn.text == SKIP else turn.text
    report = await set_proposals(turn.session, turn.member_actor, report.id, value, turn.now)
    turn.state["step"] = "report-confirm"
    await _report_prompt(turn, report)


async def report_confirm_answer(turn: Turn) -> None:
    report = await _report(turn)
    if turn.text == "1":
        await submit_report(turn.session, turn.member_actor, report.id, turn.now)
        turn.state.clear()
        turn.say("zalo-report-sent", **_period(report.month, report.year))
    elif turn.text == "2":
        if report.items:
            turn.state.update(step="report-status", item=0)
        else:
            turn.state["step"] = "report-free"
        await _report_prompt(turn, report)
    elif edit := EDIT_ITEM.fullmatch(command_key(turn.text)):
        number = int(edit.group(1))
        if not 1 <= number <= len(report.items):
            turn.say("zalo-report-no-such-item", number=number)
            return
        turn.state.update(step="report-status", item=number - 1, one_item=True)
        await _report_prompt(turn, report)
    else:
        await _report_prompt(turn, report)


ANSWERS = {
    "channel": channel_answer,
    "plan-section": plan_section_answer,
    "plan-confirm": plan_confirm_answer,
    "report-status": report_status_answer,
    "report-note": report_note_answer,
    "report-free": report_free_answer,
    "report-difficulties": report_difficulties_answer,
    "report-proposals": report_proposals_answer,
    "report-confirm": report_confirm_answer,
}
