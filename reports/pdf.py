"""Pieces every PDF document of the centre shares: page numbering "Бет 2 / 5" / "Стр. 2 из 5",
the document template, paragraph styles in PT Sans, and the signature line.

A page number needs the page count, known only after the layout: ``NumberedCanvasMaker`` keeps
every page and draws the footers at the end.
"""

from __future__ import annotations

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
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from oralman_desk.db.database import Database
from oralman_desk.i18n import N_, translate
from oralman_desk.services.centre import CentreService

from .fonts import register_fonts

MSG_PAGE: Final = N_("Page {page} of {pages}")
MSG_SIGNATURE: Final = N_("signature")
MSG_SIGNER_NAME: Final = N_("surname and initials")

MARGIN_X: Final = 15 * mm
MARGIN_TOP: Final = 14 * mm
MARGIN_BOTTOM: Final = 16 * mm
GREY: Final = colors.HexColor("#555555")

Footer = Callable[[Canvas, int, int], None]


def centre_of(db: Database, lang: str) -> str:
    """This installation's centre, named in ``lang`` ("" before first start)."""
    current = CentreService(db).current()
    if current is None:
        return ""
    return current.name_kk if lang == "kk" else current.name_ru


def write_out(data: bytes, out: Path | BinaryIO) -> None:
    """The document to a file or an open binary stream."""
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)


class Styles:
    """The paragraph styles of the centre's documents."""

    def __init__(self) -> None:
        fonts = register_fonts()
        regular, bold = fonts.regular, fonts.bold
        self.regular, self.bold = regular, bold
        self.centre = ParagraphStyle(
            "centre", fontName=bold, fontSize=11, leading=14, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER, spaceBefore=4
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=regular, fontSize=11, leading=14, alignment=TA_CENTER
        )
        self.body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=15)
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
            textColor=GREY,
        )
        self.sign = ParagraphStyle("sign", fontName=regular, fontSize=10.5, alignment=TA_LEFT)


def page_footer(left_text: str, lang: str, page_width: float) -> Footer:
    """A footer with ``left_text`` on the left and "page N of M" on the right."""
    regular = register_fonts().regular

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(GREY)
        y = MARGIN_BOTTOM - 8 * mm
        canvas.drawString(MARGIN_X, y, left_text)
        label = translate(MSG_PAGE, lang).format(page=page, pages=pages)
        canvas.drawRightString(page_width - MARGIN_X, y, label)
        canvas.restoreState()

    return draw


def build_document(
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    lang: str,
    footer: Footer | None,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float, float] = (MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
) -> tuple[bytes, int]:
    """Lay ``story`` out on A4 (or ``pagesize``); returns the PDF and its number of pages. The
    file is the same for the same story (no creation date inside), so tests and reprints match."""
    side, top, bottom = margins
    buf = io.BytesIO()
    maker = NumberedCanvasMaker(footer)
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        lang="kk-KZ" if lang == "kk" else "ru-RU",
        invariant=True,
        initialFontName=register_fonts().regular,
    )
    doc.build(list(story), canvasmaker=maker)
    return buf.getvalue(), maker.pages


def signature_line(label: str, lang: str, st: Styles, name: str = "") -> Table:
    """ "Label: ________ / ________" with "signature" and "surname and initials" under the lines;
    ``name`` (if known) is printed on the second line."""
    label = label + ":"
    data = [
        [Paragraph(escape(label), st.sign), "", "", Paragraph(escape(name), st.sign)],
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


def grid_style(font: str, header_rows: int = 1) -> list[tuple[Any, ...]]:
    """The look of every table: thin grey grid, grey header, zebra rows."""
    h = header_rows
    return [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
        ("BACKGROUND", (0, 0), (-1, h - 1), colors.HexColor("#E6E6E6")),
        ("ROWBACKGROUNDS", (0, h), (-1, -1), [colors.white, colors.HexColor("#F5F5F5")]),
        ("VALIGN", (0, 0), (-1, h - 1), "MIDDLE"),
        ("VALIGN", (0, h), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


class PageMark(Flowable):
    """Takes no room; remembers the page it was drawn on."""

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()


class NumberedCanvas(Canvas):
    """Keeps every page until the end, then draws the footer (which knows the page count) on
    each."""

    def __init__(self, *args: Any, footer: Footer | None, **kwargs: Any) -> None:
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
            if self._footer is not None:
                self._footer(self, self.getPageNumber(), total)
            super().showPage()
        super().save()

    @property
    def page_count(self) -> int:
        return len(self._pages)


class NumberedCanvasMaker:
    """The ``canvasmaker`` for ``doc.build``: remembers the canvas so the page count can be read
    after the build."""

    def __init__(self, footer: Footer | None) -> None:
        self._footer = footer
        self.canvas: NumberedCanvas | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> NumberedCanvas:
        self.canvas = NumberedCanvas(*args, footer=self._footer, **kwargs)
        return self.canvas

    @property
    def pages(self) -> int:
        return self.canvas.page_count if self.canvas is not None else 0
