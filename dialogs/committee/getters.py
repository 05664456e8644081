"""The committee dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    attempt,
    messages_data,
    page_data,
    period_data,
    period_of,
)
from domain.oversight import view_committee_month
from domain.summaries import CommitteeRollup
from domain.units import committee_names
from exports.numbers import DEFAULT_THRESHOLD, attention_first, below, percent
from locales import html, t

FIELD = "field"


# The committee's names in the order the window lists them: (label, question) message ids.
FIELDS = {
    "name": ("com-field-name", "com-ask-name"),
    "executive_name": ("com-field-executive-name", "com-ask-executive-name"),
    "upper_unit": ("com-field-upper-unit", "com-ask-upper-unit"),
    "symbol": ("com-field-symbol", "com-ask-symbol"),
    "locality": ("com-field-locality", "com-ask-locality"),
}


# These two may be left empty: no upper-unit line, dots for the place in the date line.
OPTIONAL = frozenset({"upper_unit", "locality"})


def rollup_blocks(rollup: CommitteeRollup, threshold: float) -> list[str]:
    totals = rollup.totals
    blocks: list[str] = [
        html(
            "com-rollup-head",
            committee=rollup.committee_name,
            period=f"{rollup.month:02d}/{rollup.year}",
            cells=len(rollup.cells),
            reported=totals.reported,
            members=totals.members_total,
            on_time=totals.reported_on_time,
            rate=percent(totals.reported, totals.members_total),
        )
    ]
    for cell in attention_first(rollup.cells, threshold):
        blocks.append(
            html(
                "com-rollup-cell-below" if below(cell, threshold) else "com-rollup-cell",
                cell=cell.cell_name,
                reported=cell.reported,
                members=cell.members_total,
                on_time=cell.reported_on_time,
                rate=percent(cell.reported, cell.members_total),
                completion=percent(cell.items.done, cell.items.planned),
            )
        )
    return blocks


async def rollup_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    year, month = period_of(dialog_manager)
    data: dict[str, Any] = {**period_data(dialog_manager), "ready": False}
    rollup = await attempt(
        dialog_manager,
        lambda s, a: view_committee_month(s, a, a.committee_id or 0, year, month),
    )
    if rollup is not None:
        data.update(page_data(dialog_manager, rollup_blocks(rollup, DEFAULT_THRESHOLD)), ready=True)
    return {**data, **messages_data(dialog_manager)}


async def names_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"ready": False, "fields": []}
    names = await attempt(dialog_manager, lambda s, a: committee_names(s, a, a.committee_id or 0))
    if names is None:
        return {**data, **messages_data(dialog_manager)}
    unset = t("com-names-unset")
    values = {field: getattr(names, field) or unset for field in FIELDS}
    field = str(dialog_manager.dialog_data.get(FIELD, ""))
    data.update(
        values,
        ready=True,
        fields=[
            {"id": f, "label": t("com-names-edit", field=t(label))}
            for f, (label, _) in FIELDS.items()
        ],
        editing=t(FIELDS[field][0]) if field in FIELDS else "",
        current=values.get(field, ""),
        optional=field in OPTIONAL and bool(getattr(names, field, "")),
        **{f"ask_{f}": f == field for f in FIELDS},
    )
    return {**data, **messages_data(dialog_manager)}
