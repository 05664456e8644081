"""How units are named: a committee's organisation and executive body, the unit above,
the symbol of its documents, the place names of date lines; and the heading
(``Letterhead``) every exported document prints from them.

A committee (``Committee``) is an organisation, "Đảng bộ phường Ngô Quyền", led by its
executive body, "Đảng ủy phường Ngô Quyền": documents are issued and received by the
body; the organisation is the line printed above a cell's name (Hướng dẫn 36-HD/VPTW).

What a document's heading says, by who issues it:

- a cell: the upper-unit line (the cell's own, else its committee's organisation name,
  else nothing), the cell's name, "Số …-BC/CB"; the date line's place is the cell's
  locality, else its committee's, else dots to fill in by hand; "Nơi nhận" names the
  committee's executive body;
- a committee: its upper unit (nothing when unset), its executive body, "Số …-BC/" and
  its symbol; the date line's place is the committee's locality, else dots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, actor_id, authorize, record
from domain.errors import DomainError, NotFound
from domain.permissions import Action
from domain.text import TextLimit, clean, normalize
from locales import t
from storage.models import Cell, Committee

UNIT_NAME = TextLimit(3, 200)
LOCALITY = TextLimit(2, 100)
SYMBOL_MAX = 16
_SYMBOL = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")


def _rest(name: str, prefix: str) -> str | None:
    """What follows ``prefix`` (any case) and a space at the start of ``name``, or ``None``."""
    head, tail = name[: len(prefix)], name[len(prefix) :]
    if head.casefold() == prefix.casefold() and tail[:1].isspace() and tail.strip():
        return tail.strip()
    return None


def split_committee_name(name: str) -> tuple[str, str]:
    """One name given for a committee -> (organisation, executive body).

    "Đảng ủy X" (also spelled "Đảng uỷ X") and "Đảng bộ X" both give ("Đảng bộ X",
    "Đảng ủy X"); any other "X" gives ("Đảng bộ X", "Đảng ủy X"). The migration
    b13c0de5a2e5 converted existing committees with a frozen copy of this rule.
    """
    value = one_line(name)
    organisation, body = t("unit-organisation-prefix"), t("unit-body-prefix")
    for prefix in (body, t("unit-body-prefix-old-spelling"), organisation):
        rest = _rest(value, prefix)
        if rest is not None:
            return f"{organisation} {rest}", f"{body} {rest}"
    return f"{organisation} {value}", f"{body} {value}"


def executive_name_of(committee: Committee) -> str:
    """The committee's executive body; derived from its name when none is stored."""
    return committee.executive_name or split_committee_name(committee.name)[1]


def one_line(text: str | None) -> str:
    """A heading line as typed: NFC, line breaks and runs of blanks made one space."""
    return " ".join(normalize(text or "").split())


def check_unit_name(text: str) -> str:
    return clean(one_line(text), UNIT_NAME)


def check_optional(text: str | None, limit: TextLimit) -> str:
    """An optional line: empty (or only blanks) clears it, anything else is checked."""
    value = one_line(text)
    return clean(value, limit) if value else ""


def check_symbol(text: str) -> str:
    """A document symbol such as "ĐU", "ĐUK" or "TU": letters and digits, in capitals."""
    value = normalize(text).upper()
    if not value:
        raise DomainError("error-unit-symbol-empty")
    if len(value) > SYMBOL_MAX or not _SYMBOL.match(value):
        raise DomainError("error-unit-symbol-format", value=value, max=SYMBOL_MAX)
    return value


@dataclass(frozen=True)
class Letterhead:
    """Who issues a document, as its heading and its list of recipients name them.

    ``upper_unit`` is printed above ``issuing_unit`` (nothing when empty); ``symbol`` ends
    the number line ("Số …-BC/ĐU"); ``place`` starts the date line (dots when empty);
    ``recipient`` is the body above that receives the document ("" for a generic line).
    """

    issuing_unit: str
    upper_unit: str = ""
    symbol: str = ""
    place: str = ""
    recipient: str = ""


# --------------------------------------------------------------------------- committees


@dataclass(frozen=True)
class CommitteeNames:
    id: int
    name: str
    executive_name: str
    upper_unit: str
    symbol: str
    locality: str


def committee_names_of(committee: Committee) -> CommitteeNames:
    return CommitteeNames(
        id=committee.id,
        name=committee.name,
        executive_name=executive_name_of(committee),
        upper_unit=committee.upper_unit,
        symbol=committee.symbol,
        locality=committee.locality,
    )


async def get_committee(session: AsyncSession, committee_id: int) -> Committee:
    committee = await session.get(Committee, committee_id)
    if committee is None:
        raise NotFound("error-committee-not-found", committee_id=committee_id)
    return committee


async def _check_name_free(
    session: AsyncSession, name: str, committee_id: int | None = None
) -> None:
    query = select(Committee.id).where(Committee.name == name)
    if committee_id is not None:
        query = query.where(Committee.id != committee_id)
    if await session.scalar(query) is not None:
        raise DomainError("error-committee-name-taken", name=name)


