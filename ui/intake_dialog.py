"""The intake forms: registering a family, editing a member or the family, adding a member, moving
the case status.

Threading: every database call (duplicate look-ups, saves) runs in an ``Op`` on a pool thread with
its own session; widgets are touched only in the success/failure callbacks, on the UI thread. Inputs
are snapshotted (``to_input()``) on the UI thread before the work starts.

Errors: the forms check the obvious things as the worker types (required names, dates, the IIN's
check digit); on save the service validates everything and its ``Problem``s are shown on the fields
(red border, message as tooltip) and in a list. Problems are kept as ``Problem`` objects and turned
into text only when shown, so a language switch re-translates them without losing what was typed.

Duplicates are never merged: the worker sees the likely matches with their score and reasons and
either opens one or ticks "This is a new person" for that member.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_percent
from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import NEXT_STATUS, CaseStatus
from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_, _, current_language, ngettext
from oralman_desk.identity import IdError, IinInvalid, Sex, parse_iin
from oralman_desk.services.errors import Problem, ValidationError
from oralman_desk.services.fields import FIELD_LABELS
from oralman_desk.services.intake import (
    EARLIEST_BIRTH,
    IIN_MESSAGES,
    DocumentInput,
    DuplicateMatch,
    DuplicatesFound,
    HouseholdInput,
    IntakeService,
    LanguageInput,
    PersonInput,
    Saved,
)
from oralman_desk.services.queries import HouseholdData, PersonData, duplicates_for

from .context import AppContext
from .errors import show_error
from .qt_i18n import Retranslatable
from .widgets import DateField, RefCombo, mark_error
from .worker import Op

DEBOUNCE_MS = 400

SEX_LABELS: dict[Sex, str] = {Sex.MALE: N_("Male"), Sex.FEMALE: N_("Female")}

# Same wording as the service, so the catalogs hold each message once.
MSG_REQUIRED = N_("This field is required.")
MSG_NAME_LETTERS = N_("A name has letters only.")
MSG_LATIN = N_("Write the name in Latin letters, as in the passport.")
MSG_BIRTH_FUTURE = N_("The date of birth is in the future.")
MSG_BIRTH_EARLY = N_("The date of birth is before 1900.")
MSG_IIN_DATE = N_("The IIN says the person was born on {date}; the date of birth differs.")
MSG_IIN_SEX = N_("The IIN belongs to a person of the other sex.")
MSG_ISSUE_FUTURE = N_("The date of issue is in the future.")
MSG_EXPIRES_BEFORE = N_("The document expires before it was issued.")

_DIGIT_RE = re.compile(r"\d")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_INDEX_RE = re.compile(r"^members\[(\d+)\]\.")


def label(name: str) -> str:
    """The translated label of a register field (``FIELD_LABELS``)."""
    return _(FIELD_LABELS[name])


def dup_key(p: PersonInput) -> tuple[object, ...]:
    """What the duplicate check looks at: when it changes, the matches are out of date."""
    return (
        " ".join(p.surname.split()).casefold(),
        " ".join(p.given_name.split()).casefold(),
        " ".join(p.surname_latin.split()).casefold(),
        " ".join(p.given_name_latin.split()).casefold(),
        p.birth_date,
        (p.iin or "").strip(),
        tuple(sorted(d.number.strip().upper() for d in p.documents if d.number.strip())),
    )


def can_look_for_duplicates(p: PersonInput) -> bool:
    return bool(p.birth_date or (p.iin or "").strip() or any(d.number.strip() for d in p.documents))


# ---- small widgets -----------------------------------------------------------------------------


class EnterMovesFocus(QObject):
    """Event filter: Enter (or Return) in a field moves to the next field, as Tab does, instead of
    pressing the dialog's default button. Installed on a form; the fields ignore Enter, so it
    reaches the form. Multi-line text keeps its Enter."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and mods == Qt.KeyboardModifier.NoModifier
            ):
                focus = self._owner.focusWidget()
                if isinstance(focus, QPlainTextEdit):
                    return False
                self._owner.focusNextChild()
                return True
        return False


