"""``python -m emulator``: run the Telegram stand-in and its chat page until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from emulator.config import (
    DEFAULT_BOT_USERNAME,
    DEFAULT_ZALO_TOKEN,
    EmulatorConfig,
    Faults,
    RateLimits,
)
from emulator.server import Emulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m emulator", description="A local Telegram Bot API with a chat page."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--bot-username", default=DEFAULT_BOT_USERNAME)
    parser.add_argument("--bot-name", default="chibo", help="the bot's first_name")
    parser.add_argument("--token", help="accept only this bot token (default: any)")
    parser.add_argument(
        "--zalo-token", default=DEFAULT_ZALO_TOKEN, help="the Zalo bot token served under /zalo"
    )
    parser.add_argument("--global-rate", type=float, default=30.0, help="messages/s, all chats")
    parser.add_argument("--chat-rate", type=float, default=1.0, help="messages/s in one chat")
    parser.add_argument("--chat-burst", type=int, default=5)
    parser.add_argument("--group-rate", type=float, default=20.0, help="messages/min in a group")
    parser.add_argument("--fault-429", type=float, default=0.0, help="share of calls → 429")
    parser.add_argument("--fault-500", type=float, default=0.0, help="share of calls → 500")
    parser.add_argument("--fault-slow", type=float, default=0.0, help="share of slow answers")
    parser.add_argument("--slow-seconds", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--strict-html", action="store_true", help="also refuse a bare '&' under HTML"
    )
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def config_from(args: argparse.Namespace) -> EmulatorConfig:
    return EmulatorConfig(
        bot_username=args.bot_username,
        bot_first_name=args.bot_name,
        token=args.token,
        zalo_token=args.zalo_token,
        limits=RateLimits(
            global_rate=args.global_rate,
            chat_rate=args.chat_rate,
            chat_burst=args.chat_burst,
            group_rate_per_minute=args.group_rate,
        ),
        faults=Faults(
            share_429=args.fault_429,
            share_500=args.fault_500,
            share_slow=args.fault_slow,
            slow_seconds=args.slow_seconds,
            seed=args.seed,
        ),
        strict_html=args.strict_html,
    )


async def serve(args: argparse.Namespace) -> None:
    emulator = Emulator(config_from(args))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    url = await emulator.start(args.host, args.port)
    sys.stdout.write(
        f"Telegram emulator: Bot API at {url}/bot<token>/, Zalo at {url}/zalo/bot<token>/, "
        f"chat page at {url}/\n"
    )
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await emulator.stop()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s: %(message)s")
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
