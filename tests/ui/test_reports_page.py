"""The Reports screen: the monthly report for March 2026 over a centre with a known history — its
preview, who is behind a figure, saving PDF and Excel, printing, the report's language, closing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog

from oralman_desk.formatting import short_date
from oralman_desk.i18n import translate
from oralman_desk.periods import Period
from tests.core.report_world import PERIOD, World, build_world
from tests.reports.helpers import pdf_text
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pdf_pages import page_count
from ui.qt_i18n import set_ui_language
from ui.reports_page import DrillDialog, ReportsPage

from .helpers import shot


def distance(a: QImage, b: QImage) -> float:
    """How different two pages look: the mean grey difference of the pages shrunk to 60 × 85."""

    def small(image: QImage) -> QImage:
        return image.convertToFormat(QImage.Format.Format_Grayscale8).scaled(
            60, 85, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )

    x, y = small(a), small(b)
    total = sum(
        abs(x.pixelColor(i, j).value() - y.pixelColor(i, j).value())
        for i in range(60)
        for j in range(85)
    )
    return total / (60 * 85)


def ink(image: QImage) -> float:
    """The share of a page image's pixels that are printed on (darker than light grey)."""
    small = image.convertToFormat(QImage.Format.Format_Grayscale8)
    dark = total = 0
    for y in range(0, small.height(), 2):
        for x in range(0, small.width(), 2):
            total += 1
            dark += small.pixelColor(x, y).value() < 200
    return dark / total


@pytest.fixture
def world(ctx: AppContext) -> World:
    return build_world(ctx.db)


def ready_page(ctx: AppContext, qtbot, wait_idle, key: str = "monthly", period: Period = PERIOD):  # type: ignore[no-untyped-def]
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1150, 720)
    page.show()
    page.select_report(key, period)
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None, timeout=10_000)
    return page


def row_of(page: ReportsPage, indicator: str, value: str | None = None) -> int:
    for r, line in enumerate(page.table.lines):
        if line.indicator == indicator and line.value == value and line.kind != "section":
            return r
    raise AssertionError(indicator)


