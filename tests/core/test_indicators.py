"""Indicators against counts made by hand: a centre with a known history (``report_world``), and
every indicator and breakdown — all those the shipped reports name, and the rest — for March 2026,
January to March 2026 and March 2025, compared with what the notes of that history say."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import CaseStatus, CourseKind
from oralman_desk.indicators import (
    REGISTRY,
    UnknownIndicator,
    all_keys,
    compute,
    dimension_values,
    drill_down,
    resolve,
)
from oralman_desk.periods import Period
from oralman_desk.services.placement import add_months
from reports.definitions import shipped

from .report_world import COLUMNS, PERIOD, World, open_world

Expected = tuple[float | None, dict[str, float]]
LANGUAGE = {CourseKind.KAZAKH, CourseKind.RUSSIAN, CourseKind.OTHER_LANGUAGE}


@pytest.fixture(scope="module")
def world_db(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path
) -> Iterator[tuple[Database, World]]:
    db, world = open_world(tmp_path_factory.mktemp("world"), template_db)
    yield db, world
    db.close()


def within(day: dt.date | None, p: Period) -> bool:
    return day is not None and p.start <= day <= p.end


def tally(items: Iterable[tuple[object, str]]) -> Expected:
    """Distinct items, and distinct items per value."""
    pairs = set(items)
    total = len({item for item, _ in pairs})
    per: Counter[str] = Counter(value for _, value in pairs)
    return float(total), {k: float(v) for k, v in per.items() if v}


class Expect:
    """What each indicator should give, counted over the world's notes in Python."""

    def __init__(self, w: World) -> None:
        self.w = w
        self.table: dict[str, Callable[[Period], Expected]] = {}
        self._arrivals()
        self._placement()
        self._consultations()
        self._courses()
        self._employment()
        self._status()

    def add(self, key: str, fn: Callable[[Period], Iterable[tuple[object, str]]]) -> None:
        self.table[key] = lambda p: tally(fn(p))

    # -- arrivals

    def _arrivals(self) -> None:
        w = self.w

        def members(p: Period, group: str | None = None) -> list[tuple[Any, Any]]:
            out = []
            for fam in w.families.values():
                if not within(fam.arrival, p):
                    continue
                for m in fam.members:
                    age = w.ref.age_group(m.birth, m.sex, fam.arrival).value
                    if group is None or age == group:
                        out.append((fam, m))
            return out

        def edu_group(code: str | None) -> str:
            item = w.ref.get("education_level", code) if code else None
            return str(item.extra.get("report_group", "")) if item else ""

        self.add("arrived.families", lambda p: [(f.name, "") for f, _m in members(p)])
        self.add(
            "arrived.families.by_country", lambda p: [(f.name, f.country) for f, _ in members(p)]
        )
        self.add("arrived.families.by_region", lambda p: [(f.name, "") for f, _ in members(p)])
        for key, group in (
            ("arrived.persons", None),
            ("arrived.minors", "minor"),
            ("arrived.working_age", "working"),
            ("arrived.pension_age", "pension"),
        ):
            self.add(key, lambda p, g=group: [(m.name, "") for _, m in members(p, g)])
            self.add(
                f"{key}.by_sex",
                lambda p, g=group: [(m.name, m.sex.value) for _, m in members(p, g)],
            )
            self.add(
                f"{key}.by_education",
                lambda p, g=group: [(m.name, m.education or "") for _, m in members(p, g)],
            )
            self.add(
                f"{key}.by_education_group",
                lambda p, g=group: [(m.name, edu_group(m.education)) for _, m in members(p, g)],
            )
            self.add(
                f"{key}.by_profession",
                lambda p, g=group: [(m.name, m.profession or "") for _, m in members(p, g)],
            )
        self.add(
            "arrived.persons.by_country", lambda p: [(m.name, f.country) for f, m in members(p)]
        )
        self.add(
            "arrived.persons.by_month",
            lambda p: [(m.name, f"{f.arrival.month:02d}") for f, m in members(p)],
        )
        self.add(
            "arrived.persons.by_age_group",
            lambda p: [
                (m.name, w.ref.age_group(m.birth, m.sex, f.arrival).value) for f, m in members(p)
            ],
        )

    # -- placement

    def _placement(self) -> None:
        w = self.w
        months = int(w.ref.get("stay_term", "caio", PERIOD.start).extra["months"])  # type: ignore[union-attr]

        def at_start(p: Period) -> list[Any]:
            return [s for s in w.stays if s.start < p.start and (s.end is None or s.end >= p.start)]

        def at_end(p: Period) -> list[Any]:
            return [s for s in w.stays if s.start <= p.end and (s.end is None or s.end > p.end)]

        def nights(s: Any, p: Period) -> int:
            first = max(s.start, p.start)
            stop = min(s.end or p.end + dt.timedelta(days=1), p.end + dt.timedelta(days=1))
            return max(0, (stop - first).days)

        for unit in ("persons", "families"):

            def key(s: Any, u: str = unit) -> object:
                return s.placement if u == "persons" else w.family_of(s.person)

            self.add(
                f"placement.at_start.{unit}", lambda p, k=key: [(k(s), "") for s in at_start(p)]
            )
            self.add(f"placement.at_end.{unit}", lambda p, k=key: [(k(s), "") for s in at_end(p)])
            self.add(
                f"placement.checked_in.{unit}",
                lambda p, k=key: [(k(s), "") for s in w.stays if within(s.start, p)],
            )
            self.add(
                f"placement.checked_out.{unit}",
                lambda p, k=key: [(k(s), "") for s in w.stays if within(s.end, p)],
            )
            self.add(
                f"placement.checked_out.{unit}.by_reason",
                lambda p, k=key: [(k(s), s.reason) for s in w.stays if within(s.end, p)],
            )

        def past_term(p: Period) -> list[tuple[object, str]]:
            out: list[tuple[object, str]] = []
            for s in w.stays:
                planned = add_months(s.start, months)
                last_night = (s.end or dt.date.max) - dt.timedelta(days=1)
                if planned <= p.end and last_night >= max(planned, p.start):
                    out.append((s.placement, ""))
            return out

        self.add("placement.past_term", past_term)
        self.table["placement.bed_days"] = lambda p: (
            float(sum(nights(s, p) for s in w.stays)),
            {},
        )
        self.table["placement.available_bed_days"] = lambda p: (float(w.beds * p.days), {})
        self.table["placement.beds"] = lambda p: (float(w.beds), {})
        self.table["placement.occupancy"] = lambda p: (
            round(100 * sum(nights(s, p) for s in w.stays) / (w.beds * p.days), 1),
            {},
        )

    # -- consultations

    def _consultations(self) -> None:
        w = self.w

        def each(p: Period) -> list[tuple[Any, str, str]]:
            return [
                (c, person, topic)
                for c in w.consults
                if within(c.day, p)
                for person in c.people
                for topic in c.topics
            ]

        self.add("consultations.persons", lambda p: [(n, "") for _c, n, _t in each(p)])
        self.add("consultations.persons.by_topic", lambda p: [(n, t) for _c, n, t in each(p)])
        self.add(
            "consultations.persons.by_form", lambda p: [(n, c.form.value) for c, n, _ in each(p)]
        )
        self.add(
            "consultations.families", lambda p: [(w.family_of(n), "") for _c, n, _t in each(p)]
        )
        self.add("consultations.count", lambda p: [(c.id, "") for c, _n, _t in each(p)])
        self.add("consultations.count.by_topic", lambda p: [(c.id, t) for c, _n, t in each(p)])
        self.add(
            "consultations.count.by_form", lambda p: [(c.id, c.form.value) for c, _, _ in each(p)]
        )

    # -- courses

    def _courses(self) -> None:
        w = self.w
        kinds: dict[str, Callable[[Any], bool]] = {
            "courses": lambda st: True,
            "courses.language": lambda st: st.kind in LANGUAGE,
            "courses.vocational": lambda st: st.kind is CourseKind.VOCATIONAL,
        }
        dims = {"courses": "by_kind", "courses.language": "by_language"}
        for prefix, ok in kinds.items():
            for event, day_of, status_ok in (
                ("enrolled", lambda st: st.enrolled_on, lambda st: True),
                ("completed", lambda st: st.result, lambda st: st.status == "completed"),
            ):

                def rows(p: Period, ok=ok, day_of=day_of, status_ok=status_ok) -> list[Any]:  # type: ignore[no-untyped-def]
                    return [
                        st for st in w.studies if ok(st) and status_ok(st) and within(day_of(st), p)
                    ]

                self.add(f"{prefix}.{event}", lambda p, r=rows: [(st.person, "") for st in r(p)])
                dim = dims.get(prefix)
                if dim:
                    self.add(
                        f"{prefix}.{event}.{dim}",
                        lambda p, r=rows: [(st.person, st.kind.value) for st in r(p)],
                    )
                else:
                    self.add(
                        f"{prefix}.{event}.by_profession",
                        lambda p, r=rows: [(st.person, st.profession or "") for st in r(p)],
                    )
        dropped = lambda p: [  # noqa: E731
            st for st in w.studies if st.status == "dropped" and within(st.result, p)
        ]
        self.add("courses.dropped", lambda p: [(st.person, "") for st in dropped(p)])
        self.add(
            "courses.dropped.by_kind", lambda p: [(st.person, st.kind.value) for st in dropped(p)]
        )

    # -- employment

    def _employment(self) -> None:
        w = self.w

        def referred(p: Period) -> list[Any]:
            return [j for j in w.jobs if within(j.day, p)]

        def employed(p: Period) -> list[Any]:
            return [j for j in w.jobs if within(j.employed_on, p)]

        self.add("employment.referred", lambda p: [(j.person, "") for j in referred(p)])
        self.add(
            "employment.referred.by_target",
            lambda p: [(j.person, j.target.value) for j in referred(p)],
        )
        self.add(
            "employment.referred.by_job_kind",
            lambda p: [(j.person, j.job_kind.value) for j in referred(p)],
        )
        self.add("employment.referrals", lambda p: [(j.id, "") for j in referred(p)])
        self.add(
            "employment.referrals.by_target",
            lambda p: [(j.id, j.target.value) for j in referred(p)],
        )
        self.add(
            "employment.referrals.by_job_kind",
            lambda p: [(j.id, j.job_kind.value) for j in referred(p)],
        )
        self.add("employment.employed", lambda p: [(j.person, "") for j in employed(p)])
        self.add(
            "employment.employed.by_job_kind",
            lambda p: [(j.person, j.kind.value) for j in employed(p)],
        )
        self.add(
            "employment.employed.by_profession", lambda p: [(j.person, "") for j in employed(p)]
        )
        for months in (3, 6):
            for outcome, ok in (
                ("due", lambda s: True),
                ("employed", lambda s: s is True),
                ("not_employed", lambda s: s is False),
                ("not_checked", lambda s: s is None),
            ):
                self.add(
                    f"employment.after_{months}_months.{outcome}",
                    lambda p, m=months, ok=ok: [
                        ((j.id, m), "")
                        for j in w.jobs
                        if m in j.follow_ups
                        and within(j.follow_ups[m][0], p)
                        and ok(j.follow_ups[m][1])
                    ],
                )

    # -- status

    def _status(self) -> None:
        w = self.w
        for status in ("applied", "granted", "extended", "citizenship"):

            def steps(p: Period, s: str = status) -> list[str]:
                return [f for f, st, day in w.steps if st is CaseStatus(s) and within(day, p)]

            self.add(f"status.{status}.families", lambda p, f=steps: [(n, "") for n in f(p)])
            self.add(
                f"status.{status}.persons",
                lambda p, f=steps: [(m.name, "") for n in f(p) for m in w.families[n].members],
            )
        for key in ("status.quota.families", "status.relocation_subsidy.families",
                    "status.rent_subsidy.families"):  # fmt: skip
            self.table[key] = lambda p: (None, {})


