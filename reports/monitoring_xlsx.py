"""A monitoring report as an Excel workbook, for sending by e-mail: the same lines and columns as
the PDF, every figure a number cell (integers as "# ##0", percentages with one decimal), the header
frozen, and a page setup that prints like the PDF (A4 in the definition's orientation, fitted to
the page width, the header rows repeated on every page).

Language "both" has two label columns, Kazakh then Russian, like the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from oralman_desk.formatting import official_date, period_title
from oralman_desk.i18n import translate

from .monitoring import (
    DASH,
    MSG_CORRECTIONS,
    MSG_CORRECTIONS_NOTE,
    MSG_DATE,
    MSG_DIFFERENCE,
    MSG_DIRECTOR,
    MSG_EXECUTOR,
    MSG_EXECUTOR_PHONE,
    MSG_INDICATOR,
    MSG_NOT_RECORDED,
    MSG_NOW,
    MSG_NUMBER,
    MSG_SUBMITTED,
    ReportTable,
)

LANGS: Final = ("kk", "ru")
FONT: Final = "PT Sans"
THIN: Final = Side(style="thin", color="808080")
BORDER: Final = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL: Final = PatternFill("solid", fgColor="E6E6E6")
SECTION_FILL: Final = PatternFill("solid", fgColor="DADADA")
INTEGER: Final = "#,##0"


def render_xlsx(table: ReportTable, lang: str, out: Path | BinaryIO) -> None:
    """Write ``table`` as an .xlsx workbook in ``lang`` ("kk", "ru" or "both") to ``out``."""
    langs = LANGS if lang == "both" else (lang,)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = table.definition.key[:31]
    ncols = 1 + len(langs) + len(table.columns)
    last = get_column_letter(ncols)
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)

    row = 1
    for lg in langs:
        if table.centre.get(lg):
            _title(ws, row, last, table.centre.get(lg), Font(name=FONT, bold=True, size=11))
            row += 1
    for lg in langs:
        _title(ws, row, last, table.title(lg), Font(name=FONT, bold=True, size=14))
        row += 1
    for lg in langs:
        _title(ws, row, last, period_title(table.period, lg), Font(name=FONT, size=11))
        row += 1
    row += 1

    header = row
    headings = [" / ".join(dict.fromkeys(translate(MSG_NUMBER, lg) for lg in langs))]
    headings += [translate(MSG_INDICATOR, lg) for lg in langs]
    for col in table.columns:
        headings.append("\n".join(f"{col.heading(lg)}\n{col.period_label(lg)}" for lg in langs))
    for c, text in enumerate(headings, 1):
        cell = ws.cell(header, c, text)
        cell.font = bold
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.cell(header + 1, c, c)
        numbers = ws.cell(header + 1, c)
        numbers.font = Font(name=FONT, size=8)
        numbers.border = BORDER
        numbers.alignment = Alignment(horizontal="center")
    ws.row_dimensions[header].height = 15 * (2 * len(langs) + 1)
    row = header + 2
    first_figure = 2 + len(langs)
    for line in table.lines:
        if line.kind == "section":
            ws.cell(row, 1, line.number).font = bold
            ws.cell(row, 2, " / ".join(line.label.get(lg) for lg in langs)).font = bold
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=ncols)
            for c in range(1, ncols + 1):
                ws.cell(row, c).fill = SECTION_FILL
                ws.cell(row, c).border = BORDER
            row += 1
            continue
        ws.cell(row, 1, line.number or None)
        for i, lg in enumerate(langs):
            cell = ws.cell(row, 2 + i, line.label.get(lg))
            cell.alignment = Alignment(indent=line.indent * 2, wrap_text=True, vertical="top")
            cell.font = Font(name=FONT, italic=line.kind == "heading")
        for i in range(len(table.columns)):
            value = line.figures[i] if line.figures else None
            cell = ws.cell(row, first_figure + i)
            if value is not None:
                cell.value = round(value, line.decimals) if line.decimals else round(value)
                cell.number_format = "0." + "0" * line.decimals if line.decimals else INTEGER
            elif not line.recorded:
                cell.value = DASH
                cell.alignment = Alignment(horizontal="center")
        for c in range(1, ncols + 1):
            ws.cell(row, c).border = BORDER
            if not 2 <= c < first_figure:
                ws.cell(row, c).font = plain
        ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="top")
        row += 1

    if table.corrections:
        row = _corrections(ws, table, langs, row + 1)
    if table.has_unrecorded:
        row += 1
        text = " / ".join(translate(MSG_NOT_RECORDED, lg) for lg in langs)
        ws.cell(row, 2, text).font = Font(name=FONT, size=8, italic=True)
        row += 1
    row += 1
    sig = table.signature
    director = " / ".join(translate(MSG_DIRECTOR, lg) for lg in langs)
    ws.cell(row, 2, f"{director}: ____________________  {sig.director}").font = plain
    row += 2
    if sig.executor:
        for lg in langs:
            text = (
                translate(MSG_EXECUTOR_PHONE, lg).format(name=sig.executor, phone=sig.phone)
                if sig.phone
                else translate(MSG_EXECUTOR, lg).format(name=sig.executor)
            )
            ws.cell(row, 2, text).font = plain
            row += 1
    for lg in langs:
        date = official_date(table.signed_on, lg)
        ws.cell(row, 2, translate(MSG_DATE, lg).format(date=date)).font = plain
        row += 1

    ws.column_dimensions["A"].width = 7
    label_width = 70 if len(langs) == 1 else 48
    for i in range(len(langs)):
        ws.column_dimensions[get_column_letter(2 + i)].width = label_width
    figure_columns = max(len(table.columns), 3 if table.corrections else 0)
    for i in range(figure_columns):
        ws.column_dimensions[get_column_letter(first_figure + i)].width = 18

    # The header stays in view while scrolling, and prints on every page.
    ws.freeze_panes = f"{get_column_letter(first_figure)}{header + 2}"
    ws.print_title_rows = f"{header}:{header + 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = table.definition.orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.left.text = table.title(langs[0])
    wb.properties.title = table.title(langs[0])
    wb.properties.creator = table.centre.get(langs[0]) or "Oralman Desk"
    wb.save(out)


def _corrections(ws: Worksheet, table: ReportTable, langs: tuple[str, ...], row: int) -> int:
    """Corrections after submission below the table: per submitted period a heading, then the
    changed lines with the value submitted, the value now and the difference as numbers. Returns
    the next free row."""
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    first_figure = 2 + len(langs)
    ncols = first_figure + 2
    ws.cell(row, 2, " / ".join(translate(MSG_CORRECTIONS, lg) for lg in langs)).font = bold
    row += 1
    note = " ".join(translate(MSG_CORRECTIONS_NOTE, lg) for lg in langs)
    ws.cell(row, 2, note).font = Font(name=FONT, size=8, italic=True)
    row += 1
    headings = [" / ".join(dict.fromkeys(translate(MSG_NUMBER, lg) for lg in langs))]
    headings += [translate(MSG_INDICATOR, lg) for lg in langs]
    for msg in (MSG_SUBMITTED, MSG_NOW, MSG_DIFFERENCE):
        headings.append("\n".join(dict.fromkeys(translate(msg, lg) for lg in langs)))
    for c, text in enumerate(headings, 1):
        cell = ws.cell(row, c, text)
        cell.font = bold
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row += 1
    current = None
    for corr in table.corrections:
        if (corr.period, corr.closed_on) != current:
            current = (corr.period, corr.closed_on)
            ws.cell(row, 2, " / ".join(corr.heading(lg) for lg in langs)).font = bold
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=ncols)
            for c in range(1, ncols + 1):
                ws.cell(row, c).fill = SECTION_FILL
                ws.cell(row, c).border = BORDER
            row += 1
        ws.cell(row, 1, corr.number or None).alignment = Alignment(horizontal="center")
        for i, lg in enumerate(langs):
            cell = ws.cell(row, 2 + i, corr.label.get(lg))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        fmt = "0." + "0" * corr.decimals if corr.decimals else INTEGER
        values = (corr.submitted, corr.now, corr.difference)
        for i, value in enumerate(values):
            cell = ws.cell(row, first_figure + i)
            cell.value = round(value, corr.decimals) if corr.decimals else round(value)
            cell.number_format = ("+" + fmt + ";−" + fmt + ";0") if i == 2 else fmt
        for c in range(1, ncols + 1):
            ws.cell(row, c).border = BORDER
            ws.cell(row, c).font = plain
        row += 1
    return row


def _title(ws: Worksheet, row: int, last: str, text: str, font: Font) -> None:
    ws.cell(row, 1, text).font = font
    ws.merge_cells(f"A{row}:{last}{row}")
    ws.cell(row, 1).alignment = Alignment(horizontal="center", wrap_text=True)
