"""The list of residents as a definition file, like the monitoring reports: ``definitions/
residents.json`` names the title (kk, ru, with ``{date}`` for the day in official style) and the
columns in order, each a field of the list with its kk and ru heading and its width in mm (``null``
for the one column that takes the rest of the page and wraps, the name as shipped). A centre's own
version (kept in its settings, ``report.definition.residents``) reorders, drops or relabels them
without a new release; ``residents.py`` renders whichever is in force.

The fields:

``number``        the line's number, 1, 2, …
``room``          building / room
``bed``           the bed's label
``name``          surname, given name and patronymic
``birth_date``    date of birth
``household``     the family's register number
``check_in``      the day the stay began
``planned_end``   the stay's planned end
``days_left``     days from the list's day to the planned end (negative when overdue)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from oralman_desk.db.database import Database
from oralman_desk.formatting import short_date
from oralman_desk.i18n import N_
from oralman_desk.services.centre import CentreService
from oralman_desk.services.errors import Problem
from oralman_desk.services.placement_queries import Resident

from .definitions import (
    FOLDER,
    MSG_NO_COLUMNS,
    MSG_STRUCTURE,
    MSG_TITLE,
    RESIDENTS,
    SETTING_PREFIX,
    DefinitionError,
    Text,
    bilingual,
    read_json,
)

PATH: Final = FOLDER / f"{RESIDENTS}.json"
SETTING: Final = SETTING_PREFIX + RESIDENTS

MSG_FIELD: Final = N_("Column {column}: unknown field “{value}”; the list knows {known}.")
MSG_FIELD_TWICE: Final = N_("Column {column}: the field “{value}” is already in the list.")
MSG_HEADING: Final = N_("Column {column}: the heading needs both its Kazakh and Russian text.")
MSG_WIDTH: Final = N_(
    "Column {column}: the width must be a number of millimetres from 5 to 100, or null."
)
MSG_FLEXIBLE: Final = N_("Exactly one column has no width (null): it takes the rest of the page.")

Cell = Callable[[int, Resident, dt.date, str], str]

#: Each field: how a line shows it, and whether it is right-aligned, centred or left-aligned.
FIELDS: Final[dict[str, tuple[Cell, str]]] = {
    "number": (lambda n, _r, _d, _lg: str(n), "right"),
    "room": (lambda _n, r, _d, _lg: f"{r.building} / {r.room}", "centre"),
    "bed": (lambda _n, r, _d, _lg: r.bed, "centre"),
    "name": (lambda _n, r, _d, _lg: r.name, "left"),
    "birth_date": (lambda _n, r, _d, lg: short_date(r.birth_date, lg), "centre"),
    "household": (lambda _n, r, _d, _lg: str(r.household_num), "centre"),
    "check_in": (lambda _n, r, _d, lg: short_date(r.start_date, lg), "centre"),
    "planned_end": (lambda _n, r, _d, lg: short_date(r.planned_end, lg), "centre"),
    "days_left": (lambda _n, r, d, _lg: str((r.planned_end - d).days), "right"),
}


@dataclass(frozen=True)
class ListColumn:
    field: str
    heading: Text
    width: float | None  # mm; None: the rest of the page

    def cell(self, number: int, resident: Resident, day: dt.date, lang: str) -> str:
        return FIELDS[self.field][0](number, resident, day, lang)

    @property
    def align(self) -> str:
        return FIELDS[self.field][1]


@dataclass(frozen=True)
class ListDefinition:
    title: Text  # with {date}
    columns: tuple[ListColumn, ...]
    origin: str = "shipped"


def parse_list(data: object, origin: str = "centre") -> ListDefinition:
    """A list definition from its JSON text or parsed object; ``DefinitionError`` lists every
    problem (an unknown field is named)."""
    data = read_json(data)
    if not isinstance(data, Mapping) or not isinstance(data.get("columns"), list):
        raise DefinitionError([Problem("columns", MSG_STRUCTURE, {"where": "columns"})])
    problems: list[Problem] = []
    title = bilingual(data.get("title"))
    if title is None:
        problems.append(Problem("title", MSG_TITLE))
    columns: list[ListColumn] = []
    seen: set[str] = set()
    for n, raw in enumerate(data["columns"], 1):
        if not isinstance(raw, Mapping):
            problems.append(Problem("columns", MSG_STRUCTURE, {"where": f"columns[{n}]"}))
            continue
        field = raw.get("field")
        heading = bilingual(raw.get("label"))
        width = raw.get("width")
        if field not in FIELDS:
            known = ", ".join(FIELDS)
            problems.append(
                Problem("columns", MSG_FIELD, {"column": n, "value": field, "known": known})
            )
        elif field in seen:
            problems.append(Problem("columns", MSG_FIELD_TWICE, {"column": n, "value": field}))
        if heading is None:
            problems.append(Problem("columns", MSG_HEADING, {"column": n}))
        if width is not None and (
            isinstance(width, bool) or not isinstance(width, int | float) or not 5 <= width <= 100
        ):
            problems.append(Problem("columns", MSG_WIDTH, {"column": n}))
            width = None
        if isinstance(field, str) and field in FIELDS and heading is not None:
            seen.add(field)
            columns.append(ListColumn(field, heading, None if width is None else float(width)))
    if not data["columns"]:
        problems.append(Problem("columns", MSG_NO_COLUMNS))
    elif not problems and sum(c.width is None for c in columns) != 1:
        problems.append(Problem("columns", MSG_FLEXIBLE))
    if problems:
        raise DefinitionError(problems, RESIDENTS)
    assert title is not None
    return ListDefinition(title, tuple(columns), origin)


def to_dict(defn: ListDefinition) -> dict[str, Any]:
    return {
        "format": 1,
        "key": RESIDENTS,
        "kind": "list",
        "period": "day",
        "title": defn.title.as_dict(),
        "columns": [
            {"field": c.field, "label": c.heading.as_dict(), "width": c.width} for c in defn.columns
        ],
    }


def shipped_list() -> ListDefinition:
    return parse_list(PATH.read_text(encoding="utf-8"), "shipped")


def residents_definition(db: Database | None) -> ListDefinition:
    """The centre's own list of residents if it made one, else the shipped one."""
    if db is not None:
        raw = CentreService(db).get_setting(SETTING)
        if raw:
            return parse_list(raw, "centre")
    return shipped_list()


def save_residents_definition(db: Database, defn: ListDefinition) -> ListDefinition:
    """Validate and keep the centre's own list of residents."""
    checked = parse_list(to_dict(defn), "centre")
    CentreService(db).set_setting(SETTING, json.dumps(to_dict(checked), ensure_ascii=False))
    return checked


def reset_residents_definition(db: Database) -> None:
    """Back to the shipped list (the setting is emptied; settings are never deleted)."""
    CentreService(db).set_setting(SETTING, "")


def cells(
    defn: ListDefinition, rows: Sequence[Resident], day: dt.date, lang: str
) -> tuple[list[str], list[list[str]]]:
    """The headings and the lines of the list in ``lang``."""
    headings = [c.heading.get(lang) for c in defn.columns]
    body = [[c.cell(n, r, day, lang) for c in defn.columns] for n, r in enumerate(rows, 1)]
    return headings, body
