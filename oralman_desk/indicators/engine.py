"""Computing indicators for the columns of a report, and the drill-down behind one figure.

``compute`` takes every indicator a report needs and every column period at once. Event
indicators are grouped by their source: one SQL statement per source reads the source's rows
for the span of all columns once (``WITH src AS MATERIALIZED`` when several statements read it)
and counts, for each indicator and
breakdown, the distinct items per column with ``count(DISTINCT CASE WHEN day BETWEEN …)``. Rows are
counted with a plain sum where the source says each row is another item (``Source.unique``). The
cost is one indexed pass per source, whatever the number of rows in the report. Stocks and values
(placement) are a query per column on the small placement tables.

Runs on any thread with its own read session; returns plain frozen data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import text

from ..db.database import Database
from ..i18n import N_, translate
from ..periods import Period
from ..services.reference import ReferenceData
from .base import (
    Dimension,
    EventIndicator,
    Indicator,
    ItemKind,
    Source,
    StockIndicator,
    ValueIndicator,
)
from .catalogue import all_indicators

MSG_NOT_STATED: Final = N_("Not stated")

REGISTRY: Final[dict[str, Indicator]] = {i.key: i for i in all_indicators()}


class UnknownIndicator(KeyError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def resolve(key: str) -> tuple[Indicator, Dimension | None]:
    """The indicator and breakdown a row key names ("arrived.persons.by_country")."""
    found = REGISTRY.get(key)
    if found is not None:
        return found, None
    base, _, suffix = key.rpartition(".")
    found = REGISTRY.get(base)
    if found is not None and suffix.startswith("by_"):
        dim = found.dimension(suffix)
        if dim is not None:
            return found, dim
    raise UnknownIndicator(key)


def is_known(key: str) -> bool:
    try:
        resolve(key)
    except UnknownIndicator:
        return False
    return True


def all_keys() -> list[str]:
    """Every row key: each indicator and each of its breakdowns."""
    out = []
    for ind in REGISTRY.values():
        out.append(ind.key)
        out += [f"{ind.key}.{d.key}" for d in ind.dimensions]
    return out


# ---- figures -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One cell of a report: the total, and per breakdown value (codes, "" = not stated).
    ``total`` is None for a figure the register cannot give."""

    total: float | None
    values: Mapping[str, float] = field(default_factory=dict)

    def value(self, code: str) -> float:
        return self.values.get(code, 0)


NOT_AVAILABLE: Final = Figure(None)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def compute(
    db: Database,
    keys: Iterable[str],
    periods: Sequence[Period],
    ref: ReferenceData | None = None,
) -> dict[str, tuple[Figure, ...]]:
    """The figures of ``keys`` (indicators or breakdowns) for each of ``periods``.

    A breakdown's figure carries its values and the indicator's total; the result is keyed by the
    keys as given. Raises ``UnknownIndicator`` for a key that names nothing.
    """
    wanted = list(dict.fromkeys(keys))
    resolved = {k: resolve(k) for k in wanted}
    if not periods:
        return {k: () for k in wanted}
    ref = ref or ReferenceData.load(db)
    out: dict[str, tuple[Figure, ...]] = {}

    # Event indicators: one statement per source (a breakdown may have rows of its own).
    by_source: dict[str, list[tuple[EventIndicator, Dimension | None]]] = {}
    for ind, dim in resolved.values():
        if isinstance(ind, EventIndicator) and ind.available:
            for part in ((ind, None), (ind, dim)):
                parts = by_source.setdefault(_source(*part).name, [])
                if part not in parts:
                    parts.append(part)
    event: dict[tuple[str, str | None], list[Figure]] = {}
    values: dict[tuple[str, str], list[dict[str, float]]] = {}
    # The sources are independent: on a machine with several cores their statements run side by
    # side, each on its own read connection (SQLite lets readers run in parallel, and Python's
    # sqlite3 releases the GIL while a statement runs). The biggest go first.
    groups = sorted(by_source.values(), key=lambda parts: -_WEIGHT.get(_source(*parts[0]).name, 1))
    workers = min(len(groups), MAX_WORKERS, max(1, os.cpu_count() or 1))
    if db.engine.url.database in (None, "", ":memory:"):
        workers = 1  # each thread would get a memory database of its own
    if workers > 1:
        with ThreadPoolExecutor(workers, thread_name_prefix="indicators") as pool:
            results = list(pool.map(lambda parts: _run_source(db, parts, periods, ref), groups))
    else:
        results = [_run_source(db, parts, periods, ref) for parts in groups]
    for found_events, found_values in results:
        event |= found_events
        values |= found_values
    with db.read() as s:
        for ind, dim in resolved.values():
            if isinstance(ind, EventIndicator) and ind.available and dim is not None:
                base = event[(ind.key, None)]
                per = values.get((ind.key, dim.key), [{} for _ in periods])
                event[(ind.key, dim.key)] = [
                    Figure(base[i].total, per[i]) for i in range(len(periods))
                ]
        for key, (ind, dim) in resolved.items():
            if not ind.available:
                out[key] = tuple(NOT_AVAILABLE for _ in periods)
            elif isinstance(ind, EventIndicator):
                out[key] = tuple(event[(ind.key, dim.key if dim else None)])
            elif isinstance(ind, StockIndicator):
                sql = f"SELECT count(DISTINCT {ind.count}) FROM ({ind.sql})"
                out[key] = tuple(
                    Figure(float(s.scalar(text(sql), _stock_params(p)) or 0)) for p in periods
                )
    for key, (ind, _dim) in resolved.items():
        if isinstance(ind, ValueIndicator) and ind.available:
            out[key] = tuple(Figure(ind.value(db, p)) for p in periods)
    return {k: out[k] for k in wanted}


