"""Intake: registering families and their members, editing them, moving the case status.

``IntakeService`` is the only writer of households, people, their documents and languages. Every
method validates first and returns *all* problems at once (``ValidationError``), then writes in one
transaction; nothing is written when anything is wrong. Before registering a person it looks for
likely duplicates and refuses (``DuplicatesFound``) until the worker confirms the person is new:
the software never merges records by itself.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import Household, Person, PersonDocument, PersonLanguage, StatusChange
from ..domain import NEXT_STATUS, CaseStatus
from ..i18n import N_
from ..identity import IdError, IinInvalid, Sex, parse_iin
from ..names import fold_kazakh, name_key, similarity
from .errors import ConflictError, Problem, ValidationError
from .reference import ReferenceData
from .search import drop_index, index_text, normalise_document_number, put_index

EARLIEST_BIRTH = dt.date(1900, 1, 1)
EARLIEST_ARRIVAL = dt.date(1991, 12, 16)
_PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{5,20}$")
_LATIN_RE = re.compile(r"^[A-Za-zÀ-ɏʻʼ'`‘’ \-.]*$")
_NAME_RE = re.compile(r"^[^\d_!@#$%^&*=+<>?/\\|{}\[\]~;:\"]*$")

IIN_MESSAGES: dict[IdError, str] = {
    IdError.FORMAT: N_("An IIN has exactly 12 digits."),
    IdError.CENTURY: N_("The 7th digit of an IIN must be 1 to 6 (century and sex)."),
    IdError.DATE: N_("The first six digits of the IIN are not a real date of birth."),
    IdError.CHECKSUM: N_("The IIN's check digit is wrong: check for a typing error."),
    IdError.NEVER_ISSUED: N_("No IIN like this can be issued: check for a typing error."),
    IdError.BIN_MONTH: N_("Digits 3 and 4 of a BIN must be a month (01 to 12)."),
    IdError.BIN_KIND: N_("The 5th digit of a BIN must be 4, 5 or 6."),
}


@dataclass
class DocumentInput:
    doc_type: str
    number: str
    issuer: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    id: uuid.UUID | None = None


@dataclass
class LanguageInput:
    language: str
    level: str
    id: uuid.UUID | None = None


@dataclass
class PersonInput:
    surname: str
    given_name: str
    sex: Sex | None
    birth_date: dt.date | None
    relation: str = "other_relative"
    patronymic: str = ""
    surname_latin: str = ""
    given_name_latin: str = ""
    patronymic_latin: str = ""
    iin: str | None = None
    citizenship: str | None = None
    ethnic_kazakh: bool = True
    education: str | None = None
    profession: str | None = None
    disability: str | None = None
    phone: str = ""
    is_head: bool = False
    documents: list[DocumentInput] = field(default_factory=list)
    languages: list[LanguageInput] = field(default_factory=list)


@dataclass
class HouseholdInput:
    arrival_date: dt.date | None
    origin_country: str | None
    members: list[PersonInput] = field(default_factory=list)
    previous_country: str | None = None
    settlement_region: str | None = None
    address: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DuplicateMatch:
    """A person already in the register who may be the one being entered."""

    person_id: uuid.UUID
    num: int
    household_num: int
    full_name: str
    latin_name: str
    birth_date: dt.date
    iin: str | None
    score: float
    reasons: tuple[str, ...]  # msgids, translate to show


class DuplicatesFound(Exception):
    """Likely duplicates exist; registration waits for the worker's decision."""

    def __init__(self, matches: dict[int, list[DuplicateMatch]]) -> None:
        super().__init__(f"{sum(len(m) for m in matches.values())} possible duplicates")
        self.matches = matches


@dataclass(frozen=True)
class Saved:
    """What a write changed, so the UI refreshes only that."""

    household_id: uuid.UUID
    household_num: int
    person_ids: tuple[uuid.UUID, ...]
    version: int


REASON_IIN = N_("Same IIN")
REASON_DOCUMENT = N_("Same document number")
REASON_NAME = N_("Same date of birth and a similar name")
REASON_NAME_SWAPPED = N_("Same date of birth, surname and given name swapped")


def clean(value: str | None) -> str:
    return " ".join((value or "").split())


