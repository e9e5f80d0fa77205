"""Both languages, always: no untranslated or fuzzy entry, no stale template, placeholders kept."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sdr]|%s")


def catalog(lang: str):  # type: ignore[no-untyped-def]
    path = ROOT / "resources" / "i18n" / lang / "LC_MESSAGES" / "messages.po"
    return read_po(io.BytesIO(path.read_bytes()), locale=lang)


def test_catalogs_are_complete_and_the_template_is_fresh() -> None:
    out = subprocess.run(
        [sys.executable, "tools/i18n.py", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_translations_keep_every_placeholder() -> None:
    for lang in ("kk", "ru"):
        for m in catalog(lang):
            if not m.id:
                continue
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
            for s in strings:
                assert sorted(set(PLACEHOLDER.findall(s))) == wanted, (lang, m.id, s)


def test_kazakh_is_written_with_kazakh_letters_not_latin_lookalikes() -> None:
    mixed = re.compile(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі][A-Za-z]|[A-Za-z][А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]")
    for lang in ("kk", "ru"):
        for m in catalog(lang):
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            for s in strings:
                assert not mixed.search(s), (lang, s)


def test_the_stretched_pseudo_locale_makes_every_text_longer_and_keeps_placeholders() -> None:
    from oralman_desk import i18n

    i18n.set_language("kk")
    try:
        plain = i18n._("Family No. {num}")
        i18n.set_stretch(0.4)
        long = i18n._("Family No. {num}")
        assert long.startswith(plain)
        assert len(long) >= len(plain) * 1.35
        assert long.format(num=7).startswith(plain.format(num=7))
        # Padding comes in word-sized pieces, so wrapped labels can still wrap.
        assert max(len(word) for word in long.split()) <= 12
    finally:
        i18n.set_stretch(0)
        i18n.set_language("ru")
    assert i18n.stretched("", 0.4) == ""


def test_no_translated_call_hides_inside_an_f_string() -> None:
    """``pybabel extract`` cannot see ``_()`` inside an f-string: such a text would never be
    translated, and the catalog checks would not notice."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\{\s*(_|ngettext|translate|N_)\(")
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("oralman_desk", "ui", "reports")
        for path in (root / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and ('f"' in line or "f'" in line)
    ]
    assert offenders == []
