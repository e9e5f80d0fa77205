"""The first start: which centre this computer belongs to, who works on it, and demo data.

Shown while the database has no centre. OK saves the centre through ``CentreService`` (messages under
the fields, in the language chosen at the top), remembers the language and the staff member's name
in ``settings``, optionally fills the database with generated families (background ``Op`` with a
progress dialog), then accepts. Cancel writes nothing: the application asks again next time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import demo
from oralman_desk.db.database import Database
from oralman_desk.i18n import _, ngettext
from oralman_desk.services.centre import CentreService
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.reference import ReferenceData

from .centre_form import CentreFields, centre_problems
from .errors import show_error
from .field_errors import FieldErrors
from .language_combo import LanguageCombo
from .qt_i18n import Retranslatable
from .settings_page import USER_NAME_KEY, user_name_problems
from .widgets import error_label
from .worker import Op

DEFAULT_DEMO_FAMILIES = 300
DEMO_SEED = 1


class FirstStartDialog(Retranslatable, QDialog):
    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.progress: QProgressDialog | None = None
        self.demo_result: demo.DemoResult | None = None
        self._busy = True  # until the reference data has arrived

        self.language_label = QLabel()
        self.language = LanguageCombo(settings)
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)

        self.heading = QLabel()
        font = self.heading.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.general = error_label()
        self.errors = FieldErrors(self.general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # The reference data is read in the background; the region list fills when it arrives.
        self.centre = CentreFields(ReferenceData([]), self.errors)
        self.centre.add_rows(form)
        self.centre.name_kk.setMinimumWidth(380)
        self.user_label = QLabel()
        self.user_name = QLineEdit(str(settings.value(USER_NAME_KEY, "") or ""))
        self.user_name.setMaxLength(100)
        self.user_label.setBuddy(self.user_name)
        form.addRow(self.user_label, self.errors.wrap("user_name", self.user_name))

        self.demo = QCheckBox()
        self.demo_families = QSpinBox()
        self.demo_families.setRange(1, 1_000_000)
        self.demo_families.setValue(DEFAULT_DEMO_FAMILIES)
        self.demo_families.setGroupSeparatorShown(True)
        self.demo_families.setEnabled(False)
        self.demo_unit = QLabel()
        self.demo.toggled.connect(self.demo_families.setEnabled)
        self.demo_families.valueChanged.connect(lambda _v: self._update_unit())
        self.demo_hint = QLabel()
        self.demo_hint.setWordWrap(True)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_families)
        demo_row.addWidget(self.demo_unit)
        demo_row.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.heading)
        lay.addWidget(self.intro)
        lay.addSpacing(6)
        lay.addLayout(form)
        lay.addSpacing(6)
        lay.addWidget(self.demo)
        demo_box = QVBoxLayout()
        demo_box.setContentsMargins(24, 0, 0, 0)
        demo_box.addLayout(demo_row)
        demo_box.addWidget(self.demo_hint)
        lay.addLayout(demo_box)
        lay.addWidget(self.general)
        lay.addStretch(1)
        lay.addWidget(self.buttons)

        self._ok().setEnabled(False)
        self.retranslate()
        Op(self, lambda: ReferenceData.load(db)).success(self._reference_loaded).run()

    def _ok(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _reference_loaded(self, ref: ReferenceData) -> None:
        self.centre.region.reload(ref)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._ok().setEnabled(not busy)

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        name = self.user_name.text().strip()
        data = self.centre.value()
        svc = CentreService(self.db)
        db = self.db

        def write() -> None:
            problems = centre_problems(svc, data) + user_name_problems(name)
            if problems:
                raise ValidationError(problems)
            db.user = name  # the centre's creation is logged under this name
            svc.set_up(data)

        self._set_busy(True)
        Op(self, write).success(lambda _r: self._saved(name)).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.problems)
        else:
            show_error(self, exc)

    def _saved(self, name: str) -> None:
        self.settings.setValue(USER_NAME_KEY, name)
        self.settings.setValue("ui/language", self.language.language())
        if not self.demo.isChecked():
            self.accept()
            return
        families = self.demo_families.value()
        progress = QProgressDialog(self)
        progress.setWindowTitle(_("Demo data"))
        progress.setLabelText(
            ngettext(
                "Generating {n} demo family…", "Generating {n} demo families…", families
            ).format(n=families)
        )
        progress.setCancelButton(None)  # type: ignore[arg-type]  # batches commit as they go
        progress.setRange(0, families)
        progress.setValue(0)
        progress.setMinimumDuration(0)
        progress.setMinimumWidth(380)
        progress.setAutoClose(False)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()
        self.progress = progress
        db = self.db
        # Commit in about 50 batches (at most 5000 families each) so that the bar moves.
        chunk = max(1, min(5000, families // 50))

        def fill(progress: Callable[[int, int], None]) -> demo.DemoResult:
            return demo.generate(db, families, DEMO_SEED, progress, chunk=chunk)

        Op(self, fill).on_progress(self._progressed).success(self._filled).failure(
            self._fill_failed
        ).run()

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _filled(self, result: demo.DemoResult) -> None:
        self.demo_result = result
        if self.progress is not None:
            self.progress.close()
        self.accept()

    def _fill_failed(self, exc: BaseException) -> None:
        if self.progress is not None:
            self.progress.close()
        show_error(self, exc)
        self.accept()  # the centre is saved; the application can be used without demo data

    # -- language --------------------------------------------------------------------------------

    def _update_unit(self) -> None:
        self.demo_unit.setText(ngettext("family", "families", self.demo_families.value()))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Oralman Desk: first start"))
        self.language_label.setText(_("Interface language:"))
        self.heading.setText(_("Welcome to Oralman Desk"))
        self.intro.setText(
            _(
                "Tell the application which centre this computer belongs to. Everything can be "
                "changed later in Settings."
            )
        )
        self.centre.retranslate()
        self.user_label.setText(_("Your name:"))
        self.user_name.setPlaceholderText(_("Surname and given name"))
        self.demo.setText(_("Load demo data so you can try the application"))
        self.demo_hint.setText(
            _(
                "Families with invented names and documents. They stay in this database: "
                "load them only into a database for practice, not into the one for real work."
            )
        )
        self._update_unit()
        self.errors.retranslate()
