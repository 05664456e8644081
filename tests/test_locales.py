"""Every message id used in code exists in locales/vi/, every id there is used,
no id is defined twice, and the variables passed match the ones a message uses."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from fluent.syntax import FluentParser
from fluent.syntax import ast as fl
from fluent.syntax.visitor import Visitor

from locales import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[1]
# Every package of the product: a new one is read without being listed here.
SOURCE_DIRS = sorted(
    p.name
    for p in ROOT.iterdir()
    if (p / "__init__.py").exists() and p.name not in {"tests", "bench"}
)
# Callables whose first argument is a message id, and whose keyword arguments are its variables.
FORMATTERS = {"t", "html", "DomainError", "NotFound", "PermissionDenied"}
# Callables whose first argument is a message id rendered with a getter's data
# (the Fluent widgets, and the buttons of dialogs/widgets.py captioned by them).
WIDGETS = {"I18NFormat", "I18NPlain", "button", "switch", "start"}


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fl.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def fluent_messages() -> tuple[dict[str, set[str]], Counter[str]]:
    messages: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    for path in sorted((LOCALES_DIR / "vi").glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [entry for entry in resource.body if isinstance(entry, fl.Junk)]
        assert not junk, f"{path.name}: syntax error near {junk[0].content[:60]!r}"
        for entry in resource.body:
            if isinstance(entry, fl.Message):
                visitor = _Variables()
                visitor.visit(entry)
                messages[entry.id.name] = visitor.names
                counts[entry.id.name] += 1
    return messages, counts


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def python_sources() -> list[Path]:
    files: list[Path] = []
    for folder in SOURCE_DIRS:
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return [path for path in files if "migrations" not in path.parts]


def code_references() -> tuple[set[str], list[tuple[str, str, set[str] | None]]]:
    """All string literals in the product's code, and the formatter calls with their kwargs."""
    literals: set[str] = set()
    calls: list[tuple[str, str, set[str] | None]] = []
    for path in python_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if isinstance(node, ast.Call) and node.args:
                name = _callee(node)
                first = node.args[0]
                if name in FORMATTERS | WIDGETS and isinstance(first, ast.Constant):
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    if name in WIDGETS or any(k.arg is None for k in node.keywords):
                        kwargs = None  # variables come from a getter or **mapping
                    else:
                        kwargs = {k.arg for k in node.keywords if k.arg is not None}
                    calls.append((str(first.value), where, kwargs))
    return literals, calls


def test_no_message_id_is_defined_twice() -> None:
    _, counts = fluent_messages()
    assert [name for name, count in counts.items() if count > 1] == []


def test_every_id_used_in_code_exists() -> None:
    messages, _ = fluent_messages()
    _, calls = code_references()
    missing = [(msg_id, where) for msg_id, where, _ in calls if msg_id not in messages]
    assert calls, "the scan found no message ids at all"
    assert missing == []


def test_every_id_in_locales_is_used_in_code() -> None:
    messages, _ = fluent_messages()
    literals, _ = code_references()
    assert sorted(set(messages) - literals) == []


def test_variables_passed_match_the_message() -> None:
    messages, _ = fluent_messages()
    _, calls = code_references()
    wrong = [
        (msg_id, where, sorted(kwargs), sorted(messages[msg_id]))
        for msg_id, where, kwargs in calls
        if kwargs is not None
        and msg_id in messages
        and kwargs != messages[msg_id]
        # DomainError may carry extra context for logs; it must still cover the message.
        and not (messages[msg_id] <= kwargs and msg_id.startswith("error-"))
    ]
    assert wrong == []
