"""Charts under the tables: drawn from the report's own breakdown lines, so they agree with the
figures above them; a chart naming a row the report has not is refused."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from oralman_desk.db.database import Database
from oralman_desk.periods import Period
from reports.charts import chart_values
from reports.definitions import DefinitionError, describe_problems, get_definition, parse, to_dict
from reports.monitoring import build_table
from reports.monitoring_pdf import render_pdf
from tests.core.report_world import World, open_world

from .helpers import pdf_text

YEAR = Period.year(2026)


@pytest.fixture(scope="module")
def world_db(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path
) -> Iterator[tuple[Database, World]]:
    db, world = open_world(tmp_path_factory.mktemp("charts"), template_db)
    yield db, world
    db.close()


def test_the_yearly_charts_draw_the_breakdowns_of_the_table(
    world_db: tuple[Database, World],
) -> None:
    db, world = world_db
    defn = get_definition(db, "yearly")
    by_month, by_country = defn.charts
    assert (by_month.row, by_month.kind) == ("arrived.persons.by_month", "bar")
    t = build_table(db, defn, YEAR)
    months = chart_values(t, by_month, "ru")
    assert [label for label, _v in months][:3] == ["Январь", "Февраль", "Март"]
    # The bars are the people who arrived in each month of the year, counted independently.
    arrived = [0] * 12
    for fam in world.families.values():
        if fam.arrival.year == 2026:
            arrived[fam.arrival.month - 1] += len(fam.members)
    assert [int(v) for _l, v in months] == arrived and sum(arrived) > 0
    countries = dict(chart_values(t, by_country, "kk"))
    assert sum(countries.values()) == sum(arrived)

    buf = io.BytesIO()
    render_pdf(t, "kk", buf)
    text = " ".join(pdf_text(buf.getvalue()))
    assert "Келген адамдар, айлар бойынша" in text and "Наурыз" in text
    assert "Келген адамдар, шыққан елі бойынша" in text
    top, count = max(countries.items(), key=lambda kv: kv[1])
    assert f"{top} — {count:.0f}" in text  # the pie's legend


def test_a_chart_of_a_row_the_report_has_not_is_refused(
    world_db: tuple[Database, World],
) -> None:
    db, _world = world_db
    data = to_dict(get_definition(db, "monthly")) | {"key": "my-monthly"}
    data["charts"] = [
        {"row": "arrived.persons.by_month", "column": "period", "kind": "bar",
         "title": {"kk": "Айлар", "ru": "Месяцы"}},
        {"row": "arrived.persons.by_country", "column": "last_week", "kind": "donut",
         "title": {"kk": "Елдер", "ru": "Страны"}},
    ]  # fmt: skip
    with pytest.raises(DefinitionError) as exc:
        parse(data)
    message = describe_problems(exc.value, "ru")
    assert "Диаграмма 1: «arrived.persons.by_month» не является строкой с разбивкой" in message
    assert "Диаграмма 2: в отчёте нет столбца «last_week»" in message
    assert "Диаграмма 2: неизвестный вид «donut»" in message