@pytest.fixture(scope="module")
def expect(world_db: tuple[Database, World]) -> Expect:
    return Expect(world_db[1])


def test_every_indicator_of_the_shipped_reports_is_checked_here(expect: Expect) -> None:
    used = {key for defn in shipped().values() for key in defn.indicators()}
    assert used <= set(expect.table), sorted(used - set(expect.table))
    assert set(all_keys()) <= set(expect.table), sorted(set(all_keys()) - set(expect.table))


def test_every_figure_matches_the_count_made_by_hand(
    world_db: tuple[Database, World], expect: Expect
) -> None:
    db, _world = world_db
    figures = compute(db, all_keys(), COLUMNS)
    wrong = []
    for key in all_keys():
        for column, fig in zip(COLUMNS, figures[key], strict=True):
            total, values = expect.table[key](column)
            got_values = {k: v for k, v in fig.values.items() if v}
            if fig.total != total or (resolve(key)[1] is not None and got_values != values):
                wrong.append((key, column.code, (fig.total, got_values), (total, values)))
    assert not wrong, "\n".join(map(str, wrong))


def test_the_known_figures_of_march(world_db: tuple[Database, World]) -> None:
    """A few figures written out, so that a mistake shared by the hand count and the SQL shows."""
    db, _w = world_db
    f = {k: v[0] for k, v in compute(db, all_keys(), [PERIOD]).items()}
    assert f["arrived.families"].total == 2 and f["arrived.persons"].total == 8
    assert dict(f["arrived.persons.by_age_group"].values) == {
        "minor": 2,  # a3, and b3 a day short of 16
        "working": 4,  # a1, a2, b1 a day short of 63, b4 exactly 16
        "pension": 2,  # a4, and b2 exactly 63
    }
    assert dict(f["arrived.working_age.by_education_group"].values) == {
        "higher": 1,
        "secondary_special": 1,
        "general_secondary": 2,
    }
    assert [
        f[f"placement.{k}.persons"].total
        for k in ("at_start", "checked_in", "checked_out", "at_end")
    ] == [3, 4, 2, 5]
    assert f["placement.bed_days"].total == 9 + 31 + 31 + 26 + 26 + 25 + 7
    assert f["placement.occupancy"].total == 41.7
    assert f["placement.past_term"].total == 2
    assert f["consultations.persons"].total == 4 and f["consultations.count"].total == 3
    assert f["courses.language.enrolled"].total == 4  # a4 waits for a place: not counted
    assert dict(f["courses.language.enrolled.by_language"].values) == {"kazakh": 3, "russian": 2}
    assert f["employment.referred"].total == 2 and f["employment.referrals"].total == 3
    assert f["employment.after_3_months.employed"].total == 1
    assert f["employment.after_6_months.not_employed"].total == 1
    assert f["status.applied.families"].total == 2 and f["status.applied.persons"].total == 5
    assert f["status.quota.families"].total is None


