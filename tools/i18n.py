"""Translation catalogs: ``python tools/i18n.py extract|update|compile|check``.

extract  — scan the sources into resources/i18n/messages.pot (pybabel extract)
update   — merge the template into the kk and ru catalogs (pybabel update)
compile  — .po → .mo (also done by every install and build)
check    — fail on an untranslated or fuzzy entry, or on a stale template
fill F   — take translations from a JSON file {msgid: {"kk": str | [forms], "ru": ...}}
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
POT = I18N / "messages.pot"
LANGS = ("kk", "ru")
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2", "-k", "translate"]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def extract_to(path: Path) -> None:
    pybabel(
        "extract",
        "-F",
        str(I18N / "babel.cfg"),
        "--no-location",
        "--sort-output",
        "--no-wrap",
        *KEYWORDS,
        "-o",
        str(path),
        "oralman_desk",
        "ui",
        "reports",
    )


def extract() -> None:
    extract_to(POT)


def update() -> None:
    for lang in LANGS:
        po = I18N / lang / "LC_MESSAGES" / "messages.po"
        if po.exists():
            pybabel(
                "update",
                "-i",
                str(POT),
                "-d",
                str(I18N),
                "-l",
                lang,
                "--no-wrap",
                "--ignore-obsolete",
                "--no-fuzzy-matching",
            )
        else:
            pybabel("init", "-i", str(POT), "-d", str(I18N), "-l", lang, "--no-wrap")


def compile_all() -> None:
    sys.path.insert(0, str(ROOT / "installer"))
    from hatch_build import compile_catalogs

    for mo in compile_catalogs(ROOT):
        print(mo.relative_to(ROOT))


def fill(source: Path) -> None:
    """Set msgstr of the kk and ru catalogs from a JSON file written by a translator."""
    import json

    from babel.messages.pofile import read_po, write_po

    table = json.loads(source.read_text(encoding="utf-8"))
    for lang in LANGS:
        po = I18N / lang / "LC_MESSAGES" / "messages.po"
        cat = read_po(io.BytesIO(po.read_bytes()), locale=lang)
        done = 0
        for m in cat:
            entry = table.get(m.id if isinstance(m.id, str) else m.id[0])
            if not m.id or not entry or lang not in entry:
                continue
            text = entry[lang]
            m.string = tuple(text) if isinstance(text, list) else text
            m.flags.discard("fuzzy")
            done += 1
        buf = io.BytesIO()
        write_po(buf, cat, width=0, omit_header=False, ignore_obsolete=True)
        po.write_bytes(buf.getvalue())
        print(f"{lang}: {done} entries filled")


def problems() -> list[str]:
    """Every reason the catalogs are not ready to ship."""
    import tempfile

    from babel.messages.pofile import read_po

    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract_to(fresh)
        fresh_ids = {m.id for m in read_po(io.BytesIO(fresh.read_bytes())) if m.id}
    pot_ids = {m.id for m in read_po(io.BytesIO(POT.read_bytes())) if m.id}
    if fresh_ids != pot_ids:
        missing = sorted(str(x) for x in fresh_ids - pot_ids)[:10]
        extra = sorted(str(x) for x in pot_ids - fresh_ids)[:10]
        out.append(
            f"messages.pot is stale: run tools/i18n.py extract update "
            f"(new: {missing}, gone: {extra})"
        )
    for lang in LANGS:
        po = I18N / lang / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            out.append(f"{lang}: no catalog")
            continue
        cat = read_po(io.BytesIO(po.read_bytes()), locale=lang)
        ids = set()
        for m in cat:
            if not m.id:
                continue
            ids.add(m.id)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.fuzzy:
                out.append(f"{lang}: fuzzy: {m.id!r}")
            elif not all(strings):
                out.append(f"{lang}: untranslated: {m.id!r}")
        for mid in fresh_ids - ids:
            out.append(f"{lang}: missing: {mid!r}")
    return out


def main() -> int:
    args = sys.argv[1:] or ["check"]
    while args:
        cmd = args.pop(0)
        if cmd == "fill" and args:
            fill(Path(args.pop(0)))
        elif cmd == "extract":
            extract()
        elif cmd == "update":
            update()
        elif cmd == "compile":
            compile_all()
        elif cmd == "check":
            found = problems()
            print("\n".join(found) or "catalogs complete")
            if found:
                return 1
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
