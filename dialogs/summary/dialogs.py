"""The secretary's month: who reported, nudges for who did not, each report, the files."""

from __future__ import annotations

from datetime import datetime

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.common import (
    I18NFormat,
    MonthExport,
    docx_export,
    export_row,
    menu_button,
    month_picker,
    pager,
    start_on_month,
)
from dialogs.states import (
    CellInfoSG,
    MeetingAdminSG,
    MembersSG,
    PlanReviewSG,
    YearSetupSG,
)
from dialogs.states import SecretarySG as SG
from dialogs.summary import ids
from dialogs.summary.getters import (
    member_report_getter,
    members_getter,
    missing_getter,
    models_getter,
    summary_getter,
)
from dialogs.summary.handlers import on_evidence, on_member, on_model, on_nudge_all, on_nudge_one
from dialogs.widgets import back_to, button, scrolling, start, switch, window
from domain.files import ExportFile, ExportFormat
from domain.period_review import ReviewPeriod
from domain.permissions import Actor
from exports.files import export_month
from exports.minutes import export_minutes
from exports.review_docs import export_cell_review


async def _cell_month(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    return await export_month(session, actor, actor.cell_id or 0, year, month, fmt, now=now)


async def _minutes(
    session: AsyncSession, actor: Actor, year: int, month: int, _: ExportFormat, now: datetime
) -> ExportFile:
    return await export_minutes(session, actor, actor.cell_id or 0, year, month, now=now)


def _review(full_year: bool) -> MonthExport:
    async def export(
        session: AsyncSession, actor: Actor, year: int, month: int, _: ExportFormat, now: datetime
    ) -> ExportFile:
        period = ReviewPeriod.of(year, full_year=full_year, shown_month=month)
        return await export_cell_review(session, actor, actor.cell_id or 0, period, now=now)

    return export


def _summary_window() -> Window:
    return window(
        I18NFormat("sec-summary", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        month_picker(),
        switch("sec-open-missing", ids.MISSING, SG.missing, when="has_missing"),
        switch("sec-open-members", ids.MEMBERS, SG.members, when="ready"),
        switch("sec-open-models", ids.MODELS, SG.models, when="ready"),
        export_row(ids.MONTH_FILES, _cell_month, "sec-export-caption"),
        Row(
            button("sec-export-minutes", ids.MINUTES, docx_export(_minutes, "sec-minutes-caption")),
            button(
                "sec-export-half", ids.HALF_REVIEW, docx_export(_review(False), "sec-half-caption")
            ),
            button(
                "sec-export-year", ids.YEAR_REVIEW, docx_export(_review(True), "sec-year-caption")
            ),
        ),
        Row(
            start("sec-open-roster", ids.ROSTER, MembersSG.roster),
            start("sec-open-plans", ids.PLANS, PlanReviewSG.plans),
            start("sec-open-meetings", ids.MEETINGS, MeetingAdminSG.overview),
        ),
        start("sec-open-cell-info", ids.CELL_INFO, CellInfoSG.overview),
        start("year-menu-button", ids.YEAR_SETUP, YearSetupSG.overview),
        menu_button(),
        state=SG.summary,
        getter=summary_getter,
    )


def _missing_window() -> Window:
    return window(
        I18NFormat("sec-missing"),
        scrolling(ids.NUDGE, "reachable", on_nudge_one, ids.NUDGES, height=8),
        button("sec-nudge-all", ids.NUDGE_ALL, on_nudge_all, when="has_missing"),
        back_to(SG.summary, ids.BACK),
        state=SG.missing,
        getter=missing_getter,
    )


def _members_window() -> Window:
    return window(
        I18NFormat("sec-members"),
        scrolling(ids.MEMBER, "members", on_member, ids.MEMBERS_PAGE, height=8),
        back_to(SG.summary, ids.BACK),
        state=SG.members,
        getter=members_getter,
    )


def _models_window() -> Window:
    return window(
        I18NFormat("sec-models", when="has_done"),
        I18NFormat("sec-models-none", when="none"),
        scrolling(ids.MODEL, "models", on_model, ids.MODELS_PAGE, height=8),
        back_to(SG.summary, ids.BACK),
        state=SG.models,
        getter=models_getter,
    )


def _member_report_window() -> Window:
    return window(
        I18NFormat("sec-report", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        button("sec-export-evidence", ids.EVIDENCE, on_evidence, when="ready"),
        button("sec-export-evidence-quarter", ids.EVIDENCE_QUARTER, on_evidence, when="ready"),
        back_to(SG.members, ids.BACK_MEMBERS),
        state=SG.member_report,
        getter=member_report_getter,
    )


def secretary_dialog() -> Dialog:
    return Dialog(
        _summary_window(),
        _missing_window(),
        _members_window(),
        _member_report_window(),
        _models_window(),
        on_start=start_on_month,
    )
