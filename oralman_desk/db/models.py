"""Typed models of the register. Only the services write through them (see ``services/``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import CaseStatus, CentreType
from ..identity import Sex
from ..names import join_name
from .base import Base, Exchanged, UUIDBlob, new_uuid, utcnow


def _enum(cls: type[Any], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda e: [m.value for m in e],
    )


class Centre(Exchanged, Base):
    """An adaptation centre or a temporary placement centre."""

    __tablename__ = "centre"

    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    centre_type: Mapped[CentreType] = mapped_column(_enum(CentreType, "centre_type"))
    region_code: Mapped[str] = mapped_column(String(9))


class Setting(Base):
    """Installation settings (this centre, the signature block, ...). Local, not exchanged."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class RefValue(Exchanged, Base):
    """One value of a classifier, bilingual, valid from a date (and until one, if replaced)."""

    __tablename__ = "ref_value"
    __table_args__ = (Index("ix_ref_value_kind_code", "kind", "code", "valid_from"),)

    kind: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    sort: Mapped[int] = mapped_column(Integer, default=1000)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Household(Exchanged, Base):
    """A family registered with the centre."""

    __tablename__ = "household"
    __table_args__ = (
        Index("ix_household_arrival", "arrival_date"),
        Index("ix_household_status", "status"),
        # Without it, SQLite scans every family for each person inserted (deferred FK check).
        Index("ix_household_head_id", "head_id"),
    )

    num: Mapped[int] = mapped_column(Integer, unique=True)
    arrival_date: Mapped[dt.date] = mapped_column(Date)
    origin_country: Mapped[str] = mapped_column(String(2))
    previous_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    settlement_region: Mapped[str | None] = mapped_column(String(9), nullable=True)
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    head_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob,
        ForeignKey("person.id", use_alter=True, deferrable=True, initially="DEFERRED"),
        nullable=True,
    )
    status: Mapped[CaseStatus] = mapped_column(
        _enum(CaseStatus, "case_status"), default=CaseStatus.ARRIVED
    )
    status_date: Mapped[dt.date] = mapped_column(Date)

    members: Mapped[list[Person]] = relationship(
        back_populates="household",
        foreign_keys="Person.household_id",
        order_by="Person.position",
    )
    statuses: Mapped[list[StatusChange]] = relationship(
        back_populates="household", order_by="StatusChange.date"
    )


class StatusChange(Exchanged, Base):
    """One step of a family's case: applied, granted, extended, citizenship — with its document."""

    __tablename__ = "status_change"

    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus, "case_status"))
    date: Mapped[dt.date] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    household: Mapped[Household] = relationship(back_populates="statuses")


class Person(Exchanged, Base):
    """A member of a registered family. Age group is derived from the birth date, never stored."""

    __tablename__ = "person"
    __table_args__ = (
        # Covering indexes of live rows: the register lists a million people in name or birth
        # order without touching the table, and duplicate checks look up birth dates.
        Index("ix_person_live_birth", "birth_date", "num", sqlite_where=text("deleted = 0")),
        Index(
            "uq_person_iin_live",
            "iin",
            unique=True,
            sqlite_where=text("iin IS NOT NULL AND deleted = 0"),
        ),
        Index("ix_person_live_sort", "sort_key", "num", sqlite_where=text("deleted = 0")),
    )

    # Local register number: the FTS rowid and the number staff quote. Not exchanged as a key.
    num: Mapped[int] = mapped_column(Integer, unique=True)
    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    relation: Mapped[str] = mapped_column(String(40))
    surname: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    surname_latin: Mapped[str] = mapped_column(String(100), default="")
    given_name_latin: Mapped[str] = mapped_column(String(100), default="")
    patronymic_latin: Mapped[str] = mapped_column(String(100), default="")
    sort_key: Mapped[str] = mapped_column(String(200), default="")
    sex: Mapped[Sex] = mapped_column(_enum(Sex, "sex"))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    iin: Mapped[str | None] = mapped_column(String(12), nullable=True)
    citizenship: Mapped[str | None] = mapped_column(String(2), nullable=True)
    ethnic_kazakh: Mapped[bool] = mapped_column(Boolean, default=True)
    education: Mapped[str | None] = mapped_column(String(40), nullable=True)
    profession: Mapped[str | None] = mapped_column(String(40), nullable=True)
    disability: Mapped[str | None] = mapped_column(String(40), nullable=True)
    phone: Mapped[str] = mapped_column(String(40), default="")

    household: Mapped[Household] = relationship(
        back_populates="members", foreign_keys=[household_id]
    )
    documents: Mapped[list[PersonDocument]] = relationship(
        back_populates="person", order_by="PersonDocument.issue_date"
    )
    languages: Mapped[list[PersonLanguage]] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return join_name(self.surname, self.given_name, self.patronymic)

    @property
    def full_name_latin(self) -> str:
        return join_name(self.surname_latin, self.given_name_latin, self.patronymic_latin)


class PersonDocument(Exchanged, Base):
    """An identity document: type, number, issuer, dates. A person may have several."""

    __tablename__ = "person_document"

    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(60))
    # Upper-case letters and digits only: what duplicate checks and search compare.
    number_norm: Mapped[str] = mapped_column(String(60), index=True)
    issuer: Mapped[str] = mapped_column(String(300), default="")
    issue_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    person: Mapped[Person] = relationship(back_populates="documents")


class PersonLanguage(Exchanged, Base):
    """A language a person speaks and how well."""

    __tablename__ = "person_language"

    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    level: Mapped[str] = mapped_column(String(20))

    person: Mapped[Person] = relationship(back_populates="languages")


class AuditEntry(Base):
    """One write: who, when, where, which record, and the field-by-field change."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "record_id"),)

    id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, primary_key=True, default=new_uuid)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")
    centre_id: Mapped[uuid.UUID | None] = mapped_column(UUIDBlob, nullable=True)
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob)
    action: Mapped[str] = mapped_column(String(10))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
