"""A province's layout on loopback (``bench/scale.py``): two webhook bot workers behind a
round-robin forwarder that also replays updates to the other worker, one PostgreSQL, Redis
for dialog state, two schedulers and two delivery workers. Correctness only, at a size that
finishes on a busy machine: nothing errs, every acknowledged write is stored, a replayed
message is handled once, one scheduler holds the lease. The throughput of one worker
against two comes from ``python -m bench --only scale``, never from here.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from bench.databases import drop_postgres, recreate_postgres
from bench.load import LoadSizes
from bench.scale import Layout, measure, redis_server
from tests.conftest import postgres_server_url
from tests.moments import MOMENTS

SIZES = LoadSizes(users=16, duration=20.0, items=1, ramp=4.0, free_item=True)
# Every third update goes to both workers at once.
LAYOUT = Layout(workers=2, redis_url=None, replay_every=3, schedulers=2, deliveries=2)


@pytest.mark.timeout(1200)
async def test_two_workers_share_the_load_and_a_replay_is_handled_once(tmp_path: Path) -> None:
    postgres_server_url()
    assert shutil.which("redis-server"), "Debian's redis-server is needed (.ci/run installs it)"
    name = f"scale_test_{uuid.uuid4().hex[:8]}"
    url = (await recreate_postgres(name)).render_as_string(hide_password=False)
    try:
        async with redis_server(tmp_path) as redis_url:
            layout = replace(LAYOUT, redis_url=redis_url)
            outcome = await measure(tmp_path, url, SIZES, layout, MOMENTS["mid-month"])
    finally:
        await drop_postgres(name)

    assert outcome.errors == []
    load = outcome.load
    assert min(member.answers for member in load.members) >= 1
    # Every member typed a deed while every third update was delivered twice: each deed
    # is stored once (``missing`` names a deed stored twice or not at all).
    assert sum(member.free_added for member in load.members) > 0
    assert outcome.replayed > 0
    assert load.missing == []
    # Both workers answered updates; one of the two schedulers holds the lease.
    assert len(outcome.per_worker) == 2 and min(outcome.per_worker) > 0
    assert len(outcome.lease_holders) == 1
