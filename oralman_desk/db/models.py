"""Typed models of the register. Only the services write through them (see ``services/``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain import (
    CaseStatus,
    CentreType,
    ConsultationForm,
    CourseKind,
    EnrolmentStatus,
    JobKind,
    PlanItemKind,
    ReferralStatus,
    ReferralTarget,
)
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
    # The status indicators count the steps of a period: ``date BETWEEN :lo AND :hi``; the index
    # covers what they read, so a year's steps are counted without touching the table.
    __table_args__ = (Index("ix_status_change_date", "date", "deleted", "household_id", "status"),)

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
        # What the arrival indicators read of the members of the families arrived in a period.
        Index(
            "ix_person_household_facts",
            "household_id",
            "deleted",
            "sex",
            "birth_date",
            "education",
            "profession",
        ),
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


# ---- temporary placement ---------------------------------------------------------------------
#
# Dates of stays are half-open: a stay from ``start_date`` to ``end_date`` occupies the nights of
# ``start_date`` … ``end_date - 1``; the check-out day is free for the next resident. ``end_date``
# is empty while the stay goes on. The database itself refuses two people in one bed and one person
# in two beds at once (triggers of revision 0002), so two windows saving at the same moment cannot
# double-book.


class Room(Exchanged, Base):
    """A room of the centre: where it is, what kind, and its beds."""

    __tablename__ = "room"
    __table_args__ = (
        Index(
            "uq_room_number_live",
            "building",
            "number",
            unique=True,
            sqlite_where=text("deleted = 0"),
        ),
    )

    building: Mapped[str] = mapped_column(String(100), default="")
    floor: Mapped[int] = mapped_column(Integer, default=1)
    number: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))  # reference data "room_kind"
    note: Mapped[str] = mapped_column(Text, default="")

    beds: Mapped[list[Bed]] = relationship(back_populates="room", order_by="Bed.position")


class Bed(Exchanged, Base):
    __tablename__ = "bed"
    __table_args__ = (
        Index(
            "uq_bed_label_live", "room_id", "label", unique=True, sqlite_where=text("deleted = 0")
        ),
    )

    room_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("room.id"), index=True)
    label: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)

    room: Mapped[Room] = relationship(back_populates="beds")


class BedBlock(Exchanged, Base):
    """A bed out of use (repair, quarantine) from a date, until a date or until further notice."""

    __tablename__ = "bed_block"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
    )

    bed_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("bed.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(String(300), default="")


class Placement(Exchanged, Base):
    """A person's stay at the centre, from check-in to check-out, across moves between beds."""

    __tablename__ = "placement"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
        CheckConstraint("planned_end >= start_date", name="planned_after_start"),
        Index(
            "ix_placement_open",
            "planned_end",
            sqlite_where=text("end_date IS NULL AND deleted = 0"),
        ),
        Index("ix_placement_period", "start_date", "end_date"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )
    start_date: Mapped[dt.date] = mapped_column(Date)
    #: Planned end: the start plus the stay term in force on the start date, or as extended.
    planned_end: Mapped[dt.date] = mapped_column(Date)
    #: The stay term (reference data "stay_term") it was planned with.
    term_code: Mapped[str] = mapped_column(String(20))
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    checkout_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    checkout_note: Mapped[str] = mapped_column(Text, default="")
    checked_in_by: Mapped[str] = mapped_column(String(100), default="")
    checked_out_by: Mapped[str] = mapped_column(String(100), default="")

    segments: Mapped[list[BedStay]] = relationship(
        back_populates="placement", order_by="BedStay.start_date"
    )
    extensions: Mapped[list[Extension]] = relationship(
        back_populates="placement", order_by="Extension.date"
    )


