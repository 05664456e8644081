"""What a cell's leaders (bí thư, phó bí thư) do on Zalo besides the month's summary: who
has not reported and nudging them, the plans waiting for review, the join requests.

Every step is the ``domain/`` use case the Telegram dialogs call, and the domain says who
may: a plain member who types these commands is refused there. Lists are numbered; the
state keeps the ids behind the numbers, so a number names what the leader saw.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from conversations.zalo import flows
from conversations.zalo.text import command_key
from conversations.zalo.turn import Turn
from domain.downloads import WEBVIEW_LINK, issue_download
from domain.members import list_members
from domain.oversight import nudge_missing, view_cell_month
from domain.permissions import Action, require
from domain.plans import acknowledge_plan, plan_year, plans_of_cell, read_plan, return_plan
from domain.reports import current_month
from domain.review import approve_join, refuse_join
from domain.vocabulary import MemberStatus, PlanStatus
from locales import t

STEP_PREFIX = "leader-"
# "nhac 2": nudge the second member of the list «chuabaocao» showed.
NUDGE_ONE = re.compile(r"nhac(\d{1,3})")
APPROVE, RETURN, BACK = "1", "2", "0"
ACCEPT, REFUSE = APPROVE, RETURN


def _cell(turn: Turn) -> int:
    return turn.member_actor.cell_id or 0


def _chosen(turn: Turn, number: str) -> int | None:
    """The id behind a number of the list the leader was shown, or None."""
    ids = [int(i) for i in turn.state.get("ids", [])]
    if not number.isdigit() or not 1 <= int(number) <= len(ids):
        return None
    return ids[int(number) - 1]


# Who has not reported, nudges -----------------------------------------------------------


async def missing(turn: Turn) -> None:
    """The members who have not reported this month, numbered; how to nudge them."""
    year, month = await current_month(turn.session, turn.member_actor, turn.now)
    summary = await view_cell_month(turn.session, turn.member_actor, _cell(turn), year, month)
    period = f"{month:02d}/{year}"
    turn.state.clear()
    if not summary.missing:
        turn.say("zalo-missing-none", period=period)
        return
    lines = [
        t(
            "zalo-missing-line",
            number=number,
            name=m.full_name,
            unreachable="" if m.reachable else t("zalo-missing-unreachable"),
        )
        for number, m in enumerate(summary.missing, start=1)
    ]
    turn.state.update(step="leader-missing", ids=[m.member_id for m in summary.missing])
    turn.say(
        "zalo-missing",
        period=period,
        count=len(lines),
        total=summary.members_total,
        lines="\n".join(lines),
    )


async def nudge(turn: Turn, member_ids: set[int] | None = None) -> None:
    """Remind the members who have not reported (all, or those named): the outbox sends it."""
    year, month = await current_month(turn.session, turn.member_actor, turn.now)
    result = await nudge_missing(
        turn.session,
        turn.member_actor,
        _cell(turn),
        year,
        month,
        now=turn.now,
        member_ids=member_ids,
    )
    turn.say(
        "sec-nudged",
        queued=result.queued,
        repeated=result.repeated,
        unreachable=result.unreachable,
    )


async def missing_answer(turn: Turn) -> bool:
    one = NUDGE_ONE.fullmatch(command_key(turn.text))
    chosen = _chosen(turn, one.group(1)) if one else None
    if chosen is None:
        return False
    await nudge(turn, {chosen})
    return True


# Plans waiting for review --------------------------------------------------------------


async def plans(turn: Turn) -> None:
    """The registered plans not yet reviewed, numbered."""
    year = plan_year(turn.now, turn.tz)
    cell_plans = await plans_of_cell(turn.session, turn.member_actor, _cell(turn), year)
    waiting = [p for p in cell_plans if p.status is PlanStatus.SUBMITTED and p.plan_id]
    turn.state.clear()
    if not waiting:
        turn.say("zalo-review-none", year=str(year))
        return
    turn.state.update(
        step="leader-plans",
        ids=[p.plan_id for p in waiting],
        names=[p.full_name for p in waiting],
    )
    lines = [
        t("zalo-review-line", number=number, name=p.full_name, items=p.items)
        for number, p in enumerate(waiting, start=1)
    ]
    turn.say("zalo-review-list", year=str(year), lines="\n".join(lines))


async def plans_answer(turn: Turn) -> bool:
    plan_id = _chosen(turn, turn.text)
    if plan_id is None:
        return False
    owner = turn.state["names"][int(turn.text) - 1]
    turn.state.update(step="leader-plan", plan=plan_id, owner=owner)
    await _show_plan(turn)
    return True


async def _show_plan(turn: Turn) -> None:
    plan = await read_plan(turn.session, turn.member_actor, int(turn.state["plan"]))
    preview = flows._plan_preview(plan)
    turn.say("zalo-review-plan", name=_owner(turn), year=str(plan.year), preview=preview)
    turn.say("zalo-review-choose")


def _owner(turn: Turn) -> str:
    return str(turn.state.get("owner", ""))


async def plan_answer(turn: Turn) -> bool:
    plan_id = int(turn.state["plan"])
    if turn.text == APPROVE:
        await acknowledge_plan(turn.session, turn.member_actor, plan_id, turn.now)
        turn.say("sec-plan-acknowledged", name=_owner(turn))
        await plans(turn)
    elif turn.text == RETURN:
        turn.state["step"] = "leader-comment"
        turn.say("zalo-review-comment", name=_owner(turn))
    elif turn.text == BACK:
        await plans(turn)
    else:
        await _show_plan(turn)
    return True


async def comment_answer(turn: Turn) -> bool:
    plan_id = int(turn.state["plan"])
    await return_plan(turn.session, turn.member_actor, plan_id, turn.text, turn.now)
    turn.say("sec-plan-returned", name=_owner(turn))
    await plans(turn)
    return True


# Join requests -------------------------------------------------------------------------


async def joins(turn: Turn) -> None:
    """The people waiting to join the cell, numbered."""
    members = await list_members(turn.session, turn.member_actor, _cell(turn))
    pending = [m for m in members if m.status is MemberStatus.PENDING]
    turn.state.clear()
    if not pending:
        turn.say("zalo-joins-none")
        return
    turn.state.update(
        step="leader-joins", ids=[m.id for m in pending], names=[m.full_name for m in pending]
    )
    lines = [
        t("zalo-joins-line", number=number, name=m.full_name)
        for number, m in enumerate(pending, start=1)
    ]
    turn.say("zalo-joins", lines="\n".join(lines))


async def joins_answer(turn: Turn) -> bool:
    member_id = _chosen(turn, turn.text)
    if member_id is None:
        return False
    owner = turn.state["names"][int(turn.text) - 1]
    turn.state.update(step="leader-join", member=member_id, owner=owner)
    turn.say("zalo-join-choose", name=owner)
    return True


async def join_answer(turn: Turn) -> bool:
    """Accept (1) or refuse (2) the request shown, or back to the list (0)."""
    member_id = int(turn.state["member"])
    if turn.text == ACCEPT:
        member = await approve_join(turn.session, turn.member_actor, member_id, turn.now)
        turn.say("zalo-join-accepted", name=member.full_name)
    elif turn.text == REFUSE:
        member = await refuse_join(turn.session, turn.member_actor, member_id, turn.now)
        turn.say("sec-member-refused", name=member.full_name)
    elif turn.text != BACK:
        turn.say("zalo-join-choose", name=_owner(turn))
        return True
    await joins(turn)
    return True


# The web view ---------------------------------------------------------------------------


async def webview(turn: Turn) -> None:
    """A one-time link to the cell's web view (Zalo has no Mini Apps), for its leaders."""
    turn.state.clear()
    require(turn.member_actor, Action.VIEW_CELL_SUMMARY, cell_id=_cell(turn))
    if turn.webview_url is None:
        turn.say("zalo-webview-off")
        return
    token = await issue_download(turn.session, turn.member_actor.member_id, WEBVIEW_LINK, turn.now)
    turn.say("zalo-webview-link", url=turn.webview_url(token))


