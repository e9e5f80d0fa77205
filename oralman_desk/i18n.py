"""Translations for the core, the reports and the UI: one gettext domain, two languages.

``_`` translates now in the current language; ``N_`` marks a string for extraction and leaves it
untranslated, so that it can be translated later (with ``translate``) in whatever language is current
then — used for labels defined at import time and for validation messages that must follow a language
switch. Catalogs are compiled ``.mo`` files in ``resources/i18n/<lang>/LC_MESSAGES/messages.mo``; the
build compiles them (``installer/hatch_build.py``), and a checkout without them falls back to reading
the ``.po`` source directly, so a fresh clone always speaks both languages.

The current language is process-wide (one user per desktop process); worker threads read it and never
change it.
"""

from __future__ import annotations

import gettext as _gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from .paths import resources_dir

LANGUAGES: Final = ("kk", "ru")
DEFAULT_LANGUAGE: Final = "ru"
DOMAIN: Final = "messages"
LANG_ENV: Final = "ORALMAN_DESK_LANG"
STRETCH_ENV: Final = "ORALMAN_DESK_STRETCH"
#: How much longer the stretched pseudo-locale makes every translation (0.4 = 40 % longer).
DEFAULT_STRETCH: Final = 0.4
_FILLER: Final = "ӘҢҒҮҰҚӨҺ"

_catalogs: dict[str, _gettext.NullTranslations] = {}
_current: str = DEFAULT_LANGUAGE
_stretch: float = 0.0


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def _load(lang: str) -> _gettext.NullTranslations:
    if lang in _catalogs:
        return _catalogs[lang]
    base = i18n_dir() / lang / "LC_MESSAGES"
    mo = base / f"{DOMAIN}.mo"
    po = base / f"{DOMAIN}.po"
    trans: _gettext.NullTranslations
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            trans = _gettext.GNUTranslations(fh)
    elif po.is_file():
        trans = _compile_in_memory(po)
    else:
        trans = _gettext.NullTranslations()
    _catalogs[lang] = trans
    return trans


def _compile_in_memory(po: Path) -> _gettext.NullTranslations:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def normalise_language(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().lower().replace("-", "_")
    if v.startswith(("kk", "kaz")):
        return "kk"
    if v.startswith(("ru", "rus")):
        return "ru"
    return None


def system_language() -> str:
    """The language of the OS user: kk for a Kazakh locale, otherwise ru."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        lang = normalise_language(os.environ.get(var))
        if lang:
            return lang
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return normalise_language(loc) or DEFAULT_LANGUAGE


def preferred_language(explicit: str | None = None) -> str:
    return (
        normalise_language(explicit)
        or normalise_language(os.environ.get(LANG_ENV))
        or system_language()
    )


def set_language(lang: str) -> None:
    global _current
    norm = normalise_language(lang)
    if norm is None:
        raise ValueError(f"unsupported language: {lang!r}")
    _current = norm


def current_language() -> str:
    return _current


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Temporarily switch the language (reports rendered in a language other than the UI's)."""
    previous = _current
    set_language(lang)
    try:
        yield
    finally:
        set_language(previous)


def set_stretch(factor: float) -> None:
    """Turn the stretched pseudo-locale on (``factor`` > 0) or off (0).

    Every translation then comes out ``factor`` longer, padded with wide Kazakh letters in
    word-sized pieces, so layouts can be checked against texts longer than today's: a label that
    still fits will fit the longest wording a translator is likely to choose. Developers turn it on
    with ``ORALMAN_DESK_STRETCH=0.4 oralman-desk``; the layout tests turn it on in code.
    """
    global _stretch
    if factor < 0:
        raise ValueError("stretch factor must not be negative")
    _stretch = factor


def stretch_from_environment() -> None:
    value = os.environ.get(STRETCH_ENV, "").strip()
    if not value:
        return
    try:
        factor = float(value)
    except ValueError:
        factor = DEFAULT_STRETCH
    set_stretch(factor)


def stretched(text: str, factor: float) -> str:
    """``text`` made ``factor`` longer; placeholders and markup stay intact (the padding is
    appended)."""
    visible = len(text.strip())
    if factor <= 0 or visible == 0:
        return text
    extra = max(1, round(visible * factor))
    pieces = []
    i = 0
    while extra > 0:
        size = min(extra, 7)
        pieces.append("".join(_FILLER[(i + k) % len(_FILLER)] for k in range(size)))
        i += size
        extra -= size + 1
    return text + " " + " ".join(pieces)


def _out(text: str) -> str:
    return stretched(text, _stretch) if _stretch else text


def _(message: str) -> str:
    return _out(_load(_current).gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    return _out(_load(_current).ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    return _out(_load(_current).pgettext(context, message))


def N_(message: str) -> str:
    return message


def translate(message: str, lang: str | None = None) -> str:
    return _out(_load(lang or _current).gettext(message))


def reset_cache() -> None:
    _catalogs.clear()
