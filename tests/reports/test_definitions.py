"""Report definitions are data: the shipped ones load; a definition naming an unknown indicator (or
otherwise wrong) is refused with a message saying what and where; a centre copies a definition,
reorders, drops and relabels rows, saves it in its database and makes the report from it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oralman_desk.db.database import Database
from oralman_desk.i18n import translate
from oralman_desk.indicators import is_known
from oralman_desk.periods import Period, PeriodKind
from reports.definitions import (
    FOLDER,
    MSG_COLUMN,
    MSG_NO_REST,
    MSG_NOT_BREAKDOWN,
    MSG_RESERVED,
    MSG_ROW_LABEL,
    MSG_UNKNOWN,
    DefinitionError,
    Text,
    add_row,
    centre_definitions,
    copy_definition,
    describe_problems,
    drop_row,
    get_definition,
    list_definitions,
    move_row,
    parse,
    relabel_row,
    relabel_section,
    remove_definition,
    save_definition,
    shipped,
    to_dict,
)
from reports.monitoring import build_table


def raw(key: str = "monthly") -> dict[str, Any]:
    return json.loads((FOLDER / f"{key}.json").read_text(encoding="utf-8"))


def test_the_shipped_definitions_load_and_name_known_indicators() -> None:
    defs = shipped()
    assert set(defs) == {"monthly", "quarterly", "yearly"}
    assert defs["monthly"].period is PeriodKind.MONTH
    assert defs["quarterly"].period is PeriodKind.QUARTER
    assert defs["yearly"].period is PeriodKind.YEAR
    assert defs["yearly"].orientation == "landscape"
    assert defs["monthly"].columns == ("period", "year_to_date")
    assert defs["yearly"].columns == ("period", "same_period_last_year")
    for defn in defs.values():
        assert all(is_known(k) for k in defn.indicators())
        for section in defn.sections:
            assert section.title.kk and section.title.ru
            assert all(r.label.kk and r.label.ru for r in section.rows)
        assert parse(to_dict(defn), "shipped") == defn  # the format reads back what it writes
    assert (FOLDER / "README.md").is_file()


def test_an_unknown_indicator_is_refused_with_its_name() -> None:
    data = raw()
    data["sections"][1]["rows"][2]["indicator"] = "placement.camels_fed"
    with pytest.raises(DefinitionError) as exc:
        parse(data)
    (problem,) = exc.value.problems
    assert problem.msgid == MSG_UNKNOWN
    for lang in ("kk", "ru"):
        message = problem.message(lang)
        assert "placement.camels_fed" in message
        assert message == translate(MSG_UNKNOWN, lang).format(
            section=2, row=3, indicator="placement.camels_fed"
        )
    text = describe_problems(exc.value, "ru")
    assert "monthly" in text and "placement.camels_fed" in text


def test_every_problem_is_reported_at_once() -> None:
    data = raw()
    data.pop("charts", None)  # its column goes below: charts have their own test
    data["columns"] = ["period", "next_year"]
    rows = data["sections"][0]["rows"]
    rows[0]["label"] = {"kk": "Келген отбасылар", "ru": ""}
    rows[1]["values"] = ["UZ"]  # arrived.persons is not a breakdown
    data["sections"][2]["rows"][2]["rest"] = {"kk": "басқа", "ru": "прочие"}  # topics overlap
    data["sections"][3]["rows"][0]["indicator"] = "courses.knitting.enrolled"
    with pytest.raises(DefinitionError) as exc:
        parse(json.dumps(data, ensure_ascii=False))
    assert [p.msgid for p in exc.value.problems] == [
        MSG_COLUMN,
        MSG_ROW_LABEL,
        MSG_NOT_BREAKDOWN,
        MSG_NO_REST,
        MSG_UNKNOWN,
    ]
    assert "next_year" in exc.value.problems[0].message("kk")


def test_broken_json_is_refused() -> None:
    with pytest.raises(DefinitionError) as exc:
        parse('{"key": "x",')
    assert exc.value.messages("ru")


def test_a_centre_copies_edits_and_saves_a_definition(db: Database) -> None:
    monthly = get_definition(db, "monthly")
    mine = copy_definition(monthly, "akimat-monthly", Text("Әкімдікке есеп", "Отчёт для акимата"))
    first = mine.sections[0].rows[0]
    mine = move_row(mine, 0, 0, 1)  # families after persons
    mine = drop_row(mine, 0, 2)  # no countries
    mine = relabel_row(mine, 0, 0, Text("Барлық келгендер", "Всего прибыло"))
    mine = relabel_section(mine, 6, Text("Мәртебе", "Статус"))
    mine = add_row(mine, 6, 0, first)
    saved = save_definition(db, mine)
    assert saved.origin == "centre" and saved.based_on == "monthly"

    again = get_definition(db, "akimat-monthly")
    assert again == saved
    assert [r.indicator for r in again.sections[0].rows][:3] == [
        "arrived.persons",
        "arrived.families",
        "arrived.persons.by_sex",
    ]
    assert again.sections[0].rows[0].label == Text("Барлық келгендер", "Всего прибыло")
    assert again.sections[6].title.ru == "Статус"
    assert again.sections[6].rows[0].indicator == "arrived.families"
    keys = [d.key for d in list_definitions(db) if not isinstance(d, DefinitionError)]
    assert keys == ["monthly", "quarterly", "yearly", "akimat-monthly"]
    assert get_definition(db, "monthly") == monthly  # the shipped one is untouched

    table = build_table(db, again, Period.month(2026, 3))
    assert table.lines[1].label.ru == "Всего прибыло"

    remove_definition(db, "akimat-monthly")
    assert "akimat-monthly" not in centre_definitions(db)
    with pytest.raises(DefinitionError):
        get_definition(db, "akimat-monthly")


def test_a_copy_keeps_its_own_key(db: Database) -> None:
    for key in ("monthly", "residents"):
        with pytest.raises(DefinitionError) as exc:
            save_definition(db, copy_definition(get_definition(db, "yearly"), key))
        assert exc.value.problems[0].msgid == MSG_RESERVED
    with pytest.raises(DefinitionError):
        save_definition(db, copy_definition(get_definition(db, "yearly"), "Годовой"))


def test_a_saved_definition_naming_a_withdrawn_indicator_is_listed_with_its_problem(
    db: Database,
) -> None:
    from oralman_desk.services.centre import CentreService

    data = raw("quarterly")
    data["key"] = "old"
    data["sections"][0]["rows"][0]["indicator"] = "arrived.camels"
    CentreService(db).set_setting("report.definition.old", json.dumps(data, ensure_ascii=False))
    found = centre_definitions(db)["old"]
    assert isinstance(found, DefinitionError)
    assert "arrived.camels" in describe_problems(found, "kk")
    with pytest.raises(DefinitionError) as exc:
        get_definition(db, "old")
    assert "arrived.camels" in exc.value.messages("ru")[0]


def test_definitions_are_found_beside_the_package() -> None:
    assert Path(__file__).resolve().parents[2] / "reports" / "definitions" == FOLDER
