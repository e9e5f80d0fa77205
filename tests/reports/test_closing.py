"""Closed periods: a submitted report's figures are frozen, so March 2026 reprints identically after
records dated in March are entered; April's report lists them as corrections after submission,
with the value submitted, the value now and the difference; reopening needs a reason and is
audited; a period is closed once, and only after it has ended."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from oralman_desk.cli import MSG_REPORT_CLOSED, MSG_REPORT_REOPENED, MSG_REPORT_SUBMITTED
from oralman_desk.db.database import Database
from oralman_desk.db.models import AuditEntry, ReportSnapshot
from oralman_desk.domain import ConsultationForm
from oralman_desk.i18n import translate
from oralman_desk.identity import Sex
from oralman_desk.periods import Period
from oralman_desk.services.consultations import ConsultationInput, ConsultationService
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import IntakeService
from reports.closing import (
    MSG_ALREADY_CLOSED,
    MSG_NOT_ENDED,
    MSG_REASON,
    close_period,
    closed_snapshot,
    reopen_period,
)
from reports.definitions import get_definition
from reports.monitoring import MSG_CORRECTIONS, MSG_DIFFERENCE, ReportTable, build_table
from reports.monitoring_pdf import render_pdf
from reports.monitoring_xlsx import render_xlsx
from reports.run import make_report
from tests.core.helpers import family, person
from tests.core.report_world import PERIOD, World, open_world
from tests.core.test_cli import ROOT, run

from .helpers import pdf_text

SIGNED = dt.date(2026, 4, 3)
APRIL = Period.month(2026, 4)
ARRIVED = "arrived.persons"


@pytest.fixture
def world_db(tmp_path: Path, template_db: Path) -> Iterator[tuple[Database, World]]:
    db, world = open_world(tmp_path, template_db)
    yield db, world
    db.close()


def table(db: Database, period: Period = PERIOD, key: str = "monthly") -> ReportTable:
    return build_table(db, get_definition(db, key), period, signed_on=SIGNED)


def pdf(t: ReportTable, lang: str) -> list[str]:
    buf = io.BytesIO()
    render_pdf(t, lang, buf)
    return pdf_text(buf.getvalue())


def cells(t: ReportTable, lang: str) -> list[tuple[object, ...]]:
    buf = io.BytesIO()
    render_xlsx(t, lang, buf)
    buf.seek(0)
    ws = load_workbook(buf).active
    assert ws is not None
    return list(ws.iter_rows(values_only=True))


def figure(t: ReportTable, indicator: str = ARRIVED, column: int = 0) -> float | None:
    line = next(ln for ln in t.lines if ln.indicator == indicator and ln.kind == "row")
    return line.figures[column]


def late_records(db: Database, world: World) -> None:
    """Entered after March was submitted, dated in March: a family of two arrives on 18 March,
    and a consultation on 25 March."""
    IntakeService(db).register_household(
        family(
            person("Сәрсенбаев", "Жандос", Sex.MALE, dt.date(1992, 6, 1)),
            person("Сәрсенбаева", "Күләш", Sex.FEMALE, dt.date(1994, 7, 2), relation="spouse"),
            arrival=dt.date(2026, 3, 18),
            origin="UZ",
        ),
        confirmed_new=True,
    )
    ConsultationService(db).record(
        ConsultationInput(
            dt.date(2026, 3, 25),
            ConsultationForm.IN_PERSON,
            "Заңгер Ә.",
            ["status"],
            [world.pid("c1")],
        )
    )


def test_a_closed_period_reprints_identically_after_new_data(
    world_db: tuple[Database, World],
) -> None:
    db, world = world_db
    before = table(db)
    submitted_pdf = {lang: pdf(before, lang) for lang in ("kk", "ru", "both")}
    submitted_xlsx = {lang: cells(before, lang) for lang in ("kk", "ru", "both")}
    close_period(db, "monthly", PERIOD)
    info = closed_snapshot(db, "monthly", PERIOD)
    assert info is not None
    assert info.closed_on == dt.date.today() and info.closed_by == "test.worker"

    late_records(db, world)
    assert (
        figure(build_table(db, get_definition(db, "monthly"), PERIOD, use_snapshot=False))
        == (figure(before) or 0) + 2
    )  # the register has them…
    after = table(db)
    assert after.submitted == info
    assert figure(after) == figure(before)  # …the submitted report does not
    assert after.lines == before.lines and after.columns == before.columns
    for lang in ("kk", "ru", "both"):
        assert pdf(after, lang) == submitted_pdf[lang], lang
        assert cells(after, lang) == submitted_xlsx[lang], lang


def test_the_next_report_lists_the_corrections(
    world_db: tuple[Database, World], tmp_path: Path
) -> None:
    db, world = world_db
    march = figure(table(db))
    assert march is not None
    close_period(db, "monthly", PERIOD)
    assert table(db, APRIL).corrections == ()  # nothing changed yet
    late_records(db, world)

    april = table(db, APRIL)
    by_line = {c.line: c for c in april.corrections}
    arrived = by_line[ARRIVED]
    assert (arrived.period, arrived.submitted, arrived.now, arrived.difference) == (
        PERIOD,
        march,
        march + 2,
        2,
    )
    assert arrived.cells("ru") == (str(round(march)), str(round(march + 2)), "+2")
    assert arrived.closed_on == dt.date.today()
    assert by_line["arrived.families"].difference == 1
    assert all(c.period == PERIOD and c.difference for c in april.corrections)
    assert all(c.submitted != c.now for c in april.corrections)

    ru = " ".join(pdf(april, "ru"))
    assert translate(MSG_CORRECTIONS, "ru") in ru
    assert translate(MSG_DIFFERENCE, "ru") in ru
    assert f"{round(march)} {round(march + 2)} +2" in ru
    # The corrections' heading stands on the page of their table, and the chart and the
    # signature follow on that page when it has room, not on a page of their own.
    (page,) = [p for p in pdf(april, "ru") if translate(MSG_CORRECTIONS, "ru") in p]
    assert f"{round(march)} {round(march + 2)} +2" in page
    assert april.signature.director and april.signature.director in page
    kk = " ".join(pdf(april, "kk"))
    assert translate(MSG_CORRECTIONS, "kk") in kk
    assert "2026 жылғы наурыз" in kk

    rows = cells(april, "ru")
    heading = next(i for i, r in enumerate(rows) if r[1] == translate(MSG_CORRECTIONS, "ru"))
    label = next(ln.label.ru for ln in april.lines if ln.indicator == ARRIVED)
    found = [r for r in rows[heading:] if r[1] == label]
    assert found and found[0][2:5] == (march, march + 2, 2)

    # April submitted with its corrections: reprinted as it was; May does not list them again.
    close_period(db, "monthly", APRIL)
    assert table(db, APRIL).corrections == april.corrections
    assert table(db, Period.month(2026, 5)).corrections == ()
    # …unless March changes once more: then against the value last reported.
    IntakeService(db).register_household(
        family(
            person("Ахметов", "Болат", Sex.MALE, dt.date(1980, 1, 9)),
            arrival=dt.date(2026, 3, 30),
            origin="MN",
        ),
        confirmed_new=True,
    )
    may = {c.line: c for c in table(db, Period.month(2026, 5)).corrections}
    assert (may[ARRIVED].submitted, may[ARRIVED].now) == (march + 2, march + 3)
    # A report of another year does not list them.
    assert table(db, Period.month(2027, 1)).corrections == ()

    # make_report of the closed April: the frozen table with its corrections.
    out = tmp_path / "april.pdf"
    make_report(db, "monthly", APRIL, "ru", "pdf", out)
    assert translate(MSG_CORRECTIONS, "ru") in " ".join(pdf_text(out))


def test_closing_twice_or_before_the_end_is_refused(world_db: tuple[Database, World]) -> None:
    db, _world = world_db
    close_period(db, "monthly", PERIOD)
    with pytest.raises(ValidationError) as twice:
        close_period(db, "monthly", PERIOD)
    assert [p.msgid for p in twice.value.problems] == [MSG_ALREADY_CLOSED]
    assert "2026-03" in twice.value.problems[0].message("ru")
    today = dt.date.today()
    with pytest.raises(ValidationError) as early:
        close_period(db, "monthly", Period.month(today.year, today.month))
    assert [p.msgid for p in early.value.problems] == [MSG_NOT_ENDED]
    assert closed_snapshot(db, "monthly", Period.month(today.year, today.month)) is None
    # Another report of the same period is closed on its own.
    assert closed_snapshot(db, "quarterly", PERIOD) is None


def test_reopening_needs_a_reason_and_is_audited(world_db: tuple[Database, World]) -> None:
    db, world = world_db
    close_period(db, "monthly", PERIOD)
    with pytest.raises(ValidationError) as no_reason:
        reopen_period(db, "monthly", PERIOD, "  ")
    assert [(p.field, p.msgid) for p in no_reason.value.problems] == [("reason", MSG_REASON)]
    assert closed_snapshot(db, "monthly", PERIOD) is not None

    late_records(db, world)
    reason = "Наурызда келген отбасы кеш енгізілді"
    reopen_period(db, "monthly", PERIOD, reason)
    assert closed_snapshot(db, "monthly", PERIOD) is None
    assert table(db).submitted is None  # computed afresh: the late family counts now
    assert table(db, APRIL).corrections == ()  # nothing submitted to correct
    with db.read() as s:
        (row,) = s.scalars(select(ReportSnapshot)).all()  # kept as history
        assert row.reopen_reason == reason and row.reopened_by == "test.worker"
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id == row.id).order_by(AuditEntry.at)
        ).all()
    assert [e.action for e in entries] == ["insert", "update"]
    assert entries[1].changes["reopen_reason"] == ["", reason]
    assert entries[1].user == "test.worker"
    with pytest.raises(ValidationError):
        reopen_period(db, "monthly", PERIOD, reason)  # not closed any more
    close_period(db, "monthly", PERIOD)  # closed again, with the new figures
    info = closed_snapshot(db, "monthly", PERIOD)
    assert info is not None
    with db.read() as s:
        assert len(s.scalars(select(ReportSnapshot)).all()) == 2


def test_close_and_reopen_on_the_command_line(
    world_db: tuple[Database, World], tmp_path: Path
) -> None:
    db, world = world_db
    path = str(db.path)
    db.close()
    out = tmp_path / "march.xlsx"
    done = run("--db", path, "report", "monthly", "--period", "2026-03", "--close",
               "--output", str(out), lang="ru")  # fmt: skip
    today = dt.date.today().strftime("%d.%m.%Y")
    params = {"name": "monthly", "period": "2026-03"}
    assert translate(MSG_REPORT_CLOSED, "ru").format(**params) in done.stdout
    user = done.stdout.rsplit("(", 1)[-1].split(")")[0]
    submitted_on = translate(MSG_REPORT_SUBMITTED, "ru").format(date=today, user=user)
    assert submitted_on in done.stdout
    submitted = load_workbook(out).active
    assert submitted is not None
    first = [list(r) for r in submitted.iter_rows(values_only=True)]

    again = run("--db", path, "report", "monthly", "--period", "2026-03", "--close",
                check=False, lang="kk")  # fmt: skip
    assert again.returncode == 2
    params_kk = {"key": "monthly", "period": "2026-03", "date": today}
    assert translate(MSG_ALREADY_CLOSED, "kk").format(**params_kk) in again.stderr

    db2 = Database.open(path)
    db2.user = "test.worker"
    late_records(db2, world)
    db2.close()
    reprint = tmp_path / "march-again.xlsx"
    done = run("--db", path, "report", "monthly", "--period", "2026-03", "--lang", "ru",
               "--output", str(reprint), lang="kk")  # fmt: skip
    assert translate(MSG_REPORT_SUBMITTED, "kk").format(date=today, user=user) in done.stdout
    ws = load_workbook(reprint).active
    assert ws is not None
    assert [list(r) for r in ws.iter_rows(values_only=True)] == first

    failed = run("--db", path, "report", "monthly", "--period", "2026-03", "--reopen",
                 check=False, lang="ru")  # fmt: skip
    assert failed.returncode == 2
    assert translate(MSG_REASON, "ru") in failed.stderr
    done = run("--db", path, "report", "monthly", "--period", "2026-03", "--reopen",
               "--reason", "Поздние записи", lang="ru")  # fmt: skip
    assert translate(MSG_REPORT_REOPENED, "ru").format(**params) in done.stdout
    assert not (ROOT / "monthly-2026-03.pdf").exists()  # reopening writes no report
