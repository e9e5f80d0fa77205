"""The Consultations area: the list of legal consultations filtered in SQL (dates, topic, form,
follow-ups due), and the dialog that records one — for a person, a family, or a group session with
its list of attendees."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import ConsultationForm
from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_, _, ngettext
from oralman_desk.services.consultations import (
    ConsultationFilter,
    ConsultationInput,
    ConsultationRow,
    ConsultationService,
    consultations,
    family_names,
)
from oralman_desk.services.intake import Saved
from oralman_desk.services.plans import PlanItemRow

from .context import AppContext
from .form_dialog import FieldsDialog
from .person_search import PersonSearch
from .qt_i18n import Retranslatable
from .widgets import DateField, RefCombo
from .worker import Op

ID_ROLE = Qt.ItemDataRole.UserRole


def topics_text(ctx: AppContext, codes: tuple[str, ...]) -> str:
    return "; ".join(ctx.ref.name("consultation_topic", c) for c in codes)


class ConsultationDialog(FieldsDialog):
    """Record a consultation. From a family card the family's members are listed (the head
    ticked); anyone else is found by name, IIN or document number and added to the list."""

    def __init__(
        self,
        ctx: AppContext,
        household_id: uuid.UUID | None = None,
        group: bool = False,
        parent: QWidget | None = None,
        plan_item: PlanItemRow | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        # Started from a family's plan: its member ticked, its topic chosen, the item fulfilled.
        self.plan_item = plan_item
        self.resize(820, 720)
        self.date = DateField(optional=False)
        self.form_combo = QComboBox()
        for form in ConsultationForm:
            self.form_combo.addItem("", form.value)
        self.form_combo.setCurrentIndex(
            self.form_combo.findData(
                (ConsultationForm.GROUP if group else ConsultationForm.IN_PERSON).value
            )
        )
        self.consultant = QLineEdit(str(ctx.settings.value("user/name") or ctx.db.user or ""))
        self.people = QListWidget()
        self.people.setMinimumHeight(110)
        self.search = PersonSearch(ctx, self, limit=20, select_first=False)
        self.find, self.found = self.search.find, self.search.found
        self.found.setMaximumHeight(100)
        self.found.itemActivated.connect(self._add_found)
        self.found.itemDoubleClicked.connect(self._add_found)
        self.topics = QListWidget()
        self.topics.setMinimumHeight(150)
        for item in ctx.ref.items("consultation_topic"):
            it = QListWidgetItem(item.name())
            it.setData(ID_ROLE, item.code)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.topics.addItem(it)
        self.question = QPlainTextEdit()
        self.answer = QPlainTextEdit()
        for w in (self.question, self.answer):
            w.setTabChangesFocus(True)
            w.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.documents = QLineEdit()
        self.follow_up = DateField()

        self.add_field("date", self.date)
        self.add_field("form", self.form_combo)
        self.add_field("consultant", self.consultant)
        self.add_field("person_ids", self.people)
        self.add_field("find_person", self.find, N_("Add a person"))
        self.form.addRow("", self.found)
        self.add_field("topics", self.topics)
        self.add_field("question", self.question)
        self.add_field("answer", self.answer)
        self.add_field("documents_given", self.documents)
        self.add_field("follow_up_date", self.follow_up)
        if plan_item is not None and plan_item.topic:
            self.set_topics([plan_item.topic])
        self.finish(self.follow_up)
        if household_id is not None:
            db = ctx.db
            Op(self, lambda: family_names(db, household_id)).success(self._family).run()

    def _family(self, members: object) -> None:
        assert isinstance(members, list)
        planned = self.plan_item.person_id if self.plan_item else None
        for i, (pid, name) in enumerate(members):
            self.add_person(pid, name, checked=pid == planned if planned else i == 0)
        self.remember_initial()

    def add_person(self, person_id: uuid.UUID, name: str, checked: bool = True) -> None:
        for i in range(self.people.count()):
            if self.people.item(i).data(ID_ROLE) == person_id:
                self.people.item(i).setCheckState(Qt.CheckState.Checked)
                return
        it = QListWidgetItem(name)
        it.setData(ID_ROLE, person_id)
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.people.addItem(it)

    def _add_found(self, item: QListWidgetItem) -> None:
        chosen = PersonSearch.person_of(item)
        if chosen is not None:
            self.add_person(*chosen)

    def chosen(self, widget: QListWidget) -> list[object]:
        return [
            widget.item(i).data(ID_ROLE)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_topics(self, codes: list[str]) -> None:
        for i in range(self.topics.count()):
            it = self.topics.item(i)
            it.setCheckState(
                Qt.CheckState.Checked if it.data(ID_ROLE) in codes else Qt.CheckState.Unchecked
            )

    def to_input(self) -> ConsultationInput:
        return ConsultationInput(
            date=self.date.value(),
            form=ConsultationForm(self.form_combo.currentData()),
            consultant=self.consultant.text(),
            topics=[str(c) for c in self.chosen(self.topics)],
            person_ids=[p for p in self.chosen(self.people) if isinstance(p, uuid.UUID)],
            question=self.question.toPlainText(),
            answer=self.answer.toPlainText(),
            documents_given=self.documents.text(),
            follow_up_date=self.follow_up.value(),
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref, hid = self.to_input(), self.ctx.db, self.ctx.ref, self.household_id
        item_id = self.plan_item.id if self.plan_item else None

        def work() -> Saved:
            cid = ConsultationService(db, ref).record(data, plan_item_id=item_id)
            return Saved(hid or cid, 0, tuple(data.person_ids), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Legal consultation"))
        for i in range(self.form_combo.count()):
            self.form_combo.setItemText(
                i, domain.label(ConsultationForm(self.form_combo.itemData(i)))
            )
        for i in range(self.topics.count()):
            it = self.topics.item(i)
            it.setText(self.ctx.ref.name("consultation_topic", it.data(ID_ROLE)))
        self.search.retranslate()


class ConsultationsPage(Retranslatable, QWidget):
    open_family = Signal(object)

    COLUMNS = (
        N_("Date"),
        N_("Form"),
        N_("Topics"),
        N_("Who was consulted"),
        N_("Consultant"),
        N_("Question"),
        N_("Follow-up date"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ConsultationRow] = []
        self.dialog: QWidget | None = None
        self._request = 0
        today = dt.date.today()
        self.date_from = DateField()
        self.date_from.set_value(today.replace(day=1))
        self.date_to = DateField()
        self.topic = RefCombo(ctx.ref, "consultation_topic", optional=True, blank=N_("Any topic"))
        self.form_filter = QComboBox()
        self.form_filter.addItem("", None)
        for form in ConsultationForm:
            self.form_filter.addItem("", form.value)
        self.due = QCheckBox()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.new_button = QPushButton()
        self.group_button = QPushButton()
        self.done_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.new_consultation())
        self.group_button.clicked.connect(lambda: self.new_consultation(group=True))
        self.done_button.clicked.connect(lambda: self.mark_done())
        self.count = QLabel()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        for w in (self.date_from, self.date_to):
            w.date_changed.connect(self.reload)
        self.topic.currentIndexChanged.connect(lambda _i: self.reload())
        self.form_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.due.toggled.connect(lambda _c: self.reload())
        bar = QHBoxLayout()
        for w in (
            self.from_label,
            self.date_from,
            self.to_label,
            self.date_to,
            self.topic,
            self.form_filter,
            self.due,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        actions = QHBoxLayout()
        for b in (self.new_button, self.group_button, self.done_button):
            actions.addWidget(b)
        actions.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(actions)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)
        ctx.changed.connect(lambda _s: self.reload())
        ctx.reference_changed.connect(self.render)
        self.retranslate()
        self.reload()

    def current_filter(self) -> ConsultationFilter:
        form = self.form_filter.currentData()
        if self.due.isChecked():
            return ConsultationFilter(follow_ups_due_by=dt.date.today())
        return ConsultationFilter(
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            topic=self.topic.code(),
            form=ConsultationForm(form) if form else None,
        )

    def reload(self) -> None:
        self._request += 1
        request, db, f = self._request, self.ctx.db, self.current_filter()
        Op(self, lambda: consultations(db, f)).success(
            lambda rows, r=request: self._loaded(r, rows)
        ).run()

    def _loaded(self, request: int, rows: object) -> None:
        if request != self._request:
            return
        assert isinstance(rows, list)
        self.rows = rows
        self.render()

    def render(self) -> None:
        t = self.table
        t.setRowCount(len(self.rows))
        today = dt.date.today()
        for r, row in enumerate(self.rows):
            follow = ""
            if row.follow_up_date is not None:
                follow = short_date(row.follow_up_date)
                if row.follow_up_done is not None:
                    follow = _("{date} (done)").format(date=follow)
            cells = [
                short_date(row.date),
                domain.label(row.form),
                topics_text(self.ctx, row.topics),
                ", ".join(row.attendees[:3])
                + (
                    " "
                    + ngettext("and {n} more", "and {n} more", len(row.attendees) - 3).format(
                        n=len(row.attendees) - 3
                    )
                    if len(row.attendees) > 3
                    else ""
                ),
                row.consultant,
                row.question,
                follow,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if (
                    c == 6
                    and row.follow_up_open
                    and row.follow_up_date
                    and row.follow_up_date <= today
                ):
                    item.setForeground(Qt.GlobalColor.darkRed)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        for c in (2, 3, 5):
            t.setColumnWidth(c, min(t.columnWidth(c), 280))
        self.count.setText(
            ngettext("{n} consultation", "{n} consultations", len(self.rows)).format(
                n=len(self.rows)
            )
        )
        self._update_buttons()

    def selected(self) -> ConsultationRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _update_buttons(self) -> None:
        sel = self.selected()
        self.done_button.setEnabled(sel is not None and sel.follow_up_open)

    def _double_clicked(self, row: int, _col: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row].household_ids:
            self.open_family.emit(self.rows[row].household_ids[0])

    def new_consultation(
        self, household_id: uuid.UUID | None = None, group: bool = False
    ) -> ConsultationDialog:
        dialog = ConsultationDialog(self.ctx, household_id, group, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def mark_done(self) -> None:
        sel = self.selected()
        if sel is None:
            return
        db, ref, cid = self.ctx.db, self.ctx.ref, sel.id

        def work() -> Saved:
            ConsultationService(db, ref).follow_up_done(cid, dt.date.today())
            return Saved(sel.household_ids[0] if sel.household_ids else cid, 0, (), 0)

        Op(self, work).success(self.ctx.changed.emit).run()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.from_label.setText(_("Period from"))
        self.to_label.setText(_("to"))
        self.form_filter.setItemText(0, _("Any form"))
        for i in range(1, self.form_filter.count()):
            self.form_filter.setItemText(
                i, domain.label(ConsultationForm(self.form_filter.itemData(i)))
            )
        self.due.setText(_("Follow-ups due"))
        self.new_button.setText(_("New consultation…"))
        self.group_button.setText(_("Group session…"))
        self.done_button.setText(_("Follow-up done"))
        self.render()
