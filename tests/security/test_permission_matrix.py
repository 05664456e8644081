"""Every domain use case that acts for a person, tried by every kind of person.

The expected outcome of each pair comes from two tables below, written from the domain's
rules of who sees what ("Who is who" and "Rules that shape the data" in the project's
domain notes), not from ``domain/permissions.py``:

- ``RULES``: which people a rule lets through;
- ``USE_CASES``: which rule governs each use case.

A person the rule lets through must get a result (no error at all). Anyone else must
be refused with ``PermissionDenied``, except that a member asking for another member's
plan item, report or meeting is told it is not found (``NotFound``): the ids of other
people's things are not confirmed to exist.

Count the cases: ``pytest tests/security/test_permission_matrix.py -q -s | grep cases``
(use cases per role; nine roles).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain import (
    absence,
    calendar,
    cells,
    importing,
    invites,
    linking,
    members,
    oversight,
    personal_data,
    plans,
    reports,
    review,
    units,
    years,
)
from domain.errors import NotFound, PermissionDenied
from domain.files import ExportFormat
from domain.permissions import Actor
from domain.vocabulary import (
    Channel,
    ItemStatus,
    MemberStatus,
    PartyStatus,
    PlanStatus,
    ReportStatus,
    Role,
)
from exports import files as exports
from storage.db import create_session_factory
from storage.models import (
    FreeItem,
    ItemProgress,
    Meeting,
    Member,
    PlanItem,
    PlanSection,
    PlanWording,
    ProgressReport,
    YearConfig,
    YearPlan,
)
from tests.exports.world import MEETING, MONTH, NOW, YEAR, World, build_world

NEXT = YEAR + 1
NOBODY = 987_654_321  # no member has this id

# Who each rule lets through (domain.md):
# - "own": a member sees and writes their own plan, reports and notices of absence; that
#   needs an active membership of a cell (a committee member without a cell has none).
# - "cell leaders": "the secretary and deputies of that member's cell see the cell's";
#   they "manage members and meetings" and receive summaries; managing members includes
#   correcting a member's name, and the cell's documents (its heading lines) are theirs.
# - "secretary": deputies are appointed by the secretary, not by another deputy.
# - "committee": "a committee sees counts and rates of its cells"; not another committee's.
#   Its own names (organisation, body, upper unit, symbol, locality) are its own to set.
# - "operator": creating cells and committees is installation work, done at the command
#   line; no member may do it.
# - "committee's cells": each đảng bộ picks its own chuyên đề năm; its committee sets it, and
#   the leaders of its cells see what their members are asked (the national default is the
#   operator's, or a secretary's whose cell has no committee: no such cell here).
# Nobody keeps rights after leaving, while waiting for approval, or without a member record,
# with two exceptions from the personal-data rules (Nghị định 13/2023/NĐ-CP, issue 8):
# - "own data": every person with a record may download what is stored about them, also
#   after leaving or while waiting;
# - "erasure": anonymising a member who left cannot be undone: the cell's secretary or the
#   committee above the cell, not a deputy.
RULES: dict[str, frozenset[str]] = {
    "own": frozenset({"member", "deputy", "secretary", "other_secretary"}),
    "cell leaders": frozenset({"deputy", "secretary"}),
    "secretary": frozenset({"secretary"}),
    "committee": frozenset({"committee"}),
    "committee's cells": frozenset({"committee", "deputy", "secretary", "other_secretary"}),
    "operator": frozenset(),
    "own data": frozenset(
        {
            "member",
            "deputy",
            "secretary",
            "other_secretary",
            "committee",
            "other_committee",
            "pending",
            "left",
        }
    ),
    "erasure": frozenset({"secretary", "committee"}),
    # "Nobody else sees anything": another person's whole record.
    "nobody": frozenset(),
}
# "Nobody else sees anything": another member's item, report or meeting is not found for
# those who may use the use case on their own things, refused for everyone else.
OTHERS = "another member's"


@dataclass
class Ids:
    """What the world holds, looked up per person when a case runs."""

    world: World
    silent: int  # a member of cell A who never acts: whose things others reach for
    meeting_b: int
    former: int  # a member who left cell A


Case = Callable[[AsyncSession, Ids, Any], Awaitable[object]]


async def _plan(s: AsyncSession, member_id: int, year: int) -> int | None:
    return await s.scalar(
        select(YearPlan.id).where(YearPlan.member_id == member_id, YearPlan.year == year)
    )


async def plan_of(s: AsyncSession, ids: Ids, a: Actor | None, year: int) -> int:
    """The person's own plan of ``year``; people without one reach for the silent member's."""
    own = await _plan(s, a.member_id, year) if a is not None else None
    found = own or await _plan(s, ids.silent, year)
    assert found is not None
    return found


async def item_of(s: AsyncSession, ids: Ids, a: Actor | None, year: int) -> int:
    plan_id = await plan_of(s, ids, a, year)
    item = await s.scalar(
        select(PlanItem.id).where(PlanItem.plan_id == plan_id).order_by(PlanItem.position)
    )
    assert item is not None
    return item


async def report_of(s: AsyncSession, ids: Ids, a: Actor | None) -> int:
    async def find(member_id: int) -> int | None:
        return await s.scalar(
            select(ProgressReport.id).where(
                ProgressReport.member_id == member_id,
                ProgressReport.year == YEAR,
                ProgressReport.month == MONTH,
            )
        )

    found = (await find(a.member_id) if a is not None else None) or await find(ids.silent)
    assert found is not None
    return found


async def free_item_of(s: AsyncSession, ids: Ids, a: Actor | None) -> int:
    report_id = await report_of(s, ids, a)
    found = await s.scalar(select(FreeItem.id).where(FreeItem.report_id == report_id))
    assert found is not None
    return found


async def meeting_of(s: AsyncSession, ids: Ids, a: Actor | None) -> int:
    """The person's own cell's meeting of the month (cell A's for those without a cell)."""
    if a is not None and a.cell_id == ids.world.cell_b:
        return ids.meeting_b
    return await meeting_a(s, ids)


async def meeting_a(s: AsyncSession, ids: Ids) -> int:
    found = await s.scalar(select(Meeting.id).where(Meeting.cell_id == ids.world.cell_a))
    assert found is not None
    return found


async def other_meeting(s: AsyncSession, ids: Ids, a: Actor | None) -> int:
    """A meeting of a cell the person does not belong to."""
    if a is not None and a.cell_id == ids.world.cell_a:
        return ids.meeting_b
    return await meeting_a(s, ids)


async def silent_plan(s: AsyncSession, ids: Ids, year: int) -> int:
    found = await _plan(s, ids.silent, year)
    assert found is not None
    return found


async def silent_item(s: AsyncSession, ids: Ids) -> int:
    plan_id = await silent_plan(s, ids, NEXT)
    found = await s.scalar(select(PlanItem.id).where(PlanItem.plan_id == plan_id))
    assert found is not None
    return found


async def silent_report(s: AsyncSession, ids: Ids) -> int:
    found = await s.scalar(select(ProgressReport.id).where(ProgressReport.member_id == ids.silent))
    assert found is not None
    return found


RULE = cells.MeetingRule(10, time(8, 0), "Nhà văn hóa khu phố 3")
SETUP = years.YearSpec(
    theme="Chuyên đề của đảng bộ",
    sections=(
        years.SectionSpec(1, "Học tập chuyên đề"),
        years.SectionSpec(2, "Việc làm cụ thể, mô hình"),
    ),
)
ROWS = [importing.MemberRow(2, "Ngô Thị Lan", PartyStatus.OFFICIAL, Role.MEMBER, None)]
XLSX = ExportFormat.XLSX

# use case -> (rule, how it is called). The target is always cell A, its committee, or
# the person's own things; "another member's" cases reach for the silent member's.
USE_CASES: dict[str, tuple[str, Case]] = {
    # domain/plans.py, the member's side
    "plans.find_plan": ("own", lambda s, i, a: plans.find_plan(s, a, YEAR)),
    "plans.open_plan": ("own", lambda s, i, a: plans.open_plan(s, a, NEXT, NOW)),
    "plans.add_item": (
        "own",
        lambda s, i, a: _then(
            _section(s), lambda sec: plans.add_item(s, a, NEXT, sec, "Đọc sách chuyên đề", NOW)
        ),
    ),
    "plans.edit_item": (
        "own",
        lambda s, i, a: _then(
            item_of(s, i, a, NEXT), lambda x: plans.edit_item(s, a, x, "Đọc sách", NOW)
        ),
    ),
    "plans.move_item": (
        "own",
        lambda s, i, a: _then(item_of(s, i, a, NEXT), lambda x: plans.move_item(s, a, x, 1, NOW)),
    ),
    "plans.delete_item": (
        "own",
        lambda s, i, a: _then(item_of(s, i, a, NEXT), lambda x: plans.delete_item(s, a, x, NOW)),
    ),
    "plans.previous_plan": ("own", lambda s, i, a: plans.previous_plan(s, a, NEXT)),
    "plans.copy_previous_items": (
        "own",
        lambda s, i, a: plans.copy_previous_items(s, a, NEXT, NOW),
    ),
    "plans.submit_plan": ("own", lambda s, i, a: plans.submit_plan(s, a, NEXT, NOW)),
    "plans.read_plan (own)": (
        "own",
        lambda s, i, a: _then(plan_of(s, i, a, YEAR), lambda p: plans.read_plan(s, a, p)),
    ),
    "plans.edit_item (another member's)": (
        OTHERS,
        lambda s, i, a: _then(
            silent_item(s, i), lambda x: plans.edit_item(s, a, x, "Sửa nội dung", NOW)
        ),
    ),
    "plans.delete_item (another member's)": (
        OTHERS,
        lambda s, i, a: _then(silent_item(s, i), lambda x: plans.delete_item(s, a, x, NOW)),
    ),
    # domain/plans.py, the review
    "plans.plans_of_cell": (
        "cell leaders",
        lambda s, i, a: plans.plans_of_cell(s, a, i.world.cell_a, YEAR),
    ),
    "plans.read_plan (a member's)": (
        "cell leaders",
        lambda s, i, a: _then(silent_plan(s, i, YEAR), lambda p: plans.read_plan(s, a, p)),
    ),
    "plans.acknowledge_plan": (
        "cell leaders",
        lambda s, i, a: _then(
            silent_plan(s, i, NEXT), lambda p: plans.acknowledge_plan(s, a, p, NOW)
        ),
    ),
    "plans.return_plan": (
        "cell leaders",
        lambda s, i, a: _then(
            silent_plan(s, i, NEXT), lambda p: plans.return_plan(s, a, p, "Ghi rõ số buổi", NOW)
        ),
    ),
    # domain/reports.py
    "reports.current_month": ("own", lambda s, i, a: reports.current_month(s, a, NOW)),
    "reports.open_months": ("own", lambda s, i, a: reports.open_months(s, a, NOW)),
    "reports.report_deadline": (
        "own",
        lambda s, i, a: reports.report_deadline(s, a, YEAR, MONTH, NOW),
    ),
    "reports.open_report": ("own", lambda s, i, a: reports.open_report(s, a, YEAR, MONTH, NOW)),
    "reports.read_report": ("own", lambda s, i, a: reports.read_report(s, a, YEAR, MONTH)),
    "reports.year_history": ("own", lambda s, i, a: reports.year_history(s, a, YEAR)),
    "reports.set_item_status": (
        "own",
        lambda s, i, a: _both(
            report_of(s, i, a),
            item_of(s, i, a, YEAR),
            lambda r, x: reports.set_item_status(s, a, r, x, ItemStatus.DONE, NOW),
        ),
    ),
    "reports.set_item_note": (
        "own",
        lambda s, i, a: _both(
            report_of(s, i, a),
            item_of(s, i, a, YEAR),
            lambda r, x: reports.set_item_note(s, a, r, x, "Dọn 4 buổi", NOW),
        ),
    ),
    "reports.add_free_item": (
        "own",
        lambda s, i, a: _then(
            report_of(s, i, a), lambda r: reports.add_free_item(s, a, r, "Hiến máu", NOW)
        ),
    ),
    "reports.delete_free_item": (
        "own",
        lambda s, i, a: _both(
            report_of(s, i, a),
            free_item_of(s, i, a),
            lambda r, f: reports.delete_free_item(s, a, r, f, NOW),
        ),
    ),
    "reports.set_difficulties": (
        "own",
        lambda s, i, a: _then(
            report_of(s, i, a), lambda r: reports.set_difficulties(s, a, r, "Ít thời gian", NOW)
        ),
    ),
    "reports.set_proposals": (
        "own",
        lambda s, i, a: _then(
            report_of(s, i, a), lambda r: reports.set_proposals(s, a, r, None, NOW)
        ),
    ),
    "reports.submit_report": (
        "own",
        lambda s, i, a: _then(report_of(s, i, a), lambda r: reports.submit_report(s, a, r, NOW)),
    ),
    "reports.set_difficulties (another member's)": (
        OTHERS,
        lambda s, i, a: _then(
            silent_report(s, i), lambda r: reports.set_difficulties(s, a, r, "Sửa nội dung", NOW)
        ),
    ),
    "reports.submit_report (another member's)": (
        OTHERS,
        lambda s, i, a: _then(silent_report(s, i), lambda r: reports.submit_report(s, a, r, NOW)),
    ),
    # domain/absence.py
    "absence.meeting_for_member": (
        "own",
        lambda s, i, a: _then(meeting_of(s, i, a), lambda m: absence.meeting_for_member(s, a, m)),
    ),
    "absence.my_absence": (
        "own",
        lambda s, i, a: _then(meeting_of(s, i, a), lambda m: absence.my_absence(s, a, m)),
    ),
    "absence.notify_absence": (
        "own",
        lambda s, i, a: _then(
            meeting_of(s, i, a), lambda m: absence.notify_absence(s, a, m, "Đi công tác", NOW)
        ),
    ),
    "absence.my_confirmation": (
        "own",
        lambda s, i, a: _then(meeting_of(s, i, a), lambda m: absence.my_confirmation(s, a, m)),
    ),
    "absence.confirm_attendance": (
        "own",
        lambda s, i, a: _then(
            meeting_of(s, i, a), lambda m: absence.confirm_attendance(s, a, m, NOW)
        ),
    ),
    "absence.confirm_attendance (another cell's meeting)": (
        OTHERS,
        lambda s, i, a: _then(
            other_meeting(s, i, a), lambda m: absence.confirm_attendance(s, a, m, NOW)
        ),
    ),
    "absence.notify_absence (another cell's meeting)": (
        OTHERS,
        lambda s, i, a: _then(
            other_meeting(s, i, a),
            lambda m: absence.notify_absence(s, a, m, "Ốm phải nằm viện", NOW),
        ),
    ),
    # domain/members.py, domain/review.py, domain/invites.py, domain/importing.py
    "members.list_members": (
        "cell leaders",
        lambda s, i, a: members.list_members(s, a, i.world.cell_a),
    ),
    "members.add_member": (
        "cell leaders",
        lambda s, i, a: members.add_member(
            s, a, cell_id=i.world.cell_a, full_name="Đinh Văn Khoa", now=NOW
        ),
    ),
    "members.add_member (as deputy)": (
        "secretary",
        lambda s, i, a: members.add_member(
            s, a, cell_id=i.world.cell_a, full_name="Đinh Văn Khoa", role=Role.DEPUTY, now=NOW
        ),
    ),
    "members.set_deputy": ("secretary", lambda s, i, a: members.set_deputy(s, a, i.silent, True)),
    "members.mark_left": ("cell leaders", lambda s, i, a: members.mark_left(s, a, i.silent, NOW)),
    "members.rename_member": (
        "cell leaders",
        lambda s, i, a: members.rename_member(s, a, i.silent, "Phạm Thị Thu Dung"),
    ),
    "members.transfer_member": (
        "cell leaders",
        lambda s, i, a: members.transfer_member(s, a, i.silent, i.world.cell_b, NOW),
    ),
    "review.approve_join": (
        "cell leaders",
        lambda s, i, a: review.approve_join(s, a, i.world.pending_a.member_id, NOW),
    ),
    "review.refuse_join": (
        "cell leaders",
        lambda s, i, a: review.refuse_join(s, a, i.world.pending_a.member_id, NOW),
    ),
    "review.transfer_targets": (
        "cell leaders",
        lambda s, i, a: review.transfer_targets(s, a, i.world.cell_a),
    ),
    "review.cell_rule": ("cell leaders", lambda s, i, a: review.cell_rule(s, a, i.world.cell_a)),
    "review.upcoming_meetings": (
        "cell leaders",
        lambda s, i, a: review.upcoming_meetings(s, a, i.world.cell_a, NOW),
    ),
    "review.meeting_to_manage": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: review.meeting_to_manage(s, a, m)),
    ),
    "review.meeting_absences": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: review.meeting_absences(s, a, m)),
    ),
    "review.meeting_confirmations": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: review.meeting_confirmations(s, a, m)),
    ),
    "invites.create_invite": (
        "cell leaders",
        lambda s, i, a: invites.create_invite(s, a, cell_id=i.world.cell_a, now=NOW),
    ),
    "invites.create_invite (for a deputy)": (
        "secretary",
        lambda s, i, a: invites.create_invite(
            s, a, cell_id=i.world.cell_a, now=NOW, role=Role.DEPUTY
        ),
    ),
    "importing.import_members": (
        "cell leaders",
        lambda s, i, a: importing.import_members(s, a, i.world.cell_a, ROWS, NOW),
    ),
    # domain/cells.py, domain/calendar.py
    "cells.set_meeting_rule": (
        "cell leaders",
        lambda s, i, a: cells.set_meeting_rule(s, a, i.world.cell_a, RULE),
    ),
    "calendar.move_meeting": (
        "cell leaders",
        lambda s, i, a: _then(
            meeting_a(s, i),
            lambda m: calendar.move_meeting(s, a, m, datetime(2025, 3, 6, 14, 0), now=NOW),
        ),
    ),
    "calendar.cancel_meeting": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: calendar.cancel_meeting(s, a, m)),
    ),
    "calendar.restore_meeting": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: calendar.restore_meeting(s, a, m)),
    ),
    "calendar.set_topic": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: calendar.set_topic(s, a, m, "Chuyên đề")),
    ),
    "calendar.set_thematic": (
        "cell leaders",
        lambda s, i, a: _then(meeting_a(s, i), lambda m: calendar.set_thematic(s, a, m, True)),
    ),
    # domain/units.py: the lines a cell's or a committee's documents print in their heading
    "units.cell_names": ("cell leaders", lambda s, i, a: units.cell_names(s, a, i.world.cell_a)),
    "units.update_cell_names": (
        "cell leaders",
        lambda s, i, a: units.update_cell_names(
            s, a, i.world.cell_a, locality="Vĩnh Yên", upper_unit=""
        ),
    ),
    "units.committee_names": (
        "committee",
        lambda s, i, a: units.committee_names(s, a, i.world.committee_id),
    ),
    "units.update_committee": (
        "committee",
        lambda s, i, a: units.update_committee(
            s, a, i.world.committee_id, upper_unit="Đảng bộ thành phố Vĩnh Yên", symbol="ĐU"
        ),
    ),
    "cells.create_committee": (
        "operator",
        lambda s, i, a: cells.create_committee(s, a, "Đảng bộ xã Thanh Trù"),
    ),
    "cells.create_cell": (
        "operator",
        lambda s, i, a: cells.create_cell(s, a, name="Chi bộ thôn Đông", rule=RULE),
    ),
    "cells.attach_cell": (
        "operator",
        lambda s, i, a: cells.attach_cell(s, a, i.world.cell_a, None),
    ),
    "members.list_members (every cell)": ("operator", lambda s, i, a: members.list_members(s, a)),
    # An id that names nobody is refused like another cell's member: ids are not confirmed.
    "members.mark_left (no such member)": (
        "nobody",
        lambda s, i, a: members.mark_left(s, a, NOBODY, NOW),
    ),
    "members.rename_member (no such member)": (
        "nobody",
        lambda s, i, a: members.rename_member(s, a, NOBODY, "Phạm Thị Dung"),
    ),
    "members.set_deputy (no such member)": (
        "nobody",
        lambda s, i, a: members.set_deputy(s, a, NOBODY, True),
    ),
    "review.approve_join (no such member)": (
        "nobody",
        lambda s, i, a: review.approve_join(s, a, NOBODY, NOW),
    ),
    "exports.export_member_evidence (no such member)": (
        "nobody",
        lambda s, i, a: exports.export_member_evidence(s, a, NOBODY, YEAR, now=NOW),
    ),
    "personal_data.my_data (no such member)": (
        "nobody",
        lambda s, i, a: personal_data.my_data(s, a, NOBODY, NOW),
    ),
    # domain/personal_data.py, domain/linking.py
    "personal_data.my_data": (
        "own data",
        lambda s, i, a: personal_data.my_data(s, a, a.member_id if a else i.silent, NOW),
    ),
    "personal_data.my_data (another member's)": (
        "nobody",
        lambda s, i, a: personal_data.my_data(s, a, i.silent, NOW),
    ),
    "personal_data.former_members": (
        "cell leaders",
        lambda s, i, a: personal_data.former_members(s, a, i.world.cell_a),
    ),
    "personal_data.anonymise_member": (
        "erasure",
        lambda s, i, a: personal_data.anonymise_member(s, a, i.former, NOW),
    ),
    "linking.create_link_code": ("own", lambda s, i, a: linking.create_link_code(s, a, NOW)),
    "linking.set_reminder_channel": (
        "own",
        lambda s, i, a: linking.set_reminder_channel(s, a, Channel.TELEGRAM),
    ),
    # domain/oversight.py, exports/files.py
    "oversight.view_cell_month": (
        "cell leaders",
        lambda s, i, a: oversight.view_cell_month(s, a, i.world.cell_a, YEAR, MONTH),
    ),
    "oversight.nudge_missing": (
        "cell leaders",
        lambda s, i, a: oversight.nudge_missing(s, a, i.world.cell_a, YEAR, MONTH, now=NOW),
    ),
    "exports.export_month": (
        "cell leaders",
        lambda s, i, a: exports.export_month(s, a, i.world.cell_a, YEAR, MONTH, XLSX, now=NOW),
    ),
    "exports.export_member_evidence": (
        "cell leaders",
        lambda s, i, a: exports.export_member_evidence(s, a, i.silent, YEAR, now=NOW),
    ),
    "oversight.view_committee_month": (
        "committee",
        lambda s, i, a: oversight.view_committee_month(s, a, i.world.committee_id, YEAR, MONTH),
    ),
    "exports.export_committee_month": (
        "committee",
        lambda s, i, a: exports.export_committee_month(
            s, a, i.world.committee_id, YEAR, MONTH, XLSX, now=NOW
        ),
    ),
    # domain/years.py: cell A's committee's setup of a year, and the national default
    "plans.year_outline": ("own", lambda s, i, a: plans.year_outline(s, a, NEXT)),
    "years.view_setup": (
        "committee's cells",
        lambda s, i, a: years.view_setup(s, a, YEAR, i.world.committee_id),
    ),
    "years.save_setup": (
        "committee",
        lambda s, i, a: years.save_setup(s, a, YEAR, i.world.committee_id, SETUP, NOW),
    ),
    "years.set_theme": (
        "committee",
        lambda s, i, a: years.set_theme(s, a, NEXT, i.world.committee_id, "Chuyên đề", NOW),
    ),
    "years.set_wording": (
        "committee",
        lambda s, i, a: years.set_wording(
            s, a, NEXT, i.world.committee_id, PlanWording.PRACTISE, NOW
        ),
    ),
    "years.rename_section": (
        "committee",
        lambda s, i, a: years.rename_section(
            s, a, YEAR, i.world.committee_id, 1, "Học tập, quán triệt", NOW
        ),
    ),
    "years.move_section": (
        "committee",
        lambda s, i, a: years.move_section(s, a, YEAR, i.world.committee_id, 2, -1, NOW),
    ),
    "years.copy_previous_year": (
        "committee",
        lambda s, i, a: years.copy_previous_year(s, a, NEXT, i.world.committee_id, NOW),
    ),
    "years.view_setup (national default)": (
        "operator",
        lambda s, i, a: years.view_setup(s, a, YEAR, None),
    ),
    "years.save_setup (national default)": (
        "operator",
        lambda s, i, a: years.save_setup(s, a, YEAR, None, SETUP, NOW),
    ),
}

