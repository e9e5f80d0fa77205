"""Reference data seeded by a revision, from the JSON file that belongs to that revision.

Each revision keeps its own file, so that later edits of a seed never change what an applied
revision did. Reference rows get name-based UUIDs, identical in every installation, so centres
exchange them without duplicates.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from oralman_desk.db.base import UUIDBlob

DATA = Path(__file__).resolve().parent / "data"
REF_NAMESPACE = uuid.UUID("6f1d2c1e-93a4-4b8e-9a51-0f5b1c6d7e20")
SEEDED_AT = dt.datetime(2026, 11, 22)


def ref_table() -> sa.TableClause:
    return sa.table(
        "ref_value",
        sa.column("id", UUIDBlob()),
        sa.column("kind", sa.String),
        sa.column("code", sa.String),
        sa.column("name_kk", sa.String),
        sa.column("name_ru", sa.String),
        sa.column("valid_from", sa.Date),
        sa.column("valid_to", sa.Date),
        sa.column("sort", sa.Integer),
        sa.column("extra", sa.JSON),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
        sa.column("updated_by", sa.String),
        sa.column("version", sa.Integer),
        sa.column("deleted", sa.Boolean),
    )


def reference_rows(file_name: str) -> list[dict[str, Any]]:
    data = json.loads((DATA / file_name).read_text(encoding="utf-8"))
    rows = []
    for kind, items in data.items():
        for it in items:
            rows.append(
                {
                    "id": uuid.uuid5(REF_NAMESPACE, f"{kind}/{it['code']}/{it['valid_from']}"),
                    "kind": kind,
                    "code": it["code"],
                    "name_kk": it["name_kk"],
                    "name_ru": it["name_ru"],
                    "valid_from": dt.date.fromisoformat(it["valid_from"]),
                    "valid_to": dt.date.fromisoformat(it["valid_to"]) if it["valid_to"] else None,
                    "sort": it["sort"],
                    "extra": it["extra"],
                    "created_at": SEEDED_AT,
                    "updated_at": SEEDED_AT,
                    "updated_by": "seed",
                    "version": 1,
                    "deleted": False,
                }
            )
    return rows
