"""The Vietnamese administrative document form (Hướng dẫn 36-HD/VPTW) in python-docx.

Times New Roman 14 pt on A4, the two-column heading (issuing body on the left,
"ĐẢNG CỘNG SẢN VIỆT NAM" on the right), the place and date line, the centred
title, and the signature block with the list of recipients.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from domain.text import normalize
from locales import t

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BODY_PT = 14
HEADING_PT = 13
TABLE_PT = 12


def new_document() -> DocumentObject:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    # Word picks the East Asian font slot for some Vietnamese letters unless it is set too.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_after = Pt(3)
    return document


def filing(document: DocumentObject, *, author: str, created: datetime) -> None:
    """What a filed document carries besides its text: page numbers in the footer, the
    Vietnamese language (spelling, hyphenation), and its author and moment (its title is
    set by ``title_block``)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page, run, shown = (OxmlElement(tag) for tag in ("w:fldSimple", "w:r", "w:t"))
    page.set(qn("w:instr"), "PAGE")
    shown.text = "1"
    run.append(shown)
    page.append(run)
    paragraph._p.append(page)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")) if defaults is not None else ():
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    properties = document.core_properties
    properties.author = properties.last_modified_by = normalize(author)
    properties.language = LANGUAGE
    properties.created = properties.modified = created
    properties.revision = 1


def new_part(document: DocumentObject) -> None:
    """A new section on a new page (an appendix), numbered on from the pages before it."""
    document.add_section(WD_SECTION.NEW_PAGE)


def to_bytes(document: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def titled(name: str, prefix: str) -> str:
    """The unit's name in capitals, with its kind ("Chi bộ") in front unless already there."""
    name = normalize(name)
    if name.casefold().startswith(prefix.casefold()):
        return name.upper()
    return f"{prefix} {name}".upper()


def cell_line(cell_name: str) -> str:
    return titled(cell_name, t("export-cell-prefix"))


def unit_line(name: str) -> str:
    """A unit's name as a heading prints it: as stored, in capitals."""
    return normalize(name).upper()


def write(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int | None = None,
) -> Paragraph:
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def centred(container: DocumentObject | _Cell, text: str = "", **style: object) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    return write(paragraph, text, **style)  # type: ignore[arg-type]


def place_date(place: str, issued_on: date) -> str:
    return t(
        "export-place-date",
        place=normalize(place) or t("export-place-blank"),
        day=f"{issued_on.day:02d}",
        month=f"{issued_on.month:02d}",
        year=str(issued_on.year),
    )


def heading_block(
    document: DocumentObject,
    *,
    upper_unit: str | None,
    issuing_unit: str,
    number_line: str,
    place: str,
    issued_on: date,
) -> None:
    """The two columns on top: issuing body and number left, party and date right."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _first_paragraph_removed(left)
    _first_paragraph_removed(right)
    if upper_unit:
        centred(left, upper_unit, size=BODY_PT)
    centred(left, issuing_unit, bold=True, size=BODY_PT)
    centred(left, t("export-star"), size=HEADING_PT)
    centred(left, number_line, size=HEADING_PT)
    centred(right, t("export-party"), bold=True, underline=True, size=15)
    centred(right)
    centred(right, place_date(place, issued_on), italic=True, size=BODY_PT)
    _widths(table, Cm(7.5), Cm(9))


def title_block(document: DocumentObject, title: str, subtitle: str, theme: str = "") -> None:
    """The title, its subtitle, and the year's theme under them when the year has one."""
    document.core_properties.title = normalize(f"{title} {subtitle}")
    document.add_paragraph()
    centred(document, title, bold=True, size=16)
    centred(document, subtitle, bold=True, size=BODY_PT)
    if theme:
        centred(document, theme, italic=True, size=BODY_PT)
    document.add_paragraph()


def theme_line(year: int, theme: str) -> str:
    """ "Chuyên đề năm 2026: “…”", or nothing when the year has no theme."""
    theme = normalize(theme)
    return t("export-theme-line", year=str(year), theme=theme) if theme else ""


def heading(document: DocumentObject, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    return write(paragraph, text, bold=True)


def body(document: DocumentObject, text: str, *, italic: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return write(paragraph, text, italic=italic)


def lines_or_none(document: DocumentObject, lines: Sequence[str]) -> None:
    for line in lines or [t("export-none")]:
        body(document, line)


def grid(
    document: DocumentObject,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
) -> Table:
    """A bordered table with a bold repeated header row, 12 pt."""
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, text, bold=True, centre=True)
    _repeat_header(table)
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            _cell_text(cell, text, centre=index != 1)
    _widths(table, *(Cm(w) for w in widths_cm))
    return table


def signature_block(
    document: DocumentObject,
    *,
    recipients: Sequence[str],
    on_behalf: str,
    title: str,
    signer: str,
) -> None:
    """Recipients on the left; "T/M …", the signer's title, room to sign and the name right.

    The last lines before it are kept on its page: a signature never stands alone."""
    for paragraph in document.paragraphs[-2:]:
        paragraph.paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _first_paragraph_removed(left)
    _first_paragraph_removed(right)
    # The party's style (Hướng dẫn 36-HD/VPTW): "Nơi nhận:" 14 pt underlined, the lines 12 pt.
    write(left.add_paragraph(), t("export-recipients"), underline=True, size=BODY_PT)
    for line in recipients:
        write(left.add_paragraph(), line, size=TABLE_PT)
    centred(right, on_behalf, bold=True)
    if title:
        centred(right, title, bold=True)
    for _ in range(3):
        centred(right)
    centred(right, signer, bold=True)
    _widths(table, Cm(8), Cm(8.5))


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, centre: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    write(paragraph, text, bold=bold, size=TABLE_PT)


def _first_paragraph_removed(cell: _Cell) -> None:
    # A new cell holds one empty paragraph; the form starts at the top without it.
    element = cell.paragraphs[0]._element
    element.getparent().remove(element)


def _repeat_header(table: Table) -> None:
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    marker = row_properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    row_properties.append(marker)


def _widths(table: Table, *widths: Length) -> None:
    """Widths on the table grid (LibreOffice, WPS, Google Docs read it) and per cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


TEXT_WIDTH = Cm(16.5)  # A4 less the margins of new_document


def dotted_lines(document: DocumentObject, count: int) -> None:
    """Room to write by hand: what the meeting decides, what the secretary adds. A tab with a
    dot leader to the right margin: the dots fill the line in any font, never wrap."""
    for _ in range(count):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.add_run("\t")


def two_signatures(
    document: DocumentObject,
    left: Sequence[str],
    left_name: str,
    right: Sequence[str],
    right_name: str,
) -> None:
    """Two people sign side by side: their titles in bold, room to sign, then their names."""
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    for cell, titles, name in zip(
        table.rows[0].cells, (left, right), (left_name, right_name), strict=True
    ):
        _first_paragraph_removed(cell)
        for line in titles:
            centred(cell, line, bold=True)
        centred(cell, t("export-sign-hint"), italic=True, size=12)
        for _ in range(3):
            centred(cell)
        centred(cell, name, bold=True)
    _widths(table, Cm(8.25), Cm(8.25))
