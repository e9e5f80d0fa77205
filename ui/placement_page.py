"""The Placement area: the occupancy board (the paper room chart: rooms as rows, beds as cells)
and the list of what needs attention (stays ending soon, stays past their term, families waiting).

The board is read on a worker thread (three indexed queries, ``placement_queries.board``) and
drawn in one pass. Dragging a resident onto a free bed moves them from the board's date, through
the same service rules as a check-in; double-clicking opens the family card (an occupied bed) or a
check-in (a free bed).
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.formatting import short_date
from oralman_desk.i18n import _, current_language, ngettext
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import Saved
from oralman_desk.services.placement import PlacementService
from oralman_desk.services.placement_queries import (
    ATTENTION_DAYS,
    Attention,
    BedCell,
    Board,
    RoomRow,
    StayAlert,
    attention,
    board,
)

from .context import AppContext
from .errors import show_error
from .placement_dialogs import (
    BlockBedDialog,
    CheckInDialog,
    CheckOutDialog,
    ExtendDialog,
    RoomDialog,
    Stay,
    bed_caption,
)
from .qt_i18n import Retranslatable
from .widgets import DateField
from .worker import Op

FREE = QColor("#ffffff")
OCCUPIED = QColor("#dcebfa")
ENDING = QColor("#ffd98a")  # amber: the last ATTENTION_DAYS days
OVERDUE = QColor("#f4a3a3")  # red: past the planned end
BLOCKED = QColor("#cfcfcf")

BED_ROLE = Qt.ItemDataRole.UserRole
MIME = "application/x-oralman-bed"


def days_text(days: int) -> str:
    if days < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)
    return ngettext("{n} day left", "{n} days left", days).format(n=days)


class BoardTable(QTableWidget):
    """The chart itself. Dropping an occupied bed on a free one asks the page to move."""

    move_requested = Signal(object, object)  # from bed id, to bed id

    def __init__(self) -> None:
        super().__init__(0, 1)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(170)

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, items: list[QTableWidgetItem]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        bed = items[0].data(BED_ROLE) if items else None
        data.setData(MIME, str(bed or "").encode())
        return data

    def dropMimeData(  # type: ignore[override]
        self, row: int, column: int, data: QMimeData, action: Qt.DropAction
    ) -> bool:
        return False

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.itemAt(event.position().toPoint())
        source = bytes(event.mimeData().data(MIME).data()).decode()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if target is None or not source:
            return
        to_bed = target.data(BED_ROLE)
        if to_bed and str(to_bed) != source:
            self.move_requested.emit(uuid.UUID(source), to_bed)

    def bed_at(self, index: QModelIndex | QPersistentModelIndex) -> uuid.UUID | None:
        item = self.item(index.row(), index.column())
        value = item.data(BED_ROLE) if item else None
        return value if isinstance(value, uuid.UUID) else None


class BoardView(Retranslatable, QWidget):
    open_family = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Board | None = None
        self.dialog: QWidget | None = None
        self._request = 0
        self.day = DateField(optional=False)
        self.day.date_changed.connect(self.reload)
        self.building = QComboBox()
        self.floor = QComboBox()
        for combo in (self.building, self.floor):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.building.currentIndexChanged.connect(lambda _i: self.reload())
        self.floor.currentIndexChanged.connect(lambda _i: self.reload())
        self.day_label, self.building_label, self.floor_label = QLabel(), QLabel(), QLabel()
        self.add_room_button = QPushButton()
        self.add_room_button.clicked.connect(lambda: self.add_room())
        self.residents_button = QPushButton()
        self.residents_button.clicked.connect(lambda: self.print_residents())
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.table = BoardTable()
        self.table.move_requested.connect(self.move)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        bar = QHBoxLayout()
        for w in (self.day_label, self.day, self.building_label, self.building):
            bar.addWidget(w)
        bar.addWidget(self.floor_label)
        bar.addWidget(self.floor)
        bar.addStretch(1)
        bar.addWidget(self.add_room_button)
        bar.addWidget(self.residents_button)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.totals)
        lay.addWidget(self.table, 1)
        ctx.changed.connect(lambda _s: self.reload())
        self.retranslate()
        self.reload()

    # -- loading

    def when(self) -> dt.date:
        return self.day.value() or dt.date.today()

    def reload(self) -> None:
        self._request += 1
        request = self._request
        db, day = self.ctx.db, self.when()
        b = self.building.currentData()
        f = self.floor.currentData()
        Op(self, lambda: board(db, day, b, f)).success(
            lambda data, r=request: self._loaded(r, data)
        ).run()

    def _loaded(self, request: int, data: object) -> None:
        if request != self._request:
            return
        assert isinstance(data, Board)
        self.data = data
        self._fill_filters(data)
        self.render()

    def _fill_filters(self, data: Board) -> None:
        for combo, values, blank in (
            (self.building, data.buildings, _("All buildings")),
            (self.floor, data.floors, _("All floors")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(blank, None)
            for v in values:
                combo.addItem(str(v) if v != "" else "—", v)
            idx = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(idx, 0))
            combo.blockSignals(False)

    # -- drawing

    def render(self) -> None:
        data = self.data
        if data is None:
            return
        t = self.table
        width = max((len(r.beds) for r in data.rooms), default=0)
        vheader = t.verticalHeader()
        # Sizing rows to their contents after every setItem is quadratic: fill with fixed rows,
        # size them all once, then let later edits resize again.
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.setUpdatesEnabled(False)
        t.clearContents()
        t.setColumnCount(width + 1)
        t.setRowCount(len(data.rooms))
        t.setHorizontalHeaderLabels(
            [_("Room")] + [_("Bed {n}").format(n=i + 1) for i in range(width)]
        )
        for r, room in enumerate(data.rooms):
            head = QTableWidgetItem(
                f"{room.building} {room.number}".strip()
                + "\n"
                + self.ctx.ref.name("room_kind", room.kind)
            )
            head.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            f = head.font()
            f.setBold(True)
            head.setFont(f)
            t.setItem(r, 0, head)
            for c, bed in enumerate(room.beds):
                t.setItem(r, c + 1, self._cell(room, bed, data.day))
        t.setColumnWidth(0, 160)
        t.resizeRowsToContents()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.setUpdatesEnabled(True)
        beds, occupied, blocked, free = data.totals()
        kinds = ", ".join(
            f"{self.ctx.ref.name('room_kind', k)}: {n}"
            for k, n in sorted(data.free_by_kind().items())
        )
        self.totals.setText(
            _(
                "Beds: {beds}, occupied: {occupied}, out of use: {blocked}, free: {free} ({kinds})"
            ).format(beds=beds, occupied=occupied, blocked=blocked, free=free, kinds=kinds or "—")
        )

    def _cell(self, room: RoomRow, bed: BedCell, day: dt.date) -> QTableWidgetItem:
        item = QTableWidgetItem()
        item.setData(BED_ROLE, bed.bed_id)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        occ = bed.occupant
        if occ is not None:
            left = occ.days_left(day)
            item.setText(f"{bed.label} · {occ.name}\n{days_text(left)}")
            colour = OVERDUE if left < 0 else ENDING if left <= ATTENTION_DAYS else OCCUPIED
            item.setToolTip(
                _("{name}, family No. {num}\nArrived {start}, planned until {end}").format(
                    name=occ.name,
                    num=occ.household_num,
                    start=short_date(occ.start_date),
                    end=short_date(occ.planned_end),
                )
            )
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        elif bed.blocked is not None:
            item.setText(
                _("{bed} · out of use\n{reason}").format(bed=bed.label, reason=bed.blocked)
            )
            colour = BLOCKED
            item.setForeground(QBrush(QColor("#555555")))
        else:
            item.setText(_("{bed} · free").format(bed=bed.label))
            colour = FREE
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        item.setBackground(QBrush(colour))
        item.setFlags(flags)
        return item

    # -- lookups

    def cell_of(self, bed_id: uuid.UUID) -> tuple[int, int] | None:
        for r in range(self.table.rowCount()):
            for c in range(1, self.table.columnCount()):
                it = self.table.item(r, c)
                if it is not None and it.data(BED_ROLE) == bed_id:
                    return r, c
        return None

    def _bed(self, bed_id: uuid.UUID | None) -> tuple[RoomRow, BedCell] | None:
        if bed_id is None or self.data is None:
            return None
        return self.data.find_bed(bed_id)

    def stay_of(self, bed_id: uuid.UUID) -> Stay | None:
        found = self._bed(bed_id)
        if found is None or found[1].occupant is None:
            return None
        o = found[1].occupant
        return Stay(
            o.placement_id, o.household_id, o.household_num, o.name, o.start_date, o.planned_end
        )

    # -- actions

    def move(self, from_bed: uuid.UUID, to_bed: uuid.UUID) -> None:
        stay = self.stay_of(from_bed)
        target = self._bed(to_bed)
        if stay is None or target is None:
            return
        db, ref, day = self.ctx.db, self.ctx.ref, self.when()

        def work() -> Saved:
            PlacementService(db, ref).move(stay.placement_id, to_bed, day)
            return Saved(stay.household_id, stay.household_num, (), 0)

        Op(self, work).success(self.ctx.changed.emit).failure(self._move_failed).run()

    def _move_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                _("The move is not possible"),
                "\n".join(p.message() for p in exc.problems),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.exec()
        else:
            show_error(self, exc)
        self.reload()

    def _double_clicked(self, row: int, column: int) -> None:
        bed = self.table.bed_at(self.table.model().index(row, column))
        found = self._bed(bed)
        if found is None:
            return
        _room, cell = found
        if cell.occupant is not None:
            self.open_family.emit(cell.occupant.household_id)
        elif cell.blocked is None:
            self.check_in(cell.bed_id)

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def check_in(self, bed_id: uuid.UUID | None = None) -> QWidget:
        return self._open(CheckInDialog(self.ctx, None, bed_id, self))

    def check_out(self, bed_id: uuid.UUID) -> QWidget | None:
        stay = self.stay_of(bed_id)
        return self._open(CheckOutDialog(self.ctx, [stay], None, self)) if stay else None

    def extend(self, bed_id: uuid.UUID) -> QWidget | None:
        stay = self.stay_of(bed_id)
        return self._open(ExtendDialog(self.ctx, stay, self)) if stay else None

    def add_room(self) -> QWidget:
        return self._open(RoomDialog(self.ctx, None, self))

    def edit_room(self, room: RoomRow) -> QWidget:
        return self._open(RoomDialog(self.ctx, room, self))

    def block_bed(self, bed_id: uuid.UUID) -> QWidget | None:
        found = self._bed(bed_id)
        if found is None:
            return None
        return self._open(
            BlockBedDialog(self.ctx, bed_id, bed_caption(self.ctx, found[0], found[1].label), self)
        )

    def _menu(self, pos: object) -> None:
        index = self.table.indexAt(pos)  # type: ignore[arg-type]
        if not index.isValid() or self.data is None:
            return
        menu = QMenu(self)
        room = self.data.rooms[index.row()] if index.row() < len(self.data.rooms) else None
        bed = self.table.bed_at(index)
        found = self._bed(bed)
        actions: list[tuple[str, object]] = []
        if found is not None and bed is not None:
            cell = found[1]
            if cell.occupant is not None:
                o = cell.occupant
                actions += [
                    (_("Open the family card"), lambda: self.open_family.emit(o.household_id)),
                    (_("Extend the stay…"), lambda: self.extend(bed)),
                    (_("Check out…"), lambda: self.check_out(bed)),
                ]
            elif cell.blocked is None:
                actions += [
                    (_("Check in…"), lambda: self.check_in(bed)),
                    (_("Take out of use…"), lambda: self.block_bed(bed)),
                ]
        if room is not None:
            actions.append((_("Edit room…"), lambda: self.edit_room(room)))
        for text, fn in actions:
            act = QAction(text, menu)
            act.triggered.connect(fn)
            menu.addAction(act)
        menu.popup(self.table.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    def print_residents(self) -> None:
        """Save the list of residents on the board's date as PDF, in the UI language, and open it."""
        from .printing import save_and_open

        day, lang, db = self.when(), current_language(), self.ctx.db

        def render(path: Path) -> None:
            from reports.residents import render_residents_pdf

            render_residents_pdf(db, day, lang, path)

        def done(path: Path) -> None:
            self.last_pdf = path

        save_and_open(self, _("residents-{date}.pdf").format(date=day.isoformat()), render, done)

    def retranslate(self) -> None:
        self.day_label.setText(_("On"))
        self.building_label.setText(_("Building"))
        self.floor_label.setText(_("Floor"))
        self.add_room_button.setText(_("New room…"))
        self.residents_button.setText(_("List of residents (PDF)…"))
        self.render()
        if self.data is not None:
            self._fill_filters(self.data)