class IntakeService:
    def __init__(self, db: Database, ref: ReferenceData | None = None) -> None:
        self.db = db
        self.ref = ref or ReferenceData.load(db)

    # ---- validation --------------------------------------------------------------------------

    def validate_household(
        self,
        data: HouseholdInput,
        session: Session,
        existing_ids: dict[int, uuid.UUID] | None = None,
        check_members: bool = True,
    ) -> list[Problem]:
        problems: list[Problem] = []
        today = dt.date.today()
        if data.arrival_date is None:
            problems.append(Problem("arrival_date", N_("Enter the arrival date.")))
        elif data.arrival_date > today:
            problems.append(Problem("arrival_date", N_("The arrival date is in the future.")))
        elif data.arrival_date < EARLIEST_ARRIVAL:
            problems.append(
                Problem("arrival_date", N_("The arrival date is before 16 December 1991."))
            )
        on = data.arrival_date or today
        if not data.origin_country:
            problems.append(Problem("origin_country", N_("Choose the country of origin.")))
        elif data.origin_country == "KZ" or not self.ref.exists("country", data.origin_country, on):
            problems.append(Problem("origin_country", N_("Choose a country from the list.")))
        if data.previous_country and not self.ref.exists("country", data.previous_country, on):
            problems.append(Problem("previous_country", N_("Choose a country from the list.")))
        if data.settlement_region and not self.ref.exists("region", data.settlement_region, on):
            problems.append(
                Problem("settlement_region", N_("Choose a region that exists on the arrival date."))
            )
        if data.phone and not _PHONE_RE.match(data.phone.strip()):
            problems.append(
                Problem("phone", N_("A phone number has digits only, like +7 701 234 56 78."))
            )
        if not check_members:
            return problems
        if not data.members:
            problems.append(Problem("members", N_("Add at least one family member.")))
        heads = [i for i, m in enumerate(data.members) if m.is_head]
        if data.members and not heads:
            problems.append(Problem("head", N_("Choose the head of the family.")))
        elif len(heads) > 1:
            problems.append(
                Problem(
                    "head",
                    N_("A family has one head; {count} members are marked."),
                    {"count": len(heads)},
                )
            )
        seen_iin: dict[str, int] = {}
        seen_doc: dict[str, int] = {}
        for i, m in enumerate(data.members):
            ex = (existing_ids or {}).get(i)
            problems += self.validate_person(m, session, f"members[{i}].", data.arrival_date, ex)
            iin = clean(m.iin)
            if iin:
                if iin in seen_iin:
                    problems.append(
                        Problem(
                            f"members[{i}].iin",
                            N_("The same IIN is entered for member {other}."),
                            {"other": seen_iin[iin] + 1},
                        )
                    )
                seen_iin.setdefault(iin, i)
            for j, d in enumerate(m.documents):
                num = normalise_document_number(d.number)
                key = f"{d.doc_type}:{num}"
                if num and key in seen_doc and seen_doc[key] != i:
                    problems.append(
                        Problem(
                            f"members[{i}].documents[{j}].number",
                            N_("The same document is entered for member {other}."),
                            {"other": seen_doc[key] + 1},
                        )
                    )
                seen_doc.setdefault(key, i)
        return problems

    def validate_person(
        self,
        m: PersonInput,
        session: Session,
        prefix: str = "",
        arrival: dt.date | None = None,
        existing_id: uuid.UUID | None = None,
    ) -> list[Problem]:
        p: list[Problem] = []
        today = dt.date.today()
        on = arrival or today

        def add(fld: str, msg: str, **params: object) -> None:
            p.append(Problem(prefix + fld, msg, dict(params)))

        for fld in ("surname", "given_name"):
            value = clean(getattr(m, fld))
            if not value:
                add(fld, N_("This field is required."))
            elif not _NAME_RE.match(value):
                add(fld, N_("A name has letters only."))
        if clean(m.patronymic) and not _NAME_RE.match(clean(m.patronymic)):
            add("patronymic", N_("A name has letters only."))
        for fld in ("surname_latin", "given_name_latin", "patronymic_latin"):
            value = clean(getattr(m, fld))
            if value and not _LATIN_RE.match(value):
                add(fld, N_("Write the name in Latin letters, as in the passport."))
        if m.sex is None:
            add("sex", N_("Choose the sex."))
        if m.birth_date is None:
            add("birth_date", N_("Enter the date of birth."))
        elif m.birth_date > today:
            add("birth_date", N_("The date of birth is in the future."))
        elif m.birth_date < EARLIEST_BIRTH:
            add("birth_date", N_("The date of birth is before 1900."))
        elif arrival is not None and m.birth_date > arrival:
            add("birth_date", N_("The date of birth is after the family's arrival date."))
        if not self.ref.exists("relation", m.relation, on):
            add("relation", N_("Choose the relation from the list."))
        for fld, kind in (
            ("citizenship", "country"),
            ("education", "education_level"),
            ("profession", "profession"),
            ("disability", "disability"),
        ):
            code = getattr(m, fld)
            if code and not self.ref.exists(kind, code, on):
                add(fld, N_("Choose a value from the list."))
        if m.phone and not _PHONE_RE.match(m.phone.strip()):
            add("phone", N_("A phone number has digits only, like +7 701 234 56 78."))
        iin = clean(m.iin)
        if iin:
            try:
                info = parse_iin(iin)
            except IinInvalid as exc:
                add("iin", IIN_MESSAGES[exc.code])
            else:
                if m.birth_date is not None and info.birth_date != m.birth_date:
                    add(
                        "iin",
                        N_(
                            "The IIN says the person was born on {date}; the date of birth differs."
                        ),
                        date=info.birth_date.strftime("%d.%m.%Y"),
                    )
                if m.sex is not None and info.sex != m.sex:
                    add("iin", N_("The IIN belongs to a person of the other sex."))
                q = select(Person.num).where(Person.iin == iin, live(Person))
                if existing_id is not None:
                    q = q.where(Person.id != existing_id)
                other = session.scalar(q.limit(1))
                if other is not None:
                    add("iin", N_("This IIN is already registered (person No. {num})."), num=other)
        for j, d in enumerate(m.documents):
            dp = f"documents[{j}]."
            if not self.ref.exists("document_type", d.doc_type, on):
                add(dp + "doc_type", N_("Choose the document type."))
            if not normalise_document_number(d.number):
                add(dp + "number", N_("Enter the document number."))
            if d.issue_date and d.issue_date > today:
                add(dp + "issue_date", N_("The date of issue is in the future."))
            if d.issue_date and m.birth_date and d.issue_date < m.birth_date:
                add(dp + "issue_date", N_("The document was issued before the person was born."))
            if d.issue_date and d.expiry_date and d.expiry_date < d.issue_date:
                add(dp + "expiry_date", N_("The document expires before it was issued."))
        for j, lang in enumerate(m.languages):
            lp = f"languages[{j}]."
            if not self.ref.exists("language", lang.language, on):
                add(lp + "language", N_("Choose the language from the list."))
            if not self.ref.exists("language_level", lang.level, on):
                add(lp + "level", N_("Choose the level from the list."))
        return p

    # ---- duplicates --------------------------------------------------------------------------

    def find_duplicates(
        self, m: PersonInput, session: Session, exclude: set[uuid.UUID] | None = None
    ) -> list[DuplicateMatch]:
        """People already registered who may be ``m``: by IIN, document number, or birth date and
        a name that matches after Kazakh-aware normalisation and transliteration."""
        found: dict[uuid.UUID, tuple[float, list[str]]] = {}
        exclude = exclude or set()

        def note(pid: uuid.UUID, score: float, reason: str) -> None:
            if pid in exclude:
                return
            old = found.get(pid)
            if old is None:
                found[pid] = (score, [reason])
            elif reason not in old[1]:
                found[pid] = (max(old[0], score), [*old[1], reason])

        iin = clean(m.iin)
        if iin:
            for pid in session.scalars(select(Person.id).where(Person.iin == iin, live(Person))):
                note(pid, 1.0, REASON_IIN)
        nums = [normalise_document_number(d.number) for d in m.documents]
        nums = [n for n in nums if n]
        if nums:
            q = (
                select(PersonDocument.person_id)
                .join(Person, Person.id == PersonDocument.person_id)
                .where(
                    PersonDocument.number_norm.in_(nums),
                    live(PersonDocument),
                    live(Person),
                )
            )
            for pid in session.scalars(q):
                note(pid, 0.95, REASON_DOCUMENT)
        if m.birth_date is not None:
            mine = _name_variants(m.surname, m.given_name, m.surname_latin, m.given_name_latin)
            rows = session.execute(
                select(
                    Person.id,
                    Person.surname,
                    Person.given_name,
                    Person.surname_latin,
                    Person.given_name_latin,
                ).where(Person.birth_date == m.birth_date, live(Person))
            )
            for pid, sn, gn, snl, gnl in rows:
                theirs = _name_variants(sn, gn, snl, gnl)
                best, swapped = _best_name_score(mine, theirs)
                if best >= NAME_THRESHOLD:
                    reason = REASON_NAME_SWAPPED if swapped else REASON_NAME
                    note(pid, round(0.5 + 0.4 * best, 3), reason)
        if not found:
            return []
        rows2 = session.execute(
            select(Person, Household.num)
            .join(Household, Household.id == Person.household_id)
            .where(Person.id.in_(list(found)))
        ).all()
        out = [
            DuplicateMatch(
                p.id,
                p.num,
                hnum,
                p.full_name,
                p.full_name_latin,
                p.birth_date,
                p.iin,
                found[p.id][0],
                tuple(found[p.id][1]),
            )
            for p, hnum in rows2
        ]
        out.sort(key=lambda d: (-d.score, d.num))
        return out

    def check_duplicates(self, data: HouseholdInput) -> dict[int, list[DuplicateMatch]]:
        with self.db.read() as s:
            result = {}
            for i, m in enumerate(data.members):
                matches = self.find_duplicates(m, s)
                if matches:
                    result[i] = matches
            return result

    # ---- writes ------------------------------------------------------------------------------

    def register_household(self, data: HouseholdInput, *, confirmed_new: bool = False) -> Saved:
        """Register a family with its members in one transaction.

        Raises ``ValidationError`` with every problem, or ``DuplicatesFound`` unless the worker
        has confirmed (``confirmed_new``) that these people are not already registered."""
        with self.db.write() as s:
            problems = self.validate_household(data, s)
            if problems:
                raise ValidationError(problems)
            if not confirmed_new:
                dups = {}
                for i, m in enumerate(data.members):
                    found = self.find_duplicates(m, s)
                    if found:
                        dups[i] = found
                if dups:
                    raise DuplicatesFound(dups)
            assert data.arrival_date is not None and data.origin_country is not None
            hh = Household(
                num=_next_num(s, Household),
                arrival_date=data.arrival_date,
                origin_country=data.origin_country,
                previous_country=data.previous_country or None,
                settlement_region=data.settlement_region or None,
                address=clean(data.address),
                phone=clean(data.phone),
                notes=data.notes.strip(),
                status=CaseStatus.ARRIVED,
                status_date=data.arrival_date,
            )
            s.add(hh)
            s.flush()
            s.add(
                StatusChange(household_id=hh.id, status=CaseStatus.ARRIVED, date=data.arrival_date)
            )
            next_person = _next_num(s, Person)
            people: list[Person] = []
            for pos, m in enumerate(data.members):
                person = Person(household_id=hh.id, num=next_person + pos, position=pos)
                _apply_person(person, m)
                s.add(person)
                people.append(person)
            s.flush()
            for person, m in zip(people, data.members, strict=True):
                _sync_children(s, person, m)
                if m.is_head:
                    hh.head_id = person.id
            s.flush()
            for person, m in zip(people, data.members, strict=True):
                _reindex(s, person, m)
            return Saved(hh.id, hh.num, tuple(p.id for p in people), hh.version)

    def update_household(
        self, household_id: uuid.UUID, data: HouseholdInput, expected_version: int
    ) -> Saved:
        """Change the family's own fields (not its members)."""
        with self.db.write() as s:
            hh = _live(s, Household, household_id)
            if hh.version != expected_version:
                raise ConflictError(household_id)
            problems = self.validate_household(data, s, check_members=False)
            if problems:
                raise ValidationError(problems)
            assert data.arrival_date is not None and data.origin_country is not None
            hh.arrival_date = data.arrival_date
            hh.origin_country = data.origin_country
            hh.previous_country = data.previous_country or None
            hh.settlement_region = data.settlement_region or None
            hh.address = clean(data.address)
            hh.phone = clean(data.phone)
            hh.notes = data.notes.strip()
            s.flush()
            return Saved(hh.id, hh.num, (), hh.version)

    def update_person(
        self, person_id: uuid.UUID, data: PersonInput, expected_version: int
    ) -> Saved:
        with self.db.write() as s:
            person = _live(s, Person, person_id)
            if person.version != expected_version:
                raise ConflictError(person_id)
            hh = person.household
            problems = self.validate_person(data, s, "", hh.arrival_date, person.id)
            if problems:
                raise ValidationError(problems)
            _apply_person(person, data)
            _sync_children(s, person, data)
            if data.is_head and hh.head_id != person.id:
                hh.head_id = person.id
            s.flush()
            _reindex(s, person, data)
            return Saved(hh.id, hh.num, (person.id,), person.version)

    def add_member(
        self, household_id: uuid.UUID, data: PersonInput, *, confirmed_new: bool = False
    ) -> Saved:
        with self.db.write() as s:
            hh = _live(s, Household, household_id)
            problems = self.validate_person(data, s, "", hh.arrival_date)
            if problems:
                raise ValidationError(problems)
            if not confirmed_new:
                found = self.find_duplicates(data, s)
                if found:
                    raise DuplicatesFound({0: found})
            pos = 1 + max((m.position for m in hh.members if not m.deleted), default=-1)
            person = Person(household_id=hh.id, num=_next_num(s, Person), position=pos)
            _apply_person(person, data)
            s.add(person)
            s.flush()
            _sync_children(s, person, data)
            if data.is_head:
                hh.head_id = person.id
            s.flush()
            _reindex(s, person, data)
            return Saved(hh.id, hh.num, (person.id,), hh.version)

    def remove_member(self, person_id: uuid.UUID, expected_version: int) -> Saved:
        """Tombstone a member (entered by mistake). The head must be changed first."""
        with self.db.write() as s:
            person = _live(s, Person, person_id)
            if person.version != expected_version:
                raise ConflictError(person_id)
            hh = person.household
            if hh.head_id == person.id:
                raise ValidationError(
                    [Problem("head", N_("Choose another head of the family first."))]
                )
            person.deleted = True
            for d in person.documents:
                d.deleted = True
            for lang in person.languages:
                lang.deleted = True
            s.flush()
            drop_index(s, person.num)
            return Saved(hh.id, hh.num, (person.id,), hh.version)

    def reorder_members(self, household_id: uuid.UUID, order: list[uuid.UUID]) -> Saved:
        with self.db.write() as s:
            hh = _live(s, Household, household_id)
            live = {m.id: m for m in hh.members if not m.deleted}
            if set(order) != set(live):
                raise ConflictError(household_id)
            for pos, pid in enumerate(order):
                if live[pid].position != pos:
                    live[pid].position = pos
            s.flush()
            return Saved(hh.id, hh.num, tuple(order), hh.version)

    def delete_household(self, household_id: uuid.UUID, expected_version: int) -> Saved:
        """Tombstone a family registered by mistake, with its members."""
        with self.db.write() as s:
            hh = _live(s, Household, household_id)
            if hh.version != expected_version:
                raise ConflictError(household_id)
            hh.deleted = True
            ids = []
            for m in hh.members:
                if not m.deleted:
                    m.deleted = True
                    ids.append(m.id)
                    drop_index(s, m.num)
            s.flush()
            return Saved(hh.id, hh.num, tuple(ids), hh.version)

    def move_status(
        self,
        household_id: uuid.UUID,
        status: CaseStatus,
        date: dt.date | None,
        document_number: str = "",
        note: str = "",
    ) -> Saved:
        """Move the case to its next step (applied → granted → extended → citizenship)."""
        with self.db.write() as s:
            hh = _live(s, Household, household_id)
            problems: list[Problem] = []
            if status not in NEXT_STATUS[hh.status]:
                problems.append(
                    Problem(
                        "status", N_("The case cannot move to this status from its current one.")
                    )
                )
            if date is None:
                problems.append(Problem("status_date", N_("Enter the date.")))
            elif date > dt.date.today():
                problems.append(Problem("status_date", N_("The date is in the future.")))
            elif date < hh.status_date:
                problems.append(
                    Problem("status_date", N_("The date is before the previous step of the case."))
                )
            if status is not CaseStatus.APPLIED and not clean(document_number):
                problems.append(
                    Problem("document_number", N_("Enter the number of the decision or document."))
                )
            if problems:
                raise ValidationError(problems)
            assert date is not None
            s.add(
                StatusChange(
                    household_id=hh.id,
                    status=status,
                    date=date,
                    document_number=clean(document_number),
                    note=note.strip(),
                )
            )
            hh.status = status
            hh.status_date = date
            s.flush()
            return Saved(hh.id, hh.num, (), hh.version)


