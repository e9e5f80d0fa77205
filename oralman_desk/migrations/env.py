"""Alembic environment: SQLite in batch mode, one transaction for the whole upgrade."""

from __future__ import annotations

from alembic import context

from oralman_desk.db import models  # noqa: F401  (registers the tables on Base.metadata)
from oralman_desk.db.base import Base
from oralman_desk.db.engine import make_engine

# Tables SQLite creates for the full-text index; they are not in the models.
FTS_PREFIX = "person_search"


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name and name.startswith(FTS_PREFIX))


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None
    engine = make_engine(url.removeprefix("sqlite:///"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
