"""``python -m bench [--quick] [--only NAME] [--out FILE]``: NAME is step, broadcast,
aggregation, memory, load or scale."""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench import aggregation, broadcast, load, memory, report, scale, step
from bench.results import Result

BENCHMARKS: dict[str, Callable[[bool, Path], Awaitable[Result]]] = {
    "step": step.run,
    "broadcast": broadcast.run,
    "aggregation": aggregation.run,
    "memory": memory.run,
    "load": load.run,
    "scale": scale.run,
}
ANALYSIS = Path(__file__).with_name("analysis.md")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a few minutes")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append",
                        help="run only this benchmark (repeatable)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    return parser.parse_args(argv)


async def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    names = args.only or list(BENCHMARKS)
    started = time.monotonic()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="chibo-bench-") as workdir:
        for name in names:
            print(f"== {name}", flush=True)
            result = await BENCHMARKS[name](args.quick, Path(workdir))
            print("\n".join(report.section(result)), flush=True)
            results.append(result)
    command = "python -m bench " + shlex.join(sys.argv[1:] if argv is None else argv)
    analysis = ANALYSIS.read_text(encoding="utf-8") if ANALYSIS.exists() else ""
    text = await report.render(results, command.strip(), time.monotonic() - started, analysis)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    asyncio.run(main())