# ---- helpers ---------------------------------------------------------------------------------

_Row = TypeVar("_Row", Household, Person)


def _live(s: Session, cls: type[_Row], ident: uuid.UUID) -> _Row:
    obj = s.get(cls, ident)
    if obj is None or obj.deleted:
        raise ConflictError(ident)
    return obj


def _next_num(s: Session, cls: type[Household] | type[Person]) -> int:
    return int(s.scalar(select(func.coalesce(func.max(cls.num), 0))) or 0) + 1


def sort_key(surname: str, given_name: str) -> str:
    return fold_kazakh(f"{surname} {given_name}")


def _apply_person(person: Person, m: PersonInput) -> None:
    assert m.sex is not None and m.birth_date is not None
    values = {
        "relation": m.relation,
        "surname": clean(m.surname),
        "given_name": clean(m.given_name),
        "patronymic": clean(m.patronymic),
        "surname_latin": clean(m.surname_latin),
        "given_name_latin": clean(m.given_name_latin),
        "patronymic_latin": clean(m.patronymic_latin),
        "sort_key": sort_key(m.surname, m.given_name),
        "sex": m.sex,
        "birth_date": m.birth_date,
        "iin": clean(m.iin) or None,
        "citizenship": m.citizenship or None,
        "ethnic_kazakh": m.ethnic_kazakh,
        "education": m.education or None,
        "profession": m.profession or None,
        "disability": m.disability or None,
        "phone": clean(m.phone),
    }
    for key, value in values.items():
        if getattr(person, key, None) != value:
            setattr(person, key, value)


