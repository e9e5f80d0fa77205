"""The Reports area: choose a report, its period and language; see the report as it will print,
save it as PDF or Excel, print it, and see who is behind any figure.

The "Table" tab is the report's own table (``reports.monitoring.build_table``, the one the PDF
and the workbook are rendered from), computed on a worker thread: the title, the period in official
style, the sections and their lines with indents, one column per report column with its period. A
double-click on a figure (or "Who is counted…") lists the people or services behind it; a
double-click on a person there opens the family card. The "Pages" tab shows the PDF's pages as
images (``ui.pdf_pages``), and "Print…" sends those same pages to the printer, so the preview, the
sheet and the saved PDF are one document: corrections after submission, charts and signature
block included. "Close period…" freezes the submitted figures (``reports.closing``), "Reopen…" asks
why. The list of residents is shown and saved as the duty officer's PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oralman_desk import i18n
from oralman_desk.formatting import official_date, period_name, period_title, short_date
from oralman_desk.i18n import N_, _, translate
from oralman_desk.periods import Period, PeriodKind

from .context import AppContext
from .pdf_pages import PREVIEW_DPI, PagesView, paint_pages, rasterise
from .qt_i18n import Retranslatable
from .widgets import DateField
from .worker import Op

LANGS: Final = ("kk", "ru")
LINE_ROLE: Final = Qt.ItemDataRole.UserRole
COLUMN_ROLE: Final = Qt.ItemDataRole.UserRole + 1
RESIDENTS: Final = "residents"
SECTION_BG: Final = QColor("#E8EEF4")
#: An A4 sheet's sides in points (1/72 inch).
A4_SHORT: Final = 595.28
A4_LONG: Final = 841.89

MSG_NOT_RECORDED: Final = N_("“—”: the register does not record this figure yet.")
LANGUAGE_NAMES: Final = {
    "kk": N_("In Kazakh"),
    "ru": N_("In Russian"),
    "both": N_("In Kazakh and Russian"),
}


def _langs(lang: str) -> tuple[str, ...]:
    return LANGS if lang == "both" else (lang,)


def _both(texts: list[str], sep: str = " / ") -> str:
    return sep.join(dict.fromkeys(t for t in texts if t))


@dataclass(frozen=True)
class ResidentsList:
    """The list of residents on a day, read on a worker."""

    day: dt.date
    rows: tuple[Any, ...]
    centre: tuple[str, str]
    definition: Any  # reports.list_definition.ListDefinition: the columns the centre chose


class PeriodPicker(Retranslatable, QWidget):
    """A period of the kind a report is made for: a month, quarter or year from a list (newest
    first), a range of days, or a day."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = PeriodKind.MONTH
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(16)
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.start = DateField(optional=False)
        self.end = DateField(optional=False)
        self.day = DateField(optional=False)
        self.day.set_value(dt.date.today())
        self.to_label = QLabel()
        range_box = QWidget()
        rl = QHBoxLayout(range_box)
        rl.setContentsMargins(0, 0, 0, 0)
        for w in (self.start, self.to_label, self.end):
            rl.addWidget(w)
        for w in (self.start, self.end, self.day):
            w.date_changed.connect(self.changed.emit)
        self.stack = QStackedWidget()
        for w in (self.choice, range_box, self.day):
            self.stack.addWidget(w)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.set_kind(PeriodKind.MONTH)

    def _choices(self, kind: PeriodKind) -> list[Period]:
        today = dt.date.today()
        out: list[Period] = []
        if kind is PeriodKind.MONTH:
            y, m = today.year, today.month
            for _i in range(36):
                out.append(Period.month(y, m))
                y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        elif kind is PeriodKind.QUARTER:
            y, q = today.year, (today.month - 1) // 3 + 1
            for _i in range(16):
                out.append(Period.quarter(y, q))
                y, q = (y, q - 1) if q > 1 else (y - 1, 4)
        else:
            out = [Period.year(today.year - i) for i in range(8)]
        return out

    def set_kind(self, kind: PeriodKind) -> None:
        """Offer periods of ``kind``; by default the last one that has ended."""
        self.kind = kind
        self.blockSignals(True)
        try:
            if kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
                self.choice.clear()
                today = dt.date.today()
                for p in self._choices(kind):
                    self.choice.addItem(period_name(p), p)
                ended = next(
                    (i for i in range(self.choice.count()) if self.choice.itemData(i).end < today),
                    0,
                )
                self.choice.setCurrentIndex(ended)
                self.stack.setCurrentIndex(0)
            elif kind is PeriodKind.RANGE:
                today = dt.date.today()
                if self.start.value() is None:
                    self.start.set_value(today.replace(day=1))
                    self.end.set_value(today)
                self.stack.setCurrentIndex(1)
            else:
                self.stack.setCurrentIndex(2)
        finally:
            self.blockSignals(False)

    def set_period(self, period: Period) -> None:
        """Show ``period`` (of the picker's kind), adding it to the list if it is not there."""
        if self.kind is PeriodKind.RANGE:
            self.blockSignals(True)
            self.start.set_value(period.start)
            self.blockSignals(False)
            self.end.set_value(period.end)
            return
        if self.kind is PeriodKind.DAY:
            self.day.set_value(period.start)
            return
        index = self.choice.findData(period)
        if index < 0:
            self.choice.addItem(period_name(period), period)
            index = self.choice.count() - 1
        self.choice.setCurrentIndex(index)

    def period(self) -> Period | None:
        if self.kind is PeriodKind.RANGE:
            start, end = self.start.value(), self.end.value()
            if start is None or end is None or end < start:
                return None
            return Period.range(start, end)
        if self.kind is PeriodKind.DAY:
            day = self.day.value()
            return Period.day(day) if day is not None else None
        data = self.choice.currentData()
        return data if isinstance(data, Period) else None

    def retranslate(self) -> None:
        self.to_label.setText(_("to"))
        for i in range(self.choice.count()):
            self.choice.setItemText(i, period_name(self.choice.itemData(i)))