class SexCombo(QComboBox):
    """Sex as a combo box: empty until chosen (or filled from the IIN)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for sex in SEX_LABELS:
            self.addItem("", sex.value)
        self.retranslate()

    def retranslate(self) -> None:
        for i, sex in enumerate(SEX_LABELS, start=1):
            self.setItemText(i, _(SEX_LABELS[sex]))

    def sex(self) -> Sex | None:
        value = self.currentData()
        return Sex(value) if value else None

    def set_sex(self, sex: Sex | None) -> None:
        self.setCurrentIndex(self.findData(sex.value) if sex else 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _row_label(text: str = "") -> QLabel:
    lbl = QLabel(text)
    lbl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    lbl.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    return lbl


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


# ---- documents and languages -------------------------------------------------------------------


@dataclass
class _DocRow:
    id: uuid.UUID | None
    doc_type: RefCombo
    number: QLineEdit
    issuer: QLineEdit
    issue_date: DateField
    expiry_date: DateField
    remove: QPushButton

    def widgets(self) -> dict[str, QWidget]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "issue_date": self.issue_date,
            "expiry_date": self.expiry_date,
        }

    def is_empty(self) -> bool:
        return not (
            self.number.text().strip()
            or self.issuer.text().strip()
            or self.issue_date.value()
            or self.expiry_date.value()
        )

    def value(self) -> DocumentInput:
        return DocumentInput(
            doc_type=self.doc_type.code() or "",
            number=self.number.text(),
            issuer=self.issuer.text(),
            issue_date=self.issue_date.value(),
            expiry_date=self.expiry_date.value(),
            id=self.id,
        )


@dataclass
class _LangRow:
    id: uuid.UUID | None
    language: RefCombo
    level: RefCombo
    remove: QPushButton

    def widgets(self) -> dict[str, QWidget]:
        return {"language": self.language, "level": self.level}

    def is_empty(self) -> bool:
        return not (self.language.code() or self.level.code())

    def value(self) -> LanguageInput:
        return LanguageInput(self.language.code() or "", self.level.code() or "", self.id)


class _RowsTable(Retranslatable, QWidget):
    """A small table of editable rows (cell widgets) with "Add" below and "Remove" in each row.

    Empty rows are left out of ``values()``; the row a value came from is remembered so that a
    problem on ``documents[1].number`` marks the right cell."""

    edited = Signal()
    rows_changed = Signal()
    columns: tuple[str, ...] = ()
    add_text = ""

    def __init__(self, ref: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.rows: list[Any] = []
        self._value_rows: list[Any] = []
        self.table = QTableWidget(0, len(self.columns) + 1)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Tab goes from cell widget to cell widget in the form's order, not from cell to cell.
        self.table.setTabKeyNavigation(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self._add_clicked())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)

    def _add_clicked(self) -> None:
        row = self.add_row()
        first = next(iter(row.widgets().values()))
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def add_row(self, value: Any = None) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _place(self, row: Any) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, w in enumerate(row.widgets().values()):
            self.table.setCellWidget(r, c, w)
        self.table.setCellWidget(r, len(self.columns), row.remove)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._fit()
        self.rows_changed.emit()

    def remove_row(self, row: Any) -> None:
        if row not in self.rows:
            return
        r = self.rows.index(row)
        self.rows.pop(r)
        self.table.removeRow(r)
        self._fit()
        self.rows_changed.emit()
        self.edited.emit()

    def clear_rows(self) -> None:
        self.rows.clear()
        self.table.setRowCount(0)
        self._fit()
        self.rows_changed.emit()

    def tab_chain(self) -> list[QWidget]:
        """The row widgets in reading order, then "Add"."""
        out: list[QWidget] = []
        for row in self.rows:
            out += [*row.widgets().values(), row.remove]
        return [*out, self.add_button]

    def _fit(self) -> None:
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader().height()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(header + max(rows, 8) + 2 * self.table.frameWidth() + 2)

    def values(self) -> list[Any]:
        self._value_rows = [r for r in self.rows if not r.is_empty()]
        return [r.value() for r in self._value_rows]

    def forget_values(self) -> None:
        """The rows changed since ``values()``: map indexes to the current non-empty rows."""
        self._value_rows = []

    def widget_for(self, index: int, name: str) -> QWidget | None:
        rows = self._value_rows if self._value_rows else [r for r in self.rows if not r.is_empty()]
        if 0 <= index < len(rows):
            return rows[index].widgets().get(name)  # type: ignore[no-any-return]
        return None

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([label(c) for c in self.columns] + [""])
        self.add_button.setText(_(self.add_text))
        for row in self.rows:
            row.remove.setText(_("Remove"))
            row.remove.setToolTip(_("Remove this row"))

    def _remove_button(self) -> QPushButton:
        b = QPushButton(_("Remove"))
        b.setAutoDefault(False)
        b.setToolTip(_("Remove this row"))
        return b


class DocumentsTable(_RowsTable):
    columns = ("doc_type", "number", "issuer", "issue_date", "expiry_date")
    add_text = N_("Add a document")
    numbers_changed = Signal()

    def __init__(self, ref: Any, parent: QWidget | None = None) -> None:
        super().__init__(ref, parent)
        h = self.table.horizontalHeader()
        # The type's names are the longest ("Паспорт иностранного государства"): it gets the room.
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3, 4, 5):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.retranslate()
        self._fit()

    def add_row(self, value: Any = None) -> _DocRow:
        doc: DocumentInput | None = value
        row = _DocRow(
            id=doc.id if doc else None,
            doc_type=RefCombo(self.ref, "document_type"),
            number=QLineEdit(),
            issuer=QLineEdit(),
            issue_date=DateField(),
            expiry_date=DateField(),
            remove=self._remove_button(),
        )
        row.doc_type.setMinimumContentsLength(12)
        row.number.setMinimumWidth(110)
        row.issuer.setMinimumWidth(130)
        if doc is not None:
            row.doc_type.set_code(doc.doc_type)
            row.number.setText(doc.number)
            row.issuer.setText(doc.issuer)
            row.issue_date.set_value(doc.issue_date)
            row.expiry_date.set_value(doc.expiry_date)
        elif not self.rows:
            row.doc_type.set_code("foreign_passport")
        row.doc_type.currentIndexChanged.connect(lambda _i: self.edited.emit())
        row.number.textChanged.connect(lambda _t: self.edited.emit())
        row.number.textChanged.connect(lambda _t: self.numbers_changed.emit())
        row.issuer.textChanged.connect(lambda _t: self.edited.emit())
        row.issue_date.date_changed.connect(self.edited.emit)
        row.expiry_date.date_changed.connect(self.edited.emit)
        self._place(row)
        return row

    def set_values(self, docs: Iterable[DocumentInput]) -> None:
        self.clear_rows()
        for d in docs:
            self.add_row(d)
        self._value_rows = []


class LanguagesTable(_RowsTable):
    columns = ("language", "level")
    add_text = N_("Add a language")

    def __init__(self, ref: Any, parent: QWidget | None = None) -> None:
        super().__init__(ref, parent)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.retranslate()
        self._fit()

    def add_row(self, value: Any = None) -> _LangRow:
        lang: LanguageInput | None = value
        row = _LangRow(
            id=lang.id if lang else None,
            language=RefCombo(self.ref, "language"),
            level=RefCombo(self.ref, "language_level"),
            remove=self._remove_button(),
        )
        if lang is not None:
            row.language.set_code(lang.language)
            row.level.set_code(lang.level)
        row.language.currentIndexChanged.connect(lambda _i: self.edited.emit())
        row.level.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self._place(row)
        return row

    def set_values(self, langs: Iterable[LanguageInput]) -> None:
        self.clear_rows()
        for lang in langs:
            self.add_row(lang)
        self._value_rows = []


# ---- one person ----------------------------------------------------------------------------------

_NAME_FIELDS = ("surname", "given_name", "patronymic")
_LATIN_FIELDS = ("surname_latin", "given_name_latin", "patronymic_latin")


class MemberEditor(Retranslatable, QWidget):
    """Every field of a person, in the order of the paper intake form.

    ``identity_changed`` is emitted when something the duplicate check looks at changes (names,
    date of birth, IIN, document numbers); ``edited`` on any change."""

    edited = Signal()
    identity_changed = Signal()

    def __init__(self, ref: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.person_id: uuid.UUID | None = None
        self.version: int | None = None
        self.is_head = False
        self._loading = False
        self._touched: set[str] = set()
        self._live: dict[str, list[Problem]] = {}
        self._server: dict[str, list[Problem]] = {}

        self.surname = QLineEdit()
        self.given_name = QLineEdit()
        self.patronymic = QLineEdit()
        self.surname_latin = QLineEdit()
        self.given_name_latin = QLineEdit()
        self.patronymic_latin = QLineEdit()
        self.sex = SexCombo()
        self.birth_date = DateField()
        self.iin = QLineEdit()
        self.iin.setMaxLength(12)
        self.iin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        self.iin.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.iin_hint = QLabel()
        self.iin_hint.setWordWrap(True)
        self.relation = RefCombo(ref, "relation")
        self.citizenship = RefCombo(ref, "country", optional=True)
        self.ethnic_kazakh = QCheckBox()
        self.ethnic_kazakh.setChecked(True)
        self.education = RefCombo(ref, "education_level", optional=True)
        self.profession = RefCombo(ref, "profession", optional=True)
        self.disability = RefCombo(ref, "disability", optional=True)
        self.phone = QLineEdit()
        self.documents = DocumentsTable(ref)
        self.languages = LanguagesTable(ref)
        for combo in (
            self.relation,
            self.citizenship,
            self.education,
            self.profession,
            self.disability,
        ):
            combo.setMinimumContentsLength(12)

        self.fields: dict[str, QWidget] = {
            "surname": self.surname,
            "given_name": self.given_name,
            "patronymic": self.patronymic,
            "surname_latin": self.surname_latin,
            "given_name_latin": self.given_name_latin,
            "patronymic_latin": self.patronymic_latin,
            "sex": self.sex,
            "birth_date": self.birth_date,
            "iin": self.iin,
            "relation": self.relation,
            "citizenship": self.citizenship,
            "ethnic_kazakh": self.ethnic_kazakh,
            "education": self.education,
            "profession": self.profession,
            "disability": self.disability,
            "phone": self.phone,
        }
        self.labels: dict[str, QLabel] = {}
        self._build()
        self._connect()
        self.installEventFilter(EnterMovesFocus(self))
        self.retranslate()
        self._update_iin_hint()

    # -- layout

    def _build(self) -> None:
        self.names_box = QGroupBox()
        grid = QGridLayout(self.names_box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.cyrillic_header = QLabel()
        self.latin_header = QLabel()
        for h in (self.cyrillic_header, self.latin_header):
            h.setWordWrap(True)
            f = h.font()
            f.setBold(True)
            h.setFont(f)
        grid.addWidget(self.cyrillic_header, 0, 1)
        grid.addWidget(self.latin_header, 0, 2)
        for r, (cyr, lat) in enumerate(zip(_NAME_FIELDS, _LATIN_FIELDS, strict=True), start=1):
            lbl = _row_label()
            lbl.setBuddy(self.fields[cyr])
            self.labels[cyr] = lbl
            grid.addWidget(lbl, r, 0)
            grid.addWidget(self.fields[cyr], r, 1)
            grid.addWidget(self.fields[lat], r, 2)

        self.details_box = QGroupBox()
        left, right = _form(), _form()
        for name in ("sex", "birth_date", "iin"):
            self._add_row(left, name)
        left.addRow("", self.iin_hint)
        for name in ("relation", "citizenship"):
            self._add_row(left, name)
        for name in ("ethnic_kazakh", "education", "profession", "disability", "phone"):
            self._add_row(right, name)
        cols = QHBoxLayout(self.details_box)
        cols.addLayout(left, 1)
        cols.addSpacing(12)
        cols.addLayout(right, 1)

        self.documents_box = QGroupBox()
        QVBoxLayout(self.documents_box).addWidget(self.documents)
        self.languages_box = QGroupBox()
        QVBoxLayout(self.languages_box).addWidget(self.languages)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.names_box)
        lay.addWidget(self.details_box)
        lay.addWidget(self.documents_box)
        lay.addWidget(self.languages_box)
        lay.addStretch(1)

        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        """Tab (and Enter) follow the paper form: Cyrillic names, passport names, the details,
        then each document and language row. Rows come and go, so this runs again each time."""
        order: list[QWidget] = [self.fields[n] for n in (*_NAME_FIELDS, *_LATIN_FIELDS)]
        order += [
            self.fields[n]
            for n in (
                "sex",
                "birth_date",
                "iin",
                "relation",
                "citizenship",
                "ethnic_kazakh",
                "education",
                "profession",
                "disability",
                "phone",
            )
        ]
        order += self.documents.tab_chain() + self.languages.tab_chain()
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)

    def _add_row(self, form: QFormLayout, name: str) -> None:
        lbl = _row_label()
        lbl.setBuddy(self.fields[name])
        self.labels[name] = lbl
        form.addRow(lbl, self.fields[name])

    def _connect(self) -> None:
        for name in (*_NAME_FIELDS, *_LATIN_FIELDS):
            w = self.fields[name]
            assert isinstance(w, QLineEdit)
            w.textChanged.connect(lambda _t, n=name: self._changed(n, identity=True))
            w.editingFinished.connect(lambda n=name: self._touch(n))
        self.sex.currentIndexChanged.connect(lambda _i: self._changed("sex"))
        self.birth_date.date_changed.connect(lambda: self._changed("birth_date", identity=True))
        self.birth_date.editingFinished.connect(lambda: self._touch("birth_date"))
        self.iin.textChanged.connect(lambda _t: self._changed("iin", identity=True))
        self.iin.editingFinished.connect(lambda: self._touch("iin"))
        for name in ("relation", "citizenship", "education", "profession", "disability"):
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._changed(n))
        self.ethnic_kazakh.toggled.connect(lambda _c: self._changed("ethnic_kazakh"))
        self.phone.textChanged.connect(lambda _t: self._changed("phone"))
        self.documents.edited.connect(lambda: self._changed("documents"))
        self.documents.numbers_changed.connect(self._identity_changed)
        self.documents.rows_changed.connect(self._fix_tab_order)
        self.languages.rows_changed.connect(self._fix_tab_order)
        self.languages.edited.connect(lambda: self._changed("languages"))

    # -- labels

    def retranslate(self) -> None:
        self.names_box.setTitle(_("Name"))
        self.cyrillic_header.setText(_("In Kazakh (Cyrillic)"))
        self.latin_header.setText(_("As in the foreign passport (Latin)"))
        for name, lbl in self.labels.items():
            lbl.setText(label(name))
        self.surname_latin.setPlaceholderText(label("surname_latin"))
        self.given_name_latin.setPlaceholderText(label("given_name_latin"))
        self.patronymic_latin.setPlaceholderText(label("patronymic_latin"))
        self.surname.setAccessibleName(label("surname"))
        self.given_name.setAccessibleName(label("given_name"))
        self.patronymic.setAccessibleName(label("patronymic"))
        for name in _LATIN_FIELDS:
            self.fields[name].setAccessibleName(label(name))
        self.ethnic_kazakh.setText(_("Yes"))
        self.iin.setPlaceholderText(_("12 digits"))
        self.phone.setPlaceholderText("+7 701 234 56 78")
        self.details_box.setTitle(_("Personal details"))
        self.documents_box.setTitle(label("documents"))
        self.languages_box.setTitle(label("languages"))
        self._render_all()

    # -- values

    def to_input(self) -> PersonInput:
        return PersonInput(
            surname=self.surname.text(),
            given_name=self.given_name.text(),
            sex=self.sex.sex(),
            birth_date=self.birth_date.value(),
            relation=self.relation.code() or "",
            patronymic=self.patronymic.text(),
            surname_latin=self.surname_latin.text(),
            given_name_latin=self.given_name_latin.text(),
            patronymic_latin=self.patronymic_latin.text(),
            iin=self.iin.text().strip() or None,
            citizenship=self.citizenship.code(),
            ethnic_kazakh=self.ethnic_kazakh.isChecked(),
            education=self.education.code(),
            profession=self.profession.code(),
            disability=self.disability.code(),
            phone=self.phone.text(),
            is_head=self.is_head,
            documents=self.documents.values(),
            languages=self.languages.values(),
        )

    def set_input(self, p: PersonInput) -> None:
        """Fill the form (without as-you-type complaints about what was loaded)."""
        self._loading = True
        try:
            for name in (*_NAME_FIELDS, *_LATIN_FIELDS):
                w = self.fields[name]
                assert isinstance(w, QLineEdit)
                w.setText(getattr(p, name))
            self.sex.set_sex(p.sex)
            self.birth_date.set_value(p.birth_date)
            self.iin.setText(p.iin or "")
            self.relation.set_code(p.relation or None)
            self.citizenship.set_code(p.citizenship)
            self.ethnic_kazakh.setChecked(p.ethnic_kazakh)
            self.education.set_code(p.education)
            self.profession.set_code(p.profession)
            self.disability.set_code(p.disability)
            self.phone.setText(p.phone)
            self.is_head = p.is_head
            self.documents.set_values(p.documents)
            self.languages.set_values(p.languages)
        finally:
            self._loading = False
        self._live.clear()
        self._server.clear()
        self._touched.clear()
        self._check_iin(fill=False)
        self._render_all()

    def load(self, person: PersonData) -> None:
        self.person_id = person.id
        self.version = person.version
        self.set_input(person.to_input())

    def display_name(self) -> str:
        return " ".join(
            t for t in (self.surname.text().strip(), self.given_name.text().strip()) if t
        ) or " ".join(
            t
            for t in (self.surname_latin.text().strip(), self.given_name_latin.text().strip())
            if t
        )

    def has_input(self) -> bool:
        return bool(
            self.display_name()
            or self.iin.text().strip()
            or self.birth_date.value()
            or any(not r.is_empty() for r in self.documents.rows)
        )

    # -- problems

    def show_problems(self, problems: Iterable[Problem], prefix: str = "") -> None:
        """Show the service's problems for this person: those whose path starts with ``prefix``
        (``members[2].`` in a family, ``""`` alone), on their fields and in a list below."""
        self._server.clear()
        for p in problems:
            if p.field.startswith(prefix):
                self._server.setdefault(p.field[len(prefix) :], []).append(p)
        self._render_all()

    def problems(self) -> list[Problem]:
        """Every problem shown now, as-you-type and from the last save."""
        out: list[Problem] = []
        for d in (self._live, self._server):
            for ps in d.values():
                out += ps
        return out

    def widget_for(self, path: str) -> QWidget | None:
        """The input widget of a relative field path (``iin``, ``documents[1].number``)."""
        if path in self.fields:
            return self.fields[path]
        m = re.match(r"^(documents|languages)\[(\d+)\]\.(\w+)$", path)
        if m:
            table = self.documents if m.group(1) == "documents" else self.languages
            return table.widget_for(int(m.group(2)), m.group(3))
        if path in ("documents", "languages"):
            return self.documents if path == "documents" else self.languages
        return None

    def focus_field(self, path: str) -> None:
        w = self.widget_for(path)
        if w is not None:
            w.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_problem_path(self) -> str | None:
        order = list(self.fields)
        paths = [p for p, ps in {**self._live, **self._server}.items() if ps]
        if not paths:
            return None
        return min(paths, key=lambda p: order.index(p) if p in order else len(order))

    def _inputs(self) -> list[QWidget]:
        out = list(self.fields.values())
        for table in (self.documents, self.languages):
            for row in table.rows:
                out += row.widgets().values()
        return out

    def _render_all(self) -> None:
        """Mark every input with its problems (as-you-type and from the service), translated
        now; clear the marks of the others. Only widgets whose message changed are restyled."""
        messages: dict[int, list[str]] = {}
        for path, problems in (*self._live.items(), *self._server.items()):
            w = self.widget_for(path)
            if w is not None:
                messages.setdefault(id(w), []).extend(p.message() for p in problems)
        for w in self._inputs():
            text = "\n".join(dict.fromkeys(messages.get(id(w), [])))  # each message once
            if (w.property("error") or "") != text:
                mark_error(w, text or None)
        self._update_iin_hint()

    def _set_live(self, path: str, problems: list[Problem]) -> None:
        if problems:
            self._live[path] = problems
        else:
            self._live.pop(path, None)
        self._render_all()

    # -- as you type

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._validate(name)

    def _changed(self, name: str, *, identity: bool = False) -> None:
        if self._loading:
            return
        # What the service said about this field no longer applies to what is typed now.
        stale = [p for p in self._server if p == name or p.startswith(name + "[")]
        for p in stale:
            self._server.pop(p, None)
        if stale:
            self._render_all()
        self._validate(name)
        if name == "birth_date" or name == "sex":
            self._check_iin(fill=False)
        self.edited.emit()
        if identity:
            self._identity_changed()

    def _identity_changed(self) -> None:
        if not self._loading:
            self.identity_changed.emit()

    def _validate(self, name: str) -> None:
        if name in ("surname", "given_name") or name in ("patronymic", *_LATIN_FIELDS):
            w = self.fields[name]
            assert isinstance(w, QLineEdit)
            value = w.text().strip()
            found: list[Problem] = []
            if name in ("surname", "given_name") and not value and name in self._touched:
                found.append(Problem(name, MSG_REQUIRED))
            elif name in _LATIN_FIELDS and _CYRILLIC_RE.search(value):
                found.append(Problem(name, MSG_LATIN))
            elif _DIGIT_RE.search(value):
                found.append(Problem(name, MSG_NAME_LETTERS))
            self._set_live(name, found)
        elif name == "birth_date":
            d = self.birth_date.value()
            found = []
            if d is not None and d > dt.date.today():
                found.append(Problem(name, MSG_BIRTH_FUTURE))
            elif d is not None and d < EARLIEST_BIRTH:
                found.append(Problem(name, MSG_BIRTH_EARLY))
            self._set_live(name, found)
        elif name == "iin":
            self._check_iin(fill=True)
        elif name == "documents":
            self._validate_documents()

    def _validate_documents(self) -> None:
        for key in [k for k in self._live if k.startswith("documents[")]:
            self._live.pop(key)
        today = dt.date.today()
        for j, row in enumerate([r for r in self.documents.rows if not r.is_empty()]):
            issue, expiry = row.issue_date.value(), row.expiry_date.value()
            if issue and issue > today:
                self._live[f"documents[{j}].issue_date"] = [
                    Problem(f"documents[{j}].issue_date", MSG_ISSUE_FUTURE)
                ]
            if issue and expiry and expiry < issue:
                self._live[f"documents[{j}].expiry_date"] = [
                    Problem(f"documents[{j}].expiry_date", MSG_EXPIRES_BEFORE)
                ]
        self.documents.forget_values()
        self._render_all()

    def _check_iin(self, *, fill: bool) -> None:
        """The IIN's check digit as it is typed; a valid IIN fills an empty birth date and sex, or
        says that they disagree with it."""
        text = self.iin.text().strip()
        found: list[Problem] = []
        if text:
            if len(text) < 12:
                if "iin" in self._touched:
                    found.append(Problem("iin", IIN_MESSAGES[IdError.FORMAT]))
            else:
                try:
                    info = parse_iin(text)
                except IinInvalid as exc:
                    found.append(Problem("iin", IIN_MESSAGES[exc.code]))
                else:
                    if fill and not self._loading:
                        if self.birth_date.value() is None:
                            self.birth_date.set_value(info.birth_date)
                        if self.sex.sex() is None:
                            self.sex.set_sex(info.sex)
                    birth = self.birth_date.value()
                    if birth is not None and birth != info.birth_date:
                        found.append(
                            Problem("iin", MSG_IIN_DATE, {"date": short_date(info.birth_date)})
                        )
                    sex = self.sex.sex()
                    if sex is not None and sex != info.sex:
                        found.append(Problem("iin", MSG_IIN_SEX))
        self._set_live("iin", found)
        self._update_iin_hint()

    def _update_iin_hint(self) -> None:
        msgs = [p.message() for p in self._live.get("iin", []) + self._server.get("iin", [])]
        if msgs:
            self.iin_hint.setText("\n".join(msgs))
            self.iin_hint.setStyleSheet("color: #c62828;")
            self.iin_hint.setVisible(True)
            return
        self.iin_hint.setStyleSheet("color: palette(mid);")
        text = self.iin.text().strip()
        info = None
        if len(text) == 12:
            try:
                info = parse_iin(text)
            except IinInvalid:
                info = None
        if info is not None:
            self.iin_hint.setText(
                _("The IIN is valid: born {date}, {sex}.").format(
                    date=short_date(info.birth_date), sex=_(SEX_LABELS[info.sex])
                )
            )
            self.iin_hint.setVisible(True)
        else:
            self.iin_hint.setText(
                _("Optional at arrival; the birth date and sex are read from it.")
            )
            self.iin_hint.setVisible(True)


# ---- the family's own fields ---------------------------------------------------------------------


class HouseholdForm(Retranslatable, QWidget):
    """Arrival date, countries, intended region, address, phone, notes."""

    edited = Signal()

    def __init__(self, ref: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arrival_date = DateField()
        self.arrival_date.set_value(dt.date.today())
        self.origin_country = RefCombo(ref, "country")
        self.previous_country = RefCombo(ref, "country", optional=True)
        self.settlement_region = RefCombo(ref, "region", optional=True, on=dt.date.today())
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.fields: dict[str, QWidget] = {
            "arrival_date": self.arrival_date,
            "origin_country": self.origin_country,
            "previous_country": self.previous_country,
            "settlement_region": self.settlement_region,
            "address": self.address,
            "phone": self.phone,
            "notes": self.notes,
        }
        self.labels: dict[str, QLabel] = {}
        self._problems: dict[str, list[Problem]] = {}
        left, right = _form(), _form()
        for name in ("arrival_date", "origin_country", "previous_country", "settlement_region"):
            self._add_row(left, name)
        for name in ("address", "phone", "notes"):
            self._add_row(right, name)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(left, 1)
        lay.addSpacing(12)
        lay.addLayout(right, 1)
        order = list(self.fields.values())
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)

        self.arrival_date.date_changed.connect(self._arrival_changed)
        for name in ("origin_country", "previous_country", "settlement_region"):
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._changed(n))
        self.address.textChanged.connect(lambda _t: self._changed("address"))
        self.phone.textChanged.connect(lambda _t: self._changed("phone"))
        self.notes.textChanged.connect(lambda: self._changed("notes"))
        self.installEventFilter(EnterMovesFocus(self))
        self.retranslate()

    def _add_row(self, form: QFormLayout, name: str) -> None:
        lbl = _row_label()
        lbl.setBuddy(self.fields[name])
        self.labels[name] = lbl
        form.addRow(lbl, self.fields[name])

    def retranslate(self) -> None:
        for name, lbl in self.labels.items():
            lbl.setText(label(name))
        self.phone.setPlaceholderText("+7 701 234 56 78")
        self._render()

    def _arrival_changed(self) -> None:
        # Regions are looked up on the arrival date (Abai, Zhetysu, Ulytau exist from 8 June 2022).
        day = self.arrival_date.value()
        self.settlement_region.on = day
        self.settlement_region.reload()
        self._changed("arrival_date")

    def _changed(self, name: str) -> None:
        if self._problems.pop(name, None):
            self._render()
        self.edited.emit()

    def to_input(self, members: list[PersonInput] | None = None) -> HouseholdInput:
        return HouseholdInput(
            arrival_date=self.arrival_date.value(),
            origin_country=self.origin_country.code(),
            members=members or [],
            previous_country=self.previous_country.code(),
            settlement_region=self.settlement_region.code(),
            address=self.address.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )

    def load(self, hh: HouseholdData) -> None:
        self.arrival_date.set_value(hh.arrival_date)
        self.origin_country.set_code(hh.origin_country)
        self.previous_country.set_code(hh.previous_country)
        self.settlement_region.set_code(hh.settlement_region)
        self.address.setText(hh.address)
        self.phone.setText(hh.phone)
        self.notes.setPlainText(hh.notes)
        self._problems.clear()
        self._render()

    def has_input(self) -> bool:
        return bool(
            self.origin_country.code()
            or self.address.text().strip()
            or self.phone.text().strip()
            or self.notes.toPlainText().strip()
        )

    def show_problems(self, problems: Iterable[Problem]) -> None:
        self._problems = {}
        for p in problems:
            if p.field in self.fields:
                self._problems.setdefault(p.field, []).append(p)
        self._render()

    def _render(self) -> None:
        for name, w in self.fields.items():
            msgs = [p.message() for p in self._problems.get(name, [])]
            mark_error(w, "\n".join(msgs) if msgs else None)


# ---- the duplicates panel ------------------------------------------------------------------------


class DuplicatesPanel(Retranslatable, QWidget):
    """Likely duplicates of the person being entered: score, reasons, "Open", and the worker's
    decision "This is a new person". Shows; never decides."""

    open_person = Signal(object)
    confirm_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches: list[DuplicateMatch] | None = None
        self.checking = False
        self.needs_input = True
        self.decision_required = False
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.title.setFont(f)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.request = QLabel()
        self.request.setWordWrap(True)
        self.request.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.request.setVisible(False)
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.cards)
        self.confirm = QCheckBox()
        self.confirm.setVisible(False)
        self.confirm.toggled.connect(self.confirm_toggled.emit)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.status)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.request)
        # Not stretched: a click beside the text would otherwise miss the box.
        lay.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignLeft)
        self.open_buttons: list[QPushButton] = []
        self.retranslate()

    def set_state(
        self,
        matches: list[DuplicateMatch] | None,
        *,
        checking: bool = False,
        needs_input: bool = False,
        confirmed: bool = False,
        decision_required: bool = False,
    ) -> None:
        self.matches = matches
        self.checking = checking
        self.needs_input = needs_input
        self.decision_required = decision_required
        self.confirm.blockSignals(True)
        self.confirm.setChecked(confirmed)
        self.confirm.blockSignals(False)
        self._rebuild()

    def retranslate(self) -> None:
        self.title.setText(_("Possible duplicates"))
        self.confirm.setText(_("This is a new person"))
        self.confirm.setToolTip(
            _("Tick this after comparing: the person is not one of those listed above.")
        )
        self._rebuild()

    def _rebuild(self) -> None:
        while self.cards_layout.count() > 1:
            item = self.cards_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.open_buttons = []
        matches = self.matches or []
        if self.checking:
            self.status.setText(_("Looking for people already registered…"))
        elif self.needs_input:
            self.status.setText(
                _(
                    "Enter the date of birth, the IIN or a document number: people already "
                    "registered with them are shown here."
                )
            )
        elif self.matches is None:
            self.status.setText("")
        elif not matches:
            self.status.setText(_("No similar people are registered."))
        else:
            self.status.setText(
                ngettext(
                    "{n} person already registered may be the same person. Compare before saving.",
                    "{n} people already registered may be the same person. Compare before saving.",
                    len(matches),
                ).format(n=len(matches))
            )
        for i, m in enumerate(matches):
            self.cards_layout.insertWidget(i, self._card(m))
        self.confirm.setVisible(bool(matches))
        self.request.setVisible(bool(matches) and self.decision_required)
        self.request.setText(
            _(
                "Saving waits for your decision: open the people listed to compare, and if this "
                "is someone else, tick “This is a new person” and save again."
            )
        )

    def _card(self, m: DuplicateMatch) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        name = QLabel(m.full_name)
        f = name.font()
        f.setBold(True)
        name.setFont(f)
        name.setWordWrap(True)
        score = QLabel(format_percent(m.score, locale=current_language()))
        score.setFont(f)
        score.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        score.setToolTip(_("How sure the match is"))
        lines = []
        if m.latin_name:
            lines.append(m.latin_name)
        lines.append(f"{label('birth_date')}: {short_date(m.birth_date)}")
        if m.iin:
            lines.append(f"{label('iin')}: {m.iin}")
        lines.append(
            _("Person No. {num}, family No. {family}").format(num=m.num, family=m.household_num)
        )
        details = QLabel("\n".join(lines))
        details.setWordWrap(True)
        reasons = QLabel("\n".join("• " + _(r) for r in m.reasons))
        reasons.setWordWrap(True)
        reasons.setStyleSheet("color: #8a4b00;")
        open_button = QPushButton(_("Open"))
        open_button.setAutoDefault(False)
        open_button.setToolTip(_("Open this person's family card"))
        open_button.clicked.connect(lambda: self.open_person.emit(m.person_id))
        self.open_buttons.append(open_button)
        grid.addWidget(name, 0, 0)
        grid.addWidget(score, 0, 1)
        grid.addWidget(details, 1, 0, 1, 2)
        grid.addWidget(reasons, 2, 0, 1, 2)
        grid.addWidget(open_button, 3, 1)
        grid.setColumnStretch(0, 1)
        return box

    def text(self) -> str:
        """Everything the panel shows, as plain text (for tests and accessibility)."""
        parts = [self.status.text()]
        for lbl in self.cards.findChildren(QLabel):
            parts.append(lbl.text())
        return "\n".join(parts)


# ---- the common parts of the dialogs -------------------------------------------------------------


class _FormDialog(Retranslatable, QDialog):
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
        self.problems_view.setStyleSheet("color: #c62828;")
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
        self.message.setStyleSheet("color: #8a4b00;" if warning else "")
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


# ---- registering a family ------------------------------------------------------------------------


@dataclass(eq=False)
class _Member:
    editor: MemberEditor
    matches: list[DuplicateMatch] | None = None
    checked_key: tuple[object, ...] | None = None
    confirmed_new: bool = False
    checking: bool = False
    decision_required: bool = False
    requests: int = 0
    problems: list[Problem] = field(default_factory=list)


class IntakeDialog(_FormDialog):
    """Registering a family: the family's fields, its members (one of them the head), each
    member's form, and the duplicates of the member being entered, checked as the worker types."""

    open_person = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.resize(1320, 860)
        self.members: list[_Member] = []
        self.head_index = 0
        self._may_retry = False
        self._pending: set[_Member] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._check_pending)

        self.household_box = QGroupBox()
        self.household = HouseholdForm(ctx.ref)
        QVBoxLayout(self.household_box).addWidget(self.household)

        self.members_box = QGroupBox()
        self.members_list = QListWidget()
        self.members_list.setWordWrap(True)
        self.members_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.members_list.currentRowChanged.connect(self._member_selected)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.head_button = QPushButton()
        for b in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.head_button,
        ):
            b.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self._remove_clicked)
        self.up_button.clicked.connect(lambda: self.move_member(-1))
        self.down_button.clicked.connect(lambda: self.move_member(1))
        self.head_button.clicked.connect(lambda: self.set_head(self.members_list.currentRow()))
        ml = QVBoxLayout(self.members_box)
        ml.addWidget(self.members_list, 1)
        grid = QGridLayout()
        grid.addWidget(self.add_button, 0, 0)
        grid.addWidget(self.remove_button, 0, 1)
        grid.addWidget(self.up_button, 1, 0)
        grid.addWidget(self.down_button, 1, 1)
        grid.addWidget(self.head_button, 2, 0, 1, 2)
        ml.addLayout(grid)

        self.stack = QStackedWidget()
        self.editor_scroll = QScrollArea()
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editor_scroll.setWidget(self.stack)
        self.member_box = QGroupBox()
        QVBoxLayout(self.member_box).addWidget(self.editor_scroll)

        self.duplicates_box = QGroupBox()
        self.duplicates = DuplicatesPanel()
        self.duplicates.open_person.connect(self.open_person.emit)
        self.duplicates.confirm_toggled.connect(self._confirm_toggled)
        QVBoxLayout(self.duplicates_box).addWidget(self.duplicates)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.members_box)
        splitter.addWidget(self.member_box)
        splitter.addWidget(self.duplicates_box)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([240, 780, 300])
        self.splitter = splitter

        lay = QVBoxLayout(self)
        lay.addWidget(self.household_box)
        lay.addWidget(splitter, 1)
        lay.addLayout(self._footer())

        self.add_member()
        self.retranslate()
        self.remember_initial()

    # -- members

    def editors(self) -> list[MemberEditor]:
        return [m.editor for m in self.members]

    def current_index(self) -> int:
        return self.members_list.currentRow()

    def current_editor(self) -> MemberEditor:
        return self.members[max(self.current_index(), 0)].editor

    def add_member(self) -> MemberEditor:
        editor = MemberEditor(self.ctx.ref, self.stack)
        member = _Member(editor)
        if not self.members:
            editor.is_head = True
            editor.relation.set_code("head")
        editor.documents.add_row()
        self.stack.addWidget(editor)
        self.members.append(member)
        editor.edited.connect(lambda m=member: self._member_edited(m))
        editor.identity_changed.connect(lambda m=member: self._identity_changed(m))
        editor.documents.rows_changed.connect(self._fix_tab_tail)
        editor.languages.rows_changed.connect(self._fix_tab_tail)
        self._refresh_list(select=len(self.members) - 1)
        editor.surname.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def _remove_clicked(self) -> None:
        i = self.current_index()
        if not 0 <= i < len(self.members) or len(self.members) < 2:
            return
        editor = self.members[i].editor
        if editor.has_input():
            answer = QMessageBox.question(
                self,
                _("Oralman Desk"),
                _("Remove {name} from the family? What you entered for them will be lost.").format(
                    name=editor.display_name() or _("this member")
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remove_member(i)

    def remove_member(self, index: int) -> None:
        if len(self.members) < 2:
            return
        member = self.members.pop(index)
        self._pending.discard(member)
        self.stack.removeWidget(member.editor)
        member.editor.deleteLater()
        if self.head_index == index:
            self.head_index = -1
            self.set_head(0)
        elif self.head_index > index:
            self.head_index -= 1
        self._refresh_list(select=min(index, len(self.members) - 1))

    def move_member(self, step: int) -> None:
        i = self.current_index()
        j = i + step
        if not (0 <= i < len(self.members) and 0 <= j < len(self.members)):
            return
        self.members[i], self.members[j] = self.members[j], self.members[i]
        if self.head_index in (i, j):
            self.head_index = j if self.head_index == i else i
        self._refresh_list(select=j)

    def set_head(self, index: int) -> None:
        """Mark one member as the head of the family (exactly one is)."""
        if not 0 <= index < len(self.members):
            return
        old = self.head_index
        for k, m in enumerate(self.members):
            m.editor.is_head = k == index
        self.head_index = index
        new_editor = self.members[index].editor
        if new_editor.relation.code() in (None, "other_relative"):
            new_editor.relation.set_code("head")
        if old != index and 0 <= old < len(self.members):
            old_editor = self.members[old].editor
            if old_editor.relation.code() == "head":
                old_editor.relation.set_code(None)  # the worker says what they are now
        self._refresh_list(select=self.current_index())

    def _refresh_list(self, select: int | None = None) -> None:
        self.members_list.blockSignals(True)
        self.members_list.clear()
        for i, m in enumerate(self.members):
            item = QListWidgetItem(self._member_text(i, m))
            if i == self.head_index:
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
            if m.editor.problems() or m.problems:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.members_list.addItem(item)
        self.members_list.blockSignals(False)
        if select is not None and 0 <= select < len(self.members):
            self.members_list.setCurrentRow(select)
            self._member_selected(select)
        n = len(self.members)
        i = self.current_index()
        self.remove_button.setEnabled(n > 1)
        self.up_button.setEnabled(i > 0)
        self.down_button.setEnabled(0 <= i < n - 1)
        self.head_button.setEnabled(i != self.head_index)

    def _member_text(self, i: int, m: _Member) -> str:
        name = m.editor.display_name() or _("New member")
        text = f"{i + 1}. {name}"
        relation = m.editor.relation.code()
        notes = []
        if i == self.head_index:
            notes.append(_("head of family"))
        elif relation:
            notes.append(self.ctx.ref.name("relation", relation))
        if m.matches and not m.confirmed_new:
            notes.append(_("possible duplicate"))
        elif m.matches and m.confirmed_new:
            notes.append(_("confirmed as new"))
        return "\n    ".join([text, *notes])

    def _update_item(self, m: _Member) -> None:
        if m not in self.members:
            return
        i = self.members.index(m)
        item = self.members_list.item(i)
        if item is not None:
            item.setText(self._member_text(i, m))
            has_problems = bool(m.editor.problems() or m.problems)
            item.setForeground(Qt.GlobalColor.darkRed if has_problems else self.palette().text())

    def _member_selected(self, row: int) -> None:
        if not 0 <= row < len(self.members):
            return
        m = self.members[row]
        self.stack.setCurrentWidget(m.editor)
        self._show_duplicates(m)
        self._fix_tab_tail()
        n = len(self.members)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < n - 1)
        self.head_button.setEnabled(row != self.head_index)
        self.member_box.setTitle(
            _("Member {n}").format(n=row + 1)
            + (f": {m.editor.display_name()}" if m.editor.display_name() else "")
        )

    def _fix_tab_tail(self) -> None:
        editor = self.current_editor()
        QWidget.setTabOrder(editor.languages.add_button, self.duplicates.confirm)
        self.tab_after(self.duplicates.confirm)

    def _member_edited(self, m: _Member) -> None:
        self._update_item(m)
        if m in self.members and self.members.index(m) == self.current_index():
            name = m.editor.display_name()
            self.member_box.setTitle(
                _("Member {n}").format(n=self.current_index() + 1) + (f": {name}" if name else "")
            )

    # -- duplicates, as the worker types

    def _identity_changed(self, m: _Member) -> None:
        self._pending.add(m)
        self._timer.start()

    def _check_pending(self) -> None:
        if not self.isVisible():
            return
        for m in list(self._pending):
            self._pending.discard(m)
            if m in self.members:
                self.check_duplicates(m)

    def check_duplicates(self, m: _Member) -> None:
        inp = m.editor.to_input()
        key = dup_key(inp)
        if not can_look_for_duplicates(inp):
            m.matches, m.checked_key, m.checking = None, None, False
            self._after_duplicates(m)
            return
        if key == m.checked_key and not m.checking:
            return
        m.requests += 1
        request = m.requests
        m.checking = True
        self._after_duplicates(m)
        db, ref = self.ctx.db, self.ctx.ref
        Op(self, lambda: duplicates_for(db, inp, ref=ref)).success(
            lambda found, m=m, request=request, key=key: self._duplicates_found(
                m, request, key, found
            )
        ).failure(lambda exc, m=m: self._duplicates_failed(m, exc)).run()

    def _duplicates_found(
        self, m: _Member, request: int, key: tuple[object, ...], found: list[DuplicateMatch]
    ) -> None:
        if request != m.requests or m not in self.members:
            return  # the worker typed on; a newer check is on its way
        self._set_matches(m, found, key)

    def _duplicates_failed(self, m: _Member, exc: BaseException) -> None:
        # A background check must not pop up a window while the worker types: say it in a line.
        m.checking = False
        self._after_duplicates(m)
        self.set_message(
            lambda: _("The check for duplicates failed: {error}").format(error=exc), warning=True
        )

    def _set_matches(
        self, m: _Member, found: list[DuplicateMatch], key: tuple[object, ...]
    ) -> None:
        before = {d.person_id for d in m.matches or []}
        after = {d.person_id for d in found}
        if after != before or not after:
            m.confirmed_new = False  # a decision is about the people that were shown
            m.decision_required = m.decision_required and bool(after)
        m.matches = found
        m.checked_key = key
        m.checking = False
        self._after_duplicates(m)

    def _after_duplicates(self, m: _Member) -> None:
        self._update_item(m)
        if m in self.members and self.members.index(m) == self.current_index():
            self._show_duplicates(m)

    def _show_duplicates(self, m: _Member) -> None:
        needs_input = not m.checking and m.matches is None
        self.duplicates.set_state(
            m.matches,
            checking=m.checking,
            needs_input=needs_input,
            confirmed=m.confirmed_new,
            decision_required=m.decision_required,
        )

    def _confirm_toggled(self, checked: bool) -> None:
        i = self.current_index()
        if 0 <= i < len(self.members):
            m = self.members[i]
            m.confirmed_new = checked
            if checked:
                m.decision_required = False
            self._show_duplicates(m)
            self._update_item(m)

    def _confirmed_new(self, data: HouseholdInput) -> bool:
        """True only when the worker has seen the current matches of every member and said each
        one with matches is new. Anything out of date: let the service check again."""
        any_matches = False
        for m, p in zip(self.members, data.members, strict=True):
            if m.checked_key != dup_key(p) or m.matches is None:
                return False
            if m.matches:
                any_matches = True
                if not m.confirmed_new:
                    return False
        return any_matches

    # -- saving

    def to_input(self) -> HouseholdInput:
        members = []
        for i, m in enumerate(self.members):
            p = m.editor.to_input()
            p.is_head = i == self.head_index
            members.append(p)
        return self.household.to_input(members)

    def current_input(self) -> object:
        return self.to_input()

    def has_unsaved_input(self) -> bool:
        return self.result_saved is None and (
            self.household.has_input() or any(e.has_input() for e in self.editors())
        )

    def save(self) -> None:
        self._may_retry = True
        data = self.to_input()
        self._register(data, self._confirmed_new(data))

    def _register(self, data: HouseholdInput, confirmed: bool) -> None:
        db, ref = self.ctx.db, self.ctx.ref
        self.run_save(
            lambda: IntakeService(db, ref).register_household(data, confirmed_new=confirmed)
        )

    def done(self, r: int) -> None:
        self._timer.stop()
        self._pending.clear()
        super().done(r)

    def show_problems(self, problems: list[Problem]) -> None:
        self.household.show_problems(problems)
        for i, m in enumerate(self.members):
            prefix = f"members[{i}]."
            m.editor.show_problems(problems, prefix)
            m.problems = [p for p in problems if p.field.startswith(prefix)]
        family = [p for p in problems if p.field in ("head", "members")]
        mark_error(self.members_list, "\n".join(p.message() for p in family) or None)
        for m in self.members:
            self._update_item(m)
        first = next((p for p in problems if _INDEX_RE.match(p.field)), None)
        if first is not None:
            self.go_to_field(first.field)

    def go_to_field(self, path: str) -> None:
        match = _INDEX_RE.match(path)
        if match:
            i = int(match.group(1))
            if 0 <= i < len(self.members):
                self.members_list.setCurrentRow(i)
                editor = self.members[i].editor
                rel = path[match.end() :]
                editor.focus_field(rel)
                w = editor.widget_for(rel)
                if w is not None:
                    self.editor_scroll.ensureWidgetVisible(w)
        elif path in self.household.fields:
            self.household.fields[path].setFocus(Qt.FocusReason.OtherFocusReason)
        elif path in ("head", "members"):
            self.members_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_duplicates(self, exc: DuplicatesFound) -> None:
        data = self.to_input()
        first: int | None = None
        for i, (m, p) in enumerate(zip(self.members, data.members, strict=True)):
            found = exc.matches.get(i, [])
            self._set_matches(m, found, dup_key(p))  # a different set of people undoes "new"
            m.decision_required = bool(found) and not m.confirmed_new
            if found and first is None and not m.confirmed_new:
                first = i
        if first is None and self._may_retry:
            # The worker had already said "new" about exactly these people (the check as they
            # typed had not caught up with the last keystrokes): save with that decision, once.
            self._may_retry = False
            self._register(data, True)
            return
        count = sum(1 for i in exc.matches)
        self.set_message(
            lambda: ngettext(
                "Possible duplicates were found for {n} member: nothing was saved. Compare and "
                "decide before saving.",
                "Possible duplicates were found for {n} members: nothing was saved. Compare and "
                "decide before saving.",
                count,
            ).format(n=count),
            warning=True,
        )
        for m in self.members:
            self._update_item(m)
        if first is not None:
            self.members_list.setCurrentRow(first)
        self._show_duplicates(self.members[max(self.current_index(), 0)])

    # -- labels

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Register a family"))
        self.household_box.setTitle(_("Family"))
        self.members_box.setTitle(label("members"))
        self.duplicates_box.setTitle(_("Already registered?"))
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Up"))
        self.down_button.setText(_("Down"))
        self.head_button.setText(_("Make head of family"))
        self.add_button.setToolTip(_("Add a family member"))
        self.up_button.setToolTip(_("Move the member up the list"))
        self.down_button.setToolTip(_("Move the member down the list"))
        if self.members:
            self._refresh_list(select=max(self.current_index(), 0))


# ---- editing one person --------------------------------------------------------------------------


class EditPersonDialog(_FormDialog):
    """Edit a member's fields; saved with the version it was read at, so that a concurrent edit
    is reported (``ConflictError``) instead of overwritten."""

    def __init__(self, ctx: AppContext, person: PersonData, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.person = person
        self.resize(960, 760)
        self.editor = MemberEditor(ctx.ref)
        self.editor.load(person)
        self.head_box = QCheckBox()
        self.head_box.setChecked(person.is_head)
        self.head_box.setEnabled(not person.is_head)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.editor)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.head_box)
        lay.addLayout(self._footer())
        self.retranslate()
        QWidget.setTabOrder(self.editor.languages.add_button, self.head_box)
        self.tab_after(self.head_box)
        self.remember_initial()

    def current_input(self) -> object:
        p = self.editor.to_input()
        p.is_head = self.head_box.isChecked()
        return p

    def save(self) -> None:
        data = self.current_input()
        assert isinstance(data, PersonInput)
        db, ref, pid, version = self.ctx.db, self.ctx.ref, self.person.id, self.person.version
        self.run_save(lambda: IntakeService(db, ref).update_person(pid, data, version))

    def show_problems(self, problems: list[Problem]) -> None:
        self.editor.show_problems(problems, "")
        first = self.editor.first_problem_path()
        if first:
            self.editor.focus_field(first)

    def go_to_field(self, path: str) -> None:
        self.editor.focus_field(path)

    def retranslate(self) -> None:
        super().retranslate()
        name = self.person.full_name
        self.setWindowTitle(_("Edit family member: {name}").format(name=name))
        self.head_box.setText(_("Head of family"))


