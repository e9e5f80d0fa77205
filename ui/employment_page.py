"""The Employment area: referrals (filtered in SQL) with their outcome, employers and vacancies,
and the follow-ups due after 3 and 6 months of employment."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import NEXT_REFERRAL_STATUS, JobKind, ReferralStatus, ReferralTarget
from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_, _, ngettext
from oralman_desk.services.employment import (
    EmployerInput,
    EmployerRow,
    EmploymentService,
    FollowUpDue,
    ReferralFilter,
    ReferralInput,
    ReferralRow,
    VacancyInput,
    employers,
    follow_ups_due,
    referrals,
    vacancies,
)
from oralman_desk.services.intake import Saved
from oralman_desk.services.plans import PlanItemRow

from .context import AppContext
from .form_dialog import FieldsDialog
from .person_search import PersonSearch
from .qt_i18n import Retranslatable
from .widgets import DateField, RefCombo
from .worker import Op


def _table(columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(t: QTableWidget, rows: list[list[str]]) -> None:
    t.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            t.setItem(r, c, item)
    t.resizeColumnsToContents()


def _enum_combo(values: list[object]) -> QComboBox:
    combo = QComboBox()
    for v in values:
        combo.addItem("", getattr(v, "value", v))
    return combo


# ---- dialogs ---------------------------------------------------------------------------------


class EmployerDialog(FieldsDialog):
    def __init__(
        self, ctx: AppContext, row: EmployerRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.row = row
        self.name = QLineEdit(row.name if row else "")
        self.bin = QLineEdit(row.bin or "" if row else "")
        self.bin.setInputMask("999999999999;_")
        self.sector = QLineEdit(row.sector if row else "")
        self.address = QLineEdit(row.address if row else "")
        self.contact = QLineEdit(row.contact_person if row else "")
        self.phone = QLineEdit(row.phone if row else "")
        self.add_field("employer_name", self.name)
        self.add_field("bin", self.bin)
        self.add_field("sector", self.sector)
        self.add_field("address", self.address)
        self.add_field("contact_person", self.contact)
        self.add_field("phone", self.phone)
        self.resize(560, 300)
        self.finish(self.phone)

    def to_input(self) -> EmployerInput:
        return EmployerInput(
            self.name.text(),
            self.bin.text().strip("_ "),
            self.sector.text(),
            self.address.text(),
            self.contact.text(),
            self.phone.text(),
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref, row = self.to_input(), self.ctx.db, self.ctx.ref, self.row

        def work() -> Saved:
            eid = EmploymentService(db, ref).save_employer(
                data, row.id if row else None, row.version if row else None
            )
            return Saved(eid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Employer"))


class VacancyDialog(FieldsDialog):
    def __init__(
        self, ctx: AppContext, employer: EmployerRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.employer = employer
        self.profession = RefCombo(ctx.ref, "profession", optional=True)
        self.places = QSpinBox()
        self.places.setRange(1, 1000)
        self.wage = QSpinBox()
        self.wage.setRange(0, 10_000_000)
        self.wage.setSingleStep(10_000)
        self.wage.setSpecialValueText("—")
        self.conditions = QLineEdit()
        self.add_field("profession", self.profession)
        self.add_field("places", self.places)
        self.add_field("wage", self.wage)
        self.add_field("conditions", self.conditions)
        self.resize(520, 240)
        self.finish(self.conditions, above=QLabel(employer.name))

    def current_input(self) -> object:
        return (
            self.profession.code(),
            self.places.value(),
            self.wage.value(),
            self.conditions.text(),
        )

    def save(self) -> None:
        db, ref = self.ctx.db, self.ctx.ref
        data = VacancyInput(
            self.employer.id,
            self.profession.code(),
            self.places.value(),
            self.wage.value() or None,
            self.conditions.text(),
        )

        def work() -> Saved:
            vid = EmploymentService(db, ref).add_vacancy(data)
            return Saved(vid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Vacancy"))


class ReferralDialog(FieldsDialog):
    """Refer a person (found by any spelling, IIN or document number, or given by the family card)
    to the employment centre or to an employer and one of its vacancies."""

    def __init__(
        self,
        ctx: AppContext,
        person: tuple[uuid.UUID, str] | None = None,
        parent: QWidget | None = None,
        plan_item: PlanItemRow | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        # Started from a family's plan: the referral fulfils the item once it ends in a job.
        self.plan_item = plan_item
        if person is None and plan_item is not None and plan_item.person_id is not None:
            person = (plan_item.person_id, plan_item.person_name)
        self.search = PersonSearch(ctx, self)
        self.find, self.found = self.search.find, self.search.found
        self.found.setMaximumHeight(110)
        self.date = DateField(optional=False)
        self.target = _enum_combo(list(ReferralTarget))
        self.employer = QComboBox()
        self.vacancy = QComboBox()
        self.profession = RefCombo(ctx.ref, "profession", optional=True)
        self.job_kind = _enum_combo(list(JobKind))
        self.staff = QLineEdit(str(ctx.settings.value("user/name") or ctx.db.user or ""))
        self.note = QLineEdit()
        self.target.currentIndexChanged.connect(lambda _i: self._target_changed())
        self.employer.currentIndexChanged.connect(lambda _i: self._load_vacancies())
        self.vacancy.currentIndexChanged.connect(lambda _i: self._vacancy_chosen())
        if person is None:
            self.add_field("find_person", self.find, N_("Find the person"))
        self.add_field("person", self.found)
        if person is not None:
            self.search.set_person(*person)
        self.add_field("date", self.date)
        self.add_field("target", self.target)
        self.add_field("employer", self.employer)
        self.add_field("vacancy", self.vacancy)
        self.add_field("profession", self.profession)
        self.add_field("job_kind", self.job_kind)
        self.add_field("staff", self.staff)
        self.add_field("note", self.note, N_("Note"))
        if plan_item is not None and plan_item.profession:
            self.profession.set_code(plan_item.profession)
        self.resize(620, 520)
        self.finish(self.note)
        db = ctx.db
        Op(self, lambda: employers(db)).success(self._employers).run()

    def _employers(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.employer.blockSignals(True)
        self.employer.clear()
        self.employer.addItem("—", None)
        for e in rows:
            self.employer.addItem(f"{e.name} ({e.bin})" if e.bin else e.name, e.id)
        self.employer.blockSignals(False)
        self._target_changed()
        self.remember_initial()

    def _target_changed(self) -> None:
        to_employer = self.target.currentData() == ReferralTarget.EMPLOYER.value
        self.employer.setEnabled(to_employer)
        self.vacancy.setEnabled(to_employer)

    def _load_vacancies(self) -> None:
        eid = self.employer.currentData()
        self.vacancy.clear()
        self.vacancy.addItem("—", None)
        if eid is None:
            return
        db = self.ctx.db
        Op(self, lambda: vacancies(db, eid)).success(self._vacancies).run()

    def _vacancies(self, rows: object) -> None:
        assert isinstance(rows, list)
        for v in rows:
            wage = _(", {wage} tenge").format(wage=v.wage) if v.wage else ""
            self.vacancy.addItem(f"{self.ctx.ref.name('profession', v.profession)}{wage}", v)

    def _vacancy_chosen(self) -> None:
        v = self.vacancy.currentData()
        if v is not None:
            self.profession.set_code(v.profession)

    def to_input(self) -> ReferralInput:
        v = self.vacancy.currentData()
        return ReferralInput(
            self.search.person_id(),
            self.date.value(),
            ReferralTarget(self.target.currentData()),
            JobKind(self.job_kind.currentData()),
            self.profession.code(),
            self.employer.currentData(),
            v.id if v is not None else None,
            self.staff.text(),
            self.note.text(),
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref = self.to_input(), self.ctx.db, self.ctx.ref
        item_id = self.plan_item.id if self.plan_item else None

        def work() -> Saved:
            rid = EmploymentService(db, ref).refer(data, plan_item_id=item_id)
            (row,) = referrals(db, ReferralFilter(referral_id=rid))
            return Saved(row.household_id, 0, (row.person_id,), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Referral to a job"))
        self.search.retranslate()
        for combo in (self.target, self.job_kind):
            for i in range(combo.count()):
                value = combo.itemData(i)
                enum_cls = ReferralTarget if combo is self.target else JobKind
                combo.setItemText(i, domain.label(enum_cls(value)))


class OutcomeDialog(FieldsDialog):
    """The next step of a referral: interview, employed (date and kind), refused, no answer."""

    def __init__(self, ctx: AppContext, row: ReferralRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.row = row
        self.status = _enum_combo(list(NEXT_REFERRAL_STATUS[row.status]))
        self.date = DateField(optional=False)
        self.employed_on = DateField()
        self.employment_kind = _enum_combo([None, *JobKind])
        self.employment_kind.setCurrentIndex(self.employment_kind.findData(row.job_kind.value))
        self.note = QLineEdit()
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.add_field("status", self.status, N_("Outcome"))
        self.add_field("date", self.date)
        self.add_field("employed_on", self.employed_on)
        self.add_field("employment_kind", self.employment_kind)
        self.add_field("note", self.note, N_("Note"))
        self.resize(520, 260)
        self.finish(
            self.note, above=QLabel(f"{row.name}: {row.employer or domain.label(row.target)}")
        )
        self._status_changed()

    def _status_changed(self) -> None:
        employed = self.status.currentData() == ReferralStatus.EMPLOYED.value
        self.employed_on.setEnabled(employed)
        self.employment_kind.setEnabled(employed)
        if employed and self.employed_on.value() is None:
            self.employed_on.set_value(self.date.value())

    def current_input(self) -> object:
        return (
            self.status.currentData(),
            self.date.value(),
            self.employed_on.value(),
            self.note.text(),
        )

    def save(self) -> None:
        db, ref, row = self.ctx.db, self.ctx.ref, self.row
        value = self.status.currentData()
        if value is None:
            return
        status = ReferralStatus(value)
        kind = self.employment_kind.currentData()
        employed = status is ReferralStatus.EMPLOYED
        day, on, note = self.date.value(), self.employed_on.value(), self.note.text()

        def work() -> Saved:
            EmploymentService(db, ref).outcome(
                row.id,
                status,
                day,
                on if employed else None,
                JobKind(kind) if employed and kind else None,
                note,
            )
            return Saved(row.household_id, 0, (row.person_id,), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Outcome of referral No. {num}").format(num=self.row.number))
        for i in range(self.status.count()):
            self.status.setItemText(i, domain.label(ReferralStatus(self.status.itemData(i))))
        for i in range(self.employment_kind.count()):
            v = self.employment_kind.itemData(i)
            self.employment_kind.setItemText(i, domain.label(JobKind(v)) if v else "—")


class FollowUpDialog(FieldsDialog):
    def __init__(self, ctx: AppContext, due: FollowUpDue, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.due = due
        self.date = DateField(optional=False)
        self.still = QCheckBox()
        self.still.setChecked(True)
        self.note = QLineEdit()
        self.add_field("date", self.date)
        self.add_field("still_employed", self.still, N_("Still employed"))
        self.add_field("note", self.note, N_("Note"))
        self.resize(480, 200)
        self.finish(
            self.note,
            above=QLabel(
                _("{name}: {months} months after employment on {date}").format(
                    name=due.name, months=due.months, date=short_date(due.employed_on)
                )
            ),
        )

    def current_input(self) -> object:
        return (self.date.value(), self.still.isChecked(), self.note.text())

    def save(self) -> None:
        db, ref, due = self.ctx.db, self.ctx.ref, self.due
        day, still, note = self.date.value(), self.still.isChecked(), self.note.text()

        def work() -> Saved:
            EmploymentService(db, ref).record_follow_up(due.id, day, still, note)
            return Saved(due.household_id, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Follow-up"))
        self.still.setText(_("Yes"))


# ---- the page --------------------------------------------------------------------------------


class EmploymentPage(Retranslatable, QWidget):
    open_family = Signal(object)

    REFERRAL_COLUMNS = (
        N_("No."),
        N_("Date"),
        N_("Full name"),
        N_("Referred to"),
        N_("Profession"),
        N_("Kind of job"),
        N_("Outcome"),
        N_("Employed on"),
    )
    EMPLOYER_COLUMNS = (N_("Employer"), N_("BIN"), N_("Sector"), N_("Phone"), N_("Open places"))
    FOLLOW_COLUMNS = (N_("Due"), N_("Full name"), N_("Employer"), N_("Employed on"), N_("After"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None
        self.referral_rows: list[ReferralRow] = []
        self.employer_rows: list[EmployerRow] = []
        self.due_rows: list[FollowUpDue] = []
        # Referrals
        self.status_filter = _enum_combo([None, *ReferralStatus])
        self.date_from = DateField()
        self.date_from.set_value(dt.date.today().replace(month=1, day=1))
        self.date_to = DateField()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.refer_button = QPushButton()
        self.outcome_button = QPushButton()
        self.letter_button = QPushButton()
        self.refer_button.clicked.connect(lambda: self.refer())
        self.outcome_button.clicked.connect(lambda: self.outcome())
        self.letter_button.clicked.connect(lambda: self.print_letter())
        self.referrals = _table(len(self.REFERRAL_COLUMNS))
        self.referrals.itemSelectionChanged.connect(self._update_buttons)
        self.referrals.cellDoubleClicked.connect(
            lambda r, _c: self.open_family.emit(self.referral_rows[r].household_id)
        )
        for w in (self.date_from, self.date_to):
            w.date_changed.connect(self.reload)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        ref_page = QWidget()
        rl = QVBoxLayout(ref_page)
        bar = QHBoxLayout()
        for w in (self.refer_button, self.outcome_button, self.letter_button):
            bar.addWidget(w)
        bar.addStretch(1)
        filters = QHBoxLayout()
        for w in (self.from_label, self.date_from, self.to_label, self.date_to, self.status_filter):
            filters.addWidget(w)
        filters.addStretch(1)
        rl.addLayout(bar)
        rl.addLayout(filters)
        rl.addWidget(self.referrals, 1)
        # Employers
        self.employer_find = QLineEdit()
        self.employer_find.textChanged.connect(lambda _t: self.reload())
        self.new_employer_button = QPushButton()
        self.edit_employer_button = QPushButton()
        self.vacancy_button = QPushButton()
        self.new_employer_button.clicked.connect(lambda: self.edit_employer(new=True))
        self.edit_employer_button.clicked.connect(lambda: self.edit_employer())
        self.vacancy_button.clicked.connect(lambda: self.add_vacancy())
        self.employers = _table(len(self.EMPLOYER_COLUMNS))
        self.employers.itemSelectionChanged.connect(self._update_buttons)
        emp_page = QWidget()
        el = QVBoxLayout(emp_page)
        ebar = QHBoxLayout()
        for w in (self.new_employer_button, self.edit_employer_button, self.vacancy_button):
            ebar.addWidget(w)
        ebar.addWidget(self.employer_find, 1)
        el.addLayout(ebar)
        el.addWidget(self.employers, 1)
        # Follow-ups due
        self.follow_button = QPushButton()
        self.follow_button.clicked.connect(lambda: self.record_follow_up())
        self.due = _table(len(self.FOLLOW_COLUMNS))
        self.due.itemSelectionChanged.connect(self._update_buttons)
        due_page = QWidget()
        dl = QVBoxLayout(due_page)
        dbar = QHBoxLayout()
        dbar.addWidget(self.follow_button)
        dbar.addStretch(1)
        dl.addLayout(dbar)
        dl.addWidget(self.due, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(ref_page, "")
        self.tabs.addTab(emp_page, "")
        self.tabs.addTab(due_page, "")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        ctx.changed.connect(lambda _s: self.reload())
        self.retranslate()
        self.reload()

    # -- loading

    def reload(self) -> None:
        db = self.ctx.db
        status = self.status_filter.currentData()
        f = ReferralFilter(
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            status=ReferralStatus(status) if status else None,
        )
        text = self.employer_find.text()
        today = dt.date.today()
        Op(
            self,
            lambda: (referrals(db, f), employers(db, text), follow_ups_due(db, today)),
        ).success(self._loaded).run()

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        self.referral_rows, self.employer_rows, self.due_rows = result
        self.render()

    def render(self) -> None:
        ref = self.ctx.ref
        _fill(
            self.referrals,
            [
                [
                    str(r.number),
                    short_date(r.date),
                    r.name,
                    r.employer or domain.label(r.target),
                    ref.name("profession", r.profession),
                    domain.label(r.job_kind),
                    domain.label(r.status),
                    short_date(r.employed_on) if r.employed_on else "",
                ]
                for r in self.referral_rows
            ],
        )
        _fill(
            self.employers,
            [
                [e.name, e.bin or "", e.sector, e.phone, str(e.open_vacancies)]
                for e in self.employer_rows
            ],
        )
        _fill(
            self.due,
            [
                [
                    short_date(d.due_date),
                    d.name,
                    d.employer,
                    short_date(d.employed_on),
                    ngettext("{n} month", "{n} months", d.months).format(n=d.months),
                ]
                for d in self.due_rows
            ],
        )
        self.tabs.setTabText(2, _("Follow-ups due ({n})").format(n=len(self.due_rows)))
        self._update_buttons()

    # -- selection and actions

    @staticmethod
    def _selected(t: QTableWidget, rows: list) -> object:  # type: ignore[type-arg]
        sel = t.selectionModel().selectedRows()
        return rows[sel[0].row()] if sel and sel[0].row() < len(rows) else None

    def selected_referral(self) -> ReferralRow | None:
        r = self._selected(self.referrals, self.referral_rows)
        return r if isinstance(r, ReferralRow) else None

    def selected_employer(self) -> EmployerRow | None:
        r = self._selected(self.employers, self.employer_rows)
        return r if isinstance(r, EmployerRow) else None

    def _update_buttons(self) -> None:
        r = self.selected_referral()
        self.outcome_button.setEnabled(r is not None and bool(NEXT_REFERRAL_STATUS[r.status]))
        self.letter_button.setEnabled(r is not None)
        e = self.selected_employer()
        self.edit_employer_button.setEnabled(e is not None)
        self.vacancy_button.setEnabled(e is not None)
        self.follow_button.setEnabled(self._selected(self.due, self.due_rows) is not None)

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def refer(self, person: tuple[uuid.UUID, str] | None = None) -> QWidget:
        return self._open(ReferralDialog(self.ctx, person, self))

    def outcome(self) -> QWidget | None:
        r = self.selected_referral()
        return self._open(OutcomeDialog(self.ctx, r, self)) if r else None

    def edit_employer(self, new: bool = False) -> QWidget | None:
        e = None if new else self.selected_employer()
        if not new and e is None:
            return None
        return self._open(EmployerDialog(self.ctx, e, self))

    def add_vacancy(self) -> QWidget | None:
        e = self.selected_employer()
        return self._open(VacancyDialog(self.ctx, e, self)) if e else None

    def record_follow_up(self) -> QWidget | None:
        d = self._selected(self.due, self.due_rows)
        return self._open(FollowUpDialog(self.ctx, d, self)) if isinstance(d, FollowUpDue) else None

    def print_letter(self) -> None:
        r = self.selected_referral()
        if r is None:
            return
        from oralman_desk.i18n import current_language

        from .printing import save_and_open

        db, lang, rid = self.ctx.db, current_language(), r.id

        def render(path: object) -> None:
            from reports.referral_letter import render_referral_letter_pdf

            render_referral_letter_pdf(db, rid, lang, path)

        save_and_open(self, _("referral-{num}.pdf").format(num=r.number), render)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Referrals"))
        self.tabs.setTabText(1, _("Employers"))
        self.referrals.setHorizontalHeaderLabels([_(c) for c in self.REFERRAL_COLUMNS])
        self.employers.setHorizontalHeaderLabels([_(c) for c in self.EMPLOYER_COLUMNS])
        self.due.setHorizontalHeaderLabels([_(c) for c in self.FOLLOW_COLUMNS])
        self.from_label.setText(_("Period from"))
        self.to_label.setText(_("to"))
        self.status_filter.setItemText(0, _("Any outcome"))
        for i in range(1, self.status_filter.count()):
            self.status_filter.setItemText(
                i, domain.label(ReferralStatus(self.status_filter.itemData(i)))
            )
        self.refer_button.setText(_("New referral…"))
        self.outcome_button.setText(_("Outcome…"))
        self.letter_button.setText(_("Referral letter (PDF)…"))
        self.new_employer_button.setText(_("New employer…"))
        self.edit_employer_button.setText(_("Edit employer…"))
        self.vacancy_button.setText(_("Add a vacancy…"))
        self.employer_find.setPlaceholderText(_("Find an employer by name or BIN"))
        self.follow_button.setText(_("Record the follow-up…"))
        self.render()
