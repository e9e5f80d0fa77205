"""Read-only views of the register for screens: a family's card, a person's family, duplicates.

Plain frozen dataclasses, detached from any session, so that a worker thread can build them and
the UI thread can read them. Every function opens its own read session (``db.read()``) and never
writes. Each lookup goes through an index (primary keys, ``person.household_id``,
``person_document.person_id``, ``person_language.person_id``, ``status_change.household_id``,
``audit_log.record_id``), so a card costs a handful of small queries however large the register is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import (
    AuditEntry,
    BedStay,
    Extension,
    Household,
    Person,
    PersonDocument,
    PersonLanguage,
    Placement,
    PlacementRequest,
    PlanItem,
    StatusChange,
)
from ..domain import CaseStatus
from ..identity import Sex
from ..names import join_name
from .consultations import ConsultationFilter, ConsultationRow, consultations
from .courses import StudyRow, household_studies
from .employment import ReferralFilter, ReferralRow, referrals
from .intake import (
    DocumentInput,
    DuplicateMatch,
    HouseholdInput,
    IntakeService,
    LanguageInput,
    PersonInput,
)
from .placement_queries import PlacementData, household_placements
from .plans import PlanItemRow, PlanProgress, household_plan, plan_progress
from .reference import ReferenceData

__all__ = [
    "AuditData",
    "DocumentData",
    "FamilyCardData",
    "HouseholdData",
    "LanguageData",
    "NotFound",
    "PersonData",
    "StatusData",
    "duplicates_for",
    "family_card",
    "person_household",
]


class NotFound(LookupError):
    """The record does not exist or was removed (tombstoned)."""

    def __init__(self, ident: uuid.UUID) -> None:
        super().__init__(str(ident))
        self.ident = ident


@dataclass(frozen=True)
class DocumentData:
    id: uuid.UUID
    doc_type: str
    number: str
    issuer: str
    issue_date: dt.date | None
    expiry_date: dt.date | None
    version: int

    def to_input(self) -> DocumentInput:
        return DocumentInput(
            self.doc_type, self.number, self.issuer, self.issue_date, self.expiry_date, self.id
        )


@dataclass(frozen=True)
class LanguageData:
    id: uuid.UUID
    language: str
    level: str
    version: int

    def to_input(self) -> LanguageInput:
        return LanguageInput(self.language, self.level, self.id)


@dataclass(frozen=True)
class PersonData:
    id: uuid.UUID
    num: int
    household_id: uuid.UUID
    position: int
    relation: str
    surname: str
    given_name: str
    patronymic: str
    surname_latin: str
    given_name_latin: str
    patronymic_latin: str
    sex: Sex
    birth_date: dt.date
    iin: str | None
    citizenship: str | None
    ethnic_kazakh: bool
    education: str | None
    profession: str | None
    disability: str | None
    phone: str
    is_head: bool
    version: int
    documents: tuple[DocumentData, ...] = ()
    languages: tuple[LanguageData, ...] = ()

    @property
    def full_name(self) -> str:
        return join_name(self.surname, self.given_name, self.patronymic)

    @property
    def full_name_latin(self) -> str:
        return join_name(self.surname_latin, self.given_name_latin, self.patronymic_latin)

    def to_input(self) -> PersonInput:
        """The person as an editable input, documents and languages keeping their ids."""
        return PersonInput(
            surname=self.surname,
            given_name=self.given_name,
            sex=self.sex,
            birth_date=self.birth_date,
            relation=self.relation,
            patronymic=self.patronymic,
            surname_latin=self.surname_latin,
            given_name_latin=self.given_name_latin,
            patronymic_latin=self.patronymic_latin,
            iin=self.iin,
            citizenship=self.citizenship,
            ethnic_kazakh=self.ethnic_kazakh,
            education=self.education,
            profession=self.profession,
            disability=self.disability,
            phone=self.phone,
            is_head=self.is_head,
            documents=[d.to_input() for d in self.documents],
            languages=[lang.to_input() for lang in self.languages],
        )


@dataclass(frozen=True)
class HouseholdData:
    id: uuid.UUID
    num: int
    arrival_date: dt.date
    origin_country: str
    previous_country: str | None
    settlement_region: str | None
    address: str
    phone: str
    notes: str
    status: CaseStatus
    status_date: dt.date
    head_id: uuid.UUID | None
    version: int

    def to_input(self) -> HouseholdInput:
        """The family's own fields as an input (no members: they are edited one by one)."""
        return HouseholdInput(
            arrival_date=self.arrival_date,
            origin_country=self.origin_country,
            previous_country=self.previous_country,
            settlement_region=self.settlement_region,
            address=self.address,
            phone=self.phone,
            notes=self.notes,
        )


@dataclass(frozen=True)
class StatusData:
    id: uuid.UUID
    status: CaseStatus
    date: dt.date
    document_number: str
    note: str


