"""Opening a database file: create, check, back up, migrate — or refuse, and say why.

``Database.open`` is the one door to a database file:

* a file that is not a SQLite database (or is damaged) is reported with ``DatabaseDamaged`` and left
  untouched, never overwritten;
* a database written by a newer version of the application (a schema revision this version does not
  know) is refused with ``DatabaseTooNew``;
* an older schema is copied with the SQLite backup API into ``backups/`` beside the file, then upgraded;
  if the upgrade fails, the copy is restored, so the file is exactly as before.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from . import audit
from .engine import IMMEDIATE, make_engine
from .migrate import current_revision, head_revision, known_revisions, upgrade
from .models import Centre, Setting

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """A database that cannot be opened as it is. ``str()`` is the message for the user."""


class DatabaseDamaged(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class AuditedSession(Session):
    pass


audit.install(AuditedSession)


def backup_to(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the backup API (the -wal file belongs to it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == SQLITE_MAGIC


def probe(path: Path) -> None:
    """Raise DatabaseDamaged unless ``path`` is a readable SQLite database."""
    from ..i18n import _

    if path.stat().st_size == 0:
        return
    if not _looks_like_sqlite(path):
        raise DatabaseDamaged(
            _("The file {path} is not an Oralman Desk database or is damaged.").format(path=path)
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(
            _("The database {path} is damaged and cannot be read: {error}").format(
                path=path, error=exc
            )
        ) from exc


def _has_foreign_tables(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
    finally:
        con.close()
    return bool(names - {"alembic_version"})


class Database:
    """An open database: its engine, session factories and the identity of the writer."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self.user = ""
        self.centre_id: uuid.UUID | None = None
        self._sessions = sessionmaker(engine, class_=AuditedSession, expire_on_commit=False)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        migrate: bool = True,
        on_upgrade: Callable[[], None] | None = None,
    ) -> Database:
        """Open (and create, or bring up to this version's schema) the database at ``path``.
        ``on_upgrade`` is called before an existing database is backed up and upgraded, which
        can take a while on a big one."""
        from ..i18n import _

        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if exists:
            probe(path)
            rev = current_revision(path)
            if rev is None and _has_foreign_tables(path):
                raise DatabaseDamaged(
                    _(
                        "The file {path} is a database of another program, not of Oralman Desk."
                    ).format(path=path)
                )
            if rev is not None and rev not in known_revisions():
                raise DatabaseTooNew(
                    _(
                        "The database {path} was written by a newer version of Oralman Desk "
                        "(schema {revision}). Install the newer version to open it."
                    ).format(path=path, revision=rev)
                )
            if migrate and rev != head_revision():
                if on_upgrade is not None:
                    on_upgrade()
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                backup = path.parent / "backups" / f"{path.stem}-{stamp}-{rev or 'none'}.db"
                backup_to(path, backup)
                try:
                    upgrade(path)
                except Exception:
                    backup_to(backup, path)
                    raise
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if migrate:
                upgrade(path)
        db = cls(path, make_engine(path))
        db._load_identity()
        return db

    def _load_identity(self) -> None:
        with self.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == "centre_id"))
            self.centre_id = uuid.UUID(value) if value else None

    def centre(self) -> Centre | None:
        if self.centre_id is None:
            return None
        with self.read() as s:
            return s.get(Centre, self.centre_id)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session: nothing it does is committed. Objects stay readable after it."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, taken with BEGIN IMMEDIATE; committed at the end or rolled back."""
        session = self._sessions()
        session.info["user"] = self.user
        session.info["centre_id"] = self.centre_id
        session.connection(execution_options={IMMEDIATE: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
