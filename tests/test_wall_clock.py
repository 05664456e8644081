"""Nothing decides by the machine's clock: tests set the moment they need, and product code
asks the ``Clock`` it was given.

The check reads the source (AST) for the calls that read the wall clock: ``datetime.now``,
``datetime.utcnow``, ``datetime.today``, ``date.today``, ``time.time``, ``time.time_ns``,
``time.localtime``, ``time.gmtime`` and ``time.ctime`` without an argument, ``utcnow()``
and ``SystemClock()``. ``time.monotonic`` and ``perf_counter`` measure durations and are
fine. Tests may do none of these; product code only in the places listed in ``ALLOWED``,
each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# bench/ too: tests drive its load and broadcast runs.
PRODUCT = (
    "bot",
    "config",
    "dialogs",
    "domain",
    "storage",
    "scheduler",
    "delivery",
    "exports",
    "bench",
)
ALLOWED: dict[str, str] = {
    "domain/clock.py": "SystemClock is the one reader of the machine's clock",
    "config/settings.py": "Settings.clock() hands out SystemClock when CHIBO_CLOCK_START is unset",
    "storage/types.py": "utcnow stamps rows (created_at, updated_at); no rule reads them",
    "storage/fsm.py": "dialog state rows stamped with utcnow (updated_at)",
    "storage/zalo.py": "Zalo conversation state rows stamped with utcnow (updated_at)",
    "delivery/outbox.py": "outbox rows stamped with utcnow (created_at); not_before is given",
    "bench/load.py": "a benchmark run not given a moment (`at`) happens now; tests give one",
    "bench/scale.py": "a benchmark run not given a moment (`at`) happens now; tests give one",
    "bench/report.py": "the date a benchmark report was written",
    "scheduler/runtime.py": "APScheduler's timer runs on the machine's clock; the tick asks "
    "the injected clock what time it is",
}
CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
}
# These read the clock only when called without a time to convert.
CLOCK_WITHOUT_ARGS = {("time", "localtime"), ("time", "gmtime"), ("time", "ctime")}


def _owner(node: ast.expr) -> str | None:
    """``datetime`` for ``datetime.now`` and for ``datetime.datetime.now``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def wall_clock_reads(source: str) -> list[int]:
    """Line numbers of the calls in ``source`` that read the machine's clock."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            pair = (_owner(func.value), func.attr)
            if pair in CLOCK_CALLS or (pair in CLOCK_WITHOUT_ARGS and not node.args):
                lines.append(node.lineno)
        elif isinstance(func, ast.Name) and func.id in ("SystemClock", "utcnow"):
            lines.append(node.lineno)
    return sorted(lines)


def _sources(folders: tuple[str, ...]) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def test_the_check_finds_each_way_of_reading_the_clock() -> None:
    source = "\n".join(
        [
            "import datetime, time",
            "a = datetime.datetime.now(datetime.UTC)",
            "b = date.today()",
            "c = time.time()",
            "d = time.localtime()",
            "e = SystemClock().now()",
            "f = utcnow()",
            "g = time.monotonic()",
            "h = time.localtime(0)",
            "i = clock.now()",
            "j = datetime.fromisoformat('2027-03-10')",
        ]
    )
    assert wall_clock_reads(source) == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("path", _sources(("tests",)), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_test_reads_the_wall_clock(path: Path) -> None:
    if path == Path(__file__):
        return  # the examples above are strings, but this module names the calls
    found = wall_clock_reads(path.read_text(encoding="utf-8"))
    where = ", ".join(f"{path.relative_to(ROOT)}:{line}" for line in found)
    assert not found, f"set the moment instead (the moment or clock fixture): {where}"


def test_product_code_asks_its_clock() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _sources(PRODUCT)
        if str(path.relative_to(ROOT)) not in ALLOWED
        for line in wall_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_allowed_place_still_reads_the_clock() -> None:
    # A place that no longer needs its exception loses it.
    stale = [name for name in ALLOWED if not wall_clock_reads((ROOT / name).read_text())]
    assert stale == []