async def committee_names(
    session: AsyncSession, acting: Acting, committee_id: int
) -> CommitteeNames:
    """The committee's names as its members (or the operator) see and edit them."""
    authorize(acting, Action.EDIT_COMMITTEE_DETAILS, committee_id=committee_id)
    return committee_names_of(await get_committee(session, committee_id))


async def update_committee(
    session: AsyncSession,
    acting: Acting,
    committee_id: int,
    *,
    name: str | None = None,
    executive_name: str | None = None,
    upper_unit: str | None = None,
    symbol: str | None = None,
    locality: str | None = None,
) -> CommitteeNames:
    """Change what is given (``None`` leaves a field as it is; "" clears an optional one)."""
    authorize(acting, Action.EDIT_COMMITTEE_DETAILS, committee_id=committee_id)
    committee = await get_committee(session, committee_id)
    before = committee_names_of(committee)
    if name is not None:
        value = check_unit_name(name)
        await _check_name_free(session, value, committee_id)
        committee.name = value
    if executive_name is not None:
        committee.executive_name = check_unit_name(executive_name)
    elif not committee.executive_name:
        committee.executive_name = before.executive_name
    if upper_unit is not None:
        committee.upper_unit = check_optional(upper_unit, UNIT_NAME)
    if symbol is not None:
        committee.symbol = check_symbol(symbol)
    if locality is not None:
        committee.locality = check_optional(locality, LOCALITY)
    await session.flush()
    after = committee_names_of(committee)
    changed = {
        field: getattr(after, field)
        for field in ("name", "executive_name", "upper_unit", "symbol", "locality")
        if getattr(after, field) != getattr(before, field)
    }
    if changed:
        record(
            session,
            actor_id(acting),
            "committee.update",
            "committee",
            committee.id,
            before={field: getattr(before, field) for field in changed},
            after=changed,
        )
    return after


# --------------------------------------------------------------------------- cells


@dataclass(frozen=True)
class CellNames:
    """A cell's heading lines as stored, and what the heading prints when they are empty."""

    id: int
    name: str
    locality: str
    upper_unit: str
    committee_name: str | None
    committee_locality: str

    @property
    def printed_upper_unit(self) -> str:
        return self.upper_unit or self.committee_name or ""

    @property
    def printed_locality(self) -> str:
        return self.locality or self.committee_locality


async def get_cell(session: AsyncSession, cell_id: int) -> Cell:
    cell = await session.get(Cell, cell_id)
    if cell is None:
        raise NotFound("error-cell-not-found", cell_id=cell_id)
    return cell


async def _cell(session: AsyncSession, cell_id: int) -> tuple[Cell, Committee | None]:
    cell = await get_cell(session, cell_id)
    committee = None
    if cell.committee_id is not None:
        committee = await session.get(Committee, cell.committee_id)
    return cell, committee


def _cell_names(cell: Cell, committee: Committee | None) -> CellNames:
    return CellNames(
        id=cell.id,
        name=cell.name,
        locality=cell.locality,
        upper_unit=cell.upper_unit,
        committee_name=committee.name if committee else None,
        committee_locality=committee.locality if committee else "",
    )


async def cell_names(session: AsyncSession, acting: Acting, cell_id: int) -> CellNames:
    """The cell's heading lines, for its leaders (or the operator)."""
    authorize(acting, Action.EDIT_CELL_DETAILS, cell_id=cell_id)
    return _cell_names(*await _cell(session, cell_id))


async def update_cell_names(
    session: AsyncSession,
    acting: Acting,
    cell_id: int,
    *,
    locality: str | None = None,
    upper_unit: str | None = None,
) -> CellNames:
    """Set the cell's locality or upper-unit line; "" goes back to the committee's."""
    authorize(acting, Action.EDIT_CELL_DETAILS, cell_id=cell_id)
    cell, committee = await _cell(session, cell_id)
    before = {"locality": cell.locality, "upper_unit": cell.upper_unit}
    if locality is not None:
        cell.locality = check_optional(locality, LOCALITY)
    if upper_unit is not None:
        cell.upper_unit = check_optional(upper_unit, UNIT_NAME)
    await session.flush()
    after = {"locality": cell.locality, "upper_unit": cell.upper_unit}
    if after != before:
        record(session, actor_id(acting), "cell.names", "cell", cell.id, before=before, after=after)
    return _cell_names(cell, committee)


# --------------------------------------------------------------------------- letterheads


async def cell_letterhead(session: AsyncSession, cell_id: int) -> Letterhead:
    """The heading of a cell's documents (the caller has checked the right to export)."""
    cell, committee = await _cell(session, cell_id)
    names = _cell_names(cell, committee)
    return Letterhead(
        issuing_unit=cell.name,
        upper_unit=names.printed_upper_unit,
        symbol=t("export-cell-symbol"),
        place=names.printed_locality,
        recipient=executive_name_of(committee) if committee else "",
    )


async def committee_letterhead(session: AsyncSession, committee_id: int) -> Letterhead:
    """The heading of a committee's documents (the caller has checked the right to export)."""
    committee = await get_committee(session, committee_id)
    return Letterhead(
        issuing_unit=executive_name_of(committee),
        upper_unit=committee.upper_unit,
        symbol=committee.symbol,
        place=committee.locality,
    )
