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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

#: The preview's resolution: an A4 page is about 850 px wide at 100 dpi, sharp on an office screen.
PREVIEW_DPI: Final = 100
#: The printer's resolution for the page images.
PRINT_DPI: Final = 300
_PDFIUM = threading.Lock()


@contextmanager
def _document(pdf: bytes) -> Iterator[Any]:
    """``pdf`` opened by PDFium, for one thread at a time."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            yield doc
        finally:
            doc.close()


def _image(doc: Any, index: int, dpi: float) -> QImage:
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
    return image


def page_count(pdf: bytes) -> int:
    with _document(pdf) as doc:
        return len(doc)


def rasterise(
    pdf: bytes, dpi: float = PREVIEW_DPI, pages: Sequence[int] | None = None
) -> list[QImage]:
    """The pages of ``pdf`` (all, or those numbered from 0 in ``pages``) as images at ``dpi``."""
    with _document(pdf) as doc:
        chosen = range(len(doc)) if pages is None else pages
        return [_image(doc, index, dpi) for index in chosen]


def paint_pages(
    pdf: bytes,
    printer: object,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Print ``pdf`` on ``printer`` (a ``QPrinter`` set up by the print dialog), a page image at a
    time, each scaled to the sheet keeping its proportions. ``progress(done, total)`` returning
    False stops. Returns the number of pages printed."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    printer.setFullPage(True)
    dpi = min(PRINT_DPI, max(printer.resolution(), 72))
    done = 0
    with _document(pdf) as doc:
        total = len(doc)
        first, last = printer.fromPage(), printer.toPage()
        numbers = [n for n in range(total) if first == 0 or first - 1 <= n <= (last or total) - 1]
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for i, n in enumerate(numbers):
                if progress is not None and not progress(i, len(numbers)):
                    break
                if i:
                    printer.newPage()
                image = _image(doc, n, dpi)
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
