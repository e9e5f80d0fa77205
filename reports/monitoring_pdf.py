"""A monitoring report as a PDF: A4 portrait or landscape as the definition says, PT Sans embedded.

The first page carries the centre's name, the report's title and the period in the official style
("2024 жылғы наурыз", "за март 2024 года"); the table's two header rows (the headings, then the
column numbers 1, 2, 3… that forms refer to) repeat on every page; each page is numbered "Бет 2 / 5"
or "Стр. 2 из 5". The signature block (director, executor and phone from the centre's settings, the
date in the official style) closes the report and is never left alone at the top of a page.

Language "both" prints one document with two label columns, Kazakh then Russian, and every heading
in both languages: a reader of either language reads the whole form, and the figures appear once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from oralman_desk.formatting import official_date, period_title
from oralman_desk.i18n import translate

from .charts import chart_flowables
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
    Line,
    ReportTable,
)
from .pdf import (
    GREY,
    MARGIN_BOTTOM,
    MARGIN_X,
    MSG_PAGE,
    Footer,
    PageMark,
    Styles,
    build_document,
    grid_style,
    signature_line,
    write_out,
)

LANGS: Final = ("kk", "ru")
NUMBER_WIDTH: Final = 11 * mm
FIGURE_WIDTH: Final = 25 * mm
INDENT_STEP: Final = 4 * mm
SECTION_BG: Final = colors.HexColor("#DADADA")
#: Lines of the table taken over to the signature's page, so the signature is not alone there.
CARRIED_LINES: Final = 3


def _langs(lang: str) -> tuple[str, ...]:
    return LANGS if lang == "both" else (lang,)


def _both(texts: Sequence[str], sep: str = " / ") -> str:
    return sep.join(dict.fromkeys(t for t in texts if t))


def render_pdf(table: ReportTable, lang: str, out: Path | BinaryIO) -> int:
    """Write ``table`` as a PDF in ``lang`` ("kk", "ru" or "both") to ``out``; returns the number
    of pages."""
    langs = _langs(lang)
    doc_lang = langs[0]
    pagesize = landscape(A4) if table.definition.orientation == "landscape" else A4
    width = pagesize[0] - 2 * MARGIN_X
    st = _styles()
    title = _both([table.title(lg) for lg in langs])
    footer = _footer(_both([table.title(lg) for lg in langs], " · "), langs, pagesize[0], st)
    lines = list(table.lines)

    def build(carried: int) -> tuple[bytes, int, bool]:
        """The document with the last ``carried`` lines kept with the signature block; also
        whether the signature landed on a page without any line of the table. Flowables are made
        afresh for each build (reportlab keeps layout state in them)."""
        story: list[Flowable] = []
        for lg in langs:
            if table.centre.get(lg):
                story.append(Paragraph(escape(table.centre.get(lg)), st.centre))
        story.append(Spacer(0, 2 * mm))
        story += [Paragraph(escape(table.title(lg)), st.title) for lg in langs]
        story += [Paragraph(escape(period_title(table.period, lg)), st.subtitle) for lg in langs]
        story.append(Spacer(0, 5 * mm))
        table_end, closing_start = PageMark(), PageMark()
        split = len(lines) - carried
        if split > 0:
            story.append(_table(table, lines[:split], langs, width, st))
            if table.corrections:
                story += _corrections(table, langs, width, st)
            story.append(table_end)
        closing: list[Flowable] = [closing_start]
        if carried:
            closing.append(_table(table, lines[split:], langs, width, st))
        # The charts go with the signature: a page of them alone would have no table header.
        closing += chart_flowables(table, langs, width)
        if table.has_unrecorded:
            text = _both([translate(MSG_NOT_RECORDED, lg) for lg in langs])
            closing += [Spacer(0, 2 * mm), Paragraph(escape(text), st.note)]
        closing += [Spacer(0, 8 * mm), *_signature(table, langs, st)]
        story.append(KeepTogether(closing))
        data, pages = build_document(
            story,
            title=title,
            author=_both([table.centre.get(lg) for lg in langs]),
            lang=doc_lang,
            footer=footer,
            pagesize=pagesize,
        )
        return data, pages, carried == 0 and closing_start.page > table_end.page

    data, pages, orphaned = build(0)
    if orphaned and not table.corrections:
        data, pages, _ = build(min(CARRIED_LINES, len(lines)))
    write_out(data, out)
    return pages


class _St(Styles):
    def __init__(self) -> None:
        super().__init__()
        self.label = ParagraphStyle("label", parent=self.cell, leading=11)
        self.section = ParagraphStyle("section", parent=self.cell, fontName=self.bold)
        self.number = ParagraphStyle("number", parent=self.cell_c, fontSize=8)
        self.figure = ParagraphStyle("figure", parent=self.cell_r)
        self.note = ParagraphStyle("note", parent=self.caption, alignment=0, fontSize=8)
        self.sign_text = ParagraphStyle("sign_text", parent=self.sign, leading=15)


def _styles() -> _St:
    return _St()


def _label(line: Line, lg: str, st: _St) -> Paragraph:
    text = escape(line.label.get(lg))
    if line.kind == "section":
        return Paragraph(text, st.section)
    style = ParagraphStyle(
        f"label{line.indent}", parent=st.label, leftIndent=line.indent * INDENT_STEP
    )
    if line.kind == "heading":
        text = f"<i>{text}</i>"
    return Paragraph(text, style)


def _table(
    table: ReportTable, lines: Sequence[Line], langs: tuple[str, ...], width: float, st: _St
) -> Table:
    ncols = len(table.columns)
    label_width = (width - NUMBER_WIDTH - ncols * FIGURE_WIDTH) / len(langs)
    widths = [NUMBER_WIDTH, *([label_width] * len(langs)), *([FIGURE_WIDTH] * ncols)]
    head: list[Any] = [
        Paragraph(escape(_both([translate(MSG_NUMBER, lg) for lg in langs])), st.head)
    ]
    head += [Paragraph(escape(translate(MSG_INDICATOR, lg)), st.head) for lg in langs]
    for col in table.columns:
        parts = [
            f"{escape(col.heading(lg))}<br/><font name='{st.regular}'>"
            f"{escape(col.period_label(lg))}</font>"
            for lg in langs
        ]
        head.append(Paragraph("<br/>".join(parts), st.head))
    numbers = [Paragraph(str(i), st.number) for i in range(1, len(widths) + 1)]
    data: list[list[Any]] = [head, numbers]
    style: list[tuple[Any, ...]] = grid_style(st.regular, header_rows=2)
    style.append(("BACKGROUND", (0, 1), (-1, 1), colors.HexColor("#F0F0F0")))
    style.append(("TOPPADDING", (0, 1), (-1, 1), 1))
    style.append(("BOTTOMPADDING", (0, 1), (-1, 1), 1.5))
    for line in lines:
        r = len(data)
        if line.kind == "section":
            row: list[Any] = [Paragraph(escape(line.number), st.section)]
            row.append(Paragraph(escape(_both([line.label.get(lg) for lg in langs])), st.section))
            row += [""] * (len(widths) - 2)
            data.append(row)
            style += [
                ("SPAN", (1, r), (-1, r)),
                ("BACKGROUND", (0, r), (-1, r), SECTION_BG),
            ]
            continue
        row = [Paragraph(escape(line.number), st.number)]
        row += [_label(line, lg, st) for lg in langs]
        for i in range(ncols):
            text = line.cell(i, langs[-1])
            row.append(Paragraph(escape(text), st.cell_c if text == DASH else st.figure))
        data.append(row)
    result = Table(data, colWidths=widths, repeatRows=2)
    style.append(("ROWBACKGROUNDS", (0, 2), (-1, -1), [colors.white]))
    result.setStyle(TableStyle(style))
    return result


def _corrections(
    table: ReportTable, langs: tuple[str, ...], width: float, st: _St
) -> list[Flowable]:
    """Corrections after submission: per submitted period, the lines whose figures changed, with
    the value submitted, the value now and the difference."""
    heads = [MSG_SUBMITTED, MSG_NOW, MSG_DIFFERENCE]
    label_width = (width - NUMBER_WIDTH - len(heads) * FIGURE_WIDTH) / len(langs)
    widths = [NUMBER_WIDTH, *([label_width] * len(langs)), *([FIGURE_WIDTH] * len(heads))]
    head: list[Any] = [
        Paragraph(escape(_both([translate(MSG_NUMBER, lg) for lg in langs])), st.head)
    ]
    head += [Paragraph(escape(translate(MSG_INDICATOR, lg)), st.head) for lg in langs]
    for h in heads:
        texts = dict.fromkeys(escape(translate(h, lg)) for lg in langs)
        head.append(Paragraph("<br/>".join(texts), st.head))
    data: list[list[Any]] = [head]
    style: list[tuple[Any, ...]] = grid_style(st.regular, header_rows=1)
    current = None
    for c in table.corrections:
        if (c.period, c.closed_on) != current:
            current = (c.period, c.closed_on)
            r = len(data)
            text = _both([c.heading(lg) for lg in langs])
            data.append(["", Paragraph(escape(text), st.section), *[""] * (len(widths) - 2)])
            style += [("SPAN", (1, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SECTION_BG)]
        row: list[Any] = [Paragraph(escape(c.number), st.number)]
        row += [Paragraph(escape(c.label.get(lg)), st.label) for lg in langs]
        row += [Paragraph(escape(cell), st.figure) for cell in c.cells(langs[-1])]
        data.append(row)
    result = Table(data, colWidths=widths, repeatRows=1)
    result.setStyle(TableStyle(style))
    title = _both([translate(MSG_CORRECTIONS, lg) for lg in langs])
    note = " ".join(translate(MSG_CORRECTIONS_NOTE, lg) for lg in langs)
    # The heading and its note stay with the table (which may still run over pages).
    return [
        Spacer(0, 6 * mm),
        KeepTogether(
            [
                Paragraph(escape(title), st.section),
                Spacer(0, 1 * mm),
                Paragraph(escape(note), st.note),
                Spacer(0, 2 * mm),
                result,
            ]
        ),
    ]


def _signature(table: ReportTable, langs: tuple[str, ...], st: _St) -> list[Flowable]:
    sig = table.signature
    director = _both([translate(MSG_DIRECTOR, lg) for lg in langs])
    out: list[Flowable] = [signature_line(director, langs[0], st, name=sig.director)]
    out.append(Spacer(0, 5 * mm))
    if sig.executor:
        lines = [
            (
                translate(MSG_EXECUTOR_PHONE, lg).format(name=sig.executor, phone=sig.phone)
                if sig.phone
                else translate(MSG_EXECUTOR, lg).format(name=sig.executor)
            )
            for lg in langs
        ]
        out.append(Paragraph(escape(lines[0]), st.sign_text))
        if len(lines) > 1:
            out.append(Paragraph(escape(lines[1]), st.sign_text))
    dates = [
        translate(MSG_DATE, lg).format(date=official_date(table.signed_on, lg)) for lg in langs
    ]
    for text in dates:
        out.append(Paragraph(escape(text), st.sign_text))
    return out


def _footer(left: str, langs: tuple[str, ...], page_width: float, st: _St) -> Footer:
    def draw(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(st.regular, 8)
        canvas.setFillColor(GREY)
        y = MARGIN_BOTTOM - 8 * mm
        label = " · ".join(translate(MSG_PAGE, lg).format(page=page, pages=pages) for lg in langs)
        room = page_width - 2 * MARGIN_X - canvas.stringWidth(label, st.regular, 8) - 10 * mm
        text = left
        while text and canvas.stringWidth(text, st.regular, 8) > room:
            text = text[:-2] + "…"
        canvas.drawString(MARGIN_X, y, text)
        canvas.drawRightString(page_width - MARGIN_X, y, label)
        canvas.restoreState()

    return draw
