"""A real cell's first day, from an empty database and with no demo data: the operator
creates the committee and the cell with the CLI and sets the year's theme with ``chibo year
import``; the secretary and a member join by invite; the member registers a three-item plan
in the built-in sections, the secretary approves it, the member reports the month; the
summary counts it and the Word export carries the theme, the place name and the right unit
names. ``chibo run`` runs with a token against the Telegram stand-in (no local mode, so no
demo data), on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import io
import os
import re
import tomllib
import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from docx import Document
from sqlalchemy import func, select

from bench.databases import drop_postgres, recreate_postgres
from domain.clock import DEFAULT_TZ, RunningClock
from domain.summaries import cell_month_summary
from domain.vocabulary import Role
from emulator import Emulator, EmulatorConfig
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import Cell, Invite, Member
from tests.conftest import postgres_server_url
from tests.e2e.conftest import CHIBO, ChiboProcess, free_port
from tests.e2e.phones import Phone

TOKEN = "123456789:FIRST-day-chibo-token-00000000000000"
THEME = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng Đảng"
SECRETARY, MEMBER = 8_800_001, 8_800_002
PLAN = (
    (1, "Nghiên cứu chuyên đề năm, viết bài thu hoạch"),
    (2, "Không dùng điện thoại vào việc riêng trong giờ làm việc"),
    (5, "Tham gia mô hình «Tuyến phố không rác» mỗi sáng Chủ nhật"),
)
WITHIN = 60.0


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'chibo.db'}"
        return
    postgres_server_url()
    name = f"first_day_{uuid.uuid4().hex[:8]}"
    url = await recreate_postgres(name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        await drop_postgres(name)


class Cli:
    """``chibo`` commands as an operator types them, on the same database and clock."""

    def __init__(self, database_url: str, clock: RunningClock, workdir: Path) -> None:
        self.database_url, self.clock, self.workdir = database_url, clock, workdir

    async def __call__(self, *args: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHIBO_")}
        env.update(
            CHIBO_DATABASE_URL=self.database_url,
            CHIBO_CLOCK_START=self.clock.now().isoformat(),
            COLUMNS="250",
        )
        process = await asyncio.create_subprocess_exec(
            str(CHIBO), *args, cwd=self.workdir, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await process.communicate()
        text = out.decode()
        assert process.returncode == 0, f"chibo {' '.join(args)}: {err.decode()}{text}"
        return text


def _all_text(document: Any) -> str:
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


async def test_a_cell_goes_from_an_empty_database_to_its_first_monthly_report(
    empty_database: str, tmp_path: Path, clock: RunningClock
) -> None:
    cli = Cli(empty_database, clock, tmp_path)
    created = await cli(
        "committee", "create", "Đảng ủy phường Ngô Quyền",
        "--upper-unit", "Đảng bộ thành phố Vĩnh Yên", "--locality", "Vĩnh Yên",
    )  # fmt: skip
    committee_id = re.search(r"số (\d+)", created).group(1)  # type: ignore[union-attr]
    created = await cli(
        "cell", "create", "Chi bộ khu phố 3", "--day", "5", "--time", "19:30",
        "--place", "Nhà văn hóa khu phố 3", "--committee", committee_id,
    )  # fmt: skip
    cell_id = int(re.search(r"số (\d+)", created).group(1))  # type: ignore[union-attr]
    year = clock.now().astimezone(DEFAULT_TZ).year
    # The built-in sections, with the committee's own theme and wording.
    exported = tomllib.loads(await cli("year", "export", str(year)))
    exported.update(theme=THEME, plan_title="thuc-hanh")
    (tmp_path / "nam.toml").write_text(tomli_w.dumps(exported), encoding="utf-8")
    await cli("year", "import", str(tmp_path / "nam.toml"), "--committee", committee_id)
    await cli("invite", "create", "--cell", str(cell_id), "--role", "secretary")
    await cli("invite", "create", "--cell", str(cell_id), "--role", "member", "--uses", "40")

    engine = create_engine(empty_database)
    db = create_session_factory(engine)
    emulator = Emulator(EmulatorConfig(token=TOKEN))
    api_url = await emulator.start("127.0.0.1", 0)
    emulator.add_persona(SECRETARY, "Lan", last_name="Nguyễn Thị")
    emulator.add_persona(MEMBER, "Đức", last_name="Phùng Anh")
    chibo = ChiboProcess(
        workdir=tmp_path, database_url=empty_database, port=free_port(), clock=clock,
        api_url=api_url,
        extra_env={"CHIBO_BOT_TOKEN": TOKEN, "CHIBO_TELEGRAM_API_URL": api_url},
    )  # fmt: skip
    try:
        async with db() as session:
            codes = dict((await session.execute(select(Invite.role, Invite.code))).all())
            assert await session.scalar(select(func.count()).select_from(Member)) == 0
        await chibo.start()
        assert chibo.users is not None

        secretary = Phone(chibo.users, SECRETARY, within=WITHIN)
        await secretary.start(codes[Role.SECRETARY], "Chi bộ khu phố 3")
        await secretary.press(t("join-button"), "Chào mừng")
        member = Phone(chibo.users, MEMBER, within=WITHIN)
        joining = await member.start(codes[Role.MEMBER], "Chi bộ khu phố 3")
        assert "Phùng Anh Đức" in joining["text"]  # family name first, as Vietnamese write it
        await member.press(t("join-button"), "Chào mừng")
        await member.press(t("member-to-menu"), "Đồng chí cần làm gì")

        overview = await member.press(t("menu-plan"), "Tổng quan")
        assert THEME in overview["text"]
        for number, text in PLAN:
            await member.press(member.caption(lambda c, n=number: c.startswith(f"{n}. ")), "Phần")
            await member.send(text, text)
            await member.press(t("plan-to-overview"), "Tổng quan")
        await member.press(t("plan-submit-button"), t("plan-status-submitted"))

        await secretary.send("/menu", "Đồng chí cần làm gì")
        await secretary.press(t("sec-menu"), "đồng chí đã báo cáo")
        await secretary.press(t("sec-open-plans"), f"Kế hoạch năm {year}")
        await secretary.press(t("sec-plan-line-submitted", name="Phùng Anh Đức"), PLAN[0][1])
        await secretary.press(t("sec-plan-acknowledge"), "Đã duyệt kế hoạch")

        await member.send("/menu", "Đồng chí cần làm gì")
        first = await member.press(t("menu-report"), "Việc 1/3")
        month = int(re.search(r"Báo cáo tháng (\d+)/", first["text"]).group(1))  # type: ignore[union-attr]
        await member.press(t("report-status-done-button"), "Ghi chú")
        await member.send("Đã nộp bài thu hoạch cho chi bộ", "Việc 2/3")
        await member.press(t("report-status-in-progress-button"), "Ghi chú")
        await member.press(t("report-skip-note"), "Việc 3/3")
        await member.press(t("report-status-done-button"), "Ghi chú")
        await member.press(t("report-skip-note"), "Việc làm khác")
        await member.press(t("report-continue"), "Khó khăn")
        await member.press(t("report-none-button"), "Kiến nghị")
        await member.press(t("report-none-button"), "Xem trước")
        await member.press(t("report-submit-button"), t("report-submitted-notice"))

        async with db() as session:
            cell = await session.get(Cell, cell_id)
            assert cell is not None
            summary = await cell_month_summary(session, cell_id, year, month)
        assert (summary.reported, summary.members_total) == (1, 2)
        totals = summary.item_totals
        assert (totals.done, totals.in_progress, totals.not_started) == (2, 1, 0)
        assert [m.full_name for m in summary.members if m.reported] == ["Phùng Anh Đức"]

        # The month's Word report, as the secretary files it.
        await secretary.send("/menu", "Đồng chí cần làm gì")
        await secretary.press(t("sec-menu"), "đồng chí đã báo cáo")
        period = f"{month:02d}/{year}"
        before = await chibo.users.chat(SECRETARY)
        after = max(m["message_id"] for m in before["messages"])
        await chibo.users.press(
            SECRETARY, secretary.window["message_id"], text=t("sec-export-docx")
        )

        def exported_file(view: dict[str, Any]) -> list[dict[str, Any]]:
            return [
                m for m in view["messages"]
                if m["kind"] == "document" and m["message_id"] > after
                and m["text"] == t("sec-export-caption", period=period)
            ]  # fmt: skip

        view = await chibo.users.wait_for(
            SECRETARY, lambda v: bool(exported_file(v)), within=WITHIN
        )
        [message] = exported_file(view)
        content = await chibo.users.download(message["document"]["file_id"])
        text = _all_text(Document(io.BytesIO(content)))
        assert THEME in text
        assert "thực hành" in text  # the wording the committee chose for the year
        today = clock.now().astimezone(DEFAULT_TZ).date()
        assert _date_line(today) in text
        assert "ĐẢNG BỘ PHƯỜNG NGÔ QUYỀN" in text and "CHI BỘ KHU PHỐ 3" in text
        assert "Đảng ủy phường Ngô Quyền" in text
        for wrong in ("ĐẢNG BỘ ĐẢNG ỦY", "Đảng ủy Đảng ủy", "Đảng bộ Đảng ủy"):
            assert wrong.lower() not in text.lower()
        assert "Phùng Anh Đức" in text
    finally:
        await chibo.stop()
        await emulator.stop()
        await engine.dispose()


def _date_line(day: date) -> str:
    return f"Vĩnh Yên, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
