"""Help → About: the name, the version from pyproject.toml and where the data lives, in kk and ru."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from oralman_desk import i18n
from oralman_desk.version import version
from ui.about import AboutDialog, app_icon
from ui.context import AppContext
from ui.layout_check import cut_texts
from ui.main_window import MainWindow
from ui.qt_i18n import set_ui_language

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_the_one_in_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        assert version() == tomllib.load(fh)["project"]["version"]


def test_the_application_has_its_icon(qapp: QApplication) -> None:
    assert not app_icon().isNull()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_help_about_shows_the_version_and_the_database(
    qtbot: QtBot, ctx: AppContext, wait_idle: Callable[[], None], lang: str
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    wait_idle()  # the register's first page, loaded in the background
    set_ui_language(lang)
    # The switch reaches the widgets as posted events.
    qtbot.waitUntil(lambda: window.about_action.text() == i18n._("&About Oralman Desk…"))
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == i18n._("About Oralman Desk")
    assert version() in dialog.version_label.text()
    assert str(ctx.db.path) in dialog.data_label.text()
    assert cut_texts(dialog) == []
    dialog.close()
    wait_idle()
