"""Realistic generated families for training, demonstrations and benchmarks.

Deterministic for a seed: the same seed on an empty database gives the same rows, UUIDs included.
Proportions follow ``domain.md`` §3 (countries of origin, age groups, education of working-age
adults). It writes in bulk with ``executemany`` — a million people in a few minutes — keeping every
invariant the intake service keeps (exchange columns, status history, search index); the audit log
gets one entry per generated family instead of one per field. A centre without rooms also gets its
rooms, beds and years of stays (``demo_placement``), and a register without services its years of
consultations, courses and employment (``demo_services``), and its recent families their
adaptation plans, linked to those services (``demo_plans``).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .db.base import uuid7_from
from .db.database import Database
from .demo_placement import ARRIVAL_POWER, SPAN_DAYS, StayPlanner
from .demo_placement import build as build_placement
from .demo_plans import build as build_plans
from .demo_plans import has_plans
from .demo_services import build as build_services
from .demo_services import has_services
from .domain import CentreType
from .identity import Sex, make_iin
from .names import Scheme, fold_kazakh, transliterate
from .services.reference import ReferenceData
from .services.search import index_text

MALE_NAMES = [
    "Ерлан",
    "Нұрлан",
    "Ерболат",
    "Дәулет",
    "Қуаныш",
    "Бауыржан",
    "Ғалым",
    "Төлеген",
    "Еркебұлан",
    "Ұлан",
    "Жәнібек",
    "Серікқали",
    "Нұржан",
    "Мейіржан",
    "Дархан",
    "Ерасыл",
    "Қанат",
    "Бекзат",
    "Асқар",
    "Сұлтан",
    "Тоқтар",
    "Өмірзақ",
    "Құдайберген",
    "Хамит",
    "Айбек",
    "Алмас",
    "Арман",
    "Асхат",
    "Бақыт",
    "Болат",
    "Ғабит",
    "Дамир",
    "Ербол",
    "Жандос",
    "Жасұлан",
    "Зейнолла",
    "Ильяс",
    "Қайрат",
    "Қасым",
    "Мұрат",
    "Нұрсұлтан",
    "Олжас",
    "Рахат",
    "Самат",
    "Серік",
    "Талғат",
    "Тимур",
    "Ұлықбек",
    "Шыңғыс",
    "Әділет",
    "Әлібек",
    "Байжан",
    "Темірлан",
    "Ахмет",
    "Мұхаммед",
    "Жақсылық",
    "Бекжан",
    "Сәкен",
    "Рүстем",
    "Абылай",
    "Әли",
    "Арыстан",
    "Исатай",
]
FEMALE_NAMES = (
    (
        "Айгерім Гүлнар Жанерке Мөлдір Ақбота Сәуле Шынар Әсем Күлпаш Аружан Ботагөз Айдана Жұлдыз "
        "Зарина Әйгерім Ұлпан Інжу Жанар Ұлжан Айгүл Әлия Гүлмира Дана Динара Жаннат Жібек Камила "
        "Қарлығаш Ләззат Мадина Мәдина Назерке Нұргүл Перизат Райхан Салтанат Сымбат Тоғжан Толқын "
        "Ұлдана Фариза Şолпан Ақерке Балжан Гүлжан Дариға Қамар Күләш Нәзира Роза Сания Анар Әсел"
    )
    .replace("Ş", "Ш")
    .split()
)
SURNAME_ROOTS = [
    "Ахмет",
    "Сейітқали",
    "Нұрмағамбет",
    "Жақсылық",
    "Оспан",
    "Омар",
    "Әбдірахман",
    "Байжан",
    "Сәрсен",
    "Төлеу",
    "Жұмабай",
    "Қасым",
    "Тоқтар",
    "Ерғали",
    "Мұқан",
    "Бекмұхамбет",
    "Әлімжан",
    "Серік",
    "Нұрлан",
    "Қайырбек",
    "Исабек",
    "Жантас",
    "Құрманбай",
    "Досмағамбет",
    "Есенгелді",
    "Ибрай",
    "Мырзахмет",
    "Тұрсын",
    "Әбіл",
    "Бақытжан",
    "Қожахмет",
    "Садық",
    "Шәріп",
    "Тәжібай",
    "Абдолла",
    "Әмір",
    "Бегалы",
    "Дүйсен",
    "Ермек",
    "Жорабек",
    "Кенжебек",
    "Мақаш",
    "Нұртаза",
    "Өтеміс",
    "Рысбек",
    "Сұлтанбек",
    "Тілеу",
    "Үсен",
    "Хасен",
    "Шалабай",
    "Ыбырай",
    "Әуелбек",
    "Байғабыл",
    "Жетпісбай",
    "Қалиақпар",
    "Маратбек",
    "Сағындық",
]

# Countries of origin: 2025 release for recent arrivals, 1991–2013 seed shares for earlier ones.
ORIGIN_RECENT = (
    ("UZ", 45.7),
    ("CN", 42.1),
    ("MN", 4.5),
    ("TM", 3.2),
    ("RU", 2.0),
    ("KG", 1.0),
    ("TJ", 0.6),
    ("AF", 0.4),
    ("IR", 0.3),
    ("TR", 0.2),
)
ORIGIN_EARLY = (
    ("UZ", 61.0),
    ("CN", 14.0),
    ("MN", 9.5),
    ("TM", 7.0),
    ("RU", 4.8),
    ("KG", 1.5),
    ("TJ", 0.9),
    ("AF", 0.5),
    ("IR", 0.5),
    ("TR", 0.3),
)
SCHEME_BY_COUNTRY = {"UZ": Scheme.UZBEK, "CN": Scheme.PINYIN_LIKE, "TR": Scheme.TURKISH}
HOME_LANGUAGE = {
    "UZ": "uz",
    "CN": "zh",
    "MN": "mn",
    "TM": "tk",
    "RU": "ru",
    "KG": "ky",
    "TJ": "tg",
    "AF": "fa",
    "IR": "fa",
    "TR": "tr",
}
PASSPORT_PREFIX = {
    "UZ": "FA",
    "CN": "E",
    "MN": "E",
    "TM": "A",
    "RU": "75",
    "KG": "AC",
    "TJ": "401",
    "AF": "P0",
    "IR": "K",
    "TR": "U",
}
# Education of working-age adults (2025 release): higher, secondary special, general, none.
EDUCATION = (
    ("higher", 13.0),
    ("master", 2.3),
    ("tvet", 26.4),
    ("post_secondary", 2.0),
    ("general_secondary", 46.6),
    ("basic_secondary", 4.0),
    ("none", 5.7),
)
SETTLEMENT = (
    ("39", 12),
    ("55", 12),
    ("11", 10),
    ("10", 8),
    ("63", 8),
    ("59", 10),
    ("23", 6),
    ("27", 6),
    ("47", 8),
    ("61", 8),
    ("31", 4),
    ("19", 4),
    ("75", 2),
    ("71", 2),
)
PROFESSIONS = (
    "driver",
    "teacher",
    "livestock_breeder",
    "builder",
    "seamstress",
    "cook",
    "salesperson",
    "welder",
    "tractor_driver",
    "nurse",
    "farmer",
    "unskilled_worker",
    "accountant",
    "electrician",
    "doctor",
    "engineer",
    "shepherd",
    "hairdresser",
    "mechanic",
    "kindergarten_teacher",
    "homemaker",
    "no_profession",
)


@dataclass(frozen=True)
class DemoResult:
    families: int
    people: int


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    codes = [c for c, _w in table]
    weights = [w for _c, w in table]
    return rng.choices(codes, weights)[0]


class _Gen:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.iin_serial = 0
        # UUIDv7 timestamps advance one millisecond a record, so keys are inserted in order
        # (random keys would make every index insert a random B-tree page write).
        self.clock = int(dt.datetime(today.year, today.month, today.day).timestamp() * 1000)
        self._bits = self.rng.getrandbits

    def uid(self, _when: dt.date | None = None) -> bytes:
        self.clock += 1
        return uuid7_from(self.clock, self._bits(80)).bytes

    def birth(self, arrival: dt.date, min_age: float, max_age: float) -> dt.date:
        days = int(self.rng.uniform(min_age, max_age) * 365.25)
        b = arrival - dt.timedelta(days=days)
        return max(b, dt.date(1925, 1, 1))

    def iin(self, birth: dt.date, sex: Sex) -> str:
        while True:
            self.iin_serial = (self.iin_serial + 1) % 10000
            value = make_iin(birth, sex, self.iin_serial)
            if value is not None:
                return value


def generate(
    db: Database,
    families: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
    chunk: int = 5000,
    services: bool = True,
    plans: bool = True,
) -> DemoResult:
    """Add ``families`` generated families to ``db``; returns how many families and people."""
    gen = _Gen(seed, today or dt.date.today())
    centre = db.centre_id.bytes if db.centre_id else None
    people_total = 0
    ref = ReferenceData.load(db)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        cur = raw.cursor()
        cur.execute("PRAGMA cache_size=-524288")  # 512 MB while loading, for index pages
        # Rooms and stays only for a centre that has none yet (a second run adds families only).
        planner = (
            None
            if cur.execute(
                "SELECT EXISTS (SELECT 1 FROM room) OR EXISTS (SELECT 1 FROM placement)"
            ).fetchone()[0]
            else StayPlanner(gen.today, families, seed)
        )
        row = cur.execute("SELECT centre_type FROM centre WHERE id = ?", (centre,)).fetchone()
        centre_type = CentreType(row[0]) if row else CentreType.CAIO
        last = cur.execute("SELECT max(id) FROM person").fetchone()[0]
        if last is not None:
            gen.clock = max(gen.clock, int.from_bytes(last[:6], "big"))
        next_h = cur.execute("SELECT coalesce(max(num), 0) + 1 FROM household").fetchone()[0]
        next_p = cur.execute("SELECT coalesce(max(num), 0) + 1 FROM person").fetchone()[0]
        used_iins = {r[0] for r in cur.execute("SELECT iin FROM person WHERE iin IS NOT NULL")}
        done = 0
        while done < families:
            n = min(chunk, families - done)
            rows = _Rows()
            for _i in range(n):
                people, statuses = len(rows.person), len(rows.status)
                next_p = _family(gen, rows, next_h, next_p, centre, used_iins)
                next_h += 1
                if planner is not None:
                    planner.consider(
                        rows.household[-1], rows.person[people:], rows.status[statuses:]
                    )
            cur.execute("BEGIN IMMEDIATE")
            try:
                rows.write(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            people_total += len(rows.person)
            done += n
            if progress:
                progress(done, families)
        if planner is not None:
            placement = build_placement(planner, ref, centre_type, gen.uid, centre)
            cur.execute("BEGIN IMMEDIATE")
            try:
                placement.write(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        # Consultations, courses and employment of the whole register, once (``demo_services``).
        if services and not has_services(cur):
            _done, gen.clock = build_services(cur, ref, gen.today, seed, gen.clock, centre)
        # Adaptation plans of the recent families, linked to those services (``demo_plans``).
        if plans and not has_plans(cur):
            _planned, gen.clock = build_plans(cur, ref, gen.today, seed, gen.clock, centre)
        cur.close()
    return DemoResult(families, people_total)


class _Rows:
    def __init__(self) -> None:
        self.household: list[tuple[Any, ...]] = []
        self.status: list[tuple[Any, ...]] = []
        self.person: list[tuple[Any, ...]] = []
        self.document: list[tuple[Any, ...]] = []
        self.language: list[tuple[Any, ...]] = []
        self.search: list[tuple[int, str]] = []
        self.audit: list[tuple[Any, ...]] = []

    def write(self, cur: Any) -> None:
        common = "created_at, updated_at, updated_by, centre_id, version, deleted"
        cur.executemany(
            f"INSERT INTO household (id, num, arrival_date, origin_country, previous_country, "
            f"settlement_region, address, phone, notes, head_id, status, status_date, {common}) "
            f"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'demo',?,1,0)",
            self.household,
        )
        cur.executemany(
            f"INSERT INTO person (id, num, household_id, position, relation, surname, given_name, "
            f"patronymic, surname_latin, given_name_latin, patronymic_latin, sort_key, sex, "
            f"birth_date, iin, citizenship, ethnic_kazakh, education, profession, disability, "
            f"phone, {common}) VALUES "
            f"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'demo',?,1,0)",
            self.person,
        )
        cur.executemany(
            f"INSERT INTO status_change (id, household_id, status, date, document_number, note, "
            f"{common}) VALUES (?,?,?,?,?,'',?,?,'demo',?,1,0)",
            self.status,
        )
        cur.executemany(
            f"INSERT INTO person_document (id, person_id, doc_type, number, number_norm, issuer, "
            f"issue_date, expiry_date, {common}) VALUES (?,?,?,?,?,?,?,?,?,?,'demo',?,1,0)",
            self.document,
        )
        cur.executemany(
            f"INSERT INTO person_language (id, person_id, language, level, {common}) "
            f"VALUES (?,?,?,?,?,?,'demo',?,1,0)",
            self.language,
        )
        cur.executemany("INSERT INTO person_search (rowid, keys) VALUES (?, ?)", self.search)
        cur.executemany(
            "INSERT INTO audit_log (id, at, user, centre_id, table_name, record_id, action, "
            "changes) VALUES (?,?,'demo',?,'household',?,'insert',?)",
            self.audit,
        )


def _arrival(gen: _Gen) -> dt.date:
    # More arrivals in recent years; the register covers the last ten years.
    back = int(SPAN_DAYS * (gen.rng.random() ** ARRIVAL_POWER))
    return gen.today - dt.timedelta(days=back + 1)


def _family(
    gen: _Gen,
    rows: _Rows,
    hnum: int,
    pnum: int,
    centre: bytes | None,
    used_iins: set[str],
) -> int:
    rng = gen.rng
    arrival = _arrival(gen)
    recent = arrival.year >= 2014
    origin = _weighted(rng, ORIGIN_RECENT if recent else ORIGIN_EARLY)
    scheme = SCHEME_BY_COUNTRY.get(origin, Scheme.KZ_ID)
    hid = gen.uid(arrival)
    ts = f"{arrival.isoformat()} 10:00:00.000000"
    surname_root = rng.choice(SURNAME_ROOTS)
    kazakh_style = rng.random() < 0.35  # -ұлы/-қызы surnames instead of -ов/-ова

    # Case status by time since arrival.
    days = (gen.today - arrival).days
    statuses: list[tuple[str, dt.date, str]] = [("arrived", arrival, "")]
    if days > 20 and rng.random() < 0.93:
        d = arrival + dt.timedelta(days=rng.randint(7, min(days - 1, 60)))
        statuses.append(("applied", d, ""))
        g = d + dt.timedelta(days=rng.randint(35, 50))
        if g < gen.today and rng.random() < 0.95:
            statuses.append(("granted", g, f"{rng.randint(1, 9999)}-Қ"))
            ext = g + dt.timedelta(days=365)
            citizen_after = g + dt.timedelta(days=rng.randint(300, 1500))
            while ext < gen.today and ext < citizen_after:
                statuses.append(("extended", ext, f"{rng.randint(1, 9999)}-Қ"))
                ext += dt.timedelta(days=365)
            if citizen_after < gen.today and rng.random() < 0.85:
                statuses.append(("citizenship", citizen_after, f"№{rng.randint(1000, 99999)}"))
    status, status_date, _doc = statuses[-1]
    has_kz_id = status in ("granted", "extended", "citizenship")

    members: list[tuple[str, Sex, dt.date]] = []
    head_sex = Sex.MALE if rng.random() < 0.82 else Sex.FEMALE
    shape = rng.random()
    if shape < 0.12:  # single person
        members.append(("head", head_sex, gen.birth(arrival, 18, 70)))
    else:
        head_birth = gen.birth(arrival, 24, 62)
        members.append(("head", head_sex, head_birth))
        if head_sex is Sex.MALE or rng.random() < 0.3:
            spouse_sex = Sex.FEMALE if head_sex is Sex.MALE else Sex.MALE
            members.append(
                ("spouse", spouse_sex, head_birth + dt.timedelta(days=rng.randint(-800, 2200)))
            )
        head_age = (arrival - head_birth).days / 365.25
        kids = (
            rng.choices((0, 1, 2, 3, 4, 5), (8, 20, 30, 24, 12, 6))[0]
            if head_age < 55
            else rng.randint(0, 2)
        )
        for _k in range(kids):
            lo = max(0.1, head_age - 42)
            hi = max(lo + 0.5, head_age - 19)
            b = gen.birth(arrival, lo, hi)
            sex = Sex.MALE if rng.random() < 0.51 else Sex.FEMALE
            members.append(("son" if sex is Sex.MALE else "daughter", sex, b))
        if head_age < 45 and rng.random() < 0.22:
            members.append(("mother", Sex.FEMALE, gen.birth(arrival, head_age + 20, head_age + 34)))
            if rng.random() < 0.5:
                members.append(
                    ("father", Sex.MALE, gen.birth(arrival, head_age + 23, head_age + 38))
                )

    given_names = [
        rng.choice(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES) for _r, sex, _b in members
    ]
    fathers = [
        given_names[i]
        for i, (r, sex, _b) in enumerate(members)
        if r in ("head", "spouse") and sex is Sex.MALE
    ]
    children_father = fathers[0] if fathers else rng.choice(MALE_NAMES)
    head_father = rng.choice(MALE_NAMES)
    head_id = None
    for pos, (relation, sex, birth) in enumerate(members):
        birth = min(birth, arrival)
        given = given_names[pos]
        same_root = relation in ("head", "son", "daughter", "father") or (
            relation == "spouse" and head_sex is Sex.FEMALE
        )
        root = surname_root if same_root else rng.choice(SURNAME_ROOTS)
        if relation in ("son", "daughter"):
            dad_name = children_father
        elif relation == "head":
            dad_name = head_father
        else:
            dad_name = rng.choice(MALE_NAMES)
        if kazakh_style and relation not in ("spouse", "mother"):
            surname = root + ("ұлы" if sex is Sex.MALE else "қызы")
        else:
            surname = _ov(root, sex)
        patronymic = (
            (dad_name + ("ұлы" if sex is Sex.MALE else "қызы")) if rng.random() < 0.75 else ""
        )
        pid = gen.uid(arrival)
        if relation == "head":
            head_id = pid
        iin = None
        if has_kz_id or rng.random() < 0.08:
            iin = gen.iin(birth, sex)
            while iin in used_iins:
                iin = gen.iin(birth, sex)
            used_iins.add(iin)
        age = (arrival - birth).days / 365.25
        education = None
        profession = None
        if age >= 16:
            education = (
                _weighted(rng, EDUCATION)
                if age < 70
                else rng.choice(("none", "general_secondary", "basic_secondary"))
            )
            profession = rng.choice(PROFESSIONS) if age < 63 else None
        elif age >= 7:
            education = "primary" if age < 12 else "basic_secondary"
        disability = rng.choice(("group1", "group2", "group3")) if rng.random() < 0.025 else None
        citizenship = "KZ" if status == "citizenship" else origin
        latin = [transliterate(x, scheme) if x else "" for x in (surname, given, patronymic)]
        if scheme is Scheme.PINYIN_LIKE:
            latin[2] = ""
        phone = (
            f"+7 7{rng.randint(0, 7)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            if age >= 18 and rng.random() < 0.7
            else ""
        )
        rows.person.append(
            (
                pid,
                pnum,
                hid,
                pos,
                relation,
                surname,
                given,
                patronymic,
                latin[0],
                latin[1],
                latin[2],
                fold_kazakh(f"{surname} {given}"),
                sex.value,
                birth.isoformat(),
                iin,
                citizenship,
                1 if relation not in ("spouse",) or rng.random() < 0.9 else 0,
                education,
                profession,
                disability,
                phone,
                ts,
                ts,
                centre,
            )
        )
        doc_numbers: list[str] = []
        if age >= 14 or rng.random() < 0.5:
            number = PASSPORT_PREFIX.get(origin, "N") + str(rng.randint(1000000, 9999999))
            issued = birth + dt.timedelta(
                days=int(max(age - rng.uniform(0, min(age, 9)), 0.1) * 365.25)
            )
            issued = (
                min(issued, arrival - dt.timedelta(days=30))
                if issued > birth + dt.timedelta(days=60)
                else birth + dt.timedelta(days=30)
            )
            rows.document.append(
                (
                    gen.uid(arrival),
                    pid,
                    "foreign_passport",
                    number,
                    number,
                    "",
                    issued.isoformat(),
                    (issued + dt.timedelta(days=3652)).isoformat(),
                    ts,
                    ts,
                    centre,
                )
            )
            doc_numbers.append(number)
        else:
            number = f"{rng.choice('ABCDEFG')}{rng.randint(100000, 999999)}"
            rows.document.append(
                (
                    gen.uid(arrival),
                    pid,
                    "birth_cert_foreign",
                    number,
                    number,
                    "",
                    birth.isoformat(),
                    None,
                    ts,
                    ts,
                    centre,
                )
            )
            doc_numbers.append(number)
        if iin and age >= 16 and status_date <= gen.today:
            number = str(rng.randint(40000000, 59999999)).zfill(9)
            issued = max(status_date, birth + dt.timedelta(days=16 * 366))
            if issued <= gen.today:
                rows.document.append(
                    (
                        gen.uid(arrival),
                        pid,
                        "kz_id",
                        number,
                        number,
                        "ІІМ",
                        issued.isoformat(),
                        (issued + dt.timedelta(days=3652)).isoformat(),
                        ts,
                        ts,
                        centre,
                    )
                )
                doc_numbers.append(number)
        home = HOME_LANGUAGE.get(origin, "other")
        rows.language.append(
            (
                gen.uid(arrival),
                pid,
                "kk",
                "native" if rng.random() < 0.8 else "fluent",
                ts,
                ts,
                centre,
            )
        )
        if age >= 5:
            rows.language.append(
                (
                    gen.uid(arrival),
                    pid,
                    home,
                    rng.choice(("fluent", "native", "intermediate")),
                    ts,
                    ts,
                    centre,
                )
            )
            if home != "ru" and rng.random() < 0.45:
                rows.language.append(
                    (
                        gen.uid(arrival),
                        pid,
                        "ru",
                        rng.choice(("basic", "intermediate", "fluent")),
                        ts,
                        ts,
                        centre,
                    )
                )
        rows.search.append(
            (pnum, index_text((surname, given, patronymic, *latin), iin, doc_numbers))
        )
        pnum += 1

    region = _weighted(rng, tuple((c, float(w)) for c, w in SETTLEMENT))
    if arrival < dt.date(2022, 6, 8) and region in ("10", "33", "62"):
        region = {"10": "63", "33": "19", "62": "35"}[region]
    if arrival < dt.date(2018, 6, 19) and region == "79":
        region = "61"
    previous = origin if rng.random() < 0.92 else rng.choice(("RU", "KG", "TR"))
    rows.household.append(
        (
            hid,
            hnum,
            arrival.isoformat(),
            origin,
            previous,
            region,
            "",
            "",
            "",
            head_id,
            status,
            status_date.isoformat(),
            ts,
            ts,
            centre,
        )
    )
    for st, d, docnum in statuses:
        sts = f"{d.isoformat()} 10:00:00.000000"
        rows.status.append((gen.uid(d), hid, st, d.isoformat(), docnum, sts, sts, centre))
    rows.audit.append(
        (
            gen.uid(arrival),
            ts,
            centre,
            hid,
            json.dumps({"source": "demo-data", "members": len(members)}),
        )
    )
    return pnum


def _ov(root: str, sex: Sex) -> str:
    """Russian-style surname from a Kazakh root: Жұмабай → Жұмабаев, Есенгелді → Есенгелдиев."""
    last = root[-1]
    if last == "й":
        stem = root[:-1] + "ев"
    elif last in "іыи":
        stem = root[:-1] + "иев"
    elif last in "аеә":
        stem = root + "ев"
    else:
        stem = root + "ов"
    return stem + ("а" if sex is Sex.FEMALE else "")
