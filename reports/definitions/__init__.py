"""Report definitions: a report is data (README.md in this folder), not code.

The shipped definitions are the JSON files beside this module (``monthly``, ``quarterly``,
``yearly``). A centre makes its own by copying one, reordering, dropping or relabelling rows, and
saving it under a new key: it is kept in the database's settings (``report.definition.<key>``), so
it travels with the database and its backups and needs no new release. ``residents`` is the list of
residents on a day (``reports/residents.py``), a report in code: its key is reserved.

Every definition is validated when it is read or saved: a row naming an indicator this version
does not know, a label without its Kazakh or Russian text, an unknown column… each problem is
reported with where it is, in the user's language, and the definition is refused as a whole.
Nothing here touches Qt or reportlab.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final, Literal

from oralman_desk.db.database import Database
from oralman_desk.i18n import N_, translate
from oralman_desk.indicators import UnknownIndicator, resolve
from oralman_desk.periods import PeriodKind
from oralman_desk.services.centre import CentreService
from oralman_desk.services.errors import Problem

FORMAT: Final = 1
FOLDER: Final = Path(__file__).resolve().parent
SETTING_PREFIX: Final = "report.definition."
RESIDENTS: Final = "residents"
COLUMNS: Final = ("period", "year_to_date", "same_period_last_year")
ORIENTATIONS: Final = ("portrait", "landscape")
MAX_INDENT: Final = 3
KEY_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")

MSG_JSON: Final = N_("The report definition is not valid JSON: {error}.")
MSG_FORMAT: Final = N_(
    "The report definition has format {value}; this version of the program reads format {format}."
)
MSG_KEY: Final = N_(
    "The report key “{value}” is not valid: use small Latin letters, digits, “-” and “_”."
)
MSG_TITLE: Final = N_("The report's title needs both its Kazakh and its Russian text.")
MSG_PERIOD: Final = N_("Unknown period kind “{value}”: use month, quarter, year, range or day.")
MSG_ORIENTATION: Final = N_("Unknown page orientation “{value}”: use portrait or landscape.")
MSG_COLUMN: Final = N_(
    "Unknown column “{value}”: use period, year_to_date or same_period_last_year."
)
MSG_COLUMN_TWICE: Final = N_("The column “{value}” is named twice.")
MSG_NO_COLUMNS: Final = N_("The report has no columns.")
MSG_NO_ROWS: Final = N_("The report has no rows.")
MSG_SECTION_TITLE: Final = N_(
    "Section {section}: the title needs both its Kazakh and Russian text."
)
MSG_ROW_LABEL: Final = N_(
    "Section {section}, row {row}: the label needs both its Kazakh and Russian text."
)
MSG_UNKNOWN: Final = N_("Section {section}, row {row}: unknown indicator “{indicator}”.")
MSG_INDENT: Final = N_(
    "Section {section}, row {row}: the indent is a whole number from 0 to {max}."
)
MSG_NOT_BREAKDOWN: Final = N_(
    "Section {section}, row {row}: “{indicator}” is not a breakdown, so it has no values to list."
)
MSG_NO_REST: Final = N_(
    "Section {section}, row {row}: the values of “{indicator}” overlap (one person can count "
    "under several), so there can be no row for the rest."
)
MSG_STRUCTURE: Final = N_("The report definition is not laid out as expected: {where}.")
MSG_RESERVED: Final = N_(
    "The key “{value}” belongs to a report that comes with the program: save the copy under "
    "another key."
)
MSG_NOT_FOUND: Final = N_("There is no report “{value}”.")
MSG_CHART_ROW: Final = N_(
    "Chart {chart}: “{indicator}” is not a breakdown row of this report, so there is nothing to draw."
)
MSG_CHART_COLUMN: Final = N_("Chart {chart}: the report has no column “{value}”.")
MSG_CHART_KIND: Final = N_("Chart {chart}: unknown kind “{value}”: use bar or pie.")
MSG_CHART_TITLE: Final = N_("Chart {chart}: the title needs both its Kazakh and Russian text.")
CHART_KINDS: Final = ("bar", "pie")


@dataclass(frozen=True)
class Text:
    """A label in both languages (data of the definition, not a gettext message)."""

    kk: str
    ru: str

    def get(self, lang: str) -> str:
        return self.kk if lang == "kk" else self.ru

    def as_dict(self) -> dict[str, str]:
        return {"kk": self.kk, "ru": self.ru}


@dataclass(frozen=True)
class RowDef:
    indicator: str  # an indicator key, or a breakdown key ("arrived.persons.by_country")
    label: Text
    indent: int = 0
    #: Breakdowns only: the values (codes) to list, in this order (by default every value with a
    #: figure, or every value of the classifier for breakdowns like sex and age group).
    values: tuple[str, ...] | None = None
    #: Breakdowns only: a row for the values not listed (exclusive breakdowns only).
    rest: Text | None = None
    #: Breakdowns only: list values with nothing to count too (by default the breakdown decides).
    zeros: bool | None = None
    #: Breakdowns only: print the total on the heading line as well.
    total: bool = False


@dataclass(frozen=True)
class SectionDef:
    title: Text
    rows: tuple[RowDef, ...]


Origin = Literal["shipped", "centre"]


@dataclass(frozen=True)
class ChartDef:
    """A chart drawn under the table from one breakdown row's values in one column."""

    row: str  # the breakdown's indicator key, e.g. "arrived.persons.by_month"
    column: str  # "period", "year_to_date", …
    kind: str  # "bar" or "pie"
    title: Text