ROLES: dict[str, Callable[[World], Actor | None]] = {
    "member": lambda w: w.member_a,
    "deputy": lambda w: w.deputy_a,
    "secretary": lambda w: w.secretary_a,
    "committee": lambda w: w.committee,  # of cell A's committee
    "other_committee": lambda w: w.other_committee,
    "other_secretary": lambda w: w.secretary_b,  # secretary of cell B, same committee
    "pending": lambda w: w.pending_a,  # asked to join cell A, not approved yet
    # A secretary who has left: the role stays on record, the rights do not.
    "left": lambda w: replace(w.secretary_a, status=MemberStatus.LEFT),
    "stranger": lambda w: None,  # no member record
}


def expected(use_case: str, role: str) -> str:
    rule, _ = USE_CASES[use_case]
    if rule == OTHERS:
        return "not found" if role in RULES["own"] else "denied"
    return "allowed" if role in RULES[rule] else "denied"


async def _section(s: AsyncSession) -> int:
    found = await s.scalar(select(PlanSection.id).order_by(PlanSection.position))
    assert found is not None
    return found


async def _then(first: Awaitable[int], then: Callable[[int], Awaitable[object]]) -> object:
    return await then(await first)


async def _both(
    a: Awaitable[int], b: Awaitable[int], then: Callable[[int, int], Awaitable[object]]
) -> object:
    first = await a
    return await then(first, await b)


