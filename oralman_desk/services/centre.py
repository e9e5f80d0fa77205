"""The centre this installation belongs to, and the installation's settings."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from ..db.database import Database
from ..db.models import Centre, Setting
from ..domain import CentreType
from ..i18n import N_
from .errors import Problem, ValidationError
from .reference import ReferenceData


@dataclass
class CentreInput:
    name_kk: str
    name_ru: str
    centre_type: CentreType | str | None
    region_code: str


class CentreService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def validate(self, data: CentreInput) -> list[Problem]:
        problems = []
        if not data.name_kk.strip():
            problems.append(Problem("name_kk", N_("Enter the centre's name in Kazakh.")))
        if not data.name_ru.strip():
            problems.append(Problem("name_ru", N_("Enter the centre's name in Russian.")))
        try:
            CentreType(str(data.centre_type))
        except ValueError:
            problems.append(Problem("centre_type", N_("The type of centre is caio or cvr.")))
        if not ReferenceData.load(self.db).exists("region", data.region_code.strip()):
            problems.append(
                Problem(
                    "region_code", N_("Unknown region code: use the two digits of KATO, e.g. 47.")
                )
            )
        return problems

    def current(self) -> CentreInput | None:
        """This installation's centre as an input to edit, or None before the first start."""
        if self.db.centre_id is None:
            return None
        with self.db.read() as s:
            centre = s.get(Centre, self.db.centre_id)
            if centre is None:
                return None
            return CentreInput(
                centre.name_kk, centre.name_ru, centre.centre_type, centre.region_code
            )

    def set_up(self, data: CentreInput, settings: Mapping[str, str] | None = None) -> uuid.UUID:
        """Create or update this installation's centre, and ``settings`` in the same transaction."""
        problems = self.validate(data)
        if problems:
            raise ValidationError(problems)
        with self.db.write() as s:
            centre = s.get(Centre, self.db.centre_id) if self.db.centre_id else None
            if centre is None:
                centre = Centre(id=uuid.uuid4())
                s.add(centre)
            centre.name_kk = data.name_kk.strip()
            centre.name_ru = data.name_ru.strip()
            centre.centre_type = CentreType(str(data.centre_type))
            centre.region_code = data.region_code.strip()
            s.flush()
            s.info["centre_id"] = centre.id
            centre.centre_id = centre.id
            _put(s, "centre_id", str(centre.id))
            for key, value in (settings or {}).items():
                _put(s, key, value)
            cid = centre.id
        self.db.centre_id = cid
        return cid

    def get_setting(self, key: str, default: str = "") -> str:
        with self.db.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
            return default if value is None else value

    def get_settings(self, keys: Iterable[str]) -> dict[str, str]:
        """Several settings at once; a missing one is ``""``."""
        wanted = list(keys)
        with self.db.read() as s:
            found = s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(wanted)))
            rows = {key: value for key, value in found}
        return {k: rows.get(k) or "" for k in wanted}

    def set_setting(self, key: str, value: str) -> None:
        with self.db.write() as s:
            _put(s, key, value)

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        """Every non-empty setting whose key starts with ``prefix`` (rows are never deleted: an
        empty value is a removed setting)."""
        with self.db.read() as s:
            found = s.execute(
                select(Setting.key, Setting.value).where(
                    Setting.key.startswith(prefix, autoescape=True), Setting.value != ""
                )
            )
            return {key: value for key, value in found}


def _put(s: object, key: str, value: str) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
