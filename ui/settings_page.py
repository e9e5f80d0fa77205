"""Settings: interface language, who is working, this centre, the signature block, the database.

The language applies at once (no Save): every open window re-labels itself. The rest is saved
together with one Save button: the staff member's name in ``ctx.settings`` (it is per computer
user) and on ``ctx.db.user`` (the audit log records it), the centre and the signature block in the
database in one transaction through ``CentreService``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.db.check import CheckReport, check_database
from oralman_desk.i18n import N_, _, translate
from oralman_desk.services.centre import CentreInput, CentreService
from oralman_desk.services.errors import Problem, ValidationError

from .centre_form import CentreFields, centre_problems
from .context import AppContext
from .errors import show_error
from .field_errors import FieldErrors
from .language_combo import LanguageCombo
from .qt_i18n import Retranslatable
from .widgets import error_label
from .worker import Op

USER_NAME_KEY = "user/name"
REPORT_KEYS = ("report.director", "report.executor", "report.phone")


def user_name_problems(name: str) -> list[Problem]:
    if name.strip():
        return []
    return [
        Problem(
            "user_name",
            N_("Enter your name: the change log records who made each change."),
        )
    ]


class SettingsPage(Retranslatable, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self._labels: list[tuple[QLabel, str]] = []
        self.general = error_label()
        self.errors = FieldErrors(self.general)

        # Interface
        self.language = LanguageCombo(ctx.settings)
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_box = QGroupBox()
        form = self._form(self.language_box)
        self._row(form, N_("Interface language:"), self.language)

        # Staff member
        self.user_name = QLineEdit(str(ctx.settings.value(USER_NAME_KEY, "") or ""))
        self.user_name.setMaxLength(100)
        self.user_hint = QLabel()
        self.user_hint.setWordWrap(True)
        self.user_box = QGroupBox()
        form = self._form(self.user_box)
        self._row(form, N_("Your name:"), self.errors.wrap("user_name", self.user_name))
        form.addRow(self.user_hint)

        # Centre
        self.centre = CentreFields(ctx.ref, self.errors)
        self.centre_box = QGroupBox()
        self.centre.add_rows(self._form(self.centre_box))

        # Signature block
        self.director = QLineEdit()
        self.executor = QLineEdit()
        self.phone = QLineEdit()
        self.signature_hint = QLabel()
        self.signature_hint.setWordWrap(True)
        self.signature_box = QGroupBox()
        form = self._form(self.signature_box)
        form.addRow(self.signature_hint)
        self._row(form, N_("Director:"), self.director)
        self._row(form, N_("Executor:"), self.executor)
        self._row(form, N_("Executor's phone:"), self.phone)

        self.save_btn = QPushButton()
        self.save_btn.clicked.connect(self.save)
        self.status = QLabel()
        save_row = QHBoxLayout()
        save_row.addWidget(self.general, 1)
        save_row.addStretch(1)
        save_row.addWidget(self.status)
        save_row.addWidget(self.save_btn)

        # Database
        self.db_path = QLineEdit(str(ctx.db.path))
        self.db_path.setReadOnly(True)
        self.db_path.setCursorPosition(0)
        self.check_btn = QPushButton()
        self.check_btn.clicked.connect(self.check)
        self.check_summary = QLabel()
        self.check_summary.setWordWrap(True)
        self.check_output = QPlainTextEdit()
        self.check_output.setReadOnly(True)
        self.check_output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.check_output.setMinimumHeight(110)
        self.check_result = QWidget()  # hidden until the first check
        result_lay = QVBoxLayout(self.check_result)
        result_lay.setContentsMargins(0, 0, 0, 0)
        result_lay.addWidget(self.check_summary)
        result_lay.addWidget(self.check_output)
        self.check_result.setVisible(False)
        self.db_box = QGroupBox()
        form = self._form(self.db_box)
        path_row = QHBoxLayout()
        path_row.addWidget(self.db_path, 1)
        path_row.addWidget(self.check_btn)
        self._row(form, N_("Database file:"), path_row)
        form.addRow(self.check_result)

        body = QWidget()
        col = QVBoxLayout(body)
        for box in (self.language_box, self.user_box, self.centre_box, self.signature_box):
            col.addWidget(box)
        col.addLayout(save_row)
        col.addWidget(self.db_box)
        col.addStretch(1)
        body.setMaximumWidth(900)
        holder = QWidget()
        hl = QHBoxLayout(holder)
        hl.addWidget(body, 1)
        hl.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        ctx.reference_changed.connect(lambda: self.centre.region.reload(ctx.ref))
        self.retranslate()
        self.load()

    # -- layout helpers --------------------------------------------------------------------------

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return form

    def _row(self, form: QFormLayout, msgid: str, field: QWidget | QHBoxLayout) -> None:
        lbl = QLabel()
        self._labels.append((lbl, msgid))
        if isinstance(field, QWidget):
            lbl.setBuddy(field)
        form.addRow(lbl, field)

    # -- loading and saving ----------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_btn.setEnabled(not busy)

    def load(self) -> None:
        """Read the centre and the signature block in the background."""
        svc = CentreService(self.ctx.db)
        self._set_busy(True)

        def read() -> tuple[CentreInput | None, dict[str, str]]:
            return svc.current(), svc.get_settings(REPORT_KEYS)

        Op(self, read).success(self._loaded).failure(self._load_failed).run()

    def _loaded(self, result: tuple[CentreInput | None, dict[str, str]]) -> None:
        centre, values = result
        if centre is not None:
            self.centre.set_value(centre)
        self.director.setText(values["report.director"])
        self.executor.setText(values["report.executor"])
        self.phone.setText(values["report.phone"])
        self._set_busy(False)

    def _load_failed(self, exc: BaseException) -> None:
        show_error(self, exc)  # Save stays disabled: saving what was not loaded would erase it

    def save(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        self.status.clear()
        name = self.user_name.text().strip()
        data = self.centre.value()
        values = {
            "report.director": self.director.text().strip(),
            "report.executor": self.executor.text().strip(),
            "report.phone": self.phone.text().strip(),
        }
        db = self.ctx.db
        svc = CentreService(db)

        def write() -> None:
            problems = user_name_problems(name) + centre_problems(svc, data)
            if problems:
                raise ValidationError(problems)
            db.user = name  # this save is already logged under the new name
            svc.set_up(data, settings=values)

        def done(_result: object) -> None:
            self._set_busy(False)
            self.ctx.settings.setValue(USER_NAME_KEY, name)
            self.status.setText(_("Saved."))
            self.ctx.changed.emit(None)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if isinstance(exc, ValidationError):
                self.errors.show(exc.problems)
            else:
                show_error(self, exc)

        self._set_busy(True)
        Op(self, write).success(done).failure(failed).run()

    # -- database check --------------------------------------------------------------------------

    def check(self) -> None:
        path = self.ctx.db.path
        self.check_btn.setEnabled(False)
        self.check_summary.setText(_("Checking the database…"))
        self.check_output.clear()
        self.check_result.setVisible(True)

        def done(report: CheckReport) -> None:
            self.check_btn.setEnabled(True)
            self.check_summary.setText(
                _("No problems found.")
                if report.ok
                else _("Problems found. Make a copy of the file and call for help.")
            )
            self.check_output.setPlainText("\n".join(report.lines))

        def failed(exc: BaseException) -> None:
            self.check_btn.setEnabled(True)
            self.check_result.setVisible(False)
            show_error(self, exc)

        Op(self, lambda: check_database(path)).success(done).failure(failed).run()

    # -- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.language_box.setTitle(_("Interface"))
        self.user_box.setTitle(_("Staff member"))
        self.centre_box.setTitle(_("Centre"))
        self.signature_box.setTitle(_("Signature block for reports"))
        self.db_box.setTitle(_("Database"))
        for lbl, msgid in self._labels:
            lbl.setText(translate(msgid))
        self.user_hint.setText(
            _("Written in the change log next to every change you make on this computer.")
        )
        self.signature_hint.setText(_("Printed under the reports this centre sends."))
        self.save_btn.setText(_("Save"))
        self.check_btn.setText(_("Check database"))
        self.check_btn.setToolTip(_("Reads the file and reports damage; changes nothing."))
        self.centre.retranslate()
        # One label column for all the groups, however long the labels are in this language.
        labels = [lbl for lbl, _m in self._labels] + list(self.centre.labels())
        for lbl in labels:
            lbl.setMinimumWidth(0)
        width = max(lbl.sizeHint().width() for lbl in labels)
        for lbl in labels:
            lbl.setMinimumWidth(width)
        self.errors.retranslate()
        if self.status.text():
            self.status.setText(_("Saved."))