def test_placement_balances(world_db: tuple[Database, World]) -> None:
    db, _w = world_db
    keys = [f"placement.{k}.persons" for k in ("at_start", "checked_in", "checked_out", "at_end")]
    for month in range(1, 13):
        p = Period.month(2025 if month > 6 else 2026, month)
        start, came, left, end = (compute(db, keys, [p])[k][0].total for k in keys)
        assert start + came - left == end, p  # type: ignore[operator]


def test_drill_down_lists_the_people_behind_a_figure(world_db: tuple[Database, World]) -> None:
    db, w = world_db
    women = drill_down(db, "arrived.persons.by_sex", PERIOD, "F")
    assert {r.item for r in women.rows} == {w.pid("a2"), w.pid("a4"), w.pid("b4")}
    assert women.item_kind == "person"
    consulted = drill_down(db, "consultations.persons.by_topic", PERIOD, "documents")
    assert {r.item for r in consulted.rows} == {w.pid(n) for n in ("a1", "d1", "c1")}
    at_end = drill_down(db, "placement.at_end.persons", PERIOD)
    assert {r.person for r in at_end.rows} == {w.pid(n) for n in ("f1", "c1", "a1", "a2", "b1")}
    families = drill_down(db, "arrived.families", PERIOD)
    assert {r.item for r in families.rows} == {w.families["F1"].id, w.families["F2"].id}
    assert drill_down(db, "status.quota.families", PERIOD).rows == ()
    figures = compute(db, all_keys(), [PERIOD])
    for key in all_keys():
        ind, dim = resolve(key)
        if (
            dim is None
            and ind.available
            and key
            not in (
                "placement.bed_days",
                "placement.available_bed_days",
                "placement.occupancy",
                "placement.beds",
            )
        ):
            assert drill_down(db, key, PERIOD).count == figures[key][0].total, key


