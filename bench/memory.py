"""Benchmark 4: resident memory and start-up of ``chibo run`` with many open dialogs.

``chibo run`` in local mode (no token: it starts its own stand-in and seeds the demo) on a
temporary SQLite database. A first run lets a demo member open the menu, which leaves
aiogram-dialog's real state rows in ``fsm_records``; those rows are then copied for
10,000 new members, as if each had a dialog open. Measured twice, before and after the
copy: seconds from process start to the bot's answer to /start (sent through the
stand-in's user API), and VmRSS of the process once it answered.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bench.processes import free_port, running, wait_until
from bench.results import Result, ratio

CHIBO = Path(sys.executable).with_name("chibo")
FIRST_MEMBER_TG = 8_000_000
READY_SECONDS = 120.0
SETTLE_SECONDS = 2.0


@dataclass(frozen=True)
class MemorySizes:
    open_dialogs: int


FULL = MemorySizes(open_dialogs=10_000)
QUICK = MemorySizes(open_dialogs=10_000)  # cheap: the same in both modes


@dataclass(frozen=True)
class Boot:
    first_answer_seconds: float
    rss_kib: int


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


class ChiboRun:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.database = workdir / "memory.db"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/_emulator"

    def running(self) -> AbstractAsyncContextManager[subprocess.Popen[bytes]]:
        env = {"CHIBO_DATABASE_URL": f"sqlite+aiosqlite:///{self.database}",
               "CHIBO_EMULATOR_PORT": str(self.port), "CHIBO_LOG_LEVEL": "WARNING"}  # fmt: skip
        return running([str(CHIBO), "run"], self.workdir / "chibo.log", env, self.workdir)

    async def first_answer(self, http: aiohttp.ClientSession, chat_id: int) -> None:
        """Send /start as soon as the stand-in listens; return when the bot has answered."""
        deadline = time.monotonic() + READY_SECONDS
        while True:
            try:
                async with http.post(f"{self.base}/chats/{chat_id}/messages",
                                     json={"text": "/start"}) as resp:  # fmt: skip
                    if resp.status == 201:
                        break
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the stand-in never came up")
            await asyncio.sleep(0.05)
        while time.monotonic() < deadline:
            async with http.get(f"{self.base}/chats/{chat_id}", params={"wait": "5"}) as resp:
                view = await resp.json()
            if any(m["from_bot"] for m in view["messages"]):
                return
        raise TimeoutError("the bot never answered /start")

    async def boot(self, chat_id: int) -> Boot:
        started = time.monotonic()
        async with self.running() as process:
            async with aiohttp.ClientSession() as http:
                await self.first_answer(http, chat_id)
            seconds = time.monotonic() - started
            await asyncio.sleep(SETTLE_SECONDS)
            return Boot(seconds, rss_kib(process.pid))


async def demo_member(base: ChiboRun) -> int:
    """A demo persona's id (the database was seeded by a first boot)."""
    with sqlite3.connect(base.database) as db:
        row = db.execute(
            "SELECT telegram_id FROM members WHERE telegram_id IS NOT NULL AND status = 'active' "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    return int(row[0])


def copy_open_dialogs(database: Path, template_user: int, count: int) -> int:
    """``count`` new members, each with a copy of ``template_user``'s dialog state rows."""
    with sqlite3.connect(database) as db:
        cell_id = db.execute("SELECT min(id) FROM cells").fetchone()[0]
        templates = db.execute(
            "SELECT key, state, data, updated_at FROM fsm_records WHERE key LIKE ?",
            (f"%:{template_user}:{template_user}:%",),
        ).fetchall()
        if not templates:
            raise RuntimeError("the first boot left no dialog state to copy")
        members, records = [], []
        for n in range(count):
            user = FIRST_MEMBER_TG + n
            members.append((f"Đảng viên mở hộp thoại {n}", user, cell_id))
            for key, state, data, updated_at in templates:
                parts = key.split(":")
                parts[2] = parts[3] = str(user)  # fsm:<bot>:<chat>:<user>:<destiny>…
                records.append((":".join(parts), state, data, updated_at))
        db.executemany(
            "INSERT INTO members (full_name, telegram_id, cell_id, role, party_status, status, "
            "reachable, anonymised, joined_at) VALUES (?, ?, ?, 'member', 'official', 'active', "
            "1, 0, '2025-01-01 00:00:00.000000')",
            members,
        )
        db.executemany("INSERT INTO fsm_records VALUES (?, ?, ?, ?)", records)
    return len(records)


async def run(quick: bool, workdir: Path) -> Result:
    sizes = QUICK if quick else FULL
    chibo = ChiboRun(workdir)
    # First boot: migrations, demo seed; its /start leaves real dialog state behind.
    async with chibo.running() as process:
        url = f"{chibo.base}/bot"
        await wait_until(process, url, lambda bot: bool(bot.get("commands")), READY_SECONDS)
        member = await demo_member(chibo)
        async with aiohttp.ClientSession() as http:
            await chibo.first_answer(http, member)
    before = await chibo.boot(member)
    rows = copy_open_dialogs(chibo.database, member, sizes.open_dialogs)
    after = await chibo.boot(member)
    result = Result(
        title="4. Memory and start-up",
        setup=(
            "`chibo run` in local mode (embedded stand-in, demo data, SQLite state storage) "
            "on a temporary database; start-up = seconds from process start to the bot's "
            "answer to /start sent through the stand-in's user API; RSS = VmRSS of the process "
            f"{SETTLE_SECONDS:g} s after that answer. Open dialogs: {sizes.open_dialogs:,} "
            f"members with copies of a real menu dialog's state ({rows:,} fsm_records rows)."
        ),
        header=("open dialogs", "start → first answer", "RSS", "RSS ÷ no open dialogs"),
    )
    result.add_row("1 (demo only)", f"{before.first_answer_seconds:.2f} s",
                   f"{before.rss_kib / 1024:.1f} MiB", "1")  # fmt: skip
    share = after.rss_kib / before.rss_kib
    result.add_row(f"{sizes.open_dialogs:,}", f"{after.first_answer_seconds:.2f} s",
                   f"{after.rss_kib / 1024:.1f} MiB", ratio(share))  # fmt: skip
    result.figures.update(rss_before_kib=before.rss_kib, rss_after_kib=after.rss_kib,
                          rss_share=share, start_seconds=after.first_answer_seconds)  # fmt: skip
    return result