async def _add_plan(
    s: AsyncSession, member_id: int, cell_id: int, year: int, status: PlanStatus
) -> YearPlan:
    # Next year's plans too are in this year's sections: the world configures one year.
    config_id = await s.scalar(select(YearConfig.id).where(YearConfig.year == YEAR))
    assert config_id is not None
    sections = list(await s.scalars(select(PlanSection.id).order_by(PlanSection.position)))
    plan = YearPlan(
        member_id=member_id, cell_id=cell_id, year=year, year_config_id=config_id, status=status
    )
    s.add(plan)
    await s.flush()
    for position, section in enumerate(sections, start=1):
        s.add(
            PlanItem(
                plan_id=plan.id, section_id=section, position=position, text=f"Việc {position}"
            )
        )
    await s.flush()
    return plan


async def build(s: AsyncSession) -> Ids:
    """The shared world, plus what every person needs for their own use cases to succeed:
    a draft plan for next year, this year's plan, and a report of the month with every item
    marked and one deed outside the plan."""
    world = await build_world(s)
    silent = world.silent_a
    meeting_b = Meeting(
        cell_id=world.cell_b, year=YEAR, month=MONTH, rule_starts_at=MEETING, starts_at=MEETING
    )
    s.add(meeting_b)
    await _add_plan(s, world.secretary_b.member_id, world.cell_b, YEAR, PlanStatus.ACKNOWLEDGED)
    await _add_plan(s, silent, world.cell_a, YEAR, PlanStatus.ACKNOWLEDGED)
    owners = [
        (world.secretary_a.member_id, world.cell_a),
        (world.deputy_a.member_id, world.cell_a),
        (world.member_a.member_id, world.cell_a),
        (world.secretary_b.member_id, world.cell_b),
        (silent, world.cell_a),
    ]
    for member_id, cell_id in owners:
        status = PlanStatus.SUBMITTED if member_id == silent else PlanStatus.DRAFT
        await _add_plan(s, member_id, cell_id, NEXT, status)
        report = await s.scalar(
            select(ProgressReport).where(
                ProgressReport.member_id == member_id, ProgressReport.year == YEAR
            )
        )
        if report is None:
            report = ProgressReport(
                member_id=member_id,
                cell_id=cell_id,
                year=YEAR,
                month=MONTH,
                status=ReportStatus.DRAFT,
                difficulties="",
                proposals="",
            )
            s.add(report)
            await s.flush()
        plan_id = await _plan(s, member_id, YEAR)
        marked = set(
            await s.scalars(
                select(ItemProgress.plan_item_id).where(ItemProgress.report_id == report.id)
            )
        )
        for item in await s.scalars(select(PlanItem.id).where(PlanItem.plan_id == plan_id)):
            if item not in marked:
                s.add(
                    ItemProgress(
                        report_id=report.id,
                        plan_item_id=item,
                        status=ItemStatus.IN_PROGRESS,
                        note="",
                    )
                )
        s.add(FreeItem(report_id=report.id, position=1, text="Hiến máu nhân đạo"))
    former = Member(
        full_name="Phan Văn Rời",
        role=Role.MEMBER,
        cell_id=world.cell_a,
        status=MemberStatus.LEFT,
        left_at=NOW,
    )
    s.add(former)
    await s.flush()
    former_id = former.id
    await s.commit()
    return Ids(world=world, silent=silent, meeting_b=meeting_b.id, former=former_id)


def test_the_tables_name_every_role_and_rule() -> None:
    named = set().union(*RULES.values())
    assert named <= set(ROLES)
    assert {rule for rule, _ in USE_CASES.values()} <= set(RULES) | {OTHERS}


@pytest.fixture
async def session(sqlite_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with create_session_factory(sqlite_engine)() as session:
        yield session


@pytest.mark.parametrize("role", list(ROLES))
async def test_permission_matrix(session: AsyncSession, role: str) -> None:
    ids = await build(session)
    actor = ROLES[role](ids.world)
    outcomes: dict[str, str] = {}
    for name, (_, case) in USE_CASES.items():
        try:
            await case(session, ids, actor)
        except PermissionDenied:
            outcomes[name] = "denied"
        except NotFound:
            outcomes[name] = "not found"
        except Exception as error:  # shown in the diff, where it fails the test
            outcomes[name] = f"{type(error).__name__}: {error}"
        else:
            outcomes[name] = "allowed"
        finally:
            await session.rollback()
    wanted = {name: expected(name, role) for name in USE_CASES}
    assert outcomes == wanted
    print(f"{role}: {len(USE_CASES)} cases")
