"""A small cell for member tests: a secretary, two members, a year with three sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.permissions import Actor
from domain.vocabulary import MemberStatus, Role, ShiftRule
from storage.models import Cell, Member, PlanSection, YearConfig

# 10 March 2026, 09:00 in Hà Nội: the cell meets on the 5th, so the next meeting is in April.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
SECRETARY_TG, AN_TG, BINH_TG = 9001, 9002, 9003
SECTIONS = (
    ("Học tập, quán triệt chuyên đề năm", "Ngắn gọn, cụ thể.", "Đọc chuyên đề năm."),
    (
        "Tu dưỡng, rèn luyện đạo đức, lối sống",
        "Gắn với khuyết điểm của bản thân.",
        "Không uống rượu bia trong giờ làm việc.",
    ),
    ("Việc làm cụ thể, mô hình đăng ký", "", ""),
)


@dataclass(frozen=True)
class Seeded:
    cell_id: int
    secretary: Actor
    an: Actor
    binh: Actor
    section_ids: tuple[int, ...]
    previous_section_ids: tuple[int, ...]


async def seed(db: async_sessionmaker[AsyncSession]) -> Seeded:
    async with db() as session, session.begin():
        cell = Cell(
            name="Chi bộ khu phố 3, phường Ngô Quyền",
            meeting_day=5,
            meeting_time=time(14, 0),
            meeting_place="Nhà văn hóa khu phố 3",
            shift_rule=ShiftRule.NONE,
        )
        session.add(cell)
        await session.flush()
        people = [
            Member(
                full_name="Trần Thị Bí Thư",
                telegram_id=SECRETARY_TG,
                cell_id=cell.id,
                role=Role.SECRETARY,
                status=MemberStatus.ACTIVE,
            ),
            Member(
                full_name="Nguyễn Văn An",
                telegram_id=AN_TG,
                cell_id=cell.id,
                role=Role.MEMBER,
                status=MemberStatus.ACTIVE,
            ),
            Member(
                full_name="Lê Thị Bình",
                telegram_id=BINH_TG,
                cell_id=cell.id,
                role=Role.MEMBER,
                status=MemberStatus.ACTIVE,
            ),
        ]
        session.add_all(people)
        ids: dict[int, tuple[int, ...]] = {}
        for year in (2025, 2026):
            config = YearConfig(year=year, theme=f"Chuyên đề năm {year}")
            session.add(config)
            await session.flush()
            sections = [
                PlanSection(
                    year_config_id=config.id,
                    position=n,
                    title=title,
                    guidance=guidance,
                    example=example,
                )
                for n, (title, guidance, example) in enumerate(SECTIONS, 1)
            ]
            session.add_all(sections)
            await session.flush()
            ids[year] = tuple(s.id for s in sections)
        actors = [Actor.of(member) for member in people]
        return Seeded(cell.id, actors[0], actors[1], actors[2], ids[2026], ids[2025])
