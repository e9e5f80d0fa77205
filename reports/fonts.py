"""PT Sans for the PDF reports: Cyrillic with every Kazakh letter, embedded in each document.

The TTF files come from the ``fontpkg-pt-sans`` dependency (the Google Fonts build of ParaType's
PT Sans, OFL): they live in its package folder ``fontpkg_pt_sans/files/``, found through
``importlib.resources`` — no font file is kept in this repository. reportlab's built-in fonts
(Helvetica, …) have no Cyrillic at all.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Final, NamedTuple

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR: Final = "PTSans"
BOLD: Final = "PTSans-Bold"
_PACKAGE: Final = "fontpkg_pt_sans"
_FILES: Final = {REGULAR: "PT_Sans-Web-Regular.ttf", BOLD: "PT_Sans-Web-Bold.ttf"}

#: The letters of the Kazakh Cyrillic alphabet that Russian does not have.
KAZAKH_LETTERS: Final = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"

_lock = threading.Lock()
_registered = False


class ReportFonts(NamedTuple):
    regular: str
    bold: str


def font_file(name: str) -> Path:
    """The TTF file behind ``name`` (``REGULAR`` or ``BOLD``)."""
    path = Path(str(resources.files(_PACKAGE).joinpath("files").joinpath(_FILES[name])))
    if not path.is_file():
        raise FileNotFoundError(f"{_FILES[name]} is missing from {_PACKAGE}: pip install -e .")
    return path


def register_fonts() -> ReportFonts:
    """Register PT Sans (regular and bold) with reportlab, once per process; safe to call from
    every report and from several threads."""
    global _registered
    with _lock:
        if not _registered:
            with ExitStack() as stack:
                for name, filename in _FILES.items():
                    ref = resources.files(_PACKAGE).joinpath("files").joinpath(filename)
                    path = stack.enter_context(resources.as_file(ref))
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            # <b> in a Paragraph switches to the bold face.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = True
    return ReportFonts(REGULAR, BOLD)


def missing_glyphs(font_name: str, text: str) -> str:
    """The characters of ``text`` that the registered font ``font_name`` cannot draw."""
    font = pdfmetrics.getFont(font_name)
    cmap: dict[int, int] = font.face.charToGlyph
    return "".join(c for c in dict.fromkeys(text) if not c.isspace() and not cmap.get(ord(c)))
