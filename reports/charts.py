"""Charts under a report's table, drawn with reportlab's graphics from the table's own lines.

A chart names a breakdown row of the definition and a column ("charts" in the definition file):
its bars or slices are that breakdown's values, so a chart always agrees with the figures printed
above it, a closed period's snapshot included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from reportlab.graphics import shapes
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .definitions import ChartDef
from .fonts import register_fonts
from .monitoring import ReportTable

#: Slices beyond these are drawn as one "other" slice (labels of a pie stay readable).
PIE_SLICES: Final = 7
PALETTE: Final = tuple(
    colors.HexColor(c)
    for c in (
        "#1F4E79",
        "#2E75B6",
        "#9DC3E6",
        "#C9A227",
        "#70AD47",
        "#A9D18E",
        "#7F7F7F",
        "#D9D9D9",
    )
)
HEIGHT: Final = 62 * mm


def chart_values(table: ReportTable, chart: ChartDef, lang: str) -> list[tuple[str, float]]:
    """(label, value) of each value line of the chart's breakdown, in the report's order."""
    column = next((i for i, c in enumerate(table.columns) if c.key == chart.column), None)
    if column is None:
        return []
    out = []
    for line in table.lines:
        if line.kind == "value" and line.indicator == chart.row and column < len(line.figures):
            value = line.figures[column]
            if value is not None:
                out.append((line.label.get(lang), float(value)))
    return out


def chart_flowables(table: ReportTable, langs: Sequence[str], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for chart in table.definition.charts:
        values = chart_values(table, chart, langs[0])
        if not values or not any(v for _l, v in values):
            continue
        title = " / ".join(chart.title.get(lg) for lg in langs)
        drawing = _bar(values, title, width) if chart.kind == "bar" else _pie(values, title, width)
        out += [Spacer(0, 6 * mm), drawing]  # kept with the signature by the caller
    return out


def _drawing(width: float) -> Drawing:
    # renderPDF starts every drawing in the graphics' default font (Helvetica, which has no
    # Cyrillic and would be listed as a font of the document): make it PT Sans.
    shapes.STATE_DEFAULTS["fontName"] = register_fonts().regular
    return Drawing(width, HEIGHT)


def _title(d: Drawing, title: str, width: float) -> None:
    bold = register_fonts().bold
    d.add(String(width / 2, HEIGHT - 10, title, fontName=bold, fontSize=10, textAnchor="middle"))


def _bar(values: list[tuple[str, float]], title: str, width: float) -> Drawing:
    regular = register_fonts().regular
    d = _drawing(width)
    _title(d, title, width)
    bc = VerticalBarChart()
    bc.x, bc.y = 30, 28
    bc.width, bc.height = width - 40, HEIGHT - 52
    bc.data = [[v for _l, v in values]]
    bc.categoryAxis.categoryNames = [label[:12] for label, _v in values]
    bc.categoryAxis.labels.fontName = regular
    bc.categoryAxis.labels.fontSize = 7
    bc.categoryAxis.labels.angle = 30 if len(values) > 8 else 0
    bc.categoryAxis.labels.boxAnchor = "ne" if len(values) > 8 else "n"
    bc.valueAxis.labels.fontName = regular
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.valueMin = 0
    bc.bars[0].fillColor = PALETTE[0]
    bc.bars[0].strokeColor = None
    bc.barLabelFormat = "%d"
    bc.barLabels.fontName = regular
    bc.barLabels.fontSize = 6.5
    bc.barLabels.nudge = 6
    d.add(bc)
    return d


def _pie(values: list[tuple[str, float]], title: str, width: float) -> Drawing:
    regular = register_fonts().regular
    ranked = sorted((v for v in values if v[1] > 0), key=lambda v: -v[1])
    if len(ranked) > PIE_SLICES:
        rest = sum(v for _l, v in ranked[PIE_SLICES - 1 :])
        ranked = [*ranked[: PIE_SLICES - 1], ("…", rest)]
    total = sum(v for _l, v in ranked) or 1
    d = _drawing(width)
    _title(d, title, width)
    pie = Pie()
    size = HEIGHT - 30
    pie.x, pie.y = width / 2 - size - 10, 8
    pie.width = pie.height = size
    pie.data = [v for _l, v in ranked]
    pie.slices.strokeColor = colors.white
    pie.slices.fontName = regular
    for i in range(len(ranked)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    # The legend: a square of the slice's colour, its label and its share.
    y = HEIGHT - 26
    for i, (label, value) in enumerate(ranked):
        x = width / 2 + 10
        d.add(Rect(x, y - 1, 7, 7, fillColor=PALETTE[i % len(PALETTE)], strokeColor=None))
        text = f"{label} — {value:.0f} ({100 * value / total:.0f} %)"
        d.add(String(x + 11, y, text, fontName=regular, fontSize=8))
        y -= 11
    return d
