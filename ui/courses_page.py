"""The Courses area: groups of language courses and vocational training, and the attendance
journal that looks like the paper one — people as rows, lessons as columns.

Marking is quick from the keyboard: move with the arrows, Space or + marks present, - or N absent,
Delete clears; the cursor then moves down to the next person, as a teacher goes down the column.
Each mark is saved on a worker thread (one small write) and shown at once; a refusal puts the cell
back and says why.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import CourseKind, EnrolmentStatus
from oralman_desk.formatting import month_title, short_date
from oralman_desk.i18n import N_, _, current_language
from oralman_desk.services.courses import (
    CourseInput,
    CourseRow,
    CourseService,
    GroupInput,
    GroupRow,
    Journal,
    JournalRow,
    courses,
    groups,
    journal,
)
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import Saved
from oralman_desk.services.plans import PlanItemRow

from .context import AppContext
from .errors import show_error
from .form_dialog import FieldsDialog
from .person_search import PersonSearch
from .printing import save_and_open
from .qt_i18n import Retranslatable
from .widgets import DateField, RefCombo
from .worker import Op

PRESENT_MARK = "✓"
ABSENT = QColor("#f6d5d5")
PRESENT = QColor("#d8efd8")
FIXED_COLUMNS = 3  # name, status, hours
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def hours_text(h: float) -> str:
    return f"{h:g}"


# ---- the journal -----------------------------------------------------------------------------


class JournalModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.data_: Journal | None = None

    def set_journal(self, j: Journal | None) -> None:
        self.beginResetModel()
        self.data_ = j
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else len(self.data_.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return (
            0 if parent.isValid() or self.data_ is None else FIXED_COLUMNS + len(self.data_.lessons)
        )

    def row(self, r: int) -> JournalRow | None:
        return self.data_.rows[r] if self.data_ and 0 <= r < len(self.data_.rows) else None

    def lesson_id(self, column: int) -> uuid.UUID | None:
        if self.data_ is None or column < FIXED_COLUMNS:
            return None
        i = column - FIXED_COLUMNS
        return self.data_.lessons[i].id if i < len(self.data_.lessons) else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row(index.row())
        if row is None or self.data_ is None:
            return None
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return row.name
            if c == 1:
                return domain.label(row.status)
            if c == 2:
                return hours_text(row.hours_attended(self.data_.lessons))
            mark = row.marks.get(self.lesson_id(c) or uuid.UUID(int=0))
            return "" if mark is None else PRESENT_MARK if mark else _("abs.")
        if role == Qt.ItemDataRole.BackgroundRole and c >= FIXED_COLUMNS:
            mark = row.marks.get(self.lesson_id(c) or uuid.UUID(int=0))
            if mark is not None:
                return QBrush(PRESENT if mark else ABSENT)
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.status is EnrolmentStatus.WAITING:
            return QBrush(QColor("#777777"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return _("Full name")
        if section == 1:
            return _("Status")
        if section == 2:
            return _("Hours")
        if self.data_ is not None and section - FIXED_COLUMNS < len(self.data_.lessons):
            d = self.data_.lessons[section - FIXED_COLUMNS].date
            return f"{d.day:02d}.{d.month:02d}"
        return None

    def set_mark(self, r: int, column: int, value: bool | None) -> bool | None:
        """Show a mark at once; returns the previous one (to put back if the save fails)."""
        row = self.row(r)
        lesson = self.lesson_id(column)
        if row is None or lesson is None:
            return None
        before = row.marks.get(lesson)
        if value is None:
            row.marks.pop(lesson, None)
        else:
            row.marks[lesson] = value
        # Repaint the two cells that changed (the mark and the hours), not the row between them.
        for c in (2, column):
            self.dataChanged.emit(self.index(r, c), self.index(r, c))
        return before


class JournalTable(QTableView):
    mark_requested = Signal(int, int, object)  # row, column, True/False/None

    KEYS: ClassVar[dict[int, bool | None]] = {
        Qt.Key.Key_Space: True,
        Qt.Key.Key_Plus: True,
        Qt.Key.Key_Minus: False,
        Qt.Key.Key_N: False,
        Qt.Key.Key_Delete: None,
        Qt.Key.Key_Backspace: None,
    }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        key = event.key()
        if index.isValid() and index.column() >= FIXED_COLUMNS and key in self.KEYS:
            self.mark_requested.emit(index.row(), index.column(), self.KEYS[key])
            below = self.model().index(index.row() + 1, index.column())
            if below.isValid():
                self.setCurrentIndex(below)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: Any) -> None:
        super().mousePressEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() >= FIXED_COLUMNS:
            model = self.model()
            assert isinstance(model, JournalModel)
            row = model.row(index.row())
            lesson = model.lesson_id(index.column())
            if row is not None and lesson is not None:
                current = row.marks.get(lesson)
                # A click cycles: empty → present → absent → empty.
                nxt = True if current is None else (False if current else None)
                self.mark_requested.emit(index.row(), index.column(), nxt)


class JournalView(Retranslatable, QWidget):
    open_family = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.group_id: uuid.UUID | None = None
        self.dialog: QWidget | None = None
        self._request = 0
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.model = JournalModel()
        self.table = JournalTable()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(46)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.mark_requested.connect(self.mark)
        self.table.doubleClicked.connect(self._double_clicked)
        self.enrol_button = QPushButton()
        self.complete_button = QPushButton()
        self.drop_button = QPushButton()
        self.enrol_button.clicked.connect(lambda: self.enrol())
        self.complete_button.clicked.connect(lambda: self.complete())
        self.drop_button.clicked.connect(lambda: self.drop())
        self.certificate_button = QPushButton()
        self.certificate_button.clicked.connect(lambda: self.print_certificate())
        # The sheet is printed for a month: the button's menu lists the group's months.
        self.sheet_button = QPushButton()
        self.sheet_menu = QMenu(self.sheet_button)
        self.sheet_button.setMenu(self.sheet_menu)
        bar = QHBoxLayout()
        for b in (self.enrol_button, self.complete_button, self.drop_button):
            bar.addWidget(b)
        bar.addStretch(1)
        # The printouts on a row of their own: five buttons in one row are too wide in Kazakh.
        papers = QHBoxLayout()
        papers.addWidget(self.certificate_button)
        papers.addWidget(self.sheet_button)
        papers.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.details)
        lay.addLayout(bar)
        lay.addLayout(papers)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.hint)
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        ctx.changed.connect(self._changed)
        self.retranslate()

    # -- loading

    def load(self, group_id: uuid.UUID | None) -> None:
        self.group_id = group_id
        if group_id is None:
            self.model.set_journal(None)
            self.render_header()
            return
        self._request += 1
        request, db = self._request, self.ctx.db
        Op(self, lambda: journal(db, group_id)).success(
            lambda j, r=request: self._loaded(r, j)
        ).run()

    def _loaded(self, request: int, j: object) -> None:
        if request != self._request:
            return
        assert isinstance(j, Journal)
        if not self.ctx.marking_prepared:
            # The first mark then saves as quickly as the others (nothing is written).
            self.ctx.marking_prepared = True
            # Started once the journal is drawn, so that it does not slow the drawing down.
            db, ref, gid = self.ctx.db, self.ctx.ref, j.group.id
            QTimer.singleShot(
                250,
                self,
                lambda: Op(self, lambda: CourseService(db, ref).prepare_marking(gid)).run(),
            )
        current = self.table.currentIndex()
        self.model.set_journal(j)
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 50)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.render_header()

    def _changed(self, saved: object) -> None:
        if (
            self.group_id is not None
            and isinstance(saved, Saved)
            and saved.household_id == self.group_id
        ):
            self.load(self.group_id)

    def render_header(self) -> None:
        j = self.model.data_
        if j is None:
            self.title.setText(_("Choose a group on the left."))
            self.details.setText("")
            self._fill_sheet_menu()
            self._update_buttons()
            return
        g = j.group
        days = ", ".join(_(WEEKDAYS[d - 1]) for d in g.weekdays)
        self.title.setText(f"{g.course.name()} — {g.name}")
        self.details.setText(
            _(
                "{kind}; teacher: {teacher}; {start} – {end}; {schedule}; room {room}; "
                "places: {enrolled} of {capacity}, waiting: {waiting}"
            ).format(
                kind=domain.label(g.course.kind),
                teacher=g.teacher or "—",
                start=short_date(g.start_date),
                end=short_date(g.end_date),
                schedule=" ".join(
                    x for x in (days, f"{g.time_from}–{g.time_to}" if g.time_from else "") if x
                ),
                room=g.room or "—",
                enrolled=g.enrolled,
                capacity=g.capacity,
                waiting=g.waiting,
            )
        )
        self._fill_sheet_menu()
        self._update_buttons()

    # -- marking

    def mark(self, r: int, column: int, value: object) -> None:
        row = self.model.row(r)
        lesson = self.model.lesson_id(column)
        if row is None or lesson is None:
            return
        present = value if isinstance(value, bool) else None
        before = self.model.set_mark(r, column, present)
        db, ref, eid = self.ctx.db, self.ctx.ref, row.enrolment_id

        def failed(exc: BaseException) -> None:
            self.model.set_mark(r, column, before)
            if isinstance(exc, ValidationError):
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    _("The mark was not saved"),
                    "\n".join(p.message() for p in exc.problems),
                    QMessageBox.StandardButton.Ok,
                    self,
                )
                box.exec()
            else:
                show_error(self, exc)

        Op(self, lambda: CourseService(db, ref).mark(lesson, eid, present)).failure(failed).run()

    # -- actions

    def selected_row(self) -> JournalRow | None:
        return self.model.row(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        row = self.selected_row()
        has = self.model.data_ is not None
        self.enrol_button.setEnabled(has)
        self.complete_button.setEnabled(row is not None and row.status is EnrolmentStatus.ENROLLED)
        self.drop_button.setEnabled(
            row is not None and row.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)
        )
        self.certificate_button.setEnabled(
            row is not None and row.status is EnrolmentStatus.COMPLETED
        )
        self.sheet_button.setEnabled(bool(self.lesson_months()))

    def lesson_months(self) -> list[tuple[int, int]]:
        j = self.model.data_
        if j is None:
            return []
        return sorted({(lesson.date.year, lesson.date.month) for lesson in j.lessons})

    def _fill_sheet_menu(self) -> None:
        self.sheet_menu.clear()
        for year, month in self.lesson_months():
            action = self.sheet_menu.addAction(month_title(year, month))
            action.triggered.connect(lambda _c=False, y=year, m=month: self.print_sheet(y, m))

    def print_certificate(self) -> None:
        row = self.selected_row()
        if row is None or row.status is not EnrolmentStatus.COMPLETED:
            return
        db, lang, eid = self.ctx.db, current_language(), row.enrolment_id

        def render(path: Path) -> None:
            from reports.certificate import render_certificate_pdf

            render_certificate_pdf(db, eid, lang, path)

        number = row.certificate_number.replace("/", "-") or "certificate"
        save_and_open(self, _("certificate-{number}.pdf").format(number=number), render)

    def print_sheet(self, year: int, month: int) -> None:
        if self.group_id is None or self.model.data_ is None:
            return
        db, lang, gid = self.ctx.db, current_language(), self.group_id
        name = self.model.data_.group.name.replace("/", "-")

        def render(path: Path) -> None:
            from reports.attendance_sheet import render_attendance_sheet_pdf

            render_attendance_sheet_pdf(db, gid, year, month, lang, path)

        save_and_open(
            self,
            _("attendance-{group}-{year}-{month:02d}.pdf").format(
                group=name, year=year, month=month
            ),
            render,
        )

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def enrol(self) -> QWidget | None:
        if self.group_id is None:
            return None
        dialog = EnrolDialog(self.ctx, self.group_id, self)
        if (
            self.model.data_ is not None
        ):  # a group that has ended takes late entries on its last day
            dialog.date.set_value(min(dt.date.today(), self.model.data_.group.end_date))
            dialog.remember_initial()
        return self._open(dialog)

    def complete(self) -> QWidget | None:
        row = self.selected_row()
        if row is None or self.group_id is None:
            return None
        return self._open(ResultDialog(self.ctx, self.group_id, row, completed=True, parent=self))

    def drop(self) -> QWidget | None:
        row = self.selected_row()
        if row is None or self.group_id is None:
            return None
        return self._open(ResultDialog(self.ctx, self.group_id, row, completed=False, parent=self))

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() < FIXED_COLUMNS:
            row = self.model.row(index.row())
            if row is not None:
                self.open_family.emit(row.household_id)

    def retranslate(self) -> None:
        self.enrol_button.setText(_("Enrol…"))
        self.complete_button.setText(_("Completed…"))
        self.drop_button.setText(_("Dropped out…"))
        self.certificate_button.setText(_("Print certificate…"))
        self.sheet_button.setText(_("Attendance sheet"))
        self.hint.setText(
            _(
                "Marks: click a cell, or use the arrows and Space (present), minus (absent), "
                "Delete (clear)."
            )
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(self.model.columnCount() - 1, 0)
        )
        self.render_header()


# ---- dialogs ---------------------------------------------------------------------------------


class CourseDialog(FieldsDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind = QComboBox()
        for k in CourseKind:
            self.kind.addItem("", k.value)
        self.name_kk = QLineEdit()
        self.name_ru = QLineEdit()
        self.level = RefCombo(ctx.ref, "language_level", optional=True)
        self.profession = RefCombo(ctx.ref, "profession", optional=True)
        self.hours = QSpinBox()
        self.hours.setRange(1, 2000)
        self.hours.setValue(72)
        self.provider = QLineEdit()
        self.add_field("course_kind", self.kind)
        self.add_field("name_kk", self.name_kk)
        self.add_field("name_ru", self.name_ru)
        self.add_field("level", self.level)
        self.add_field("profession", self.profession)
        self.add_field("hours", self.hours)
        self.add_field("provider", self.provider)
        self.resize(560, 320)
        self.finish(self.provider)

    def to_input(self) -> CourseInput:
        return CourseInput(
            CourseKind(self.kind.currentData()),
            self.name_kk.text(),
            self.name_ru.text(),
            self.hours.value(),
            self.level.code() or "",
            self.profession.code(),
            self.provider.text(),
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref = self.to_input(), self.ctx.db, self.ctx.ref

        def work() -> Saved:
            cid = CourseService(db, ref).add_course(data)
            return Saved(cid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New course"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, domain.label(CourseKind(self.kind.itemData(i))))


class GroupDialog(FieldsDialog):
    def __init__(
        self, ctx: AppContext, catalogue: list[CourseRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.catalogue = catalogue
        self.course = QComboBox()
        for c in catalogue:
            self.course.addItem(c.name(), c.id)
        self.name = QLineEdit()
        self.teacher = QLineEdit()
        self.start = DateField(optional=False)
        self.end = DateField(optional=False)
        self.end.set_value(dt.date.today() + dt.timedelta(days=90))
        days = QWidget()
        dl = QHBoxLayout(days)
        dl.setContentsMargins(0, 0, 0, 0)
        self.day_boxes = [QCheckBox() for _d in WEEKDAYS]
        for i, box in enumerate(self.day_boxes):
            box.setChecked(i in (0, 2, 4))
            dl.addWidget(box)
        dl.addStretch(1)
        time = QWidget()
        tl = QHBoxLayout(time)
        tl.setContentsMargins(0, 0, 0, 0)
        self.time_from = QLineEdit("18:00")
        self.time_to = QLineEdit("20:00")
        for w in (self.time_from, self.time_to):
            w.setInputMask("99:99")
            w.setMaximumWidth(70)
        tl.addWidget(self.time_from)
        tl.addWidget(QLabel("–"))
        tl.addWidget(self.time_to)
        tl.addStretch(1)
        self.session_hours = QDoubleSpinBox()
        self.session_hours.setRange(0.5, 12)
        self.session_hours.setSingleStep(0.5)
        self.session_hours.setValue(2)
        self.room = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 200)
        self.capacity.setValue(15)
        self.add_field("course", self.course)
        self.add_field("group_name", self.name)
        self.add_field("teacher", self.teacher)
        self.add_field("start_date", self.start)
        self.add_field("end_date", self.end)
        self.add_field("weekdays", days)
        self.add_field("time", time)
        self.add_field("session_hours", self.session_hours)
        self.add_field("room_number", self.room)
        self.add_field("capacity", self.capacity)
        self.resize(560, 420)
        self.finish(self.capacity)

    def to_input(self) -> GroupInput:
        return GroupInput(
            self.course.currentData(),
            self.name.text(),
            self.start.value(),
            self.end.value(),
            [i + 1 for i, b in enumerate(self.day_boxes) if b.isChecked()],
            self.capacity.value(),
            self.teacher.text(),
            self.time_from.text().strip(":"),
            self.time_to.text().strip(":"),
            self.session_hours.value(),
            self.room.text(),
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref = self.to_input(), self.ctx.db, self.ctx.ref

        def work() -> Saved:
            gid = CourseService(db, ref).add_group(data)
            return Saved(gid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New group"))
        for box, name in zip(self.day_boxes, WEEKDAYS, strict=True):
            box.setText(_(name))


class EnrolDialog(FieldsDialog):
    """Enrol a person found by any spelling, IIN or document number."""

    def __init__(
        self,
        ctx: AppContext,
        group_id: uuid.UUID,
        parent: QWidget | None = None,
        plan_item: PlanItemRow | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.group_id = group_id
        self.plan_item = plan_item
        self.search = PersonSearch(ctx, self)
        self.find, self.found = self.search.find, self.search.found
        self.found.setMinimumHeight(160)
        self.date = DateField(optional=False)
        self.add_field("find_person", self.find, N_("Find the person"))
        self.add_field("person", self.found)
        self.add_field("date", self.date, N_("Enrolled on"))
        if plan_item is not None and plan_item.person_id is not None:
            # Started from a family's plan: the member is given; the enrolment fulfils the item.
            self.search.set_person(plan_item.person_id, plan_item.person_name)
        self.resize(560, 360)
        self.finish(self.date)

    def person_id(self) -> uuid.UUID | None:
        return self.search.person_id()

    def current_input(self) -> object:
        return (self.person_id(), self.date.value())

    def save(self) -> None:
        pid = self.person_id()
        if pid is None:
            self.show_problems([])
            self.find.setFocus()
            return
        db, ref, gid, day = self.ctx.db, self.ctx.ref, self.group_id, self.date.value()
        item_id = self.plan_item.id if self.plan_item else None

        def work() -> Saved:
            CourseService(db, ref).enrol(gid, pid, day, plan_item_id=item_id)
            return Saved(gid, 0, (pid,), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Enrol in the group"))
        self.search.retranslate()


class ResultDialog(FieldsDialog):
    """Completed (certificate number and grade) or dropped out (reason)."""

    def __init__(
        self,
        ctx: AppContext,
        group_id: uuid.UUID,
        row: JournalRow,
        completed: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.group_id = group_id
        self.row = row
        self.completed = completed
        self.who = QLabel(row.name)
        self.date = DateField(optional=False)
        self.certificate_number = QLineEdit()
        self.grade = QLineEdit()
        self.reason = QLineEdit()
        self.add_field("date", self.date)
        if completed:
            self.add_field("certificate_number", self.certificate_number)
            self.add_field("grade", self.grade)
            last: QWidget = self.grade
        else:
            self.add_field("reason", self.reason)
            last = self.reason
        self.resize(480, 220)
        self.finish(last, above=self.who)

    def current_input(self) -> object:
        return (
            self.date.value(),
            self.certificate_number.text(),
            self.grade.text(),
            self.reason.text(),
        )

    def save(self) -> None:
        db, ref, gid, eid = self.ctx.db, self.ctx.ref, self.group_id, self.row.enrolment_id
        day = self.date.value()
        number, grade, reason = (
            self.certificate_number.text(),
            self.grade.text(),
            self.reason.text(),
        )
        completed = self.completed

        def work() -> Saved:
            svc = CourseService(db, ref)
            if completed:
                svc.complete(eid, day, number, grade)
            else:
                svc.drop(eid, day, reason)
            return Saved(gid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Completed the course") if self.completed else _("Dropped out"))


# ---- the page --------------------------------------------------------------------------------


class CoursesPage(Retranslatable, QWidget):
    open_family = Signal(object)

    COLUMNS = (N_("Group"), N_("Course"), N_("Teacher"), N_("Dates"), N_("Places"), N_("Waiting"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[GroupRow] = []
        self.catalogue: list[CourseRow] = []
        self.dialog: QWidget | None = None
        self.kind = QComboBox()
        self.kind.addItem("", None)
        for k in CourseKind:
            self.kind.addItem("", k.value)
        self.running = QCheckBox()
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.running.toggled.connect(lambda _c: self.reload())
        self.new_course_button = QPushButton()
        self.new_group_button = QPushButton()
        self.new_course_button.clicked.connect(lambda: self.new_course())
        self.new_group_button.clicked.connect(lambda: self.new_group())
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.journal = JournalView(ctx)
        self.journal.open_family.connect(self.open_family.emit)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.running)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_course_button)
        buttons.addWidget(self.new_group_button)
        buttons.addStretch(1)
        ll.addLayout(buttons)
        ll.addLayout(filters)
        ll.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.journal)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 800])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(splitter)
        ctx.changed.connect(lambda _s: self.reload())
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        db = self.ctx.db
        kind = self.kind.currentData()
        active = dt.date.today() if self.running.isChecked() else None
        Op(
            self,
            lambda: (groups(db, active, CourseKind(kind) if kind else None), courses(db)),
        ).success(self._loaded).run()

    def _loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        self.rows, self.catalogue = result
        current = self.journal.group_id
        self.render()
        for r, g in enumerate(self.rows):
            if g.id == current:
                self.table.selectRow(r)

    def render(self) -> None:
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(self.rows))
        for r, g in enumerate(self.rows):
            cells = [
                g.name,
                g.course.name(),
                g.teacher,
                f"{short_date(g.start_date)} – {short_date(g.end_date)}",
                f"{g.enrolled} / {g.capacity}",
                str(g.waiting),
            ]
            for c, text in enumerate(cells):
                t.setItem(r, c, QTableWidgetItem(text))
        t.resizeColumnsToContents()
        t.blockSignals(False)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        gid = self.rows[rows[0].row()].id if rows and rows[0].row() < len(self.rows) else None
        if gid != self.journal.group_id:
            self.journal.load(gid)

    def select_group(self, group_id: uuid.UUID) -> None:
        for r, g in enumerate(self.rows):
            if g.id == group_id:
                self.table.selectRow(r)

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def new_course(self) -> QWidget:
        return self._open(CourseDialog(self.ctx, self))

    def new_group(self) -> QWidget:
        return self._open(GroupDialog(self.ctx, self.catalogue, self))

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.kind.setItemText(0, _("All courses"))
        for i in range(1, self.kind.count()):
            self.kind.setItemText(i, domain.label(CourseKind(self.kind.itemData(i))))
        self.running.setText(_("Running today"))
        self.new_course_button.setText(_("New course…"))
        self.new_group_button.setText(_("New group…"))
        self.render()