@dataclass(frozen=True)
class ReportDefinition:
    key: str
    title: Text
    period: PeriodKind
    orientation: str  # "portrait" or "landscape"
    columns: tuple[str, ...]
    sections: tuple[SectionDef, ...]
    based_on: str | None = None
    origin: Origin = "shipped"
    charts: tuple[ChartDef, ...] = ()

    def indicators(self) -> list[str]:
        return list(dict.fromkeys(r.indicator for s in self.sections for r in s.rows))


class DefinitionError(ValueError):
    """A definition that cannot be used; ``problems`` say what and where."""

    def __init__(self, problems: Sequence[Problem], key: str = "") -> None:
        self.problems = list(problems)
        self.key = key
        super().__init__("; ".join(p.message("ru") for p in self.problems))

    def messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.problems]


# ---- reading and validating ----------------------------------------------------------------------


def bilingual(value: object) -> Text | None:
    """A ``{"kk": …, "ru": …}`` object with both texts given, else None."""
    if not isinstance(value, Mapping):
        return None
    kk, ru = value.get("kk"), value.get("ru")
    if not isinstance(kk, str) or not isinstance(ru, str) or not kk.strip() or not ru.strip():
        return None
    return Text(kk.strip(), ru.strip())


def read_json(data: object) -> object:
    """A definition's JSON text parsed (an object already parsed is returned as it is)."""
    if isinstance(data, str | bytes):
        try:
            return json.loads(data)
        except ValueError as exc:
            raise DefinitionError([Problem("json", MSG_JSON, {"error": str(exc)})]) from exc
    return data


