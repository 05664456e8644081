"""Simulated members against the real ``chibo run --only bot`` on PostgreSQL, through the
Telegram stand-in in its own process, for a bounded time (``bench/load.py``). This checks
correctness at a size that finishes on a slow, busy machine: every action is answered,
nothing errs, and every status and report the bot acknowledged is in the database. The
throughput figures (200 members) come from ``python -m bench --only load``, never from here.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bench.databases import drop_postgres, recreate_postgres
from bench.load import LoadSizes, measure
from tests.conftest import postgres_server_url
from tests.moments import MOMENTS

# 40 members (a large cell) arriving over 5 s and acting for 20 s: about a minute in all on
# a quiet machine, a few on a loaded one; the timeout is far from either.
SIZES = LoadSizes(users=40, duration=20.0, items=1, ramp=5.0)
AT = MOMENTS["mid-month"]


@pytest.mark.timeout(1200)
async def test_a_cell_reports_at_once_and_nothing_is_lost(tmp_path: Path) -> None:
    postgres_server_url()  # a clear failure when the test server is not configured
    name = f"load_test_{uuid.uuid4().hex[:8]}"
    url = (await recreate_postgres(name)).render_as_string(hide_password=False)
    try:
        outcome = await measure(tmp_path, url, SIZES, at=AT)
    finally:
        await drop_postgres(name)

    assert outcome.errors == []
    assert len(outcome.members) == SIZES.users
    # Every member was answered at least once: nobody was left waiting at the door.
    assert min(member.answers for member in outcome.members) >= 1
    assert outcome.statuses_pressed > 0
    assert outcome.missing == []
    output = (tmp_path / "chibo.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output
