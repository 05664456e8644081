"""The Word reports read back with python-docx: the form, the figures, the tables."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

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
    recipients, _ = _table(document.tables[-1])[0]
    assert recipients.splitlines() == ["Nơi nhận:", "- Cấp ủy cấp trên,", "- Lưu chi bộ."]


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
    # A model: an item done with a note; an item done without a note is not one.
    assert "- Đồng chí Nguyễn Văn An: Học tập chuyên đề năm 2025: Đã viết thu hoạch" in texts
    assert not any("Số hóa hồ sơ" in text for text in texts)


def test_month_report_table_has_a_row_per_member() -> None:
    summary = samples.month_summary()
    rows = _table(_open(month_report()).tables[1])
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
    recipients, signature = _table(document.tables[-1])[0]
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
