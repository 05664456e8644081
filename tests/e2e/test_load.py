"""200 simulated members against the real ``chibo run --only bot`` on PostgreSQL, through the
Telegram stand-in in its own process, for a bounded time (``bench/load.py``; the figures
come from ``python -m bench --only load``, never from here). Every action is answered,
nothing errs, and every status and report the bot acknowledged is in the database."""

from __future__ import annotations

import uuid
from pathlib import Path

from bench.databases import drop_postgres, recreate_postgres
from bench.load import QUICK, measure
from tests.conftest import postgres_server_url

SIZES = QUICK


async def test_200_members_report_at_once_and_nothing_is_lost(tmp_path: Path) -> None:
    postgres_server_url()  # a clear failure when the test server is not configured
    name = f"load_test_{uuid.uuid4().hex[:8]}"
    url = (await recreate_postgres(name)).render_as_string(hide_password=False)
    try:
        outcome = await measure(tmp_path, url, SIZES)
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
