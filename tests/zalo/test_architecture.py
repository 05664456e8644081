"""No rule written twice: the Zalo conversation calls the domain use cases the Telegram
dialogs call, and holds no SQL of its own."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The conversation, and the platform's wiring around it.
ZALO = (ROOT / "conversations" / "zalo", ROOT / "bot" / "zalo")


def _imports(folder: Path) -> set[tuple[str, str]]:
    """(module, name) for ``from module import name`` and for ``module.name`` after
    ``from package import module``."""
    found: set[tuple[str, str]] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    found.add((node.module, alias.name))
                    if node.module == "domain":
                        modules[alias.asname or alias.name] = f"domain.{alias.name}"
            elif isinstance(node, ast.Import):
                found.update((alias.name, "") for alias in node.names)
        for node in ast.walk(tree):
            name = node.value if isinstance(node, ast.Attribute) else None
            if isinstance(name, ast.Name) and name.id in modules:
                found.add((modules[name.id], node.attr))  # type: ignore[union-attr]
    return found


def test_the_zalo_conversation_holds_no_sql() -> None:
    for folder in ZALO:
        modules = {module for module, _ in _imports(folder)}
        sql = {m for m in modules if m.startswith("sqlalchemy") and m != "sqlalchemy.ext.asyncio"}
        assert not sql, (folder.name, sql)
        paths = list(folder.glob("*.py"))
        assert paths, folder
        for path in paths:
            source = path.read_text(encoding="utf-8")
            assert "select(" not in source and "execute(" not in source, path


def test_zalo_and_telegram_call_the_same_member_use_cases() -> None:
    zalo = {(m, n) for f in ZALO for m, n in _imports(f) if m.startswith("domain.")}
    telegram = {(m, n) for m, n in _imports(ROOT / "dialogs") if m.startswith("domain.")}
    shared = zalo & telegram
    for use_case in [
        ("domain.joining", "join_cell"),
        ("domain.plans", "add_item_at"),
        ("domain.plans", "plan_year"),
        ("domain.plans", "submit_plan"),
        ("domain.reports", "open_report"),
        ("domain.reports", "set_item_status"),
        ("domain.reports", "set_item_note"),
        ("domain.reports", "submit_report"),
    ]:
        assert use_case in shared, use_case
    # Every domain module the Zalo side uses is one the Telegram side uses or a Zalo-only
    # concern (linking accounts, one-time file links).
    zalo_only = {m for m, _ in zalo} - {m for m, _ in telegram}
    assert zalo_only <= {"domain.linking", "domain.downloads"}, zalo_only