def _sync_children(s: Session, person: Person, m: PersonInput) -> None:
    """Make the person's documents and languages match the input: update, add, tombstone."""
    docs = {d.id: d for d in person.documents if not d.deleted}
    keep: set[uuid.UUID] = set()
    for d in m.documents:
        row = docs.get(d.id) if d.id else None
        if row is None:
            row = PersonDocument(person_id=person.id)
            s.add(row)
        else:
            keep.add(row.id)
        vals = {
            "doc_type": d.doc_type,
            "number": clean(d.number),
            "number_norm": normalise_document_number(d.number),
            "issuer": clean(d.issuer),
            "issue_date": d.issue_date,
            "expiry_date": d.expiry_date,
        }
        for k, v in vals.items():
            if getattr(row, k, None) != v:
                setattr(row, k, v)
    for did, row in docs.items():
        if did not in keep:
            row.deleted = True
    langs = {lang.id: lang for lang in person.languages if not lang.deleted}
    keep = set()
    for lang in m.languages:
        lrow = langs.get(lang.id) if lang.id else None
        if lrow is None:
            s.add(PersonLanguage(person_id=person.id, language=lang.language, level=lang.level))
        else:
            keep.add(lrow.id)
            if lrow.language != lang.language:
                lrow.language = lang.language
            if lrow.level != lang.level:
                lrow.level = lang.level
    for lid, lrow in langs.items():
        if lid not in keep:
            lrow.deleted = True


