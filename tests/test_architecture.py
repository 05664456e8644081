"""The packages import each other as the table in docs/architecture.md says, and no two
packages import each other, even by a detour.

Every import counts: at the top of a file, inside a function, under ``TYPE_CHECKING``. The
table's dotted names (``domain.vocabulary``) are modules of their own in the graph, so
storage may use the words of the domain without a cycle through the rest of it.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "docs" / "architecture.md"
EVERYTHING = "everything"

Graph = dict[str, set[str]]
# (importing file and line, importing package, imported node)
Import = tuple[str, str, str]


def read_table(markdown: str) -> dict[str, set[str]]:
    """``| `package/` | owns | may import |`` rows: package -> what it may import."""
    table: dict[str, set[str]] = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not re.fullmatch(r"`[a-z_]+/`", cells[0]):
            continue
        allowed = set(re.findall(r"`([a-z_.]+)`", cells[2]))
        table[cells[0].strip("`/")] = allowed | ({EVERYTHING} if EVERYTHING in cells[2] else set())
    return table


def packages() -> set[str]:
    return {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"}


def node(module: str, project: set[str], dotted: set[str]) -> str | None:
    """The graph's name for ``module``: a dotted table entry it lies in, else its package."""
    for entry in dotted:
        if module == entry or module.startswith(entry + "."):
            return entry
    top = module.split(".")[0]
    return top if top in project else None


def _imported(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    found = []
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.Import):
            found += [(stmt.lineno, alias.name) for alias in stmt.names]
        elif isinstance(stmt, ast.ImportFrom):
            base = stmt.module or ""
            if stmt.level:
                parent = module.split(".")[: -stmt.level]
                base = ".".join([*parent, base] if base else parent)
            found += [(stmt.lineno, f"{base}.{alias.name}") for alias in stmt.names]
    return found


def imports(project: set[str], dotted: set[str]) -> list[Import]:
    found = []
    for package in sorted(project):
        for path in sorted((ROOT / package).rglob("*.py")):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            source = node(module, project, dotted)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for line, name in _imported(tree, module):
                target = node(name, project, dotted)
                if target is not None and target != source:
                    found.append((f"{path.relative_to(ROOT)}:{line}", str(source), target))
    return found


def find_cycle(graph: Graph) -> list[str] | None:
    """A path that comes back where it started, or None."""
    done: set[str] = set()

    def walk(at: str, path: list[str]) -> list[str] | None:
        if at in path:
            return [*path[path.index(at) :], at]
        if at in done:
            return None
        for after in sorted(graph.get(at, ())):
            cycle = walk(after, [*path, at])
            if cycle:
                return cycle
        done.add(at)
        return None

    for start in sorted(graph):
        cycle = walk(start, [])
        if cycle:
            return cycle
    return None


def forbidden(found: list[Import], table: dict[str, set[str]]) -> list[str]:
    wrong = []
    for where, source, target in found:
        package = source.split(".")[0]
        allowed = table.get(package, set())
        if target.split(".")[0] == package or EVERYTHING in allowed:
            continue
        if target not in allowed and target.split(".")[0] not in allowed:
            wrong.append(f"{where}: {package} imports {target}")
    return wrong


def test_every_package_is_in_the_table() -> None:
    assert packages() - set(read_table(TABLE.read_text(encoding="utf-8"))) == set()


def test_every_import_is_one_the_table_allows() -> None:
    table = read_table(TABLE.read_text(encoding="utf-8"))
    dotted = {entry for allowed in table.values() for entry in allowed if "." in entry}
    assert forbidden(imports(packages(), dotted), table) == []


def test_no_package_cycle() -> None:
    table = read_table(TABLE.read_text(encoding="utf-8"))
    dotted = {entry for allowed in table.values() for entry in allowed if "." in entry}
    graph: Graph = defaultdict(set)
    for _, source, target in imports(packages(), dotted):
        graph[source].add(target)
    assert find_cycle(graph) is None


def test_the_checks_catch_a_cycle_and_a_forbidden_import() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    table = read_table(
        "| `storage/` | models | `domain.vocabulary` |\n"
        "| `domain/` | rules | `storage`, `locales` |\n"
        "| `bot/` | wiring | everything |\n"
        "| package | owns | may import |\n"
    )
    assert table == {
        "storage": {"domain.vocabulary"},
        "domain": {"storage", "locales"},
        "bot": {EVERYTHING},
    }
    found = [
        ("storage/models.py:3", "storage", "domain.vocabulary"),
        ("storage/db.py:4", "storage", "domain"),
        ("domain/plans.py:5", "domain.vocabulary", "storage"),
        ("bot/app.py:6", "bot", "domain"),
    ]
    assert forbidden(found, table) == ["storage/db.py:4: storage imports domain"]
    assert node("domain.vocabulary.Role", {"domain"}, {"domain.vocabulary"}) == "domain.vocabulary"
    assert node("domain.plans", {"domain"}, {"domain.vocabulary"}) == "domain"
    assert node("sqlalchemy.orm", {"domain"}, set()) is None
