"""Starting the desktop application.

The window appears first; the database is opened on a worker thread (SQLAlchemy is imported there,
not before the first paint), then the first-start questions if this installation has no centre, then
the register. A damaged or too new database is reported and left untouched.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from oralman_desk import i18n


def run(db_path: Path, args: argparse.Namespace) -> int:
    i18n.stretch_from_environment()
    if args.self_test is not None:
        from .selftest import run_self_test

        return run_self_test(Path(args.self_test))
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from oralman_desk.version import version

    from .about import app_icon
    from .main_window import MainWindow
    from .qt_i18n import set_ui_language
    from .worker import Op, wait_all

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Oralman Desk")
    app.setOrganizationName("OralmanDesk")
    app.setApplicationVersion(version())
    # The Linux package's .desktop file: Wayland shells show its icon and name for the window.
    app.setDesktopFileName("oralman-desk")
    app.setWindowIcon(app_icon())
    settings = QSettings("OralmanDesk", "OralmanDesk")
    saved = settings.value("ui/language")
    set_ui_language(args.lang or (str(saved) if saved else i18n.preferred_language()))
    window = MainWindow()
    window.show()
    exit_code = [0]
    # For bench/bench_ui.py: wall-clock times of the first paint and of the filled register.
    bench = bool(os.environ.get("ORALMAN_DESK_EXIT_WHEN_SHOWN"))
    if bench:
        QTimer.singleShot(0, lambda: print(f"window {time.time():.4f}", flush=True))

    def opened(result: tuple[Any, Any]) -> None:
        db, ref = result
        name = settings.value("user/name")
        db.user = str(name) if name else _os_user()
        if db.centre_id is None:
            from .first_start import FirstStartDialog

            dlg = FirstStartDialog(db, settings, window)
            if not dlg.exec():
                app.quit()
                return
            ref = None
        from .context import AppContext

        window.attach(AppContext(db, settings, ref))
        window.register.model.loaded.connect(lambda _n: freeze_startup_objects())
        if bench:

            def shown(_n: int) -> None:
                print(f"register {time.time():.4f}", flush=True)
                app.quit()

            window.register.model.loaded.connect(shown)

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .errors import describe

        QMessageBox.critical(window, i18n._("Oralman Desk"), describe(exc))
        exit_code[0] = 2
        app.quit()

    def opening(progress: Callable[[int, int], None]) -> tuple[Any, Any]:
        return _open(db_path, progress)

    Op(window, opening).success(opened).failure(failed).on_progress(
        lambda _d, _t: window.show_upgrading()
    ).run()
    app.aboutToQuit.connect(wait_all)
    code = int(app.exec())
    wait_all()
    return exit_code[0] or code


def freeze_startup_objects() -> None:
    """Move what start-up made (Qt wrappers, SQLAlchemy's mappers, the reference data, the
    register's first rows) out of the garbage collector's sight: they live as long as the window,
    and each full collection used to walk them all, stalling scrolling through a million people
    for up to 90 ms (20 ms after; ``bench/bench_ui.py``). Later objects are collected as usual."""
    import gc

    gc.freeze()


def _open(db_path: Path, progress: Callable[[int, int], None]) -> tuple[Any, Any]:
    """On a worker thread: open (create, migrate) the database and read the reference data;
    ``progress(1, 2)`` says that the database is being upgraded to this version."""
    from oralman_desk.db.database import Database
    from oralman_desk.services.reference import ReferenceData

    db = Database.open(db_path, on_upgrade=lambda: progress(1, 2))
    return db, ReferenceData.load(db)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return ""