#: Where to start when running sources side by side: the ones with the most rows to read.
_WEIGHT: Final = {"arrival": 9, "status": 8, "status_member": 7, "consulted": 6}
MAX_WORKERS: Final = 4


def _run_source(
    db: Database,
    parts: list[tuple[EventIndicator, Dimension | None]],
    periods: Sequence[Period],
    ref: ReferenceData,
) -> tuple[
    dict[tuple[str, str | None], list[Figure]], dict[tuple[str, str], list[dict[str, float]]]
]:
    """The totals and breakdown values of every part on one source (one statement)."""
    query = _event_sql(parts, periods, ref)
    totals: dict[int, list[float]] = {}
    per_value: dict[int, list[dict[str, float]]] = {}
    with db.read() as s:
        rows = s.execute(text(query.sql), query.params).all()
    for row in rows:
        counts = [float(c or 0) for c in row[2:]]
        if row[0] >= 0:
            _add(row[0], row[1], counts, parts, totals, per_value)
            continue
        # A line of the cube: its breakdown values and filters, then the counts.
        key = str(row[1]).split(_SEP) if query.cube_columns else []
        cells = dict(zip(query.cube_columns, key, strict=True))
        for n in query.cube_parts:
            ind, dim = parts[n]
            if ind.where != "1" and cells[ind.where] != "1":
                continue
            _add(n, cells[dim.column] if dim else None, counts, parts, totals, per_value)
    event: dict[tuple[str, str | None], list[Figure]] = {}
    values: dict[tuple[str, str], list[dict[str, float]]] = {}
    for n, (ind, dim) in enumerate(parts):
        if dim is None:
            event[(ind.key, None)] = [Figure(t) for t in totals.get(n, [0.0] * len(periods))]
        else:
            values[(ind.key, dim.key)] = per_value.get(n, [{} for _ in periods])
    return event, values


def _source(ind: EventIndicator, dim: Dimension | None) -> Source:
    return dim.source if dim is not None and dim.source is not None else ind.source


def _stock_params(period: Period) -> dict[str, str]:
    return {
        "start": _iso(period.start),
        "end": _iso(period.end),
        "after": _iso(period.end + dt.timedelta(days=1)),
    }


_SEP: Final = "\x1f"


def _add(
    n: int,
    code: object,
    counts: list[float],
    parts: list[tuple[EventIndicator, Dimension | None]],
    totals: dict[int, list[float]],
    per_value: dict[int, list[dict[str, float]]],
) -> None:
    if parts[n][1] is None:
        got = totals.setdefault(n, [0.0] * len(counts))
        for i, c in enumerate(counts):
            got[i] += c
        return
    per = per_value.setdefault(n, [{} for _ in counts])
    value = str(code or "")
    for i, c in enumerate(counts):
        if c:
            per[i][value] = per[i].get(value, 0.0) + c


@dataclass(frozen=True)
class _Query:
    sql: str
    params: dict[str, Any]
    cube_parts: tuple[int, ...]  # parts counted from the cube
    cube_columns: tuple[str, ...]  # what the cube's key holds: breakdown columns and filters


