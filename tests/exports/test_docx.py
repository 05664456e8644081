"""The Word reports read back with python-docx: the form, the figures, the tables."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, date, datetime

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from domain.units import Letterhead
from exports.docx import member_evidence_docx, month_report_docx, rollup_docx
from tests.exports import samples

CELL_HEAD = Letterhead(
    issuing_unit=samples.CELL,
    upper_unit="Đảng bộ phường Ngô Quyền",
    symbol="CB",
    place="Vĩnh Yên",
    recipient="Đảng ủy phường Ngô Quyền",
)
COMMITTEE_HEAD = Letterhead(
    issuing_unit="Đảng ủy phường Ngô Quyền",
    upper_unit="Đảng bộ thành phố Vĩnh Yên",
    symbol="ĐU",
    place="Vĩnh Yên",
)


def _open(data: bytes):
    return Document(io.BytesIO(data))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _table(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def month_report() -> bytes:
    return month_report_docx(
        samples.month_summary(),
        secretary_name="Nguyễn Văn An",
        letterhead=CELL_HEAD,
        issued_on=date(2025, 3, 4),
    )


def test_month_report_has_the_administrative_heading() -> None:
    document = _open(month_report())
    left, right = _table(document.tables[0])[0]
    assert left.splitlines() == [
        "ĐẢNG BỘ PHƯỜNG NGÔ QUYỀN",
        "CHI BỘ KHU PHỐ 3, PHƯỜNG NGÔ QUYỀN",
        "*",
        "Số       -BC/CB",
    ]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.splitlines()[-1] == "Vĩnh Yên, ngày 04 tháng 03 năm 2025"
    date_runs = document.tables[0].rows[0].cells[1].paragraphs[-1].runs
    assert all(run.italic for run in date_runs)
    party = document.tables[0].rows[0].cells[1].paragraphs[0].runs[0]
    assert party.bold and party.underline
    upper, issuer = document.tables[0].rows[0].cells[0].paragraphs[:2]
    assert not upper.runs[0].bold and issuer.runs[0].bold


def test_month_report_without_a_committee_names_no_upper_unit_and_leaves_the_place_blank() -> None:
    document = _open(month_report_docx(samples.month_summary(), issued_on=date(2025, 3, 4)))
    left, right = _table(document.tables[0])[0]
    assert left.splitlines() == ["CHI BỘ KHU PHỐ 3, PHƯỜNG NGÔ QUYỀN", "*", "Số       -BC/CB"]
    assert right.splitlines()[-1] == "……………, ngày 04 tháng 03 năm 2025"
    # No committee known: no line left to fill in by hand.
    recipients, _ = _table(document.tables[1])[0]
    assert recipients.splitlines() == ["Nơi nhận:", "- Lưu chi bộ."]


def test_month_report_title_and_figures() -> None:
    summary = samples.month_summary()
    texts = _texts(_open(month_report()))
    assert "BÁO CÁO" in texts
    assert (
        "Kết quả thực hiện kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh tháng 03/2025"
    ) in texts
    assert f"Tổng số đảng viên của chi bộ trong tháng: {summary.members_total} đồng chí." in texts
    assert (
        f"Số đồng chí đã báo cáo: {summary.reported}/{summary.members_total} (75%), "
        f"trong đó {summary.reported_on_time} đồng chí báo cáo đúng hạn."
    ) in texts
    # 3 done of 7 items: a Vietnamese decimal comma.
    assert any("hoàn thành 3 (42,9%)" in text for text in texts)
    assert "- Việc làm cụ thể: hoàn thành 1/3 việc (33,3%)." in texts
    assert "- Đồng chí Trần Thị Bình: Thiếu tài liệu chuyên đề" in texts
    assert "- Đồng chí Lê Văn <Cường> & Co: Đề nghị tổ chức tọa đàm" in texts
    # The models are the items the secretary chose: not every done item with a note, nor
    # the deeds beyond the plan.
    assert "- Đồng chí Nguyễn Văn An: Học tập chuyên đề năm 2025: Đã viết thu hoạch" in texts
    assert not any("Số hóa hồ sơ" in text or "Dọn 4 buổi" in text for text in texts)
    assert not any("Hiến máu" in text for text in texts)


def test_month_report_table_has_a_row_per_member() -> None:
    summary = samples.month_summary()
    rows = _table(_open(month_report()).tables[-1])
    assert rows[0] == [
        "STT",
        "Họ và tên",
        "Báo cáo",
        "Hoàn thành",
        "Đang thực hiện",
        "Chưa thực hiện",
    ]
    assert [row[1] for row in rows[1:]] == [m.full_name for m in summary.members]
    assert [row[2] for row in rows[1:]] == ["Đúng hạn", "Đúng hạn", "Muộn", "Chưa báo cáo"]
    assert sum(int(row[3]) for row in rows[1:]) == summary.item_totals.done


def test_month_report_signature_block_and_font() -> None:
    document = _open(month_report())
    recipients, signature = _table(document.tables[1])[0]
    assert signature.splitlines()[:2] == ["T/M CHI BỘ", "BÍ THƯ"]
    assert signature.splitlines()[-1] == "Nguyễn Văn An"
    # The committee's executive body, named once (not "Đảng ủy Đảng bộ …").
    assert recipients.splitlines() == [
        "Nơi nhận:",
        "- Đảng ủy phường Ngô Quyền,",
        "- Lưu chi bộ.",
    ]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert normal.size.pt == 14


def test_member_evidence_counts_submitted_months_only() -> None:
    document = _open(
        member_evidence_docx(
            samples.evidence(),
            cell_name=samples.CELL,
            months_in_scope=3,
            secretary_name="Trần Thị Bình",
            letterhead=CELL_HEAD,
            issued_on=date(2025, 12, 20),
        )
    )
    left, right = _table(document.tables[0])[0]
    assert left.splitlines() == [
        "ĐẢNG BỘ PHƯỜNG NGÔ QUYỀN",
        "CHI BỘ KHU PHỐ 3, PHƯỜNG NGÔ QUYỀN",
        "*",
        "Số       -BC/CB",
    ]
    assert right.splitlines()[-1] == "Vĩnh Yên, ngày 20 tháng 12 năm 2025"
    texts = _texts(document)
    assert "BÁO CÁO" in texts
    assert (
        "Tổng hợp kết quả thực hiện kế hoạch cá nhân học tập và làm theo tư tưởng, đạo đức, "
        "phong cách Hồ Chí Minh năm 2025 của đồng chí Nguyễn Văn An"
    ) in texts
    assert "Số tháng đã báo cáo tại chi bộ: 2/3 (66,7%), trong đó 1 tháng đúng hạn." in texts
    assert "Các tháng đã báo cáo: 01/2025, 02/2025." in texts
    assert "Số việc đăng ký: 3; hoàn thành trong kỳ: 2 (66,7%)." in texts
    assert "- Tháng 02/2025: Hiến máu tình nguyện" in texts
    assert not any("Nháp" in text for text in texts)
    rows = _table(document.tables[1])
    assert rows[1:] == [
        ["1", "Học tập: Học tập chuyên đề năm 2025", "Hoàn thành", "02"],
        ["2", "Việc làm cụ thể: Tuyến phố không rác", "Hoàn thành", "01, 02"],
        ["3", "Việc làm cụ thể: Số hóa hồ sơ", "Chưa báo cáo", ""],
    ]
    assert _table(document.tables[-1])[0][1].splitlines()[-1] == "Trần Thị Bình"


def test_rollup_report_lists_cells_weakest_first_without_members() -> None:
    document = _open(
        rollup_docx(
            samples.rollup(),
            threshold=0.8,
            letterhead=COMMITTEE_HEAD,
            issued_on=date(2025, 4, 2),
        )
    )
    left, right = _table(document.tables[0])[0]
    # Hướng dẫn 36-HD/VPTW: the upper unit, then the issuing body in bold, then its symbol.
    assert left.splitlines() == [
        "ĐẢNG BỘ THÀNH PHỐ VĨNH YÊN",
        "ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN",
        "*",
        "Số       -BC/ĐU",
    ]
    assert right.splitlines()[-1] == "Vĩnh Yên, ngày 02 tháng 04 năm 2025"
    texts = _texts(document)
    assert (
        "Số chi bộ: 4; tổng số đảng viên: 45; đã báo cáo: 36 (80%), trong đó 33 đúng hạn." in texts
    )
    assert "Số chi bộ có tỉ lệ báo cáo dưới 80%: 2." in texts
    rows = _table(document.tables[1])
    assert [row[1] for row in rows[1:]] == [
        "Chi bộ khu phố 2",
        "Chi bộ khu phố 3",
        "Chi bộ khu phố 1",
        "Chi bộ trường học",
    ]
    assert rows[1][5:] == ["50%", "20%"]
    assert rows[3][5] == "95%"
    assert _table(document.tables[-1])[0][1].splitlines()[0] == "T/M ĐẢNG ỦY"


def test_rollup_without_a_letterhead_names_the_body_after_the_organisation() -> None:
    document = _open(rollup_docx(samples.rollup(), threshold=0.8, issued_on=date(2025, 4, 2)))
    left, right = _table(document.tables[0])[0]
    assert left.splitlines() == ["ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN", "*", "Số       -BC/ĐU"]
    assert right.splitlines()[-1] == "……………, ngày 02 tháng 04 năm 2025"


def _body_before_appendix(document) -> list[str]:
    """The paragraphs of the report's own section (what is sent up), up to the section break."""
    texts = []
    for paragraph in document.paragraphs:
        texts.append(paragraph.text)
        if paragraph._p.pPr is not None and paragraph._p.pPr.sectPr is not None:
            break
    return texts


