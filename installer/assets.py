"""What the bundle needs that is made at build time: compiled catalogs and the icons.

Both are written under ``build/`` (git-ignored), never into the source tree, so a build leaves the
checkout as it found it. The spec (``oralman-desk.spec``) calls ``prepare``; so can anyone:
``python installer/assets.py`` prints what it wrote.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
ASSETS = ROOT / "build" / "assets"
LANGS = ("kk", "ru")


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def compile_catalogs(out_dir: Path) -> list[Path]:
    """``resources/i18n/<lang>/LC_MESSAGES/messages.po`` → ``out_dir/<lang>/LC_MESSAGES/messages.mo``.

    Fuzzy entries are left out, as the installed package does (``installer/hatch_build.py``)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for lang in LANGS:
        po = I18N / lang / "LC_MESSAGES" / "messages.po"
        if not po.is_file():
            raise FileNotFoundError(po)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        mo = out_dir / lang / "LC_MESSAGES" / "messages.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def prepare(out_dir: Path = ASSETS) -> dict[str, Path]:
    """Compile the catalogs into ``out_dir/i18n`` and draw the icons into ``out_dir/icons``."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_icons import make_icons

    compile_catalogs(out_dir / "i18n")
    icons = make_icons(out_dir / "icons")
    return {"i18n": out_dir / "i18n", "icons": out_dir / "icons", **icons}


if __name__ == "__main__":
    for kind, path in prepare().items():
        print(f"{kind}: {path}")
