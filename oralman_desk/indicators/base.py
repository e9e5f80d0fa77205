"""The vocabulary of indicators: what an indicator counts, over which rows, broken down by what.

Three kinds:

- ``EventIndicator``: things that happen on a day (a family arrives, a person checks in, a
  consultation is held). Its ``Source`` is a SQL ``SELECT`` of rows with the columns ``id``,
  ``person``, ``household``, ``day`` and the breakdown columns, restricted to ``day BETWEEN :lo AND
  :hi``; the indicator counts distinct ``id``, ``person`` or ``household`` values of the rows that
  pass its ``where``, per column period and per breakdown value. Indicators on one source are
  computed together in one query (``engine``).
- ``StockIndicator``: who is somewhere at a moment or over the period (in the centre at the start,
  past the term). Its SQL takes ``:start``, ``:end`` and ``:after`` (the day after the end).
- ``ValueIndicator``: a number that is not a count of records (bed-days, occupancy).

An indicator whose ``available`` is false names a figure the register does not record: it is shown
as "—", never as a made-up zero.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..db.database import Database
from ..i18n import translate
from ..periods import Period
from ..services.reference import ReferenceData

Count = Literal["id", "person", "household"]


class ItemKind(enum.StrEnum):
    """What the ids of a drill-down are."""

    PERSON = "person"
    HOUSEHOLD = "household"
    PLACEMENT = "placement"
    BED_STAY = "bed_stay"
    BED = "bed"
    CONSULTATION = "consultation"
    ENROLMENT = "enrolment"
    REFERRAL = "referral"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True, kw_only=True)
class Dimension:
    """A breakdown: ``key`` is the suffix of the row key ("arrived.persons.by_country")."""

    key: str
    column: str  # of the source
    label: str  # msgid, "by country of origin"
    ref_kind: str | None = None  # value labels and order from this classifier
    enum: tuple[tuple[str, str], ...] = ()  # or (code, msgid) pairs, in display order
    #: List every value of the classifier or enumeration, even with nothing to count.
    zeros: bool = False
    #: Each counted item has exactly one value, so the values add up to the total (and a "rest"
    #: row can be computed as the total less the values shown).
    exclusive: bool = True
    #: Event indicators: the breakdown's rows, when they are not the indicator's own (topics of a
    #: consultation are rows of their own); same count and filter.
    source: Source | None = None


@dataclass(frozen=True, kw_only=True)
class Source:
    """Rows for event indicators; ``sql`` gets the reference data (for age groups and classifier
    groupings, which are dated reference data, not constants) and the first and last day of the
    rows wanted (also bound as ``:lo`` and ``:hi``). ``columns`` names every column it selects."""

    name: str
    sql: Callable[[ReferenceData, dt.date, dt.date], str]
    columns: tuple[str, ...]
    #: Columns (or "column+breakdown column" pairs) whose value is different on every row: those
    #: are counted with a plain sum, much cheaper than ``count(DISTINCT …)`` on a large period.
    unique: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Indicator:
    key: str
    label: str  # msgid: the indicator's short name, for pick lists
    doc: str  # what is counted, from which records; what the register cannot tell
    item: ItemKind
    dimensions: tuple[Dimension, ...] = ()
    decimals: int = 0
    available: bool = True
    label_params: tuple[tuple[str, object], ...] = ()

    def title(self, lang: str | None = None) -> str:
        """The short name in ``lang``."""
        text = translate(self.label, lang)
        return text.format(**dict(self.label_params)) if self.label_params else text

    def dimension(self, key: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.key == key), None)


@dataclass(frozen=True, kw_only=True)
class EventIndicator(Indicator):
    source: Source
    count: Count
    where: str = "1"  # SQL over the source's columns; constants only


@dataclass(frozen=True, kw_only=True)
class StockIndicator(Indicator):
    #: Rows (id, person, household) for ``:start``, ``:end`` and ``:after``.
    sql: str
    count: Count = "id"


@dataclass(frozen=True, kw_only=True)
class ValueIndicator(Indicator):
    value: Callable[[Database, Period], float | None]
    #: Rows (id, person, household) behind the value, for ``:start``, ``:end`` and ``:after``.
    drill_sql: str
