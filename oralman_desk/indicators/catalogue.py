"""Every indicator the reports can name (domain.md §6, items 1–7), with what it counts.

Keys are stable: report definitions in ``reports/definitions`` name them, so a key is never renamed
or reused with another meaning. A breakdown is the indicator's key plus ``.by_…``
("arrived.persons.by_country"). Dates are the ones the records carry: arrivals by the family's
arrival date, stays by check-in and check-out dates, consultations by their date, courses by the
enrolment and result dates, referrals by their date, jobs by the employment date, follow-ups by
the date they fall due, status steps by the date of the decision.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

from ..db.database import Database
from ..domain import LABELS, CourseKind, JobKind, ReferralTarget
from ..domain import ConsultationForm as Form
from ..i18n import N_
from ..identity import Sex
from ..periods import Period
from ..services.employment import FOLLOW_UP_MONTHS
from ..services.placement_queries import available_bed_days, bed_days
from ..services.reference import ReferenceData
from .base import (
    Count,
    Dimension,
    EventIndicator,
    Indicator,
    ItemKind,
    Source,
    StockIndicator,
    ValueIndicator,
)

LANGUAGE_KINDS = (CourseKind.KAZAKH, CourseKind.RUSSIAN, CourseKind.OTHER_LANGUAGE)

#: Reference data "education_level" carries the group each level is reported under.
EDUCATION_GROUPS: tuple[tuple[str, str], ...] = (
    ("higher", N_("Higher education")),
    ("secondary_special", N_("Secondary special education")),
    ("general_secondary", N_("General secondary education or lower")),
    ("none", N_("No education")),
)
SEX_LABELS: tuple[tuple[str, str], ...] = ((Sex.MALE, N_("Male")), (Sex.FEMALE, N_("Female")))
#: Months of arrival, "01" … "12", for the arrivals-by-month breakdown (and its chart).
MONTH_LABELS: tuple[tuple[str, str], ...] = tuple(
    (f"{i:02d}", name)
    for i, name in enumerate(
        (
            N_("January"),
            N_("February"),
            N_("March"),
            N_("April"),
            N_("May"),
            N_("June"),
            N_("July"),
            N_("August"),
            N_("September"),
            N_("October"),
            N_("November"),
            N_("December"),
        ),
        1,
    )
)
AGE_GROUPS: tuple[tuple[str, str], ...] = (
    ("minor", N_("Minor")),
    ("working", N_("Working age")),
    ("pension", N_("Pension age")),
)


def _enum_labels(members: Iterable[enum.Enum]) -> tuple[tuple[str, str], ...]:
    return tuple((str(m.value), LABELS[m]) for m in members)


# ---- SQL helpers: age groups and education groups from dated reference data --------------------


def _q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _dated(ref: ReferenceData, sex: Sex, day: str, field: str, fallback: int) -> str:
    """A CASE that picks ``field`` of the "working_age" row for ``sex`` in force on ``day``."""
    rows = sorted(
        (i for i in ref.all("working_age") if i.code == sex.value), key=lambda i: i.valid_from
    )
    if not rows:
        return str(int(fallback))
    parts = [
        f"WHEN {day} <= {_q(r.valid_to.isoformat())} THEN {int(r.extra.get(field, fallback))}"
        for r in rows[:-1]
        if r.valid_to is not None
    ]
    last = int(rows[-1].extra.get(field, fallback))
    values = {int(r.extra.get(field, fallback)) for r in rows}
    if len(values) == 1 or not parts:
        return str(last)  # the same bound whatever the day: no CASE to evaluate on every row
    return f"(CASE {' '.join(parts)} ELSE {last} END)"


def _day_number(day: str) -> str:
    """An ISO date as the number (year * 12 + month - 1) * 100 + day: it sorts like the date, and
    subtracting n * 100 gives the same day n months earlier (a "2023-02-29" may come out for a day
    in a leap year: it still sorts between the 28th and 1 March, which is all a comparison needs)."""
    return f"((substr({day}, 1, 4) * 12 + substr({day}, 6, 2) - 1) * 100 + substr({day}, 9, 2))"


def age_group_sql(ref: ReferenceData, day: str, birth: str, sex: str, on: dt.date) -> str:
    """SQL giving 'minor', 'working' or 'pension' for a person born on ``birth`` (ISO text), of
    ``sex``, on ``day`` — the same rule as ``ReferenceData.age_group``: whole months of age against
    the working-age bounds by sex in force on that day.

    Like the register (``ReferenceData.age_group_bounds``) it compares the birth date with the day
    that many years or months before ``day``: someone is a minor when born after ``day`` less the
    minimum working age, of pension age when born on or before ``day`` less the pension age. Dates
    are compared as numbers (``_day_number``), which is cheap enough for a million rows.
    """

    def bound(field: str, default: int) -> str:
        male = _dated(ref, Sex.MALE, day, field, default)
        female = _dated(ref, Sex.FEMALE, day, field, default)
        if male == female:
            return male
        return f"(CASE WHEN {sex} = {_q(Sex.MALE.value)} THEN {male} ELSE {female} END)"

    # The defaults apply only to a database without working-age rows: the same as ReferenceData's.
    years = bound("min_years", ref.working_age_min_years(Sex.MALE, on))
    months = bound("pension_age_months", ref.pension_age_months(Sex.MALE, on))
    born, then = _day_number(birth), _day_number(day)
    return (
        f"(CASE WHEN {born} > {then} - {years} * 1200 THEN 'minor' "
        f"WHEN {born} > {then} - {months} * 100 THEN 'working' ELSE 'pension' END)"
    )


def education_group_sql(ref: ReferenceData, column: str) -> str:
    pairs = {
        i.code: str(i.extra.get("report_group") or "")
        for i in ref.all("education_level")
        if i.extra.get("report_group")
    }
    if not pairs:
        return "''"
    whens = " ".join(f"WHEN {_q(code)} THEN {_q(group)}" for code, group in pairs.items())
    return f"(CASE {column} {whens} ELSE '' END)"


# ---- sources of events ---------------------------------------------------------------------------


def _arrival_sql(ref: ReferenceData, lo: dt.date, hi: dt.date) -> str:
    age = age_group_sql(ref, "h.arrival_date", "p.birth_date", "p.sex", hi)
    edu = education_group_sql(ref, "p.education")
    return f"""
        SELECT p.id AS id, p.id AS person, h.id AS household, h.arrival_date AS day,
               h.origin_country AS country, coalesce(h.settlement_region, '') AS region,
               p.sex AS sex, {age} AS age_group, coalesce(p.education, '') AS education,
               {edu} AS education_group, coalesce(p.profession, '') AS profession,
               substr(h.arrival_date, 6, 2) AS month
        FROM household h JOIN person p ON p.household_id = h.id
        WHERE h.deleted = 0 AND p.deleted = 0 AND h.arrival_date BETWEEN :lo AND :hi
    """


ARRIVAL = Source(
    name="arrival",
    columns=(
        "id",
        "person",
        "household",
        "day",
        "country",
        "region",
        "sex",
        "age_group",
        "education",
        "education_group",
        "profession",
        "month",
    ),
    sql=_arrival_sql,
    unique=frozenset({"id", "person"}),
)

ARRIVED_FAMILY = Source(
    name="arrived_family",
    columns=("id", "person", "household", "day", "country", "region"),
    sql=lambda ref, lo, hi: (
        """
        SELECT h.id AS id, h.head_id AS person, h.id AS household, h.arrival_date AS day,
               h.origin_country AS country, coalesce(h.settlement_region, '') AS region
        FROM household h
        WHERE h.deleted = 0 AND h.arrival_date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id", "household"}),
)

