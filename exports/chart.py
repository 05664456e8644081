"""PNG charts of rates, drawn with matplotlib's Agg canvas (no GUI, no pyplot state).

The default font, DejaVu Sans, ships with matplotlib and has every Vietnamese letter.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from domain.summaries import CellFigures, CommitteeRollup, MonthFigures
from exports.numbers import attention_first, month_label
from locales import t

WIDTH_PX = 1200
HEIGHT_PX = 700
DPI = 100


def _figure(height_px: int = HEIGHT_PX) -> Figure:
    figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No bbox="tight": the image keeps its fixed size whatever the labels.
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def cell_year_png(cell_name: str, year: int, months: Sequence[MonthFigures]) -> bytes:
    """The reporting rate and the completion rate over the twelve months of a year."""
    figure = _figure()
    axes = figure.add_subplot()
    by_month = {point.month: point for point in months}
    curves: tuple[tuple[str, str, Callable[[MonthFigures], float | None]], ...] = (
        (t("export-chart-reporting"), "o", lambda p: p.report_rate),
        (t("export-chart-completion"), "s", lambda p: p.items.completion_rate),
    )
    for label, marker, value_of in curves:
        points = [
            (m - 1, value * 100)
            for m in range(1, 13)
            if (p := by_month.get(m)) is not None and (value := value_of(p)) is not None
        ]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        axes.plot(xs, ys, marker=marker, linewidth=2, label=label)
        for x, y in points:
            axes.annotate(
                f"{y:.0f}%",
                (x, y),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=9,
            )
    axes.set_xticks(range(12), [t("export-chart-month", month=m) for m in range(1, 13)])
    _percent_axis(axes, horizontal=False)
    axes.set_title(t("export-chart-year-title", cell=cell_name, year=str(year)), fontsize=14)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, frameon=False)
    figure.subplots_adjust(left=0.07, right=0.97, top=0.92, bottom=0.14)
    return _png(figure)


def rollup_png(rollup: CommitteeRollup, threshold: float) -> bytes:
    """Each cell's reporting and completion rates as bars, weakest on top, with the threshold."""
    return _png(rollup_figure(rollup, threshold))


def rollup_figure(rollup: CommitteeRollup, threshold: float) -> Figure:
    """The roll-up chart, drawn; cell names are wrapped onto lines, never cut."""
    cells: list[CellFigures] = attention_first(rollup.cells, threshold)
    figure = _figure()
    axes = figure.add_subplot()
    positions = list(range(len(cells)))
    height = 0.38
    axes.barh(
        [p - height / 2 for p in positions],
        [(c.report_rate or 0.0) * 100 for c in cells],
        height=height,
        label=t("export-chart-reporting"),
    )
    axes.barh(
        [p + height / 2 for p in positions],
        [(c.items.completion_rate or 0.0) * 100 for c in cells],
        height=height,
        label=t("export-chart-completion"),
    )
    axes.axvline(threshold * 100, color="red", linestyle="--", label=t("export-chart-threshold"))
    axes.set_yticks(positions, [_wrapped(c.cell_name) for c in cells], fontsize=9)
    axes.invert_yaxis()  # the first cell, the weakest, on top
    _percent_axis(axes, horizontal=True)
    period = month_label(rollup.year, rollup.month)
    title = t("export-chart-cells-title", committee=rollup.committee_name, period=period)
    axes.set_title(_wrapped(title, 110), fontsize=14)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, frameon=False)
    figure.subplots_adjust(left=0.3, right=0.97, top=0.9, bottom=0.14)
    return figure


def _percent_axis(axes: Axes, *, horizontal: bool) -> None:
    axis = axes.xaxis if horizontal else axes.yaxis
    axis.set_major_formatter(PercentFormatter(100, decimals=0))
    (axes.set_xlim if horizontal else axes.set_ylim)(0, 105)


def _wrapped(text: str, width: int = 34) -> str:
    """``text`` on lines of at most ``width`` characters (a longer word keeps its own line)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text
