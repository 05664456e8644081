"""The processes a benchmark starts: a free port, start with a clean environment, ready, stop."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def running(
    command: list[str], log_path: Path, settings: dict[str, str], cwd: Path
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """``command`` in this environment without its ``CHIBO_*`` settings, plus ``settings``,
    its output appended to ``log_path``; terminated (killed after 30 s) when done."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIBO_")}
    env.update(settings)
    with log_path.open("ab") as log:
        # Popen returns at once; the process is waited for with asyncio.to_thread.
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)  # noqa: ASYNC220
    try:
        yield process
    finally:
        process.terminate()
        try:
            await asyncio.to_thread(process.wait, 30)
        except subprocess.TimeoutExpired:
            process.kill()


async def wait_until(
    process: subprocess.Popen[bytes], url: str, ready: Callable[[Any], bool], seconds: float
) -> None:
    """Poll ``url`` until it answers 200 with JSON that is ``ready``."""
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args!r} exited early with {process.returncode}")
            try:
                async with http.get(url) as resp:
                    if resp.status == 200 and ready(await resp.json()):
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{process.args!r} not ready in {seconds}s")