class AttentionView(Retranslatable, QWidget):
    """Stays ending in the next days, stays past their term, families waiting for a place."""

    open_family = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Attention | None = None
        self.dialog: QWidget | None = None
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setRootIsDecorated(True)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.extend_button = QPushButton()
        self.checkout_button = QPushButton()
        self.checkin_button = QPushButton()
        self.extend_button.clicked.connect(lambda: self.extend())
        self.checkout_button.clicked.connect(lambda: self.check_out())
        self.checkin_button.clicked.connect(lambda: self.check_in())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        bar = QHBoxLayout()
        for b in (self.extend_button, self.checkout_button, self.checkin_button):
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.tree, 1)
        ctx.changed.connect(lambda _s: self.reload())
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        db = self.ctx.db
        Op(self, lambda: attention(db, dt.date.today())).success(self._loaded).run()

    def _loaded(self, data: object) -> None:
        assert isinstance(data, Attention)
        self.data = data
        self.render()

    def render(self) -> None:
        self.tree.clear()
        data = self.data
        if data is None:
            return
        for title, rows in (
            (_("Stays ending in the next {n} days").format(n=ATTENTION_DAYS), data.ending),
            (_("Stays past their term"), data.overdue),
        ):
            top = QTreeWidgetItem([f"{title}: {len(rows)}"])
            self.tree.addTopLevelItem(top)
            for a in rows:
                child = QTreeWidgetItem(
                    [
                        a.name,
                        _("Family No. {num}").format(num=a.household_num),
                        f"{a.room} · {a.bed}",
                        short_date(a.planned_end),
                        days_text(a.days_left(data.day)),
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, a)
                top.addChild(child)
            top.setExpanded(True)
        top = QTreeWidgetItem([_("Families waiting for a place: {n}").format(n=len(data.waiting))])
        self.tree.addTopLevelItem(top)
        for w in data.waiting:
            child = QTreeWidgetItem(
                [
                    w.head,
                    _("Family No. {num}").format(num=w.household_num),
                    ngettext("{n} person", "{n} people", w.people).format(n=w.people),
                    short_date(w.requested_on),
                    w.note,
                ]
            )
            child.setData(0, Qt.ItemDataRole.UserRole, w)
            top.addChild(child)
        top.setExpanded(True)
        for c in range(5):
            self.tree.resizeColumnToContents(c)
        self._update_buttons()

    def selected(self) -> object:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self) -> None:
        sel = self.selected()
        self.extend_button.setEnabled(isinstance(sel, StayAlert))
        self.checkout_button.setEnabled(isinstance(sel, StayAlert))
        self.checkin_button.setEnabled(sel is not None and not isinstance(sel, StayAlert))

    def _stay(self) -> Stay | None:
        a = self.selected()
        if not isinstance(a, StayAlert):
            return None
        return Stay(
            a.placement_id, a.household_id, a.household_num, a.name, a.start_date, a.planned_end
        )

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def extend(self) -> QWidget | None:
        st = self._stay()
        return self._open(ExtendDialog(self.ctx, st, self)) if st else None

    def check_out(self) -> QWidget | None:
        st = self._stay()
        return self._open(CheckOutDialog(self.ctx, [st], None, self)) if st else None

    def check_in(self) -> QWidget | None:
        w = self.selected()
        hid = getattr(w, "household_id", None)
        if hid is None or isinstance(w, StayAlert):
            return None
        return self._open(CheckInDialog(self.ctx, hid, None, self))

    def _double_clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        value = item.data(0, Qt.ItemDataRole.UserRole)
        hid = getattr(value, "household_id", None)
        if hid is not None:
            self.open_family.emit(hid)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels(
            [_("Name"), _("Family"), _("Room and bed"), _("Planned end"), _("Days")]
        )
        self.extend_button.setText(_("Extend the stay…"))
        self.checkout_button.setText(_("Check out…"))
        self.checkin_button.setText(_("Check in…"))
        self.render()


class PlacementPage(Retranslatable, QWidget):
    open_family = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = BoardView(ctx)
        self.attention = AttentionView(ctx)
        self.board.open_family.connect(self.open_family.emit)
        self.attention.open_family.connect(self.open_family.emit)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.board, "")
        self.tabs.addTab(self.attention, "")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Occupancy board"))
        self.tabs.setTabText(1, _("Needs attention"))