def test_monthly_preview_drill_down_and_family(
    ctx: AppContext, world: World, qtbot, wait_idle, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = ready_page(ctx, qtbot, wait_idle)
    page.set_language("ru")
    assert "Ежемесячный отчёт о деятельности центра" in page.heading.text()
    assert "за март 2026 года" in page.heading.text()
    headers = [
        page.preview.horizontalHeaderItem(c).text() for c in range(page.preview.columnCount())
    ]
    assert headers[1] == "Показатель" and headers[2].startswith("За период")
    row = row_of(page, "arrived.persons")
    assert page.preview.item(row, 1).text() == "Прибыло человек"
    assert page.figure_item(row, 0).text() == "8"  # F1 and F2, four people each
    women = row_of(page, "arrived.persons.by_sex", "F")
    assert page.preview.item(women, 1).text().startswith("    ")  # indented under "по полу:"
    assert page.figure_item(women, 0).text() == "3"

    page.preview.setCurrentItem(page.figure_item(women, 0))
    assert page.drill_button.isEnabled()
    qtbot.mouseClick(page.drill_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DrillDialog)
    wait_idle()
    names = dialog.names()
    assert len(names) == 3
    assert sorted(n.split()[1] for n in names) == sorted(["Ұлжан", "Гүлнар", "Айгерім"])
    assert dialog.caption.text().endswith(": 3")
    nums = {dialog.table.item(r, 1).text() for r in range(3)}
    assert nums == {
        str(n)
        for n in (
            _num(ctx, world.families["F1"].id),
            _num(ctx, world.families["F2"].id),
        )
    }
    opened: list[object] = []
    page.open_family.connect(opened.append)
    dialog.open_row(0)
    assert opened and opened[0] in {world.families["F1"].id, world.families["F2"].id}

    # "Other countries": the arrivals not from a listed country (none in March: UZ and CN).
    rest = next(r for r, ln in enumerate(page.table.lines) if ln.kind == "rest")
    assert page.figure_item(rest, 0).text() == "0"
    shot(dialog, "reports-drill-ru")
    dialog.close()


def _num(ctx: AppContext, household_id: object) -> int:
    from oralman_desk.db.models import Household

    with ctx.db.read() as s:
        return s.get(Household, household_id).num  # type: ignore[union-attr]


def test_save_pdf_and_excel_print_and_switch_language(
    ctx: AppContext, world: World, qtbot, wait_idle, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui import printing

    monkeypatch.setattr(printing, "AUTO_SAVE_DIR", tmp_path)
    page = ready_page(ctx, qtbot, wait_idle)
    page.set_language("kk")
    assert "2026 жылғы наурыз" in page.heading.text()
    assert page.preview.horizontalHeaderItem(1).text() == "Көрсеткіш"
    row = row_of(page, "arrived.persons")
    assert page.preview.item(row, 1).text() == "Келген адамдар саны"
    page.grab().save("/tmp/reports_kk.png")

    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "monthly-2026-03-kk.pdf"
    qtbot.waitUntil(pdf.exists, timeout=10_000)
    wait_idle()
    text = "\n".join(pdf_text(pdf))
    assert "Келген адамдар саны" in text and "2026 жылғы наурыз" in text

    page.set_language("ru")
    assert page.preview.item(row, 1).text() == "Прибыло человек"
    assert "за март 2026 года" in page.heading.text()
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    xlsx = tmp_path / "monthly-2026-03-ru.xlsx"
    qtbot.waitUntil(xlsx.exists, timeout=10_000)
    wait_idle()
    ws = load_workbook(xlsx).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    persons = next(r for r in values if "Прибыло человек" in r)
    assert 8 in persons
    page.grab().save("/tmp/reports_ru.png")

    page.set_language("both")
    assert page.preview.columnCount() == 2 + 1 + len(page.table.columns)
    assert page.preview.item(row, 1).text() == "Келген адамдар саны"
    assert page.preview.item(row, 2).text() == "Прибыло человек"

    printed = tmp_path / "printed.pdf"

    class FakePrintDialog:
        def __init__(self, printer, _parent) -> None:  # type: ignore[no-untyped-def]
            from PySide6.QtPrintSupport import QPrinter

            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setWindowTitle(self, _t: str) -> None:
            pass

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr("PySide6.QtPrintSupport.QPrintDialog", FakePrintDialog)
    assert page.print_report()
    # The sheets printed are the PDF's own pages: as many, and the same ink on them.
    from ui.pdf_pages import rasterise

    report = page.pdf_bytes()
    assert "Прибыло человек" in "\n".join(pdf_text(report))
    assert "Келген адамдар саны" in "\n".join(pdf_text(report))
    paper = printed.read_bytes()
    assert page_count(paper) == page_count(report)
    blank = QImage(60, 85, QImage.Format.Format_Grayscale8)
    blank.fill(255)
    for sheet, original in zip(rasterise(paper, 40), rasterise(report, 40), strict=True):
        assert distance(sheet, original) < 0.6 * distance(original, blank)


def test_residents_list_and_closing_a_period(
    ctx: AppContext, world: World, qtbot, wait_idle, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from ui import printing

    monkeypatch.setattr(printing, "AUTO_SAVE_DIR", tmp_path)
    page = ready_page(ctx, qtbot, wait_idle, "residents", Period.day(PERIOD.end))
    assert page.preview.rowCount() == 5  # f1, c1, a1, a2, b1 (a3 left on the 31st)
    assert not page.xlsx_button.isEnabled()
    both = page.language.findData("both")
    assert not page.language.model().item(both).isEnabled()
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / f"residents-{PERIOD.end.isoformat()}-ru.pdf"
    qtbot.waitUntil(pdf.exists, timeout=10_000)
    wait_idle()

    page.select_report("monthly", PERIOD)
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None, timeout=10_000)
    assert page.close_button.isEnabled() and not page.reopen_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.close_period()
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None and page.table.submitted is not None)
    assert page.submitted.text()
    assert page.reopen_button.isEnabled() and not page.close_button.isEnabled()
    # Who is behind a frozen figure: the list is today's, and the dialog says so.
    dialog = page.drill(row_of(page, "arrived.persons"), 0)
    assert isinstance(dialog, DrillDialog)
    assert not dialog.frozen.isHidden()
    assert short_date(dt.date.today()) in dialog.frozen.text()
    dialog.close()

    # Records dated in March entered after the submission: April's pages list them as
    # corrections, above the signature block.
    from reports.monitoring import MSG_CORRECTIONS
    from tests.reports.test_closing import late_records

    late_records(ctx.db, world)
    page.set_language("ru")
    page.select_report("monthly", Period.month(2026, 4))
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None and bool(page.table.corrections))
    assert "Pages" in page.note.text() or "Страниц" in page.note.text()
    page.views.setCurrentWidget(page.pages)
    wait_idle()
    qtbot.waitUntil(lambda: bool(page.pages.pages), timeout=10_000)
    text = " ".join(pdf_text(page.pdf_bytes()))
    assert len(page.pages.pages) == page_count(page.pdf_bytes())
    assert translate(MSG_CORRECTIONS, "ru") in text
    assert "Сейітқалиев Н. Б." in text and "Әбдірахманова Ә. Қ." in text
    assert ink(page.pages.pages[0].pixmap().toImage()) > 0.01
    page.pages.grab().save("/tmp/reports_pages.png")
    page.select_report("monthly", PERIOD)
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None and page.table.submitted is not None)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ошибка в данных", True))
    page.reopen_period()
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None and page.table.submitted is None)
    assert page.close_button.isEnabled()


