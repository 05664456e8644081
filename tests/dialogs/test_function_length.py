"""No function in ``dialogs/``, ``domain/`` or ``storage/`` is longer than a screen.

A function is measured from its ``def`` line to its last line. Alembic's generated
migrations are not measured.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("dialogs", "domain", "storage")
LIMIT = 60


def _lengths() -> dict[tuple[str, str], int]:
    lengths: dict[tuple[str, str], int] = {}
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("storage/migrations/"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    assert node.end_lineno is not None
                    lines = node.end_lineno - node.lineno + 1
                    key = (relative, node.name)
                    lengths[key] = max(lines, lengths.get(key, 0))
    return lengths


def test_no_function_is_longer_than_the_limit() -> None:
    lengths = _lengths()
    too_long = sorted(
        f"{path}:{name} ({lines} lines)" for (path, name), lines in lengths.items() if lines > LIMIT
    )
    assert not too_long, f"functions over {LIMIT} lines: {too_long}"
