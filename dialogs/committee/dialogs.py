"""The committee's month: each of its cells' rates, the weakest first; counts only, no texts."""

from __future__ import annotations

from datetime import datetime

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.committee import ids
from dialogs.committee.getters import FIELDS, names_getter, rollup_getter
from dialogs.committee.handlers import on_clear_field, on_field, on_name_text
from dialogs.common import (
    I18NFormat,
    MonthExport,
    docx_export,
    export_row,
    menu_button,
    month_picker,
    pager,
    text_input,
)
from dialogs.states import CommitteeSG as SG
from dialogs.states import YearSetupSG
from dialogs.widgets import back_to, button, choices, start, switch, window
from domain.files import ExportFile, ExportFormat
from domain.period_review import ReviewPeriod
from domain.permissions import Actor
from domain.vocabulary import Role
from exports.files import export_committee_month
from exports.review_docs import export_committee_review


async def _committee_month(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    return await export_committee_month(
        session, actor, actor.committee_id or 0, year, month, fmt, now=now
    )


async def _signed_by_deputy(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    """The Word report signed PHÓ BÍ THƯ: who holds which office is not stored, so the one
    exporting says it by the button they press."""
    committee = actor.committee_id or 0
    return await export_committee_month(
        session, actor, committee, year, month, fmt, now=now, signer_role=Role.DEPUTY
    )


def _review(full_year: bool) -> MonthExport:
    async def export(
        session: AsyncSession, actor: Actor, year: int, month: int, _: ExportFormat, now: datetime
    ) -> ExportFile:
        period = ReviewPeriod.of(year, full_year=full_year, shown_month=month)
        committee = actor.committee_id or 0
        return await export_committee_review(session, actor, committee, period, now=now)

    return export


def _names_windows() -> list[Window]:
    return [
        window(
            I18NFormat("com-names", when="ready"),
            choices(ids.NAME_FIELDS, "fields", on_field),
            back_to(SG.rollup, ids.NAMES_BACK),
            state=SG.names,
            getter=names_getter,
        ),
        window(
            *(I18NFormat(ask, when=f"ask_{f}") for f, (_, ask) in FIELDS.items()),
            *text_input(ids.COMMITTEE_NAME, on_name_text),
            button("com-names-clear", ids.CLEAR_NAME, on_clear_field, when="optional"),
            back_to(SG.names, ids.EDIT_BACK),
            state=SG.edit_name,
            getter=names_getter,
        ),
    ]


def committee_dialog() -> Dialog:
    return Dialog(
        window(
            I18NFormat("com-rollup", when="ready"),
            I18NFormat("member-page-number", when="paged"),
            pager(),
            month_picker(),
            export_row(ids.MONTH_FILES, _committee_month, "com-export-caption"),
            button(
                "com-export-docx-deputy",
                ids.DEPUTY_SIGNS,
                docx_export(_signed_by_deputy, "com-export-caption"),
            ),
            Row(
                button(
                    "sec-export-half",
                    ids.HALF_REVIEW,
                    docx_export(_review(False), "sec-half-caption"),
                ),
                button(
                    "sec-export-year",
                    ids.YEAR_REVIEW,
                    docx_export(_review(True), "sec-year-caption"),
                ),
            ),
            switch("com-open-names", ids.NAMES, SG.names),
            start("year-menu-button", ids.YEAR_SETUP, YearSetupSG.overview),
            menu_button(),
            state=SG.rollup,
            getter=rollup_getter,
        ),
        *_names_windows(),
    )