class BedStay(Exchanged, Base):
    """One bed for part of a placement; a move ends one and starts the next on the same day."""

    __tablename__ = "bed_stay"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
        Index("ix_bed_stay_bed", "bed_id", "start_date"),
        Index("ix_bed_stay_person", "person_id", "start_date"),
        Index(
            "ix_bed_stay_current", "bed_id", sqlite_where=text("end_date IS NULL AND deleted = 0")
        ),
    )

    placement_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("placement.id"), index=True
    )
    #: The placement's person, repeated so the database can refuse one person in two beds.
    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"))
    bed_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("bed.id"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    moved_by: Mapped[str] = mapped_column(String(100), default="")

    placement: Mapped[Placement] = relationship(back_populates="segments")


class Extension(Exchanged, Base):
    """A longer stay, approved: the new planned end, why, and who approved it."""

    __tablename__ = "placement_extension"

    placement_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("placement.id"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    previous_end: Mapped[dt.date] = mapped_column(Date)
    new_end: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="")

    placement: Mapped[Placement] = relationship(back_populates="extensions")


class PlacementRequest(Exchanged, Base):
    """A family waiting for a place; closed when the family is checked in (or withdrawn)."""

    __tablename__ = "placement_request"
    __table_args__ = (
        Index(
            "ix_placement_request_open",
            "requested_on",
            sqlite_where=text("closed_on IS NULL AND deleted = 0"),
        ),
    )

    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )
    requested_on: Mapped[dt.date] = mapped_column(Date)
    people: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


# ---- legal consultations ---------------------------------------------------------------------


class Consultation(Exchanged, Base):
    """A legal consultation: one person, a family, or a group session with its list of attendees.
    The topics are reference data ``consultation_topic``; the question and answer are in short."""

    __tablename__ = "consultation"
    __table_args__ = (
        CheckConstraint(
            "follow_up_date IS NULL OR follow_up_date >= date", name="follow_up_after_date"
        ),
        # Covers the consultation indicators' reading of a period (date, form, id).
        Index("ix_consultation_date", "date", "deleted", "form", "id"),
        Index(
            "ix_consultation_follow_up_open",
            "follow_up_date",
            sqlite_where=text(
                "follow_up_date IS NOT NULL AND follow_up_done IS NULL AND deleted = 0"
            ),
        ),
    )

    date: Mapped[dt.date] = mapped_column(Date)
    form: Mapped[ConsultationForm] = mapped_column(_enum(ConsultationForm, "consultation_form"))
    consultant: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    documents_given: Mapped[str] = mapped_column(Text, default="")
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    follow_up_done: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    topics: Mapped[list[ConsultationTopic]] = relationship(back_populates="consultation")
    attendees: Mapped[list[ConsultationAttendee]] = relationship(back_populates="consultation")


class ConsultationTopic(Exchanged, Base):
    __tablename__ = "consultation_topic"
    __table_args__ = (
        Index("ix_consultation_topic_topic", "topic", "consultation_id"),
        Index("ix_consultation_topic_facts", "consultation_id", "deleted", "topic"),
    )

    consultation_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("consultation.id"), index=True
    )
    topic: Mapped[str] = mapped_column(String(40))

    consultation: Mapped[Consultation] = relationship(back_populates="topics")


class ConsultationAttendee(Exchanged, Base):
    __tablename__ = "consultation_attendee"
    __table_args__ = (
        Index("ix_consultation_attendee_person", "person_id", "consultation_id"),
        Index(
            "ix_consultation_attendee_facts",
            "consultation_id",
            "deleted",
            "person_id",
            "household_id",
        ),
    )

    consultation_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("consultation.id"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"))
    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )

    consultation: Mapped[Consultation] = relationship(back_populates="attendees")


# ---- language courses and vocational training ------------------------------------------------


class Course(Exchanged, Base):
    """A course of the catalogue: Kazakh or Russian, another language, a trade, computer literacy."""

    __tablename__ = "course"

    kind: Mapped[CourseKind] = mapped_column(_enum(CourseKind, "course_kind"))
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20), default="")  # reference data "language_level"
    profession: Mapped[str | None] = mapped_column(String(20), nullable=True)  # vocational
    hours: Mapped[int] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(300), default="")


