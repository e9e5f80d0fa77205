"""``oralman-desk report``: the monitoring reports as PDF and Excel from the command line, the list
of residents, a centre's own definition, and what it says when asked for something it cannot do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from oralman_desk.i18n import translate
from oralman_desk.periods import MSG_BAD_PERIOD
from reports.definitions import (
    MSG_NOT_FOUND,
    MSG_UNKNOWN,
    Text,
    copy_definition,
    get_definition,
    save_definition,
    to_dict,
)
from reports.run import MSG_RESIDENTS_DAY
from tests.core.report_world import open_world
from tests.core.test_cli import run

from .helpers import pdf_text


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    db, _world = open_world(tmp_path_factory.mktemp("cli-world"), template_db)
    mine = copy_definition(
        get_definition(db, "quarterly"), "akimat", Text("Әкімдікке ақпарат", "Информация акимату")
    )
    save_definition(db, mine)
    path = db.path
    db.close()
    return Path(path)


def test_the_monthly_report_as_pdf_and_excel(world_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "monthly.pdf"
    done = run(
        "--db", str(world_file), "report", "monthly", "--period", "2026-03",
        "--lang", "kk", "--output", str(out), lang="kk",
    )  # fmt: skip
    assert str(out) in done.stdout
    texts = pdf_text(out)
    assert "2026 жылғы наурыз" in texts[0]
    assert f"Бет 1 / {len(texts)}" in texts[0]

    xlsx = tmp_path / "monthly.xlsx"
    run("--db", str(world_file), "report", "monthly", "--period", "2026-03", "--lang", "ru",
        "--output", str(xlsx))  # fmt: skip
    ws = load_workbook(xlsx).active
    assert ws is not None
    values = {r[1]: r[2:] for r in ws.iter_rows(values_only=True) if isinstance(r[1], str)}
    assert values["Прибыло человек"][:2] == (8, 9)
    assert ws.cell(3, 1).value == "за март 2026 года"


def test_the_format_and_the_file_name_by_default(world_file: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "ORALMAN_DESK_LANG": "ru", "PYTHONPATH": str(root)}
    subprocess.run(
        [sys.executable, "-m", "oralman_desk", "--db", str(world_file), "report", "yearly",
         "--period", "2026", "--lang", "both", "--format", "xlsx"],
        cwd=tmp_path, env=env, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    ws = load_workbook(tmp_path / "yearly-2026.xlsx").active
    assert ws is not None and ws.page_setup.orientation == "landscape"


def test_a_quarter_a_range_and_a_centre_definition(world_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.pdf"
    run("--db", str(world_file), "report", "quarterly", "--period", "2026-Q1", "--output", str(out))
    assert "за I квартал 2026 года" in pdf_text(out)[0]
    out = tmp_path / "akimat.pdf"
    run("--db", str(world_file), "report", "akimat", "--period", "2026-01-01..2026-02-15",
        "--output", str(out))  # fmt: skip
    first = pdf_text(out)[0]
    assert "Информация акимату" in first
    assert "за период с 1 января по 15 февраля 2026 г." in first


def test_the_list_of_residents_on_a_day(world_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "residents.pdf"
    run("--db", str(world_file), "report", "residents", "--period", "2026-03-31", "--lang", "ru",
        "--output", str(out))  # fmt: skip
    text = pdf_text(out)[0]
    assert "Список проживающих на 31 марта 2026 г." in text
    assert "Нұрғалиев Ерлан" in text
    failed = run("--db", str(world_file), "report", "residents", "--period", "2026-03",
                 check=False)  # fmt: skip
    assert failed.returncode == 2
    assert translate(MSG_RESIDENTS_DAY, "ru") in failed.stderr


def test_what_it_says_when_it_cannot(world_file: Path, tmp_path: Path) -> None:
    failed = run("--db", str(world_file), "report", "weekly", "--period", "2026-03",
                 check=False, lang="kk")  # fmt: skip
    assert failed.returncode == 2
    assert translate(MSG_NOT_FOUND, "kk").format(value="weekly") in failed.stderr
    assert "monthly, quarterly, yearly, residents, akimat" in failed.stderr
    failed = run("--db", str(world_file), "report", "monthly", "--period", "2026-13",
                 check=False)  # fmt: skip
    assert failed.returncode == 2
    assert translate(MSG_BAD_PERIOD, "ru").format(text="2026-13") in failed.stderr


def test_a_definition_file_naming_an_unknown_indicator_is_refused_by_name(
    world_file: Path,
) -> None:
    """A definition edited by hand in the database: the command says which indicator is wrong."""
    import sqlite3

    data = to_dict(get_definition(None, "monthly"))
    data["key"] = "broken"
    data["sections"][0]["rows"][1]["indicator"] = "arrived.unicorns"
    con = sqlite3.connect(world_file)
    con.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)",
        ("report.definition.broken", json.dumps(data, ensure_ascii=False)),
    )
    con.commit()
    con.close()
    failed = run("--db", str(world_file), "report", "broken", "--period", "2026-03",
                 check=False)  # fmt: skip
    assert failed.returncode == 2
    expected = translate(MSG_UNKNOWN, "ru").format(section=1, row=2, indicator="arrived.unicorns")
    assert expected in failed.stderr
