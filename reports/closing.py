"""Closing a report's period when the report is submitted.

``close_period`` computes the report's table and keeps it as a snapshot (``ReportSnapshot``): every
line's figures per column, the labels, the centre and signature block, the definition as it was,
and the corrections the table listed. From then on ``build_table`` returns that frozen table for the
period, so a reprint gives exactly the submitted numbers, whatever is entered later.

Records entered later for a submitted period do not change the old report: a report for a later
period of the same year lists them as "corrections after submission" — per period and line, the
value last reported (at submission, or in the corrections of a later submitted report), the value
now and the difference.

``reopen_period`` needs a reason; the snapshot stays in the database as history, marked reopened
(rows are never deleted), and the change is in the audit log like every write. Nothing here touches
Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Select, select

from oralman_desk.db.base import live, utcnow
from oralman_desk.db.database import Database
from oralman_desk.db.models import ReportSnapshot
from oralman_desk.i18n import N_
from oralman_desk.indicators import compute
from oralman_desk.periods import Period, PeriodKind
from oralman_desk.services.errors import Problem, ValidationError
from oralman_desk.services.reference import ReferenceData

from .definitions import DefinitionError, ReportDefinition, Text, get_definition, parse, to_dict
from .monitoring import (
    Column,
    Correction,
    Line,
    ReportTable,
    Signature,
    SnapshotInfo,
    build_table,
    table_lines,
)

__all__ = [
    "MSG_ALREADY_CLOSED",
    "MSG_NOT_CLOSED",
    "MSG_NOT_ENDED",
    "MSG_REASON",
    "SnapshotInfo",
    "close_period",
    "closed_snapshot",
    "corrections_for",
    "reopen_period",
    "snapshot_table",
]

FORMAT: Final = 1

MSG_ALREADY_CLOSED: Final = N_(
    "The report “{key}” for {period} is already closed: it was submitted on {date}."
)
MSG_NOT_ENDED: Final = N_(
    "The period {period} has not ended yet: it can be closed from the day after its last day."
)
MSG_NOT_CLOSED: Final = N_("The report “{key}” for {period} is not closed.")
MSG_REASON: Final = N_("Say why the period is reopened.")


# ---- closing and reopening -----------------------------------------------------------------------


def close_period(db: Database, key: str, period: Period) -> None:
    """Freeze report ``key`` for ``period`` as submitted today. Raises ``ValidationError`` if the
    period is already closed or has not ended, ``DefinitionError`` for an unknown report."""
    defn = get_definition(db, key)
    _refuse_closing(db, key, period)
    table = build_table(db, defn, period, use_snapshot=False)
    today = dt.date.today()
    with db.write() as s:
        _refuse_closing(db, key, period, s)
        s.add(
            ReportSnapshot(
                report_key=key,
                period_kind=period.kind.value,
                period_start=period.start,
                period_end=period.end,
                figures=_table_dict(table),
                definition={"origin": defn.origin, **to_dict(defn)},
                closed_on=today,
                closed_by=db.user,
                reopen_reason="",
                reopened_by="",
            )
        )


def reopen_period(db: Database, key: str, period: Period, reason: str) -> None:
    """Reopen a closed period, saying why: the snapshot is kept, marked reopened (audited)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError([Problem("reason", MSG_REASON)])
    with db.write() as s:
        row = s.scalars(_closed(key, period)).first()
        if row is None:
            raise ValidationError(
                [Problem("period", MSG_NOT_CLOSED, {"key": key, "period": period.code})]
            )
        row.reopened_at = utcnow()
        row.reopen_reason = reason
        row.reopened_by = db.user


def closed_snapshot(db: Database, key: str, period: Period) -> SnapshotInfo | None:
    """The submission that closed report ``key`` for ``period``, if it is closed."""
    with db.read() as s:
        row = s.scalars(_closed(key, period)).first()
        return None if row is None else _info(row)


def _refuse_closing(db: Database, key: str, period: Period, session: Any = None) -> None:
    problems = []
    if session is None:
        info = closed_snapshot(db, key, period)
    else:
        row = session.scalars(_closed(key, period)).first()
        info = None if row is None else _info(row)
    if info is not None:
        params = {"key": key, "period": period.code, "date": info.closed_on}
        problems.append(Problem("period", MSG_ALREADY_CLOSED, params))
    if period.end >= dt.date.today():
        problems.append(Problem("period", MSG_NOT_ENDED, {"period": period.code}))
    if problems:
        raise ValidationError(problems)


