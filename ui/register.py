"""The register: every person of the centre in one table that opens at once on a million people.

``RegisterModel`` holds only the local numbers of the matching people (an ``array`` of ints, 8 MB
for a million) and fetches the visible rows a page at a time; filtering and sorting are SQL, run on
a worker thread. A first page comes from a quick ``LIMIT`` query so the table shows something
immediately, then the full list replaces it.
"""

from __future__ import annotations

import uuid
from array import array
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.domain import AgeGroup, CaseStatus, label
from oralman_desk.formatting import age_years, number, short_date
from oralman_desk.i18n import N_, _, ngettext, translate
from oralman_desk.services import register as reg
from oralman_desk.services.register import RegisterFilter, RegisterRow, SortKey

from .context import AppContext
from .qt_i18n import Retranslatable
from .widgets import DateField, RefCombo
from .worker import Op

PAGE = 100
FIRST_ROWS = 60  # about one screenful, fetched with the numbers
FIRST_PAGE = 400
CACHE_ROWS = 20 * PAGE

COLUMNS: list[tuple[str, str, SortKey | None]] = [
    ("num", N_("No."), SortKey.NUM),
    ("name", N_("Full name"), SortKey.NAME),
    ("latin", N_("As in the passport"), None),
    ("sex", N_("Sex"), None),
    ("birth", N_("Date of birth"), SortKey.BIRTH),
    ("age", N_("Age"), SortKey.BIRTH),
    ("iin", N_("IIN"), None),
    ("family", N_("Family No."), SortKey.FAMILY),
    ("origin", N_("Country of origin"), None),
    ("arrival", N_("Arrival date"), SortKey.ARRIVAL),
    ("status", N_("Case status"), SortKey.STATUS),
]
SEX_LABELS = {"M": N_("male"), "F": N_("female")}


