"""``python -m emulator`` starts the server, prints its URL and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import aiohttp

from tests.emulator.conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]


async def test_python_dash_m_emulator() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "emulator",
        "--port",
        "0",
        "--bot-username",
        "cli_test_bot",
        "--chat-rate",
        "2",
        "--log-level",
        "WARNING",
        stdout=asyncio.subprocess.PIPE,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 15)).decode()
        match = re.search(r"chat page at (http://127\.0\.0\.1:\d+)/", line)
        assert match, line
        base_url = match.group(1)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base_url}/bot{TOKEN}/getMe") as resp:
                me = (await resp.json())["result"]
            async with http.get(f"{base_url}/_emulator/limits") as resp:
                limits = await resp.json()
            async with http.get(f"{base_url}/") as resp:
                page = await resp.text()
        assert me["username"] == "cli_test_bot"
        assert limits["chat_rate"] == 2.0
        assert '<meta charset="utf-8">' in page and "Chọn người dùng" in page
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 10) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
