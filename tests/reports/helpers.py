"""Reading PDFs back in tests: text per page, as a reader of the printed page sees it."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader


def pdf_text(data: bytes | Path) -> list[str]:
    """Each page's text, runs of white space as one space (table headings wrap)."""
    source = data if isinstance(data, Path) else io.BytesIO(data)
    return [" ".join(page.extract_text().split()) for page in PdfReader(source).pages]


def pdf_fonts(data: bytes) -> set[str]:
    """The base names of the fonts embedded in the document (subset prefixes dropped)."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            base = str(ref.get_object()["/BaseFont"])
            names.add(base.split("+", 1)[-1].lstrip("/"))
    return names
