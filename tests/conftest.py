"""Shared fixtures. Qt runs offscreen; every test gets its own copy of a migrated database."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from oralman_desk import i18n
from oralman_desk.db.database import Database
from oralman_desk.services.centre import CentreInput, CentreService


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with a centre, made once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database.open(path)
    CentreService(db).set_up(
        CentreInput(
            name_kk="Ақтау қаласының қандастарды бейімдеу орталығы",
            name_ru="Центр адаптации кандасов города Актау",
            centre_type="caio",
            region_code="47",
        )
    )
    db.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "centre.db"
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    database.user = "test.worker"
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _language() -> Iterator[None]:
    i18n.set_language("ru")
    yield
    i18n.set_language("ru")
