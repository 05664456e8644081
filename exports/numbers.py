"""Figures written the Vietnamese way: decimal comma, months mm/yyyy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from domain.summaries import ReportingFigures

C = TypeVar("C", bound=ReportingFigures)


def ratio(part: int, whole: int) -> float:
    """``part / whole`` as a fraction in 0..1; an empty whole counts as nothing done."""
    return part / whole if whole else 0.0


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as "99,7%": one decimal with a comma, none when it is round."""
    value = round(ratio(part, whole) * 100, 1)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text}%"


def month_label(year: int, month: int) -> str:
    return f"{month:02d}/{year}"


# Below this reporting rate a committee looks at a cell first.
DEFAULT_THRESHOLD = 0.8


def below(cell: ReportingFigures, threshold: float) -> bool:
    """A cell with nobody counted has nothing to show, so it needs attention too."""
    value = cell.report_rate
    return value is None or value < threshold


def attention_first(cells: Sequence[C], threshold: float) -> list[C]:
    """Cells below the threshold, weakest first, then the others in their given order."""
    weak = sorted((c for c in cells if below(c, threshold)), key=lambda c: c.report_rate or 0.0)
    return weak + [c for c in cells if not below(c, threshold)]
