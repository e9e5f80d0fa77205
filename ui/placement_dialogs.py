"""The placement dialogs: check-in, check-out, extension, a room, a blocked bed, the waiting list.

Each saves through ``PlacementService`` in an ``Op`` (see ``form_dialog``) and reports a
``Saved`` for the family, so its card and the occupancy board refresh. The service's refusals
(eligibility, a taken bed, a date before the stay) are marked on the field they concern.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_, _
from oralman_desk.services.intake import Saved
from oralman_desk.services.placement import (
    MAX_BEDS_PER_ROOM,
    Assignment,
    PlacementService,
    RoomInput,
    add_months,
)
from oralman_desk.services.placement_queries import Board, RoomRow, board
from oralman_desk.services.queries import FamilyCardData, family_card
from oralman_desk.services.search import search_people

from .context import AppContext
from .form_dialog import FieldsDialog
from .widgets import DateField, RefCombo
from .worker import Op


def bed_caption(ctx: AppContext, room: RoomRow, label: str) -> str:
    place = f"{room.building} {room.number}".strip()
    kind = ctx.ref.name("room_kind", room.kind)
    return _("Room {room}, bed {bed} ({kind})").format(room=place, bed=label, kind=kind)


@dataclass(frozen=True)
class Stay:
    """What the check-out and extension dialogs need to know of a stay."""

    placement_id: uuid.UUID
    household_id: uuid.UUID
    household_num: int
    name: str
    start_date: dt.date
    planned_end: dt.date


# ---- check-in --------------------------------------------------------------------------------


class CheckInDialog(FieldsDialog):
    """Check family members in. Opened from a family card (the family is known) or from a free bed
    on the board (the worker finds the family by any spelling, IIN or document number)."""

    def __init__(
        self,
        ctx: AppContext,
        household_id: uuid.UUID | None = None,
        bed_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.household_num = 0
        self.first_bed = bed_id
        self.family: FamilyCardData | None = None
        self.board: Board | None = None
        self.rows: list[tuple[uuid.UUID, QCheckBox, QComboBox]] = []
        self.resize(760, 560)

        self.search = QLineEdit()
        self.results = QListWidget()
        self.results.setMaximumHeight(130)
        self.results.itemClicked.connect(
            lambda it: self.choose_family(it.data(Qt.ItemDataRole.UserRole))
        )
        self.results.itemActivated.connect(
            lambda it: self.choose_family(it.data(Qt.ItemDataRole.UserRole))
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.family_label = QLabel()
        self.family_label.setWordWrap(True)
        self.members = QTableWidget(0, 2)
        self.members.verticalHeader().setVisible(False)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.members.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.members.setMinimumHeight(180)
        self.date = DateField(optional=False)
        self.date.date_changed.connect(self._reload_beds)
        self.note = QLineEdit()

        if household_id is None:
            self.add_field("family_search", self.search, N_("Find the family"))
            self.form.addRow("", self.results)
        else:
            self.search.setVisible(False)
            self.results.setVisible(False)
        self.form.addRow(self.family_label)
        self.add_field("assignments", self.members, N_("Who goes where"))
        self.add_field("date", self.date, N_("Check-in date"))
        self.add_field("note", self.note, N_("Note"))
        self.finish(self.note)
        if household_id is not None:
            self.choose_family(household_id)
        else:
            self._reload_beds()

    # -- finding the family

    def _search(self) -> None:
        text = self.search.text().strip()
        if len(text) < 2:
            self.results.clear()
            return
        db = self.ctx.db
        Op(self, lambda: search_people(db, text, limit=30)).success(self._found).run()

    def _found(self, hits: object) -> None:
        self.results.clear()
        assert isinstance(hits, list)
        for h in hits:
            name = " ".join(x for x in (h.surname, h.given_name, h.patronymic) if x)
            item = QListWidgetItem(
                _("Family No. {num}: {name}, born {date}").format(
                    num=h.household_num, name=name, date=short_date(h.birth_date)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, h.household_id)
            self.results.addItem(item)

    def choose_family(self, household_id: uuid.UUID) -> None:
        self.household_id = household_id
        db, day = self.ctx.db, self.date.value() or dt.date.today()
        Op(self, lambda: (family_card(db, household_id), board(db, day))).success(
            self._family_loaded
        ).run()

    def _reload_beds(self) -> None:
        db, day = self.ctx.db, self.date.value() or dt.date.today()
        Op(self, lambda: board(db, day)).success(self._beds_loaded).run()

    def _family_loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        family, bd = result
        self.family = family
        self.household_num = family.household.num
        head = family.head
        self.family_label.setText(
            _("Family No. {num}: {name}").format(
                num=family.household.num, name=head.full_name if head else ""
            )
        )
        self.members.setRowCount(len(family.members))
        self.rows = []
        for r, m in enumerate(family.members):
            box = QCheckBox(m.full_name)
            combo = QComboBox()
            self.members.setCellWidget(r, 0, box)
            self.members.setCellWidget(r, 1, combo)
            self.rows.append((m.id, box, combo))
        self._beds_loaded(bd)
        self.remember_initial()

    def _beds_loaded(self, bd: object) -> None:
        assert isinstance(bd, Board)
        self.board = bd
        placed = {b.occupant.person_id for r in bd.rooms for b in r.beds if b.occupant}
        free = [(room, b) for room in bd.rooms for b in room.beds if b.free]
        order = [b.bed_id for _r, b in free]
        if self.first_bed in order:  # the family's beds start where the worker clicked
            i = order.index(self.first_bed)
            free = free[i:] + free[:i]
        taken: set[uuid.UUID] = set()
        for pid, box, combo in self.rows:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("—", None)
            for room, b in free:
                combo.addItem(bed_caption(self.ctx, room, b.label), b.bed_id)
            here = pid in placed
            box.setEnabled(not here)
            if here:
                box.setChecked(False)
                box.setToolTip(_("Already lives at the centre"))
                combo.setEnabled(False)
            else:
                if current is None and not box.isChecked() and self.board is bd:
                    box.setChecked(True)
                want = current
                if want is None or want in taken:
                    want = next((b.bed_id for _r, b in free if b.bed_id not in taken), None)
                idx = combo.findData(want) if want else 0
                combo.setCurrentIndex(max(idx, 0))
                if combo.currentData():
                    taken.add(combo.currentData())
            combo.blockSignals(False)

    # -- saving

    def assignments(self) -> list[Assignment]:
        return [
            Assignment(pid, combo.currentData())
            for pid, box, combo in self.rows
            if box.isChecked() and combo.currentData()
        ]

    def current_input(self) -> object:
        return (self.household_id, tuple(self.assignments()), self.date.value(), self.note.text())

    def save(self) -> None:
        if self.household_id is None:
            self.search.setFocus()
            return
        chosen = self.assignments()
        # A problem about the i-th assignment is marked on that member's bed.
        checked = [
            combo for _pid, box, combo in self.rows if box.isChecked() and combo.currentData()
        ]
        for i, combo in enumerate(checked):
            self.fields[f"assignments[{i}]"] = combo
        db, ref, hid, num = self.ctx.db, self.ctx.ref, self.household_id, self.household_num
        day, note = self.date.value(), self.note.text()

        def work() -> Saved:
            PlacementService(db, ref).check_in(hid, chosen, day, note)
            return Saved(hid, num, tuple(a.person_id for a in chosen), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Check in"))
        self.members.setHorizontalHeaderLabels([_("Family member"), _("Bed")])
        self.search.setPlaceholderText(_("Name in any spelling, IIN or document number"))


# ---- check-out -------------------------------------------------------------------------------


class CheckOutDialog(FieldsDialog):
    """Check out one or several residents of a family on a date, with the reason."""

    def __init__(
        self,
        ctx: AppContext,
        stays: list[Stay],
        chosen: set[uuid.UUID] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.stays = stays
        self.boxes: list[tuple[Stay, QCheckBox]] = []
        people = QWidget()
        pl = QVBoxLayout(people)
        pl.setContentsMargins(0, 0, 0, 0)
        for st in stays:
            box = QCheckBox(st.name)
            box.setChecked(chosen is None or st.placement_id in chosen)
            pl.addWidget(box)
            self.boxes.append((st, box))
        self.date = DateField(optional=False)
        self.reason = RefCombo(ctx.ref, "leave_reason", optional=True)
        self.note = QLineEdit()
        self.add_field("assignments", people, N_("Who leaves"))
        self.add_field("date", self.date, N_("Check-out date"))
        self.add_field("checkout_reason", self.reason)
        self.add_field("note", self.note, N_("Note"))
        self.resize(560, 320)
        self.finish(self.note)

    def current_input(self) -> object:
        return (
            tuple(b.isChecked() for _s, b in self.boxes),
            self.date.value(),
            self.reason.code(),
            self.note.text(),
        )

    def save(self) -> None:
        ids = [st.placement_id for st, box in self.boxes if box.isChecked()]
        db, ref = self.ctx.db, self.ctx.ref
        day, reason, note = self.date.value(), self.reason.code(), self.note.text()
        first = self.stays[0] if self.stays else None

        def work() -> Saved:
            PlacementService(db, ref).check_out(ids, day, reason, note)
            assert first is not None
            return Saved(first.household_id, first.household_num, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Check out"))


# ---- extension -------------------------------------------------------------------------------


class ExtendDialog(FieldsDialog):
    def __init__(self, ctx: AppContext, stay: Stay, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stay = stay
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.new_end = DateField(optional=False)
        self.new_end.set_value(add_months(stay.planned_end, 1))
        self.reason = QLineEdit()
        self.approved_by = QLineEdit()
        from oralman_desk.services.centre import CentreService

        self.approved_by.setText(CentreService(ctx.db).get_setting("report.director"))
        self.add_field("new_end", self.new_end)
        self.add_field("reason", self.reason)
        self.add_field("approved_by", self.approved_by)
        self.resize(560, 260)
        self.finish(self.approved_by, above=self.current)

    def current_input(self) -> object:
        return (self.new_end.value(), self.reason.text(), self.approved_by.text())

    def save(self) -> None:
        st = self.stay
        db, ref = self.ctx.db, self.ctx.ref
        new_end, reason, who = self.new_end.value(), self.reason.text(), self.approved_by.text()

        def work() -> Saved:
            PlacementService(db, ref).extend(st.placement_id, new_end, reason, who)
            return Saved(st.household_id, st.household_num, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Extend the stay"))
        self.current.setText(
            _("{name} lives at the centre since {start}; the stay is planned until {end}.").format(
                name=self.stay.name,
                start=short_date(self.stay.start_date),
                end=short_date(self.stay.planned_end),
            )
        )


# ---- rooms and beds --------------------------------------------------------------------------


class RoomDialog(FieldsDialog):
    """Add a room with its beds, or edit one (more beds are added, free ones removed)."""

    def __init__(
        self, ctx: AppContext, room: RoomRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.room = room
        self.building = QLineEdit(room.building if room else "")
        self.floor = QSpinBox()
        self.floor.setRange(-2, 40)
        self.floor.setValue(room.floor if room else 1)
        self.number = QLineEdit(room.number if room else "")
        self.kind = RefCombo(ctx.ref, "room_kind")
        self.kind.set_code(room.kind if room else "family")
        self.beds = QSpinBox()
        self.beds.setRange(1, MAX_BEDS_PER_ROOM)
        self.beds.setValue(len(room.beds) if room else 4)
        self.note = QLineEdit(room.note if room else "")
        self.add_field("building", self.building)
        self.add_field("floor", self.floor)
        self.add_field("room_number", self.number)
        self.add_field("room_kind", self.kind)
        self.add_field("beds", self.beds)
        self.add_field("note", self.note, N_("Note"))
        self.resize(480, 300)
        self.finish(self.note)

    def to_input(self) -> RoomInput:
        return RoomInput(
            self.building.text(),
            self.floor.value(),
            self.number.text(),
            self.kind.code() or "",
            self.beds.value(),
            self.note.text(),
        )

    def current_input(self) -> object:
        return self.to_input()

    def save(self) -> None:
        data, db, ref, room = self.to_input(), self.ctx.db, self.ctx.ref, self.room

        def work() -> Saved:
            svc = PlacementService(db, ref)
            if room is None:
                rid = svc.add_room(data)
            else:
                svc.update_room(room.room_id, data, room.version)
                rid = room.room_id
            return Saved(rid, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Edit room") if self.room else _("New room"))


class BlockBedDialog(FieldsDialog):
    def __init__(
        self, ctx: AppContext, bed_id: uuid.UUID, caption: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.bed_id = bed_id
        self.caption = QLabel(caption)
        self.start = DateField(optional=False)
        self.end = DateField()
        self.reason = QLineEdit()
        self.add_field("start_date", self.start)
        self.add_field("end_date", self.end, N_("Until (empty: until further notice)"))
        self.add_field("reason", self.reason)
        self.resize(480, 220)
        self.finish(self.reason, above=self.caption)

    def current_input(self) -> object:
        return (self.start.value(), self.end.value(), self.reason.text())

    def save(self) -> None:
        db, ref, bed = self.ctx.db, self.ctx.ref, self.bed_id
        start, end, reason = self.start.value(), self.end.value(), self.reason.text()

        def work() -> Saved:
            PlacementService(db, ref).block_bed(bed, start, end, reason)
            return Saved(bed, 0, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Take a bed out of use"))


class WaitingListDialog(FieldsDialog):
    """Put a family on the waiting list for a place."""

    def __init__(
        self, ctx: AppContext, household_id: uuid.UUID, num: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.household_id = household_id
        self.num = num
        self.date = DateField(optional=False)
        self.note = QLineEdit()
        self.add_field("date", self.date, N_("Asked for a place on"))
        self.add_field("note", self.note, N_("Note"))
        self.resize(480, 180)
        self.finish(self.note)

    def current_input(self) -> object:
        return (self.date.value(), self.note.text())

    def save(self) -> None:
        db, ref, hid, num = self.ctx.db, self.ctx.ref, self.household_id, self.num
        day, note = self.date.value(), self.note.text()

        def work() -> Saved:
            PlacementService(db, ref).request_place(hid, day, note)
            return Saved(hid, num, (), 0)

        self.run_save(work)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Waiting list: family No. {num}").format(num=self.num))