# Routing -------------------------------------------------------------------------------

Flow = Callable[[Turn], Awaitable[None]]
# An answer to a step; False when a list's answer names nothing on it (the text is then
# read as any other: a command, a menu number).
Answer = Callable[[Turn], Awaitable[bool]]


async def _nudge_all(turn: Turn) -> None:
    turn.state.clear()
    await nudge(turn)


FLOWS: dict[str, Flow] = {
    "missing": missing,
    "nudge": _nudge_all,
    "plans": plans,
    "joins": joins,
    "webview": webview,
}
ANSWERS: dict[str, Answer] = {
    "leader-missing": missing_answer,
    "leader-plans": plans_answer,
    "leader-plan": plan_answer,
    "leader-comment": comment_answer,
    "leader-joins": joins_answer,
    "leader-join": join_answer,
}


def owns(turn: Turn) -> bool:
    """Whether the step the person is at is one of this module's."""
    return str(turn.state.get("step", "")).startswith(STEP_PREFIX)


async def route(turn: Turn, command: str | None) -> bool:
    """Run a leader's command, or answer a leader's step; False when it is neither."""
    if command in FLOWS:
        await FLOWS[command](turn)
        return True
    if command is None and owns(turn):
        if await ANSWERS[str(turn.state["step"])](turn):
            return True
        turn.state.clear()
    return False


async def ask_again(turn: Turn) -> None:
    """The current leader step's question once more (after a refusal)."""
    step = str(turn.state.get("step", ""))
    if step == "leader-comment":
        turn.say("zalo-review-comment", name=_owner(turn))
    elif step == "leader-join":
        await joins(turn)  # another leader may have answered the request meanwhile
    elif step == "leader-plan":
        await _show_plan(turn)
    elif step in ANSWERS:
        await FLOWS[step.removeprefix(STEP_PREFIX)](turn)
