"""``oralman-desk --self-test DIR``: every area and the main dialogs, in both languages, as PNGs.

Runs on a temporary demo database (the user's own database is never touched), works under
``QT_QPA_PLATFORM=offscreen``, and exits 0 only if nothing failed: no exception, no Qt critical
message, every screenshot non-empty, a printout (PDF) in each language. Installers run it on the
installed application, so it also proves the bundle carries catalogs, migrations and fonts.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from oralman_desk.db.database import Database
from oralman_desk.demo import generate
from oralman_desk.domain import NEXT_STATUS
from oralman_desk.services.centre import CentreInput, CentreService

from . import worker
from .context import AppContext
from .family_card import FamilyCard
from .layout_check import cut_texts
from .placement_page import PlacementPage
from .qt_i18n import set_ui_language
from .reference_page import ReferencePage
from .reports_page import ReportsPage

LANGS = ("kk", "ru")
#: The common office laptop screen: every screen must fit its width.
SCREEN_WIDTH = 1366


def settle(app: QApplication, timeout: float = 15.0) -> None:
    """Let background work finish and the widgets repaint."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if worker.pending() == 0:
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def run_self_test(out_dir: Path) -> int:
    app = QApplication.instance() or QApplication(["oralman-desk"])
    assert isinstance(app, QApplication)
    out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    shots: list[Path] = []

    def on_message(kind: QtMsgType, _ctx: object, text: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            failures.append(f"Qt: {text}")

    # A message box that pops up (an error shown to staff) is a failure: it is noted and closed,
    # so that the self-test reports it instead of waiting for a click that never comes.
    def close_popups() -> None:
        popup = QApplication.activeModalWidget()
        if isinstance(popup, QMessageBox):
            failures.append(f"message shown: {popup.text()} {popup.detailedText()}".strip())
            popup.done(0)

    watcher = QTimer()
    watcher.timeout.connect(close_popups)
    watcher.start(250)
    previous = qInstallMessageHandler(on_message)
    try:
        with tempfile.TemporaryDirectory(prefix="oralman-selftest-") as tmp:
            db = Database.open(Path(tmp) / "selftest.db")
            db.user = "self-test"
            CentreService(db).set_up(
                CentreInput(
                    name_kk="Өзін-өзі тексеру орталығы",
                    name_ru="Центр самопроверки",
                    centre_type="caio",
                    region_code="47",
                )
            )
            generate(db, families=60, seed=1)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            ctx = AppContext(db, settings)
            for lang in LANGS:
                _screens(app, ctx, settings, lang, out_dir, shots, failures)
                _printout(db, lang, out_dir, failures)
            db.close()
    except Exception:
        failures.append(traceback.format_exc())
    finally:
        worker.wait_all()
        watcher.stop()
        qInstallMessageHandler(previous)
    for shot in shots:
        if not shot.exists() or shot.stat().st_size < 2000:
            failures.append(f"empty screenshot: {shot.name}")
    for line in failures:
        print("FAIL", line)
    print(f"self-test: {len(shots)} screenshots in {out_dir}, {len(failures)} failures")
    return 0 if not failures and shots else 1


def _screens(
    app: QApplication,
    ctx: AppContext,
    settings: QSettings,
    lang: str,
    out: Path,
    shots: list[Path],
    failures: list[str],
) -> None:
    from .main_window import MainWindow

    set_ui_language(lang)
    window = MainWindow(ctx)
    window.resize(SCREEN_WIDTH, 800)
    window.show()
    settle(app)
    if window.width() > SCREEN_WIDTH:
        failures.append(
            f"{lang}: the main window needs {window.width()} px, wider than a "
            f"{SCREEN_WIDTH} px office screen"
        )

    def shot(name: str, widget: Callable[[], QWidget]) -> None:
        try:
            w = widget()
            settle(app)
            failures.extend(f"{lang} {name}: text cut off: {p}" for p in cut_texts(w))
            if w is window and window.width() > SCREEN_WIDTH:
                failures.append(
                    f"{lang} {name}: the main window grew to {window.width()} px, wider than a "
                    f"{SCREEN_WIDTH} px office screen"
                )
            path = out / f"{lang}-{name}.png"
            if not w.grab().save(str(path)):
                failures.append(f"could not save {path.name}")
            shots.append(path)
        except Exception:
            failures.append(f"{lang} {name}: {traceback.format_exc()}")

    for key in window.area_keys():
        shot(f"area-{key}", lambda k=key: (window.show_area(k), window)[1])
    window.show_area("register")
    settle(app)
    # A family whose case can still move on, so that the status dialog is shown too.
    rows = [
        window.register.model.row_at(i) for i in range(min(50, window.register.model.rowCount()))
    ]
    row = next(
        (r for r in rows if r is not None and NEXT_STATUS[r.status]), rows[0] if rows else None
    )
    if row is None:
        failures.append(f"{lang}: the register is empty")
    else:
        card = window.open_family(row.household_id)
        shot("family-card", lambda: card)
        _card_dialogs(card, shot)
        card.close()
    window.show_area("placement")
    settle(app)
    placement = window.findChild(PlacementPage)
    if placement is not None:
        for name, opener in (
            ("check-in", placement.board.check_in),
            ("new-room", placement.board.add_room),
        ):
            dialog = opener()
            shot(name, lambda d=dialog: d)
            dialog.close()
        placement.tabs.setCurrentIndex(1)
        shot("needs-attention", lambda: window)
        placement.tabs.setCurrentIndex(0)
    window.show_area("reports")
    settle(app)
    reports = window.findChild(ReportsPage)
    if reports is not None:
        # The report's pages come from PDFium: in a frozen build, this proves it was bundled.
        reports.views.setCurrentWidget(reports.pages)
        settle(app)
        if not reports.pages.pages:
            failures.append(f"{lang}: the report's pages were not shown")
        shot("report-pages", lambda: window)
        reports.views.setCurrentIndex(0)
    window.show_area("reference")
    settle(app)
    page = window.findChild(ReferencePage)
    if page is not None:
        page.table.selectRow(0)
        page.edit()
        shot("reference-edit", lambda: page.dialog)
        page.dialog.reject()
    intake = window.new_family()
    shot("intake", lambda: intake)
    intake.close()
    from .first_start import FirstStartDialog

    first = FirstStartDialog(ctx.db, settings, window)
    shot("first-start", lambda: (first.show(), first)[1])
    first.close()
    about = window.show_about()
    shot("about", lambda: about)
    about.close()
    settle(app)
    window.close()
    window.deleteLater()
    settle(app)


def _printout(db: Database, lang: str, out: Path, failures: list[str]) -> None:
    """A printout in ``lang``: the PDF renderer and its embedded font work (in a frozen build
    too, where PT Sans comes from the bundle)."""
    from reports.residents import render_residents_pdf

    path = out / f"{lang}-residents.pdf"
    try:
        render_residents_pdf(db, dt.date.today(), lang, path)
    except Exception:
        failures.append(f"{lang} residents PDF: {traceback.format_exc()}")
        return
    if path.stat().st_size < 2000:
        failures.append(f"empty PDF: {path.name}")


def _card_dialogs(card: QWidget, shot: Callable[[str, Callable[[], QWidget]], None]) -> None:
    """The family card's dialogs: edit the family, add and edit a member, move the status."""
    view = card if isinstance(card, FamilyCard) else card.findChild(FamilyCard)
    if view is None:
        raise RuntimeError("the family card has no FamilyCard view")
    view.members_table.selectRow(0)
    openers: list[tuple[str, Callable[[], QWidget | None]]] = [
        ("edit-family", view.edit_family),
        ("add-member", view.add_member),
        ("edit-member", view.edit_member),
        ("move-status", view.move_status),
    ]
    for name, opener in openers:
        dialog = opener()
        if dialog is None:
            continue
        shot(name, lambda d=dialog: d)
        dialog.close()
