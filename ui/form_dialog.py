"""The common parts of the dialogs that save through a service: Save/Cancel, the problems list,
a message line, and a question before throwing away typed input.

Threading: the save runs in an ``Op`` on a pool thread with its own session; widgets are touched
only in the success/failure callbacks, on the UI thread. Inputs are snapshotted (``to_input()``) on
the UI thread before the work starts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.i18n import _
from oralman_desk.services.errors import Problem, ValidationError
from oralman_desk.services.fields import FIELD_LABELS
from oralman_desk.services.intake import (
    DuplicatesFound,
    Saved,
)

from .context import AppContext
from .errors import show_error
from .person_form import EnterMovesFocus, form_layout, row_label
from .qt_i18n import Retranslatable
from .widgets import ERROR_TEXT, WARNING_TEXT, RefCombo, mark_error
from .worker import Op

# ---- the common parts of the dialogs -------------------------------------------------------------


class FormDialog(Retranslatable, QDialog):
    """A dialog that saves through a service in an ``Op``: Save/Cancel, a problems list, a
    message line, and a question before throwing away typed input."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saving = False
        self.result_saved: Saved | None = None
        self._problems: list[Problem] = []
        self._message: Callable[[], str] | None = None
        self._initial: object = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.problems_view = QListWidget()
        self.problems_view.setVisible(False)
        self.problems_view.setMaximumHeight(110)
        self.problems_view.setStyleSheet(ERROR_TEXT)
        self.problems_view.itemActivated.connect(self._problem_activated)
        self.problems_view.itemClicked.connect(self._problem_activated)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        ctx.reference_changed.connect(self._reference_changed)

    def _reference_changed(self) -> None:
        for combo in self.findChildren(RefCombo):
            combo.reload(self.ctx.ref)

    def _footer(self) -> QVBoxLayout:
        lay = QVBoxLayout()
        lay.addWidget(self.problems_view)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        return lay

    # -- messages and problems

    def set_message(self, fn: Callable[[], str] | None, *, warning: bool = False) -> None:
        self._message = fn
        self.message.setStyleSheet(WARNING_TEXT if warning else "")
        self._render_message()

    def _render_message(self) -> None:
        text = self._message() if self._message else ""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self._render_problems()

    def _render_problems(self) -> None:
        self.problems_view.clear()
        for p in self._problems:
            item = QListWidgetItem(p.describe())
            item.setData(Qt.ItemDataRole.UserRole, p.field)
            self.problems_view.addItem(item)
        self.problems_view.setVisible(bool(self._problems))

    def _problem_activated(self, item: QListWidgetItem) -> None:
        self.go_to_field(str(item.data(Qt.ItemDataRole.UserRole)))

    def go_to_field(self, path: str) -> None:  # pragma: no cover - overridden
        pass

    def retranslate(self) -> None:
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self._render_message()
        self._render_problems()

    # -- saving

    def current_input(self) -> object:  # pragma: no cover - overridden
        return None

    def tab_after(self, last: QWidget) -> None:
        """Save and Cancel come last in the Tab order, after ``last`` (they are created first)."""
        QWidget.setTabOrder(last, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)

    def remember_initial(self) -> None:
        self._initial = self.current_input()

    def has_unsaved_input(self) -> bool:
        return self.result_saved is None and self.current_input() != self._initial

    def run_save(self, fn: Callable[[], Saved]) -> None:
        if self.saving:
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.set_message(lambda: _("Saving…"))
        Op(self, fn).success(self._saved).failure(self._failed).run()

    def _saved(self, saved: object) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        assert isinstance(saved, Saved)
        self.result_saved = saved
        self.set_message(None)
        self.set_problems([])
        self.ctx.changed.emit(saved)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.set_message(None)
        if isinstance(exc, ValidationError):
            self.set_problems(exc.problems)
            self.show_problems(exc.problems)
        elif isinstance(exc, DuplicatesFound):
            self.show_duplicates(exc)
        else:
            show_error(self, exc)

    def show_problems(self, problems: list[Problem]) -> None:  # pragma: no cover - overridden
        pass

    def show_duplicates(self, exc: DuplicatesFound) -> None:  # pragma: no cover - overridden
        pass

    def save(self) -> None:  # pragma: no cover - overridden
        pass

    def reject(self) -> None:
        if self.saving:
            return
        if self.isVisible() and self.has_unsaved_input():
            answer = QMessageBox.question(
                self,
                _("Oralman Desk"),
                _("Close without saving? What you entered will be lost."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


class FieldsDialog(FormDialog):
    """A dialog of named fields in one form; the service's problems are marked on their fields
    (red border, message as tooltip) and listed under the form. Subclasses add fields with
    ``add_field`` and call ``finish``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.fields: dict[str, QWidget] = {}
        self._label_ids: dict[str, tuple[QLabel, str]] = {}
        self._field_problems: dict[str, list[Problem]] = {}
        self.form = form_layout()
        self.form_widget = QWidget()
        self.form_widget.setLayout(self.form)
        self.form_widget.installEventFilter(EnterMovesFocus(self.form_widget))

    def add_field(self, name: str, widget: QWidget, msgid: str | None = None) -> QWidget:
        lbl = row_label()
        lbl.setBuddy(widget)
        self._label_ids[name] = (lbl, msgid or FIELD_LABELS[name])
        self.form.addRow(lbl, widget)
        self.fields[name] = widget
        for signal in (
            "textChanged",
            "currentIndexChanged",
            "date_changed",
            "valueChanged",
            "itemChanged",
        ):
            sig = getattr(widget, signal, None)
            if sig is not None:
                sig.connect(lambda *_a, n=name: self._changed(n))
                break
        return widget

    def finish(self, last: QWidget, above: QWidget | None = None) -> None:
        lay = QVBoxLayout(self)
        if above is not None:
            lay.addWidget(above)
        lay.addWidget(self.form_widget)
        lay.addStretch(1)
        lay.addLayout(self._footer())
        self.retranslate()
        self.tab_after(last)
        self.remember_initial()

    def _changed(self, name: str) -> None:
        if self._field_problems.pop(name, None):
            self._render_marks()

    def show_problems(self, problems: list[Problem]) -> None:
        self._field_problems = {}
        for p in problems:
            self._field_problems.setdefault(p.field, []).append(p)
        self._render_marks()
        first = next((p.field for p in problems if p.field in self.fields), None)
        if first:
            self.go_to_field(first)

    def go_to_field(self, path: str) -> None:
        w = self.fields.get(path)
        if w is not None:
            w.setFocus(Qt.FocusReason.OtherFocusReason)

    def _render_marks(self) -> None:
        for name, w in self.fields.items():
            msgs = [p.message() for p in self._field_problems.get(name, [])]
            mark_error(w, "\n".join(msgs) if msgs else None)

    def retranslate(self) -> None:
        super().retranslate()
        for lbl, msgid in self._label_ids.values():
            lbl.setText(_(msgid))
        self._render_marks()