def _is_unique(ind: EventIndicator, dim: Dimension | None, source: Source) -> bool:
    return ind.count in source.unique or (
        dim is not None and f"{ind.count}+{dim.column}" in source.unique
    )


def _event_sql(
    parts: list[tuple[EventIndicator, Dimension | None]],
    periods: Sequence[Period],
    ref: ReferenceData,
) -> _Query:
    """One statement for every part on one source.

    The source's rows for the span of all columns are kept once (``src``), with only the columns
    the parts use, and only the rows some part's filter lets through. Parts whose items are
    different on every row are counted together from one "cube": the rows grouped by every
    breakdown column and filter they use, a sum per column period; the cube's lines are added up
    per part in Python (a few thousand lines at most). Other parts count distinct items.
    """
    source = _source(*parts[0])
    lo, hi = min(p.start for p in periods), max(p.end for p in periods)
    params: dict[str, Any] = {"lo": _iso(lo), "hi": _iso(hi)}
    for i, p in enumerate(periods):
        params[f"s{i}"] = _iso(p.start)
        params[f"e{i}"] = _iso(p.end)
    cube_parts = tuple(n for n, (ind, dim) in enumerate(parts) if _is_unique(ind, dim, source))
    cube_columns: list[str] = []
    for n in cube_parts:
        ind, dim = parts[n]
        if dim is not None and dim.column not in cube_columns:
            cube_columns.append(dim.column)
        if ind.where != "1" and ind.where not in cube_columns:
            cube_columns.append(ind.where)
    selects = []
    if cube_parts:
        sums = ", ".join(
            f"sum(CASE WHEN day BETWEEN :s{i} AND :e{i} THEN 1 ELSE 0 END)"
            for i in range(len(periods))
        )
        exprs = [f"coalesce({c}, '')" if c in source.columns else f"coalesce({c}, 0)"
                 for c in cube_columns]  # fmt: skip
        key = " || char(31) || ".join(exprs) if exprs else "''"
        group = f" GROUP BY {', '.join(exprs)}" if exprs else ""
        selects.append(f"SELECT -1, {key}, {sums} FROM src{group}")
    for n, (ind, dim) in enumerate(parts):
        if n in cube_parts:
            continue
        counts = ", ".join(
            f"count(DISTINCT CASE WHEN day BETWEEN :s{i} AND :e{i} THEN {ind.count} END)"
            for i in range(len(periods))
        )
        if dim is None:
            selects.append(f"SELECT {n}, NULL, {counts} FROM src WHERE {ind.where}")
        else:
            col = dim.column
            selects.append(
                f"SELECT {n}, coalesce({col}, ''), {counts} FROM src "
                f"WHERE {ind.where} GROUP BY coalesce({col}, '')"
            )
    # Only the columns and the rows some part needs (SQLite flattens the source into this query,
    # so a column no part uses is never computed and the filter reaches the source's joins).
    wheres = list(dict.fromkeys(ind.where for ind, _dim in parts))
    keep = "1" if "1" in wheres else " OR ".join(f"({w})" for w in wheres)
    used = " ".join([*wheres, *(ind.count for ind, _ in parts)])
    columns = ["day"]
    columns += [c for c in source.columns if c != "day" and re.search(rf"\b{c}\b", used)]
    columns += [d.column for _i, d in parts if d is not None and d.column not in columns]
    # Several statements read the source: it is computed once. A single one reads it as it is
    # made (no temporary table of a year's rows).
    mode = "MATERIALIZED" if len(selects) > 1 else "NOT MATERIALIZED"
    sql = (
        f"WITH src AS {mode} (SELECT {', '.join(columns)} "
        f"FROM ({source.sql(ref, lo, hi)}) WHERE {keep})\n" + "\nUNION ALL\n".join(selects)
    )
    return _Query(sql, params, cube_parts, tuple(cube_columns))


# ---- drill-down ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrillRow:
    item: uuid.UUID  # of ``DrillDown.item_kind``
    person: uuid.UUID | None
    household: uuid.UUID | None


@dataclass(frozen=True)
class DrillDown:
    key: str
    period: Period
    value: str | None
    item_kind: ItemKind
    rows: tuple[DrillRow, ...]

    @property
    def count(self) -> int:
        return len(self.rows)


