"""The secretary's month: who reported, nudges for who did not, each report, the files."""

from __future__ import annotations

from datetime import datetime

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Row, ScrollingGroup, Select, Start, SwitchTo
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    export_row,
    menu_button,
    message_lines,
    month_picker,
    pager,
    start_on_month,
)
from dialogs.states import (
    CellInfoSG,
    MeetingAdminSG,
    MembersSG,
    PlanReviewSG,
    SecretarySG,
    YearSetupSG,
)
from dialogs.summary import ids
from dialogs.summary.getters import (
    member_report_getter,
    members_getter,
    missing_getter,
    summary_getter,
)
from dialogs.summary.handlers import on_back, on_evidence, on_member, on_nudge_all, on_nudge_one
from domain.files import ExportFile, ExportFormat
from domain.permissions import Actor
from exports.files import export_month


async def _cell_month(
    session: AsyncSession, actor: Actor, year: int, month: int, fmt: ExportFormat, now: datetime
) -> ExportFile:
    return await export_month(session, actor, actor.cell_id or 0, year, month, fmt, now=now)


def _back() -> SwitchTo:
    return SwitchTo(
        I18NPlain("button-back"), id=ids.BACK, state=SecretarySG.summary, on_click=on_back
    )


def _summary_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-summary", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        month_picker(),
        SwitchTo(
            I18NPlain("sec-open-missing"),
            id=ids.MISSING,
            state=SecretarySG.missing,
            when="has_missing",
            on_click=on_back,
        ),
        SwitchTo(
            I18NPlain("sec-open-members"),
            id=ids.MEMBERS,
            state=SecretarySG.members,
            when="ready",
            on_click=on_back,
        ),
        export_row(ids.MONTH_FILES, _cell_month, "sec-export-caption"),
        Row(
            Start(I18NPlain("sec-open-roster"), id=ids.ROSTER, state=MembersSG.roster),
            Start(I18NPlain("sec-open-plans"), id=ids.PLANS, state=PlanReviewSG.plans),
            Start(I18NPlain("sec-open-meetings"), id=ids.MEETINGS, state=MeetingAdminSG.overview),
        ),
        Start(I18NPlain("sec-open-cell-info"), id=ids.CELL_INFO, state=CellInfoSG.overview),
        Start(I18NPlain("year-menu-button"), id=ids.YEAR_SETUP, state=YearSetupSG.overview),
        menu_button(),
        state=SecretarySG.summary,
        getter=summary_getter,
    )


def _missing_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-missing"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id=ids.NUDGE,
                item_id_getter=lambda m: m["id"],
                items="reachable",
                on_click=on_nudge_one,
            ),
            id=ids.NUDGES,
            width=1,
            height=8,
            hide_on_single_page=True,
        ),
        Button(
            I18NPlain("sec-nudge-all"),
            id=ids.NUDGE_ALL,
            on_click=on_nudge_all,
            when="has_missing",
        ),
        _back(),
        state=SecretarySG.missing,
        getter=missing_getter,
    )


def _members_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-members"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id=ids.MEMBER,
                item_id_getter=lambda m: m["id"],
                items="members",
                on_click=on_member,
            ),
            id=ids.MEMBERS_PAGE,
            width=1,
            height=8,
            hide_on_single_page=True,
        ),
        _back(),
        state=SecretarySG.members,
        getter=members_getter,
    )


def _member_report_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-report", when="ready"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Button(
            I18NPlain("sec-export-evidence"), id=ids.EVIDENCE, on_click=on_evidence, when="ready"
        ),
        SwitchTo(
            I18NPlain("button-back"),
            id=ids.BACK_MEMBERS,
            state=SecretarySG.members,
            on_click=on_back,
        ),
        state=SecretarySG.member_report,
        getter=member_report_getter,
    )


def secretary_dialog() -> Dialog:
    return Dialog(
        _summary_window(),
        _missing_window(),
        _members_window(),
        _member_report_window(),
        on_start=start_on_month,
    )
