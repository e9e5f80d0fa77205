"""Generated rooms, beds and stays for the demo register (called by ``demo.generate``).

The centre's history is simulated in date order over the years of the register: families ask for
a place on or soon after their arrival, get free beds of the right kind of room (family rooms for
families, men's and women's rooms for single adults, children with their mother), stay for a while —
a few weeks, until the stay term of reference data ``stay_term``, or longer after an approved
extension — and leave for one of the reasons of reference data ``leave_reason``; some move to
another room. A bed is taken from the day a stay starts until the day it ends (half-open, as in
``services.placement``) and every bed knows when it is free again, so no two stays of one bed or one
person ever overlap: the database's triggers would refuse them.

How many families want a place, how many beds the centre has and how long people stay are chosen so
that on ``today`` the centre is mostly full — residents, some at the end of their term, a few past
it, some extended, a few families waiting — whatever the size of the register. A big register gets
at most ``MAX_BEDS`` beds and about ``STAY_CAP`` stays, whose families are picked while the register
is generated, so a million people cost a second or two more.

Deterministic for a seed: the choices come from a generator of their own, so the families, people
and documents are the same rows as without placement.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from .domain import AgeGroup, CentreType
from .identity import Sex
from .services.placement import add_months
from .services.placement_queries import ATTENTION_DAYS
from .services.reference import ReferenceData

#: Historical stays (people) at most, however big the register is.
STAY_CAP = 20_000
MIN_BEDS, MAX_BEDS = 12, 300
#: Share of arriving families that ask for a place (while the register is small enough); a small
#: register's families ask a little more often, so that its centre is not empty.
WANT_SHARE = 0.5
WANT_SHARE_SMALL, SMALL_REGISTER = 0.6, 400
#: Families a day asking for a place, at most: a big register's arrivals are thinned to this.
WANT_RATE = 3.2
#: Beds for the people who would be in the centre today if it had room for everyone.
BEDS_PER_RESIDENT = 1.1
#: Occupied share of the beds today that counts as full.
FULL = 0.85
#: Share of short stays (a few weeks) when the centre is not under pressure.
SHORT_SHARE = 0.2
#: The register's span and the skew of arrival dates (``demo._arrival``: back = span * u ** power).
SPAN_DAYS = 10 * 365
ARRIVAL_POWER = 1.6

INF = 10**9

SHORT_REASONS = (
    ("settlement_region", 40),
    ("relatives", 22),
    ("housing", 12),
    ("other", 12),
    ("rules_breach", 6),
    ("emigrated", 4),
)
EARLY_REASONS = (
    ("settlement_region", 38),
    ("housing", 25),
    ("relatives", 15),
    ("other", 10),
    ("rules_breach", 7),
    ("citizenship", 5),
)
TERM_REASONS = (("term_expired", 55), ("housing", 20), ("settlement_region", 20), ("other", 5))
EXTENDED_REASONS = (
    ("housing", 40),
    ("settlement_region", 30),
    ("term_expired", 20),
    ("citizenship", 10),
)
STATUS_REASONS = (("settlement_region", 70), ("housing", 30))

CHECKOUT_NOTES = {
    "settlement_region": (
        "Переехали в регион расселения по квоте",
        "Қоныстану өңіріне көшті",
        "Выданы направление и подъёмные",
    ),
    "housing": ("Получили жильё по программе", "Пәтер жалдады", "Купили дом в пригороде"),
    "relatives": ("Переехали к родственникам", "Туыстарының үйіне көшті"),
    "rules_breach": ("Неоднократное нарушение режима, акт № {n}",),
}
EXTENSION_REASONS = (
    "Ожидание решения о присвоении статуса кандаса",
    "Қандас мәртебесін беру туралы шешімді күтуде",
    "Ожидание жилья по программе переселения",
    "Тұрғын үй кезегінде тұр",
    "Лечение члена семьи",
    "Отбасы мүшесінің емделуі",
    "Дети заканчивают учебный год",
    "Жұмысқа орналасу рәсімделуде",
)
APPROVERS = (
    "Директор Ахметова Г. К.",
    "Директордың орынбасары Омаров Н. Б.",
    "Директор Ахметова Г. К.",
    "И. о. директора Сейітқали Д. Е.",
)
STAFF = ("g.akhmetova", "n.omarov", "d.seitkali", "a.zhumabay", "s.tulegenova", "b.kassym")
BLOCK_REASONS = (
    "Жөндеу",
    "Ремонт",
    "Ремонт кровати",
    "Сантехниканы жөндеу",
    "Дезинфекция",
    "Замена матраса",
    "Төсек ауыстыру",
)
REQUEST_NOTES = (
    "",
    "",
    "",
    "Просят семейную комнату",
    "Отбасылық бөлме сұрайды",
    "Просят место на первом этаже",
    "Бірінші қабаттан орын сұрайды",
)
BIG_FAMILY_NOTES = ("Многодетная семья", "Көпбалалы отбасы")
ROOM_NOTES = {
    "family": ("Мүмкіндігі шектеулі адамдарға бейімделген", "Балконы нет, окна во двор"),
    "women": ("Рядом комната матери и ребёнка",),
    "men": ("",),
}
BUILDINGS = ("А", "Б", "В")


def _pick(table: tuple[tuple[str, int], ...], u: float) -> str:
    total = sum(w for _c, w in table)
    x = u * total
    for code, w in table:
        x -= w
        if x < 0:
            return code
    return table[-1][0]


@dataclass(slots=True)
class Candidate:
    """A family that will ask for a place: what the simulation needs of it."""

    arrival: int  # date ordinal
    num: int
    hid: bytes
    members: tuple[tuple[bytes, str, dt.date], ...]  # person id, sex, birth date
    granted: int | None  # the kandas status (ЦВР houses only families without it)
    citizen: int | None
    u: tuple[float, ...]  # the family's own random numbers: delay, kind of stay, lengths, …


@dataclass(slots=True)
class _Plan:
    start: int
    dep: int  # check-out day (may be after today: still living here)
    pe: int  # planned end by the term
    term_code: str
    exts: list[list[int]]  # [date, previous end, new end]
    reason: str
    move_at: int | None


@dataclass(slots=True)
class _Group:
    """A family's stay: one placement per member, with their bed segments."""

    cand: int
    plan: _Plan
    segs: list[list[list[int]]]  # per member: [bed, start, end]
    staff_in: str
    staff_out: str


