"""Summaries built by hand from the dataclasses' definitions, as the aggregation returns them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from domain.period_review import (
    Attendance,
    CellReview,
    CommitteeReview,
    MeetingRecord,
    Registration,
    ReviewPeriod,
    chosen_examples,
)
from domain.plans import CellPlan, Item, Plan, Section
from domain.summaries import (
    CellFigures,
    CellMonthSummary,
    CommitteeRollup,
    ItemCounts,
    ItemLine,
    ItemMonthStatus,
    ItemStatus,
    MemberMonthStatus,
    MemberText,
    MemberYearEvidence,
    MonthEvidence,
    MonthFigures,
    PlanItemLine,
    PlanStatus,
    ReportStatus,
    SectionProgress,
)

CELL = "Chi bộ khu phố 3, phường Ngô Quyền"
DEADLINE = datetime(2025, 3, 5, 7, 0, tzinfo=UTC)
NAMES = {
    1: "Nguyễn Văn An",
    2: "Trần Thị Bình",
    3: "Lê Văn <Cường> & Co",
    4: "Phạm Thị Dung",
}


def _member(
    member_id: int, status: ReportStatus | None, submitted: datetime | None
) -> MemberMonthStatus:
    return MemberMonthStatus(
        member_id=member_id,
        full_name=NAMES[member_id],
        reachable=member_id != 4,
        report_status=status,
        submitted_at=submitted,
        on_time=status is ReportStatus.SUBMITTED
        and submitted is not None
        and submitted <= DEADLINE,
    )


def _item(
    member_id: int,
    item_id: int,
    section_id: int,
    text: str,
    status: ItemStatus | None,
    note: str = "",
    exemplary: bool = False,
) -> ItemLine:
    return ItemLine(
        member_id=member_id,
        full_name=NAMES[member_id],
        item_id=item_id,
        section_id=section_id,
        position=item_id,
        text=text,
        status=status,
        note=note,
        exemplary=exemplary,
    )


def month_summary() -> CellMonthSummary:
    """Four members: two on time, one late, one missing (unreachable); 7 items."""
    items = (
        # The secretary chose this one for the month's models, not the other done items.
        _item(1, 11, 1, "Học tập chuyên đề năm 2025", ItemStatus.DONE, "Đã viết thu hoạch", True),
        _item(
            1,
            12,
            2,
            "Tham gia mô hình 'Tuyến phố không rác' mỗi sáng Chủ nhật",
            ItemStatus.DONE,
            "Dọn 4 buổi",
        ),
        _item(2, 21, 1, "Học tập chuyên đề năm 2025", ItemStatus.IN_PROGRESS),
        _item(
            2,
            22,
            2,
            "Vận động hội viên góp quỹ 'nuôi lợn nhựa tiết kiệm'",
            ItemStatus.NOT_STARTED,
            "Chờ họp tổ",
        ),
        _item(3, 31, 1, "Số hóa hồ sơ lưu trữ của phòng", ItemStatus.DONE),
        _item(4, 41, 1, "Học tập chuyên đề năm 2025", None),
        _item(4, 42, 2, "Thực hiện tốt '3 không', '3 phải' khi tiếp công dân", None),
    )
    sections = (
        SectionProgress(
            section_id=1,
            position=1,
            title="Học tập, quán triệt chuyên đề năm",
            items=ItemCounts(planned=4, done=2, in_progress=1, not_started=0),
        ),
        SectionProgress(
            section_id=2,
            position=2,
            title="Việc làm cụ thể",
            items=ItemCounts(planned=3, done=1, in_progress=0, not_started=1),
        ),
    )
    return CellMonthSummary(
        cell_id=7,
        cell_name=CELL,
        year=2025,
        month=3,
        meeting_at=DEADLINE,
        meeting_cancelled=False,
        deadline=DEADLINE,
        members=(
            _member(1, ReportStatus.SUBMITTED, datetime(2025, 3, 2, 20, 0, tzinfo=UTC)),
            # 18:30 UTC on 3 March is already 4 March in Viet Nam.
            _member(2, ReportStatus.SUBMITTED, datetime(2025, 3, 3, 18, 30, tzinfo=UTC)),
            _member(3, ReportStatus.SUBMITTED, datetime(2025, 3, 6, 1, 0, tzinfo=UTC)),
            _member(4, ReportStatus.DRAFT, None),
        ),
        sections=sections,
        items=items,
        difficulties=(
            MemberText(member_id=2, full_name=NAMES[2], text="Thiếu tài liệu chuyên đề"),
        ),
        proposals=(MemberText(member_id=3, full_name=NAMES[3], text="Đề nghị tổ chức tọa đàm"),),
        free_items=(MemberText(member_id=1, full_name=NAMES[1], text="Hiến máu tình nguyện"),),
    )


def year_series() -> list[MonthFigures]:
    return [
        MonthFigures(
            month=m,
            members_total=10,
            reported=r,
            reported_on_time=r - 1,
            items=ItemCounts(planned=40, done=d, in_progress=5, not_started=3),
        )
        for m, r, d in ((1, 8, 10), (2, 9, 18), (3, 10, 25))
    ]


def rollup() -> CommitteeRollup:
    return CommitteeRollup(
        committee_id=3,
        committee_name="Đảng bộ phường Ngô Quyền",
        year=2025,
        month=3,
        cells=(
            CellFigures(
                cell_id=1,
                cell_name="Chi bộ khu phố 1",
                members_total=20,
                reported=19,
                reported_on_time=18,
                items=ItemCounts(planned=60, done=30),
            ),
            CellFigures(
                cell_id=2,
                cell_name="Chi bộ khu phố 2",
                members_total=10,
                reported=5,
                reported_on_time=5,
                items=ItemCounts(planned=30, done=6),
            ),
            CellFigures(
                cell_id=3,
                cell_name="Chi bộ khu phố 3",
                members_total=12,
                reported=9,
                reported_on_time=7,
                items=ItemCounts(planned=36, done=20),
            ),
            CellFigures(
                cell_id=4,
                cell_name="Chi bộ trường học",
                members_total=3,
                reported=3,
                reported_on_time=3,
                items=ItemCounts(planned=9, done=9),
            ),
        ),
    )


def evidence() -> MemberYearEvidence:
    def month(
        m: int, status: ReportStatus, progress: tuple[ItemMonthStatus, ...], **texts: str
    ) -> MonthEvidence:
        return MonthEvidence(
            month=m,
            cell_id=7,
            status=status,
            submitted_at=datetime(2025, m, 3, tzinfo=UTC)
            if status is ReportStatus.SUBMITTED
            else None,
            on_time=status is ReportStatus.SUBMITTED and m != 2,
            progress=progress,
            difficulties=texts.get("difficulties", ""),
            proposals=texts.get("proposals", ""),
            free_items=tuple(texts.get("free", "").split("|")) if texts.get("free") else (),
        )

    return MemberYearEvidence(
        member_id=1,
        full_name=NAMES[1],
        year=2025,
        plan_status=PlanStatus.ACKNOWLEDGED,
        items=(
            PlanItemLine(
                item_id=11,
                section_id=1,
                section_title="Học tập",
                position=1,
                text="Học tập chuyên đề năm 2025",
            ),
            PlanItemLine(
                item_id=12,
                section_id=2,
                section_title="Việc làm cụ thể",
                position=1,
                text="Tuyến phố không rác",
            ),
            PlanItemLine(
                item_id=13,
                section_id=2,
                section_title="Việc làm cụ thể",
                position=2,
                text="Số hóa hồ sơ",
            ),
        ),
        months=(
            month(
                1,
                ReportStatus.SUBMITTED,
                (
                    ItemMonthStatus(item_id=11, status=ItemStatus.IN_PROGRESS, note="Đọc tài liệu"),
                    ItemMonthStatus(item_id=12, status=ItemStatus.DONE, note="Dọn 4 buổi"),
                ),
                difficulties="Ít thời gian",
            ),
            month(
                2,
                ReportStatus.SUBMITTED,
                (
                    ItemMonthStatus(item_id=11, status=ItemStatus.DONE, note=""),
                    ItemMonthStatus(item_id=12, status=ItemStatus.DONE, note=""),
                ),
                free="Hiến máu tình nguyện",
            ),
            # A draft is the member's working copy: never evidence.
            month(
                3,
                ReportStatus.DRAFT,
                (ItemMonthStatus(item_id=13, status=ItemStatus.DONE, note="Nháp, chưa gửi"),),
            ),
        ),
    )


LONG_NAMES = (
    "Công Tằng Tôn Nữ Ngọc Minh",
    "Nguyễn Hoàng Khánh Huyền",
    "Tôn Thất Hoàng Quốc Khánh",
    "Trương Thị Thùy Dương",
    "Hoàng Phủ Ngọc Tường Vy",
)


def crowded_month_summary(members: int = 40) -> CellMonthSummary:
    """A big cell with long names: three items each, every fifth member without a report."""
    names = [LONG_NAMES[n % len(LONG_NAMES)] for n in range(members)]
    statuses = (ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_STARTED)
    items = tuple(
        ItemLine(
            member_id=n,
            full_name=names[n],
            item_id=n * 10 + k,
            section_id=1 + k % 2,
            position=k,
            text=f"Việc số {k + 1} trong kế hoạch rèn luyện của đồng chí",
            status=None if n % 5 == 4 else statuses[(n + k) % 3],
            note="Đã hoàn thành đúng tiến độ" if (n + k) % 3 == 0 and n % 5 != 4 else "",
        )
        for n in range(members)
        for k in range(3)
    )

    def counts(section_id: int) -> ItemCounts:
        own = [line.status for line in items if line.section_id == section_id]
        return ItemCounts(
            planned=len(own),
            done=own.count(ItemStatus.DONE),
            in_progress=own.count(ItemStatus.IN_PROGRESS),
            not_started=own.count(ItemStatus.NOT_STARTED),
        )

    return CellMonthSummary(
        cell_id=8,
        cell_name="Chi bộ khu dân cư số 12, phường Hoàng Văn Thụ",
        year=2025,
        month=3,
        meeting_at=DEADLINE,
        meeting_cancelled=False,
        deadline=DEADLINE,
        members=tuple(
            MemberMonthStatus(
                member_id=n,
                full_name=names[n],
                reachable=True,
                report_status=None if n % 5 == 4 else ReportStatus.SUBMITTED,
                submitted_at=None if n % 5 == 4 else DEADLINE,
                on_time=n % 5 != 4,
            )
            for n in range(members)
        ),
        sections=tuple(
            SectionProgress(section_id=s, position=s, title=title, items=counts(s))
            for s, title in ((1, "Học tập chuyên đề"), (2, "Việc làm cụ thể"))
        ),
        items=items,
        difficulties=(),
        proposals=(),
        free_items=(),
    )


def cell_plans(summary: CellMonthSummary) -> tuple[CellPlan, ...]:
    """The registration list of ``summary``'s members: every fourth one has no plan yet."""
    return tuple(
        CellPlan(
            member_id=m.member_id,
            full_name=m.full_name,
            plan_id=None if n % 4 == 3 else n + 1,
            status=None if n % 4 == 3 else PlanStatus.ACKNOWLEDGED,
            items=0 if n % 4 == 3 else 3,
            submitted_at=None if n % 4 == 3 else DEADLINE,
        )
        for n, m in enumerate(summary.members)
    )


