"""The web view's JSON: plain data from the domain, shaped for the page's script."""

from __future__ import annotations

from typing import Any

from domain.cell_view import CellPage, PlanHistory
from domain.summaries import CommitteeRollup, MemberText
from exports.named import CELL_DOCUMENTS, COMMITTEE_DOCUMENTS
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


# Each file's button on the page (a file without one fails the page's first load).
EXPORT_LABELS = {
    "cell-month-docx": "webview-export-cell-month-docx",
    "cell-month-xlsx": "webview-export-cell-month-xlsx",
    "cell-month-png": "webview-export-cell-month-png",
    "cell-minutes-docx": "webview-export-cell-minutes-docx",
    "cell-half-review-docx": "webview-export-cell-half-review-docx",
    "cell-year-review-docx": "webview-export-cell-year-review-docx",
    "committee-month-docx": "webview-export-committee-month-docx",
    "committee-month-xlsx": "webview-export-committee-month-xlsx",
    "committee-month-png": "webview-export-committee-month-png",
    "committee-half-review-docx": "webview-export-committee-half-review-docx",
    "committee-year-review-docx": "webview-export-committee-year-review-docx",
}


def words() -> dict[str, str]:
    """The page's fixed words; those with a number are formatted with a placeholder."""
    fixed = {msg_id: t(msg_id) for msg_id in WORD_IDS}
    for name in (*CELL_DOCUMENTS, *COMMITTEE_DOCUMENTS):
        fixed[f"webview-export-{name}"] = t(EXPORT_LABELS[name])
    for msg_id, arg in (
        ("webview-grid", "year"),
        ("webview-month", "month"),
        ("webview-sections", "month"),
        ("webview-items", "count"),
        ("webview-cells", "month"),
        ("webview-history", "year"),
        ("webview-trend", "month"),
        ("webview-exports", "month"),
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
        "joins": [{"member_id": j.member_id, "name": j.full_name} for j in page.joins],
        "exports": list(CELL_DOCUMENTS),
    }


def committee_json(months: list[CommitteeRollup]) -> dict[str, Any]:
    """The month shown (the last) cell by cell, each with its months before as a trend."""
    shown = months[-1]
    trend: dict[int, list[dict[str, int]]] = {}
    for rollup in months:
        for c in rollup.cells:
            trend.setdefault(c.cell_id, []).append(
                {
                    "month": rollup.month,
                    "members": c.members_total,
                    "reported": c.reported,
                    "done": c.items.done,
                    "planned": c.items.planned,
                }
            )
    return {
        "kind": "committee",
        "committee": shown.committee_name,
        "year": shown.year,
        "month": shown.month,
        "cells": [
            {
                "name": c.cell_name,
                "members": c.members_total,
                "reported": c.reported,
                "on_time": c.reported_on_time,
                "done": c.items.done,
                "planned": c.items.planned,
                "trend": trend[c.cell_id],
            }
            for c in shown.cells
        ],
        "exports": list(COMMITTEE_DOCUMENTS),
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