def _closed(key: str, period: Period) -> Select[ReportSnapshot]:
    return select(ReportSnapshot).where(
        ReportSnapshot.report_key == key,
        ReportSnapshot.period_kind == period.kind.value,
        ReportSnapshot.period_start == period.start,
        ReportSnapshot.period_end == period.end,
        ReportSnapshot.reopened_at.is_(None),
        live(ReportSnapshot),
    )


def _period_of(row: ReportSnapshot) -> Period:
    return Period(PeriodKind(row.period_kind), row.period_start, row.period_end)


def _info(row: ReportSnapshot) -> SnapshotInfo:
    return SnapshotInfo(row.report_key, _period_of(row), row.closed_on, row.closed_by)


# ---- the frozen table ----------------------------------------------------------------------------


def snapshot_table(
    db: Database, key: str, period: Period, *, signed_on: dt.date | None = None
) -> ReportTable | None:
    """The submitted table of report ``key`` for a closed ``period``; None if it is not closed.
    Signed on the day of submission unless ``signed_on`` says otherwise."""
    with db.read() as s:
        row = s.scalars(_closed(key, period)).first()
    if row is None:
        return None
    data = row.figures
    info = _info(row)
    return ReportTable(
        definition=_definition(db, row),
        period=info.period,
        columns=tuple(Column(c["key"], _period(c["period"])) for c in data["columns"]),
        lines=tuple(_line(d) for d in data["lines"]),
        centre=_text(data["centre"]),
        signature=Signature(**data["signature"]),
        signed_on=signed_on or info.closed_on,
        submitted=info,
        corrections=tuple(_correction(d) for d in data.get("corrections", [])),
    )


def _definition(db: Database, row: ReportSnapshot) -> ReportDefinition:
    """The definition as it was; the current one if this version can no longer read it."""
    data = row.definition
    try:
        return parse(data, "centre" if data.get("origin") == "centre" else "shipped")
    except DefinitionError:
        return get_definition(db, row.report_key)


def _table_dict(table: ReportTable) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "columns": [{"key": c.key, "period": _period_dict(c.period)} for c in table.columns],
        "lines": [_line_dict(line) for line in table.lines],
        "values": {k: list(v) for k, v in _line_values(table.lines).items()},
        "centre": table.centre.as_dict(),
        "signature": {
            "director": table.signature.director,
            "executor": table.signature.executor,
            "phone": table.signature.phone,
        },
        "corrections": [_correction_dict(c) for c in table.corrections],
    }


def _period_dict(p: Period) -> dict[str, str]:
    return {"kind": p.kind.value, "start": p.start.isoformat(), "end": p.end.isoformat()}


def _period(d: dict[str, str]) -> Period:
    return Period(
        PeriodKind(d["kind"]), dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"])
    )


def _text(d: dict[str, str]) -> Text:
    return Text(d["kk"], d["ru"])


def _line_dict(line: Line) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "number": line.number,
        "label": line.label.as_dict(),
        "indent": line.indent,
        "figures": list(line.figures),
        "decimals": line.decimals,
        "indicator": line.indicator,
        "value": line.value,
        "recorded": line.recorded,
    }


def _line(d: dict[str, Any]) -> Line:
    return Line(
        d["kind"],
        d["number"],
        _text(d["label"]),
        d["indent"],
        tuple(d["figures"]),
        d["decimals"],
        d["indicator"],
        d["value"],
        d["recorded"],
    )


def _correction_dict(c: Correction) -> dict[str, Any]:
    return {
        "period": _period_dict(c.period),
        "closed_on": c.closed_on.isoformat(),
        "line": c.line,
        "number": c.number,
        "label": c.label.as_dict(),
        "submitted": c.submitted,
        "now": c.now,
        "decimals": c.decimals,
    }


def _correction(d: dict[str, Any]) -> Correction:
    return Correction(
        _period(d["period"]),
        dt.date.fromisoformat(d["closed_on"]),
        d["number"],
        _text(d["label"]),
        d["submitted"],
        d["now"],
        d["decimals"],
        d["line"],
    )


# ---- lines by key, and the corrections -----------------------------------------------------------


