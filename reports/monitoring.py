"""A monitoring report as a table of figures: the definition's rows, breakdowns expanded, one
figure per column — in both languages at once, so that one table renders as kk, ru or both.

``build_table`` reads everything (figures, reference data, the centre and its signature block) in
a few queries and returns frozen data: a worker thread builds it, the PDF and Excel renderers lay
it out, the UI may show it as a preview and drill down from any line (``Line.indicator``,
``Line.value`` and the column's period are what ``oralman_desk.indicators.drill_down`` takes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from oralman_desk.db.database import Database
from oralman_desk.formatting import number, period_name, short_date
from oralman_desk.i18n import N_, translate
from oralman_desk.indicators import Figure, compute, dimension_values, resolve, value_label
from oralman_desk.periods import Period
from oralman_desk.services.centre import CentreService
from oralman_desk.services.reference import ReferenceData

from .definitions import ReportDefinition, RowDef, Text

COLUMN_LABELS: Final = {
    "period": N_("For the period"),
    "year_to_date": N_("Since the start of the year"),
    "same_period_last_year": N_("Same period last year"),
}
MSG_INDICATOR: Final = N_("Indicator")
MSG_NUMBER: Final = N_("No.")
MSG_NOT_RECORDED: Final = N_("“—”: the register does not record this figure yet.")
MSG_DIRECTOR: Final = N_("Director")
MSG_EXECUTOR: Final = N_("Executor: {name}")
MSG_EXECUTOR_PHONE: Final = N_("Executor: {name}, phone {phone}")
MSG_DATE: Final = N_("Date: {date}")
MSG_CORRECTIONS: Final = N_("Corrections after submission")
MSG_CORRECTIONS_NOTE: Final = N_(
    "Figures of periods already submitted that changed after submission: records for those "
    "periods were entered later."
)
MSG_CORRECTION_PERIOD: Final = N_("{period} (submitted on {date})")
MSG_SUBMITTED: Final = N_("Submitted")
MSG_NOW: Final = N_("Now")
MSG_DIFFERENCE: Final = N_("Difference")
SIGNATURE_KEYS: Final = ("report.director", "report.executor", "report.phone")
DASH: Final = "—"

LineKind = Literal["section", "row", "heading", "value", "rest"]


@dataclass(frozen=True)
class Column:
    key: str  # "period", "year_to_date", "same_period_last_year"
    period: Period

    def heading(self, lang: str) -> str:
        return translate(COLUMN_LABELS[self.key], lang)

    def period_label(self, lang: str) -> str:
        return period_name(self.period, lang)


@dataclass(frozen=True)
class Line:
    kind: LineKind
    number: str  # "2.3" for a row; "" for breakdown values
    label: Text
    indent: int = 0
    #: One per column; None where there is no figure (a heading without its total, or a figure
    #: the register does not record). Empty for a section line.
    figures: tuple[float | None, ...] = ()
    decimals: int = 0
    indicator: str | None = None  # the key to drill down with
    value: str | None = None  # the breakdown value (a code, "" = not stated)
    recorded: bool = True  # False: the register does not record this figure

    def cell(self, column: int, lang: str) -> str:
        """The figure as printed: "1 234", "87,5", "—" for what is not recorded, "" for none."""
        if not self.figures:
            return ""
        value = self.figures[column]
        if value is None:
            return DASH if not self.recorded else ""
        return format_figure(value, self.decimals, lang)


def format_figure(value: float, decimals: int, lang: str) -> str:
    if decimals:
        return number(round(value, decimals), lang, decimals=decimals)
    return number(round(value), lang)


@dataclass(frozen=True)
class Signature:
    director: str
    executor: str
    phone: str


@dataclass(frozen=True)
class SnapshotInfo:
    """A report's period closed on submission (``reports.closing``)."""

    key: str
    period: Period
    closed_on: dt.date
    closed_by: str


@dataclass(frozen=True)
class Correction:
    """A figure of a submitted period that changed after submission: the value last reported
    (at submission, or in a later report's corrections) and the value now."""

    period: Period
    closed_on: dt.date
    number: str
    label: Text
    submitted: float
    now: float
    decimals: int = 0
    line: str = ""  # the line's key: "arrived.persons", "arrived.persons.by_country=UZ", …

    @property
    def difference(self) -> float:
        return self.now - self.submitted

    def cells(self, lang: str) -> tuple[str, str, str]:
        """Submitted, now and the difference with its sign ("+2", "−1,5") as printed."""
        diff = round(self.difference, self.decimals)
        sign = "+" if diff > 0 else "−" if diff < 0 else ""
        return (
            format_figure(self.submitted, self.decimals, lang),
            format_figure(self.now, self.decimals, lang),
            sign + format_figure(abs(diff), self.decimals, lang),
        )

    def heading(self, lang: str) -> str:
        """The period and its submission date, heading the period's corrections."""
        return translate(MSG_CORRECTION_PERIOD, lang).format(
            period=period_name(self.period, lang), date=short_date(self.closed_on, lang)
        )