@dataclass(slots=True)
class _Room:
    building: str
    floor: int
    number: str
    kind: str
    note: str
    beds: list[int]  # bed indices in position order
    free: set[int] = field(default_factory=set)


class StayPlanner:
    """Collects the families that will ask for a place while ``demo.generate`` makes them."""

    def __init__(self, today: dt.date, families: int, seed: int) -> None:
        self.today = today
        self.t = today.toordinal()
        self.families = max(families, 1)
        self.rng = random.Random(seed * 1_000_003 + 2_718)
        self.cands: list[Candidate] = []
        self.recent: list[tuple[int, int, bytes, int]] = []  # non-candidates who arrived lately

    def want(self, arrival: dt.date) -> float:
        """The chance that a family arriving on ``arrival`` asks for a place."""
        back = max((self.today - arrival).days, 1)
        per_day = (
            self.families
            / ARRIVAL_POWER
            * (back / SPAN_DAYS) ** (1 / ARRIVAL_POWER - 1)
            / SPAN_DAYS
        )
        share = WANT_SHARE_SMALL if self.families < SMALL_REGISTER else WANT_SHARE
        return min(share, WANT_RATE / float(per_day))

    def consider(
        self,
        household: tuple[Any, ...],
        people: list[tuple[Any, ...]],
        statuses: list[tuple[Any, ...]],
    ) -> None:
        """One generated family: its household row, person rows and status rows."""
        arrival = dt.date.fromisoformat(household[2])
        if self.rng.random() >= self.want(arrival):
            if (self.today - arrival).days <= 45:
                self.recent.append((arrival.toordinal(), household[1], household[0], len(people)))
            return
        granted = citizen = None
        for _id, _hid, status, day, *_rest in statuses:
            if status == "granted":
                granted = dt.date.fromisoformat(day).toordinal()
            elif status == "citizenship":
                citizen = dt.date.fromisoformat(day).toordinal()
        rnd = self.rng.random
        self.cands.append(
            Candidate(
                arrival.toordinal(),
                household[1],
                household[0],
                tuple((p[0], p[12], dt.date.fromisoformat(p[13])) for p in people),
                granted,
                citizen,
                tuple(rnd() for _ in range(14)),
            )
        )


