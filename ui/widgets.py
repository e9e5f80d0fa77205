"""Small widgets used by every form: reference-data combo boxes, optional dates, field errors."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFrame, QLabel, QScrollArea, QWidget

from oralman_desk.i18n import _, translate
from oralman_desk.services.reference import ReferenceData

from .qt_i18n import is_language_change

ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#8a4b00"
ERROR_STYLE = f"border: 1px solid {ERROR_COLOUR}; background: #fff3f3;"
ERROR_TEXT = f"color: {ERROR_COLOUR};"
WARNING_TEXT = f"color: {WARNING_COLOUR};"


class RefCombo(QComboBox):
    """A classifier as a combo box, names in the UI language, value = code. Type to filter."""

    def __init__(
        self,
        ref: ReferenceData,
        kind: str,
        *,
        optional: bool = False,
        blank: str | None = None,
        on: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.optional = optional
        self.blank = blank  # msgid shown for "no value" (e.g. "Any country" in a filter)
        self.on = on
        self._ref = ref
        self.setEditable(False)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.reload(ref)

    def reload(self, ref: ReferenceData | None = None) -> None:
        if ref is not None:
            self._ref = ref
        current = self.code()
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem(translate(self.blank) if self.blank else "—", None)
        items = self._ref.items(self.kind, self.on)
        if self.kind == "country":
            head = [i for i in items if i.sort < 1000]
            rest = sorted((i for i in items if i.sort >= 1000), key=lambda i: i.name())
            items = head + rest
        for item in items:
            self.addItem(item.name(), item.code)
        self.set_code(current)
        self.blockSignals(False)

    def code(self) -> str | None:
        value = self.currentData()
        return str(value) if value else None

    def set_code(self, code: str | None) -> None:
        idx = self.findData(code) if code else -1
        if idx < 0 and code:
            item = self._ref.get(self.kind, code, self.on)
            if item is not None:  # a value no longer in force: keep showing it
                self.addItem(item.name(), item.code)
                idx = self.count() - 1
        self.setCurrentIndex(idx if idx >= 0 else (0 if self.optional else -1))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.reload()
        super().changeEvent(event)


class DateField(QDateEdit):
    """A date picker that may be empty (shown blank) — most dates on a form are optional."""

    date_changed = Signal()

    EMPTY = QDate(1800, 1, 1)

    def __init__(self, *, optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setMinimumDate(self.EMPTY)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(" ")
        self.setDate(self.EMPTY if optional else QDate.currentDate())
        self.dateChanged.connect(lambda _d: self.date_changed.emit())

    def focusNextPrevChild(self, next: bool) -> bool:
        # QDateTimeEdit moves Tab through its day, month and year sections and leaves the field
        # after the last one; while it shows the blank special value it has no sections to step
        # through, so Tab would stay in an empty date field for ever. An empty date lets Tab go.
        if self.date() == self.EMPTY:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def value(self) -> dt.date | None:
        d = self.date()
        if d == self.EMPTY:
            return None
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(self.EMPTY)
        else:
            self.setDate(QDate(value.year, value.month, value.day))


def mark_error(widget: QWidget, message: str | None) -> None:
    """Mark a field as wrong (red border, message as tooltip) or clear the mark."""
    widget.setStyleSheet(ERROR_STYLE if message else "")
    widget.setToolTip(message or "")
    widget.setProperty("error", message or "")


def error_label() -> QLabel:
    lbl = QLabel()
    lbl.setWordWrap(True)
    lbl.setStyleSheet(ERROR_TEXT)
    lbl.setVisible(False)
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lbl


def yes_no() -> tuple[str, str]:
    return _("Yes"), _("No")


def scroll_area(widget: QWidget) -> QScrollArea:
    """A frameless area that scrolls ``widget`` down when the window is short; Tab goes into the
    widget's fields, never to the area itself."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(widget)
    return scroll
