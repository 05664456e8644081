"""The moments at which date-sensitive tests run, in local time (Asia/Ho_Chi_Minh).

A test that asks for the ``moment`` fixture adapts to whatever moment it is given and
runs at ``mid-month`` by default; ``pytest --moment NAME`` (or an ISO 8601 moment with an
offset) runs it at another one, ``--moment all`` at every moment below (``make
test-moments``, run by CI). The demo cells meet on the 5th, the 3rd and the 1st at 14:00,
16:30 and 19:30, and remind members 3 days and 1 day before.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

ICT = timezone(timedelta(hours=7), "ICT")


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ICT)


MOMENTS: dict[str, datetime] = {
    # No meeting, reminder or digest near: a Wednesday, office hours.
    "mid-month": _local("2027-03-10T10:00"),
    # The 1st: the third demo cell meets tonight, the second the day after tomorrow.
    "month-first": _local("2027-03-01T08:30"),
    # The last day of a month: reports are for the month that ends tonight.
    "month-last": _local("2027-03-31T17:00"),
    # The day before the first demo cell's meeting (Friday 5/3): reminders and the digest.
    "meeting-eve": _local("2027-03-04T15:00"),
    # That meeting's day, before it starts.
    "meeting-day": _local("2027-03-05T09:00"),
    # 5/2/2027 is the eve of Tết: the meeting of the 5th moves to Thursday 11/2.
    "tet": _local("2027-02-05T10:00"),
    # 30/4/2027 (Friday, a holiday): the meetings of 1/5 and 3/5 move to Tuesday 4/5.
    "reunification": _local("2027-04-30T09:00"),
    # Just past 31/12 → 1/1: a new plan year, while December's reports belong to the last.
    # (A test that ran across midnight would see two days; the turn itself is tested on
    # FixedClock in tests/scheduler and tests/domain/test_clock.py.)
    "new-year": _local("2027-01-01T00:05"),
    # Inside the quiet hours (21:00–07:00): reminders wait for the morning.
    "quiet-hours": _local("2027-03-09T22:30"),
}
DEFAULT = "mid-month"


def chosen(option: str) -> list[tuple[str, datetime]]:
    """The moments named by ``--moment``: one name, ``all``, or an ISO 8601 moment."""
    if option == "all":
        return list(MOMENTS.items())
    if option in MOMENTS:
        return [(option, MOMENTS[option])]
    try:
        moment = datetime.fromisoformat(option)
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        names = ", ".join(MOMENTS)
        raise ValueError(f"--moment: {option!r} is none of: all, {names}, or ISO 8601 with offset")
    return [(option, moment)]
