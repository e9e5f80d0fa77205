"""Start-up on a database of an older version: the window says it is being updated (and that a
copy is kept) instead of a bare "Opening…" for the minute a big register takes."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from oralman_desk.db.database import Database
from oralman_desk.db.migrate import alembic_config, current_revision, head_revision
from ui.app import _open
from ui.main_window import MainWindow
from ui.qt_i18n import set_ui_language


def test_an_older_database_is_updated_and_the_window_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "centre.db"
    Database.open(path).close()
    command.downgrade(alembic_config(path), "0007")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    opening = window.loading_label.text()
    said: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        said.append((done, total))
        window.show_upgrading()

    db, _ref = _open(path, progress)
    db.close()
    assert said == [(1, 2)]
    assert current_revision(path) == head_revision()
    assert window.loading_label.text() != opening
    assert "резервн" in window.loading_label.text() or "backups" in window.loading_label.text()
    set_ui_language("kk")
    qtbot.waitUntil(lambda: "сақтық" in window.loading_label.text(), timeout=2_000)
    set_ui_language("ru")

    db, _ref = _open(path, progress)  # up to date: nothing to say
    db.close()
    assert said == [(1, 2)]
