"""The register page: loads, searches as you type across scripts, filters and sorts in SQL."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from oralman_desk.demo import generate
from oralman_desk.names import Scheme, transliterate
from ui.context import AppContext
from ui.register import COLUMNS, RegisterModel, RegisterPage


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    generate(ctx.db, families=120, seed=11, today=dt.date(2026, 11, 1))
    return ctx


def people(ctx: AppContext, where: str = "1") -> int:
    con = sqlite3.connect(ctx.db.path)
    try:
        return int(
            con.execute(f"SELECT count(*) FROM person WHERE deleted = 0 AND {where}").fetchone()[0]
        )
    finally:
        con.close()


def test_model_is_a_well_behaved_qt_model(filled: AppContext, qtmodeltester, wait_idle) -> None:  # type: ignore[no-untyped-def]
    model = RegisterModel(filled)
    model.reload()
    wait_idle()
    assert model.rowCount() == people(filled)
    qtmodeltester.check(model)


def test_page_shows_everyone_and_finds_a_cyrillic_name_typed_in_latin(
    filled: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page = RegisterPage(filled)
    qtbot.addWidget(page)
    wait_idle()
    assert page.model.rowCount() == people(filled)
    con = sqlite3.connect(filled.db.path)
    surname, given = con.execute(
        "SELECT surname, given_name FROM person WHERE surname GLOB '*[әғқңөұүі]*' ORDER BY num LIMIT 1"
    ).fetchone()
    con.close()
    latin = transliterate(f"{given} {surname}", Scheme.KZ_ID)
    qtbot.keyClicks(page.search, latin)
    qtbot.waitUntil(lambda: page.model.filter.text == latin, timeout=3000)
    wait_idle()
    names = [page.model.row_at(r).full_name for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert any(n.startswith(f"{surname} {given}") for n in names), (latin, names)
    assert page.model.rowCount() < people(filled)


def test_filters_and_sorting_are_done_by_the_database(filled: AppContext, qtbot, wait_idle) -> None:  # type: ignore[no-untyped-def]
    page = RegisterPage(filled)
    qtbot.addWidget(page)
    wait_idle()
    page.no_iin.setChecked(True)
    wait_idle()
    assert page.model.rowCount() == people(filled, "iin IS NULL")
    assert all(page.model.row_at(r).iin is None for r in range(page.model.rowCount()))  # type: ignore[union-attr]
    birth_col = [c[0] for c in COLUMNS].index("birth")
    from PySide6.QtCore import Qt

    page.table.sortByColumn(birth_col, Qt.SortOrder.DescendingOrder)
    wait_idle()
    births = [page.model.row_at(r).birth_date for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert births == sorted(births, reverse=True)


def test_language_switch_relabels_the_register(filled: AppContext, qtbot, wait_idle) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from ui.qt_i18n import set_ui_language

    page = RegisterPage(filled)
    qtbot.addWidget(page)
    wait_idle()
    page.search.setText("Жан")
    ru_header = page.model.headerData(1, Qt.Orientation.Horizontal)
    ru_hint = page.search.placeholderText()
    set_ui_language("kk")
    kk_header = page.model.headerData(1, Qt.Orientation.Horizontal)
    assert ru_header != kk_header
    # Widgets re-label themselves on Qt's LanguageChange event, on the next turn of the loop.
    qtbot.waitUntil(lambda: page.search.placeholderText() != ru_hint, timeout=3000)
    assert page.search.text() == "Жан"  # what the user typed survives the switch


def test_scrolling_fetches_rows_in_the_background_and_shows_them(
    filled: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page = RegisterPage(filled)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    wait_idle()
    model = page.model
    last = model.rowCount() - 1
    assert model.cache.get(model.nums[last]) is None  # not fetched with the first page
    # Painting the bottom of the list asks for its page but does not wait for it...
    assert model.data(model.index(last, 1)) == "…"
    page.table.scrollToBottom()
    # ...and the names appear once the worker has read them.
    qtbot.waitUntil(lambda: model.data(model.index(last, 1)) not in (None, "…"), timeout=5000)
    con = sqlite3.connect(filled.db.path)
    num = model.nums[last]
    surname = con.execute("SELECT surname FROM person WHERE num = ?", (num,)).fetchone()[0]
    con.close()
    assert model.data(model.index(last, 1)).startswith(surname)
