"""``chibo member data`` and ``chibo member anonymise``: requests made to the operator."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import OPERATOR
from domain.members import add_member
from storage.models import Member

from .conftest import Invoke

NAME = "Trần Thị Bích Ngọc"


@pytest.fixture
def member_id(chibo: Invoke, db: Callable[..., Any]) -> int:
    result = chibo(
        "cell",
        "create",
        "Chi bộ khu phố 3",
        "--day",
        "5",
        "--time",
        "14:00",
        "--place",
        "Nhà văn hóa",
    )
    assert result.exit_code == 0, result.output

    async def add(session: AsyncSession) -> int:
        async with session.begin():
            member = await add_member(
                session, OPERATOR, cell_id=1, full_name=NAME, phone="0912345678",
                now=datetime(2026, 1, 5, tzinfo=UTC),
            )  # fmt: skip
            return member.id

    added: int = db(add)
    return added


def test_member_data_writes_the_json_file(chibo: Invoke, member_id: int, tmp_path: Path) -> None:
    path = tmp_path / "out" / "data.json"
    result = chibo("member", "data", str(member_id), "--out", str(path))
    assert result.exit_code == 0, result.output
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["member"]["full_name"] == NAME and data["member"]["phone"] == "0912345678"
    assert [m["cell"]["name"] for m in data["memberships"]] == ["Chi bộ khu phố 3"]

    unknown = chibo("member", "data", "999", "--out", str(tmp_path / "none.json"))
    assert unknown.exit_code == 1 and len(unknown.output.strip().splitlines()) == 1
    assert not (tmp_path / "none.json").exists()


def test_anonymise_needs_yes_and_a_member_who_left(
    chibo: Invoke, db: Callable[..., Any], member_id: int
) -> None:
    async def member(session: AsyncSession) -> tuple[str, str | None, bool]:
        row = await session.get(Member, member_id)
        assert row is not None
        return row.full_name, row.phone, row.anonymised

    unconfirmed = chibo("member", "anonymise", str(member_id))
    assert unconfirmed.exit_code == 2 and "--yes" in unconfirmed.output
    still_active = chibo("member", "anonymise", str(member_id), "--yes")
    assert still_active.exit_code == 1 and NAME in still_active.output
    assert db(member) == (NAME, "0912345678", False)

    assert chibo("member", "left", str(member_id)).exit_code == 0
    done = chibo("member", "anonymise", str(member_id), "--yes")
    assert done.exit_code == 0, done.output
    label = f"Đảng viên đã ẩn danh số {member_id}"
    assert label in done.output
    assert db(member) == (label, None, True)
    listing = chibo("member", "list", "--all")
    assert label in listing.output and NAME not in listing.output
    again = chibo("member", "anonymise", str(member_id), "--yes")
    assert again.exit_code == 1 and "Traceback" not in again.output
