"""Where the application finds its own files and where it keeps the user's data.

Resources (catalogs, fonts shipped with the app) live in ``resources/`` next to the packages in a
source checkout or an editable install, in ``oralman_desk/_resources`` in a wheel, and under
``sys._MEIPASS`` in a frozen (PyInstaller) build. User data (the database and its backups) always lives
in the per-user data folder chosen by platformdirs, never in the installation folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "OralmanDesk"
DB_ENV = "ORALMAN_DESK_DB"
DB_FILENAME = "oralman_desk.db"


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "_resources", here.parent / "resources"]
    for c in candidates:
        if (c / "i18n").is_dir():
            return c
    return candidates[-1]


def package_data_dir() -> Path:
    """Data files that belong to the core package (reference data for migrations)."""
    return Path(__file__).resolve().parent / "data"


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as _udd

    path = Path(_udd(APP_NAME, appauthor=False, roaming=False))
    return path


def default_db_path() -> Path:
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return user_data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"
