"""The list of residents on a date, for the duty officer: a PDF in Kazakh or Russian.

A4 portrait, PT Sans embedded. The centre's name and the title head the first page; the table's
header row repeats on every page; each page carries "Бет 2 / 5" / "Стр. 2 из 5" (the total is known
only once the story is laid out, so the canvas keeps every page and numbers them all at the end).
The list closes with the total and a line for the duty officer's signature. On a day when nobody
lives in the centre a sentence says so instead of an empty table.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from oralman_desk.db.database import Database
from oralman_desk.formatting import official_date, short_date
from oralman_desk.i18n import N_, translate
from oralman_desk.services.centre import CentreService
from oralman_desk.services.placement_queries import Resident, residents

from .fonts import register_fonts

MSG_TITLE: Final = N_("List of residents on {date}")
MSG_PAGE: Final = N_("Page {page} of {pages}")
MSG_TOTAL: Final = N_("Total residents: {count}")
MSG_NOBODY: Final = N_("Nobody lives in the centre on {date}.")
MSG_DUTY_OFFICER: Final = N_("Duty officer")
MSG_SIGNATURE: Final = N_("signature")
MSG_SIGNER_NAME: Final = N_("surname and initials")

#: Column headings and widths (mm); the name takes what the others leave of the 180 mm.
COLUMNS: Final[tuple[tuple[str, float | None], ...]] = (
    (N_("No."), 9),
    (N_("Building / room"), 21),
    (N_("Bed"), 15),
    (N_("Full name"), None),
    (N_("Date of birth"), 19),
    (N_("Family No."), 15),
    (N_("Check-in date"), 19),
    (N_("Planned end"), 19),
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X: Final = 15 * mm
MARGIN_TOP: Final = 14 * mm
MARGIN_BOTTOM: Final = 16 * mm
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
    """Write the list of people living in the centre on ``day`` to ``out``; returns the number
    of pages. ``centre_name`` defaults to the centre's name in ``lang``."""
    if centre_name is None:
        centre = CentreService(db).current()
        if centre is not None:
            centre_name = centre.name_kk if lang == "kk" else centre.name_ru
    return build_residents_pdf(residents(db, day), day, lang, out, centre_name or "")


def build_residents_pdf(
    rows: Sequence[Resident],
    day: dt.date,
    lang: str,
    out: Path | BinaryIO,
    centre_name: str = "",
) -> int:
    """The PDF itself, from rows already read (the UI reads them on a worker)."""
    fonts = register_fonts()
    styles = _Styles(fonts.regular, fonts.bold)
    title = translate(MSG_TITLE, lang).format(date=official_date(day, lang, attributive=True))

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        y = MARGIN_BOTTOM - 8 * mm
        canvas.drawString(MARGIN_X, y, title)
        label = translate(MSG_PAGE, lang).format(page=page, pages=pages)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, label)
        canvas.restoreState()

    def build(carried: int) -> tuple[bytes, int, bool]:
        """The document with the last ``carried`` rows kept together with the total and the
        signature; also whether the signature landed on a page of its own."""
        story: list[Flowable] = []
        if centre_name:
            story.append(Paragraph(escape(centre_name), styles.centre))
        story += [Paragraph(escape(title), styles.title), Spacer(0, 4 * mm)]
        table_end, closing_start = _PageMark(), _PageMark()
        closing: list[Flowable] = [closing_start]
        if rows:
            headings, body = _cells(rows, lang)
            widths = _widths(headings, body, styles)
            split = len(body) - carried
            if split > 0:
                story.append(_table(headings, body[:split], widths, styles))
            if carried:
                closing.append(_table(headings, body[split:], widths, styles))
            story.append(table_end)
            total = translate(MSG_TOTAL, lang).format(count=len(rows))
            closing += [Spacer(0, 4 * mm), Paragraph(escape(total), styles.total)]
        else:
            nobody = translate(MSG_NOBODY, lang).format(
                date=official_date(day, lang, attributive=True)
            )
            story += [Paragraph(escape(nobody), styles.body), table_end]
        closing += [Spacer(0, 10 * mm), _signature(lang, styles)]
        story.append(KeepTogether(closing))

        buf = io.BytesIO()
        maker = _NumberedCanvasMaker(footer)
        doc = SimpleDocTemplate(
            buf,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=centre_name,
            lang="kk-KZ" if lang == "kk" else "ru-RU",
            invariant=True,
            initialFontName=fonts.regular,
        )
        doc.build(story, canvasmaker=maker)
        orphaned = carried == 0 and closing_start.page > table_end.page
        return buf.getvalue(), maker.pages, orphaned

    data, pages, orphaned = build(0)
    if orphaned:
        # The total and the signature did not fit under the table: take its last rows (with the
        # header) over to their page rather than leave them alone there.
        data, pages, _ = build(min(CARRIED_ROWS, len(rows)))
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)
    return pages


