"""The charts decode as PNG images of the fixed size."""

from __future__ import annotations

import io

from matplotlib.image import imread

from domain.summaries import CommitteeRollup
from exports.chart import HEIGHT_PX, WIDTH_PX, cell_year_png, rollup_png
from tests.exports import samples


def _shape(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = imread(io.BytesIO(png), format="png")
    height, width = image.shape[:2]
    return width, height


def test_year_chart_is_a_png_of_the_fixed_size() -> None:
    png = cell_year_png(samples.CELL, 2025, samples.year_series())
    assert _shape(png) == (WIDTH_PX, HEIGHT_PX) == (1200, 700)


def test_year_chart_draws_a_year_without_any_figure() -> None:
    assert _shape(cell_year_png(samples.CELL, 2025, [])) == (1200, 700)


def test_rollup_chart_is_a_png_of_the_fixed_size_even_for_many_cells() -> None:
    base = samples.rollup()
    many = CommitteeRollup(
        committee_id=base.committee_id,
        committee_name=base.committee_name,
        year=2025,
        month=3,
        cells=base.cells * 10,
    )
    assert _shape(rollup_png(base, 0.8)) == (1200, 700)
    assert _shape(rollup_png(many, 0.8)) == (1200, 700)


def test_charts_differ_with_their_figures() -> None:
    series = samples.year_series()
    assert cell_year_png(samples.CELL, 2025, series) != cell_year_png(
        samples.CELL, 2025, series[:1]
    )