class CourseGroup(Exchanged, Base):
    """A group of a course: teacher, dates, weekly schedule, room and capacity."""

    __tablename__ = "course_group"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        Index("ix_course_group_dates", "start_date", "end_date"),
    )

    course_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("course.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    teacher: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    #: ISO weekdays the group meets on, e.g. "1,3,5" for Monday, Wednesday and Friday.
    weekdays: Mapped[str] = mapped_column(String(20))
    time_from: Mapped[str] = mapped_column(String(5), default="")
    time_to: Mapped[str] = mapped_column(String(5), default="")
    session_hours: Mapped[float] = mapped_column(Float, default=2.0)
    room: Mapped[str] = mapped_column(String(100), default="")
    capacity: Mapped[int] = mapped_column(Integer)


class CourseSession(Exchanged, Base):
    """One lesson of a group (a column of the attendance journal)."""

    __tablename__ = "course_session"
    __table_args__ = (
        Index(
            "uq_course_session_day_live",
            "group_id",
            "date",
            unique=True,
            sqlite_where=text("deleted = 0"),
        ),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("course_group.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)


class Enrolment(Exchanged, Base):
    """A person in a group (or on its waiting list), and how it ended."""

    __tablename__ = "enrolment"
    __table_args__ = (
        Index(
            "uq_enrolment_live",
            "group_id",
            "person_id",
            unique=True,
            sqlite_where=text("deleted = 0"),
        ),
        Index("ix_enrolment_person", "person_id"),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("course_group.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"))
    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )
    enrolled_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[EnrolmentStatus] = mapped_column(_enum(EnrolmentStatus, "enrolment_status"))
    result_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    certificate_number: Mapped[str] = mapped_column(String(50), default="")
    grade: Mapped[str] = mapped_column(String(20), default="")
    drop_reason: Mapped[str] = mapped_column(Text, default="")


class Attendance(Exchanged, Base):
    """A mark in the journal: present or absent at one lesson."""

    __tablename__ = "attendance"
    __table_args__ = (
        Index(
            "uq_attendance_live",
            "session_id",
            "enrolment_id",
            unique=True,
            sqlite_where=text("deleted = 0"),
        ),
        Index("ix_attendance_enrolment", "enrolment_id"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("course_session.id"))
    enrolment_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("enrolment.id"))
    present: Mapped[bool] = mapped_column(Boolean)


# ---- employment ------------------------------------------------------------------------------


class Employer(Exchanged, Base):
    __tablename__ = "employer"
    __table_args__ = (
        Index(
            "uq_employer_bin_live",
            "bin",
            unique=True,
            sqlite_where=text("bin IS NOT NULL AND deleted = 0"),
        ),
    )

    name: Mapped[str] = mapped_column(String(300))
    bin: Mapped[str | None] = mapped_column(String(12), nullable=True)
    sector: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class Vacancy(Exchanged, Base):
    __tablename__ = "vacancy"

    employer_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("employer.id"), index=True)
    profession: Mapped[str] = mapped_column(String(20))  # reference data "profession"
    places: Mapped[int] = mapped_column(Integer, default=1)
    wage: Mapped[int | None] = mapped_column(Integer, nullable=True)  # tenge a month
    conditions: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Referral(Exchanged, Base):
    """A person referred to the employment centre or to an employer, and what came of it."""

    __tablename__ = "referral"
    __table_args__ = (
        CheckConstraint(
            "employed_on IS NULL OR employed_on >= date", name="employed_after_referral"
        ),
        Index("ix_referral_date", "date"),
        Index("ix_referral_person", "person_id"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("person.id"))
    household_id: Mapped[uuid.UUID] = mapped_column(
        UUIDBlob, ForeignKey("household.id"), index=True
    )
    number: Mapped[int] = mapped_column(Integer, unique=True)  # printed on the letter
    date: Mapped[dt.date] = mapped_column(Date)
    target: Mapped[ReferralTarget] = mapped_column(_enum(ReferralTarget, "referral_target"))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob, ForeignKey("employer.id"), nullable=True, index=True
    )
    vacancy_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob, ForeignKey("vacancy.id"), nullable=True
    )
    profession: Mapped[str | None] = mapped_column(String(20), nullable=True)
    job_kind: Mapped[JobKind] = mapped_column(_enum(JobKind, "job_kind"))
    staff: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[ReferralStatus] = mapped_column(_enum(ReferralStatus, "referral_status"))
    status_date: Mapped[dt.date] = mapped_column(Date)
    employed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    employment_kind: Mapped[JobKind | None] = mapped_column(
        _enum(JobKind, "job_kind"), nullable=True
    )
    note: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[ReferralStep]] = relationship(
        back_populates="referral", order_by="ReferralStep.date"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="referral", order_by="FollowUp.months"
    )


