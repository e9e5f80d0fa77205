"""The list of residents on a date, for the duty officer: a PDF in Kazakh or Russian.

A4 portrait, PT Sans embedded. The centre's name and the title head the first page; the table's
header row repeats on every page; each page carries "Бет 2 / 5" / "Стр. 2 из 5" (the total is known
only once the story is laid out, so the canvas keeps every page and numbers them all at the end).
The list closes with the total and a line for the duty officer's signature. On a day when nobody
lives in the centre a sentence says so instead of an empty table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from oralman_desk.db.database import Database
from oralman_desk.formatting import official_date
from oralman_desk.i18n import N_, translate
from oralman_desk.services.placement_queries import Resident, residents

from .list_definition import ListDefinition, cells, residents_definition, shipped_list
from .pdf import (
    MARGIN_X,
    PageMark,
    Styles,
    build_document,
    centre_of,
    grid_style,
    page_footer,
    signature_line,
    write_out,
)

MSG_TOTAL: Final = N_("Total residents: {count}")
MSG_NOBODY: Final = N_("Nobody lives in the centre on {date}.")
MSG_DUTY_OFFICER: Final = N_("Duty officer")

PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN_X
CELL_PADDING: Final = 3
#: Rows taken over to the next page with the total and the signature, so they are not alone.
CARRIED_ROWS: Final = 3


def render_residents_pdf(
    db: Database,
    day: dt.date,
    lang: str,
    out: Path | BinaryIO,
    centre_name: str | None = None,
) -> int:
    """Write the list of people living in the centre on ``day`` to ``out`` with the columns the
    centre chose (``reports.list_definition``); returns the number of pages. ``centre_name``
    defaults to the centre's name in ``lang``."""
    if centre_name is None:
        centre_name = centre_of(db, lang)
    defn = residents_definition(db)
    return build_residents_pdf(residents(db, day), day, lang, out, centre_name, defn)


def build_residents_pdf(
    rows: Sequence[Resident],
    day: dt.date,
    lang: str,
    out: Path | BinaryIO,
    centre_name: str = "",
    defn: ListDefinition | None = None,
) -> int:
    """The PDF itself, from rows already read (the UI reads them on a worker), with the columns
    of ``defn`` (the shipped list when None)."""
    styles = Styles()
    defn = defn or shipped_list()
    title = list_title(defn, day, lang)
    footer = page_footer(title, lang, PAGE_WIDTH)

    def build(carried: int) -> tuple[bytes, int, bool]:
        """The document with the last ``carried`` rows kept together with the total and the
        signature; also whether the signature landed on a page of its own."""
        story: list[Flowable] = []
        if centre_name:
            story.append(Paragraph(escape(centre_name), styles.centre))
        story += [Paragraph(escape(title), styles.title), Spacer(0, 4 * mm)]
        table_end, closing_start = PageMark(), PageMark()
        closing: list[Flowable] = [closing_start]
        if rows:
            headings, body = cells(defn, rows, day, lang)
            widths = _widths(defn, headings, body, styles)
            split = len(body) - carried
            if split > 0:
                story.append(_table(defn, headings, body[:split], widths, styles))
            if carried:
                closing.append(_table(defn, headings, body[split:], widths, styles))
            story.append(table_end)
            total = translate(MSG_TOTAL, lang).format(count=len(rows))
            closing += [Spacer(0, 4 * mm), Paragraph(escape(total), styles.total)]
        else:
            nobody = translate(MSG_NOBODY, lang).format(
                date=official_date(day, lang, attributive=True)
            )
            story += [Paragraph(escape(nobody), styles.body), table_end]
        closing += [
            Spacer(0, 10 * mm),
            signature_line(translate(MSG_DUTY_OFFICER, lang), lang, styles),
        ]
        story.append(KeepTogether(closing))
        data, pages = build_document(
            story, title=title, author=centre_name, lang=lang, footer=footer
        )
        orphaned = carried == 0 and closing_start.page > table_end.page
        return data, pages, orphaned

    data, pages, orphaned = build(0)
    if orphaned:
        # The total and the signature did not fit under the table: take its last rows (with the
        # header) over to their page rather than leave them alone there.
        data, pages, _ = build(min(CARRIED_ROWS, len(rows)))
    write_out(data, out)
    return pages


def list_title(defn: ListDefinition, day: dt.date, lang: str) -> str:
    return defn.title.get(lang).replace("{date}", official_date(day, lang, attributive=True))


def _table(
    defn: ListDefinition,
    headings: list[str],
    body: list[list[str]],
    widths: list[float],
    st: Styles,
) -> Table:
    styles = {"right": st.cell_r, "centre": st.cell_c, "left": st.cell}
    aligns = [styles[c.align] for c in defn.columns]
    data: list[list[Any]] = [[Paragraph(escape(h), st.head) for h in headings]]
    data += [
        [Paragraph(escape(v), a) for v, a in zip(cells, aligns, strict=True)] for cells in body
    ]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(st.cell.fontName)))
    return table


def _widths(
    defn: ListDefinition, headings: list[str], body: list[list[str]], st: Styles
) -> list[float]:
    """Each narrow column as wide as its widest value and the longest word of its heading (no
    heading word broken in two, whatever the translation), at least its planned width; the name
    takes the rest and wraps."""

    def width(text: str, style: ParagraphStyle) -> float:
        return float(stringWidth(text, style.fontName, style.fontSize)) + 2 * CELL_PADDING + 1

    widths: list[float] = []
    for col, (heading, column) in enumerate(zip(headings, defn.columns, strict=True)):
        planned = column.width
        if planned is None:
            widths.append(0)
            continue
        needed = max(width(word, st.head) for word in heading.split() or [""])
        if body:
            needed = max(needed, max(width(cells[col], st.cell) for cells in body))
        widths.append(max(planned * mm, needed))
    flexible = widths.index(0)
    widths[flexible] = BODY_WIDTH - sum(widths)
    return widths