def parse(data: object, origin: Origin = "centre") -> ReportDefinition:
    """A definition from its JSON text or the parsed object; raises ``DefinitionError`` with every
    problem found."""
    data = read_json(data)
    problems: list[Problem] = []

    def structure(where: str) -> DefinitionError:
        return DefinitionError([Problem(where, MSG_STRUCTURE, {"where": where})])

    if not isinstance(data, Mapping):
        raise structure("{…}")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise DefinitionError([Problem("format", MSG_FORMAT, {"value": fmt, "format": FORMAT})])
    key = data.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        problems.append(Problem("key", MSG_KEY, {"value": key}))
    title = bilingual(data.get("title"))
    if title is None:
        problems.append(Problem("title", MSG_TITLE))
    period_raw = data.get("period", "month")
    try:
        period = PeriodKind(str(period_raw))
    except ValueError:
        problems.append(Problem("period", MSG_PERIOD, {"value": period_raw}))
        period = PeriodKind.MONTH
    orientation = data.get("orientation", "portrait")
    if orientation not in ORIENTATIONS:
        problems.append(Problem("orientation", MSG_ORIENTATION, {"value": orientation}))
    raw_columns = data.get("columns", ["period", "year_to_date"])
    if not isinstance(raw_columns, list):
        raise structure("columns")
    columns: list[str] = []
    for c in raw_columns:
        if c not in COLUMNS:
            problems.append(Problem("columns", MSG_COLUMN, {"value": c}))
        elif c in columns:
            problems.append(Problem("columns", MSG_COLUMN_TWICE, {"value": c}))
        else:
            columns.append(c)
    if not raw_columns:
        problems.append(Problem("columns", MSG_NO_COLUMNS))
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list):
        raise structure("sections")
    sections: list[SectionDef] = []
    for si, raw_section in enumerate(raw_sections, 1):
        if not isinstance(raw_section, Mapping) or not isinstance(raw_section.get("rows"), list):
            raise structure(f"sections[{si - 1}]")
        where = {"section": si}
        stitle = bilingual(raw_section.get("title"))
        if stitle is None:
            problems.append(Problem(f"sections[{si - 1}].title", MSG_SECTION_TITLE, where))
        rows: list[RowDef] = []
        for ri, raw_row in enumerate(raw_section["rows"], 1):
            path = f"sections[{si - 1}].rows[{ri - 1}]"
            if not isinstance(raw_row, Mapping):
                raise structure(path)
            row, row_problems = _row(raw_row, path, {"section": si, "row": ri})
            problems += row_problems
            if row is not None:
                rows.append(row)
        sections.append(SectionDef(stitle or Text("", ""), tuple(rows)))
    if not any(s.rows for s in sections) and not any(
        p.msgid in (MSG_UNKNOWN, MSG_ROW_LABEL) for p in problems
    ):
        problems.append(Problem("sections", MSG_NO_ROWS))
    based_on = data.get("based_on")
    raw_charts = data.get("charts", [])
    if not isinstance(raw_charts, list):
        raise structure("charts")
    breakdowns = {r.indicator for s in sections for r in s.rows if resolve(r.indicator)[1]}
    charts: list[ChartDef] = []
    for ci, raw_chart in enumerate(raw_charts, 1):
        path = f"charts[{ci - 1}]"
        if not isinstance(raw_chart, Mapping):
            raise structure(path)
        where = {"chart": ci}
        row_key, column, kind = raw_chart.get("row"), raw_chart.get("column"), raw_chart.get("kind")
        ctitle = bilingual(raw_chart.get("title"))
        found = len(problems)
        if row_key not in breakdowns:
            problems.append(Problem(f"{path}.row", MSG_CHART_ROW, {**where, "indicator": row_key}))
        if column not in columns:
            problems.append(Problem(f"{path}.column", MSG_CHART_COLUMN, {**where, "value": column}))
        if kind not in CHART_KINDS:
            problems.append(Problem(f"{path}.kind", MSG_CHART_KIND, {**where, "value": kind}))
        if ctitle is None:
            problems.append(Problem(f"{path}.title", MSG_CHART_TITLE, where))
        if len(problems) == found and ctitle is not None:
            charts.append(ChartDef(str(row_key), str(column), str(kind), ctitle))
    if problems:
        raise DefinitionError(problems, key if isinstance(key, str) else "")
    assert isinstance(key, str) and title is not None
    return ReportDefinition(
        key=key,
        title=title,
        period=period,
        orientation=str(orientation),
        columns=tuple(columns),
        sections=tuple(sections),
        based_on=based_on if isinstance(based_on, str) else None,
        origin=origin,
        charts=tuple(charts),
    )


def _row(
    raw: Mapping[str, Any], path: str, where: dict[str, Any]
) -> tuple[RowDef | None, list[Problem]]:
    problems: list[Problem] = []
    key = raw.get("indicator")
    dim = None
    try:
        if not isinstance(key, str):
            raise UnknownIndicator(str(key))
        _ind, dim = resolve(key)
    except UnknownIndicator:
        problems.append(Problem(f"{path}.indicator", MSG_UNKNOWN, {**where, "indicator": key}))
    label = bilingual(raw.get("label"))
    if label is None:
        problems.append(Problem(f"{path}.label", MSG_ROW_LABEL, where))
    indent = raw.get("indent", 0)
    if not isinstance(indent, int) or isinstance(indent, bool) or not 0 <= indent <= MAX_INDENT:
        problems.append(Problem(f"{path}.indent", MSG_INDENT, {**where, "max": MAX_INDENT}))
    values = raw.get("values")
    rest = raw.get("rest")
    zeros = raw.get("zeros")
    total = raw.get("total", False)
    breakdown_only = values is not None or rest is not None or zeros is not None or total
    if problems:
        return None, problems
    if breakdown_only and dim is None:
        problems.append(Problem(f"{path}.values", MSG_NOT_BREAKDOWN, {**where, "indicator": key}))
    if values is not None and (
        not isinstance(values, list) or not all(isinstance(v, str) for v in values)
    ):
        problems.append(Problem(f"{path}.values", MSG_STRUCTURE, {"where": f"{path}.values"}))
    rest_text = None
    if rest is not None:
        rest_text = bilingual(rest)
        if rest_text is None:
            problems.append(Problem(f"{path}.rest", MSG_ROW_LABEL, where))
        elif dim is not None and not dim.exclusive:
            problems.append(Problem(f"{path}.rest", MSG_NO_REST, {**where, "indicator": key}))
    if zeros is not None and not isinstance(zeros, bool):
        problems.append(Problem(f"{path}.zeros", MSG_STRUCTURE, {"where": f"{path}.zeros"}))
    if not isinstance(total, bool):
        problems.append(Problem(f"{path}.total", MSG_STRUCTURE, {"where": f"{path}.total"}))
    if problems:
        return None, problems
    assert isinstance(key, str) and label is not None and isinstance(indent, int)
    return (
        RowDef(
            indicator=key,
            label=label,
            indent=indent,
            values=tuple(values) if values is not None else None,
            rest=rest_text,
            zeros=zeros,
            total=bool(total),
        ),
        [],
    )