@dataclass
class PlacementRows:
    room: list[tuple[Any, ...]] = field(default_factory=list)
    bed: list[tuple[Any, ...]] = field(default_factory=list)
    block: list[tuple[Any, ...]] = field(default_factory=list)
    placement: list[tuple[Any, ...]] = field(default_factory=list)
    bed_stay: list[tuple[Any, ...]] = field(default_factory=list)
    extension: list[tuple[Any, ...]] = field(default_factory=list)
    request: list[tuple[Any, ...]] = field(default_factory=list)

    def write(self, cur: Any) -> None:
        common = "created_at, updated_at, updated_by, centre_id, version, deleted"
        tail = "?,?,'demo',?,1,0"
        cur.executemany(
            f"INSERT INTO room (id, building, floor, number, kind, note, {common}) "
            f"VALUES (?,?,?,?,?,?,{tail})",
            self.room,
        )
        cur.executemany(
            f"INSERT INTO bed (id, room_id, label, position, {common}) VALUES (?,?,?,?,{tail})",
            self.bed,
        )
        cur.executemany(
            f"INSERT INTO bed_block (id, bed_id, start_date, end_date, reason, {common}) "
            f"VALUES (?,?,?,?,?,{tail})",
            self.block,
        )
        cur.executemany(
            f"INSERT INTO placement (id, person_id, household_id, start_date, planned_end, "
            f"term_code, end_date, checkout_reason, checkout_note, checked_in_by, "
            f"checked_out_by, {common}) VALUES (?,?,?,?,?,?,?,?,?,?,?,{tail})",
            self.placement,
        )
        cur.executemany(
            f"INSERT INTO bed_stay (id, placement_id, person_id, bed_id, start_date, end_date, "
            f"moved_by, {common}) VALUES (?,?,?,?,?,?,?,{tail})",
            self.bed_stay,
        )
        cur.executemany(
            f"INSERT INTO placement_extension (id, placement_id, date, previous_end, new_end, "
            f"reason, approved_by, {common}) VALUES (?,?,?,?,?,?,?,{tail})",
            self.extension,
        )
        cur.executemany(
            f"INSERT INTO placement_request (id, household_id, requested_on, people, note, "
            f"closed_on, {common}) VALUES (?,?,?,?,?,?,{tail})",
            self.request,
        )


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def _ts(day: int, hour: int = 10) -> str:
    return f"{_iso(day)} {hour:02d}:00:00.000000"