def test_reports_area_in_the_main_window_in_kazakh(
    ctx: AppContext, world: World, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    set_ui_language("kk")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    wait_idle()
    page = window.show_area("reports")
    assert isinstance(page, ReportsPage)
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None, timeout=10_000)
    assert page.lang() == "kk"
    item = window.nav.item(window.area_keys().index("reports"))
    assert item.text()
    page.select_report("monthly", PERIOD)
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None, timeout=10_000)
    shot(window, "reports-area-kk")
    window.grab().save("/tmp/reports_window_kk.png")

    # The yearly report is landscape: its pages still fit the width of the Pages tab.
    page.select_report("yearly", Period.year(2025))
    wait_idle()
    qtbot.waitUntil(lambda: page.table is not None, timeout=10_000)
    page.views.setCurrentWidget(page.pages)
    wait_idle()
    qtbot.waitUntil(lambda: bool(page.pages.pages), timeout=10_000)
    first = page.pages.pages[0]
    assert first.width() > first.height()  # landscape
    assert first.width() <= page.pages.viewport().width()
    shot(window, "reports-pages-yearly-kk")


def test_the_centre_makes_its_own_version_of_a_report(
    ctx: AppContext, world: World, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    from reports.definitions import get_definition
    from ui.definition_editor import DefinitionEditor

    page = ready_page(ctx, qtbot, wait_idle)
    page.set_language("ru")
    editor = page.edit_definition()
    assert isinstance(editor, DefinitionEditor)
    assert editor.key.text() == "monthly-centre"
    # Families after persons, persons relabelled, the sex breakdown dropped.
    editor.select(0, 0)
    editor.move(1)
    assert [r.indicator for r in editor.defn.sections[0].rows][:2] == [
        "arrived.persons",
        "arrived.families",
    ]
    editor.select(0, 0)
    editor.label_ru.setText("Всего прибыло кандасов")
    editor._relabel()
    sex = [r.indicator for r in editor.defn.sections[0].rows].index("arrived.persons.by_sex")
    editor.select(0, sex)
    editor.drop()
    editor.key.setText("Для акимата!")  # not a key: refused, named in Russian
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert editor.isVisible() and "Для акимата!" in editor.problems.text()
    editor.key.setText("akimat")
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    wait_idle()
    saved = get_definition(ctx.db, "akimat")
    assert saved.based_on == "monthly"
    assert saved.sections[0].rows[0].label.ru == "Всего прибыло кандасов"
    assert "arrived.persons.by_sex" not in [r.indicator for r in saved.sections[0].rows]
    # The screen now shows the centre's report, made from the same figures.
    assert page.report_key() == "akimat"
    qtbot.waitUntil(lambda: page.table is not None and not page._loading, timeout=10_000)
    row = row_of(page, "arrived.persons")
    assert page.preview.item(row, 1).text() == "Всего прибыло кандасов"
    assert page.figure_item(row, 0).text() == "8"


def test_the_centre_chooses_the_columns_of_its_list_of_residents(
    ctx: AppContext, world: World, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    from reports.list_definition import residents_definition, shipped_list
    from ui.list_editor import ListEditor

    page = ready_page(ctx, qtbot, wait_idle, "residents", Period.day(PERIOD.end))
    page.set_language("ru")
    assert page.edit_button.isEnabled()
    editor = page.edit_definition()
    assert isinstance(editor, ListEditor)
    assert editor.fields() == [c.field for c in shipped_list().columns]
    editor.select(editor.fields().index("bed"))
    editor.drop()  # no bed column
    editor.select(editor.fields().index("name"))
    editor.move(-1)  # the name second, after the number
    editor.table.item(1, 2).setText("Проживающий")
    editor.add("days_left")  # right after the name
    shot(editor, "residents-list-editor")
    editor.save()
    wait_idle()
    qtbot.waitUntil(lambda: editor.saved, timeout=5_000)
    qtbot.waitUntil(lambda: page.table is not None and page.preview.columnCount() == 8)
    heads = [page.preview.horizontalHeaderItem(i).text() for i in range(8)]
    assert heads[:3] == ["№", "Проживающий", "Осталось дней"]
    assert "Койко-место" not in heads
    assert [c.field for c in residents_definition(ctx.db).columns][:3] == [
        "number",
        "name",
        "days_left",
    ]
    assert "Проживающий" in " ".join(pdf_text(page.pdf_bytes()))

    # Back to the shipped list.
    editor = page.edit_definition()
    assert isinstance(editor, ListEditor)
    editor.reset()
    editor.save()
    wait_idle()
    qtbot.waitUntil(lambda: editor.saved, timeout=5_000)
    assert residents_definition(ctx.db) == shipped_list()
