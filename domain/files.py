"""A file handed to a person: a summary exported as a workbook, a report or a chart, or a
member's own data. Plain data: the ``exports`` package renders the bytes."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExportFormat(enum.StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    PNG = "png"


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes
    mime: str
