"""The main window: navigation between the centre's areas, a status bar, the family windows.

Areas whose issues have not landed yet are absent, not empty pages. The window can be shown before
the database is open (``MainWindow()`` then ``attach(ctx)``): nothing here imports SQLAlchemy at
module level, so the window appears at once and the data follows from a worker thread. Pages other
than the register are built the first time they are shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import i18n
from oralman_desk.i18n import N_, _, translate

from .qt_i18n import Retranslatable

if TYPE_CHECKING:
    from .context import AppContext
    from .register import RegisterPage


class Area:
    def __init__(self, key: str, title: str, build: Callable[[], QWidget]) -> None:
        self.key = key
        self.title = title
        self.build = build
        self.widget: QWidget | None = None


class MainWindow(Retranslatable, QMainWindow):
    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self._ctx = ctx
        self.family_windows: dict[uuid.UUID, QDialog] = {}
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(260)
        self.stack = QStackedWidget()
        self._register: RegisterPage | None = None
        self.areas = [
            Area("register", N_("Register"), self._build_register),
            Area("placement", N_("Placement"), self._build_placement),
            Area("consultations", N_("Consultations"), self._build_consultations),
            Area("courses", N_("Courses"), self._build_courses),
            Area("employment", N_("Employment"), self._build_employment),
            Area("reports", N_("Reports"), self._build_reports),
            Area("reference", N_("Reference data"), self._build_reference),
            Area("settings", N_("Settings"), self._build_settings),
        ]
        for area in self.areas:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.nav.addItem(item)
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        self.nav.currentRowChanged.connect(self.show_area)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 1100])
        self.setCentralWidget(splitter)
        self.centre_label = QLabel()
        self.lang_label = QLabel()
        self.db_label = QLabel()
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.centre_label, self.lang_label):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.db_label)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = self.help_menu.addAction("")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.loading_label = QLabel()
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setWordWrap(True)
        self._upgrading = False
        self.stack.addWidget(self.loading_label)
        self.resize(1366, 800)
        self.nav.setEnabled(False)
        self.stack.setCurrentWidget(self.loading_label)
        self.retranslate()
        if ctx is not None:
            self.attach(ctx)

    @property
    def ctx(self) -> AppContext:
        assert self._ctx is not None, "the database is not open yet"
        return self._ctx

    @property
    def register(self) -> RegisterPage:
        if self._register is None:
            self._ensure(self.area_keys().index("register"))
        assert self._register is not None
        return self._register

    def attach(self, ctx: AppContext) -> None:
        """The database is open: build the register and enable the areas."""
        self._ctx = ctx
        ctx.changed.connect(self._saved)
        self.nav.setEnabled(True)
        self.nav.setCurrentRow(0)
        self.show_area(0)
        self.retranslate()

    def _build_register(self) -> QWidget:
        from .register import RegisterPage

        page = RegisterPage(self.ctx)
        page.open_family.connect(self.open_family)
        page.new_family.connect(self.new_family)
        self._register = page
        return page

    # ---- areas ---------------------------------------------------------------------------

    def area_keys(self) -> list[str]:
        return [a.key for a in self.areas]

    def show_area(self, row: int | str) -> QWidget:
        if isinstance(row, str):
            row = self.area_keys().index(row)
            self.nav.setCurrentRow(row)
        if self._ctx is None or row < 0:
            return self.loading_label
        widget = self._ensure(row)
        self.stack.setCurrentIndex(row)
        return widget

    def _ensure(self, row: int) -> QWidget:
        area = self.areas[row]
        if area.widget is None:
            area.widget = area.build()
            holder = self.stack.widget(row)
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(area.widget)
        return area.widget

    def _build_placement(self) -> QWidget:
        from .placement_page import PlacementPage

        page = PlacementPage(self.ctx)
        page.open_family.connect(self.open_family)
        return page

    def _build_consultations(self) -> QWidget:
        from .consultations_page import ConsultationsPage

        page = ConsultationsPage(self.ctx)
        page.open_family.connect(self.open_family)
        return page

    def _build_courses(self) -> QWidget:
        from .courses_page import CoursesPage

        page = CoursesPage(self.ctx)
        page.open_family.connect(self.open_family)
        return page

    def _build_employment(self) -> QWidget:
        from .employment_page import EmploymentPage

        page = EmploymentPage(self.ctx)
        page.open_family.connect(self.open_family)
        return page

    def _build_reports(self) -> QWidget:
        from .reports_page import ReportsPage

        page = ReportsPage(self.ctx)
        page.open_family.connect(self.open_family)
        return page

    def _build_reference(self) -> QWidget:
        from .reference_page import ReferencePage

        return ReferencePage(self.ctx)

    def _build_settings(self) -> QWidget:
        from .settings_page import SettingsPage

        return SettingsPage(self.ctx)

    # ---- families ------------------------------------------------------------------------

    def new_family(self) -> QDialog:
        from .intake_dialog import IntakeDialog

        dlg = IntakeDialog(self.ctx, self)
        dlg.open_person.connect(self.open_person)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def open_person(self, person_id: uuid.UUID) -> None:
        from oralman_desk.services.queries import person_household

        self.open_family(person_household(self.ctx.db, person_id))

    def open_family(self, household_id: uuid.UUID) -> QDialog:
        from .family_card import FamilyCard

        existing = self.family_windows.get(household_id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        dlg = QDialog(self)
        dlg.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        card = FamilyCard(self.ctx, dlg)
        layout = QVBoxLayout(dlg)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(card)
        dlg.resize(1100, 720)
        dlg.setWindowTitle(_("Family card"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.destroyed.connect(lambda _o=None, h=household_id: self.family_windows.pop(h, None))
        self.family_windows[household_id] = dlg
        card.load(household_id)
        dlg.show()
        return dlg

    def _saved(self, _saved: object) -> None:
        self.statusBar().showMessage(_("Saved."), 4000)

    # ---- help ----------------------------------------------------------------------------

    def show_about(self) -> QDialog:
        from .about import AboutDialog

        dlg = AboutDialog(self._ctx.db.path if self._ctx is not None else None, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def show_upgrading(self) -> None:
        """While the database is brought up to this version (a copy is kept first)."""
        self._upgrading = True
        self.loading_label.setText(
            _(
                "Updating the database for this version of Oralman Desk. A copy of it is kept "
                "in the backups folder first. On a big register this takes a minute or two…"
            )
        )

    # ---- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Oralman Desk"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Oralman Desk…"))
        if self._upgrading:
            self.show_upgrading()
        else:
            self.loading_label.setText(_("Opening the database…"))
        for i, area in enumerate(self.areas):
            item = self.nav.item(i)
            if item is not None:
                item.setText(translate(area.title))
        self.lang_label.setText(
            _("Language: {language}").format(
                language="Қазақша" if i18n.current_language() == "kk" else "Русский"
            )
        )
        if self._ctx is None:
            return
        centre = self.ctx.db.centre()
        name = ""
        if centre is not None:
            name = centre.name_kk if i18n.current_language() == "kk" else centre.name_ru
        self.centre_label.setText(name)
        self.lang_label.setText(
            _("Language: {language}").format(
                language="Қазақша" if i18n.current_language() == "kk" else "Русский"
            )
        )
        self.db_label.setText(_("Database: {path}").format(path=self.ctx.db.path))

    def closeEvent(self, event: QCloseEvent) -> None:
        for dlg in list(self.family_windows.values()):
            dlg.close()
        super().closeEvent(event)
