"""The monitoring reports on paper and in Excel: the centre's history of ``report_world`` as the
monthly, quarterly and yearly reports in Kazakh, Russian and both; what a reader finds on each page
(the official period, every Kazakh letter, the page numbers, the header on every page, the
signature block), and the same figures as numbers in the workbook."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from oralman_desk.db.database import Database
from oralman_desk.i18n import translate
from oralman_desk.indicators import compute
from oralman_desk.periods import Period
from reports.definitions import Text, copy_definition, get_definition, relabel_row
from reports.fonts import KAZAKH_LETTERS, REGULAR, missing_glyphs, register_fonts
from reports.monitoring import (
    COLUMN_LABELS,
    MSG_INDICATOR,
    MSG_NOT_RECORDED,
    ReportTable,
    build_table,
)
from reports.monitoring_pdf import render_pdf
from reports.monitoring_xlsx import render_xlsx
from reports.pdf import MSG_PAGE
from tests.core.report_world import PERIOD, World, open_world

from .helpers import pdf_fonts, pdf_text

SIGNED = dt.date(2026, 4, 3)
ALL_LETTERS = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі"


@pytest.fixture(scope="module")
def world_db(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path
) -> Iterator[tuple[Database, World]]:
    db, world = open_world(tmp_path_factory.mktemp("world"), template_db)
    yield db, world
    db.close()


def table(db: Database, key: str = "monthly", period: Period = PERIOD) -> ReportTable:
    return build_table(db, get_definition(db, key), period, signed_on=SIGNED)


def pdf(t: ReportTable, lang: str) -> tuple[int, bytes, list[str]]:
    buf = io.BytesIO()
    pages = render_pdf(t, lang, buf)
    return pages, buf.getvalue(), pdf_text(buf.getvalue())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_monthly_report_in_kazakh(world_db: tuple[Database, World]) -> None:
    db, _w = world_db
    t = table(db)
    pages, data, texts = pdf(t, "kk")
    everything = " ".join(texts)
    assert pages == len(texts) >= 2
    assert "Ақтау қаласының қандастарды бейімдеу орталығы" in texts[0]
    assert "Орталықтың қызметі туралы ай сайынғы есеп" in texts[0]
    assert "2026 жылғы наурыз" in texts[0]  # the period, official style
    assert "2026 жылғы қаңтар – наурыз" in texts[0]  # the year-to-date column
    for n, text in enumerate(texts, 1):
        assert translate(MSG_PAGE, "kk").format(page=n, pages=pages) in text
        assert text.count(translate(MSG_INDICATOR, "kk")) == 1, n  # the header on every page
    # Every label of the table, as written: no letter lost on the way to the page.
    for line in t.lines:
        assert flat(line.label.kk) in everything, line.label.kk
    assert "Өзбекстан" in everything and "Қытай" in everything
    assert "Сейітқалиев Н. Б." in texts[-1]  # the director, from the settings
    assert "Әбдірахманова Ә. Қ." in texts[-1] and "+7 7292 50-12-34" in texts[-1]
    assert "2026 жылғы 3 сәуір" in texts[-1]
    assert "\ufffd" not in everything and "□" not in everything
    assert pdf_fonts(data) == {"PTSans-Regular", "PTSans-Bold"}


def test_the_monthly_report_in_russian(world_db: tuple[Database, World]) -> None:
    db, _w = world_db
    pages, _data, texts = pdf(table(db), "ru")
    everything = " ".join(texts)
    assert "Центр адаптации кандасов города Актау" in texts[0]
    assert "Ежемесячный отчёт о деятельности центра" in texts[0]
    assert "за март 2026 года" in texts[0]
    assert "январь – март 2026 г." in texts[0]
    assert translate(COLUMN_LABELS["year_to_date"], "ru") in texts[0]
    for n, text in enumerate(texts, 1):
        assert f"Стр. {n} из {pages}" in text
    assert "Прибыло семей 2 3" in everything  # March, then January to March
    assert "Прибыло человек 8 9" in everything
    assert "Узбекистан 4 4" in everything and "Китай 4 4" in everything
    assert "Монголия 0 1" in everything  # in February
    assert "другие страны 0 0" in everything
    assert "Проживало в центре на начало периода 3" in everything
    assert "Заполняемость койко-мест, % 41,7" in everything
    assert "3 апреля 2026 г." in texts[-1]
    assert translate(MSG_NOT_RECORDED, "ru") in everything  # the quota and the subsidies
    assert "Включено в региональную квоту, семей — —" in everything


def test_both_languages_in_one_document(world_db: tuple[Database, World]) -> None:
    db, _w = world_db
    pages, _data, texts = pdf(table(db), "both")
    everything = " ".join(texts)
    assert "Орталықтың қызметі туралы ай сайынғы есеп" in texts[0]
    assert "Ежемесячный отчёт о деятельности центра" in texts[0]
    assert "2026 жылғы наурыз" in texts[0] and "за март 2026 года" in texts[0]
    assert "Келген отбасылар саны Прибыло семей 2 3" in everything
    for n, text in enumerate(texts, 1):
        assert f"Бет {n} / {pages} · Стр. {n} из {pages}" in text


def test_every_kazakh_letter_reaches_the_page(world_db: tuple[Database, World]) -> None:
    """A centre's copy with a label holding every Kazakh letter, capital and small."""
    db, _w = world_db
    defn = copy_definition(get_definition(db, "monthly"), "letters")
    defn = relabel_row(defn, 0, 0, Text(ALL_LETTERS, "Все буквы: " + ALL_LETTERS))
    t = build_table(db, defn, PERIOD, signed_on=SIGNED)
    fonts = register_fonts()
    for lang in ("kk", "ru", "both"):
        _pages, _data, texts = pdf(t, lang)
        everything = " ".join(texts)
        assert ALL_LETTERS in everything, lang
        assert set(KAZAKH_LETTERS) <= set(everything)
    drawn = " ".join(line.label.kk + line.label.ru for line in t.lines)
    assert missing_glyphs(fonts.regular, drawn) == ""
    assert missing_glyphs(REGULAR, ALL_LETTERS) == ""


