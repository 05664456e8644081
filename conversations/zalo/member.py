"""More of what a member does on Zalo, beside ``flows``: a past month's report within its
grace period, a plan item rewritten in place, attendance at the next meeting, the history
of plans and reports, and the member's own data (a one-time link: Zalo carries no files).

The conversation asks this module first (``typed``, ``start``, ``answer``, ``ask_again``);
what it does not handle goes on to ``flows``. Every rule is a ``domain/`` use case, the
same the Telegram dialogs call.
"""

from __future__ import annotations

import re
from datetime import datetime

from conversations.zalo import flows
from conversations.zalo.text import command_key
from conversations.zalo.turn import Turn
from domain.absence import confirm_attendance, my_absence, my_confirmation
from domain.calendar import MeetingView, next_meetings
from domain.downloads import MY_DATA_EXPORT, issue_download
from domain.members import local_date
from domain.plans import Item, edit_item, find_plan
from domain.reports import MonthLine, open_months, read_report, report_deadline, year_history
from domain.vocabulary import ReportStatus
from locales import t

# What a one-time link names for the member's own data (``bot/zalo/web.py`` renders it).
# "baocao 3": the report of March, while its grace period lasts.
REPORT_MONTH = re.compile(r"baocao(\d{1,2})")
# "lichsu 2025": the history of another year.
HISTORY_YEAR = re.compile(r"lichsu(\d{4})")
# "sua 2 <nội dung mới>" (or "sua 2", then the new text) in the plan's preview.
EDIT_PLAN_ITEM = re.compile(r"(\S*?)\s*(\d{1,3})(?:\s+(.+))?", re.DOTALL)
EDIT_WORD = "sua"
# In the history: the plan of the year shown.
PLAN_WORD = "kh"
EDIT_STEP, HISTORY_STEP = "edit-plan-item", "history"


async def typed(turn: Turn) -> bool:
    """A command with a number ("baocao 3", "lichsu 2025"): True when it was one."""
    key = command_key(turn.text)
    if month := REPORT_MONTH.fullmatch(key):
        turn.state.clear()
        await report_month(turn, int(month.group(1)))
        return True
    if year := HISTORY_YEAR.fullmatch(key):
        turn.state.clear()
        turn.state.update(step=HISTORY_STEP, year=int(year.group(1)))
        await history(turn)
        return True
    return False


async def start(turn: Turn, command: str) -> None:
    handler = STARTS.get(command)
    if handler is None:
        await flows.start(turn, command)
    else:
        await handler(turn)


async def answer(turn: Turn) -> None:
    """The answer to this module's questions; any other goes to ``flows``."""
    step = str(turn.state.get("step", ""))
    if step == "plan-confirm" and await plan_edit(turn):
        return
    handler = ANSWERS.get(step)
    await (flows.answer if handler is None else handler)(turn)


async def ask_again(turn: Turn) -> None:
    step = turn.state.get("step")
    if step == EDIT_STEP:
        await _edit_prompt(turn)
    elif step == HISTORY_STEP:
        await history(turn)
    else:
        await flows.ask_again(turn)


def _when(moment: datetime, turn: Turn) -> dict[str, str]:
    local = moment.astimezone(turn.tz)
    return {"date": f"{local:%d/%m/%Y}", "time": f"{local:%H:%M}"}


# The month's report, and earlier months within their grace period -------------------


async def report_start(turn: Turn) -> None:
    """The month asked for now; told first of the earlier months still open."""
    actor = turn.member_actor
    months = await open_months(turn.session, actor, turn.now)
    for year, month in months[1:]:
        deadline = await report_deadline(turn.session, actor, year, month, turn.now)
        turn.say(
            "zalo-report-late", number=month, **flows._period(month, year), **_when(deadline, turn)
        )
    await flows.report_month(turn, *months[0])


async def report_month(turn: Turn, number: int) -> None:
    """ "baocao N": month N of this year, or of last year while it is still open (January
    reporting December); a month not open is refused by the domain with its reason."""
    months = await open_months(turn.session, turn.member_actor, turn.now)
    chosen = next(((y, m) for y, m in months if m == number), (months[0][0], number))
    await flows.report_month(turn, *chosen)


# A plan item rewritten in place -----------------------------------------------------


async def plan_edit(turn: Turn) -> bool:
    """In the plan's preview, "sua N <text>" rewrites item N, "sua N" asks for the text."""
    found = EDIT_PLAN_ITEM.fullmatch(turn.text.strip())
    if found is None or command_key(found.group(1)) != EDIT_WORD:
        return False
    items = flows._numbered_items(await flows._plan(turn))
    number = int(found.group(2))
    if not 1 <= number <= len(items):
        turn.say("zalo-plan-no-such-item", number=number)
        return True
    if found.group(3):
        await _edit(turn, items[number - 1], found.group(3))
    else:
        turn.state.update(step=EDIT_STEP, item_id=items[number - 1].id, number=number)
        await _edit_prompt(turn)
    return True


async def _edit_prompt(turn: Turn) -> None:
    plan = await flows._plan(turn)
    item = next((i for i in plan.items if i.id == turn.state.get("item_id")), None)
    if item is None:  # gone meanwhile (deleted on Telegram): back to the preview
        turn.state["step"] = "plan-confirm"
        await flows._plan_prompt(turn, plan)
        return
    turn.say("zalo-plan-edit", number=int(turn.state.get("number", 0)), text=item.text)