def personal_plan() -> Plan:
    """A plan of two sections, its items as long as members write them."""
    sections = tuple(
        Section(id=s, position=s, title=title, guidance="", example="")
        for s, title in ((1, "Học tập, quán triệt chuyên đề năm"), (2, "Việc làm cụ thể"))
    )
    items = tuple(
        Item(id=10 * s + k, section_id=s, text=f"{text} (việc số {k})")
        for s, text in (
            (1, "Học tập chuyên đề năm 2025 và viết bài thu hoạch nộp chi bộ"),
            (2, "Tham gia mô hình 'Tuyến phố không rác' mỗi sáng Chủ nhật cùng tổ dân phố"),
        )
        for k in range(1, 4)
    )
    return Plan(
        id=1,
        member_id=0,
        year=2025,
        status=PlanStatus.ACKNOWLEDGED,
        sections=sections,
        items=items,
        review_comment=None,
        submitted_at=DEADLINE,
        theme="Xây dựng phong cách, tác phong công tác của người đứng đầu",
    )


def meeting(summary: CellMonthSummary) -> MeetingRecord:
    """The month's meeting: a third confirmed, every seventh member excused with a reason."""
    return MeetingRecord(
        summary=summary,
        starts_at=summary.meeting_at,
        place="Nhà văn hóa khu dân cư số 12",
        topic="",
        thematic=False,
        attendance=tuple(
            Attendance(
                m.full_name,
                n % 3 == 0 and n % 7 != 6,
                "Đi công tác tại Thành phố Hồ Chí Minh" if n % 7 == 6 else None,
            )
            for n, m in enumerate(summary.members)
        ),
    )


