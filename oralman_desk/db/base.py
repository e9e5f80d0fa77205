"""Declarative base and the columns every exchanged record carries.

Every table that holds centre data has a UUID key (time-ordered, so inserts stay local in the index),
``created_at``/``updated_at``, the user and the centre of the last change, a row version that rises on
every change (SQLAlchemy's ``version_id_col``, which also makes a stale concurrent update fail), and a
tombstone flag instead of ``DELETE``. These columns are what a central office needs to merge the data
of rural centres later.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, LargeBinary, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> uuid.UUID:
    """A version 7 UUID: 48 bits of Unix milliseconds, then random bits."""
    return uuid7_from(int(time.time() * 1000), int.from_bytes(os.urandom(10), "big"))


def uuid7_from(unix_ms: int, rand80: int) -> uuid.UUID:
    """Build a UUIDv7 from a timestamp and 80 random bits (deterministic for demo data)."""
    rand_a = (rand80 >> 62) & 0xFFF
    rand_b = rand80 & ((1 << 62) - 1)
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rand_a << 64
    value |= 0b10 << 62
    value |= rand_b
    return uuid.UUID(int=value)


class UUIDBlob(TypeDecorator[uuid.UUID]):
    """UUID stored as 16 bytes: half the size of the 32-character text form in every index."""

    impl = LargeBinary(16)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        if isinstance(value, uuid.UUID):
            return value.bytes
        if isinstance(value, bytes):
            return value
        return uuid.UUID(str(value)).bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        if value is None:
            return None
        return uuid.UUID(bytes=bytes(value))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Exchanged:
    """Mixin: the columns that make a row exchangeable between centres."""

    id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, primary_key=True, default=new_uuid)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    centre_id: Mapped[uuid.UUID | None] = mapped_column(UUIDBlob, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


def live(cls: Any) -> Any:
    """``deleted = 0`` for ``cls``, spelled so SQLite can use the partial indexes on live rows."""
    from sqlalchemy import false

    return cls.deleted == false()