@dataclass(frozen=True)
class AuditData:
    """One audited write to the family or one of its records.

    ``changes`` is ``{field: (old, new)}`` for every action; for an insert ``old`` is None. Values
    are as the audit log keeps them (JSON: ISO dates, enum values, UUIDs as text, codes).
    ``record_label`` names the record for people (the member's full name; for a document or a
    language, its owner's), empty for the family itself; ``record_detail`` is the document number or
    the language code.
    """

    at: dt.datetime  # UTC, naive
    user: str
    action: str  # "insert", "update" or "delete"
    table: str  # "household", "person", "person_document", "person_language"
    record_id: uuid.UUID
    record_label: str
    record_detail: str
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class FamilyCardData:
    household: HouseholdData
    members: tuple[PersonData, ...]  # live members, in position order
    statuses: tuple[StatusData, ...]  # oldest first
    history: tuple[AuditData, ...]  # newest first
    placements: tuple[PlacementData, ...] = ()  # newest first
    consultations: tuple[ConsultationRow, ...] = ()  # newest first
    studies: tuple[StudyRow, ...] = ()  # newest first
    referrals: tuple[ReferralRow, ...] = ()  # newest first
    #: The individual adaptation plan, by target date, with each item's state on ``plan_date``.
    plan: tuple[PlanItemRow, ...] = ()
    plan_progress: PlanProgress | None = None
    plan_date: dt.date | None = None

    @property
    def head(self) -> PersonData | None:
        return next((m for m in self.members if m.is_head), None)

    def member(self, person_id: uuid.UUID) -> PersonData | None:
        return next((m for m in self.members if m.id == person_id), None)


def _household(hh: Household) -> HouseholdData:
    return HouseholdData(
        hh.id,
        hh.num,
        hh.arrival_date,
        hh.origin_country,
        hh.previous_country,
        hh.settlement_region,
        hh.address,
        hh.phone,
        hh.notes,
        hh.status,
        hh.status_date,
        hh.head_id,
        hh.version,
    )


def _document(d: PersonDocument) -> DocumentData:
    return DocumentData(
        d.id, d.doc_type, d.number, d.issuer, d.issue_date, d.expiry_date, d.version
    )


def _person(
    p: Person,
    head_id: uuid.UUID | None,
    docs: Sequence[DocumentData],
    langs: Sequence[LanguageData],
) -> PersonData:
    return PersonData(
        id=p.id,
        num=p.num,
        household_id=p.household_id,
        position=p.position,
        relation=p.relation,
        surname=p.surname,
        given_name=p.given_name,
        patronymic=p.patronymic,
        surname_latin=p.surname_latin,
        given_name_latin=p.given_name_latin,
        patronymic_latin=p.patronymic_latin,
        sex=p.sex,
        birth_date=p.birth_date,
        iin=p.iin,
        citizenship=p.citizenship,
        ethnic_kazakh=p.ethnic_kazakh,
        education=p.education,
        profession=p.profession,
        disability=p.disability,
        phone=p.phone,
        is_head=p.id == head_id,
        version=p.version,
        documents=tuple(docs),
        languages=tuple(langs),
    )


def _changes(action: str, raw: dict[str, Any] | None) -> dict[str, tuple[Any, Any]]:
    out: dict[str, tuple[Any, Any]] = {}
    for key, value in (raw or {}).items():
        if action == "insert":
            out[key] = (None, value)
        elif isinstance(value, list | tuple) and len(value) == 2:
            out[key] = (value[0], value[1])
        else:  # pragma: no cover - the audit log always writes [old, new] for changes
            out[key] = (None, value)
    return out


def _date_key(d: dt.date | None) -> dt.date:
    return d or dt.date.min