def test_the_yearly_report_is_landscape_and_compares_with_last_year(
    world_db: tuple[Database, World],
) -> None:
    db, _w = world_db
    t = table(db, "yearly", Period.year(2026))
    _pages, data, texts = pdf(t, "ru")
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert "за 2026 год" in texts[0] and "2025 г." in texts[0]
    assert translate(COLUMN_LABELS["same_period_last_year"], "ru") in texts[0]
    _pages, _data, kk = pdf(t, "kk")
    assert "2026 жыл" in kk[0] and "2025 жыл" in kk[0]


def test_the_quarterly_report_names_its_quarter(world_db: tuple[Database, World]) -> None:
    db, _w = world_db
    t = table(db, "quarterly", Period.quarter(2026, 1))
    _p, _d, ru = pdf(t, "ru")
    _p, _d, kk = pdf(t, "kk")
    assert "за I квартал 2026 года" in ru[0]
    assert "2026 жылғы I тоқсан" in kk[0]
    page = PdfReader(io.BytesIO(_d)).pages[0]
    assert page.mediabox.width < page.mediabox.height


def test_the_workbook_has_the_same_figures_as_numbers(
    world_db: tuple[Database, World], tmp_path: Path
) -> None:
    db, _w = world_db
    t = table(db)
    out = tmp_path / "monthly.xlsx"
    render_xlsx(t, "ru", out)
    ws = load_workbook(out).active
    assert ws is not None
    rows = {
        row[1]: row[2:]
        for row in ws.iter_rows(values_only=True)
        if isinstance(row[1], str) and len(row) > 3
    }
    figures = compute(db, ["arrived.persons", "placement.occupancy"], [c.period for c in t.columns])
    assert rows["Прибыло человек"] == tuple(f.total for f in figures["arrived.persons"])
    assert all(isinstance(v, int) for v in rows["Прибыло человек"])
    assert rows["Заполняемость койко-мест, %"][0] == 41.7
    assert rows["Включено в региональную квоту, семей"] == ("—", "—")
    header = next(r for r in range(1, 20) if ws.cell(r, 2).value == translate(MSG_INDICATOR, "ru"))
    assert ws.freeze_panes == f"C{header + 2}"
    assert ws.print_title_rows == f"${header}:${header + 1}"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    number_cell = ws.cell(header + 3, 3)
    assert number_cell.number_format == "#,##0"


def test_the_workbook_in_both_languages_has_two_label_columns(
    world_db: tuple[Database, World], tmp_path: Path
) -> None:
    db, _w = world_db
    t = table(db, "yearly", Period.year(2026))
    out = tmp_path / "yearly.xlsx"
    render_xlsx(t, "both", out)
    ws = load_workbook(out).active
    assert ws is not None
    pairs = {(r[1], r[2]): r[3:] for r in ws.iter_rows(values_only=True) if r[2]}
    assert pairs[("Келген отбасылар", "Прибыло семей")] == (4, 2)  # 2026, then 2025
    assert ws.freeze_panes and ws.freeze_panes.startswith("D")
    assert ws.page_setup.orientation == "landscape"
