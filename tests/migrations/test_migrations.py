"""Opening databases: new, current, older (backed up, upgraded), newer, damaged, foreign."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from oralman_desk.db import database as database_mod
from oralman_desk.db.database import Database, DatabaseDamaged, DatabaseTooNew
from oralman_desk.db.migrate import alembic_config, current_revision, head_revision


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_file_is_migrated_to_head_with_seeded_reference_data(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = Database.open(path)
    db.close()
    assert current_revision(path) == head_revision()
    con = sqlite3.connect(path)
    kinds = dict(con.execute("SELECT kind, count(*) FROM ref_value GROUP BY kind").fetchall())
    regions = {
        code: (kk, ru)
        for code, kk, ru in con.execute(
            "SELECT code, name_kk, name_ru FROM ref_value WHERE kind='region' AND valid_to IS NULL"
        )
    }
    con.close()
    for kind in (
        "country",
        "region",
        "education_level",
        "relation",
        "document_type",
        "consultation_topic",
        "profession",
        "leave_reason",
        "working_age",
    ):
        assert kinds.get(kind, 0) > 0, kind
    assert len(regions) == 20
    assert regions["10"][0] == "Абай облысы"
    assert "Ұлытау" in regions["62"][0]


def test_models_and_migrations_do_not_drift(tmp_path: Path) -> None:
    path = tmp_path / "check.db"
    Database.open(path).close()
    command.check(alembic_config(path))  # raises if autogenerate would find changes


def test_every_connection_has_the_project_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_database_from_a_newer_version_is_refused_and_left_alone(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = digest(db_path)
    with pytest.raises(DatabaseTooNew) as err:
        Database.open(db_path)
    assert "9999_future" in str(err.value)
    assert digest(db_path) == before


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database" * 10, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_damaged_file_is_reported_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseDamaged):
        Database.open(path)
    assert path.read_bytes() == content


def test_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseDamaged):
        Database.open(path)
    assert digest(path) == before


def test_old_schema_is_backed_up_with_the_backup_api_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Database.open(path).close()
    command.downgrade(alembic_config(path), "base")  # an installation from before revision 0001
    assert current_revision(path) is None
    db = Database.open(path)
    db.close()
    assert current_revision(path) == head_revision()
    backups = list((tmp_path / "backups").glob("old-*-none.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_the_application_is_told_before_an_upgrade_and_only_then(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    calls: list[str | None] = []
    Database.open(path, on_upgrade=lambda: calls.append("new")).close()
    assert calls == []  # a new database is created, not upgraded
    command.downgrade(alembic_config(path), "0007")  # before the covering indexes
    Database.open(path, on_upgrade=lambda: calls.append(current_revision(path))).close()
    assert calls == ["0007"]  # told while the old schema is still there
    Database.open(path, on_upgrade=lambda: calls.append("again")).close()
    assert calls == ["0007"]
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    assert {"ix_person_household_facts", "ix_consultation_attendee_facts"} <= names


def test_a_centre_on_revision_0001_keeps_its_families_when_placement_arrives(
    tmp_path: Path,
) -> None:
    path = tmp_path / "centre.db"
    Database.open(path).close()
    command.downgrade(alembic_config(path), "0001")
    con = sqlite3.connect(path)
    assert (
        con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'bed_stay'").fetchone()[0] == 0
    )
    con.execute("INSERT INTO setting (key, value) VALUES ('report.director', 'Әлия Серікқызы')")
    con.commit()
    con.close()
    Database.open(path).close()
    assert current_revision(path) == head_revision()
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM setting").fetchone()[0] == "Әлия Серікқызы"
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM ref_value")}
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    con.close()
    assert {"room_kind", "stay_term", "country"} <= kinds
    assert {"bed_stay_no_overlap_insert", "bed_stay_no_overlap_update"} <= triggers


def test_failed_upgrade_leaves_the_database_exactly_as_before(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO setting (key, value) VALUES ('director', 'Әлия Серікқызы')")
    con.commit()
    rows_before = con.execute("SELECT key, value FROM setting ORDER BY key").fetchall()
    con.close()

    def broken_upgrade(path: Path, revision: str = "head") -> None:
        c = sqlite3.connect(path)
        c.execute("DELETE FROM setting")
        c.execute("CREATE TABLE half_done (x)")
        c.commit()
        c.close()
        raise RuntimeError("migration step failed")

    from oralman_desk.db.migrate import known_revisions

    real = known_revisions()
    monkeypatch.setattr(database_mod, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(database_mod, "known_revisions", lambda: {*real, "9999_next"})
    monkeypatch.setattr(database_mod, "upgrade", broken_upgrade)
    with pytest.raises(RuntimeError):
        Database.open(db_path)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT key, value FROM setting ORDER BY key").fetchall() == rows_before
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "half_done" not in tables


def test_revision_file_names_agree_with_alembic() -> None:
    from oralman_desk.db.migrate import known_revisions, script_directory

    script = script_directory()
    assert script.get_current_head() == head_revision()
    assert {r.revision for r in script.walk_revisions()} == known_revisions()
