"""Finding people: one box for any spelling of a name, an IIN or a document number.

The index is an FTS5 table ``person_search`` whose rowid is ``person.num`` and whose text holds the
script-independent keys (``names.name_key``) of every spelling of the name, the IIN and the normalised
document numbers. A query is turned into the same keys and matched by prefix, so "Жан", "Zhan" and
"Jan" find the same Жанар. The intake service keeps the index current in the same transaction as the
person row.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..db.database import Database
from ..names import fold_kazakh, join_name, name_tokens

_DOC_RE = re.compile(r"[^0-9A-Z]")
_TOKEN_RE = re.compile(r"[^\w]+", re.UNICODE)


def normalise_document_number(value: str) -> str:
    return _DOC_RE.sub("", fold_kazakh(value).upper())


def index_text(names: Iterable[str], iin: str | None, documents: Iterable[str]) -> str:
    keys: list[str] = []
    for n in names:
        keys.extend(name_tokens(n))
    if iin:
        keys.append(iin)
    keys.extend(normalise_document_number(d).lower() for d in documents if d)
    seen: dict[str, None] = dict.fromkeys(k for k in keys if k)
    return " ".join(seen)


def put_index(session: Session, num: int, content: str) -> None:
    session.execute(text("DELETE FROM person_search WHERE rowid = :n"), {"n": num})
    session.execute(
        text("INSERT INTO person_search(rowid, keys) VALUES (:n, :k)"), {"n": num, "k": content}
    )


def drop_index(session: Session, num: int) -> None:
    session.execute(text("DELETE FROM person_search WHERE rowid = :n"), {"n": num})


def query_terms(query: str) -> list[str]:
    """The FTS terms for what the user typed; empty when there is nothing to search for."""
    terms: list[str] = []
    for word in query.split():
        if word.isdigit():
            terms.append(word)
            continue
        doc = normalise_document_number(word).lower()
        if any(ch.isdigit() for ch in doc):
            terms.append(doc)
            continue
        terms.extend(name_tokens(word))
    return [t for t in terms if t]


def match_expression(query: str) -> str | None:
    terms = query_terms(query)
    if not terms:
        return None
    return " ".join(f'"{t}"*' for t in terms)


@dataclass(frozen=True)
class PersonHit:
    id: uuid.UUID
    num: int
    household_id: uuid.UUID
    household_num: int
    surname: str
    given_name: str
    patronymic: str
    latin_name: str
    birth_date: dt.date
    iin: str | None
    sex: str

    @property
    def full_name(self) -> str:
        return join_name(self.surname, self.given_name, self.patronymic)


_HIT_SQL = """
SELECT p.id, p.num, p.household_id, h.num, p.surname, p.given_name, p.patronymic,
       trim(p.surname_latin || ' ' || p.given_name_latin || ' ' || p.patronymic_latin),
       p.birth_date, p.iin, p.sex
FROM person p JOIN household h ON h.id = p.household_id
WHERE p.num IN ({nums}) AND p.deleted = 0
"""


def matching_nums(session: Session, query: str, limit: int) -> list[int]:
    expr = match_expression(query)
    if expr is None:
        return []
    rows = session.execute(
        text("SELECT rowid FROM person_search WHERE person_search MATCH :q LIMIT :lim"),
        {"q": expr, "lim": limit},
    )
    return [int(r[0]) for r in rows]


def search_people(db: Database, query: str, limit: int = 50) -> list[PersonHit]:
    """People matching ``query``, best matches first (whole-word matches before prefixes)."""
    with db.read() as s:
        return search_in_session(s, query, limit)


def search_in_session(session: Session, query: str, limit: int = 50) -> list[PersonHit]:
    nums = matching_nums(session, query, limit * 4)
    if not nums:
        return []
    rows = session.execute(text(_HIT_SQL.format(nums=",".join(str(n) for n in nums)))).all()
    hits = [
        PersonHit(
            uuid.UUID(bytes=r[0]),
            r[1],
            uuid.UUID(bytes=r[2]),
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            dt.date.fromisoformat(r[8]),
            r[9],
            r[10],
        )
        for r in rows
    ]
    terms = set(query_terms(query))

    def rank(hit: PersonHit) -> tuple[int, str, str]:
        keys = set(name_tokens(f"{hit.full_name} {hit.latin_name}"))
        exact = len(terms & (keys | {hit.iin or ""}))
        return (-exact, fold_kazakh(hit.surname), fold_kazakh(hit.given_name))

    hits.sort(key=rank)
    return hits[:limit]