def to_dict(defn: ReportDefinition) -> dict[str, Any]:
    """The definition as its JSON object (what ``parse`` reads back)."""
    out: dict[str, Any] = {"format": FORMAT, "key": defn.key}
    if defn.based_on:
        out["based_on"] = defn.based_on
    out |= {
        "title": defn.title.as_dict(),
        "period": defn.period.value,
        "orientation": defn.orientation,
        "columns": list(defn.columns),
        "sections": [
            {"title": s.title.as_dict(), "rows": [_row_dict(r) for r in s.rows]}
            for s in defn.sections
        ],
    }
    if defn.charts:
        out["charts"] = [
            {"row": c.row, "column": c.column, "kind": c.kind, "title": c.title.as_dict()}
            for c in defn.charts
        ]
    return out


def _row_dict(row: RowDef) -> dict[str, Any]:
    out: dict[str, Any] = {"indicator": row.indicator, "label": row.label.as_dict()}
    if row.indent:
        out["indent"] = row.indent
    if row.values is not None:
        out["values"] = list(row.values)
    if row.rest is not None:
        out["rest"] = row.rest.as_dict()
    if row.zeros is not None:
        out["zeros"] = row.zeros
    if row.total:
        out["total"] = True
    return out


def to_json(defn: ReportDefinition) -> str:
    return json.dumps(to_dict(defn), ensure_ascii=False, indent=2) + "\n"


# ---- shipped and centre-made definitions ---------------------------------------------------------


def load_file(path: Path, origin: Origin = "shipped") -> ReportDefinition:
    return parse(path.read_text(encoding="utf-8"), origin)


def shipped() -> dict[str, ReportDefinition]:
    """The definitions that come with the program, by key."""
    out = {}
    for path in sorted(FOLDER.glob("*.json")):
        if path.stem == RESIDENTS:
            continue  # a list, not a table of indicators (reports.list_definition)
        defn = load_file(path)
        out[defn.key] = defn
    return out


def reserved_keys() -> set[str]:
    return {path.stem for path in FOLDER.glob("*.json")} | {RESIDENTS}


def centre_definitions(db: Database) -> dict[str, ReportDefinition | DefinitionError]:
    """The centre's own definitions by key; one that does not validate is its error."""
    out: dict[str, ReportDefinition | DefinitionError] = {}
    for name, value in sorted(CentreService(db).settings_with_prefix(SETTING_PREFIX).items()):
        key = name[len(SETTING_PREFIX) :]
        if key == RESIDENTS:
            continue  # the centre's list of residents (reports.list_definition)
        try:
            out[key] = parse(value, "centre")
        except DefinitionError as exc:
            exc.key = key
            out[key] = exc
    return out


def list_definitions(db: Database | None = None) -> list[ReportDefinition | DefinitionError]:
    """Every report definition: the shipped ones first, then the centre's."""
    found: list[ReportDefinition | DefinitionError] = list(shipped().values())
    if db is not None:
        found += list(centre_definitions(db).values())
    return found


def get_definition(db: Database | None, key: str) -> ReportDefinition:
    """The definition ``key``, shipped or the centre's; raises ``DefinitionError``."""
    path = FOLDER / f"{key}.json"
    if key == RESIDENTS:
        raise DefinitionError([Problem("key", MSG_NOT_FOUND, {"value": key})], key)
    if KEY_PATTERN.fullmatch(key) and path.is_file():
        return load_file(path)
    if db is not None:
        raw = CentreService(db).get_setting(SETTING_PREFIX + key)
        if raw:
            try:
                return parse(raw, "centre")
            except DefinitionError as exc:
                exc.key = key
                raise
    raise DefinitionError([Problem("key", MSG_NOT_FOUND, {"value": key})], key)