@dataclass(frozen=True)
class ReportTable:
    definition: ReportDefinition
    period: Period
    columns: tuple[Column, ...]
    lines: tuple[Line, ...]
    centre: Text
    signature: Signature
    signed_on: dt.date
    #: The submission the table comes from, for a closed period (its figures are the frozen ones).
    submitted: SnapshotInfo | None = None
    #: Figures of earlier submitted periods of the year that changed since they were submitted.
    corrections: tuple[Correction, ...] = ()

    @property
    def has_unrecorded(self) -> bool:
        return any(not line.recorded for line in self.lines)

    def title(self, lang: str) -> str:
        return self.definition.title.get(lang)


def column_periods(defn: ReportDefinition, period: Period) -> tuple[Column, ...]:
    out = []
    for key in defn.columns:
        if key == "period":
            out.append(Column(key, period))
        elif key == "year_to_date":
            out.append(Column(key, period.year_to_date()))
        else:
            out.append(Column(key, period.same_period_last_year()))
    return tuple(out)


def build_table(
    db: Database,
    defn: ReportDefinition,
    period: Period,
    *,
    ref: ReferenceData | None = None,
    signed_on: dt.date | None = None,
    use_snapshot: bool = True,
) -> ReportTable:
    """The report ``defn`` for ``period``: every figure computed, breakdowns expanded.

    For a closed period (``reports.closing``) the table is the submitted one, frozen, signed on
    the day of submission unless ``signed_on`` says otherwise; ``use_snapshot=False`` computes it
    afresh all the same. A table computed afresh lists the corrections to earlier submitted
    periods of the year."""
    from .closing import corrections_for, snapshot_table

    if use_snapshot:
        frozen = snapshot_table(db, defn.key, period, signed_on=signed_on)
        if frozen is not None:
            return frozen
    ref = ref or ReferenceData.load(db)
    columns = column_periods(defn, period)
    figures = compute(db, defn.indicators(), [c.period for c in columns], ref)
    centre = CentreService(db)
    current = centre.current()
    names = Text(current.name_kk, current.name_ru) if current else Text("", "")
    settings = centre.get_settings(SIGNATURE_KEYS)
    return ReportTable(
        definition=defn,
        period=period,
        columns=columns,
        lines=table_lines(defn, period, figures, ref),
        centre=names,
        signature=Signature(*(settings[k] for k in SIGNATURE_KEYS)),
        signed_on=signed_on or dt.date.today(),
        corrections=corrections_for(db, defn.key, period, ref),
    )


def table_lines(
    defn: ReportDefinition,
    period: Period,
    figures: Mapping[str, tuple[Figure, ...]],
    ref: ReferenceData,
) -> tuple[Line, ...]:
    """The lines of ``defn`` from ``figures`` (per row key, one figure per column)."""
    lines: list[Line] = []
    for si, section in enumerate(defn.sections, 1):
        lines.append(Line("section", f"{si}.", section.title))
        for ri, row in enumerate(section.rows, 1):
            lines += _row_lines(row, f"{si}.{ri}", figures[row.indicator], ref, period.end)
    return tuple(lines)


def _row_lines(
    row: RowDef, number: str, figs: tuple[Figure, ...], ref: ReferenceData, on: dt.date
) -> list[Line]:
    ind, dim = resolve(row.indicator)
    recorded = ind.available
    totals = tuple(f.total for f in figs)
    if dim is None:
        return [
            Line(
                "row",
                number,
                row.label,
                row.indent,
                totals,
                ind.decimals,
                row.indicator,
                recorded=recorded,
            )
        ]
    head = Line(
        "heading",
        number,
        row.label,
        row.indent,
        totals if row.total or not recorded else tuple(None for _ in figs),
        ind.decimals,
        ind.key,
        recorded=recorded,
    )
    out = [head]
    if not recorded:
        return out
    if row.values is not None:
        labels = [value_label(dim, code, ref, on) for code in row.values]
    else:
        present = {code for f in figs for code, v in f.values.items() if v}
        labels = dimension_values(dim, ref, on, present, zeros=row.zeros)
    for vl in labels:
        out.append(
            Line(
                "value",
                "",
                Text(vl.kk, vl.ru),
                row.indent + 1,
                tuple(f.value(vl.code) for f in figs),
                ind.decimals,
                row.indicator,
                vl.code,
            )
        )
    if row.rest is not None and row.values is not None:
        listed = set(row.values)
        rest = tuple(
            (f.total or 0) - sum(v for c, v in f.values.items() if c in listed) for f in figs
        )
        out.append(
            Line("rest", "", row.rest, row.indent + 1, rest, ind.decimals, row.indicator, None)
        )
    return out
