"""End-to-end: the real ``chibo run`` process, in local mode, driven over HTTP.

``chibo`` starts a fresh process with no token on a temporary SQLite database; the
process starts the Telegram stand-in on a free port, seeds the demo data and runs the
unchanged bot against it. Its clock starts at the test's ``moment`` (``CHIBO_CLOCK_START``)
and runs on; ``chibo.clock`` is the same clock on the test's side. The process reads its
clock first a little after it was started, so it runs behind the test's clock by at most
its start-up time: ``chibo.now()`` is a moment the process has certainly reached (what the
test writes "now" is then already due for the process), across restarts too.
``chibo.users`` acts as Telegram users through the stand-in's user API.
``chibo.restart()`` stops the process (SIGTERM, or SIGKILL) and starts it again
on the same database and port.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from domain.clock import Clock, RunningClock
from emulator.client import UserClient

CHIBO = Path(sys.executable).with_name("chibo")
READY_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ChiboProcess:
    workdir: Path
    database_url: str
    port: int
    # The test's clock; each start hands its current reading to the process.
    clock: Clock
    extra_env: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    # Set when the test runs its own stand-in (token mode); otherwise chibo starts one.
    api_url: str | None = None
    process: subprocess.Popen[bytes] | None = None
    users: UserClient | None = None
    # Seconds from starting the process to its being ready: how far its clock may lag.
    startup: float = 0.0

    @property
    def base_url(self) -> str:
        return self.api_url or f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "chibo.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHIBO_")}
        env.update(
            CHIBO_DATABASE_URL=self.database_url,
            CHIBO_EMULATOR_PORT=str(self.port),
            CHIBO_CLOCK_START=self.clock.now().isoformat(),
            CHIBO_LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def now(self) -> datetime:
        """A moment the process's clock has certainly reached."""
        return self.clock.now() - timedelta(seconds=self.startup)

    async def start(self) -> None:
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            # Popen returns at once; the process is waited for with asyncio.to_thread.
            self.process = subprocess.Popen(  # noqa: ASYNC220
                [str(CHIBO), "run", *self.args],
                cwd=self.workdir,
                env=self.env(),
                stdout=log,
                stderr=log,
            )
        await self._wait_ready()
        self.startup = time.monotonic() - started
        self.users = UserClient(self.base_url)

    async def _wait_ready(self) -> None:
        """Ready when the bot has registered its commands with the stand-in."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + READY_TIMEOUT
        async with aiohttp.ClientSession() as http:
            while loop.time() < deadline:
                assert self.process is not None
                if self.process.poll() is not None:
                    pytest.fail(f"chibo run exited early:\n{self.log_path.read_text()}")
                try:
                    async with http.get(f"{self.base_url}/_emulator/bot") as resp:
                        bot = await resp.json()
                        if resp.status == 200 and bot.get("commands"):
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
        pytest.fail(f"chibo run not ready in {READY_TIMEOUT}s:\n{self.log_path.read_text()}")

    async def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.users is not None:
            await self.users.close()
            self.users = None
        if self.process is None:
            return 0
        self.process.send_signal(sig)
        try:
            code = await asyncio.to_thread(self.process.wait, 30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = await asyncio.to_thread(self.process.wait, 10)
        self.process = None
        return code

    async def restart(self, sig: int = signal.SIGTERM) -> None:
        await self.stop(sig)
        await self.start()

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
async def chibo(tmp_path: Path, clock: RunningClock) -> AsyncIterator[ChiboProcess]:
    process = ChiboProcess(
        workdir=tmp_path,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'chibo.db'}",
        port=free_port(),
        clock=clock,
    )
    await process.start()
    try:
        yield process
    finally:
        await process.stop()