def test_month_report_states_its_period_plans_and_item_totals_that_add_up() -> None:
    summary = dataclasses.replace(
        samples.month_summary(), covers_from=date(2025, 2, 6), covers_to=date(2025, 3, 5)
    )
    texts = _texts(_open(month_report_docx(summary, issued_on=date(2025, 3, 6))))
    assert "Thời gian báo cáo: từ ngày 06/02/2025 đến ngày 05/03/2025." in texts
    # Four members, each with items in the plan.
    assert "Số đồng chí đã đăng ký kế hoạch: 4/4 (100%)." in texts
    line = next(text for text in texts if text.startswith("Tổng số việc đăng ký"))
    # The rate in brackets aside, the five counts in order.
    numbers = [int(n) for n in re.findall(r"\d+", re.sub(r"\(.*?\)", "", line))]
    registered, done, in_progress, not_started, not_reported = numbers
    assert (registered, done, in_progress, not_started, not_reported) == (7, 3, 1, 1, 2)
    assert done + in_progress + not_started + not_reported == registered
    reported = next(text for text in texts if text.startswith("Số đồng chí đã báo cáo"))
    missing = next(text for text in texts if text.startswith("Số đồng chí chưa báo cáo"))
    reported_count, members = map(int, re.search(r"(\d+)/(\d+)", reported).groups())
    missing_count = int(re.search(r": (\d+)\.$", missing).group(1))
    assert (reported_count, missing_count, members) == (3, 1, 4)
    assert reported_count + missing_count == members == summary.members_total