def _uuid(raw: object) -> uuid.UUID | None:
    if raw is None:
        return None
    if isinstance(raw, uuid.UUID):
        return raw
    assert isinstance(raw, bytes | bytearray | memoryview)
    return uuid.UUID(bytes=bytes(raw))


def drill_down(
    db: Database,
    key: str,
    period: Period,
    value: str | None = None,
    ref: ReferenceData | None = None,
) -> DrillDown:
    """The records behind one figure: ``key`` for ``period`` (and breakdown ``value``, a code;
    "" for "not stated"). For a count, as many rows as the figure; for bed-days and occupancy,
    the bed stays of the period; for an indicator the register cannot give, none."""
    ind, dim = resolve(key)
    params: dict[str, Any] = {}
    if not ind.available:
        return DrillDown(key, period, value, ind.item, ())
    if isinstance(ind, EventIndicator):
        ref = ref or ReferenceData.load(db)
        where = f"({ind.where}) AND day BETWEEN :s AND :e"
        if dim is not None and value is not None:
            where += f" AND coalesce({dim.column}, '') = :v"
            params["v"] = value
        sql = (
            f"WITH src AS ({_source(ind, dim).sql(ref, period.start, period.end)}) "
            f"SELECT {ind.count}, min(person), min(household) FROM src WHERE {where} "
            f"GROUP BY {ind.count} ORDER BY {ind.count}"
        )
        params |= {
            "lo": _iso(period.start),
            "hi": _iso(period.end),
            "s": _iso(period.start),
            "e": _iso(period.end),
        }
    else:
        inner = ind.sql if isinstance(ind, StockIndicator) else _drill_sql(ind)
        count = ind.count if isinstance(ind, StockIndicator) else "id"
        sql = (
            f"SELECT {count}, min(person), min(household) FROM ({inner}) "
            f"GROUP BY {count} ORDER BY {count}"
        )
        params = _stock_params(period)
    with db.read() as s:
        rows = s.execute(text(sql), params).all()
    drill = []
    for item, person, household in rows:
        found = _uuid(item)
        assert found is not None
        drill.append(DrillRow(found, _uuid(person), _uuid(household)))
    return DrillDown(key, period, value, ind.item, tuple(drill))


def _drill_sql(ind: Indicator) -> str:
    assert isinstance(ind, ValueIndicator)
    return ind.drill_sql


# ---- breakdown values and their labels -----------------------------------------------------------


@dataclass(frozen=True)
class ValueLabel:
    code: str
    kk: str
    ru: str

    def label(self, lang: str) -> str:
        return self.kk if lang == "kk" else self.ru


def dimension_values(
    dim: Dimension,
    ref: ReferenceData,
    on: dt.date,
    present: Iterable[str] = (),
    *,
    zeros: bool | None = None,
) -> list[ValueLabel]:
    """The values a breakdown lists, in the classifier's (or enumeration's) order: every value if
    ``zeros`` (by default the breakdown's own choice), else those ``present``; codes unknown to
    the classifier after them, and "not stated" last. Labels in both languages, as named on
    ``on`` (a renamed region keeps the name it had then)."""
    seen = set(present)
    show_all = dim.zeros if zeros is None else zeros
    order: list[str]
    if dim.ref_kind:
        order = [i.code for i in ref.items(dim.ref_kind, on)]
        order += [i.code for i in ref.all(dim.ref_kind) if i.code not in order]
    else:
        order = [code for code, _msgid in dim.enum]
    order = list(dict.fromkeys(order))
    codes = [c for c in order if show_all or c in seen]
    codes += sorted(c for c in seen if c not in order and c)
    if "" in seen:
        codes.append("")
    return [value_label(dim, c, ref, on) for c in codes]


def value_label(dim: Dimension, code: str, ref: ReferenceData, on: dt.date) -> ValueLabel:
    if code == "":
        return ValueLabel(code, translate(MSG_NOT_STATED, "kk"), translate(MSG_NOT_STATED, "ru"))
    if dim.ref_kind:
        return ValueLabel(
            code,
            ref.name(dim.ref_kind, code, "kk", on),
            ref.name(dim.ref_kind, code, "ru", on),
        )
    msgid = dict(dim.enum).get(code)
    if msgid is None:
        return ValueLabel(code, code, code)
    return ValueLabel(code, translate(msgid, "kk"), translate(msgid, "ru"))