def make_pdf(table: Any, lang: str) -> bytes:
    """The PDF of a report table or a list of residents, as "Save PDF…" writes it."""
    import io

    out = io.BytesIO()
    if isinstance(table, ResidentsList):
        from reports.residents import build_residents_pdf

        centre = table.centre[0] if lang == "kk" else table.centre[1]
        build_residents_pdf(table.rows, table.day, lang, out, centre, table.definition)
    else:
        from reports.monitoring_pdf import render_pdf

        render_pdf(table, lang, out)
    return out.getvalue()


class ReportsPage(Retranslatable, QWidget):
    open_family = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: The report shown: a ``ReportTable`` or a ``ResidentsList``; None while it is computed.
        self.table: Any = None
        self.dialog: QDialog | None = None
        self._request = 0
        self._loading = False
        self.report_label, self.period_label, self.lang_label = QLabel(), QLabel(), QLabel()
        self.report = QComboBox()
        self.report.setMinimumContentsLength(28)
        self.report.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker = PeriodPicker()
        self.language = QComboBox()
        for code in LANGUAGE_NAMES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.pdf_button = QPushButton()
        self.xlsx_button = QPushButton()
        self.print_button = QPushButton()
        self.drill_button = QPushButton()
        self.close_button = QPushButton()
        self.reopen_button = QPushButton()
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda: self.edit_definition())
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        self.print_button.clicked.connect(lambda: self.print_report())
        self.drill_button.clicked.connect(lambda: self.drill_selected())
        self.close_button.clicked.connect(lambda: self.close_period())
        self.reopen_button.clicked.connect(lambda: self.reopen_period())
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)  # "Computing…" or an error must not widen the window
        self.heading = QLabel()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.submitted = QLabel()
        self.submitted.setWordWrap(True)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setWordWrap(True)
        self.preview.cellDoubleClicked.connect(self._double_clicked)
        self.preview.itemSelectionChanged.connect(self._update_buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)
        # The figures (a double-click shows who is counted) and the pages as they print.
        self.pages = PagesView()
        figures = QWidget()
        figures_lay = QVBoxLayout(figures)
        figures_lay.setContentsMargins(0, 0, 0, 0)
        figures_lay.addWidget(self.submitted)
        figures_lay.addWidget(self.preview, 1)
        figures_lay.addWidget(self.note)
        self.views = QTabWidget()
        self.views.addTab(figures, "")
        self.views.addTab(self.pages, "")
        self.views.currentChanged.connect(lambda _i: self._show_pages())
        #: The PDF of the report shown, in the language shown, once made: (table, lang, bytes).
        self._pdf: tuple[Any, str, bytes] | None = None
        self._pages_request = 0
        self._pages_shown: tuple[Any, str] | None = None

        choose = QHBoxLayout()
        for w in (
            self.report_label,
            self.report,
            self.period_label,
            self.picker,
            self.lang_label,
            self.language,
        ):
            choose.addWidget(w)
        choose.addStretch(1)
        actions = QHBoxLayout()
        for b in (self.pdf_button, self.xlsx_button, self.print_button, self.drill_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        actions.addWidget(self.reopen_button)
        lay = QVBoxLayout(self)
        lay.addLayout(choose)
        lay.addLayout(actions)
        # The progress and its message get a line of their own, so a long message never
        # widens the window.
        busy = QHBoxLayout()
        busy.addWidget(self.progress)
        busy.addWidget(self.status, 1)
        busy.addWidget(self.edit_button)
        lay.addLayout(busy)
        lay.addWidget(self.heading)
        lay.addWidget(self.views, 1)

        self._fill_reports()
        self.report.currentIndexChanged.connect(lambda _i: self._report_changed())
        self.picker.changed.connect(self.reload)
        self.language.currentIndexChanged.connect(lambda _i: self.render())
        ctx.changed.connect(lambda _s: self.reload())
        self.retranslate()
        self._report_changed()

    # ---- choosing ------------------------------------------------------------------------

    def _fill_reports(self) -> None:
        from reports.definitions import DefinitionError, list_definitions

        self.report.blockSignals(True)
        self.report.clear()
        for defn in list_definitions(self.ctx.db):
            if isinstance(defn, DefinitionError):
                continue  # a centre's definition that does not validate cannot be made
            self.report.addItem("", (defn.key, defn.period, defn.title))
        self.report.addItem("", (RESIDENTS, PeriodKind.DAY, None))
        self.report.blockSignals(False)

    def report_key(self) -> str:
        data = self.report.currentData()
        return str(data[0]) if data else ""

    def is_residents(self) -> bool:
        return self.report_key() == RESIDENTS

    def select_report(self, key: str, period: Period | None = None) -> None:
        """Choose report ``key`` (and ``period``); the preview follows on a worker."""
        for i in range(self.report.count()):
            if self.report.itemData(i)[0] == key:
                self.report.blockSignals(True)
                self.report.setCurrentIndex(i)
                self.report.blockSignals(False)
                break
        self._report_changed(reload=period is None)
        if period is not None:
            self.picker.blockSignals(True)
            self.picker.set_period(period)
            self.picker.blockSignals(False)
            self.reload()

    def set_language(self, lang: str) -> None:
        self.language.setCurrentIndex(self.language.findData(lang))

    def lang(self) -> str:
        return str(self.language.currentData())

    def _report_changed(self, reload: bool = True) -> None:
        data = self.report.currentData()
        if not data:
            return
        self.picker.set_kind(PeriodKind(data[1]))
        # The list of residents is printed in one language.
        both = self.language.findData("both")
        item = self.language.model().item(both)  # type: ignore[attr-defined]
        item.setEnabled(not self.is_residents())
        if self.is_residents() and self.lang() == "both":
            self.set_language(i18n.current_language())
        if reload:
            self.reload()

    # ---- computing -----------------------------------------------------------------------

    def reload(self) -> None:
        """Compute the chosen report on a worker; the preview shows it when it is ready."""
        self._request += 1
        request, db, key, period = self._request, self.ctx.db, self.report_key(), None
        period = self.picker.period()
        self.table = None
        if not key or period is None:
            self.render()
            return
        self._set_loading(True)

        def work() -> object:
            if key == RESIDENTS:
                from oralman_desk.services.centre import CentreService
                from oralman_desk.services.placement_queries import residents

                centre = CentreService(db).current()
                names = (centre.name_kk, centre.name_ru) if centre else ("", "")
                from reports.list_definition import residents_definition

                return ResidentsList(
                    period.start,
                    tuple(residents(db, period.start)),
                    names,
                    residents_definition(db),
                )
            from reports.definitions import get_definition
            from reports.monitoring import build_table

            return build_table(db, get_definition(db, key), period)

        Op(self, work).success(lambda t, r=request: self._built(r, t)).failure(
            lambda e, r=request: self._failed(r, e)
        ).run()

    def _built(self, request: int, table: object) -> None:
        if request != self._request:
            return
        self.table = table
        self._set_loading(False)
        self.render()

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._set_loading(False)
        self.render()
        from .errors import show_error

        show_error(self, exc)

    def _set_loading(self, on: bool) -> None:
        self._loading = on
        self.progress.setVisible(on)
        self.status.setText(_("Computing the figures…") if on else "")
        self._update_buttons()

    # ---- the preview ---------------------------------------------------------------------

    def render(self) -> None:
        from reports.monitoring import MSG_INDICATOR, MSG_NUMBER

        t = self.preview
        t.clearSpans()
        t.setRowCount(0)
        self.heading.setText("")
        self.submitted.setText("")
        self.note.setText("")
        table, lang = self.table, self.lang()
        self._show_pages()
        if isinstance(table, ResidentsList):
            self._render_residents(table, lang)
            self._update_buttons()
            return
        if table is None:
            t.setColumnCount(0)
            self._update_buttons()
            return
        langs = _langs(lang)
        parts = [escape(table.centre.get(lg)) for lg in langs if table.centre.get(lg)]
        parts += [f"<b>{escape(table.title(lg))}</b>" for lg in langs]
        parts += [escape(period_title(table.period, lg)) for lg in langs]
        self.heading.setText("<br/>".join(parts))
        if table.submitted is not None:
            self.submitted.setText(
                _(
                    "Submitted on {date} ({user}): the period is closed, these are the figures as submitted."
                ).format(date=short_date(table.submitted.closed_on), user=table.submitted.closed_by)
            )
        ncols = len(table.columns)
        first = 1 + len(langs)
        t.setColumnCount(first + ncols)
        heads = [_both([translate(MSG_NUMBER, lg) for lg in langs])]
        heads += [translate(MSG_INDICATOR, lg) for lg in langs]
        heads += [
            "\n".join(f"{c.heading(lg)}\n{c.period_label(lg)}" for lg in langs)
            for c in table.columns
        ]
        t.setHorizontalHeaderLabels(heads)
        t.setRowCount(len(table.lines))
        bold = QFont(t.font())
        bold.setBold(True)
        italic = QFont(t.font())
        italic.setItalic(True)
        for r, line in enumerate(table.lines):
            number = QTableWidgetItem(line.number)
            number.setData(LINE_ROLE, r)
            t.setItem(r, 0, number)
            if line.kind == "section":
                label = QTableWidgetItem(_both([line.label.get(lg) for lg in langs]))
                label.setFont(bold)
                number.setFont(bold)
                for item in (number, label):
                    item.setBackground(QBrush(SECTION_BG))
                t.setItem(r, 1, label)
                t.setSpan(r, 1, 1, first - 1 + ncols)
                continue
            for i, lg in enumerate(langs):
                item = QTableWidgetItem("    " * line.indent + line.label.get(lg))
                item.setData(LINE_ROLE, r)
                if line.kind == "heading":
                    item.setFont(italic)
                t.setItem(r, 1 + i, item)
            for c in range(ncols):
                item = QTableWidgetItem(line.cell(c, langs[-1]))
                item.setData(LINE_ROLE, r)
                item.setData(COLUMN_ROLE, c)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if self._can_drill(line, c):
                    item.setToolTip(_("Double-click to see who is counted"))
                t.setItem(r, first + c, item)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.resizeColumnsToContents()
        for i in range(len(langs)):
            header.setSectionResizeMode(1 + i, QHeaderView.ResizeMode.Stretch)
        if table.has_unrecorded:
            self.note.setText(_both([translate(MSG_NOT_RECORDED, lg) for lg in langs]))
        if table.corrections:
            self.note.setText(
                (self.note.text() + "\n" if self.note.text() else "")
                + _("This report lists corrections after submission: see them on the Pages tab.")
            )
        self._update_buttons()

    def _render_residents(self, data: ResidentsList, lang: str) -> None:
        from reports.list_definition import cells
        from reports.residents import MSG_NOBODY, list_title

        t = self.preview
        title = list_title(data.definition, data.day, lang)
        centre = data.centre[0] if lang == "kk" else data.centre[1]
        parts = [escape(centre)] if centre else []
        self.heading.setText("<br/>".join([*parts, f"<b>{escape(title)}</b>"]))
        headings, body = cells(data.definition, data.rows, data.day, lang)
        t.setColumnCount(len(headings))
        t.setHorizontalHeaderLabels(headings)
        t.setRowCount(len(body))
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setData(LINE_ROLE, r)
                t.setItem(r, c, item)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.resizeColumnsToContents()
        flexible = [i for i, c in enumerate(data.definition.columns) if c.width is None]
        for i in flexible:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        if not body:
            self.note.setText(
                translate(MSG_NOBODY, lang).format(
                    date=official_date(data.day, lang, attributive=True)
                )
            )

    def _can_drill(self, line: Any, column: int) -> bool:
        return (
            line.kind != "section"
            and line.indicator is not None
            and bool(line.figures)
            and line.figures[column] is not None
            and line.recorded
        )

    def find_line(self, number: str = "", label: str = "", lang: str = "ru") -> int:
        """The preview row of the line numbered ``number`` or labelled ``label`` (for tests and
        for staff's "find")."""
        if self.table is None or isinstance(self.table, ResidentsList):
            return -1
        for r, line in enumerate(self.table.lines):
            if number and line.number == number:
                return r
            if label and line.label.get(lang) == label:
                return r
        return -1

    def figure_item(self, row: int, column: int) -> QTableWidgetItem | None:
        """The preview cell of the figure in report column ``column`` of preview row ``row``."""
        first = 1 + len(_langs(self.lang()))
        return self.preview.item(row, first + column)

    def _update_buttons(self) -> None:
        ready = self.table is not None and not self._loading
        residents = isinstance(self.table, ResidentsList)
        self.pdf_button.setEnabled(ready)
        self.edit_button.setEnabled(bool(self.report_key()))
        self.xlsx_button.setEnabled(ready and not residents)
        self.print_button.setEnabled(ready)
        self.drill_button.setEnabled(ready and self._selected_figure() is not None)
        submitted = None if not ready or residents else self.table.submitted
        period = self.picker.period()
        self.close_button.setEnabled(
            ready
            and not residents
            and submitted is None
            and period is not None
            and period.end < dt.date.today()
        )
        self.reopen_button.setEnabled(ready and not residents and submitted is not None)

    # ---- who is counted ------------------------------------------------------------------

    def _selected_figure(self) -> tuple[int, int] | None:
        items = self.preview.selectedItems()
        if not items or self.table is None or isinstance(self.table, ResidentsList):
            return None
        r, c = items[0].data(LINE_ROLE), items[0].data(COLUMN_ROLE)
        if r is None or c is None or not self._can_drill(self.table.lines[r], c):
            return None
        return int(r), int(c)

    def drill_selected(self) -> QDialog | None:
        chosen = self._selected_figure()
        return self.drill(*chosen) if chosen else None

    def _double_clicked(self, row: int, col: int) -> None:
        item = self.preview.item(row, col)
        if item is None:
            return
        if isinstance(self.table, ResidentsList):
            return
        r, c = item.data(LINE_ROLE), item.data(COLUMN_ROLE)
        if r is not None and c is not None:
            self.drill(int(r), int(c))

    def drill(self, line_index: int, column: int) -> QDialog | None:
        """The people or services behind the figure of line ``line_index`` in ``column``."""
        table = self.table
        if table is None or isinstance(table, ResidentsList):
            return None
        line = table.lines[line_index]
        if not self._can_drill(line, column):
            return None
        exclude: list[str] = []
        if line.kind == "rest":
            i = line_index - 1
            while i >= 0 and table.lines[i].kind == "value":
                if table.lines[i].indicator == line.indicator and table.lines[i].value is not None:
                    exclude.append(table.lines[i].value)
                i -= 1
        label = _both([line.label.get(lg) for lg in _langs(self.lang())])
        if line.kind in ("value", "rest"):
            head = next(
                (h for h in reversed(table.lines[:line_index]) if h.kind == "heading"), None
            )
            if head is not None:
                parent = _both([head.label.get(lg) for lg in _langs(self.lang())])
                label = f"{parent.rstrip(':').strip()}: {label}"
        dialog = DrillDialog(
            self.ctx,
            line,
            label,
            column,
            table.columns[column],
            self.lang(),
            exclude,
            self,
            submitted=table.submitted,
        )
        dialog.open_family.connect(self.open_family.emit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    # ---- saving and printing -------------------------------------------------------------

    def file_name(self, fmt: str) -> str:
        period = self.picker.period()
        code = period.code.replace("..", "_") if period else ""
        return f"{self.report_key()}-{code}-{self.lang()}.{fmt}"

    def save(self, fmt: str) -> None:
        """Save the report shown as PDF or Excel (asked where), and open it."""
        from .printing import save_and_open

        table, lang = self.table, self.lang()
        if table is None:
            return
        if fmt == "xlsx":
            if isinstance(table, ResidentsList):
                return  # the list of residents is printed, not sent

            def workbook(path: Path) -> object:
                from reports.monitoring_xlsx import render_xlsx

                return render_xlsx(table, lang, path)

            save_and_open(
                self,
                self.file_name(fmt),
                workbook,
                title=_("Save as Excel"),
                file_filter="Excel (*.xlsx)",
            )
            return
        cached = self._cached_pdf()  # made for the Pages tab already: written as it is

        def document(path: Path) -> object:
            return path.write_bytes(cached if cached is not None else make_pdf(table, lang))

        save_and_open(self, self.file_name(fmt), document)

    def pdf_bytes(self) -> bytes:
        """The PDF of the report shown, in the language shown (made once per table and language;
        no database read: the table holds everything)."""
        table, lang = self.table, self.lang()
        cached = self._cached_pdf()
        if cached is not None:
            return cached
        data = make_pdf(table, lang)
        self._pdf = (table, lang, data)
        return data

    def _cached_pdf(self) -> bytes | None:
        """The PDF already made of the report shown in the language shown, if any."""
        if self._pdf is not None and self._pdf[0] is self.table and self._pdf[1] == self.lang():
            return self._pdf[2]
        return None

    def _show_pages(self) -> None:
        """On the Pages tab, the report's pages as images, made on a worker."""
        table, lang = self.table, self.lang()
        if self.views.currentWidget() is not self.pages:
            return
        if table is None:
            self._pages_shown = None
            self._pages_request += 1
            self.pages.clear()
            return
        shown = self._pages_shown
        if shown is not None and shown[0] is table and shown[1] == lang:
            return
        self._pages_shown = (table, lang)
        self._pages_request += 1
        request = self._pages_request
        cached = self._cached_pdf()
        self.pages.clear()
        self.progress.show()
        self.status.setText(_("Preparing the pages…"))

        # As sharp as the screen allows, but a landscape page still fits the width.
        landscape = (
            not isinstance(table, ResidentsList) and table.definition.orientation == "landscape"
        )
        room = max(200, self.pages.viewport().width() - 40)
        dpi = max(50.0, min(float(PREVIEW_DPI), room * 72 / (A4_LONG if landscape else A4_SHORT)))

        def work() -> object:
            data = cached if cached is not None else make_pdf(table, lang)
            return data, rasterise(data, dpi)

        def done(result: Any) -> None:
            if request != self._pages_request:
                return
            data, images = result
            self._pdf = (table, lang, data)
            self.pages.set_pages(images)
            self._pages_ready()

        def failed(exc: BaseException) -> None:
            if request != self._pages_request:
                return
            self._pages_shown = None
            self._pages_ready()
            from .errors import show_error

            show_error(self, exc)

        Op(self, work).success(done).failure(failed).run()

    def _pages_ready(self) -> None:
        if not self._loading:
            self.progress.hide()
            self.status.setText("")

    def print_report(self) -> bool:
        """Print the report shown through the system's printer dialog: the PDF's own pages, so the
        sheet is the one "Save PDF…" writes."""
        from PySide6.QtGui import QPageLayout
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QProgressDialog

        if self.table is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        landscape = (
            not isinstance(self.table, ResidentsList)
            and self.table.definition.orientation == "landscape"
        )
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        printer.setDocName(self.file_name("pdf")[:-4])
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the report"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        steps = QProgressDialog(_("Printing…"), _("Cancel"), 0, 0, self)
        steps.setWindowModality(Qt.WindowModality.WindowModal)
        steps.setMinimumDuration(300)

        def progress(done: int, total: int) -> bool:
            steps.setMaximum(total)
            steps.setValue(done)
            return not steps.wasCanceled()

        try:
            return paint_pages(self.pdf_bytes(), printer, progress) > 0
        finally:
            steps.close()

    # ---- closing the period --------------------------------------------------------------

    def close_period(self) -> None:
        """Close the period: the figures as they are now are frozen as submitted."""
        period, key, db = self.picker.period(), self.report_key(), self.ctx.db
        if period is None or self.is_residents():
            return
        answer = QMessageBox.question(
            self,
            _("Close the period"),
            _(
                "Close the period {period}? The figures are frozen as submitted today; records "
                "entered later for this period will show as corrections in later reports."
            ).format(period=period_name(period)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from reports.closing import close_period

        Op(self, lambda: close_period(db, key, period)).success(lambda _r: self.reload()).run()

    def reopen_period(self) -> None:
        """Reopen a closed period, saying why (the reason is kept and audited)."""
        period, key, db = self.picker.period(), self.report_key(), self.ctx.db
        if period is None or self.is_residents():
            return
        reason, ok = QInputDialog.getText(
            self,
            _("Reopen the period"),
            _("Why is the period {period} reopened?").format(period=period_name(period)),
        )
        if not ok:
            return
        from reports.closing import reopen_period

        Op(self, lambda: reopen_period(db, key, period, reason)).success(
            lambda _r: self.reload()
        ).run()

    # ---- language ------------------------------------------------------------------------

    def edit_definition(self) -> QDialog | None:
        """The centre's own version of the chosen report (a copy, if it is a shipped one)."""
        if not self.report_key():
            return None
        if self.is_residents():
            return self._edit_list()
        from reports.definitions import get_definition

        from .definition_editor import DefinitionEditor

        dialog = DefinitionEditor(self.ctx, get_definition(self.ctx.db, self.report_key()), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        period = self.picker.period()

        def saved() -> None:
            if dialog.saved_key:
                self._fill_reports()
                self.retranslate()
                self.select_report(dialog.saved_key, period)  # the same period as before

        dialog.accepted.connect(saved)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _edit_list(self) -> QDialog:
        from reports.list_definition import residents_definition

        from .list_editor import ListEditor

        # The definition the list shown was made with (read on the worker), else read now.
        shown = self.table.definition if isinstance(self.table, ResidentsList) else None
        dialog = ListEditor(self.ctx, shown or residents_definition(self.ctx.db), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        self.dialog = dialog
        dialog.show()
        return dialog

    def retranslate(self) -> None:
        self.report_label.setText(_("Report"))
        self.period_label.setText(_("Period"))
        self.lang_label.setText(_("Language"))
        for i in range(self.report.count()):
            key, _kind, title = self.report.itemData(i)
            if key == RESIDENTS:
                self.report.setItemText(i, _("List of residents"))
            else:
                self.report.setItemText(i, title.get(i18n.current_language()))
        for i in range(self.language.count()):
            self.language.setItemText(i, translate(LANGUAGE_NAMES[self.language.itemData(i)]))
        self.views.setTabText(0, _("Table"))
        self.views.setTabText(1, _("Pages"))
        self.views.setTabToolTip(0, _("Double-click a figure to see who is counted."))
        self.views.setTabToolTip(1, _("The pages as they print and as the PDF is saved."))
        self.pdf_button.setText(_("Save PDF…"))
        self.xlsx_button.setText(_("Save Excel…"))
        self.print_button.setText(_("Print…"))
        self.drill_button.setText(_("Who is counted…"))
        self.close_button.setText(_("Close period…"))
        self.reopen_button.setText(_("Reopen…"))
        self.edit_button.setText(_("Own version…"))
        self.edit_button.setToolTip(
            _(
                "Copy the report, reorder, drop or relabel its rows, and keep it as the centre's own."
            )
        )
        self.close_button.setToolTip(
            _("The report has been submitted: freeze its figures for this period.")
        )
        if self._loading:
            self.status.setText(_("Computing the figures…"))
        self.render()


class DrillDialog(Retranslatable, QDialog):
    """The people or services behind one figure; double-click a row to open the family."""

    open_family = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        line: Any,
        label: str,
        column_index: int,
        column: Any,
        lang: str,
        exclude: list[str],
        parent: QWidget | None = None,
        submitted: Any = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: For a closed period, its submission: the figure is frozen, the list is today's.
        self.submitted = submitted
        self.frozen = QLabel()
        self.frozen.setWordWrap(True)
        self.frozen.setStyleSheet("color: #8A5A00;")
        self.line = line
        self.label = label
        self.column = column
        self.column_index = column_index
        self.report_lang = lang
        self.records: Any = None
        self.resize(760, 520)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.count = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self.open_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.caption)
        lay.addWidget(self.frozen)
        self.frozen.setVisible(submitted is not None)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)
        lay.addWidget(buttons)
        self.retranslate()
        db, key, period, value = ctx.db, line.indicator, column.period, line.value

        def work() -> object:
            from oralman_desk.services.drill import records_behind

            return records_behind(db, key, period, value, exclude)

        Op(self, work).success(self._loaded).run()

    def _loaded(self, records: object) -> None:
        self.records = records
        self.render()

    def render(self) -> None:
        from oralman_desk.services.drill import KIND_LABELS

        rows = self.records.rows if self.records is not None else ()
        kind = _(KIND_LABELS[self.records.kind]) if self.records is not None else ""
        t = self.table
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                row.name,
                str(row.household_num) if row.household_num is not None else "",
                short_date(row.day) if row.day else "",
                kind,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(LINE_ROLE, r)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        if self.records is None:
            self.count.setText(_("Looking for the records…"))
        else:
            self.count.setText(
                i18n.ngettext("{n} record", "{n} records", len(rows)).format(n=len(rows))
            )
        self.open_button.setEnabled(bool(rows))

    def names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def _double_clicked(self, row: int, _col: int) -> None:
        self.open_row(row)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.open_row(rows[0].row() if rows else 0)

    def open_row(self, row: int) -> None:
        if self.records is None or not 0 <= row < len(self.records.rows):
            return
        household = self.records.rows[row].household
        if household is not None:
            self.open_family.emit(household)

    def retranslate(self) -> None:
        lang = self.report_lang
        self.setWindowTitle(_("Who is counted"))
        self.caption.setText(
            _("{indicator} — {column}, {period}: {figure}").format(
                indicator=self.label.strip(),
                column=self.column.heading(i18n.current_language()),
                period=period_name(self.column.period),
                figure=self.line.cell(self.column_index, lang),
            )
        )
        self.table.setHorizontalHeaderLabels(
            [_("Full name"), _("Family No."), _("Date"), _("What is counted")]
        )
        self.open_button.setText(_("Open the family"))
        if self.submitted is not None:
            self.frozen.setText(
                _(
                    "The period was closed on {date}: the figure is the one submitted, the list "
                    "shows the records as they are today. Records entered since show as "
                    "corrections in later reports."
                ).format(date=short_date(self.submitted.closed_on))
            )
        self.render()
