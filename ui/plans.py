"""The family's individual adaptation plan on its card: the items with their state (done, late in
red, next highlighted), and the dialogs that draft a plan, add or edit an item, and start the
service an item plans (the existing consultation, enrolment or referral dialog, preset for the
member and linked to the item). The progress line is the card's (``FamilyCard.plan_line``).

Threading: the plan comes with the card's data (``queries.family_card`` on a worker); every write
and every list a dialog needs (suggestions, course groups) runs in an ``Op``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import (
    LANGUAGE_COURSE_KINDS,
    TRAINING_COURSE_KINDS,
    CourseKind,
    EnrolmentStatus,
    PlanItemKind,
    PlanState,
    ReferralStatus,
)
from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_, _, current_language
from oralman_desk.services.courses import GroupRow, groups
from oralman_desk.services.errors import Problem
from oralman_desk.services.intake import Saved
from oralman_desk.services.plans import (
    COURSE_TITLES,
    PlanItemInput,
    PlanItemRow,
    PlanService,
    Suggestion,
    item_title,
    row_title,
)
from oralman_desk.services.queries import FamilyCardData

from .context import AppContext
from .errors import show_error
from .form_dialog import FieldsDialog, FormDialog
from .qt_i18n import Retranslatable
from .widgets import ERROR_COLOUR, DateField, RefCombo, mark_error
from .worker import Op

ID_ROLE = Qt.ItemDataRole.UserRole
DONE_COLOUR = "#2e7d32"
UNDER_WAY_COLOUR = "#1f5f99"  # started, not finished: neither done nor late
NEXT_BACKGROUND = "#fff3c4"

COLUMNS = (
    N_("Target date"),
    N_("For whom"),
    N_("Service"),
    N_("State"),
    N_("Record"),
    N_("Staff member"),
    N_("Note"),
)


def _cell(text: str, data: Any = None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        it.setData(ID_ROLE, data)
    it.setToolTip(text)
    return it


def state_text(row: PlanItemRow) -> str:
    if row.state is PlanState.DONE and row.done_on is not None:
        return _("Done on {date}").format(date=short_date(row.done_on))
    return domain.label(row.state)


def record_text(row: PlanItemRow) -> str:
    """The record that fulfils (or is to fulfil) the item, in short."""
    r = row.record
    if r is None:
        return ""
    if r.table == "consultation":
        return _("Consultation of {date}").format(date=short_date(r.date))
    if r.table == "enrolment":
        course = r.course_kk if current_language() == "kk" else r.course_ru
        return _("{course}: {status} since {date}").format(
            course=course,
            status=domain.label(EnrolmentStatus(r.status)),
            date=short_date(r.date),
        )
    return _("Referral No. {num}: {status}").format(
        num=r.number, status=domain.label(ReferralStatus(r.status))
    )


def who_text(row: PlanItemRow) -> str:
    return row.person_name or _("Whole family")


class PlanTab(Retranslatable, QWidget):
    """The Plan tab of a family card. ``render(data)`` shows the plan of the card's data; the
    action methods open a window-modal dialog and return it (``None`` when not possible)."""

    #: A write that the card must reload for (not every dialog reports the family it changed).
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: FamilyCardData | None = None
        self.dialog: QWidget | None = None
        self._busy = False
        # The plan's progress line is the card's, above the tabs (``FamilyCard.plan_line``).
        self.draft_button = QPushButton()
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        self.start_button = QPushButton()
        self.done_button = QPushButton()
        self.draft_button.clicked.connect(lambda: self.draft())
        self.add_button.clicked.connect(lambda: self.add_item())
        self.edit_button.clicked.connect(lambda: self.edit_item())
        self.remove_button.clicked.connect(lambda: self.remove_item())
        self.start_button.clicked.connect(lambda: self.start())
        self.done_button.clicked.connect(lambda: self.mark_done())
        bar = QHBoxLayout()
        for b in (
            self.draft_button,
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.start_button,
            self.done_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _i: self.edit_item())
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        self.retranslate()

    # ---- showing

    def render(self, data: FamilyCardData | None) -> None:
        keep = self.selected()
        self.data = data
        rows = data.plan if data else ()
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(rows))
        red = QBrush(QColor(ERROR_COLOUR))
        green = QBrush(QColor(DONE_COLOUR))
        under_way = QBrush(QColor(UNDER_WAY_COLOUR))
        highlight = QBrush(QColor(NEXT_BACKGROUND))
        keep_row = -1
        for r, row in enumerate(rows):
            cells = [
                short_date(row.target_date),
                who_text(row),
                row_title(row, self.ctx.ref),
                state_text(row),
                record_text(row),
                row.staff,
                row.note,
            ]
            for c, text in enumerate(cells):
                it = _cell(text, row.id if c == 0 else None)
                if row.state is PlanState.DONE:
                    it.setForeground(green)
                elif row.state is PlanState.LATE:
                    it.setForeground(red)
                elif row.state is PlanState.UNDER_WAY:
                    it.setForeground(under_way)
                elif row.state is PlanState.NEXT:
                    it.setBackground(highlight)
                    # The highlight is a light background: keep the text dark on it whatever
                    # the style's palette (a dark theme paints light text).
                    it.setForeground(QBrush(QColor("#202020")))
                if row.state in (PlanState.LATE, PlanState.NEXT) and c in (0, 3):
                    f = QFont(it.font())
                    f.setBold(True)
                    it.setFont(f)
                t.setItem(r, c, it)
            if keep is not None and row.id == keep.id:
                keep_row = r
        t.resizeColumnsToContents()
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, cap in ((2, 320), (4, 380), (1, 220)):
            t.setColumnWidth(col, min(t.columnWidth(col), cap))
        t.blockSignals(False)
        if keep_row >= 0:
            t.selectRow(keep_row)
        self._update_buttons()

    def selected(self) -> PlanItemRow | None:
        if self.data is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        r = rows[0].row()
        return self.data.plan[r] if 0 <= r < len(self.data.plan) else None

    def select_item(self, item_id: uuid.UUID) -> None:
        if self.data is None:
            return
        for r, row in enumerate(self.data.plan):
            if row.id == item_id:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        ready = self.data is not None and not self._busy
        row = self.selected() if ready else None
        self.draft_button.setEnabled(ready)
        self.add_button.setEnabled(ready)
        self.edit_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        startable = (
            row is not None
            and row.kind is not PlanItemKind.OTHER
            and row.state not in (PlanState.DONE, PlanState.UNDER_WAY)
        )
        self.start_button.setEnabled(startable)
        self.done_button.setEnabled(
            row is not None and row.kind is PlanItemKind.OTHER and row.state is not PlanState.DONE
        )

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def retranslate(self) -> None:
        self.draft_button.setText(_("Draft plan…"))
        self.add_button.setText(_("Add item…"))
        self.edit_button.setText(_("Edit…"))
        self.remove_button.setText(_("Remove"))
        self.start_button.setText(_("Start…"))
        self.start_button.setToolTip(
            _("Open the consultation, enrolment or referral for this item, linked to it.")
        )
        self.done_button.setText(_("Mark done…"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.render(self.data)

    # ---- actions

    def _open(self, dialog: Any) -> Any:
        self.dialog = dialog
        dialog.accepted.connect(self.saved.emit)
        dialog.open()
        return dialog

    def _members(self) -> list[tuple[uuid.UUID, str]]:
        return [(m.id, m.full_name) for m in self.data.members] if self.data else []

    def draft(self) -> DraftPlanDialog | None:
        if self.data is None:
            return None
        return self._open(DraftPlanDialog(self.ctx, self.data.household.id, self))  # type: ignore[no-any-return]

    def add_item(self) -> PlanItemDialog | None:
        if self.data is None:
            return None
        hh = self.data.household
        return self._open(PlanItemDialog(self.ctx, hh.id, self._members(), None, self))  # type: ignore[no-any-return]

    def edit_item(self, done_today: bool = False) -> PlanItemDialog | None:
        row = self.selected()
        if row is None or self.data is None:
            return None
        dialog = PlanItemDialog(self.ctx, self.data.household.id, self._members(), row, self)
        if done_today:
            dialog.done_on.set_value(dt.date.today())
            dialog.done_on.setFocus()
        return self._open(dialog)  # type: ignore[no-any-return]

    def mark_done(self) -> PlanItemDialog | None:
        row = self.selected()
        if row is None or row.kind is not PlanItemKind.OTHER:
            return None
        return self.edit_item(done_today=True)

    def remove_item(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove plan item"),
            _("Remove “{item}” for {who} from the plan? Its history is kept.").format(
                item=row_title(row, self.ctx.ref), who=who_text(row)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.set_busy(True)
        db, ref, hid = self.ctx.db, self.ctx.ref, row.household_id

        def work() -> Saved:
            PlanService(db, ref).remove(row.id, row.version)
            return Saved(hid, 0, (), 0)

        Op(self, work).success(self._removed).failure(self._failed).run()

    def _removed(self, saved: object) -> None:
        self.set_busy(False)
        self.ctx.changed.emit(saved)
        self.saved.emit()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        show_error(self, exc)

    def start(self) -> QWidget | None:
        """The service the selected item plans, in its own dialog, preset and linked."""
        row = self.selected()
        if row is None or self.data is None or row.state is PlanState.DONE:
            return None
        if row.kind is PlanItemKind.CONSULTATION:
            from .consultations_page import ConsultationDialog

            return self._open(  # type: ignore[no-any-return]
                ConsultationDialog(self.ctx, row.household_id, False, self, plan_item=row)
            )
        if row.kind is PlanItemKind.EMPLOYMENT and row.person_id is not None:
            from .employment_page import ReferralDialog

            return self._open(  # type: ignore[no-any-return]
                ReferralDialog(self.ctx, (row.person_id, row.person_name), self, plan_item=row)
            )
        if row.kind in (PlanItemKind.LANGUAGE_COURSE, PlanItemKind.TRAINING):
            chooser = GroupChoiceDialog(self.ctx, row, self)
            chooser.chosen.connect(lambda gid, r=row: self._enrol(gid, r))
            self.dialog = chooser
            chooser.open()
            return chooser
        return None

    def _enrol(self, group_id: uuid.UUID, row: PlanItemRow) -> None:
        from .courses_page import EnrolDialog

        self._open(EnrolDialog(self.ctx, group_id, self, plan_item=row))


# ---- choosing a group for a course item ------------------------------------------------------


def _fits(g: GroupRow, row: PlanItemRow, today: dt.date) -> bool:
    if g.end_date < today:
        return False
    if row.course_kind is not None:
        kinds: tuple[CourseKind, ...] = (row.course_kind,)
    elif row.kind is PlanItemKind.LANGUAGE_COURSE:
        kinds = LANGUAGE_COURSE_KINDS
    else:
        kinds = TRAINING_COURSE_KINDS
    if g.course.kind not in kinds:
        return False
    return not row.profession or g.course.profession == row.profession


class GroupChoiceDialog(Retranslatable, QDialog):
    """The groups a course item can be fulfilled in (its kind of course, not yet ended): the
    worker picks one, then enrols the member in the enrolment dialog."""

    chosen = Signal(object)

    def __init__(self, ctx: AppContext, row: PlanItemRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.rows: list[GroupRow] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.itemDoubleClicked.connect(lambda _i: self.accept())
        self.table.itemSelectionChanged.connect(self._update)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addWidget(self.buttons)
        self.resize(760, 420)
        self.retranslate()
        self._update()
        db = ctx.db
        Op(self, lambda: groups(db)).success(self._loaded).failure(
            lambda exc: show_error(self, exc)
        ).run()

    def _loaded(self, result: object) -> None:
        assert isinstance(result, list)
        today = dt.date.today()
        self.rows = [g for g in result if _fits(g, self.row, today)]
        self.rows.sort(key=lambda g: g.start_date)
        t = self.table
        t.setRowCount(len(self.rows))
        for r, g in enumerate(self.rows):
            cells = [
                g.course.name(),
                g.name,
                short_date(g.start_date),
                short_date(g.end_date),
                f"{g.enrolled}/{g.capacity}",
            ]
            for c, text in enumerate(cells):
                t.setItem(r, c, _cell(text, g.id if c == 0 else None))
        t.resizeColumnsToContents()
        t.horizontalHeader().setStretchLastSection(True)
        if self.rows:
            t.selectRow(0)
        self.empty.setVisible(not self.rows)
        self._update()

    def group_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()].id if rows and self.rows else None

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.group_id() is not None)

    def choose(self, row: int) -> None:
        self.table.selectRow(row)
        self.accept()

    def accept(self) -> None:
        gid = self.group_id()
        if gid is None:
            return
        super().accept()
        self.chosen.emit(gid)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Choose a group"))
        self.intro.setText(
            _("{item} for {name}: choose the group, then confirm the enrolment.").format(
                item=row_title(self.row, self.ctx.ref), name=who_text(self.row)
            )
        )
        self.table.setHorizontalHeaderLabels(
            [_("Course"), _("Group"), _("From"), _("Until"), _("Places taken")]
        )
        self.empty.setText(
            _("No group of this kind is open. Add one in the Courses area, then start again.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Continue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))


# ---- one item --------------------------------------------------------------------------------


class PlanItemDialog(FieldsDialog):
    """Add an item to the plan or edit one: for whom, which service, by when."""

    def __init__(
        self,
        ctx: AppContext,
        household_id: uuid.UUID,
        members: list[tuple[uuid.UUID, str]],
        row: PlanItemRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.row = row
        self.person = QComboBox()
        self.person.addItem("", None)
        for pid, name in members:
            self.person.addItem(name, pid)
        self.kind = QComboBox()
        for kind in PlanItemKind:
            self.kind.addItem("", kind.value)
        self.topic = RefCombo(ctx.ref, "consultation_topic", optional=True)
        self.course_kind = QComboBox()
        self.profession = RefCombo(ctx.ref, "profession", optional=True)
        self.description = QLineEdit()
        self.target_date = DateField()
        self.done_on = DateField()
        self.staff = QLineEdit(str(ctx.settings.value("user/name") or ctx.db.user or ""))
        self.note = QLineEdit()
        self.add_field("person", self.person, N_("For whom"))
        self.add_field("plan_kind", self.kind)
        self.add_field("topic", self.topic)
        self.add_field("course_kind", self.course_kind)
        self.add_field("profession", self.profession)
        self.add_field("description", self.description)
        self.add_field("target_date", self.target_date)
        self.add_field("done_on", self.done_on)
        self.add_field("staff", self.staff)
        self.add_field("note", self.note, N_("Note"))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.resize(600, 420)
        if row is not None:
            self._fill(row)
        else:
            self.kind.setCurrentIndex(0)
            self._kind_changed()
        self.finish(self.note)

    def _fill(self, row: PlanItemRow) -> None:
        self.person.setCurrentIndex(max(0, self.person.findData(row.person_id)))
        self.kind.setCurrentIndex(self.kind.findData(row.kind.value))
        self._kind_changed()
        self.topic.set_code(row.topic)
        if row.course_kind is not None:
            self.course_kind.setCurrentIndex(self.course_kind.findData(row.course_kind.value))
        self.profession.set_code(row.profession)
        self.description.setText(row.description)
        self.target_date.set_value(row.target_date)
        self.done_on.set_value(row.marked_done_on)
        self.staff.setText(row.staff)
        self.note.setText(row.note)

    def plan_kind(self) -> PlanItemKind:
        return PlanItemKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.plan_kind()
        current = self.course_kind.currentData()
        kinds: tuple[CourseKind, ...] = ()
        if kind is PlanItemKind.LANGUAGE_COURSE:
            kinds = LANGUAGE_COURSE_KINDS
        elif kind is PlanItemKind.TRAINING:
            kinds = TRAINING_COURSE_KINDS
        self.course_kind.blockSignals(True)
        self.course_kind.clear()
        for ck in kinds:
            self.course_kind.addItem(_(COURSE_TITLES[ck]), ck.value)
        idx = self.course_kind.findData(current)
        self.course_kind.setCurrentIndex(idx if idx >= 0 else 0)
        self.course_kind.blockSignals(False)
        visible = {
            self.topic: kind is PlanItemKind.CONSULTATION,
            self.course_kind: bool(kinds),
            self.profession: kind in (PlanItemKind.TRAINING, PlanItemKind.EMPLOYMENT),
            self.description: kind is PlanItemKind.OTHER,
            self.done_on: kind is PlanItemKind.OTHER,
        }
        for widget, shown in visible.items():
            self.form.setRowVisible(widget, shown)

    def to_input(self) -> PlanItemInput:
        kind = self.plan_kind()
        ck = self.course_kind.currentData()
        return PlanItemInput(
            kind=kind,
            target_date=self.target_date.value(),
            person_id=self.person.currentData(),
            topic=self.topic.code() if kind is PlanItemKind.CONSULTATION else None,
            course_kind=CourseKind(ck) if ck else None,
            profession=self.profession.code(),
            description=self.description.text() if kind is PlanItemKind.OTHER else "",
            note=self.note.text(),
            staff=self.staff.text(),
            done_on=self.done_on.value() if kind is PlanItemKind.OTHER else None,
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref, hid, row = (
            self.to_input(),
            self.ctx.db,
            self.ctx.ref,
            self.household_id,
            self.row,
        )

        def work() -> Saved:
            svc = PlanService(db, ref)
            if row is None:
                svc.add(hid, [data])
            else:
                svc.update(row.id, data, row.version)
            return Saved(hid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Plan item") if self.row is None else _("Edit plan item"))
        self.person.setItemText(0, _("Whole family"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, domain.label(PlanItemKind(self.kind.itemData(i))))
        for i in range(self.course_kind.count()):
            self.course_kind.setItemText(
                i, _(COURSE_TITLES[CourseKind(self.course_kind.itemData(i))])
            )
        self.description.setPlaceholderText(_("For example: open a bank account"))


# ---- drafting --------------------------------------------------------------------------------


class DraftPlanDialog(FormDialog):
    """The items suggested for the family (plan steps in force today, members of working age):
    the worker unticks what the family does not need, corrects dates, and saves."""

    def __init__(
        self, ctx: AppContext, household_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.suggestions: list[Suggestion] = []
        self.loaded = False
        self._rows: list[int] = []  # the table row of each item saved
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.checks: list[QCheckBox] = []
        self.dates: list[DateField] = []
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        lay.addLayout(self._footer())
        self.save_button.setEnabled(False)
        self.resize(900, 480)
        self.retranslate()
        db, ref = ctx.db, ctx.ref
        Op(self, lambda: PlanService(db, ref).suggest(household_id)).success(self._loaded).failure(
            lambda exc: show_error(self, exc)
        ).run()

    def _loaded(self, result: object) -> None:
        assert isinstance(result, list)
        self.suggestions = result
        self.loaded = True
        t = self.table
        t.setRowCount(len(result))
        self.checks, self.dates = [], []
        for r, sg in enumerate(result):
            check = QCheckBox()
            check.setChecked(True)
            check.toggled.connect(lambda on, row=r: self.dates[row].setEnabled(on))
            date = DateField()
            date.set_value(sg.item.target_date)
            date.date_changed.connect(lambda d=date: mark_error(d, None))
            self.checks.append(check)
            self.dates.append(date)
            holder = QWidget()
            hl = QHBoxLayout(holder)
            hl.setContentsMargins(6, 0, 0, 0)
            hl.addWidget(check)
            t.setCellWidget(r, 0, holder)
            t.setItem(r, 1, _cell(sg.person_name or _("Whole family")))
            t.setItem(r, 2, _cell(self._title(sg)))
            t.setCellWidget(r, 3, date)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        t.setColumnWidth(3, max(t.columnWidth(3), date.sizeHint().width() + 8) if result else 120)
        self.empty.setVisible(not result)
        self.save_button.setEnabled(bool(result))
        self.retranslate()
        self.remember_initial()

    def _title(self, sg: Suggestion) -> str:
        i = sg.item
        return item_title(i.kind, i.topic, i.course_kind, i.profession, i.description, self.ctx.ref)

    def chosen(self) -> list[tuple[int, PlanItemInput]]:
        return [
            (r, replace(sg.item, target_date=self.dates[r].value()))
            for r, sg in enumerate(self.suggestions)
            if self.checks[r].isChecked()
        ]

    def current_input(self) -> object:
        return tuple(
            (c.isChecked(), d.value()) for c, d in zip(self.checks, self.dates, strict=True)
        )

    def save(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.reject()
            return
        self._rows = [r for r, _item in chosen]
        items = [item for _r, item in chosen]
        db, ref, hid = self.ctx.db, self.ctx.ref, self.household_id

        def work() -> Saved:
            PlanService(db, ref).add(hid, items)
            return Saved(hid, 0, (), 0)

        self.run_save(work)

    def show_problems(self, problems: list[Problem]) -> None:
        """Problems of item ``i`` of what was saved are shown on row ``i`` of the table."""
        shown: list[Problem] = []
        rows = self._rows
        for p in problems:
            if p.field.startswith("items["):
                i = int(p.field[len("items[") : p.field.index("]")])
                rest = p.field[p.field.index("]") + 1 :]
                r = rows[i] if i < len(rows) else i
                p = replace(p, field=f"items[{r}]{rest}")
                if rest == ".target_date":
                    mark_error(self.dates[r], p.message())
            elif len(rows) == 1 and p.field == "target_date":
                mark_error(self.dates[rows[0]], p.message())
            shown.append(p)
        self.set_problems(shown)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Draft the adaptation plan"))
        self.intro.setText(
            _(
                "Suggested for the family and each member of working age, with the terms in "
                "force today. Untick what the family does not need and correct the dates."
            )
            if self.loaded
            else _("Loading…")
        )
        self.empty.setText(_("The plan already has every suggested item."))
        self.table.setHorizontalHeaderLabels(["", _("For whom"), _("Service"), _("Target date")])
        for r, sg in enumerate(self.suggestions):
            item = self.table.item(r, 1)
            if item is not None and not sg.person_name:
                item.setText(_("Whole family"))
            title = self.table.item(r, 2)
            if title is not None:
                title.setText(self._title(sg))
