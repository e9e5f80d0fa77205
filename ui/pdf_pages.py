"""A PDF's pages as images: the Reports screen's page preview and its printing.

The report printed is the PDF itself (``reports.monitoring_pdf``, ``reports.residents``), turned into
page images by PDFium (``pypdfium2``): what staff see on the "Pages" tab, what the printer gets and
what "Save PDF…" writes are one document: the header, the table with its repeated header rows, the
corrections after submission, the charts and the signature block.

``rasterise`` runs on a worker (a ``QImage`` may be made off the GUI thread, unlike a ``QPixmap``);
PDFium is not thread-safe, so every use holds one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Final

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

#: The preview's resolution: an A4 page is about 850 px wide at 100 dpi, sharp on an office screen.
PREVIEW_DPI: Final = 100
#: The printer's resolution for the page images.
PRINT_DPI: Final = 300
_PDFIUM = threading.Lock()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def rasterise(
    pdf: bytes,
    dpi: float = PREVIEW_DPI,
    pages: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[QImage]:
    """The pages of ``pdf`` (all, or those numbered from 0 in ``pages``) as images at ``dpi``."""
    import pypdfium2 as pdfium

    out: list[QImage] = []
    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            chosen = list(range(len(doc))) if pages is None else list(pages)
            for n, index in enumerate(chosen):
                page = doc[index]
                try:
                    bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                    try:
                        image = QImage(
                            bytes(bitmap.buffer),
                            bitmap.width,
                            bitmap.height,
                            bitmap.stride,
                            QImage.Format.Format_RGBX8888,
                        ).copy()  # the copy owns its pixels once the bitmap is closed
                    finally:
                        bitmap.close()
                finally:
                    page.close()
                image.setDotsPerMeterX(round(dpi / 0.0254))
                image.setDotsPerMeterY(round(dpi / 0.0254))
                out.append(image)
                if progress is not None:
                    progress(n + 1, len(chosen))
        finally:
            doc.close()
    return out


def paint_pages(
    pdf: bytes,
    printer: object,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Print ``pdf`` on ``printer`` (a ``QPrinter`` set up by the print dialog), a page image at a
    time, each scaled to the printable area keeping its proportions. ``progress(done, total)``
    returning False stops. Returns the number of pages printed."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    total = page_count(pdf)
    first, last = printer.fromPage(), printer.toPage()
    numbers = [n for n in range(total) if first == 0 or (first - 1 <= n <= (last or total) - 1)]
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    done = 0
    try:
        dpi = min(PRINT_DPI, max(printer.resolution(), 72))
        for i, n in enumerate(numbers):
            if progress is not None and not progress(i, len(numbers)):
                break
            if i:
                printer.newPage()
            image = rasterise(pdf, dpi, [n])[0]
            # The PDF's pages carry their own margins: the image covers the whole sheet.
            area = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
            done += 1
        if progress is not None:
            progress(len(numbers), len(numbers))
    finally:
        painter.end()
    return done


class PagesView(QScrollArea):
    """The pages one under the other, each with a shadowless frame, like a print preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #9AA3AD; }")
        self._inner = QWidget()
        self._inner.setStyleSheet("background: #9AA3AD;")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []

    def set_pages(self, images: Sequence[QImage]) -> None:
        self.clear()
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #5F6B76;")
            label.setFixedSize(image.size())
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(label)
        self._layout.activate()
        self.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        for label in self.pages:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.pages = []