class RegisterModel(QAbstractTableModel):
    """Rows are people; the model knows their numbers and fetches what is shown."""

    loaded = Signal(int)  # total rows after a (re)load
    loading = Signal(bool)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.nums: array[int] = array("q")
        self.cache: dict[int, RegisterRow] = {}
        self.filter = RegisterFilter()
        self.sort_key = SortKey.NAME
        self.descending = False
        self._generation = 0
        # Rows fetched for an older list (or before a save) are dropped when they arrive.
        self._rows_generation = 0
        self._pending_pages: set[int] = set()
        self.complete = False

    # ---- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Query the matching numbers on a worker thread; first a page, then the whole list."""
        self._generation += 1
        gen = self._generation
        db, ref, f, key, desc = (
            self.ctx.db,
            self.ctx.ref,
            self.filter,
            self.sort_key,
            self.descending,
        )
        self.loading.emit(True)

        # A text search is capped (TEXT_MATCH_LIMIT), so one query gives the whole answer.
        limit = None if f.text.strip() else FIRST_PAGE

        def first() -> tuple[array[int], dict[int, RegisterRow]]:
            nums = reg.matching_nums(db, f, key, desc, ref, limit=limit)
            return nums, reg.rows(db, list(nums[:FIRST_ROWS]))

        def full() -> array[int]:
            return reg.matching_nums(db, f, key, desc, ref)

        def got_first(result: tuple[array[int], dict[int, RegisterRow]]) -> None:
            if gen != self._generation:
                return
            nums, rows = result
            if limit is None or len(nums) < limit:
                self._install(nums, rows, complete=True)
            else:
                self._install(nums, rows, complete=False)
                Op(self, full).success(got_full).run()

        def got_full(nums: array[int]) -> None:
            if gen == self._generation:
                self._install(nums, {}, complete=True)

        Op(self, first).success(got_first).run()

    def _install(self, nums: array[int], rows: dict[int, RegisterRow], complete: bool) -> None:
        if complete and len(nums) >= len(self.nums) and nums[: len(self.nums)] == self.nums:
            # The full list extends what is shown: append rows, keep the scroll position.
            old = len(self.nums)
            if len(nums) > old:
                self.beginInsertRows(QModelIndex(), old, len(nums) - 1)
                self.nums = nums
                self.endInsertRows()
        else:
            self.beginResetModel()
            self.nums = nums
            self._forget_rows()
            self.cache = dict(rows)
            self.endResetModel()
        self.complete = complete
        if complete:
            self.loading.emit(False)
            self.loaded.emit(len(self.nums))

    def _forget_rows(self) -> None:
        self.cache.clear()
        self._pending_pages.clear()
        self._rows_generation += 1

    def set_filter(self, f: RegisterFilter) -> None:
        self.filter = f
        self.reload()

    def refresh_rows(self) -> None:
        """Forget cached rows (after a save) and repaint."""
        self._forget_rows()
        if self.nums:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.nums) - 1, len(COLUMNS) - 1)
            )

    # ---- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.nums)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def row_at(self, row: int) -> RegisterRow | None:
        """The row now, fetched on this thread if need be: for a single row the user acts on."""
        if not 0 <= row < len(self.nums):
            return None
        num = self.nums[row]
        hit = self.cache.get(num)
        if hit is None:
            start = (row // PAGE) * PAGE
            self._remember(reg.rows(self.ctx.db, list(self.nums[start : start + PAGE])))
            hit = self.cache.get(num)
        return hit

    def shown_row(self, row: int) -> RegisterRow | None:
        """The row if it is at hand; otherwise its page is fetched on a worker thread and the
        view repaints when it comes, so scrolling never waits on the disk."""
        if not 0 <= row < len(self.nums):
            return None
        hit = self.cache.get(self.nums[row])
        if hit is None:
            self._request_page(row // PAGE * PAGE)
        return hit

    def _request_page(self, start: int) -> None:
        if start in self._pending_pages:
            return
        self._pending_pages.add(start)
        gen = self._rows_generation
        db = self.ctx.db
        page = list(self.nums[start : start + PAGE])

        def fetched(rows: dict[int, RegisterRow]) -> None:
            if gen != self._rows_generation:
                return
            self._pending_pages.discard(start)
            self._remember(rows)
            end = min(start + PAGE, len(self.nums)) - 1
            if end >= start:
                self.dataChanged.emit(self.index(start, 0), self.index(end, len(COLUMNS) - 1))

        def failed(exc: BaseException) -> None:
            if gen == self._rows_generation:
                self._pending_pages.discard(start)
            from .errors import show_error

            show_error(None, exc)

        Op(self, lambda: reg.rows(db, page)).success(fetched).failure(failed).run()

    def _remember(self, rows: dict[int, RegisterRow]) -> None:
        if len(self.cache) > CACHE_ROWS:
            # Forget the oldest half; what is on screen was fetched last and stays.
            for num in list(self.cache)[: len(self.cache) // 2]:
                del self.cache[num]
        self.cache.update(rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            r = self.shown_row(index.row())
            if r is None:
                return "…" if COLUMNS[index.column()][0] == "name" else None
            return self._display(r, COLUMNS[index.column()][0])
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()][0] in (
            "num",
            "family",
            "age",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and COLUMNS[index.column()][0] == "name":
            r = self.shown_row(index.row())
            if r is not None and r.is_head:
                from PySide6.QtGui import QFont

                f = QFont()
                f.setBold(True)
                return f
        return None

    def _display(self, r: RegisterRow, col: str) -> str:
        if col == "num":
            return str(r.num)
        if col == "name":
            return r.full_name
        if col == "latin":
            return r.latin_name
        if col == "sex":
            return translate(SEX_LABELS[r.sex.value])
        if col == "birth":
            return short_date(r.birth_date)
        if col == "age":
            return str(age_years(r.birth_date))
        if col == "iin":
            return r.iin or ""
        if col == "family":
            return str(r.household_num)
        if col == "origin":
            return self.ctx.ref.name("country", r.origin_country)
        if col == "arrival":
            return short_date(r.arrival_date)
        if col == "status":
            return label(r.status)
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return translate(COLUMNS[section][1])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2]
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.refresh_rows()


class RegisterPage(Retranslatable, QWidget):
    """Search box, filters, the table; double-click or Enter opens the family card."""

    open_family = Signal(object)  # household id
    new_family = Signal()

    SEARCH_DELAY_MS = 250

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RegisterModel(ctx)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_family.emit)
        self.status_combo = QComboBox()
        self.country_combo = RefCombo(ctx.ref, "country", optional=True, blank=N_("Any country"))
        self.region_combo = RefCombo(ctx.ref, "region", optional=True, blank=N_("Any region"))
        self.age_combo = QComboBox()
        self.arrival_from = DateField()
        self.arrival_to = DateField()
        self.no_iin = QCheckBox()
        self.count_label = QLabel()
        self.filters_label = QLabel()
        self.arrival_label = QLabel()
        self.dash = QLabel("—")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((70, 260, 220, 60, 95, 50, 110, 80, 140, 95, 200)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)

        # Two rows so that the bar fits a 1366 px screen in either language: the search with the
        # arrival dates and "no IIN", then the classifier filters.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.arrival_label)
        top.addWidget(self.arrival_from)
        top.addWidget(self.dash)
        top.addWidget(self.arrival_to)
        top.addWidget(self.no_iin)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.filters_label)
        for w in (self.status_combo, self.country_combo, self.region_combo, self.age_combo):
            # Sized for a typical entry, not the longest country name: the bar fits the screen
            # and the open list still shows every name in full.
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(14)
            w.view().setTextElideMode(Qt.TextElideMode.ElideNone)
            filters.addWidget(w)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.status_combo, self.country_combo, self.region_combo, self.age_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.arrival_from.date_changed.connect(self.apply_filter)
        self.arrival_to.date_changed.connect(self.apply_filter)
        self.no_iin.toggled.connect(lambda _c: self.apply_filter())
        self.model.loaded.connect(self._show_count)
        self.model.loading.connect(self._show_loading)
        ctx.changed.connect(lambda _saved: self.model.reload())
        ctx.reference_changed.connect(self._reference_changed)
        self.retranslate()
        self.model.reload()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search: name in any spelling, IIN or document number"))
        self.new_button.setText(_("New family…"))
        self.filters_label.setText(_("Filters:"))
        self.arrival_label.setText(_("arrived"))
        self.no_iin.setText(_("no IIN"))
        current_status = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(_("Any status"), None)
        for st in CaseStatus:
            self.status_combo.addItem(label(st), st.value)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(current_status)))
        self.status_combo.blockSignals(False)
        current_age = self.age_combo.currentData()
        self.age_combo.blockSignals(True)
        self.age_combo.clear()
        self.age_combo.addItem(_("Any age"), None)
        for g in AgeGroup:
            self.age_combo.addItem(label(g), g.value)
        self.age_combo.setCurrentIndex(max(0, self.age_combo.findData(current_age)))
        self.age_combo.blockSignals(False)
        self.model.retranslate()
        self._show_count(len(self.model.nums))

    def current_filter(self) -> RegisterFilter:
        status = self.status_combo.currentData()
        age = self.age_combo.currentData()
        return RegisterFilter(
            text=self.search.text().strip(),
            status=CaseStatus(status) if status else None,
            origin_country=self.country_combo.code(),
            settlement_region=self.region_combo.code(),
            arrival_from=self.arrival_from.value(),
            arrival_to=self.arrival_to.value(),
            age_group=AgeGroup(age) if age else None,
            no_iin=self.no_iin.isChecked(),
        )

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def _reference_changed(self) -> None:
        self.country_combo.reload(self.ctx.ref)
        self.region_combo.reload(self.ctx.ref)
        self.model.refresh_rows()

    def _show_loading(self, busy: bool) -> None:
        if busy and not self.model.nums:
            self.count_label.setText(_("Loading…"))

    def _show_count(self, n: int) -> None:
        if not self.model.complete:
            return
        text = ngettext("{n} person", "{n} people", n).format(n=number(n))
        if self.model.filter.text and n >= reg.TEXT_MATCH_LIMIT:
            text += " " + _("(the first matches: type more to narrow the search)")
        self.count_label.setText(text)

    def _open_index(self, index: QModelIndex) -> None:
        r = self.model.row_at(index.row())
        if r is not None:
            self.open_family.emit(r.household_id)

    def selected_household(self) -> uuid.UUID | None:
        idx = self.table.currentIndex()
        r = self.model.row_at(idx.row()) if idx.isValid() else None
        return r.household_id if r else None
