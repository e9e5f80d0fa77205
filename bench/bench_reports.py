"""Benchmarks of the monitoring reports on a demo register.

    oralman-desk --db bench/out/reports-1m.db init --centre-name-kk … --centre-name-ru … \\
        --centre-type caio --region 47
    oralman-desk --db bench/out/reports-1m.db demo-data --families 270000   # ≈ 1 M people
    python bench/bench_reports.py --db bench/out/reports-1m.db

For the monthly, quarterly and yearly reports of the last full month, quarter and year before the
demo's today: the figures (``reports.monitoring.build_table``: every indicator, all columns,
breakdowns expanded) on the first call in a fresh process and the median of ``--rounds`` more, then
the PDF and the workbook from those figures. Targets (issue 6): the monthly figures under 2 s and
its PDF under 1 s more at 1,000,000 people and 5,000,000 service records; the yearly report under
5 s in all. ``--sources`` prints the time of each source's statement as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        one = lambda sql: int(con.execute(sql).fetchone()[0])  # noqa: E731
        services = (
            "consultation",
            "consultation_attendee",
            "consultation_topic",
            "enrolment",
            "attendance",
            "referral",
            "referral_step",
            "employment_follow_up",
        )
        return {
            "people": one("SELECT count(*) FROM person WHERE deleted = 0"),
            "service records": sum(one(f"SELECT count(*) FROM {t}") for t in services),
            "status steps": one("SELECT count(*) FROM status_change"),
            "stays": one("SELECT count(*) FROM placement"),
        }
    finally:
        con.close()


def periods(today: dt.date) -> dict[str, str]:
    first = today.replace(day=1)
    last_month = first - dt.timedelta(days=1)
    q = (today.month - 1) // 3
    quarter = f"{today.year}-Q{q}" if q else f"{today.year - 1}-Q4"
    return {
        "monthly": f"{last_month.year}-{last_month.month:02d}",
        "quarterly": quarter,
        "yearly": str(today.year - 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--sources", action="store_true")
    args = parser.parse_args()

    print(", ".join(f"{k}: {v:,}".replace(",", " ") for k, v in counts(args.db).items()))
    from oralman_desk.db.database import Database
    from oralman_desk.periods import Period
    from reports.definitions import get_definition
    from reports.monitoring import build_table
    from reports.monitoring_pdf import render_pdf
    from reports.monitoring_xlsx import render_xlsx

    db = Database.open(args.db)
    for key, code in periods(args.today).items():
        defn = get_definition(db, key)
        period = Period.parse(code)
        started = time.perf_counter()
        table = build_table(db, defn, period)
        first = time.perf_counter() - started
        again = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            table = build_table(db, defn, period)
            again.append(time.perf_counter() - started)
        started = time.perf_counter()
        pages = render_pdf(table, "kk", io.BytesIO())
        pdf = time.perf_counter() - started
        started = time.perf_counter()
        render_xlsx(table, "ru", io.BytesIO())
        xlsx = time.perf_counter() - started
        print(
            f"{key:10} {code:8}  figures: first {first:.2f} s, median {statistics.median(again):.2f} s"
            f"  |  PDF {pdf:.2f} s ({pages} pages)  |  XLSX {xlsx:.2f} s  |  {len(table.lines)} lines"
        )
        if args.sources:
            _sources(db, defn, period)
    db.close()
    return 0


def _sources(db: object, defn: object, period: object) -> None:
    """The time of each source's statement (event indicators) and of each other indicator."""
    from sqlalchemy import text

    from oralman_desk.indicators import compute, resolve
    from oralman_desk.indicators.base import EventIndicator
    from oralman_desk.indicators.engine import _event_sql, _source
    from oralman_desk.services.reference import ReferenceData
    from reports.monitoring import column_periods

    ref = ReferenceData.load(db)  # type: ignore[arg-type]
    cols = [c.period for c in column_periods(defn, period)]  # type: ignore[arg-type]
    groups: dict[str, list] = {}  # type: ignore[type-arg]
    for key in defn.indicators():  # type: ignore[attr-defined]
        ind, dim = resolve(key)
        if isinstance(ind, EventIndicator):
            for part in ((ind, None), (ind, dim)):
                parts = groups.setdefault(_source(*part).name, [])
                if part not in parts:
                    parts.append(part)
        else:
            started = time.perf_counter()
            compute(db, [key], cols, ref)  # type: ignore[arg-type]
            print(f"    {key:40} {time.perf_counter() - started:.3f} s")
    with db.read() as s:  # type: ignore[attr-defined]
        for name, parts in groups.items():
            query = _event_sql(parts, cols, ref)
            started = time.perf_counter()
            s.execute(text(query.sql), query.params).all()
            print(
                f"    source {name:33} {time.perf_counter() - started:.3f} s ({len(parts)} parts)"
            )


if __name__ == "__main__":
    raise SystemExit(main())