async def plan_edit_answer(turn: Turn) -> None:
    if turn.text == flows.SKIP:
        turn.state["step"] = "plan-confirm"
        await flows._plan_prompt(turn, await flows._plan(turn))
        return
    plan = await flows._plan(turn)
    item = next((i for i in plan.items if i.id == turn.state.get("item_id")), None)
    if item is None:
        await _edit_prompt(turn)
        return
    await _edit(turn, item, turn.text)


async def _edit(turn: Turn, item: Item, text: str) -> None:
    await edit_item(turn.session, turn.member_actor, item.id, text, turn.now)
    turn.state["step"] = "plan-confirm"
    for key in ("item_id", "number"):
        turn.state.pop(key, None)
    turn.say("zalo-plan-item-edited", text=item.text)
    await flows._plan_prompt(turn, await flows._plan(turn))


# The next meeting: attendance ------------------------------------------------------


async def _next_meeting(turn: Turn) -> MeetingView | None:
    cell_id = turn.member_actor.cell_id
    assert cell_id is not None
    meetings = await next_meetings(turn.session, cell_id, turn.now, 1)
    return meetings[0] if meetings else None


async def schedule(turn: Turn) -> None:
    """The schedule, then where the member stands for the next meeting."""
    await flows.schedule(turn)
    meeting = await _next_meeting(turn)
    if meeting is None:
        return
    at = _when(meeting.starts_at, turn)
    if reason := await my_absence(turn.session, turn.member_actor, meeting.id):
        turn.say("zalo-attendance-absent", reason=reason, **at)
    elif await my_confirmation(turn.session, turn.member_actor, meeting.id):
        turn.say("zalo-attendance-confirmed", **at)
    else:
        turn.say("zalo-attendance-how", **at)


async def attend(turn: Turn) -> None:
    """ "thamdu": the member will attend the next meeting (a notice of absence withdrawn)."""
    meeting = await _next_meeting(turn)
    if meeting is None:
        turn.say("zalo-schedule-none")
        return
    await confirm_attendance(turn.session, turn.member_actor, meeting.id, turn.now)
    turn.say("zalo-attendance-sent", **_when(meeting.starts_at, turn))


# History of plans and reports ------------------------------------------------------


def _month_line(line: MonthLine, turn: Turn) -> str:
    month = f"{line.month:02d}"
    if line.status is ReportStatus.SUBMITTED and line.submitted_at is not None:
        day = local_date(line.submitted_at, turn.tz)
        return t("zalo-history-sent", month=month, date=f"{day:%d/%m/%Y}")
    if line.status is ReportStatus.DRAFT:
        return t("zalo-history-draft", month=month)
    return t("zalo-history-missing", month=month)


async def history_start(turn: Turn) -> None:
    turn.state.update(step=HISTORY_STEP, year=local_date(turn.now, turn.tz).year)
    await history(turn)


async def history(turn: Turn) -> None:
    """The year's plan and, month by month, its reports (none yet for months to come)."""
    year, actor = int(turn.state["year"]), turn.member_actor
    today = local_date(turn.now, turn.tz)
    plan = await find_plan(turn.session, actor, year)
    lines = [
        _month_line(line, turn)
        for line in await year_history(turn.session, actor, year)
        if (line.year, line.month) <= (today.year, today.month) or line.status is not None
    ]
    turn.say(
        "zalo-history",
        year=str(year),
        plan=t(f"plan-status-{plan.status.value}" if plan else "plan-status-none"),
        months="\n".join(lines) or t("zalo-history-no-months"),
        previous=str(year - 1),
    )


async def history_answer(turn: Turn) -> None:
    """A month's number shows its report, «kh» the year's plan; anything else the list."""
    year, actor = int(turn.state["year"]), turn.member_actor
    if command_key(turn.text) == PLAN_WORD:
        plan = await find_plan(turn.session, actor, year)
        if plan is None:
            turn.say("zalo-history-no-plan", year=str(year))
        else:
            status = t(f"plan-status-{plan.status.value}")
            preview = flows._plan_preview(plan)
            turn.say("zalo-plan-preview", year=str(year), status=status, preview=preview)
    elif turn.text.isdigit() and 1 <= int(turn.text) <= 12:
        month = int(turn.text)
        report = await read_report(turn.session, actor, year, month)
        if report is None:
            turn.say("zalo-history-no-report", **flows._period(month, year))
        else:
            turn.say("zalo-report-preview", **flows._report_preview(report))
    else:
        await history(turn)
        return
    turn.say("zalo-history-more")


# The member's own data -------------------------------------------------------------


async def my_data(turn: Turn) -> None:
    """What chibo keeps about the member, as a one-time link to the JSON file."""
    if turn.download_url is None:
        turn.say("zalo-my-data-unavailable")
        return
    member_id = turn.member_actor.member_id
    filename = f"du-lieu-ca-nhan-{member_id}.json"
    document = {"export": MY_DATA_EXPORT, "filename": filename}
    token = await issue_download(turn.session, member_id, document, turn.now)
    link = t("zalo-file-link", filename=filename, url=turn.download_url(token))
    turn.add(f"{t('menu-my-data-caption')}\n{link}")


STARTS = {
    "report": report_start,
    "schedule": schedule,
    "attend": attend,
    "history": history_start,
    "mydata": my_data,
}
ANSWERS = {EDIT_STEP: plan_edit_answer, HISTORY_STEP: history_answer}
