"""The web view's JSON: plain data from the domain, shaped for the page's script."""

from __future__ import annotations

from typing import Any

from domain.cell_view import CellPage, PlanHistory
from domain.summaries import CommitteeRollup, MemberText
from locales import t

WORD_IDS = (
    "webview-loading",
    "webview-member",
    "webview-on-time",
    "webview-late",
    "webview-missing",
    "webview-absent",
    "webview-difficulties",
    "webview-proposals",
    "webview-none",
    "webview-pending",
    "webview-approve",
    "webview-approved",
    "webview-report-rate",
    "webview-done-rate",
    "webview-joins",
    "webview-accept",
    "webview-accepted",
    "webview-refuse",
    "webview-refused",
    "report-status-done",
    "report-status-in-progress",
    "report-status-not-started",
)


def words() -> dict[str, str]:
    """The page's fixed words; those with a number are formatted with a placeholder."""
    fixed = {msg_id: t(msg_id) for msg_id in WORD_IDS}
    for msg_id, arg in (
        ("webview-grid", "year"),
        ("webview-month", "month"),
        ("webview-sections", "month"),
        ("webview-items", "count"),
        ("webview-cells", "month"),
        ("webview-history", "year"),
    ):
        fixed[msg_id] = t(msg_id, **{arg: "{n}"})
    return fixed


def _texts(texts: tuple[MemberText, ...]) -> list[dict[str, str]]:
    return [{"name": text.full_name, "text": text.text} for text in texts]


def cell_json(page: CellPage) -> dict[str, Any]:
    summary = page.summary
    members: dict[int, dict[str, Any]] = {}
    for cell in page.grid:
        row = members.setdefault(
            cell.member_id, {"member_id": cell.member_id, "name": cell.full_name, "months": {}}
        )
        row["months"][cell.month] = {
            "state": cell.state,
            "done": cell.done,
            "planned": cell.planned,
        }
    return {
        "kind": "cell",
        "cell": summary.cell_name,
        "year": summary.year,
        "month": summary.month,
        "members": list(members.values()),
        "sections": [
            {"title": s.title, "done": s.items.done, "planned": s.items.planned}
            for s in summary.sections
        ],
        "difficulties": _texts(summary.difficulties),
        "proposals": _texts(summary.proposals),
        "pending": [
            {"plan_id": p.plan_id, "name": p.full_name, "items": p.items} for p in page.pending
        ],
        "joins": [{"member_id": m.id, "name": m.full_name} for m in page.joins],
    }


def committee_json(rollup: CommitteeRollup) -> dict[str, Any]:
    return {
        "kind": "committee",
        "committee": rollup.committee_name,
        "year": rollup.year,
        "month": rollup.month,
        "cells": [
            {
                "name": c.cell_name,
                "members": c.members_total,
                "reported": c.reported,
                "on_time": c.reported_on_time,
                "done": c.items.done,
                "planned": c.items.planned,
            }
            for c in rollup.cells
        ],
    }


def history_json(history: PlanHistory) -> dict[str, Any]:
    titles = {section.id: section.title for section in history.plan.sections}
    return {
        "year": history.plan.year,
        "items": [
            {
                "section": titles.get(item.section_id, ""),
                "text": item.text,
                "months": {m: str(s) for m, s in history.months.get(item.id, {}).items()},
            }
            for item in history.plan.items
        ],
    }