class AddMemberDialog(_FormDialog):
    """Add a member to a registered family, with the same duplicate check as registration."""

    open_person = Signal(object)

    def __init__(
        self, ctx: AppContext, household_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.resize(1220, 760)
        self._requests = 0
        self._matches: list[DuplicateMatch] | None = None
        self._checked_key: tuple[object, ...] | None = None
        self._confirmed = False
        self._checking = False
        self._decision_required = False
        self._may_retry = False
        self.editor = MemberEditor(ctx.ref)
        self.editor.documents.add_row()
        self.head_box = QCheckBox()
        self.duplicates = DuplicatesPanel()
        self.duplicates.open_person.connect(self.open_person.emit)
        self.duplicates.confirm_toggled.connect(self._confirm_toggled)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._check_if_shown)
        self.editor.identity_changed.connect(self._timer.start)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.editor)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(scroll, 1)
        ll.addWidget(self.head_box)
        self.duplicates_box = QGroupBox()
        QVBoxLayout(self.duplicates_box).addWidget(self.duplicates)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.duplicates_box)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([880, 320])
        lay = QVBoxLayout(self)
        lay.addWidget(splitter, 1)
        lay.addLayout(self._footer())
        self.retranslate()
        self._show_duplicates()
        QWidget.setTabOrder(self.editor.languages.add_button, self.head_box)
        QWidget.setTabOrder(self.head_box, self.duplicates.confirm)
        self.tab_after(self.duplicates.confirm)
        self.remember_initial()

    def current_input(self) -> object:
        p = self.editor.to_input()
        p.is_head = self.head_box.isChecked()
        return p

    def _check_if_shown(self) -> None:
        if self.isVisible():
            self.check_duplicates()

    def check_duplicates(self) -> None:
        inp = self.editor.to_input()
        key = dup_key(inp)
        if not can_look_for_duplicates(inp):
            self._matches, self._checked_key = None, None
            self._show_duplicates()
            return
        self._requests += 1
        request = self._requests
        self._checking = True
        self._show_duplicates()
        db, ref = self.ctx.db, self.ctx.ref
        Op(self, lambda: duplicates_for(db, inp, ref=ref)).success(
            lambda found, request=request, key=key: self._found(request, key, found)
        ).failure(self._check_failed).run()

    def _found(self, request: int, key: tuple[object, ...], found: list[DuplicateMatch]) -> None:
        if request != self._requests:
            return
        self._set_matches(found, key)

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self._show_duplicates()
        self.set_message(
            lambda: _("The check for duplicates failed: {error}").format(error=exc), warning=True
        )

    def _set_matches(self, found: list[DuplicateMatch], key: tuple[object, ...]) -> None:
        if {d.person_id for d in found} != {d.person_id for d in self._matches or []}:
            self._confirmed = False
        self._matches = found
        self._checked_key = key
        self._checking = False
        self._show_duplicates()

    def _show_duplicates(self) -> None:
        self.duplicates.set_state(
            self._matches,
            checking=self._checking,
            needs_input=not self._checking and self._matches is None,
            confirmed=self._confirmed,
            decision_required=self._decision_required,
        )

    def _confirm_toggled(self, checked: bool) -> None:
        self._confirmed = checked
        if checked:
            self._decision_required = False
        self._show_duplicates()

    def save(self) -> None:
        data = self.current_input()
        assert isinstance(data, PersonInput)
        self._may_retry = True
        confirmed = bool(self._matches and self._confirmed and self._checked_key == dup_key(data))
        self._add(data, confirmed)

    def _add(self, data: PersonInput, confirmed: bool) -> None:
        db, ref, hid = self.ctx.db, self.ctx.ref, self.household_id
        self.run_save(lambda: IntakeService(db, ref).add_member(hid, data, confirmed_new=confirmed))

    def done(self, r: int) -> None:
        self._timer.stop()
        super().done(r)

    def show_problems(self, problems: list[Problem]) -> None:
        self.editor.show_problems(problems, "")
        first = self.editor.first_problem_path()
        if first:
            self.editor.focus_field(first)

    def go_to_field(self, path: str) -> None:
        self.editor.focus_field(path)

    def show_duplicates(self, exc: DuplicatesFound) -> None:
        found = exc.matches.get(0, [])
        data = self.current_input()
        assert isinstance(data, PersonInput)
        self._set_matches(found, dup_key(data))  # a different set of people undoes "new"
        if self._confirmed and self._may_retry:
            self._may_retry = False
            self._add(data, True)
            return
        self._decision_required = bool(found)
        self._show_duplicates()
        self.set_message(
            lambda: _("Possible duplicates were found: nothing was saved. Compare and decide."),
            warning=True,
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Add a family member"))
        self.head_box.setText(_("Make this person the head of the family"))
        self.duplicates_box.setTitle(_("Already registered?"))


# ---- the family's own fields ---------------------------------------------------------------------


class EditHouseholdDialog(_FormDialog):
    def __init__(
        self, ctx: AppContext, household: HouseholdData, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.data = household
        self.form = HouseholdForm(ctx.ref)
        self.form.load(household)
        lay = QVBoxLayout(self)
        lay.addWidget(self.form)
        lay.addStretch(1)
        lay.addLayout(self._footer())
        self.resize(900, 360)
        self.retranslate()
        self.tab_after(self.form.notes)
        self.remember_initial()

    def current_input(self) -> object:
        return self.form.to_input()

    def save(self) -> None:
        data = self.form.to_input()
        db, ref, hid, version = self.ctx.db, self.ctx.ref, self.data.id, self.data.version
        self.run_save(lambda: IntakeService(db, ref).update_household(hid, data, version))

    def show_problems(self, problems: list[Problem]) -> None:
        self.form.show_problems(problems)

    def go_to_field(self, path: str) -> None:
        w = self.form.fields.get(path)
        if w is not None:
            w.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Edit family No. {num}").format(num=self.data.num))


# ---- the case status -----------------------------------------------------------------------------


class StatusDialog(_FormDialog):
    """Move the family's case to one of the steps allowed after its current status."""

    def __init__(
        self, ctx: AppContext, household: HouseholdData, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.data = household
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.status = QComboBox()
        for st in NEXT_STATUS[household.status]:
            self.status.addItem("", st.value)
        self.date = DateField()
        self.date.set_value(dt.date.today())
        self.document_number = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.fields: dict[str, QWidget] = {
            "status": self.status,
            "status_date": self.date,
            "document_number": self.document_number,
            "note": self.note,
        }
        self._field_problems: dict[str, list[Problem]] = {}
        self.form_widget = QWidget()
        form = _form()
        self.form_widget.setLayout(form)
        self.labels: dict[str, QLabel] = {}
        form.addRow(self.current)
        for name, w in self.fields.items():
            lbl = _row_label()
            lbl.setBuddy(w)
            self.labels[name] = lbl
            form.addRow(lbl, w)
        self.form_widget.installEventFilter(EnterMovesFocus(self.form_widget))
        self.status.currentIndexChanged.connect(lambda _i: self._changed("status"))
        self.date.date_changed.connect(lambda: self._changed("status_date"))
        self.document_number.textChanged.connect(lambda _t: self._changed("document_number"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.form_widget)
        lay.addStretch(1)
        lay.addLayout(self._footer())
        self.resize(620, 340)
        self.save_button.setEnabled(self.status.count() > 0)
        self.retranslate()
        self.tab_after(self.note)
        self.remember_initial()

    def chosen(self) -> CaseStatus | None:
        value = self.status.currentData()
        return CaseStatus(value) if value else None

    def set_status(self, status: CaseStatus) -> None:
        self.status.setCurrentIndex(self.status.findData(status.value))

    def current_input(self) -> object:
        return (
            self.chosen(),
            self.date.value(),
            self.document_number.text(),
            self.note.toPlainText(),
        )

    def _changed(self, name: str) -> None:
        if self._field_problems.pop(name, None):
            self._render()

    def save(self) -> None:
        status = self.chosen()
        if status is None:
            return
        day, number, note = self.date.value(), self.document_number.text(), self.note.toPlainText()
        db, ref, hid = self.ctx.db, self.ctx.ref, self.data.id
        self.run_save(lambda: IntakeService(db, ref).move_status(hid, status, day, number, note))

    def show_problems(self, problems: list[Problem]) -> None:
        self._field_problems = {}
        for p in problems:
            self._field_problems.setdefault(p.field, []).append(p)
        self._render()

    def go_to_field(self, path: str) -> None:
        w = self.fields.get(path)
        if w is not None:
            w.setFocus(Qt.FocusReason.OtherFocusReason)

    def _render(self) -> None:
        for name, w in self.fields.items():
            msgs = [p.message() for p in self._field_problems.get(name, [])]
            mark_error(w, "\n".join(msgs) if msgs else None)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Move the case of family No. {num}").format(num=self.data.num))
        self.current.setText(
            _("Now: {status} since {date}.").format(
                status=domain.label(self.data.status), date=short_date(self.data.status_date)
            )
            if NEXT_STATUS[self.data.status]
            else _("The case is complete: {status}.").format(status=domain.label(self.data.status))
        )
        for i in range(self.status.count()):
            self.status.setItemText(i, domain.label(CaseStatus(self.status.itemData(i))))
        self.labels["status"].setText(_("Next step"))
        self.labels["status_date"].setText(_("Date of the decision"))
        self.labels["document_number"].setText(label("document_number"))
        self.labels["note"].setText(_("Note"))
        self.document_number.setPlaceholderText(_("Required for every step after the application"))
        self._render()
