"""Who may look at, nudge and export a cell's month or a committee's month: the full matrix."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import PermissionDenied
from domain.exports import (
    ExportFormat,
    export_committee_month,
    export_member_evidence,
    export_month,
)
from domain.oversight import nudge_missing, view_cell_month, view_committee_month
from domain.permissions import Actor
from tests.exports.world import MONTH, NOW, YEAR, World, build_world

Case = Callable[[AsyncSession, World, Actor | None], Awaitable[Any]]

CASES: dict[str, Case] = {
    "view_cell_month": lambda s, w, a: view_cell_month(s, a, w.cell_a, YEAR, MONTH),
    "nudge_missing": lambda s, w, a: nudge_missing(s, a, w.cell_a, YEAR, MONTH, now=NOW),
    "export_month_xlsx": lambda s, w, a: export_month(
        s, a, w.cell_a, YEAR, MONTH, ExportFormat.XLSX, now=NOW
    ),
    "export_month_docx": lambda s, w, a: export_month(
        s, a, w.cell_a, YEAR, MONTH, ExportFormat.DOCX, now=NOW
    ),
    "export_month_png": lambda s, w, a: export_month(
        s, a, w.cell_a, YEAR, MONTH, ExportFormat.PNG, now=NOW
    ),
    "export_member_evidence": lambda s, w, a: export_member_evidence(
        s, a, w.member_a.member_id, YEAR, now=NOW
    ),
    "view_committee_month": lambda s, w, a: view_committee_month(s, a, w.committee_id, YEAR, MONTH),
    "export_committee_xlsx": lambda s, w, a: export_committee_month(
        s, a, w.committee_id, YEAR, MONTH, ExportFormat.XLSX, now=NOW
    ),
    "export_committee_docx": lambda s, w, a: export_committee_month(
        s, a, w.committee_id, YEAR, MONTH, ExportFormat.DOCX, now=NOW
    ),
    "export_committee_png": lambda s, w, a: export_committee_month(
        s, a, w.committee_id, YEAR, MONTH, ExportFormat.PNG, now=NOW
    ),
}
CELL_CASES = {name for name in CASES if "committee" not in name}
COMMITTEE_CASES = set(CASES) - CELL_CASES

ACTORS: dict[str, Callable[[World], Actor | None]] = {
    "member": lambda w: w.member_a,
    "pending": lambda w: w.pending_a,
    "deputy": lambda w: w.deputy_a,
    "secretary_a": lambda w: w.secretary_a,
    "secretary_b": lambda w: w.secretary_b,
    "committee": lambda w: w.committee,
    "other_committee": lambda w: w.other_committee,
    "stranger": lambda w: None,
}
# Cell A's month, with its members' words, for its leaders; the roll-up for its committee.
ALLOWED = {
    "deputy": CELL_CASES,
    "secretary_a": CELL_CASES,
    "committee": COMMITTEE_CASES,
}


@pytest.mark.parametrize("actor_name", sorted(ACTORS))
async def test_permission_matrix(session: AsyncSession, actor_name: str) -> None:
    world = await build_world(session)
    actor = ACTORS[actor_name](world)
    outcome: dict[str, bool] = {}
    for case_name, case in CASES.items():
        try:
            await case(session, world, actor)
        except PermissionDenied:
            outcome[case_name] = False
        else:
            outcome[case_name] = True
        await session.rollback()
    assert {name for name, ok in outcome.items() if ok} == ALLOWED.get(actor_name, set())
