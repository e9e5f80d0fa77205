"""A family's card: who they are, their members and documents, the case status, and the history of
every change (who, when, which field, old → new).

Data comes from ``queries.family_card`` in an ``Op``; the card shows "Loading…" meanwhile and never
waits on the database. It reloads itself when ``ctx.changed`` reports a save that concerns its
family, whoever made it, and emits ``changed`` after a save started from the card.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import domain
from oralman_desk.domain import NEXT_STATUS, CaseStatus, CourseKind, PlanItemKind, PlanState
from oralman_desk.formatting import age_years, short_date
from oralman_desk.i18n import N_, _
from oralman_desk.identity import Sex
from oralman_desk.services.fields import FIELD_LABELS
from oralman_desk.services.intake import IntakeService, Saved
from oralman_desk.services.placement_queries import PlacementData
from oralman_desk.services.plans import COURSE_TITLES, PlanItemRow, progress_text, row_title
from oralman_desk.services.queries import (
    AuditData,
    FamilyCardData,
    NotFound,
    PersonData,
    family_card,
)

from .context import AppContext
from .errors import show_error
from .person_dialogs import AddMemberDialog, EditHouseholdDialog, EditPersonDialog, StatusDialog
from .person_form import SEX_LABELS, label
from .placement_dialogs import (
    CheckInDialog,
    CheckOutDialog,
    ExtendDialog,
    Stay,
    WaitingListDialog,
)
from .plans import PlanTab
from .qt_i18n import Retranslatable
from .widgets import ERROR_COLOUR
from .worker import Op

# Labels of audited columns that are not form fields.
EXTRA_LABELS: dict[str, str] = {
    "head_id": FIELD_LABELS["head"],
    "position": N_("Place in the list of members"),
    "note": N_("Note"),
    "date": FIELD_LABELS["status_date"],
    "start_date": FIELD_LABELS["start_date"],
    "end_date": FIELD_LABELS["end_date"],
    "planned_end": N_("Planned end of stay"),
    "checkout_reason": FIELD_LABELS["checkout_reason"],
    "checkout_note": N_("Note"),
    "new_end": FIELD_LABELS["new_end"],
    "reason": FIELD_LABELS["reason"],
    "approved_by": FIELD_LABELS["approved_by"],
    "requested_on": N_("Asked for a place on"),
    "closed_on": N_("Closed on"),
    # plan items
    "kind": FIELD_LABELS["plan_kind"],
    "person_id": N_("For whom"),
    "consultation_id": N_("Fulfilled by"),
    "enrolment_id": N_("Fulfilled by"),
    "referral_id": N_("Fulfilled by"),
}
# Columns whose values are codes of a classifier.
REF_KINDS: dict[str, str] = {
    "origin_country": "country",
    "previous_country": "country",
    "citizenship": "country",
    "settlement_region": "region",
    "relation": "relation",
    "education": "education_level",
    "profession": "profession",
    "disability": "disability",
    "doc_type": "document_type",
    "language": "language",
    "level": "language_level",
    "checkout_reason": "leave_reason",
    "topic": "consultation_topic",
}
DATE_FIELDS = {
    "arrival_date",
    "birth_date",
    "issue_date",
    "expiry_date",
    "status_date",
    "date",
    "start_date",
    "end_date",
    "planned_end",
    "new_end",
    "previous_end",
    "requested_on",
    "closed_on",
    "target_date",
    "done_on",
}
ACTIONS: dict[str, str] = {
    "insert": N_("Added"),
    "update": N_("Changed"),
    "delete": N_("Removed"),
}
RECORDS: dict[str, str] = {
    "household": N_("Family"),
    "person": N_("Member"),
    "person_document": N_("Document"),
    "person_language": N_("Language"),
    "placement": N_("Stay at the centre"),
    "bed_stay": N_("Bed"),
    "placement_extension": N_("Extension of the stay"),
    "placement_request": N_("Waiting list"),
    "plan_item": N_("Plan item"),
}


def _item(text: str, data: Any = None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        it.setData(Qt.ItemDataRole.UserRole, data)
    return it


def _table(columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.horizontalHeader().setHighlightSections(False)
    return t


def _value_label() -> QLabel:
    lbl = QLabel()
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lbl.setWordWrap(True)
    return lbl


class FamilyCard(Retranslatable, QWidget):
    """The card of one family. ``load(household_id)`` shows it (asynchronously)."""

    changed = Signal()
    open_person = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: FamilyCardData | None = None
        self.dialog: QWidget | None = None
        self._household_id: uuid.UUID | None = None
        self._request = 0
        self._loading = False
        self._failed: BaseException | None = None
        self._busy = False

        # Page 0: nothing loaded yet (loading, or the family is gone). Page 1: the card.
        self.pages = QStackedWidget()
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.pages.addWidget(self.placeholder)
        content = QWidget()
        self.pages.addWidget(content)

        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.4)
        self.title.setFont(f)
        self.loading_label = QLabel()
        self.loading_label.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.loading_label)

        self.header_labels: dict[str, QLabel] = {}
        self.header_values: dict[str, QLabel] = {}
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in ("arrival_date", "origin_country", "previous_country", "settlement_region"):
            self._header_row(left, name)
        for name in ("status", "phone", "address", "notes"):
            self._header_row(right, name)
        header = QHBoxLayout()
        header.addLayout(left, 1)
        header.addSpacing(16)
        header.addLayout(right, 1)

        self.edit_family_button = QPushButton()
        self.add_member_button = QPushButton()
        self.edit_member_button = QPushButton()
        self.remove_member_button = QPushButton()
        self.status_button = QPushButton()
        self.edit_family_button.clicked.connect(lambda: self.edit_family())
        self.add_member_button.clicked.connect(lambda: self.add_member())
        self.edit_member_button.clicked.connect(lambda: self.edit_member())
        self.remove_member_button.clicked.connect(lambda: self.remove_member())
        self.status_button.clicked.connect(lambda: self.move_status())
        buttons = QHBoxLayout()
        for b in (
            self.edit_family_button,
            self.add_member_button,
            self.edit_member_button,
            self.remove_member_button,
            self.status_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)

        # Members, and the selected member's details and documents.
        self.members_table = _table(9)
        self.members_table.itemSelectionChanged.connect(self._member_selected)
        self.members_table.itemDoubleClicked.connect(lambda _i: self.edit_member())
        self.members_table.horizontalHeader().setStretchLastSection(False)
        self.member_box = QGroupBox()
        self.member_labels: dict[str, QLabel] = {}
        self.member_values: dict[str, QLabel] = {}
        details = QGridLayout()
        for i, name in enumerate(
            (
                "citizenship",
                "ethnic_kazakh",
                "education",
                "profession",
                "disability",
                "phone",
                "languages",
            )
        ):
            lbl = QLabel()
            val = _value_label()
            self.member_labels[name] = lbl
            self.member_values[name] = val
            r, c = (i % 4), (i // 4) * 2
            details.addWidget(lbl, r, c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            details.addWidget(val, r, c + 1)
        details.setColumnStretch(1, 1)
        details.setColumnStretch(3, 1)
        self.documents_table = _table(5)
        self.documents_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        dh = self.documents_table.horizontalHeader()
        dh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        dh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the issuer is the long one
        dh.setStretchLastSection(False)
        ml = QVBoxLayout(self.member_box)
        ml.addLayout(details)
        ml.addWidget(self.documents_table, 1)
        members_page = QSplitter(Qt.Orientation.Vertical)
        members_page.setChildrenCollapsible(False)
        members_page.addWidget(self.members_table)
        members_page.addWidget(self.member_box)
        members_page.setSizes([260, 300])

        self.status_table = _table(4)
        sh = self.status_table.horizontalHeader()
        sh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        sh.setStretchLastSection(True)

        self.history = QTreeWidget()
        self.history.setColumnCount(4)
        self.history.setAlternatingRowColors(True)
        self.history.setUniformRowHeights(False)
        self.history.setWordWrap(True)
        hh = self.history.header()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        self.history.setColumnWidth(2, 300)

        # Stays at the centre: each member's placement, its beds and extensions.
        self.placements = QTreeWidget()
        self.placements.setColumnCount(5)
        self.placements.itemSelectionChanged.connect(self._update_buttons)
        self.check_in_button = QPushButton()
        self.check_out_button = QPushButton()
        self.extend_button = QPushButton()
        self.waiting_button = QPushButton()
        self.check_in_button.clicked.connect(lambda: self.check_in())
        self.check_out_button.clicked.connect(lambda: self.check_out())
        self.extend_button.clicked.connect(lambda: self.extend_stay())
        self.waiting_button.clicked.connect(lambda: self.put_on_waiting_list())
        placement_page = QWidget()
        pp = QVBoxLayout(placement_page)
        pbar = QHBoxLayout()
        for b in (
            self.check_in_button,
            self.check_out_button,
            self.extend_button,
            self.waiting_button,
        ):
            pbar.addWidget(b)
        pbar.addStretch(1)
        pp.addLayout(pbar)
        pp.addWidget(self.placements, 1)

        # Services: consultations (and, as they land, courses and employment), newest first.
        self.services = QTreeWidget()
        self.services.setColumnCount(4)
        self.services.setWordWrap(True)
        self.consult_button = QPushButton()
        self.consult_button.clicked.connect(lambda: self.new_consultation())
        self.refer_button = QPushButton()
        self.refer_button.clicked.connect(lambda: self.new_referral())
        services_page = QWidget()
        sp = QVBoxLayout(services_page)
        sbar = QHBoxLayout()
        sbar.addWidget(self.consult_button)
        sbar.addWidget(self.refer_button)
        sbar.addStretch(1)
        sp.addLayout(sbar)
        sp.addWidget(self.services, 1)

        # The individual adaptation plan: staff start services from its items.
        self.plan_tab = PlanTab(ctx)
        self.plan_tab.saved.connect(self._plan_saved)
        # The plan's progress in one line, under the family's details.
        self.plan_line = QLabel()
        self.plan_line.setWordWrap(True)
        self.plan_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.plan_line.font()
        bold.setBold(True)
        self.plan_line.setFont(bold)

        self.tabs = QTabWidget()
        self.tabs.addTab(members_page, "")
        self.tabs.addTab(self.status_table, "")
        self.tabs.addTab(placement_page, "")
        self.tabs.addTab(self.plan_tab, "")
        self.tabs.addTab(services_page, "")
        self.tabs.addTab(self.history, "")

        cl = QVBoxLayout(content)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(top)
        cl.addLayout(header)
        cl.addWidget(self.plan_line)
        cl.addLayout(buttons)
        cl.addWidget(self.tabs, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)

        ctx.changed.connect(self._ctx_changed)
        ctx.reference_changed.connect(self._render)
        self.retranslate()
        self._update_buttons()

    def _header_row(self, form: QFormLayout, name: str) -> None:
        lbl = QLabel()
        val = _value_label()
        self.header_labels[name] = lbl
        self.header_values[name] = val
        form.addRow(lbl, val)

    # ---- loading

    @property
    def household_id(self) -> uuid.UUID | None:
        return self._household_id

    @property
    def is_loading(self) -> bool:
        return self._loading

    def load(self, household_id: uuid.UUID) -> None:
        """Show this family (reads in the background; a newer load wins over an older one)."""
        if self.data is None or self.data.household.id != household_id:
            self.data = None
            self.pages.setCurrentIndex(0)
        self._household_id = household_id
        self._failed = None
        self._loading = True
        self._request += 1
        request = self._request
        self._render_placeholder()
        self.loading_label.setVisible(True)
        self._update_buttons()
        db = self.ctx.db
        Op(self, lambda: family_card(db, household_id)).success(
            lambda data, r=request: self._loaded(r, data)
        ).failure(lambda exc, r=request: self._load_failed(r, exc)).run()

    def reload(self) -> None:
        if self._household_id is not None:
            self.load(self._household_id)

    def _loaded(self, request: int, data: object) -> None:
        if request != self._request:
            return
        assert isinstance(data, FamilyCardData)
        selected = self.selected_member()
        self._loading = False
        self.data = data
        self.loading_label.setVisible(False)
        self._render(keep=selected.id if selected else None)
        self.pages.setCurrentIndex(1)

    def _load_failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._loading = False
        self.loading_label.setVisible(False)
        self.data = None
        self._failed = exc
        self.pages.setCurrentIndex(0)
        self._render_placeholder()
        self._update_buttons()
        if not isinstance(exc, NotFound):
            show_error(self, exc)

    def _ctx_changed(self, saved: object) -> None:
        if self._household_id is None:
            return
        if saved is None or (isinstance(saved, Saved) and saved.household_id == self._household_id):
            self.reload()

    # ---- rendering

    def retranslate(self) -> None:
        self.tabs.setTabText(0, label("members"))
        self.tabs.setTabText(1, _("Case status"))
        self.tabs.setTabText(2, _("Placement"))
        self.tabs.setTabText(3, _("Plan"))
        self.tabs.setTabText(4, _("Services"))
        self.tabs.setTabText(5, _("History"))
        self.services.setHeaderLabels([_("Date"), _("Service"), _("Who"), _("Details")])
        self.consult_button.setText(_("New consultation…"))
        self.refer_button.setText(_("Refer to a job…"))
        self.placements.setHeaderLabels(
            [_("Name"), _("Room and bed"), _("From"), _("Planned end"), _("Left")]
        )
        self.check_in_button.setText(_("Check in…"))
        self.check_out_button.setText(_("Check out…"))
        self.extend_button.setText(_("Extend the stay…"))
        self.waiting_button.setText(_("Waiting list…"))
        self.loading_label.setText(_("Loading…"))
        self.edit_family_button.setText(_("Edit family"))
        self.add_member_button.setText(_("Add member"))
        self.edit_member_button.setText(_("Edit member"))
        self.remove_member_button.setText(_("Remove member"))
        self.status_button.setText(_("Move status"))
        for name, lbl in self.header_labels.items():
            lbl.setText(label(name) + ":")
        for name, lbl in self.member_labels.items():
            lbl.setText(label(name) + ":")
        self.members_table.setHorizontalHeaderLabels(
            [
                _("No."),
                _("Name"),
                _("Name (Latin)"),
                # The column's short name; the head of the family is the row in bold.
                _("Relation"),
                label("sex"),
                label("birth_date"),
                _("Age"),
                _("Age group"),
                label("iin"),
            ]
        )
        self.documents_table.setHorizontalHeaderLabels(
            [label(n) for n in ("doc_type", "number", "issuer", "issue_date", "expiry_date")]
        )
        self.status_table.setHorizontalHeaderLabels(
            [
                label("status"),
                label("status_date"),
                label("document_number"),
                _("Note"),
            ]
        )
        self.history.setHeaderLabels([_("When"), _("Who"), _("What"), _("Change")])
        self._render_placeholder()
        self._render()

    def _render_placeholder(self) -> None:
        if self._loading:
            self.placeholder.setText(_("Loading…"))
        elif isinstance(self._failed, NotFound):
            self.placeholder.setText(_("This family was removed or does not exist."))
        elif self._failed is not None:
            self.placeholder.setText(_("The family could not be read."))
        else:
            self.placeholder.setText(_("Choose a family to see its card."))

    def _render(self, keep: uuid.UUID | None = None) -> None:
        data = self.data
        if data is None:
            self._update_buttons()
            return
        if keep is None:
            sel = self.selected_member()
            keep = sel.id if sel else None
        ref = self.ctx.ref
        hh = data.household
        self.title.setText(_("Family No. {num}").format(num=hh.num))
        on = hh.arrival_date
        values = {
            "arrival_date": short_date(hh.arrival_date),
            "origin_country": ref.name("country", hh.origin_country, on=on),
            "previous_country": ref.name("country", hh.previous_country, on=on) or "—",
            "settlement_region": ref.name("region", hh.settlement_region, on=on) or "—",
            "status": _("{status} since {date}").format(
                status=domain.label(hh.status), date=short_date(hh.status_date)
            ),
            "phone": hh.phone or "—",
            "address": hh.address or "—",
            "notes": hh.notes or "—",
        }
        for name, text in values.items():
            self.header_values[name].setText(text)

        t = self.members_table
        t.blockSignals(True)
        t.setRowCount(len(data.members))
        keep_row = 0
        for r, m in enumerate(data.members):
            group = ref.age_group(m.birth_date, m.sex)
            cells = [
                str(r + 1),
                m.full_name,
                m.full_name_latin,
                ref.name("relation", m.relation, on=on),
                _(SEX_LABELS[m.sex]),
                short_date(m.birth_date),
                str(age_years(m.birth_date)),
                domain.label(group),
                m.iin or "",
            ]
            for c, text in enumerate(cells):
                it = _item(text, m.id if c == 0 else None)
                if m.is_head:
                    f = QFont(it.font())
                    f.setBold(True)
                    it.setFont(f)
                if m.is_head:
                    it.setToolTip(_("Head of family"))
                t.setItem(r, c, it)
            if m.id == keep:
                keep_row = r
        t.resizeColumnsToContents()
        # The name in Kazakh is what staff read: it gets its full width. The passport spelling and
        # the relation are capped so the IIN stays in view.
        header = t.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            t.setColumnWidth(col, min(t.columnWidth(col), 150))
        t.blockSignals(False)
        if data.members:
            t.selectRow(keep_row)
        self._member_selected()

        st = self.status_table
        st.setRowCount(len(data.statuses))
        for r, s in enumerate(data.statuses):
            st.setItem(r, 0, _item(domain.label(s.status)))
            st.setItem(r, 1, _item(short_date(s.date)))
            st.setItem(r, 2, _item(s.document_number))
            st.setItem(r, 3, _item(s.note))
        self._render_history(data)
        self._render_placements(data)
        self._render_plan(data)
        self._render_services(data)
        self._update_buttons()

    def _render_plan(self, data: FamilyCardData) -> None:
        if data.plan_progress is None:
            text = _("No adaptation plan yet.")
        else:
            line = progress_text(data.plan_progress, self.ctx.ref)
            text = _("Adaptation plan: {progress}").format(progress=line)
        self.plan_line.setText(text)
        # Late items make the line red, so nobody misses them on the card.
        late = data.plan_progress is not None and data.plan_progress.late > 0
        style = f"color: {ERROR_COLOUR};" if late else ""
        self.plan_line.setStyleSheet(style)
        self.plan_tab.render(data)

    def _plan_saved(self) -> None:
        self.reload()
        self.changed.emit()

    def _planned(self, data: FamilyCardData, record_id: uuid.UUID) -> str:
        """ "By the plan: Kazakh course, by 02.04.2026" for a service that fulfils a plan item."""
        items: list[PlanItemRow] = [p for p in data.plan if p.linked_id == record_id]
        return "\n".join(
            _("By the plan: {item}, by {date}").format(
                item=row_title(p, self.ctx.ref), date=short_date(p.target_date)
            )
            for p in items
        )

    def _render_services(self, data: FamilyCardData) -> None:
        self.services.clear()
        ref = self.ctx.ref
        entries: list[tuple[dt.date, QTreeWidgetItem]] = []
        for st in data.studies:
            result = domain.label(st.status)
            if st.certificate_number:
                result = _("{status}, certificate No. {number}").format(
                    status=result, number=st.certificate_number
                )
            elif st.drop_reason:
                result = f"{result}: {st.drop_reason}"
            study = QTreeWidgetItem(
                [
                    short_date(st.enrolled_on),
                    _("Course: {course}, group {group}").format(
                        course=st.course.name(), group=st.group
                    ),
                    st.name,
                    "\n".join(
                        x
                        for x in (
                            _("{result}; attended {hours} h of {total}").format(
                                result=result, hours=f"{st.hours_attended:g}", total=st.course.hours
                            ),
                            self._planned(data, st.enrolment_id),
                        )
                        if x
                    ),
                ]
            )
            entries.append((st.enrolled_on, study))
        for rf in data.referrals:
            outcome = domain.label(rf.status)
            if rf.employed_on is not None:
                outcome = _("{outcome} on {date}").format(
                    outcome=outcome, date=short_date(rf.employed_on)
                )
            checks = "; ".join(
                _("after {months} months: {answer}").format(
                    months=m,
                    answer=(_("still employed") if still else _("not employed"))
                    if checked
                    else _("due {date}").format(date=short_date(due)),
                )
                for m, due, checked, still in rf.follow_ups
            )
            entries.append(
                (
                    rf.date,
                    QTreeWidgetItem(
                        [
                            short_date(rf.date),
                            _("Referral No. {num}: {where}, {profession}").format(
                                num=rf.number,
                                where=rf.employer or domain.label(rf.target),
                                profession=ref.name("profession", rf.profession) or "—",
                            ),
                            rf.name,
                            "\n".join(
                                x
                                for x in (
                                    "; ".join(x for x in (outcome, checks) if x),
                                    self._planned(data, rf.id),
                                )
                                if x
                            ),
                        ]
                    ),
                )
            )
        for c in data.consultations:
            topics = "; ".join(ref.name("consultation_topic", t) for t in c.topics)
            details = "\n".join(
                x
                for x in (
                    c.question,
                    c.answer,
                    _("Documents handed over: {docs}").format(docs=c.documents_given)
                    if c.documents_given
                    else "",
                    _("Follow-up on {date}").format(date=short_date(c.follow_up_date))
                    if c.follow_up_date
                    else "",
                    self._planned(data, c.id),
                )
                if x
            )
            item = QTreeWidgetItem(
                [
                    short_date(c.date),
                    _("Consultation ({form}): {topics}").format(
                        form=domain.label(c.form), topics=topics
                    ),
                    ", ".join(c.attendees),
                    details,
                ]
            )
            entries.append((c.date, item))
        # The plan first: its progress, and what is still to do (late in red), by target date.
        plan = self._plan_entry(data)
        if plan is not None:
            self.services.addTopLevelItem(plan)
            plan.setExpanded(True)
        # Then the services, newest first, whatever their kind.
        for _day, item in sorted(entries, key=lambda e: e[0], reverse=True):
            for col in range(4):
                item.setToolTip(col, item.text(col))
            self.services.addTopLevelItem(item)
        for col in range(3):
            self.services.resizeColumnToContents(col)

    def _plan_entry(self, data: FamilyCardData) -> QTreeWidgetItem | None:
        if data.plan_progress is None:
            return None
        top = QTreeWidgetItem(
            ["", _("Adaptation plan"), "", progress_text(data.plan_progress, self.ctx.ref)]
        )
        bold = QFont(top.font(1))
        bold.setBold(True)
        for col in range(4):
            top.setFont(col, bold)
            top.setToolTip(col, top.text(col))
        red = QBrush(QColor(ERROR_COLOUR))
        for p in data.plan:
            if p.state is PlanState.DONE:
                continue
            child = QTreeWidgetItem(
                [
                    short_date(p.target_date),
                    row_title(p, self.ctx.ref),
                    p.person_name or _("Whole family"),
                    domain.label(p.state),
                ]
            )
            if p.state is PlanState.LATE:
                for col in range(4):
                    child.setForeground(col, red)
            top.addChild(child)
        return top

    def new_referral(self) -> QWidget | None:
        """A referral for the member chosen on the Members tab (the head by default)."""
        if self.data is None:
            return None
        from .employment_page import ReferralDialog

        m = self.selected_member() or self.data.head
        who = (m.id, m.full_name) if m is not None else None
        return self._open(ReferralDialog(self.ctx, who, self))  # type: ignore[no-any-return]

    def new_consultation(self) -> QWidget | None:
        if self.data is None:
            return None
        from .consultations_page import ConsultationDialog

        return self._open(ConsultationDialog(self.ctx, self.data.household.id, False, self))  # type: ignore[no-any-return]

    def _render_placements(self, data: FamilyCardData) -> None:
        self.placements.clear()
        ref = self.ctx.ref
        for p in data.placements:
            where = p.segments[-1] if p.segments else None
            if p.open:
                left = _("lives at the centre")
            else:
                assert p.end_date is not None
                left = f"{short_date(p.end_date)}: {ref.name('leave_reason', p.checkout_reason)}"
            top = QTreeWidgetItem(
                [
                    p.name,
                    f"{where.room} · {where.bed}" if where else "",
                    short_date(p.start_date),
                    short_date(p.planned_end),
                    left,
                ]
            )
            top.setData(0, Qt.ItemDataRole.UserRole, p)
            if len(p.segments) > 1:
                for g in p.segments:
                    top.addChild(
                        QTreeWidgetItem(
                            [
                                _("Bed"),
                                f"{g.room} · {g.bed}",
                                short_date(g.start_date),
                                "",
                                short_date(g.end_date) if g.end_date else "",
                            ]
                        )
                    )
            for e in p.extensions:
                top.addChild(
                    QTreeWidgetItem(
                        [
                            _("Extended on {date}").format(date=short_date(e.date)),
                            e.approved_by,
                            short_date(e.previous_end),
                            short_date(e.new_end),
                            e.reason,
                        ]
                    )
                )
            if p.checkout_note:
                top.addChild(QTreeWidgetItem([_("Note"), "", "", "", p.checkout_note]))
            self.placements.addTopLevelItem(top)
            top.setExpanded(p.open)
        for c in range(5):
            self.placements.resizeColumnToContents(c)

    def selected_stays(self) -> list[PlacementData]:
        """The open stays chosen in the Placement tab, or all open ones when none is chosen."""
        if self.data is None:
            return []
        chosen = [it.data(0, Qt.ItemDataRole.UserRole) for it in self.placements.selectedItems()]
        chosen = [p for p in chosen if isinstance(p, PlacementData) and p.open]
        return chosen or [p for p in self.data.placements if p.open]

    def _stay(self, p: PlacementData) -> Stay:
        assert self.data is not None
        hh = self.data.household
        return Stay(p.id, hh.id, hh.num, p.name, p.start_date, p.planned_end)

    def check_in(self) -> CheckInDialog | None:
        if self.data is None:
            return None
        return self._open(CheckInDialog(self.ctx, self.data.household.id, None, self))  # type: ignore[no-any-return]

    def check_out(self) -> CheckOutDialog | None:
        if self.data is None:
            return None
        open_stays = [p for p in self.data.placements if p.open]
        if not open_stays:
            return None
        chosen = {p.id for p in self.selected_stays()}
        return self._open(  # type: ignore[no-any-return]
            CheckOutDialog(self.ctx, [self._stay(p) for p in open_stays], chosen, self)
        )

    def extend_stay(self) -> ExtendDialog | None:
        stays = self.selected_stays()
        if not stays:
            return None
        return self._open(ExtendDialog(self.ctx, self._stay(stays[0]), self))  # type: ignore[no-any-return]

    def put_on_waiting_list(self) -> WaitingListDialog | None:
        if self.data is None:
            return None
        hh = self.data.household
        return self._open(WaitingListDialog(self.ctx, hh.id, hh.num, self))  # type: ignore[no-any-return]

    @staticmethod
    def _fold_creation(history: tuple[AuditData, ...]) -> tuple[list[AuditData], dict[Any, Any]]:
        """Registering writes the family, then its members, then the link to the head (which
        needs the member's id). That link is shown as part of "Added", not as a change of its
        own: the head set from nothing, on the same record, by the same user, within a second."""
        inserted = {e.record_id: e for e in history if e.action == "insert"}
        extra: dict[Any, dict[str, tuple[Any, Any]]] = {}
        shown: list[AuditData] = []
        for e in history:
            ins = inserted.get(e.record_id)
            if (
                e.action == "update"
                and ins is not None
                and e.user == ins.user
                and abs((e.at - ins.at).total_seconds()) < 1
                and set(e.changes) == {"head_id"}
                and e.changes["head_id"][0] is None
            ):
                extra.setdefault(e.record_id, {}).update(e.changes)
                continue
            shown.append(e)
        return shown, extra

    def _render_history(self, data: FamilyCardData) -> None:
        self.history.clear()
        entries, extra = self._fold_creation(data.history)
        for e in entries:
            changes = dict(e.changes)
            if e.action == "insert":
                changes.update(extra.get(e.record_id, {}))
            top = QTreeWidgetItem(
                [self._when(e.at), e.user, self._record(e, data), _(ACTIONS.get(e.action, ""))]
            )
            top.setData(0, Qt.ItemDataRole.UserRole, str(e.record_id))
            for name, (old, new) in changes.items():
                lbl = self._field_label(name)
                if lbl is None:
                    continue
                if e.action == "insert":
                    if new in (None, "", False) or name == "position":
                        continue
                    change = self._value(name, new, data)
                else:
                    change = f"{self._value(name, old, data)} → {self._value(name, new, data)}"
                child = QTreeWidgetItem(["", "", lbl, change])
                child.setToolTip(3, change)
                top.addChild(child)
            self.history.addTopLevelItem(top)
            top.setExpanded(e.action != "insert")

    def history_text(self) -> str:
        """The history as plain text, one line per entry and per field (for tests and copying)."""
        lines: list[str] = []
        for i in range(self.history.topLevelItemCount()):
            top = self.history.topLevelItem(i)
            assert top is not None
            lines.append(" | ".join(top.text(c) for c in range(4)))
            for j in range(top.childCount()):
                ch = top.child(j)
                assert ch is not None
                lines.append(f"    {ch.text(2)}: {ch.text(3)}")
        return "\n".join(lines)

    @staticmethod
    def _when(at: dt.datetime) -> str:
        local = at.replace(tzinfo=dt.UTC).astimezone()
        return f"{short_date(local.date())} {local.hour:02d}:{local.minute:02d}"

    def _record(self, e: AuditData, data: FamilyCardData) -> str:
        kind = _(RECORDS.get(e.table, e.table))
        if e.table == "household":
            return kind
        if e.table == "person":
            return f"{kind}: {e.record_label}"
        if e.table == "person_document":
            return f"{kind} {e.record_detail} ({e.record_label})"
        if e.table == "person_language":
            lang = self.ctx.ref.name("language", e.record_detail)
            return f"{kind}: {lang} ({e.record_label})"
        if e.table == "plan_item":
            try:
                what = domain.label(PlanItemKind(e.record_detail))
            except ValueError:
                what = e.record_detail
            who = e.record_label or _("Whole family")
            return f"{kind}: {what} ({who})"
        return kind

    @staticmethod
    def _field_label(name: str) -> str | None:
        if name in EXTRA_LABELS:
            return _(EXTRA_LABELS[name])
        if name in FIELD_LABELS:
            return _(FIELD_LABELS[name])
        return None

    def _value(self, name: str, value: Any, data: FamilyCardData) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if name in DATE_FIELDS and isinstance(value, str):
            try:
                return short_date(dt.date.fromisoformat(value[:10]))
            except ValueError:
                return value
        if name in REF_KINDS:
            return self.ctx.ref.name(REF_KINDS[name], str(value), on=data.household.arrival_date)
        if name == "sex":
            try:
                return _(SEX_LABELS[Sex(value)])
            except ValueError:
                return str(value)
        if name == "status":
            try:
                return domain.label(CaseStatus(value))
            except ValueError:
                return str(value)
        if name == "kind":
            try:
                return domain.label(PlanItemKind(value))
            except ValueError:
                return str(value)
        if name == "course_kind":
            try:
                return _(COURSE_TITLES[CourseKind(value)])
            except ValueError:
                return str(value)
        if name in ("consultation_id", "enrolment_id", "referral_id"):
            return self._fulfilled_by(name, str(value), data)
        if name in ("head_id", "person_id"):
            try:
                m = data.member(uuid.UUID(str(value)))
            except ValueError:
                m = None
            return m.full_name if m else str(value)
        if name == "position" and isinstance(value, int):
            return str(value + 1)
        return str(value)

    @staticmethod
    def _fulfilled_by(name: str, value: str, data: FamilyCardData) -> str:
        """The record a plan item was linked to, as staff know it (not its key)."""
        try:
            rid = uuid.UUID(value)
        except ValueError:
            return value
        if name == "consultation_id":
            c = next((c for c in data.consultations if c.id == rid), None)
            if c is not None:
                return _("Consultation of {date}").format(date=short_date(c.date))
        elif name == "enrolment_id":
            st = next((st for st in data.studies if st.enrolment_id == rid), None)
            if st is not None:
                return _("Course: {course}, group {group}").format(
                    course=st.course.name(), group=st.group
                )
        else:
            rf = next((rf for rf in data.referrals if rf.id == rid), None)
            if rf is not None:
                return _("Referral No. {num}").format(num=rf.number)
        return _("a removed record")

    # ---- members

    def selected_member(self) -> PersonData | None:
        if self.data is None:
            return None
        rows = self.members_table.selectionModel().selectedRows()
        if not rows:
            return None
        r = rows[0].row()
        return self.data.members[r] if 0 <= r < len(self.data.members) else None

    def select_member(self, person_id: uuid.UUID) -> None:
        if self.data is None:
            return
        for r, m in enumerate(self.data.members):
            if m.id == person_id:
                self.members_table.selectRow(r)

    def _member_selected(self) -> None:
        m = self.selected_member()
        ref = self.ctx.ref
        on = self.data.household.arrival_date if self.data else None
        if m is None:
            self.member_box.setTitle(_("Member"))
            for v in self.member_values.values():
                v.setText("")
            self.documents_table.setRowCount(0)
            self._update_buttons()
            return
        self.member_box.setTitle(m.full_name)
        values = {
            "citizenship": ref.name("country", m.citizenship, on=on) or "—",
            "ethnic_kazakh": _("Yes") if m.ethnic_kazakh else _("No"),
            "education": ref.name("education_level", m.education, on=on) or "—",
            "profession": ref.name("profession", m.profession, on=on) or "—",
            "disability": ref.name("disability", m.disability, on=on) or "—",
            "phone": m.phone or "—",
            "languages": "; ".join(
                f"{ref.name('language', lang.language)} — {ref.name('language_level', lang.level)}"
                for lang in m.languages
            )
            or "—",
        }
        for name, text in values.items():
            self.member_values[name].setText(text)
        dt_ = self.documents_table
        dt_.setRowCount(len(m.documents))
        for r, d in enumerate(m.documents):
            dt_.setItem(r, 0, _item(ref.name("document_type", d.doc_type, on=on)))
            dt_.setItem(r, 1, _item(d.number))
            dt_.setItem(r, 2, _item(d.issuer))
            dt_.setItem(r, 3, _item(short_date(d.issue_date)))
            dt_.setItem(r, 4, _item(short_date(d.expiry_date)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.data is not None and not self._busy
        member = self.selected_member() if ready else None
        self.edit_family_button.setEnabled(ready)
        self.add_member_button.setEnabled(ready)
        self.edit_member_button.setEnabled(member is not None)
        self.remove_member_button.setEnabled(member is not None and not member.is_head)
        self.remove_member_button.setToolTip(
            _("Make another member the head of the family first.")
            if member is not None and member.is_head
            else ""
        )
        self.status_button.setEnabled(
            ready and self.data is not None and bool(NEXT_STATUS[self.data.household.status])
        )
        living = [p for p in self.data.placements if p.open] if self.data and ready else []
        self.check_in_button.setEnabled(ready)
        self.check_out_button.setEnabled(bool(living))
        self.extend_button.setEnabled(bool(living))
        self.waiting_button.setEnabled(ready and not living)

    # ---- actions (each opens a window-modal dialog and returns it)

    def _open(self, dialog: Any) -> Any:
        self.dialog = dialog
        dialog.accepted.connect(self.changed.emit)
        if hasattr(dialog, "open_person"):
            dialog.open_person.connect(self.open_person.emit)
        dialog.open()
        return dialog

    def edit_family(self) -> EditHouseholdDialog | None:
        if self.data is None:
            return None
        return self._open(EditHouseholdDialog(self.ctx, self.data.household, self))  # type: ignore[no-any-return]

    def add_member(self) -> AddMemberDialog | None:
        if self.data is None:
            return None
        return self._open(AddMemberDialog(self.ctx, self.data.household.id, self))  # type: ignore[no-any-return]

    def edit_member(self) -> EditPersonDialog | None:
        m = self.selected_member()
        if m is None:
            return None
        return self._open(EditPersonDialog(self.ctx, m, self))  # type: ignore[no-any-return]

    def move_status(self) -> StatusDialog | None:
        if self.data is None or not NEXT_STATUS[self.data.household.status]:
            return None
        return self._open(StatusDialog(self.ctx, self.data.household, self))  # type: ignore[no-any-return]

    def remove_member(self) -> None:
        m = self.selected_member()
        if m is None or self.data is None or m.is_head:
            return
        answer = QMessageBox.question(
            self,
            _("Remove member"),
            _(
                "Remove {name} from family No. {num}? Use this for a member entered by "
                "mistake: the record leaves the family and the reports, its history is kept."
            ).format(name=m.full_name, num=self.data.household.num),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy = True
        self._update_buttons()
        db, ref, pid, version = self.ctx.db, self.ctx.ref, m.id, m.version
        Op(self, lambda: IntakeService(db, ref).remove_member(pid, version)).success(
            self._removed
        ).failure(self._remove_failed).run()

    def _removed(self, saved: object) -> None:
        self._busy = False
        self.ctx.changed.emit(saved)
        self.changed.emit()

    def _remove_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        show_error(self, exc)
