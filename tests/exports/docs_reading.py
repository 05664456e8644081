"""Reading back the cell's documents with python-docx: paragraphs, tables, the heading."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject


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