class _Styles:
    def __init__(self, regular: str, bold: str) -> None:
        self.centre = ParagraphStyle(
            "centre", fontName=bold, fontSize=11, leading=14, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER, spaceBefore=4
        )
        self.body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=14)
        self.total = ParagraphStyle("total", fontName=bold, fontSize=10.5, leading=13)
        self.head = ParagraphStyle(
            "head", fontName=bold, fontSize=8, leading=9.5, alignment=TA_CENTER
        )
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
        self.cell_c = ParagraphStyle("cell_c", parent=self.cell, alignment=TA_CENTER)
        self.cell_r = ParagraphStyle("cell_r", parent=self.cell, alignment=TA_RIGHT)
        self.caption = ParagraphStyle(
            "caption",
            fontName=regular,
            fontSize=7.5,
            leading=9,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#555555"),
        )
        self.sign = ParagraphStyle("sign", fontName=regular, fontSize=10.5, alignment=TA_LEFT)


def _cells(rows: Sequence[Resident], lang: str) -> tuple[list[str], list[list[str]]]:
    headings = [translate(msgid, lang) for msgid, _w in COLUMNS]
    body = [
        [
            str(i),
            f"{r.building} / {r.room}",
            r.bed,
            r.name,
            short_date(r.birth_date, lang),
            str(r.household_num),
            short_date(r.start_date, lang),
            short_date(r.planned_end, lang),
        ]
        for i, r in enumerate(rows, 1)
    ]
    return headings, body


def _table(headings: list[str], body: list[list[str]], widths: list[float], st: _Styles) -> Table:
    aligns = [st.cell_r, st.cell_c, st.cell_c, st.cell, st.cell_c, st.cell_c, st.cell_c, st.cell_c]
    data: list[list[Any]] = [[Paragraph(escape(h), st.head) for h in headings]]
    data += [
        [Paragraph(escape(v), a) for v, a in zip(cells, aligns, strict=True)] for cells in body
    ]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.cell.fontName),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F5F5F5")]),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _widths(headings: list[str], body: list[list[str]], st: _Styles) -> list[float]:
    """Each narrow column as wide as its widest value and the longest word of its heading (no
    heading word broken in two, whatever the translation), at least its planned width; the name
    takes the rest and wraps."""

    def width(text: str, style: ParagraphStyle) -> float:
        return float(stringWidth(text, style.fontName, style.fontSize)) + 2 * CELL_PADDING + 1

    widths: list[float] = []
    for col, (heading, (_msgid, planned)) in enumerate(zip(headings, COLUMNS, strict=True)):
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


def _signature(lang: str, st: _Styles) -> Table:
    label = translate(MSG_DUTY_OFFICER, lang) + ":"
    data = [
        [Paragraph(escape(label), st.sign), "", "", ""],
        [
            "",
            Paragraph(escape(translate(MSG_SIGNATURE, lang)), st.caption),
            "",
            Paragraph(escape(translate(MSG_SIGNER_NAME, lang)), st.caption),
        ],
    ]
    label_width = stringWidth(label, st.sign.fontName, st.sign.fontSize) + 4 * mm
    table = Table(data, colWidths=[label_width, 40 * mm, 6 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("FONTNAME", (0, 0), (-1, -1), st.sign.fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 1),
            ]
        )
    )
    return table


class _PageMark(Flowable):
    """Takes no room; remembers the page it was drawn on."""

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, then draws "page N of M" on each (M is known then)."""

    def __init__(
        self, *args: Any, footer: Callable[[Canvas, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(self, self.getPageNumber(), total)
            super().showPage()
        super().save()

    @property
    def page_count(self) -> int:
        return len(self._pages)


class _NumberedCanvasMaker:
    """The ``canvasmaker`` for ``doc.build``: remembers the canvas so the page count can be read
    after the build."""

    def __init__(self, footer: Callable[[Canvas, int, int], None]) -> None:
        self._footer = footer
        self.canvas: _NumberedCanvas | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> _NumberedCanvas:
        self.canvas = _NumberedCanvas(*args, footer=self._footer, **kwargs)
        return self.canvas

    @property
    def pages(self) -> int:
        return self.canvas.page_count if self.canvas is not None else 0