class ReferralStep(Exchanged, Base):
    """One step of a referral's outcome, with its date."""

    __tablename__ = "referral_step"

    referral_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("referral.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(_enum(ReferralStatus, "referral_status"))
    date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="steps")


class FollowUp(Exchanged, Base):
    """Still employed after 3 and after 6 months? Due from the employment date."""

    __tablename__ = "employment_follow_up"
    __table_args__ = (
        Index(
            "ix_follow_up_open", "due_date", sqlite_where=text("checked_on IS NULL AND deleted = 0")
        ),
    )

    referral_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("referral.id"), index=True)
    months: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[dt.date] = mapped_column(Date)
    checked_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    still_employed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="follow_ups")


# ---- individual adaptation plans -------------------------------------------------------------


class PlanItem(Exchanged, Base):
    """One service of a family's individual adaptation and integration plan, with its target date.

    An item belongs to the family and, unless it is for the whole family, to one member. It names
    the kind of service (a consultation on a topic, a language course, training, employment, or
    something else in words) and links to the record that fulfils it. Whether it is done, late or
    next is derived from that record and the dates (``services/plans.py``), never stored: only an
    "other" item is marked done by hand, with ``done_on``.
    """

    __tablename__ = "plan_item"
    __table_args__ = (
        CheckConstraint(
            "(consultation_id IS NOT NULL) + (enrolment_id IS NOT NULL) "
            "+ (referral_id IS NOT NULL) <= 1",
            name="one_record",
        ),
        CheckConstraint("done_on IS NULL OR kind = 'other'", name="done_by_hand_only_other"),
        Index("ix_plan_item_household", "household_id", "target_date"),
        Index("ix_plan_item_person", "person_id", "kind"),
    )

    household_id: Mapped[uuid.UUID] = mapped_column(UUIDBlob, ForeignKey("household.id"))
    #: The member the item is for; none for an item of the whole family.
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob, ForeignKey("person.id"), nullable=True
    )
    kind: Mapped[PlanItemKind] = mapped_column(_enum(PlanItemKind, "plan_item_kind"))
    topic: Mapped[str | None] = mapped_column(String(40), nullable=True)  # "consultation_topic"
    course_kind: Mapped[CourseKind | None] = mapped_column(
        _enum(CourseKind, "course_kind"), nullable=True
    )
    profession: Mapped[str | None] = mapped_column(String(20), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")  # what an "other" item is
    target_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    staff: Mapped[str] = mapped_column(String(200), default="")
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob, ForeignKey("consultation.id"), nullable=True, index=True
    )
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob, ForeignKey("enrolment.id"), nullable=True, index=True
    )
    referral_id: Mapped[uuid.UUID | None] = mapped_column(
        UUIDBlob, ForeignKey("referral.id"), nullable=True, index=True
    )
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


# ---- submitted reports ---------------------------------------------------------------------------


class ReportSnapshot(Exchanged, Base):
    """A report's period closed on submission: the table as it was printed, frozen.

    ``figures`` holds the printed table (every line's figures per column, the labels, the centre
    and the signature block) and ``definition`` the report's definition as it was, so that a
    reprint gives exactly the submitted numbers. Reopening keeps the row, with when, why and by
    whom; at most one live, not reopened snapshot per report and period.
    """

    __tablename__ = "report_snapshot"
    __table_args__ = (
        Index(
            "uq_report_snapshot_closed",
            "report_key",
            "period_kind",
            "period_start",
            "period_end",
            unique=True,
            sqlite_where=text("reopened_at IS NULL AND deleted = 0"),
        ),
        Index("ix_report_snapshot_key", "report_key", "period_end"),
    )

    report_key: Mapped[str] = mapped_column(String(60))
    period_kind: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    closed_on: Mapped[dt.date] = mapped_column(Date)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    reopened_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    reopened_by: Mapped[str] = mapped_column(String(100), default="")