CHECK_IN = Source(
    name="check_in",
    columns=("id", "person", "household", "day"),
    sql=lambda ref, lo, hi: (
        """
        SELECT pl.id AS id, pl.person_id AS person, pl.household_id AS household,
               pl.start_date AS day
        FROM placement pl
        WHERE pl.deleted = 0 AND pl.start_date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

CHECK_OUT = Source(
    name="check_out",
    columns=("id", "person", "household", "day", "reason"),
    sql=lambda ref, lo, hi: (
        """
        SELECT pl.id AS id, pl.person_id AS person, pl.household_id AS household,
               pl.end_date AS day, coalesce(pl.checkout_reason, '') AS reason
        FROM placement pl
        WHERE pl.deleted = 0 AND pl.end_date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

# Consultations: the sessions, their topics, their attendees, and attendees by topic — four row
# sets, so that each count reads rows where what it counts is (mostly) unique.
CONSULTATION = Source(
    name="consultation",
    columns=("id", "person", "household", "day", "form"),
    sql=lambda ref, lo, hi: (
        """
        SELECT c.id AS id, NULL AS person, NULL AS household, c.date AS day, c.form AS form
        FROM consultation c
        WHERE c.deleted = 0 AND c.date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

CONSULTATION_TOPIC = Source(
    name="consultation_topic",
    columns=("id", "person", "household", "day", "topic"),
    sql=lambda ref, lo, hi: (
        """
        SELECT c.id AS id, NULL AS person, NULL AS household, c.date AS day, t.topic AS topic
        FROM consultation c
        CROSS JOIN consultation_topic t ON t.consultation_id = c.id AND t.deleted = 0
        WHERE c.deleted = 0 AND c.date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id+topic"}),
)

CONSULTED = Source(
    name="consulted",
    columns=("id", "person", "household", "day", "form"),
    sql=lambda ref, lo, hi: (
        """
        SELECT c.id AS id, a.person_id AS person, a.household_id AS household, c.date AS day,
               c.form AS form
        FROM consultation c
        CROSS JOIN consultation_attendee a ON a.consultation_id = c.id AND a.deleted = 0
        WHERE c.deleted = 0 AND c.date BETWEEN :lo AND :hi
    """
    ),
)

CONSULTED_TOPIC = Source(
    name="consulted_topic",
    columns=("id", "person", "household", "day", "topic"),
    sql=lambda ref, lo, hi: (
        """
        SELECT c.id AS id, a.person_id AS person, a.household_id AS household, c.date AS day,
               t.topic AS topic
        FROM consultation c
        CROSS JOIN consultation_attendee a ON a.consultation_id = c.id AND a.deleted = 0
        CROSS JOIN consultation_topic t ON t.consultation_id = c.id AND t.deleted = 0
        WHERE c.deleted = 0 AND c.date BETWEEN :lo AND :hi
    """
    ),
)

_COURSE_COLUMNS = """
    e.id AS id, e.person_id AS person, e.household_id AS household, c.kind AS kind,
    coalesce(c.profession, '') AS profession, e.status AS status
"""
_COURSE_JOIN = """
    FROM enrolment e
    JOIN course_group g ON g.id = e.group_id
    JOIN course c ON c.id = g.course_id
"""

ENROLMENT = Source(
    name="enrolment",
    columns=("id", "person", "household", "kind", "profession", "status", "day"),
    sql=lambda ref, lo, hi: (
        f"""
        SELECT {_COURSE_COLUMNS}, e.enrolled_on AS day {_COURSE_JOIN}
        WHERE e.deleted = 0 AND e.status <> 'waiting' AND e.enrolled_on BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

COURSE_RESULT = Source(
    name="course_result",
    columns=("id", "person", "household", "kind", "profession", "status", "day"),
    sql=lambda ref, lo, hi: (
        f"""
        SELECT {_COURSE_COLUMNS}, e.result_date AS day {_COURSE_JOIN}
        WHERE e.deleted = 0 AND e.status IN ('completed', 'dropped')
          AND e.result_date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

REFERRAL = Source(
    name="referral",
    columns=("id", "person", "household", "day", "target", "job_kind"),
    sql=lambda ref, lo, hi: (
        """
        SELECT r.id AS id, r.person_id AS person, r.household_id AS household, r.date AS day,
               r.target AS target, r.job_kind AS job_kind
        FROM referral r
        WHERE r.deleted = 0 AND r.date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

EMPLOYMENT = Source(
    name="employment",
    columns=("id", "person", "household", "day", "job_kind", "profession"),
    sql=lambda ref, lo, hi: (
        """
        SELECT r.id AS id, r.person_id AS person, r.household_id AS household,
               r.employed_on AS day, coalesce(r.employment_kind, r.job_kind) AS job_kind,
               coalesce(r.profession, '') AS profession
        FROM referral r
        WHERE r.deleted = 0 AND r.status = 'employed' AND r.employed_on BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

FOLLOW_UP = Source(
    name="follow_up",
    columns=("id", "person", "household", "day", "months", "checked_on", "still_employed"),
    sql=lambda ref, lo, hi: (
        """
        SELECT f.id AS id, r.person_id AS person, r.household_id AS household,
               f.due_date AS day, f.months AS months, f.checked_on AS checked_on,
               f.still_employed AS still_employed
        FROM employment_follow_up f CROSS JOIN referral r ON r.id = f.referral_id
        WHERE f.deleted = 0 AND r.deleted = 0 AND f.due_date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

# Status steps (one row each), and the steps with their families' members (one row per step and
# member). The history has no index on the date: the steps are read in one pass and the family and
# its members looked up; CROSS JOIN keeps SQLite from starting at the million people instead.
STATUS = Source(
    name="status",
    columns=("id", "person", "household", "day", "status"),
    sql=lambda ref, lo, hi: (
        """
        SELECT sc.id AS id, h.head_id AS person, sc.household_id AS household, sc.date AS day,
               sc.status AS status
        FROM status_change sc
        CROSS JOIN household h ON h.id = sc.household_id AND h.deleted = 0
        WHERE sc.deleted = 0 AND sc.date BETWEEN :lo AND :hi
    """
    ),
    unique=frozenset({"id"}),
)

STATUS_MEMBER = Source(
    name="status_member",
    columns=("id", "person", "household", "day", "status"),
    sql=lambda ref, lo, hi: (
        """
        SELECT sc.id AS id, p.id AS person, sc.household_id AS household, sc.date AS day,
               sc.status AS status
        FROM status_change sc
        CROSS JOIN household h ON h.id = sc.household_id AND h.deleted = 0
        CROSS JOIN person p ON p.household_id = sc.household_id AND p.deleted = 0
        WHERE sc.deleted = 0 AND sc.date BETWEEN :lo AND :hi
    """
    ),
)


# ---- breakdowns ----------------------------------------------------------------------------------


def by_country() -> Dimension:
    return Dimension(
        key="by_country", column="country", label=N_("by country of origin"), ref_kind="country"
    )


def by_region() -> Dimension:
    return Dimension(
        key="by_region", column="region", label=N_("by region of settlement"), ref_kind="region"
    )


def by_sex() -> Dimension:
    return Dimension(key="by_sex", column="sex", label=N_("by sex"), enum=SEX_LABELS, zeros=True)


def by_month() -> Dimension:
    return Dimension(
        key="by_month",
        column="month",
        label=N_("by month of arrival"),
        enum=MONTH_LABELS,
        zeros=True,
    )


def by_age_group() -> Dimension:
    return Dimension(
        key="by_age_group",
        column="age_group",
        label=N_("by age group"),
        enum=AGE_GROUPS,
        zeros=True,
    )


def by_education() -> Dimension:
    return Dimension(
        key="by_education",
        column="education",
        label=N_("by education level"),
        ref_kind="education_level",
    )


def by_education_group() -> Dimension:
    return Dimension(
        key="by_education_group",
        column="education_group",
        label=N_("by education (higher, secondary special, general secondary, none)"),
        enum=EDUCATION_GROUPS,
        zeros=True,
    )


def by_profession(exclusive: bool = True) -> Dimension:
    return Dimension(
        key="by_profession",
        column="profession",
        label=N_("by profession"),
        ref_kind="profession",
        exclusive=exclusive,
    )


# ---- the catalogue -------------------------------------------------------------------------------

_PERSON_ARRIVAL_DOC = (
    "Members of the families whose arrival date is in the period (a person has no arrival date of "
    "their own: a member added to the family later counts on the family's arrival date). "
)
_AGE_DOC = (
    "Age on the family's arrival date against the working-age bounds by sex in force that day "
    "(reference data 'working_age'), like the register's age groups. "
)


def _arrivals() -> list[Indicator]:
    out: list[Indicator] = [
        EventIndicator(
            key="arrived.families",
            label=N_("Families arrived"),
            doc="Families registered with an arrival date in the period. By country of origin "
            "and by the region of settlement recorded on the family.",
            item=ItemKind.HOUSEHOLD,
            source=ARRIVED_FAMILY,
            count="household",
            dimensions=(by_country(), by_region()),
        ),
        EventIndicator(
            key="arrived.persons",
            label=N_("People arrived"),
            doc=_PERSON_ARRIVAL_DOC + _AGE_DOC,
            item=ItemKind.PERSON,
            source=ARRIVAL,
            count="person",
            dimensions=(
                by_country(),
                by_month(),
                by_sex(),
                by_age_group(),
                by_education(),
                by_education_group(),
                by_profession(),
            ),
        ),
    ]
    for code, key, label in (
        ("minor", "arrived.minors", N_("Minors arrived")),
        ("working", "arrived.working_age", N_("People of working age arrived")),
        ("pension", "arrived.pension_age", N_("People of pension age arrived")),
    ):
        dims: tuple[Dimension, ...] = (by_sex(),)
        if code == "working":
            dims += (by_education(), by_education_group(), by_profession())
        out.append(
            EventIndicator(
                key=key,
                label=label,
                doc=_PERSON_ARRIVAL_DOC + _AGE_DOC + "Occupation is the person's profession "
                "(reference data 'profession'); education the level recorded at intake.",
                item=ItemKind.PERSON,
                source=ARRIVAL,
                count="person",
                where=f"age_group = '{code}'",
                dimensions=dims,
            )
        )
    return out


_AT_START = """
    SELECT pl.id AS id, pl.person_id AS person, pl.household_id AS household
    FROM placement pl
    WHERE pl.deleted = 0 AND pl.start_date < :start
      AND (pl.end_date IS NULL OR pl.end_date >= :start)
"""
_AT_END = """
    SELECT pl.id AS id, pl.person_id AS person, pl.household_id AS household
    FROM placement pl
    WHERE pl.deleted = 0 AND pl.start_date <= :end
      AND (pl.end_date IS NULL OR pl.end_date > :end)
"""
_PAST_TERM = """
    SELECT pl.id AS id, pl.person_id AS person, pl.household_id AS household
    FROM placement pl
    WHERE pl.deleted = 0 AND pl.planned_end <= :end
      AND coalesce(pl.end_date, :after) > max(pl.planned_end, :start)
"""
_BED_STAYS = """
    SELECT bs.id AS id, bs.person_id AS person, pl.household_id AS household
    FROM bed_stay bs JOIN placement pl ON pl.id = bs.placement_id
    WHERE bs.deleted = 0 AND bs.start_date < :after AND coalesce(bs.end_date, :after) > :start
      AND coalesce(bs.end_date, :after) > bs.start_date
"""
_BEDS = "SELECT b.id AS id, NULL AS person, NULL AS household FROM bed b WHERE b.deleted = 0"

_BALANCE_DOC = (
    "Stays are half-open (a stay occupies the nights from check-in to the night before "
    "check-out), so at the start + checked in − checked out = at the end. "
)


def _bed_days(db: Database, period: Period) -> float:
    return float(bed_days(db, period.start, period.end))


def _available(db: Database, period: Period) -> float:
    return float(available_bed_days(db, period.start, period.end))


def _occupancy(db: Database, period: Period) -> float | None:
    available = available_bed_days(db, period.start, period.end)
    if available <= 0:
        return None
    return round(100.0 * bed_days(db, period.start, period.end) / available, 1)


def _beds(db: Database, period: Period) -> float:
    from sqlalchemy import text

    with db.read() as s:
        return float(s.scalar(text("SELECT count(*) FROM bed WHERE deleted = 0")) or 0)


def _placement() -> list[Indicator]:
    out: list[Indicator] = []
    units: tuple[tuple[str, Count, ItemKind], ...] = (
        ("persons", "id", ItemKind.PLACEMENT),
        ("families", "household", ItemKind.HOUSEHOLD),
    )
    for unit, count, item in units:
        fam = unit == "families"
        out += [
            StockIndicator(
                key=f"placement.at_start.{unit}",
                label=N_("Families in the centre at the start of the period")
                if fam
                else N_("People in the centre at the start of the period"),
                doc=_BALANCE_DOC + "Stays begun before the first day and not ended before it.",
                item=item,
                sql=_AT_START,
                count=count,
            ),
            EventIndicator(
                key=f"placement.checked_in.{unit}",
                label=N_("Families checked in") if fam else N_("People checked in"),
                doc=_BALANCE_DOC + "Stays begun in the period (a person checked in twice in "
                "the period counts twice).",
                item=item,
                source=CHECK_IN,
                count=count,
            ),
            EventIndicator(
                key=f"placement.checked_out.{unit}",
                label=N_("Families checked out") if fam else N_("People checked out"),
                doc=_BALANCE_DOC + "Stays ended in the period, by the reason recorded at "
                "check-out (reference data 'leave_reason'). A family counts once under each "
                "reason its members left for.",
                item=item,
                source=CHECK_OUT,
                count=count,
                dimensions=(
                    Dimension(
                        key="by_reason",
                        column="reason",
                        label=N_("by reason for leaving"),
                        ref_kind="leave_reason",
                        exclusive=not fam,
                    ),
                ),
            ),
            StockIndicator(
                key=f"placement.at_end.{unit}",
                label=N_("Families in the centre at the end of the period")
                if fam
                else N_("People in the centre at the end of the period"),
                doc=_BALANCE_DOC + "Stays that still occupy a bed on the night of the last day.",
                item=item,
                sql=_AT_END,
                count=count,
            ),
        ]
    out += [
        StockIndicator(
            key="placement.past_term",
            label=N_("Stays past their term"),
            doc="Stays that occupied a bed on at least one night of the period on or after their "
            "planned end (the stay term in force at check-in, or the approved extension).",
            item=ItemKind.PLACEMENT,
            sql=_PAST_TERM,
        ),
        ValueIndicator(
            key="placement.bed_days",
            label=N_("Bed-days"),
            doc="Nights spent in the centre's beds in the period (sum over bed stays).",
            item=ItemKind.BED_STAY,
            value=_bed_days,
            drill_sql=_BED_STAYS,
        ),
        ValueIndicator(
            key="placement.available_bed_days",
            label=N_("Bed-days available"),
            doc="The centre's beds times the days of the period, less the days beds were "
            "blocked. Beds carry no dates: today's beds are counted for any period.",
            item=ItemKind.BED,
            value=_available,
            drill_sql=_BEDS,
        ),
        ValueIndicator(
            key="placement.occupancy",
            label=N_("Occupancy, %"),
            doc="Bed-days divided by bed-days available, in per cent with one decimal; '—' "
            "when the centre has no beds.",
            item=ItemKind.BED_STAY,
            decimals=1,
            value=_occupancy,
            drill_sql=_BED_STAYS,
        ),
        ValueIndicator(
            key="placement.beds",
            label=N_("Beds"),
            doc="The centre's beds today (beds carry no dates).",
            item=ItemKind.BED,
            value=_beds,
            drill_sql=_BEDS,
        ),
    ]
    return out


def _consultations() -> list[Indicator]:
    def topic(source: Source) -> Dimension:
        return Dimension(
            key="by_topic",
            column="topic",
            label=N_("by topic"),
            ref_kind="consultation_topic",
            exclusive=False,
            source=source,
        )

    def form(exclusive: bool) -> Dimension:
        return Dimension(
            key="by_form",
            column="form",
            label=N_("by form"),
            enum=_enum_labels(Form),
            zeros=True,
            exclusive=exclusive,
        )

    doc = (
        "Legal consultations dated in the period: in person, by phone, or group sessions with "
        "their attendees. A consultation on several topics counts under each of them. "
    )
    return [
        EventIndicator(
            key="consultations.persons",
            label=N_("People consulted"),
            doc=doc + "Different people consulted (a person consulted twice counts once).",
            item=ItemKind.PERSON,
            source=CONSULTED,
            count="person",
            dimensions=(topic(CONSULTED_TOPIC), form(False)),
        ),
        EventIndicator(
            key="consultations.families",
            label=N_("Families consulted"),
            doc=doc + "Different families of the people consulted.",
            item=ItemKind.HOUSEHOLD,
            source=CONSULTED,
            count="household",
        ),
        EventIndicator(
            key="consultations.count",
            label=N_("Consultations held"),
            doc=doc + "Consultations (a group session is one consultation).",
            item=ItemKind.CONSULTATION,
            source=CONSULTATION,
            count="id",
            dimensions=(topic(CONSULTATION_TOPIC), form(True)),
        ),
    ]


def _courses() -> list[Indicator]:
    language_in = "kind IN (" + ", ".join(f"'{k.value}'" for k in LANGUAGE_KINDS) + ")"
    by_language = Dimension(
        key="by_language",
        column="kind",
        label=N_("by language"),
        enum=_enum_labels(LANGUAGE_KINDS),
        zeros=True,
        exclusive=False,
    )
    by_kind = Dimension(
        key="by_kind",
        column="kind",
        label=N_("by kind of course"),
        enum=_enum_labels(CourseKind),
        zeros=True,
        exclusive=False,
    )
    enrolled_doc = (
        "Different people enrolled in a group with an enrolment date in the period; people on a "
        "waiting list are not counted until they get a place (then on the day they do). The "
        "register keeps no history of an enrolment: someone dropped from the waiting list "
        "without ever getting a place counts as enrolled on the day they joined the list. "
    )
    completed_doc = "Different people who completed a course (certificate) dated in the period. "
    dropped_doc = "Different people who left a group (or its waiting list) in the period. "
    out: list[Indicator] = []
    for prefix, where, dims, label_in, label_done, what in (
        (
            "courses",
            "1",
            (by_kind,),
            N_("People enrolled in courses"),
            N_("People who completed courses"),
            "Every kind of course. ",
        ),
        (
            "courses.language",
            language_in,
            (by_language,),
            N_("People enrolled in language courses"),
            N_("People who completed language courses"),
            "Language courses: Kazakh, Russian, other languages. ",
        ),
        (
            "courses.vocational",
            "kind = 'vocational'",
            (by_profession(exclusive=False),),
            N_("People enrolled in vocational training"),
            N_("People who completed vocational training"),
            "Vocational training, by the profession it trains for. ",
        ),
    ):
        out.append(
            EventIndicator(
                key=f"{prefix}.enrolled",
                label=label_in,
                doc=what + enrolled_doc,
                item=ItemKind.PERSON,
                source=ENROLMENT,
                count="person",
                where=where,
                dimensions=dims,
            )
        )
        out.append(
            EventIndicator(
                key=f"{prefix}.completed",
                label=label_done,
                doc=what + completed_doc,
                item=ItemKind.PERSON,
                source=COURSE_RESULT,
                count="person",
                where=f"({where}) AND status = 'completed'",
                dimensions=dims,
            )
        )
    out.append(
        EventIndicator(
            key="courses.dropped",
            label=N_("People who dropped out of courses"),
            doc=dropped_doc,
            item=ItemKind.PERSON,
            source=COURSE_RESULT,
            count="person",
            where="status = 'dropped'",
            dimensions=(by_kind,),
        )
    )
    return out


def _employment() -> list[Indicator]:
    def job_kind(exclusive: bool) -> Dimension:
        return Dimension(
            key="by_job_kind",
            column="job_kind",
            label=N_("by kind of job"),
            enum=_enum_labels(JobKind),
            zeros=True,
            exclusive=exclusive,
        )

    by_target = Dimension(
        key="by_target",
        column="target",
        label=N_("by where referred"),
        enum=_enum_labels(ReferralTarget),
        zeros=True,
        exclusive=False,
    )
    out: list[Indicator] = [
        EventIndicator(
            key="employment.referred",
            label=N_("People referred to a job"),
            doc="Different people referred to the employment centre or to an employer, by the "
            "referral's date; by the kind of job they were referred to.",
            item=ItemKind.PERSON,
            source=REFERRAL,
            count="person",
            dimensions=(by_target, job_kind(False)),
        ),
        EventIndicator(
            key="employment.referrals",
            label=N_("Referrals issued"),
            doc="Referrals dated in the period (a person referred twice counts twice).",
            item=ItemKind.REFERRAL,
            source=REFERRAL,
            count="id",
            dimensions=(
                Dimension(
                    key="by_target",
                    column="target",
                    label=N_("by where referred"),
                    enum=_enum_labels(ReferralTarget),
                    zeros=True,
                ),
                job_kind(True),
            ),
        ),
        EventIndicator(
            key="employment.employed",
            label=N_("People employed"),
            doc="Different people whose referral ended in a job with an employment date in the "
            "period, by the kind of job they got (or were referred to, if not recorded). Jobs "
            "found without a referral from the centre are not in the register.",
            item=ItemKind.PERSON,
            source=EMPLOYMENT,
            count="person",
            dimensions=(job_kind(False), by_profession(exclusive=False)),
        ),
    ]
    for months in FOLLOW_UP_MONTHS:
        base = f"employment.after_{months}_months"
        cond = f"months = {int(months)}"
        doc = (
            f"Follow-ups {months} months after employment that fall due in the period; the "
            "outcome is what staff recorded, whenever they checked. "
        )
        out += [
            EventIndicator(
                key=f"{base}.due",
                label=N_("Follow-ups due {months} months after employment"),
                doc=doc + "All of them, checked or not.",
                item=ItemKind.FOLLOW_UP,
                label_params=(("months", months),),
                source=FOLLOW_UP,
                count="id",
                where=cond,
            ),
            EventIndicator(
                key=f"{base}.employed",
                label=N_("Still employed {months} months after employment"),
                doc=doc + "Checked: still employed.",
                item=ItemKind.FOLLOW_UP,
                label_params=(("months", months),),
                source=FOLLOW_UP,
                count="id",
                where=f"{cond} AND checked_on IS NOT NULL AND still_employed = 1",
            ),
            EventIndicator(
                key=f"{base}.not_employed",
                label=N_("No longer employed {months} months after employment"),
                doc=doc + "Checked: no longer employed.",
                item=ItemKind.FOLLOW_UP,
                label_params=(("months", months),),
                source=FOLLOW_UP,
                count="id",
                where=f"{cond} AND checked_on IS NOT NULL AND still_employed = 0",
            ),
            EventIndicator(
                key=f"{base}.not_checked",
                label=N_("Not checked {months} months after employment"),
                doc=doc + "Not checked yet.",
                item=ItemKind.FOLLOW_UP,
                label_params=(("months", months),),
                source=FOLLOW_UP,
                count="id",
                where=f"{cond} AND checked_on IS NULL",
            ),
        ]
    return out


def _status() -> list[Indicator]:
    out: list[Indicator] = []
    doc = (
        "Steps of a family's case dated in the period (the case-status history: the date of the "
        "application or of the decision). Persons are the family's members in the register now. "
    )
    for status, families, persons in (
        (
            "applied",
            N_("Families applied for kandas status"),
            N_("People applied for kandas status"),
        ),
        ("granted", N_("Families granted kandas status"), N_("People granted kandas status")),
        (
            "extended",
            N_("Families whose status was extended"),
            N_("People whose status was extended"),
        ),
        ("citizenship", N_("Families obtained citizenship"), N_("People obtained citizenship")),
    ):
        units: tuple[tuple[str, Count, ItemKind, str], ...] = (
            ("families", "household", ItemKind.HOUSEHOLD, families),
            ("persons", "person", ItemKind.PERSON, persons),
        )
        for unit, count, item, label in units:
            out.append(
                EventIndicator(
                    key=f"status.{status}.{unit}",
                    label=label,
                    doc=doc,
                    item=item,
                    source=STATUS if unit == "families" else STATUS_MEMBER,
                    count=count,
                    where=f"status = '{status}'",
                )
            )
    missing = (
        "The register does not record it yet (no field for it in any record), so reports show "
        "'—' instead of a figure; it will be counted once the register keeps it."
    )
    out += [
        Indicator(
            key="status.quota.families",
            label=N_("Families included in the regional quota"),
            doc="Inclusion in the regional quota for resettlement. " + missing,
            item=ItemKind.HOUSEHOLD,
            available=False,
        ),
        Indicator(
            key="status.relocation_subsidy.families",
            label=N_("Families paid the relocation subsidy"),
            doc="The one-off relocation subsidy under the regional quota. " + missing,
            item=ItemKind.HOUSEHOLD,
            available=False,
        ),
        Indicator(
            key="status.rent_subsidy.families",
            label=N_("Families paid the rent subsidy"),
            doc="The monthly rent subsidy under the regional quota. " + missing,
            item=ItemKind.HOUSEHOLD,
            available=False,
        ),
    ]
    return out


def all_indicators() -> list[Indicator]:
    return [*_arrivals(), *_placement(), *_consultations(), *_courses(), *_employment(), *_status()]