class _Centre:
    """The simulation: rooms and beds, their free dates, and the stays as they happen."""

    def __init__(
        self,
        planner: StayPlanner,
        ref: ReferenceData,
        centre_type: CentreType,
        seed: float,
    ) -> None:
        self.p = planner
        self.t = planner.t
        self.ref = ref
        self.centre_type = centre_type
        self.rng = random.Random(seed)
        self.rooms: list[_Room] = []
        self.bed_room: list[int] = []
        self.bed_label: list[str] = []
        self.token: list[int] = []
        self.blocks: dict[int, list[tuple[int, int, str]]] = {}
        self.free_total = 0
        self.groups: list[_Group] = []
        self.people_placed = 0
        self.open_requests: list[tuple[int, int]] = []  # (requested on, candidate)
        self.closed_requests: list[tuple[int, int, int]] = []  # (on, closed, candidate)
        self.heap: list[tuple[int, int, int, int, int]] = []
        self.seq = itertools.count()
        self._terms: dict[int, tuple[str, int] | None] = {}
        #: Chance that a family whose term ends about today is still here.
        self.stay_on = 0.85

    # -- terms and plans

    def term(self, day: int) -> tuple[str, int] | None:
        """Code and months of the stay term in force on ``day`` (reference data)."""
        if day not in self._terms:
            item = self.ref.get("stay_term", self.centre_type.value, dt.date.fromordinal(day))
            months = int(item.extra.get("months", 0)) if item is not None else 0
            self._terms[day] = (item.code, months) if item is not None and months > 0 else None
        return self._terms[day]

    def delay(self, c: Candidate) -> int:
        u = c.u[0]
        return 0 if u < 0.55 else 1 + int((u - 0.55) / 0.45 * 14)

    def extensions(
        self, start: int, pe: int, u: tuple[float, ...], second: float
    ) -> list[list[int]]:
        """One extension of one to three months, asked for shortly before the planned end, and
        with the chance ``second`` another one of one or two months."""
        e1 = max(start + 1, pe - 3 - int(u[6] * 23))
        n1 = add_months(dt.date.fromordinal(pe), 1 + int(u[7] * 3)).toordinal()
        exts = [[e1, pe, n1]]
        if u[8] < second:
            e2 = n1 - 3 - int(u[9] * 18)
            exts.append(
                [e2, n1, add_months(dt.date.fromordinal(n1), 1 + int(u[9] * 2)).toordinal()]
            )
        return exts

    def extended_to(self, start: int, pe: int, end: int, u: tuple[float, ...]) -> list[list[int]]:
        """Extensions from ``pe`` to ``end``: one, or two if it is more than three months."""
        if end <= pe:
            return []
        e1 = max(start + 1, pe - 3 - int(u[6] * 23))
        if end - pe <= 92:
            return [[e1, pe, end]]
        n1 = pe + (end - pe) // 2
        e2 = min(self.t, n1 - 3 - int(u[9] * 18))
        return [[e1, pe, n1], [max(e2, e1 + 1), n1, end]]

    def past_term(self, start: int, term_days: int) -> int | None:
        """Days since the term of a stay begun on ``start`` ended, if it is about today."""
        x = self.t - start - term_days
        return x if -ATTENTION_DAYS <= x <= 240 else None

    def plan(self, c: Candidate, start: int, short_share: float) -> _Plan | None:
        """When the family that checks in on ``start`` leaves, and why; its extensions."""
        term = self.term(start)
        if term is None:
            return None
        code, months = term
        u = c.u
        t = self.t
        pe = add_months(dt.date.fromordinal(start), months).toordinal()
        term_days = pe - start
        exts: list[list[int]] = []
        x = self.past_term(start, term_days)
        if x is not None and u[13] < self.stay_on * _staying(x):
            # Families whose term ends about today: in any centre many of them are still there,
            # at the end of the term, extended, or past it.
            end = pe
            if x > 0:
                if u[4] < 0.3:  # overdue, by days or weeks
                    end = max(pe, t - 1 - int(u[7] * 25))
                elif u[4] < 0.6:  # extended until the next days
                    end = t + int(u[7] * (ATTENTION_DAYS + 1))
                else:
                    end = t + ATTENTION_DAYS + 1 + int(u[7] * 75)
                exts = self.extended_to(start, pe, end, u)
            dep = max(t, end) + 1 + int(u[5] * 30)
            reason = "term_expired"
        elif u[1] < short_share:
            dep = start + 5 + int(u[3] * 56)
            reason = _pick(SHORT_REASONS, u[10])
        else:
            late = u[4] < 0.2
            if u[2] < 0.35:  # leaves before the term
                dep = start + 30 + int(u[3] * max(term_days - 40, 1))
                reason = _pick(EARLY_REASONS, u[10])
            elif u[2] < 0.75:  # stays the term
                if late:
                    dep = pe + 1 + int(u[5] * 30)
                    reason = "term_expired"
                else:
                    dep = pe - int(u[5] * 11)
                    reason = _pick(TERM_REASONS, u[10])
            else:  # extended, once or twice
                exts = self.extensions(start, pe, u, 0.25)
                end = exts[-1][2]
                if late:
                    dep = end + 1 + int(u[5] * 20)
                    reason = "term_expired"
                else:
                    dep = end - int(u[5] * 11)
                    reason = _pick(EXTENDED_REASONS, u[10])
        if self.centre_type is CentreType.CVR and c.granted is not None and c.granted < dep:
            dep = c.granted + int(u[5] * 8)  # the status decided, the family moves on
            reason = _pick(STATUS_REASONS, u[10])
        elif c.citizen is not None and start < c.citizen < dep:
            dep = c.citizen + int(u[5] * 10)
            reason = "citizenship"
        elif reason == "citizenship":
            reason = "housing"
        dep = max(dep, start + 1)
        exts = [e for e in exts if e[0] < dep and e[0] <= self.t]
        move_at = None
        if u[11] < 0.1 and dep - start > 20:
            m = start + 7 + int(u[12] * min(83, dep - start - 8))
            if m < dep and m <= self.t:
                move_at = m
        return _Plan(start, dep, pe, code, exts, reason, move_at)

    # -- rooms

    def build_rooms(self, beds_wanted: int) -> None:
        rng = self.rng
        share = {"family": 0.72, "men": 0.14, "women": 0.14}
        have = dict.fromkeys(share, 0)
        rooms: list[tuple[str, int]] = []
        while sum(have.values()) < beds_wanted:
            kind = max(share, key=lambda k: share[k] * beds_wanted - have[k])
            size = rng.choice((4, 4, 4, 5, 5, 6)) if kind == "family" else rng.randint(2, 4)
            rooms.append((kind, size))
            have[kind] += size
        n_buildings = 1 if beds_wanted < 30 else 2 if beds_wanted < 150 else 3
        per_building: list[list[tuple[str, int]]] = [[] for _ in range(n_buildings)]
        for i, r in enumerate(rooms):
            per_building[i % n_buildings].append(r)
        order = {"family": 0, "women": 1, "men": 2}
        notes_left = {k: list(v) for k, v in ROOM_NOTES.items()}
        for b, building in enumerate(per_building):
            building.sort(key=lambda r: order[r[0]])
            per_floor = max(4, min(10, -(-len(building) // 3)))
            for i, (kind, size) in enumerate(building):
                floor = 1 + i // per_floor
                note = ""
                if notes_left[kind] and rng.random() < 0.15:
                    note = notes_left[kind].pop(0)
                room = _Room(BUILDINGS[b], floor, f"{floor}{i % per_floor + 1:02d}", kind, note, [])
                for _pos in range(size):
                    idx = len(self.bed_room)
                    self.bed_room.append(len(self.rooms))
                    self.bed_label.append(str(len(room.beds) + 1))
                    self.token.append(0)
                    room.beds.append(idx)
                    room.free.add(idx)
                self.rooms.append(room)
        self.free_total = len(self.bed_room)

    def block_beds(self) -> None:
        """A couple of beds out of use today, and a few repairs in the past."""
        rng = self.rng
        t = self.t
        beds = list(range(len(self.bed_room)))
        rng.shuffle(beds)
        current = beds[:2]
        self.blocks[current[0]] = [(t - rng.randint(3, 45), INF, rng.choice(BLOCK_REASONS[:2]))]
        self.blocks[current[1]] = [
            (t - rng.randint(1, 20), t + rng.randint(3, 30), rng.choice(BLOCK_REASONS))
        ]
        for bed in beds[2 : 2 + max(1, len(beds) // 50)]:
            start = t - rng.randint(60, 3000)
            self.blocks.setdefault(bed, []).append(
                (start, start + rng.randint(5, 30), rng.choice(BLOCK_REASONS))
            )

    # -- beds

    def usable(self, bed: int, start: int, end: int) -> bool:
        blocks = self.blocks.get(bed)
        return not blocks or all(not (s < end and start < e) for s, e, _r in blocks)

    def free_beds(self, room: _Room, start: int, end: int) -> list[int]:
        return [b for b in sorted(room.free) if self.usable(b, start, end)]

    def take(self, bed: int, until: int) -> None:
        room = self.rooms[self.bed_room[bed]]
        room.free.remove(bed)
        self.free_total -= 1
        self.token[bed] += 1
        if until < INF:
            heapq.heappush(self.heap, (until, 0, next(self.seq), bed, self.token[bed]))

    def release(self, bed: int) -> None:
        room = self.rooms[self.bed_room[bed]]
        if bed not in room.free:
            room.free.add(bed)
            self.free_total += 1

    def _single(self, kind: str, start: int, end: int, exclude: int = -1) -> int | None:
        """A bed in a room of ``kind``, filling the fullest rooms first."""
        best: tuple[int, int] | None = None
        for i, room in enumerate(self.rooms):
            if room.kind != kind or not room.free or i == exclude:
                continue
            n = len(room.free)
            if best is None or n < best[0]:
                beds = self.free_beds(room, start, end)
                if beds:
                    best = (n, beds[0])
        return best[1] if best else None

    def _in_kind(self, kind: str, k: int, start: int, end: int) -> list[int] | None:
        """``k`` beds in rooms of ``kind``: one room if possible, else the emptiest first."""
        options = []
        for room in self.rooms:
            if room.kind == kind and room.free:
                beds = self.free_beds(room, start, end)
                if beds:
                    options.append(beds)
        whole = [b for b in options if len(b) >= k]
        if whole:
            return min(whole, key=len)[:k]
        got: list[int] = []
        for beds in sorted(options, key=len, reverse=True):
            got += beds[: k - len(got)]
            if len(got) == k:
                return got
        return None

    def _family_room(self, n: int, start: int, end: int, exclude: int = -1) -> list[int] | None:
        empty: tuple[int, int, list[int]] | None = None
        shared: tuple[int, int, list[int]] | None = None
        for i, room in enumerate(self.rooms):
            if room.kind != "family" or len(room.free) < n or i == exclude:
                continue
            beds = self.free_beds(room, start, end)
            if len(beds) < n:
                continue
            if len(room.free) == len(room.beds):
                if empty is None or len(room.beds) < empty[0]:
                    empty = (len(room.beds), i, beds)
            elif shared is None or len(beds) < shared[0]:
                shared = (len(beds), i, beds)
        # A room of about the family's size; a small family joins another one rather than take a
        # big room alone; a bigger room as the last resort.
        if empty is not None and empty[0] - n <= 2:
            return empty[2][:n]
        if shared is not None and exclude < 0:
            return shared[2][:n]
        if empty is not None:
            return empty[2][:n]
        return None

    def allocate(self, c: Candidate, start: int, end: int) -> list[int] | None:
        """A bed for every member on ``start``, free until ``end``; None if the centre is full."""
        n = len(c.members)
        if self.free_total < n:
            return None
        day = dt.date.fromordinal(start)
        if n == 1:
            _pid, sex, _birth = c.members[0]
            bed = self._single("men" if sex == Sex.MALE else "women", start, end)
            return [bed] if bed is not None else None
        beds = self._family_room(n, start, end)
        if beds is not None:
            return beds
        if n > 6:  # a big family in two family rooms
            got: list[int] = []
            for room in sorted(self.rooms, key=lambda r: -len(r.beds)):
                if room.kind == "family" and len(room.free) == len(room.beds):
                    got += self.free_beds(room, start, end)[: n - len(got)]
                    if len(got) == n:
                        return got
        # Men to a men's room; women, and the children with them, to a women's room.
        minors = {
            i
            for i, (_p, sex, birth) in enumerate(c.members)
            if self.ref.age_group(birth, Sex(sex), day) is AgeGroup.MINOR
        }
        women = [i for i, m in enumerate(c.members) if m[1] == Sex.FEMALE and i not in minors]
        men = [i for i, m in enumerate(c.members) if m[1] == Sex.MALE and i not in minors]
        (women if women else men).extend(sorted(minors))
        out = [0] * n
        for kind, who in (("men", men), ("women", women)):
            if not who:
                continue
            got_kind = self._in_kind(kind, len(who), start, end)
            if got_kind is None:
                return None
            for i, bed in zip(who, got_kind, strict=True):
                out[i] = bed
        return out

    # -- the simulation

    def run(self, cands: list[Candidate], short_share: float, max_open: int) -> None:
        t = self.t
        for i, c in enumerate(cands):
            start = c.arrival + self.delay(c)
            if start > t:
                self.open_requests.append((c.arrival, i))
            else:
                heapq.heappush(self.heap, (start, 2, next(self.seq), i, c.arrival))
        retries = (7, 14, 30)
        while self.heap:
            day, kind, _s, a, b = heapq.heappop(self.heap)
            if kind == 0:  # a bed frees up (unless someone has taken it since)
                if self.token[a] == b:
                    self.release(a)
            elif kind == 1:
                group = self.groups[a]
                self.move(group, day, cands[group.cand].members)
            else:
                c = cands[a]
                asked = b
                waited = day - asked
                if self.people_placed + len(c.members) > STAY_CAP and day < t - 400:
                    continue  # enough history; the last year is always there
                if (
                    self.centre_type is CentreType.CVR
                    and c.granted is not None
                    and c.granted <= day
                ):
                    continue  # has the status now: not for a temporary placement centre
                plan = self.plan(c, day, short_share)
                if plan is None:
                    continue
                end = plan.dep if plan.dep <= t else INF
                beds = self.allocate(c, day, end)
                if beds is None:
                    tries = sum(1 for r in retries if r <= waited)
                    if tries < len(retries):
                        nxt = asked + retries[tries]
                        if nxt <= t:
                            heapq.heappush(self.heap, (nxt, 2, next(self.seq), a, asked))
                            continue
                        self.open_requests.append((asked, a))
                    elif self.rng.random() < 0.3:
                        gave_up = min(day + self.rng.randint(1, 10), t)
                        self.closed_requests.append((asked, gave_up, a))
                    continue
                self.check_in(a, plan, beds, end, asked if waited > 0 else None)
        self.open_requests.sort(reverse=True)
        del self.open_requests[max_open:]

    def check_in(
        self, cand: int, plan: _Plan, beds: list[int], end: int, waited_since: int | None
    ) -> None:
        for bed in beds:
            self.take(bed, end)
        group = _Group(
            cand,
            plan,
            [[[bed, plan.start, end]] for bed in beds],
            self.rng.choice(STAFF),
            self.rng.choice(STAFF),
        )
        self.groups.append(group)
        self.people_placed += len(beds)
        if plan.move_at is not None:
            heapq.heappush(self.heap, (plan.move_at, 1, next(self.seq), len(self.groups) - 1, 0))
        if waited_since is not None:
            self.closed_requests.append((waited_since, plan.start, cand))

    def move(self, g: _Group, day: int, members: tuple[tuple[bytes, str, dt.date], ...]) -> None:
        """The family moves to another family room (or, if there is none, a grown-up son or
        daughter to a men's or women's room); a resident of a men's or women's room to another."""
        current = [segs[-1][0] for segs in g.segs]
        end = g.segs[0][-1][2]
        rooms = {self.bed_room[b] for b in current}
        here = self.bed_room[current[0]]
        target: list[int] | None = None
        who: list[int] = []
        if len(rooms) == 1 and self.rooms[here].kind == "family":
            target = self._family_room(len(current), day, end, exclude=here)
            who = list(range(len(current)))
            if target is None:
                when = dt.date.fromordinal(day)
                for i in range(len(members) - 1, 0, -1):
                    _pid, sex, birth = members[i]
                    if self.ref.age_group(birth, Sex(sex), when) is AgeGroup.MINOR:
                        continue
                    bed = self._single("men" if sex == Sex.MALE else "women", day, end)
                    if bed is not None:
                        target, who = [bed], [i]
                    break
        else:
            bed = self._single(self.rooms[here].kind, day, end, exclude=here)
            target, who = ([bed], [0]) if bed is not None else (None, [])
        if target is None:
            return
        for i, bed in zip(who, target, strict=True):
            self.release(g.segs[i][-1][0])
            g.segs[i][-1][2] = day
            self.take(bed, end)
            g.segs[i].append([bed, day, end])

    def living(self) -> int:
        """People in the centre's beds today."""
        return sum(len(g.segs) for g in self.groups if g.plan.dep > self.t)

    def shape_today(self) -> None:
        """Make sure today's list has someone past the term and someone at its end, if anyone
        stays beyond the term at all: only planned ends and extensions change, never beds."""
        t = self.t
        living = [g for g in self.groups if g.plan.dep > t]
        beyond = [g for g in living if g.plan.pe < t]  # the term is over: extended or overdue

        def planned(g: _Group) -> int:
            return g.plan.exts[-1][2] if g.plan.exts else g.plan.pe

        def overdue() -> list[_Group]:
            return [g for g in living if planned(g) < t]

        def soon() -> list[_Group]:
            return [g for g in living if t <= planned(g) <= t + ATTENTION_DAYS]

        def extend(g: _Group, new_end: int) -> bool:
            if g.plan.exts:
                if g.plan.exts[-1][1] >= new_end:
                    return False
                g.plan.exts[-1][2] = new_end
            else:
                on = max(g.plan.start + 1, t - self.rng.randint(0, max(0, t - g.plan.pe)))
                g.plan.exts = [[on, g.plan.pe, new_end]]
            return True

        if not overdue():
            for g in beyond:
                if planned(g) > t + ATTENTION_DAYS or len(soon()) > 1:
                    g.plan.exts = []
                    break
        if not soon():
            for g in beyond:
                if overdue() == [g]:
                    continue
                if extend(g, t + self.rng.randint(1, ATTENTION_DAYS)):
                    break
        if len(beyond) >= 3 and not any(g.plan.exts for g in living):
            for g in beyond:
                if overdue() == [g]:
                    continue
                if extend(g, t + self.rng.randint(20, 60)):
                    break

    # -- rows

    def rows(
        self,
        cands: list[Candidate],
        recent: list[tuple[int, int, bytes, int]],
        uid: Any,
        centre: bytes | None,
        min_open: int,
    ) -> PlacementRows:
        t = self.t
        rng = self.rng
        out = PlacementRows()
        opened = _ts(t - SPAN_DAYS - 1, 9)
        room_ids = []
        for room in self.rooms:
            rid = uid()
            room_ids.append(rid)
            out.room.append(
                (
                    rid,
                    room.building,
                    room.floor,
                    room.number,
                    room.kind,
                    room.note,
                    opened,
                    opened,
                    centre,
                )
            )
        bed_ids: list[bytes] = []
        for i, room_i in enumerate(self.bed_room):
            bid = uid()
            bed_ids.append(bid)
            pos = self.rooms[room_i].beds.index(i)
            out.bed.append((bid, room_ids[room_i], self.bed_label[i], pos, opened, opened, centre))
        for bed, blocks in self.blocks.items():
            for start, end, why in blocks:
                out.block.append(
                    (
                        uid(),
                        bed_ids[bed],
                        _iso(start),
                        None if end >= INF else _iso(end),
                        why,
                        _ts(start, 9),
                        _ts(start, 9),
                        centre,
                    )
                )
        for g in self.groups:
            c = cands[g.cand]
            plan = g.plan
            closed = plan.dep <= t
            planned = plan.exts[-1][2] if plan.exts else plan.pe
            reason: str | None = plan.reason if closed else None
            note = ""
            if closed and rng.random() < 0.3 and plan.reason in CHECKOUT_NOTES:
                note = rng.choice(CHECKOUT_NOTES[plan.reason]).format(n=rng.randint(1, 99))
            changed = max([plan.start] + [e[0] for e in plan.exts] + ([plan.dep] if closed else []))
            for (pid, _sex, _birth), segs in zip(c.members, g.segs, strict=True):
                plid = uid()
                out.placement.append(
                    (
                        plid,
                        pid,
                        c.hid,
                        _iso(plan.start),
                        _iso(planned),
                        plan.term_code,
                        _iso(plan.dep) if closed else None,
                        reason,
                        note,
                        g.staff_in,
                        g.staff_out if closed else "",
                        _ts(plan.start),
                        _ts(changed),
                        centre,
                    )
                )
                for k, (bed, start, end) in enumerate(segs):
                    last = k == len(segs) - 1
                    stop = None if last and not closed else (plan.dep if last else end)
                    out.bed_stay.append(
                        (
                            uid(),
                            plid,
                            pid,
                            bed_ids[bed],
                            _iso(start),
                            None if stop is None else _iso(stop),
                            g.staff_in if k == 0 else STAFF[(g.cand + start) % len(STAFF)],
                            _ts(start),
                            _ts(start if stop is None else stop),
                            centre,
                        )
                    )
                for on, previous, new in plan.exts:
                    out.extension.append(
                        (
                            uid(),
                            plid,
                            _iso(on),
                            _iso(previous),
                            _iso(new),
                            EXTENSION_REASONS[(g.cand + on) % len(EXTENSION_REASONS)],
                            APPROVERS[(g.cand + on) % len(APPROVERS)],
                            _ts(on, 11),
                            _ts(on, 11),
                            centre,
                        )
                    )
        requests: list[tuple[int, int | None, bytes, int]] = [
            (on, None, cands[i].hid, len(cands[i].members)) for on, i in self.open_requests
        ]
        if len(requests) < min_open:
            waiting = {r[2] for r in requests}
            for arrival, _num, hid, people in sorted(recent, reverse=True):
                if len(requests) >= min_open:
                    break
                if hid not in waiting:
                    requests.append((arrival, None, hid, people))
        requests += [
            (on, closed, cands[i].hid, len(cands[i].members))
            for on, closed, i in self.closed_requests
        ]
        requests.sort(key=lambda r: (r[0], r[2]))
        for on, closed_on, hid, people in requests:
            out.request.append(
                (
                    uid(),
                    hid,
                    _iso(on),
                    people,
                    rng.choice(BIG_FAMILY_NOTES if people >= 6 else REQUEST_NOTES),
                    None if closed_on is None else _iso(closed_on),
                    _ts(on, 12),
                    _ts(on if closed_on is None else closed_on, 12),
                    centre,
                )
            )
        return out


def build(
    planner: StayPlanner,
    ref: ReferenceData,
    centre_type: CentreType,
    uid: Any,
    centre: bytes | None,
) -> PlacementRows:
    """Rooms, beds, blocked beds, stays, extensions and the waiting list, as rows to insert."""
    seed = planner.rng.random()
    sim = _Centre(planner, ref, centre_type, seed)
    t = planner.t
    cands = sorted(planner.cands, key=lambda c: (c.arrival, c.num))
    # How many people would live here today if there were room for all: the centre's size.
    present = nights = people = 0
    lately = 0.0
    first = t
    for c in cands:
        start = c.arrival + sim.delay(c)
        plan = sim.plan(c, start, SHORT_SHARE) if start <= t else None
        if plan is None:
            continue
        n = len(c.members)
        people += n
        nights += n * (min(plan.dep, t) - start)
        first = min(first, start)
        if plan.dep > t:
            present += n
        x = sim.past_term(start, plan.pe - start)
        if x is not None:
            lately += n * _staying(x)
    beds = max(MIN_BEDS, min(MAX_BEDS, round(present * BEDS_PER_RESIDENT)))
    # Those still here at the end of their term or after it take a third of the beds at most.
    sim.stay_on = min(sim.stay_on, 0.3 * beds / max(lately, 1.0))
    # A centre asked for more than it has moves families on sooner; about STAY_CAP stays at most.
    capacity = beds * max(t - first, 1) * 0.9
    short_share = SHORT_SHARE
    pressed = nights > capacity and people > 0
    if pressed:
        mean = nights / people
        target = capacity / min(people, 0.92 * STAY_CAP)
        short_mean, long_mean = _means(sim, cands, t)
        natural = SHORT_SHARE * short_mean + (1 - SHORT_SHARE) * long_mean
        target = max(target, natural * capacity / nights, 1.0)
        if target < mean and long_mean > short_mean:
            short_share = min(
                0.95, max(SHORT_SHARE, (long_mean - target) / (long_mean - short_mean))
            )

    def simulate(beds: int) -> _Centre:
        out = _Centre(planner, ref, centre_type, seed)
        out.stay_on = sim.stay_on
        out.build_rooms(beds)
        out.block_beds()
        out.run(cands, short_share, max_open=3 + len(out.bed_room) // 25)
        return out

    centre_sim = simulate(beds)
    # Families do not fill rooms exactly: if that leaves too many beds free today, the centre is
    # a smaller one (its history is simulated again with fewer beds).
    living = centre_sim.living()
    if not pressed and living < FULL * len(centre_sim.bed_room) and beds > MIN_BEDS:
        centre_sim = simulate(max(MIN_BEDS, round(living / FULL)))
    centre_sim.shape_today()
    n_beds = len(centre_sim.bed_room)
    return centre_sim.rows(cands, planner.recent, uid, centre, min_open=2 + n_beds // 60)


def _staying(past_term: int) -> float:
    """How likely a family is still here, relative to others, this many days after its term."""
    return 1.0 if past_term <= 90 else 0.6 if past_term <= 160 else 0.35


def _means(sim: _Centre, cands: list[Candidate], t: int) -> tuple[float, float]:
    """Mean nights of a short and of a long stay (people-weighted), before today."""
    sums = [0.0, 0.0]
    counts = [0, 0]
    for c in cands:
        start = c.arrival + sim.delay(c)
        if start > t:
            continue
        for k, share in ((0, 1.0), (1, 0.0)):
            plan = sim.plan(c, start, share)
            if plan is not None:
                sums[k] += len(c.members) * (min(plan.dep, t) - start)
                counts[k] += len(c.members)
    return (sums[0] / max(counts[0], 1), sums[1] / max(counts[1], 1))
