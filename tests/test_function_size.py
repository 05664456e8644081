"""No function in the rules, the storage or the Telegram dialogs runs over sixty lines: a
longer one is two ideas. Migrations are schema listings written once, and are left out."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 60


def long_functions(packages: tuple[str, ...], *, migrations: bool = False) -> list[str]:
    found = []
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts and not migrations:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > LIMIT:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {length}")
    return found


def test_no_function_is_over_sixty_lines() -> None:
    assert long_functions(("dialogs", "domain", "storage")) == []


def test_the_scan_finds_a_long_function_where_there_is_one() -> None:
    # The initial migration's upgrade lists every table: the scan must see it.
    assert any(" upgrade " in found for found in long_functions(("storage",), migrations=True))
