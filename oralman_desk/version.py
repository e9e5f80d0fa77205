"""The application's version: the one in ``pyproject.toml``.

Installed (wheel, editable, or a frozen build, which carries the package's metadata) it comes from
``importlib.metadata``; a bare checkout that was never installed reads ``pyproject.toml`` itself.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Final

DISTRIBUTION: Final = "oralman-desk"


@cache
def version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.is_file():
            with pyproject.open("rb") as fh:
                return str(tomllib.load(fh)["project"]["version"])
        return "0+unknown"