@dataclass(frozen=True)
class _Keyed:
    key: str  # "arrived.persons", "arrived.persons.by_country=UZ", "…=*rest"
    number: str
    label: Text
    decimals: int
    figures: tuple[float | None, ...]


def _keyed(lines: Sequence[Line]) -> Iterator[_Keyed]:
    """The figure lines, each with a key that names it whatever the labels and the order, the
    number of its row, and a breakdown value's label after its row's."""
    number, parent = "", Text("", "")
    for line in lines:
        if line.kind == "section" or not line.figures:
            continue
        if line.kind in ("row", "heading"):
            number, parent = line.number, line.label
            yield _Keyed(str(line.indicator), number, line.label, line.decimals, line.figures)
            continue
        code = "*rest" if line.kind == "rest" else str(line.value)
        label = Text(f"{parent.kk} — {line.label.kk}", f"{parent.ru} — {line.label.ru}")
        yield _Keyed(f"{line.indicator}={code}", number, label, line.decimals, line.figures)


def _line_values(lines: Sequence[Line]) -> dict[str, tuple[float | None, ...]]:
    out: dict[str, tuple[float | None, ...]] = {}
    for k in _keyed(lines):
        out.setdefault(k.key, k.figures)
    return out


@dataclass
class _Submitted:
    info: SnapshotInfo
    definition: ReportDefinition
    lines: dict[str, _Keyed]
    values: dict[str, float]  # the value last reported, per line key


def corrections_for(
    db: Database, key: str, period: Period, ref: ReferenceData | None = None
) -> tuple[Correction, ...]:
    """What changed in the earlier submitted periods of ``period``'s year of report ``key``, each
    figure against the value last reported (a correction already listed by a later submitted
    report is not listed again unless it changed once more)."""
    with db.read() as s:
        rows = s.scalars(
            select(ReportSnapshot)
            .where(
                ReportSnapshot.report_key == key,
                ReportSnapshot.reopened_at.is_(None),
                live(ReportSnapshot),
                ReportSnapshot.period_end < period.start,
                ReportSnapshot.period_start >= dt.date(period.start.year, 1, 1),
            )
            .order_by(ReportSnapshot.period_end, ReportSnapshot.period_start)
        ).all()
    if not rows:
        return ()
    submitted: list[_Submitted] = []
    for row in rows:
        info = _info(row)
        columns = [_period(c["period"]) for c in row.figures["columns"]]
        if info.period not in columns:
            continue  # a definition without the period's own column
        col = columns.index(info.period)
        lines: dict[str, _Keyed] = {}
        for k in _keyed([_line(d) for d in row.figures["lines"]]):
            if k.figures[col] is not None:
                lines.setdefault(k.key, _Keyed(k.key, k.number, k.label, k.decimals, k.figures))
        values = {k: float(v.figures[col] or 0) for k, v in lines.items()}
        submitted.append(_Submitted(info, _definition(db, row), lines, values))
    if not submitted:
        return ()
    by_period = {sub.info.period: sub for sub in submitted}
    for row in rows:  # corrections reported since: the new value is the one last reported
        for d in row.figures.get("corrections", []):
            target = by_period.get(_period(d["period"]))
            if target is not None and d["line"]:
                target.values[d["line"]] = d["now"]
    ref = ref or ReferenceData.load(db)
    keys = list(dict.fromkeys(k for sub in submitted for k in sub.definition.indicators()))
    figures = compute(db, keys, [sub.info.period for sub in submitted], ref)
    out: list[Correction] = []
    for i, sub in enumerate(submitted):
        mine = {k: (figures[k][i],) for k in sub.definition.indicators()}
        now: dict[str, _Keyed] = {}
        for k in _keyed(table_lines(sub.definition, sub.info.period, mine, ref)):
            if k.figures[0] is not None:
                now.setdefault(k.key, k)
        for line_key in [*now, *(k for k in sub.lines if k not in now)]:
            shown = now.get(line_key) or sub.lines[line_key]
            old = sub.values.get(line_key, 0.0)
            new = float(now[line_key].figures[0] or 0) if line_key in now else 0.0
            if round(old, shown.decimals) == round(new, shown.decimals):
                continue
            out.append(
                Correction(
                    sub.info.period,
                    sub.info.closed_on,
                    shown.number,
                    shown.label,
                    old,
                    new,
                    shown.decimals,
                    line_key,
                )
            )
    return tuple(out)
