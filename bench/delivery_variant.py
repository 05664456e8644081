"""``python -m bench.delivery_variant --flood-retries N …``: the delivery process, with the
sender's ``flood_retries`` changed, to measure a proposed change without editing it in."""

from __future__ import annotations

import asyncio
import sys

from delivery import process as delivery_process
from delivery.senders import TelegramSender


def main() -> None:
    argv = sys.argv[1:]
    position = argv.index("--flood-retries")
    retries = int(argv[position + 1])
    del argv[position : position + 2]
    defaults = TelegramSender.__init__.__kwdefaults__
    assert defaults is not None and "flood_retries" in defaults
    defaults["flood_retries"] = retries
    asyncio.run(delivery_process.main(argv))


if __name__ == "__main__":
    main()
