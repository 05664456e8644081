"""A delivery worker as its own process: ``python -m delivery.process``.

Reads ``CHIBO_DATABASE_URL``, ``CHIBO_TELEGRAM_API_URL`` and ``CHIBO_BOT_TOKEN`` like
``chibo run``; stops cleanly on SIGTERM or SIGINT (sends in flight finish, the rest of
the batch goes back to the outbox). Start as many as the outbox needs on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from config.logs import configure_logging, token_secrets
from config.settings import load_settings
from delivery.runtime import default_worker_id, run_delivery
from delivery.worker import DeliveryPolicy
from storage.db import create_engine, create_session_factory


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    defaults = DeliveryPolicy()
    parser = argparse.ArgumentParser(prog="python -m delivery.process")
    parser.add_argument("--worker-id", default=None)
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="messages per second (default CHIBO_DELIVERY_RATE), 0: off",
    )
    parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
    parser.add_argument("--batch", type=int, default=defaults.batch_size)
    parser.add_argument("--lease", type=float, default=defaults.lease_seconds)
    parser.add_argument("--idle", type=float, default=defaults.idle_seconds)
    return parser.parse_args(argv)


async def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    settings = load_settings()
    configure_logging(
        settings.log_level,
        token_secrets(settings.bot_token.get_secret_value() if settings.bot_token else None),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    policy = DeliveryPolicy(
        batch_size=args.batch,
        lease_seconds=args.lease,
        lease_margin_seconds=min(DeliveryPolicy().lease_margin_seconds, args.lease / 4),
        concurrency=args.concurrency,
        idle_seconds=args.idle,
    )
    engine = create_engine(settings.database_url)
    try:
        await run_delivery(
            settings,
            create_session_factory(engine, settings.tz),
            stop,
            args.worker_id or default_worker_id(),
            clock=settings.clock(),
            policy=policy,
            overall_per_second=args.rate,
        )
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
