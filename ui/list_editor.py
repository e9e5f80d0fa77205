"""The centre's own list of residents: its columns reordered, dropped, added or relabelled, and
its title in both languages, kept in the database (``reports.list_definition``); "Shipped list"
goes back to the one the program comes with."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.i18n import N_, _, translate

from .context import AppContext
from .qt_i18n import Retranslatable
from .widgets import ERROR_TEXT
from .worker import Op

FIELD_ROLE: Final = Qt.ItemDataRole.UserRole
#: What each field of the list is, for staff choosing columns.
FIELD_NAMES: Final = {
    "number": N_("Line number"),
    "room": N_("Building / room"),
    "bed": N_("Bed"),
    "name": N_("Full name"),
    "birth_date": N_("Date of birth"),
    "household": N_("Family No."),
    "check_in": N_("Check-in date"),
    "planned_end": N_("Planned end"),
    "days_left": N_("Days left"),
}


class ListEditor(Retranslatable, QDialog):
    """Edits the list of residents in force (the centre's, or a copy of the shipped one)."""

    def __init__(self, ctx: AppContext, defn: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.defn = defn
        self.saved = False
        self.title_kk = QLineEdit(defn.title.kk)
        self.title_ru = QLineEdit(defn.title.ru)
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.drop_button, self.add_button = QPushButton(), QPushButton()
        self.reset_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.drop_button.clicked.connect(lambda: self.drop())
        self.add_button.clicked.connect(lambda: self.add(self.new_field.currentData()))
        self.reset_button.clicked.connect(lambda: self.reset())
        self.new_field = QComboBox()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_TEXT)
        self.problems.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)

        form = QFormLayout()
        self.kk_label, self.ru_label = QLabel(), QLabel()
        form.addRow(self.kk_label, self.title_kk)
        form.addRow(self.ru_label, self.title_ru)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        moves = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.drop_button):
            moves.addWidget(b)
        moves.addStretch(1)
        moves.addWidget(self.new_field)
        moves.addWidget(self.add_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.hint)
        lay.addWidget(self.table, 1)
        lay.addLayout(moves)
        lay.addWidget(self.problems)
        lay.addWidget(self.buttons)
        self.resize(720, 480)
        self._fill(defn)
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 230)
        self.retranslate()

    # -- the columns

    def _fill(self, defn: Any) -> None:
        self.title_kk.setText(defn.title.kk)
        self.title_ru.setText(defn.title.ru)
        self.table.setRowCount(0)
        for column in defn.columns:
            self._append(column.field, column.heading.kk, column.heading.ru, column.width)

    def _append(self, field: str, kk: str, ru: str, width: float | None, at: int = -1) -> None:
        row = self.table.rowCount() if at < 0 else at
        self.table.blockSignals(True)
        self.table.insertRow(row)
        what = QTableWidgetItem(_(FIELD_NAMES[field]))
        what.setData(FIELD_ROLE, (field, width))
        what.setFlags(what.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, what)
        self.table.setItem(row, 1, QTableWidgetItem(kk))
        self.table.setItem(row, 2, QTableWidgetItem(ru))
        self.table.blockSignals(False)

    def fields(self) -> list[str]:
        items = (self.table.item(r, 0) for r in range(self.table.rowCount()))
        return [item.data(FIELD_ROLE)[0] for item in items if item is not None]

    def headings(self, lang: str) -> list[str]:
        col = 1 if lang == "kk" else 2
        return [self.table.item(r, col).text() for r in range(self.table.rowCount())]

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def _current(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def move(self, step: int) -> None:
        r = self._current()
        to = r + step
        if r < 0 or not 0 <= to < self.table.rowCount():
            return
        self.table.blockSignals(True)
        taken = [self.table.takeItem(r, c) for c in range(3)]
        self.table.removeRow(r)
        self.table.insertRow(to)
        for c, item in enumerate(taken):
            self.table.setItem(to, c, item)
        self.table.blockSignals(False)
        self.select(to)

    def drop(self) -> None:
        r = self._current()
        if r >= 0:
            self.table.removeRow(r)
            self._update_buttons()

    def add(self, field: str | None) -> None:
        from reports.list_definition import shipped_list

        if not field or field in self.fields():
            return
        shipped = {c.field: c for c in shipped_list().columns}
        if field in shipped:
            c = shipped[field]
            kk, ru, width = c.heading.kk, c.heading.ru, c.width
        else:
            msg = FIELD_NAMES[field]
            kk, ru, width = translate(msg, "kk"), translate(msg, "ru"), 15.0
        at = self._current() + 1 if self._current() >= 0 else self.table.rowCount()
        self._append(field, kk, ru, width, at)
        self.select(at)
        self._update_buttons()

    def reset(self) -> None:
        from reports.list_definition import shipped_list

        self._fill(shipped_list())
        self._update_buttons()

    def _update_buttons(self) -> None:
        r = self._current()
        self.up_button.setEnabled(r > 0)
        self.down_button.setEnabled(0 <= r < self.table.rowCount() - 1)
        self.drop_button.setEnabled(r >= 0 and self.table.rowCount() > 1)
        present = set(self.fields())
        self.new_field.clear()
        for field, msg in FIELD_NAMES.items():
            if field not in present:
                self.new_field.addItem(_(msg), field)
        self.add_button.setEnabled(self.new_field.count() > 0)
        self.new_field.setEnabled(self.new_field.count() > 0)

    # -- saving

    def definition(self) -> Any:
        from reports.definitions import Text
        from reports.list_definition import ListColumn, ListDefinition

        columns = []
        for r in range(self.table.rowCount()):
            field, width = self.table.item(r, 0).data(FIELD_ROLE)
            heading = Text(
                self.table.item(r, 1).text().strip(), self.table.item(r, 2).text().strip()
            )
            columns.append(ListColumn(field, heading, width))
        title = Text(self.title_kk.text().strip(), self.title_ru.text().strip())
        return ListDefinition(title, tuple(columns), "centre")

    def save(self) -> None:
        from reports.definitions import DefinitionError, describe_problems
        from reports.list_definition import (
            parse_list,
            save_residents_definition,
            shipped_list,
            to_dict,
        )

        defn = self.definition()
        if defn.columns and all(c.width is not None for c in defn.columns):
            # The column that took the rest of the page was removed: the widest one now does.
            widest = max(defn.columns, key=lambda c: c.width or 0)
            columns = tuple(replace(c, width=None) if c is widest else c for c in defn.columns)
            defn = replace(defn, columns=columns)
        try:
            checked = parse_list(to_dict(defn))  # every problem at once, in the user's language
        except DefinitionError as exc:
            self._show(describe_problems(exc))
            return
        db, same = self.ctx.db, to_dict(checked) == to_dict(shipped_list())
        self.buttons.setEnabled(False)

        def work() -> object:
            if same:
                from reports.list_definition import reset_residents_definition

                reset_residents_definition(db)  # nothing of the centre's own: follow releases
                return None
            return save_residents_definition(db, checked)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self._show(describe_problems(exc) if isinstance(exc, DefinitionError) else str(exc))

        def done(_result: object) -> None:
            self.saved = True
            self.accept()

        Op(self, work).success(done).failure(failed).run()

    def _show(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.show()

    def retranslate(self) -> None:
        self.setWindowTitle(_("The centre's list of residents"))
        self.kk_label.setText(_("Title in Kazakh"))
        self.ru_label.setText(_("Title in Russian"))
        self.hint.setText(
            _(
                "Choose the columns and their order; edit a heading by double-clicking it. "
                "{date} in the title is the list's day."
            )
        )
        self.table.setHorizontalHeaderLabels([_("Column"), _("In Kazakh"), _("In Russian")])
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            item.setText(_(FIELD_NAMES[item.data(FIELD_ROLE)[0]]))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.drop_button.setText(_("Remove the column"))
        self.add_button.setText(_("Add the column"))
        self.reset_button.setText(_("Shipped list"))
        self._update_buttons()
