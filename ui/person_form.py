"""The fields of one person and of a family, shared by the intake form and the edit dialogs.

The forms check the obvious things as the worker types (required names, dates, the IIN's check
digit); on save the service validates everything and its ``Problem``s are shown on the fields (red
border, message as tooltip). Problems are kept as ``Problem`` objects and turned into text only when
shown, so a language switch re-translates them without losing what was typed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_, _
from oralman_desk.identity import IdError, IinInvalid, Sex, parse_iin
from oralman_desk.services.errors import Problem
from oralman_desk.services.fields import FIELD_LABELS
from oralman_desk.services.intake import (
    EARLIEST_BIRTH,
    IIN_MESSAGES,
    DocumentInput,
    HouseholdInput,
    LanguageInput,
    PersonInput,
)
from oralman_desk.services.queries import HouseholdData, PersonData

from .qt_i18n import Retranslatable
from .widgets import ERROR_TEXT, DateField, RefCombo, mark_error

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
INDEX_RE = re.compile(r"^members\[(\d+)\]\.")


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


def row_label(text: str = "") -> QLabel:
    lbl = QLabel(text)
    lbl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    lbl.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    return lbl


def form_layout() -> QFormLayout:
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
            lbl = row_label()
            lbl.setBuddy(self.fields[cyr])
            self.labels[cyr] = lbl
            grid.addWidget(lbl, r, 0)
            grid.addWidget(self.fields[cyr], r, 1)
            grid.addWidget(self.fields[lat], r, 2)

        self.details_box = QGroupBox()
        left, right = form_layout(), form_layout()
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
        lbl = row_label()
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
            self.iin_hint.setStyleSheet(ERROR_TEXT)
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
        left, right = form_layout(), form_layout()
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
        lbl = row_label()
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