def _reindex(s: Session, person: Person, m: PersonInput) -> None:
    names = [
        person.surname,
        person.given_name,
        person.patronymic,
        person.surname_latin,
        person.given_name_latin,
        person.patronymic_latin,
    ]
    put_index(s, person.num, index_text(names, person.iin, [d.number for d in m.documents]))


def _name_variants(sn: str, gn: str, snl: str, gnl: str) -> list[tuple[str, str]]:
    out = [(name_key(sn), name_key(gn))]
    if snl or gnl:
        out.append((name_key(snl), name_key(gnl)))
    return [v for v in out if v[0] or v[1]]


NAME_THRESHOLD = 0.8


def _close(a: str, b: str) -> float:
    """Similarity of two name keys, 0 when they cannot reach the threshold (cheap checks first:
    a million-person register has dozens of people born on any given day)."""
    if a == b:
        return 1.0 if a else 0.0
    la, lb = len(a), len(b)
    if not la or not lb or abs(la - lb) > (1 - NAME_THRESHOLD) * max(la, lb):
        return 0.0
    return similarity(a, b)


def _pair(s1: str, g1: str, s2: str, g2: str) -> float:
    first = _close(s1, s2)
    return 0.0 if first < NAME_THRESHOLD else min(first, _close(g1, g2))


def _best_name_score(
    mine: list[tuple[str, str]], theirs: list[tuple[str, str]]
) -> tuple[float, bool]:
    best, swapped = 0.0, False
    for a_s, a_g in mine:
        for b_s, b_g in theirs:
            straight = _pair(a_s, a_g, b_s, b_g)
            if straight > best:
                best, swapped = straight, False
            if best < 1.0:
                cross = _pair(a_s, a_g, b_g, b_s)
                if cross > best:
                    best, swapped = cross, True
    return best, swapped
