"""Reading back the cell's documents with python-docx: paragraphs, tables, the heading."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER


def opened(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def texts(document: DocumentObject) -> list[str]:
    return [p.text for p in document.paragraphs]


def rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


def heading_lines(document: DocumentObject) -> tuple[list[str], list[str]]:
    """The issuing body's column and the party's column of the heading."""
    left, right = rows(document.tables[0])[0]
    return left.splitlines(), right.splitlines()


def assert_dotted(paragraph) -> None:  # type: ignore[no-untyped-def]
    """A line to write on: one tab whose stop at the right margin leads with dots."""
    stops = paragraph.paragraph_format.tab_stops
    assert paragraph.text == "\t" and len(stops) == 1
    assert stops[0].leader == WD_TAB_LEADER.DOTS
    assert stops[0].alignment == WD_TAB_ALIGNMENT.RIGHT
    assert abs(stops[0].position.cm - 16.5) < 0.01