def family_card(db: Database, household_id: uuid.UUID) -> FamilyCardData:
    """Everything a family's card shows. Raises ``NotFound`` for a missing or removed family.

    Removed members, documents and languages are left out of ``members`` but their history is in
    ``history`` (a removal is part of the family's story)."""
    today = dt.date.today()
    with db.read() as s:
        hh = s.get(Household, household_id)
        if hh is None or hh.deleted:
            raise NotFound(household_id)
        people = s.scalars(
            select(Person).where(Person.household_id == household_id).order_by(Person.position)
        ).all()
        person_ids = [p.id for p in people]
        docs: list[PersonDocument] = []
        langs: list[PersonLanguage] = []
        if person_ids:
            docs = list(
                s.scalars(select(PersonDocument).where(PersonDocument.person_id.in_(person_ids)))
            )
            langs = list(
                s.scalars(select(PersonLanguage).where(PersonLanguage.person_id.in_(person_ids)))
            )
        statuses = s.scalars(
            select(StatusChange)
            .where(StatusChange.household_id == household_id, live(StatusChange))
            .order_by(StatusChange.date, StatusChange.created_at)
        ).all()

        docs_of: dict[uuid.UUID, list[DocumentData]] = {}
        for d in sorted(docs, key=lambda d: (_date_key(d.issue_date), d.created_at)):
            if not d.deleted:
                docs_of.setdefault(d.person_id, []).append(_document(d))
        langs_of: dict[uuid.UUID, list[LanguageData]] = {}
        for lang in sorted(langs, key=lambda lang: lang.created_at):
            if not lang.deleted:
                langs_of.setdefault(lang.person_id, []).append(
                    LanguageData(lang.id, lang.language, lang.level, lang.version)
                )
        members = tuple(
            _person(p, hh.head_id, docs_of.get(p.id, ()), langs_of.get(p.id, ()))
            for p in people
            if not p.deleted
        )

        # What each audited record is, so the history can say whose passport changed, and where
        # it sorts among the records written at the same moment (family, then members in order).
        name_of = {p.id: p.full_name for p in people}
        pos_of = {p.id: p.position for p in people}
        labels: dict[uuid.UUID, _Label] = {hh.id: _Label(0, -1, "", "")}
        for p in people:
            labels[p.id] = _Label(1, p.position, p.full_name, "")
        for d in docs:
            labels[d.id] = _Label(2, pos_of[d.person_id], name_of[d.person_id], d.number)
        for lang in langs:
            labels[lang.id] = _Label(
                3, pos_of[lang.person_id], name_of[lang.person_id], lang.language
            )
        # Stays: the placement, its beds, its extensions, and the family's waiting-list entries.
        stays = s.execute(
            select(Placement.id, Placement.person_id).where(Placement.household_id == household_id)
        ).all()
        stay_person = {st.id: st.person_id for st in stays}
        for st in stays:
            labels[st.id] = _Label(
                4, pos_of.get(st.person_id, 0), name_of.get(st.person_id, ""), ""
            )
        if stay_person:
            for seg_id, pl_id in s.execute(
                select(BedStay.id, BedStay.placement_id).where(
                    BedStay.placement_id.in_(stay_person)
                )
            ):
                who = stay_person[pl_id]
                labels[seg_id] = _Label(5, pos_of.get(who, 0), name_of.get(who, ""), "")
            for ext_id, pl_id in s.execute(
                select(Extension.id, Extension.placement_id).where(
                    Extension.placement_id.in_(stay_person)
                )
            ):
                who = stay_person[pl_id]
                labels[ext_id] = _Label(6, pos_of.get(who, 0), name_of.get(who, ""), "")
        for req_id in s.scalars(
            select(PlacementRequest.id).where(PlacementRequest.household_id == household_id)
        ):
            labels[req_id] = _Label(7, -1, "", "")
        for item_id, item_person, item_kind in s.execute(
            select(PlanItem.id, PlanItem.person_id, PlanItem.kind).where(
                PlanItem.household_id == household_id
            )
        ):
            who = item_person
            labels[item_id] = _Label(
                8,
                pos_of.get(who, -1) if who else -1,
                name_of.get(who, "") if who else "",
                item_kind.value,
            )
        history = tuple(
            AuditData(
                at=e.at,
                user=e.user,
                action=e.action,
                table=e.table_name,
                record_id=e.record_id,
                record_label=labels[e.record_id].name,
                record_detail=labels[e.record_id].detail,
                changes=_changes(e.action, e.changes),
            )
            for e in _audit_entries(s, labels)
        )
        return FamilyCardData(
            household=_household(hh),
            members=members,
            statuses=tuple(
                StatusData(st.id, st.status, st.date, st.document_number, st.note)
                for st in statuses
            ),
            history=history,
            placements=tuple(household_placements(db, household_id)),
            consultations=tuple(
                consultations(db, ConsultationFilter(household_id=household_id, limit=1000))
            ),
            studies=tuple(household_studies(db, household_id)),
            referrals=tuple(referrals(db, ReferralFilter(household_id=household_id, limit=1000))),
            plan=tuple(household_plan(db, household_id, today)),
            plan_progress=plan_progress(db, [household_id], today).get(household_id),
            plan_date=today,
        )


# SQLite allows 32766 bound parameters; a family has a few dozen records at most, but stay safe.
_CHUNK = 500


@dataclass(frozen=True)
class _Label:
    rank: int  # 0 family, 1 member, 2 document, 3 language, 4–7 stays, 8 plan item
    position: int  # the member's place in the family
    name: str
    detail: str


def _audit_entries(s: Session, labels: dict[uuid.UUID, _Label]) -> list[AuditEntry]:
    ids = list(labels)
    entries: list[AuditEntry] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        entries.extend(s.scalars(select(AuditEntry).where(AuditEntry.record_id.in_(chunk))))
    # Newest first; within one write, the family before its members, members in their order.
    entries.sort(key=lambda e: (labels[e.record_id].rank, labels[e.record_id].position))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def person_household(db: Database, person_id: uuid.UUID) -> uuid.UUID:
    """The family a person belongs to. Raises ``NotFound`` for a missing or removed person."""
    with db.read() as s:
        hid = s.scalar(select(Person.household_id).where(Person.id == person_id, live(Person)))
        if hid is None:
            raise NotFound(person_id)
        return hid


def duplicates_for(
    db: Database,
    person: PersonInput,
    *,
    ref: ReferenceData | None = None,
    exclude: Iterable[uuid.UUID] = (),
) -> list[DuplicateMatch]:
    """People already registered who may be ``person`` (what intake would refuse to register
    without confirmation), for showing while the worker types. Read-only."""
    service = IntakeService(db, ref)
    with db.read() as s:
        return service.find_duplicates(person, s, set(exclude))
