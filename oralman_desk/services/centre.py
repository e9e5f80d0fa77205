"""The centre this installation belongs to, and the installation's settings."""

from __future__ import annotations

import uuid
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

    def set_up(self, data: CentreInput) -> uuid.UUID:
        """Create or update this installation's centre."""
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
            cid = centre.id
        self.db.centre_id = cid
        return cid

    def get_setting(self, key: str, default: str = "") -> str:
        with self.db.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == key))
            return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.db.write() as s:
            _put(s, key, value)


def _put(s: object, key: str, value: str) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
