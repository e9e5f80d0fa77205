"""PT Sans comes from the fontpkg-pt-sans dependency and draws every Kazakh letter."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from reports.fonts import BOLD, KAZAKH_LETTERS, REGULAR, font_file, missing_glyphs, register_fonts

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
PUNCTUATION = "№«»–—…"
ROOT = Path(__file__).resolve().parents[2]


def test_fonts_are_registered_once_under_stable_names() -> None:
    first = register_fonts()
    again = register_fonts()
    assert first == again == (REGULAR, BOLD)
    assert {REGULAR, BOLD} <= set(pdfmetrics.getRegisteredFontNames())
    assert pdfmetrics.getFont(REGULAR).face.name == b"PTSans-Regular"
    assert pdfmetrics.getFont(BOLD).face.name == b"PTSans-Bold"


def test_every_kazakh_letter_has_a_glyph_in_both_faces() -> None:
    assert KAZAKH_LETTERS == "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
    register_fonts()
    for name in (REGULAR, BOLD):
        assert missing_glyphs(name, KAZAKH_LETTERS + RUSSIAN + PUNCTUATION) == "", name
        for letter in KAZAKH_LETTERS:
            assert pdfmetrics.stringWidth(letter, name, 10) > 0, (name, letter)
    # The check itself notices a letter the font lacks (Georgian).
    assert missing_glyphs(REGULAR, "ა") == "ა"


def test_the_font_files_come_from_the_installed_package_not_the_repository() -> None:
    for name in (REGULAR, BOLD):
        path = font_file(name)
        assert path.suffix == ".ttf"
        assert "fontpkg_pt_sans" in path.parts
    shipped = [
        p
        for folder in ("reports", "resources", "oralman_desk", "ui")
        for p in (ROOT / folder).rglob("*")
        if p.suffix.lower() in (".ttf", ".otf")
    ]
    assert shipped == []
