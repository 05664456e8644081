"""The year's theme and plan title wording printed under the title of every Word report."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from sqlalchemy.ext.asyncio import AsyncSession

from domain import years
from domain.audit import OPERATOR
from domain.files import ExportFormat
from domain.vocabulary import PlanWording
from exports.docx import member_evidence_docx, month_report_docx, rollup_docx
from exports.files import export_committee_month, export_member_evidence, export_month
from tests.exports import samples
from tests.exports.world import MONTH, NOW, YEAR, build_world

THEME = "Học tập và làm theo Bác về xây dựng Đảng trong sạch, vững mạnh"
PRACTISE = "học tập, làm theo và thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def _paragraphs(data: bytes) -> list:
    return list(Document(io.BytesIO(data)).paragraphs)


def _theme_paragraph(data: bytes, year: int):
    found = [p for p in _paragraphs(data) if p.text.startswith(f"Chuyên đề năm {year}")]
    assert len(found) <= 1
    return found[0] if found else None


def test_each_report_prints_the_theme_under_its_subtitle() -> None:
    documents = {
        "month": month_report_docx(
            samples.month_summary(), theme=THEME, issued_on=date(2025, 3, 4)
        ),
        "evidence": member_evidence_docx(
            samples.evidence(), cell_name=samples.CELL, theme=THEME, issued_on=date(2025, 12, 1)
        ),
        "rollup": rollup_docx(
            samples.rollup(), threshold=0.8, theme=THEME, issued_on=date(2025, 4, 2)
        ),
    }
    for name, data in documents.items():
        line = _theme_paragraph(data, 2025)
        assert line is not None, name
        assert line.text == f"Chuyên đề năm 2025: “{THEME}”", name
        assert all(run.italic for run in line.runs), name
        texts = [p.text for p in _paragraphs(data)]
        # Right under the subtitle, which names the plan in the default wording.
        subtitle = texts[texts.index(line.text) - 1]
        assert "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" in subtitle, name


def test_no_theme_no_line_and_the_wording_follows_the_year() -> None:
    data = month_report_docx(
        samples.month_summary(), wording=PlanWording.PRACTISE, issued_on=date(2025, 3, 4)
    )
    assert _theme_paragraph(data, 2025) is None
    texts = [p.text for p in _paragraphs(data)]
    assert f"Kết quả thực hiện kế hoạch {PRACTISE} tháng 03/2025" in texts
    evidence = member_evidence_docx(
        samples.evidence(),
        cell_name=samples.CELL,
        wording=PlanWording.PRACTISE,
        issued_on=date(2025, 12, 1),
    )
    assert any(f"kế hoạch cá nhân {PRACTISE} năm 2025" in p.text for p in _paragraphs(evidence))


async def test_the_exports_take_the_theme_of_the_cells_committee(session: AsyncSession) -> None:
    world = await build_world(session)
    await years.save_setup(
        session,
        OPERATOR,
        YEAR,
        world.committee_id,
        years.YearSpec(
            theme=THEME,
            wording=PlanWording.PRACTISE,
            sections=(
                years.SectionSpec(1, "Học tập chuyên đề"),
                years.SectionSpec(2, "Việc làm cụ thể"),
            ),
        ),
        NOW,
    )
    secretary = world.secretary_a
    month = await export_month(
        session, secretary, world.cell_a, YEAR, MONTH, ExportFormat.DOCX, now=NOW
    )
    evidence = await export_member_evidence(session, secretary, secretary.member_id, YEAR, now=NOW)
    rollup = await export_committee_month(
        session, world.committee, world.committee_id, YEAR, MONTH, ExportFormat.DOCX, now=NOW
    )
    for file in (month, evidence, rollup):
        line = _theme_paragraph(file.content, YEAR)
        assert line is not None and THEME in line.text, file.filename
        assert any(PRACTISE in p.text for p in _paragraphs(file.content)), file.filename
    # The other committee has no setup of its own: the national default's theme holds.
    other = await export_committee_month(
        session,
        world.other_committee,
        world.other_committee_id,
        YEAR,
        MONTH,
        ExportFormat.DOCX,
        now=NOW,
    )
    line = _theme_paragraph(other.content, YEAR)
    assert line is not None and line.text == "Chuyên đề năm 2025: “Chuyên đề năm 2025”"