def test_month_report_without_its_days_covers_the_calendar_month() -> None:
    texts = _texts(_open(month_report()))
    assert "Thời gian báo cáo: từ ngày 01/03/2025 đến ngày 31/03/2025." in texts


def test_the_report_sent_up_has_counts_and_the_members_are_in_the_internal_appendix() -> None:
    document = _open(month_report())
    report = _body_before_appendix(document)
    assert len(document.sections) == 2
    assert document.sections[1].start_type == WD_SECTION.NEW_PAGE
    # The missing member is counted, not named, in what goes to the committee.
    assert not any("Phạm Thị Dung" in text for text in report)
    assert "PHỤ LỤC: KẾT QUẢ CỦA TỪNG ĐỒNG CHÍ" not in report
    assert "PHỤ LỤC: KẾT QUẢ CỦA TỪNG ĐỒNG CHÍ" in _texts(document)
    # The heading and the signature come before the break, the members' table after it.
    body = document.element.body
    break_at = next(
        index
        for index, p in enumerate(body.iterchildren())
        if p.find(".//" + qn("w:sectPr")) is not None
    )
    positions = [list(body.iterchildren()).index(table._tbl) for table in document.tables]
    assert positions[0] < positions[1] < break_at < positions[2]


def test_month_report_numbers_its_pages_in_vietnamese_with_grid_widths() -> None:
    document = _open(month_report())
    footer = document.sections[0].footer
    fields = footer._element.findall(".//" + qn("w:fldSimple"))
    assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]
    assert document.sections[1].footer.is_linked_to_previous
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("vi-VN", "vi-VN")
    members = document.tables[-1]
    grid = members._tbl.tblGrid.findall(qn("w:gridCol"))
    widths = [round(int(col.get(qn("w:w"))) / 567, 1) for col in grid]  # twips per cm
    assert widths == [1.5, 7.0, 2.3, 1.9, 1.9, 1.9]
    # The heading's unit names are 14 pt.
    left = document.tables[0].rows[0].cells[0].paragraphs
    assert [run.font.size.pt for p in left[:2] for run in p.runs] == [14, 14]


def test_month_report_properties_name_the_cell_and_the_issued_moment() -> None:
    issued = datetime(2025, 3, 4, 8, 15, tzinfo=UTC)
    document = _open(
        month_report_docx(
            samples.month_summary(),
            letterhead=CELL_HEAD,
            issued_on=date(2025, 3, 4),
            issued_at=issued,
        )
    )
    properties = document.core_properties
    assert properties.author == samples.CELL
    assert properties.last_modified_by == samples.CELL
    assert properties.created == issued
    assert properties.language == "vi-VN"
