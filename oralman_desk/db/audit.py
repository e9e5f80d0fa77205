"""The audit trail and the exchange columns, filled in one place: the session's ``before_flush``.

Whatever a service adds or changes through the ORM gets ``updated_at``/``updated_by``/``centre_id``
stamped and an ``audit_log`` row with the field-by-field change. A row is never deleted: the ORM
``DELETE`` is refused here, and services set the ``deleted`` tombstone instead (audited as "delete").
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from .base import Exchanged, utcnow
from .models import AuditEntry

_SKIP = {"created_at", "updated_at", "updated_by", "centre_id", "version"}


class DeleteRefused(RuntimeError):
    """Raised when code tries to DELETE a row: records are tombstoned, never deleted."""


def plain(value: Any) -> Any:
    """A JSON-friendly form of a column value for the audit log."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _columns(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    if session.deleted:
        raise DeleteRefused("rows are tombstoned, never deleted")
    user = str(session.info.get("user", ""))
    centre_id = session.info.get("centre_id")
    now = utcnow()
    entries: list[AuditEntry] = []
    for obj in list(session.new):
        if not isinstance(obj, Exchanged):
            continue
        if obj.id is None:
            from .base import new_uuid

            obj.id = new_uuid()
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        obj.updated_by = user
        if obj.centre_id is None:
            obj.centre_id = centre_id
        values = {k: plain(getattr(obj, k)) for k in _columns(obj) if k not in _SKIP}
        entries.append(_entry(obj, "insert", values, user, centre_id, now))
    for obj in list(session.dirty):
        if not isinstance(obj, Exchanged) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        changes: dict[str, Any] = {}
        for key in _columns(obj):
            if key in _SKIP:
                continue
            hist = state.attrs[key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if old != new:
                    changes[key] = [plain(old), plain(new)]
        if not changes:
            continue
        obj.updated_at = now
        obj.updated_by = user
        obj.centre_id = centre_id or obj.centre_id
        action = "delete" if changes.get("deleted") == [False, True] else "update"
        entries.append(_entry(obj, action, changes, user, centre_id, now))
    session.add_all(entries)


def _entry(
    obj: Exchanged,
    action: str,
    changes: dict[str, Any],
    user: str,
    centre_id: uuid.UUID | None,
    now: dt.datetime,
) -> AuditEntry:
    return AuditEntry(
        at=now,
        user=user,
        centre_id=centre_id,
        table_name=type(obj).__table__.name,  # type: ignore[attr-defined]
        record_id=obj.id,
        action=action,
        changes=changes,
    )


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "before_flush", _before_flush)
