"""The cell's heading lines for its leaders and the committee's names for its members."""

from __future__ import annotations

import html

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from locales import t
from storage.models import AuditEntry, Cell, Committee
from tests.dialogs.secretary.chat import LeaderChat
from tests.exports.world import NOW, World, build_world

Db = async_sessionmaker[AsyncSession]
CLOCK = FixedClock(NOW)


async def _world(db: Db) -> World:
    async with db() as session:
        world = await build_world(session)
        committee = await session.get(Committee, world.committee_id)
        assert committee is not None
        committee.locality = "Vĩnh Yên"
        await session.commit()
        return world


async def test_a_secretary_sets_the_cells_locality_and_upper_unit(session_factory: Db) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    text = await chat.open("sec-open-cell-info")
    assert "Chi bộ khu phố 3" in text
    assert t("sec-cell-info-inherited", value="Đảng bộ phường Ngô Quyền") in text
    assert t("sec-cell-info-inherited", value="Vĩnh Yên") in text
    assert t("sec-cell-info-clear-locality") not in chat.captions()

    await chat.press_id("sec-cell-info-edit-locality")
    text = await chat.send("🏠🏠")
    assert html.escape(t("error-text-no-letters"), quote=False) in text
    text = await chat.send("Ngô <Quyền>")
    assert t("sec-cell-info-saved", cell="Chi bộ khu phố 3") in text
    assert "Địa danh ở dòng ngày tháng: <b>Ngô &lt;Quyền&gt;</b>" in text
    await chat.press_id("sec-cell-info-edit-upper")
    text = await chat.send("Đảng bộ Khối cơ quan")
    assert "<b>Đảng bộ Khối cơ quan</b>" in text
    async with session_factory() as session:
        cell = await session.get(Cell, world.cell_a)
    assert cell is not None and (cell.locality, cell.upper_unit) == (
        "Ngô <Quyền>",
        "Đảng bộ Khối cơ quan",
    )

    text = await chat.press_id("sec-cell-info-clear-locality")
    assert t("sec-cell-info-inherited", value="Vĩnh Yên") in text
    async with session_factory() as session:
        actors = list(
            await session.scalars(
                select(AuditEntry.actor_member_id).where(AuditEntry.action == "cell.names")
            )
        )
    assert actors == [world.secretary_a.member_id] * 3


async def test_a_committee_member_sets_the_committees_names(session_factory: Db) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 3001, CLOCK)
    await chat.send("/start")
    await chat.press_id("com-menu")
    text = await chat.press_id("com-open-names")
    assert "Tên đảng bộ: <b>Đảng bộ phường Ngô Quyền</b>" in text
    assert "Tên đảng ủy (ký và nhận văn bản): <b>Đảng ủy phường Ngô Quyền</b>" in text
    assert "Ký hiệu văn bản: <b>ĐU</b>" in text

    await chat.press_id("com-names-edit", field=t("com-field-symbol"))
    text = await chat.send("Đ U")
    assert html.escape(t("error-unit-symbol-format", value="Đ U", max=16), quote=False) in text
    text = await chat.send("đuk")
    assert t("com-names-saved", name="Đảng bộ phường Ngô Quyền") in text
    assert "Ký hiệu văn bản: <b>ĐUK</b>" in text

    await chat.press_id("com-names-edit", field=t("com-field-upper-unit"))
    assert t("com-names-clear") not in chat.captions()  # nothing to clear yet
    text = await chat.send("Đảng bộ thành phố Vĩnh Yên")
    assert "Đảng bộ cấp trên (in phía trên tên đảng ủy): <b>Đảng bộ thành phố Vĩnh Yên</b>" in text
    await chat.press_id("com-names-edit", field=t("com-field-upper-unit"))
    text = await chat.press_id("com-names-clear")
    assert f"<b>{t('com-names-unset')}</b>" in text

    # A made-up field name changes nothing.
    data = chat.callback_data(t("com-names-edit", field=t("com-field-symbol")))
    await chat.press_data(data.rsplit(":", 1)[0] + ":id")
    async with session_factory() as session:
        committee = await session.get(Committee, world.committee_id)
    assert committee is not None
    assert (committee.symbol, committee.upper_unit, committee.name) == (
        "ĐUK",
        "",
        "Đảng bộ phường Ngô Quyền",
    )