def save_definition(db: Database, defn: ReportDefinition) -> ReportDefinition:
    """Validate and keep a centre's definition (a new one, or a new version of one of its own)."""
    if defn.key in reserved_keys():
        raise DefinitionError([Problem("key", MSG_RESERVED, {"value": defn.key})], defn.key)
    checked = parse(to_dict(defn), "centre")
    CentreService(db).set_setting(SETTING_PREFIX + checked.key, to_json(checked))
    return checked


def remove_definition(db: Database, key: str) -> None:
    """Remove a centre's definition (its setting is emptied; settings are never deleted)."""
    if key in reserved_keys():
        raise DefinitionError([Problem("key", MSG_RESERVED, {"value": key})], key)
    CentreService(db).set_setting(SETTING_PREFIX + key, "")


# ---- editing (pure: each returns a new definition; ``save_definition`` keeps it) ------------------


def copy_definition(
    defn: ReportDefinition, key: str, title: Text | None = None
) -> ReportDefinition:
    """A centre's copy of ``defn`` under ``key`` (validated when saved)."""
    return replace(
        defn,
        key=key,
        title=title or defn.title,
        based_on=defn.based_on or defn.key,
        origin="centre",
    )


def _with_rows(defn: ReportDefinition, section: int, rows: Iterable[RowDef]) -> ReportDefinition:
    sections = list(defn.sections)
    sections[section] = replace(sections[section], rows=tuple(rows))
    return _keep_charts(replace(defn, sections=tuple(sections)))


def move_row(
    defn: ReportDefinition, section: int, row: int, to: int, to_section: int | None = None
) -> ReportDefinition:
    """Move a row to position ``to`` of its section (or of ``to_section``)."""
    rows = list(defn.sections[section].rows)
    moved = rows.pop(row)
    target = section if to_section is None else to_section
    if target == section:
        rows.insert(to, moved)
        return _with_rows(defn, section, rows)
    out = _with_rows(defn, section, rows)
    others = list(out.sections[target].rows)
    others.insert(to, moved)
    return _with_rows(out, target, others)


def drop_row(defn: ReportDefinition, section: int, row: int) -> ReportDefinition:
    rows = list(defn.sections[section].rows)
    del rows[row]
    return _with_rows(defn, section, rows)


def add_row(defn: ReportDefinition, section: int, index: int, row: RowDef) -> ReportDefinition:
    rows = list(defn.sections[section].rows)
    rows.insert(index, row)
    return _with_rows(defn, section, rows)


def relabel_row(
    defn: ReportDefinition, section: int, row: int, label: Text, indent: int | None = None
) -> ReportDefinition:
    rows = list(defn.sections[section].rows)
    rows[row] = replace(
        rows[row], label=label, indent=rows[row].indent if indent is None else indent
    )
    return _with_rows(defn, section, rows)


def relabel_section(defn: ReportDefinition, section: int, title: Text) -> ReportDefinition:
    sections = list(defn.sections)
    sections[section] = replace(sections[section], title=title)
    return replace(defn, sections=tuple(sections))


def move_section(defn: ReportDefinition, section: int, to: int) -> ReportDefinition:
    sections = list(defn.sections)
    sections.insert(to, sections.pop(section))
    return replace(defn, sections=tuple(sections))


def drop_section(defn: ReportDefinition, section: int) -> ReportDefinition:
    sections = list(defn.sections)
    del sections[section]
    return _keep_charts(replace(defn, sections=tuple(sections)))


def _keep_charts(defn: ReportDefinition) -> ReportDefinition:
    """Without the charts whose row is no longer in the report (a dropped row takes its chart)."""
    rows = {r.indicator for s in defn.sections for r in s.rows}
    return replace(defn, charts=tuple(c for c in defn.charts if c.row in rows))


def describe_problems(error: DefinitionError, lang: str | None = None) -> str:
    """The problems as lines for a console or a message box, headed by the report's key."""
    lines = error.messages(lang)
    if error.key and any(p.msgid != MSG_NOT_FOUND for p in error.problems):
        head = translate(N_("The report “{key}” cannot be used:"), lang).format(key=error.key)
        lines = [head, *lines]
    return "\n".join(lines)
