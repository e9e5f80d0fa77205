"""Reference data: the classifiers, their values in both languages and the dates they apply.

Values are never deleted. A value that changes from a date on (a region renamed, a new pension age)
is *replaced*: the service closes it on the day before and adds the new one with the same code, so
records keep their code and a lookup on an earlier date still finds the name of that time.

The page reads the in-memory ``ctx.ref`` snapshot (no database access on the UI thread); saving
runs in an ``Op`` and ends with ``ctx.reload_reference()``, which refreshes every open page.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.db.database import Database
from oralman_desk.formatting import short_date
from oralman_desk.i18n import _, ngettext, translate
from oralman_desk.names import fold_kazakh
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.fields import FIELD_LABELS
from oralman_desk.services.reference import (
    KINDS,
    MAX_PLAN_DAYS,
    MAX_PLAN_MONTHS,
    MAX_STAY_MONTHS,
    MIN_WORKING_YEARS,
    PENSION_AGE_YEARS,
    ReferenceService,
    RefInput,
    RefItem,
)

from .context import AppContext
from .errors import show_error
from .field_errors import FieldErrors
from .qt_i18n import Retranslatable
from .widgets import DateField, error_label
from .worker import Op

WORKING_AGE = "working_age"
STAY_TERM = "stay_term"
PLAN_STEP = "plan_step"
PLAN_TERMS = ("offset_months", "offset_days")
ITEM_ID = Qt.ItemDataRole.UserRole


def age_text(months: int) -> str:
    """63 years, or 61 years 6 months (for pension ages)."""
    years, rest = divmod(months, 12)
    text = ngettext("{n} year", "{n} years", years).format(n=years)
    if rest:
        text += " " + ngettext("{n} month", "{n} months", rest).format(n=rest)
    return text


class Mode(enum.Enum):
    ADD = "add"
    EDIT = "edit"
    REPLACE = "replace"


class RefValueDialog(Retranslatable, QDialog):
    """Add, correct or replace one value of a classifier. Saves through ``ReferenceService``.

    Opened with ``open()`` (window-modal, not blocking); after a successful save ``saved`` holds
    the stored value and the dialog is accepted.
    """

    def __init__(
        self,
        db: Database,
        kind: str,
        mode: Mode = Mode.ADD,
        item: RefItem | None = None,
        *,
        default_from: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if mode is not Mode.ADD and item is None:
            raise ValueError("editing or replacing needs the value")
        self.db = db
        self.kind = kind
        self.mode = mode
        self.item = item
        self.saved: RefItem | None = None
        self._busy = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.general = error_label()
        self.errors = FieldErrors(self.general)

        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.name_kk = QLineEdit()
        self.name_ru = QLineEdit()
        for w in (self.name_kk, self.name_ru):
            w.setMaxLength(300)
            w.setMinimumWidth(360)
        self.valid_from = DateField(optional=False)
        self.valid_to = DateField(optional=True)
        self.sort = QSpinBox()
        self.sort.setRange(0, 1_000_000)
        self.sort.setValue(1000)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels: dict[str, QLabel] = {}

        def row(name: str, widget: QWidget, *marks: QWidget) -> None:
            lbl = QLabel()
            lbl.setBuddy(marks[0] if marks else widget)
            self._labels[name] = lbl
            form.addRow(lbl, self.errors.wrap(name, widget, *marks))

        row("code", self.code)
        row("name_kk", self.name_kk)
        row("name_ru", self.name_ru)
        row("valid_from", self.valid_from)
        row("valid_to", self.valid_to)
        row("sort", self.sort)

        # Working-age bounds carry their figures in ``extra``.
        self.pension_years = QSpinBox()
        self.pension_years.setRange(*PENSION_AGE_YEARS)
        self.pension_months = QSpinBox()
        self.pension_months.setRange(0, 11)
        self.min_years = QSpinBox()
        self.min_years.setRange(*MIN_WORKING_YEARS)
        self.pension_years_unit = QLabel()
        self.pension_months_unit = QLabel()
        self.min_years_unit = QLabel()
        if kind == WORKING_AGE:
            pension = QWidget()
            lay = QHBoxLayout(pension)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(self.pension_years)
            lay.addWidget(self.pension_years_unit)
            lay.addSpacing(12)
            lay.addWidget(self.pension_months)
            lay.addWidget(self.pension_months_unit)
            lay.addStretch(1)
            row("pension_age_months", pension, self.pension_years, self.pension_months)
            minimum = QWidget()
            lay = QHBoxLayout(minimum)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(self.min_years)
            lay.addWidget(self.min_years_unit)
            lay.addStretch(1)
            row("min_years", minimum, self.min_years)
            for spin in (self.pension_years, self.pension_months, self.min_years):
                spin.valueChanged.connect(self._update_units)

        # Stay terms carry their length in months.
        self.term_months = QSpinBox()
        self.term_months.setRange(1, MAX_STAY_MONTHS)
        self.term_months.setValue(6)
        if kind == STAY_TERM:
            row("months", self.term_months)

        # Suggested plan items carry their term from arrival, in months and days.
        self.plan_months = QSpinBox()
        self.plan_months.setRange(0, MAX_PLAN_MONTHS)
        self.plan_days = QSpinBox()
        self.plan_days.setRange(0, MAX_PLAN_DAYS)
        if kind == PLAN_STEP:
            row("offset_months", self.plan_months)
            row("offset_days", self.plan_days)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.addWidget(self.intro)
        outer.addLayout(form)
        outer.addWidget(self.general)
        outer.addStretch(1)
        outer.addWidget(self.buttons)

        self._fill(default_from)
        self.valid_from.date_changed.connect(self._update_intro)
        self.retranslate()

    # -- content ---------------------------------------------------------------------------------

    def _fill(self, default_from: dt.date | None) -> None:
        item = self.item
        if item is None:
            self.valid_from.set_value(default_from or dt.date.today())
            self.pension_years.setValue(63)
            self.min_years.setValue(16)
            return
        self.code.setText(item.code)
        # A code is what records store; changing it would cut them off from their value.
        self.code.setReadOnly(True)
        self.name_kk.setText(item.name_kk)
        self.name_ru.setText(item.name_ru)
        self.sort.setValue(item.sort)
        months = int(item.extra.get("pension_age_months", 63 * 12))
        self.pension_years.setValue(months // 12)
        self.pension_months.setValue(months % 12)
        self.min_years.setValue(int(item.extra.get("min_years", 16)))
        self.term_months.setValue(int(item.extra.get("months", 6)))
        self.plan_months.setValue(int(item.extra.get("offset_months") or 0))
        self.plan_days.setValue(int(item.extra.get("offset_days") or 0))
        if self.mode is Mode.EDIT:
            self.valid_from.set_value(item.valid_from)
            self.valid_to.set_value(item.valid_to)
        else:
            start = max(dt.date.today(), item.valid_from + dt.timedelta(days=1))
            self.valid_from.set_value(start)
            # The new value ends where the old one did; the service sets it.
            self.valid_to.set_value(item.valid_to)
            self.valid_to.setEnabled(False)

    def value(self) -> RefInput:
        base = self.item.extra if self.item else {}
        extra: dict[str, Any] | None = dict(base) or None
        if self.kind == WORKING_AGE:
            extra = dict(base)
            extra["pension_age_months"] = self.pension_years.value() * 12 + (
                self.pension_months.value()
            )
            extra["min_years"] = self.min_years.value()
        if self.kind == STAY_TERM:
            extra = dict(base)
            extra["months"] = self.term_months.value()
        if self.kind == PLAN_STEP:
            extra = dict(base)
            extra["offset_months"] = self.plan_months.value()
            extra["offset_days"] = self.plan_days.value()
        start = self.valid_from.value()
        assert start is not None  # not optional
        return RefInput(
            kind=self.kind,
            code=self.code.text(),
            name_kk=self.name_kk.text(),
            name_ru=self.name_ru.text(),
            valid_from=start,
            valid_to=None if self.mode is Mode.REPLACE else self.valid_to.value(),
            sort=self.sort.value(),
            extra=extra,
        )

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        data = self.value()
        svc = ReferenceService(self.db)
        item = self.item
        if self.mode is Mode.ADD:
            op = Op(self, lambda: svc.add(data))
        else:
            assert item is not None
            method = svc.update if self.mode is Mode.EDIT else svc.replace
            op = Op(self, lambda: method(item.id, data, item.version))
        self._set_busy(True)
        op.success(self._saved).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)

    def _saved(self, item: RefItem) -> None:
        self._set_busy(False)
        self.saved = item
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.problems)
        else:  # ConflictError (someone changed the value meanwhile) or a database failure
            show_error(self, exc)

    # -- language --------------------------------------------------------------------------------

    def _update_units(self) -> None:
        self.pension_years_unit.setText(ngettext("year", "years", self.pension_years.value()))
        self.pension_months_unit.setText(ngettext("month", "months", self.pension_months.value()))
        self.min_years_unit.setText(ngettext("year", "years", self.min_years.value()))

    def _update_intro(self) -> None:
        kind = translate(KINDS[self.kind])
        if self.mode is Mode.ADD:
            text = _(
                "A new value of “{kind}”. Records are looked up on their own date (arrival, "
                "report period), so a value is offered only from the date it is valid from."
            ).format(kind=kind)
        elif self.mode is Mode.EDIT:
            text = _(
                "Correct a mistake in this value of “{kind}”. If the value itself changed from "
                "a date on (a region renamed), use “Replace from a date” instead, so that "
                "earlier records keep the old name."
            ).format(kind=kind)
        else:
            assert self.item is not None
            start = self.valid_from.value() or dt.date.today()
            text = _(
                "From the date below, “{old}” is replaced by the new value with the same code "
                "{code}. The old value stays valid until {day_before}, so earlier records keep "
                "it."
            ).format(
                old=self.item.name(),
                code=self.item.code,
                day_before=short_date(start - dt.timedelta(days=1)),
            )
        self.intro.setText(text)

    def retranslate(self) -> None:
        kind = translate(KINDS[self.kind])
        titles = {
            Mode.ADD: _("New value: {kind}"),
            Mode.EDIT: _("Edit value: {kind}"),
            Mode.REPLACE: _("Replace from a date: {kind}"),
        }
        self.setWindowTitle(titles[self.mode].format(kind=kind))
        for name, lbl in self._labels.items():
            lbl.setText(translate(FIELD_LABELS[name]) + ":")
        if self.mode is Mode.REPLACE:
            self._labels["valid_from"].setText(_("Replace from:"))
        self.code.setToolTip(
            _("The code cannot be changed: records refer to the value by its code.")
            if self.item
            else ""
        )
        self.sort.setToolTip(_("Values are listed in this order; smaller numbers first."))
        self._update_units()
        self._update_intro()
        self.errors.retranslate()


class ReferencePage(Retranslatable, QWidget):
    """Classifiers on the left, the chosen classifier's values on the right."""

    BASE_COLUMNS = ("code", "name_kk", "name_ru", "valid_from", "valid_to", "sort")
    EXTRA_COLUMNS = ("pension_age_months", "min_years")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: RefValueDialog | None = None
        self._shown: list[RefItem] = []

        self.kinds = QListWidget()
        for kind in KINDS:
            entry = QListWidgetItem()
            entry.setData(ITEM_ID, kind)
            self.kinds.addItem(entry)
        self.kinds.currentRowChanged.connect(lambda _r: self.refresh())

        self.title = QLabel()
        font = self.title.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.refresh())
        self.show_old = QCheckBox()
        self.show_old.toggled.connect(lambda _c: self.refresh())
        self.count = QLabel()

        self.table = QTableWidget(0, 0)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit())

        self.add_btn = QPushButton()
        self.edit_btn = QPushButton()
        self.replace_btn = QPushButton()
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit)
        self.replace_btn.clicked.connect(self.replace)

        tools = QHBoxLayout()
        tools.addWidget(self.filter, 1)
        tools.addWidget(self.show_old)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_btn)
        buttons.addWidget(self.edit_btn)
        buttons.addWidget(self.replace_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.count)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.title)
        rlay.addLayout(tools)
        rlay.addWidget(self.table, 1)
        rlay.addLayout(buttons)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.kinds)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 900])
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.splitter)

        ctx.reference_changed.connect(self.refresh)
        self.kinds.setCurrentRow(0)
        self.retranslate()

    # -- what is shown ---------------------------------------------------------------------------

    def kind(self) -> str:
        entry = self.kinds.currentItem()
        return str(entry.data(ITEM_ID)) if entry else next(iter(KINDS))

    def select_kind(self, kind: str) -> None:
        for i in range(self.kinds.count()):
            if self.kinds.item(i).data(ITEM_ID) == kind:
                self.kinds.setCurrentRow(i)
                return
        raise KeyError(kind)

    def columns(self) -> tuple[str, ...]:
        if self.kind() == WORKING_AGE:
            return self.BASE_COLUMNS + self.EXTRA_COLUMNS
        if self.kind() == STAY_TERM:
            return (*self.BASE_COLUMNS, "months")
        if self.kind() == PLAN_STEP:
            return (*self.BASE_COLUMNS, *PLAN_TERMS)
        return self.BASE_COLUMNS

    def visible_items(self) -> list[RefItem]:
        today = dt.date.today()
        needle = fold_kazakh(self.filter.text())
        out = []
        for item in self.ctx.ref.all(self.kind()):
            ended = item.valid_to is not None and item.valid_to < today
            if ended and not self.show_old.isChecked():
                continue
            if needle and not any(
                needle in fold_kazakh(s) for s in (item.code, item.name_kk, item.name_ru)
            ):
                continue
            out.append(item)
        return out

    def selected(self) -> RefItem | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self._shown[rows[0].row()] if rows else None

    def refresh(self, select: uuid.UUID | None = None) -> None:
        """Rebuild the table from ``ctx.ref``; keep (or move to ``select``) the selection."""
        current = self.selected()
        keep = select if select is not None else (current.id if current else None)
        self._shown = self.visible_items()
        cols = self.columns()
        today = dt.date.today()
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setColumnCount(len(cols))
        self.table.setRowCount(len(self._shown))
        for r, item in enumerate(self._shown):
            ended = item.valid_to is not None and item.valid_to < today
            tip = ""
            if ended:
                tip = _("No longer in force since {date}.").format(
                    date=short_date(item.valid_to + dt.timedelta(days=1))  # type: ignore[operator]
                )
            elif item.valid_from > today:
                tip = _("In force from {date}.").format(date=short_date(item.valid_from))
            for c, col in enumerate(cols):
                cell = QTableWidgetItem(self._cell(item, col))
                cell.setData(ITEM_ID, str(item.id))
                if col in ("sort", "pension_age_months", "min_years", *PLAN_TERMS):
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if ended:
                    cell.setForeground(grey)
                if tip:
                    cell.setToolTip(tip)
                self.table.setItem(r, c, cell)
        self._set_headers()
        self._size_columns()
        row = next((i for i, it in enumerate(self._shown) if it.id == keep), None)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, 0))
        else:
            self.table.clearSelection()
        self._update_title()
        self._update_buttons()

    @staticmethod
    def _cell(item: RefItem, col: str) -> str:
        if col == "valid_from":
            return short_date(item.valid_from)
        if col == "valid_to":
            return short_date(item.valid_to)
        if col == "sort":
            return str(item.sort)
        if col == "pension_age_months":
            months = item.extra.get("pension_age_months")
            return age_text(int(months)) if months is not None else ""
        if col == "months":
            return str(item.extra.get("months", ""))
        if col in PLAN_TERMS:
            return str(item.extra.get(col) or 0)
        if col == "min_years":
            years = item.extra.get("min_years")
            return age_text(int(years) * 12) if years is not None else ""
        return str(getattr(item, col))

    def _set_headers(self) -> None:
        labels = [translate(FIELD_LABELS[c]) for c in self.columns()]
        self.table.setHorizontalHeaderLabels(labels)
        for c, text in enumerate(labels):
            header_item = self.table.horizontalHeaderItem(c)
            if header_item is not None:
                header_item.setToolTip(text)  # the header may be cut short; the names come first

    def _size_columns(self) -> None:
        """The names take the room; other columns are as wide as their values, and their
        headers (long in Kazakh) are cut rather than squeezing the names out of sight."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for c, col in enumerate(self.columns()):
            if col in ("name_kk", "name_ru"):
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            cells = self.table.sizeHintForColumn(c)
            title = metrics.horizontalAdvance(self.table.horizontalHeaderItem(c).text())
            header.resizeSection(c, max(cells, min(title, cells + 40, 130)) + 12)

    def _update_title(self) -> None:
        self.title.setText(translate(KINDS[self.kind()]))
        n = len(self._shown)
        self.count.setText(ngettext("{n} value", "{n} values", n).format(n=n))

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.edit_btn.setEnabled(has)
        self.replace_btn.setEnabled(has)

    # -- actions ---------------------------------------------------------------------------------

    def add(self) -> None:
        # A new value applies, by default, from the date the classifier itself starts, so that it
        # is offered for old records too; the user changes the date for something new.
        existing = self.ctx.ref.all(self.kind())
        start = min((i.valid_from for i in existing), default=dt.date.today())
        self._open(
            RefValueDialog(self.ctx.db, self.kind(), Mode.ADD, default_from=start, parent=self)
        )

    def edit(self) -> None:
        item = self.selected()
        if item is not None:
            self._open(RefValueDialog(self.ctx.db, item.kind, Mode.EDIT, item, parent=self))

    def replace(self) -> None:
        item = self.selected()
        if item is not None:
            self._open(RefValueDialog(self.ctx.db, item.kind, Mode.REPLACE, item, parent=self))

    def _open(self, dialog: RefValueDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: RefValueDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self, dialog: RefValueDialog) -> None:
        saved = dialog.saved
        if saved is None:
            return
        if saved.valid_to is not None and saved.valid_to < dt.date.today():
            self.show_old.setChecked(True)  # so that the user sees what was saved
        self.ctx.reload_reference()  # refreshes this page (and every combo box) via the signal
        self.refresh(select=saved.id)

    # -- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        for i in range(self.kinds.count()):
            entry = self.kinds.item(i)
            entry.setText(translate(KINDS[str(entry.data(ITEM_ID))]))
        self.filter.setPlaceholderText(_("Filter by code or name"))
        self.show_old.setText(_("Show values no longer in force"))
        self.add_btn.setText(_("Add…"))
        self.edit_btn.setText(_("Edit…"))
        self.replace_btn.setText(_("Replace from a date…"))
        self.replace_btn.setToolTip(
            _(
                "The value changed from a date on (e.g. a region renamed): the current value is "
                "closed on the day before and a new one with the same code is added."
            )
        )
        self._set_headers()
        self.refresh()  # sizes the columns for the new headers
