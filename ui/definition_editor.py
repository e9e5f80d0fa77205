"""The centre's own report: a copy of a report's definition with rows reordered, dropped or
relabelled, saved in the database (no new release needed) and chosen on the Reports screen like
the shipped ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import i18n
from oralman_desk.i18n import _

from .context import AppContext
from .qt_i18n import Retranslatable
from .widgets import ERROR_TEXT
from .worker import Op

POS_ROLE = Qt.ItemDataRole.UserRole + 1


class DefinitionEditor(Retranslatable, QDialog):
    """Edits ``defn`` (a shipped definition is copied under a new key first)."""

    def __init__(self, ctx: AppContext, defn: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from reports.definitions import Text, copy_definition, reserved_keys

        self.ctx = ctx
        if defn.key in reserved_keys():
            # The copy's title says it is the centre's (data in both languages, like all titles).
            defn = copy_definition(
                defn,
                f"{defn.key}-centre",
                Text(defn.title.kk + " (орталық)", defn.title.ru + " (центр)"),
            )
        self.defn = defn
        self.saved_key: str | None = None
        self.key = QLineEdit(defn.key)
        self.title_kk = QLineEdit(defn.title.kk)
        self.title_ru = QLineEdit(defn.title.ru)
        self.rows = QTreeWidget()
        self.rows.setColumnCount(2)
        self.rows.setRootIsDecorated(True)
        self.rows.currentItemChanged.connect(lambda *_a: self._selected())
        self.label_kk = QLineEdit()
        self.label_ru = QLineEdit()
        self.label_kk.textEdited.connect(lambda _t: self._relabel())
        self.label_ru.textEdited.connect(lambda _t: self._relabel())
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.drop_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.drop_button.clicked.connect(lambda: self.drop())
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_TEXT)
        self.problems.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        head = QFormLayout()
        self.key_label, self.kk_label, self.ru_label = QLabel(), QLabel(), QLabel()
        head.addRow(self.key_label, self.key)
        head.addRow(self.kk_label, self.title_kk)
        head.addRow(self.ru_label, self.title_ru)
        moves = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.drop_button):
            moves.addWidget(b)
        moves.addStretch(1)
        edit = QGridLayout()
        self.row_kk_label, self.row_ru_label = QLabel(), QLabel()
        edit.addWidget(self.row_kk_label, 0, 0)
        edit.addWidget(self.label_kk, 0, 1)
        edit.addWidget(self.row_ru_label, 1, 0)
        edit.addWidget(self.label_ru, 1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.rows, 1)
        lay.addLayout(moves)
        lay.addLayout(edit)
        lay.addWidget(self.problems)
        lay.addWidget(self.buttons)
        self.resize(900, 640)
        self.fill()
        self.retranslate()

    # -- the rows

    def fill(self, keep: tuple[int, int] | None = None) -> None:
        lang = i18n.current_language()
        self.rows.clear()
        current = None
        for si, section in enumerate(self.defn.sections):
            top = QTreeWidgetItem([section.title.get(lang), ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.rows.addTopLevelItem(top)
            for ri, row in enumerate(section.rows):
                item = QTreeWidgetItem(["    " * row.indent + row.label.get(lang), row.indicator])
                item.setData(0, POS_ROLE, (si, ri))
                top.addChild(item)
                if keep == (si, ri):
                    current = item
            top.setExpanded(True)
        self.rows.resizeColumnToContents(1)
        self.rows.setColumnWidth(0, 560)
        if current is not None:
            self.rows.setCurrentItem(current)
        self._selected()

    def position(self) -> tuple[int, int] | None:
        item = self.rows.currentItem()
        pos = item.data(0, POS_ROLE) if item is not None else None
        return (int(pos[0]), int(pos[1])) if pos else None

    def select(self, section: int, row: int) -> None:
        item = self.rows.topLevelItem(section).child(row)
        self.rows.setCurrentItem(item)

    def _selected(self) -> None:
        pos = self.position()
        for w in (self.up_button, self.down_button, self.drop_button):
            w.setEnabled(pos is not None)
        for w in (self.label_kk, self.label_ru):
            w.setEnabled(pos is not None)
        if pos is None:
            self.label_kk.clear()
            self.label_ru.clear()
            return
        row = self.defn.sections[pos[0]].rows[pos[1]]
        self.label_kk.setText(row.label.kk)
        self.label_ru.setText(row.label.ru)

    def move(self, step: int) -> None:
        from reports.definitions import move_row

        pos = self.position()
        if pos is None:
            return
        si, ri = pos
        to = ri + step
        if not 0 <= to < len(self.defn.sections[si].rows):
            return
        self.defn = move_row(self.defn, si, ri, to)
        self.fill(keep=(si, to))

    def drop(self) -> None:
        from reports.definitions import drop_row

        pos = self.position()
        if pos is None:
            return
        si, ri = pos
        self.defn = drop_row(self.defn, si, ri)
        left = len(self.defn.sections[si].rows)
        self.fill(keep=(si, min(ri, left - 1)) if left else None)

    def _relabel(self) -> None:
        from reports.definitions import Text, relabel_row

        pos = self.position()
        if pos is None:
            return
        label = Text(self.label_kk.text().strip(), self.label_ru.text().strip())
        self.defn = relabel_row(self.defn, pos[0], pos[1], label)
        item = self.rows.currentItem()
        row = self.defn.sections[pos[0]].rows[pos[1]]
        item.setText(0, "    " * row.indent + row.label.get(i18n.current_language()))

    # -- saving

    def save(self) -> None:
        from dataclasses import replace

        from reports.definitions import (
            DefinitionError,
            Text,
            describe_problems,
            parse,
            save_definition,
            to_dict,
        )

        defn = replace(
            self.defn,
            key=self.key.text().strip(),
            title=Text(self.title_kk.text().strip(), self.title_ru.text().strip()),
        )
        try:
            checked = parse(to_dict(defn))  # every problem at once, in the user's language
        except DefinitionError as exc:
            self._show(describe_problems(exc))
            return
        db = self.ctx.db
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, DefinitionError):
                self._show(describe_problems(exc))
            else:
                self._show(str(exc))

        def done(_result: object) -> None:
            self.saved_key = checked.key
            self.accept()

        Op(self, lambda: save_definition(db, checked)).success(done).failure(failed).run()

    def _show(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.show()

    def retranslate(self) -> None:
        self.setWindowTitle(_("The centre's own report"))
        self.key_label.setText(_("Key (Latin letters)"))
        self.kk_label.setText(_("Title in Kazakh"))
        self.ru_label.setText(_("Title in Russian"))
        self.row_kk_label.setText(_("Row in Kazakh"))
        self.row_ru_label.setText(_("Row in Russian"))
        self.rows.setHeaderLabels([_("Row"), _("Indicator")])
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.drop_button.setText(_("Remove the row"))