def cell_review(summary: CellMonthSummary, *, full_year: bool) -> CellReview:
    """Each month of the period as ``summary``, whose month it was."""
    period = ReviewPeriod.of(summary.year, full_year=full_year)
    months = tuple(replace(summary, month=m) for m in period.months)
    return CellReview(
        period=period,
        cell_name=summary.cell_name,
        months=months,
        plans=cell_plans(summary),
        examples=chosen_examples(months),
    )


def committee_review(cells: int, *, full_year: bool) -> CommitteeReview:
    """A committee of ``cells`` cells, their names as long as wards name them."""
    period = ReviewPeriod.of(2025, full_year=full_year)
    figures = tuple(
        CellFigures(
            cell_id=n,
            cell_name=f"Chi bộ khu dân cư số {n}" if n % 2 else f"Chi bộ Trường Tiểu học số {n}",
            members_total=10 + n,
            reported=8 + n,
            reported_on_time=7 + n,
            items=ItemCounts(planned=3 * (10 + n), done=2 * n, in_progress=n, not_started=1),
        )
        for n in range(1, cells + 1)
    )
    return CommitteeReview(
        period=period,
        committee_name="Đảng bộ phường Hoàng Văn Thụ",
        months=tuple(
            CommitteeRollup(
                committee_id=3,
                committee_name="Đảng bộ phường Hoàng Văn Thụ",
                year=2025,
                month=m,
                cells=figures,
            )
            for m in period.months
        ),
        registrations={c.cell_id: Registration(c.members_total, c.reported) for c in figures},
    )
