"""Alembic, driven from code: a frozen build has no alembic.ini, so the script location is set here."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"

# Revision files are named "<revision>_<slug>.py", so opening a current database needs no Alembic
# import (a third of a second at start-up); tests check these agree with Alembic's own view.


def _file_revisions() -> list[str]:
    return sorted(
        p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("*.py") if p.name[:1].isdigit()
    )


def alembic_config(db_path: Path | str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return cfg


@cache
def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(":memory:"))


def head_revision() -> str:
    """The newest revision: revisions are numbered, so the highest file name."""
    return _file_revisions()[-1]


def known_revisions() -> set[str]:
    return set(_file_revisions())


def current_revision(db_path: Path) -> str | None:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        ver = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(ver[0]) if ver else None
    finally:
        con.close()


def upgrade(db_path: Path, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(db_path), revision)