def test_breakdown_values_are_labelled_from_reference_data(
    world_db: tuple[Database, World],
) -> None:
    _db, w = world_db
    _ind, dim = resolve("arrived.persons.by_country")
    assert dim is not None
    labels = dimension_values(dim, w.ref, PERIOD.end, {"CN", "UZ", ""})
    assert [(v.code, v.kk, v.ru) for v in labels][:2] == [
        ("UZ", "Өзбекстан", "Узбекистан"),
        ("CN", "Қытай", "Китай"),
    ]
    assert labels[-1].code == "" and labels[-1].ru
    _ind, sex = resolve("arrived.persons.by_sex")
    assert sex is not None
    assert [v.code for v in dimension_values(sex, w.ref, PERIOD.end)] == ["M", "F"]


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(UnknownIndicator):
        resolve("arrived.camels")
    with pytest.raises(UnknownIndicator):
        resolve("arrived.persons.by_camel")
    assert "arrived.persons" in REGISTRY and all(i.doc for i in REGISTRY.values())


def test_the_age_rule_in_sql_is_the_registers(world_db: tuple[Database, World]) -> None:
    """Around every bound (16 years, the pension age by sex and year), leap days included."""
    import sqlite3

    from oralman_desk.identity import Sex
    from oralman_desk.indicators.catalogue import age_group_sql

    _db, w = world_db
    sql = "SELECT " + age_group_sql(w.ref, ":d", ":b", ":s", PERIOD.end)
    con = sqlite3.connect(":memory:")
    days = [dt.date(2017, 12, 31), dt.date(2018, 1, 1), dt.date(2024, 2, 29), dt.date(2026, 3, 31)]
    days += [dt.date(2028, 2, 29), dt.date(2030, 7, 15), dt.date(2032, 1, 1)]
    checked = 0
    for day in days:
        for sex in Sex:
            for years in (16, 58, 59, 60, 61, 62, 63):
                for delta in range(-3, 4):
                    birth = dt.date(day.year - years, day.month, min(day.day, 28))
                    birth += dt.timedelta(days=delta + max(0, day.day - 28))
                    got = con.execute(sql, {"d": day.isoformat(), "b": birth.isoformat(),
                                            "s": sex.value}).fetchone()[0]  # fmt: skip
                    assert got == w.ref.age_group(birth, sex, day).value, (day, birth, sex)
                    checked += 1
    assert checked == len(days) * 2 * 7 * 7
