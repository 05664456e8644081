"""What the buttons under reminders carry: the contract with ``dialogs/``.

Private reminders carry inline buttons with ``callback_data`` (at most 64 bytes):

==========================  =====================================  ===========================
callback data               sent with                              should open
==========================  =====================================  ===========================
``report:<year>-<month>``   report reminder                        the monthly report dialog
``absence:<meeting_id>``    meeting reminders (eve, hours before)  the notice-of-absence dialog
``plan:<year>``             plan registration reminder             the plan registration dialog
``review-plans:<cell_id>``  plans waiting for review               the secretary's review list
``summary:<cell_id>:<year>-<month>``  secretary's digest           the cell's month summary
==========================  =====================================  ===========================

Group chats get a URL button instead, a deep link into the private chat:
``https://t.me/<bot>?start=absent-<meeting_id>`` (``/start absent-<meeting_id>``), because a
callback pressed in a group cannot open a private dialog. Without a known bot username
the group announcement goes out without a button.
"""

from __future__ import annotations

from typing import Any

from locales import t

REPORT = "report"
ABSENCE = "absence"
PLAN = "plan"
REVIEW_PLANS = "review-plans"
SUMMARY = "summary"
START_ABSENT = "absent"


def report_data(year: int, month: int) -> str:
    return f"{REPORT}:{year}-{month:02d}"


def absence_data(meeting_id: int) -> str:
    return f"{ABSENCE}:{meeting_id}"


def plan_data(year: int) -> str:
    return f"{PLAN}:{year}"


def review_plans_data(cell_id: int) -> str:
    return f"{REVIEW_PLANS}:{cell_id}"


def summary_data(cell_id: int, year: int, month: int) -> str:
    return f"{SUMMARY}:{cell_id}:{year}-{month:02d}"


def absence_deep_link(bot_username: str, meeting_id: int) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={START_ABSENT}-{meeting_id}"


def keyboard(*rows: list[dict[str, str]]) -> dict[str, Any]:
    """Bot API ``InlineKeyboardMarkup`` JSON, as stored in the outbox payload."""
    return {"inline_keyboard": [list(row) for row in rows]}


def callback_button(text: str, data: str) -> dict[str, str]:
    assert len(data.encode()) <= 64, data
    return {"text": text, "callback_data": data}


def url_button(text: str, url: str) -> dict[str, str]:
    return {"text": text, "url": url}


def report_keyboard(year: int, month: int) -> dict[str, Any]:
    return keyboard([callback_button(t("sched-button-report"), report_data(year, month))])


def absence_keyboard(meeting_id: int) -> dict[str, Any]:
    return keyboard([callback_button(t("sched-button-absence"), absence_data(meeting_id))])


def group_absence_keyboard(bot_username: str | None, meeting_id: int) -> dict[str, Any] | None:
    if not bot_username:
        return None
    link = absence_deep_link(bot_username, meeting_id)
    return keyboard([url_button(t("sched-button-absence"), link)])


def plan_keyboard(year: int) -> dict[str, Any]:
    return keyboard([callback_button(t("sched-button-plan"), plan_data(year))])


def review_keyboard(cell_id: int) -> dict[str, Any]:
    return keyboard([callback_button(t("sched-button-review"), review_plans_data(cell_id))])


def summary_keyboard(cell_id: int, year: int, month: int) -> dict[str, Any]:
    data = summary_data(cell_id, year, month)
    return keyboard([callback_button(t("sched-button-summary"), data)])
