"""The dialogs of the family card: edit a member, add a member (with the duplicate check), edit
the family, move the case status. Each saves through ``IntakeService`` with the version it read,
so a concurrent edit is reported instead of overwritten.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import NEXT_STATUS, CaseStatus
from oralman_desk.formatting import short_date
from oralman_desk.i18n import _
from oralman_desk.services.errors import Problem
from oralman_desk.services.intake import (
    DuplicateMatch,
    DuplicatesFound,
    IntakeService,
    PersonInput,
)
from oralman_desk.services.queries import HouseholdData, PersonData, duplicates_for

from .context import AppContext
from .duplicates_panel import (
    DuplicatesPanel,
)
from .form_dialog import (
    FormDialog,
)
from .person_form import (
    DEBOUNCE_MS,
    EnterMovesFocus,
    HouseholdForm,
    MemberEditor,
    can_look_for_duplicates,
    dup_key,
    form_layout,
    label,
    row_label,
)
from .widgets import DateField, mark_error, scroll_area
from .worker import Op

# ---- editing one person --------------------------------------------------------------------------


class _PersonDialog(FormDialog):
    """One person's fields (a ``MemberEditor``) and the head-of-family box, above Save/Cancel."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editor = MemberEditor(ctx.ref)
        self.head_box = QCheckBox()
        self.editor_area = QWidget()
        lay = QVBoxLayout(self.editor_area)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll_area(self.editor), 1)
        lay.addWidget(self.head_box)
        QWidget.setTabOrder(self.editor.languages.add_button, self.head_box)

    def current_input(self) -> object:
        p = self.editor.to_input()
        p.is_head = self.head_box.isChecked()
        return p

    def show_problems(self, problems: list[Problem]) -> None:
        self.editor.show_problems(problems, "")
        first = self.editor.first_problem_path()
        if first:
            self.editor.focus_field(first)

    def go_to_field(self, path: str) -> None:
        self.editor.focus_field(path)


class EditPersonDialog(_PersonDialog):
    """Edit a member's fields; saved with the version it was read at, so that a concurrent edit
    is reported (``ConflictError``) instead of overwritten."""

    def __init__(self, ctx: AppContext, person: PersonData, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.person = person
        self.resize(960, 760)
        self.editor.load(person)
        self.head_box.setChecked(person.is_head)
        self.head_box.setEnabled(not person.is_head)
        lay = QVBoxLayout(self)
        lay.addWidget(self.editor_area, 1)
        lay.addLayout(self._footer())
        self.retranslate()
        self.tab_after(self.head_box)
        self.remember_initial()

    def save(self) -> None:
        data = self.current_input()
        assert isinstance(data, PersonInput)
        db, ref, pid, version = self.ctx.db, self.ctx.ref, self.person.id, self.person.version
        self.run_save(lambda: IntakeService(db, ref).update_person(pid, data, version))

    def retranslate(self) -> None:
        super().retranslate()
        name = self.person.full_name
        self.setWindowTitle(_("Edit family member: {name}").format(name=name))
        self.head_box.setText(_("Head of family"))


class AddMemberDialog(_PersonDialog):
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
        self.editor.documents.add_row()
        self.duplicates = DuplicatesPanel()
        self.duplicates.open_person.connect(self.open_person.emit)
        self.duplicates.confirm_toggled.connect(self._confirm_toggled)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._check_if_shown)
        self.editor.identity_changed.connect(self._timer.start)
        self.duplicates_box = QGroupBox()
        QVBoxLayout(self.duplicates_box).addWidget(self.duplicates)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.editor_area)
        splitter.addWidget(self.duplicates_box)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([880, 320])
        lay = QVBoxLayout(self)
        lay.addWidget(splitter, 1)
        lay.addLayout(self._footer())
        self.retranslate()
        self._show_duplicates()
        QWidget.setTabOrder(self.head_box, self.duplicates.confirm)
        self.tab_after(self.duplicates.confirm)
        self.remember_initial()

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


class EditHouseholdDialog(FormDialog):
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


class StatusDialog(FormDialog):
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
        form = form_layout()
        self.form_widget.setLayout(form)
        self.labels: dict[str, QLabel] = {}
        form.addRow(self.current)
        for name, w in self.fields.items():
            lbl = row_label()
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
