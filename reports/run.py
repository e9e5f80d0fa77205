"""Making a report by name, for the command line and scripts: ``monthly``, ``quarterly``,
``yearly``, ``residents`` or a definition the centre added, for a period, in a language, as PDF or
Excel. The Reports screen uses the same pieces (``build_table`` on a worker, then a renderer).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

from oralman_desk.db.database import Database
from oralman_desk.i18n import N_
from oralman_desk.periods import Period, PeriodKind
from oralman_desk.services.errors import Problem

from .definitions import RESIDENTS, DefinitionError, centre_definitions, get_definition, shipped
from .monitoring import build_table

FORMATS: Final = ("pdf", "xlsx")
LANGUAGES: Final = ("kk", "ru", "both")

MSG_RESIDENTS_DAY: Final = N_(
    "The list of residents is made for a day: give the period as a date, for example 2024-03-15."
)
MSG_RESIDENTS_PDF: Final = N_("The list of residents is printed as a PDF in Kazakh or in Russian.")


def report_names(db: Database | None = None) -> list[str]:
    """Every report that can be made: the shipped ones, the list of residents, the centre's."""
    names = [*shipped(), RESIDENTS]
    if db is not None:
        names += list(centre_definitions(db))
    return names


def make_report(
    db: Database,
    name: str,
    period: Period,
    lang: str,
    fmt: str,
    out: Path,
    *,
    signed_on: dt.date | None = None,
) -> int:
    """Write report ``name`` for ``period`` to ``out``; returns the number of pages (0 for a
    workbook). A closed period (``reports.closing``) prints its submitted figures. Raises
    ``DefinitionError`` with what is wrong with the request."""
    if name == RESIDENTS:
        problems = []
        if period.kind is not PeriodKind.DAY:
            problems.append(Problem("period", MSG_RESIDENTS_DAY))
        if fmt != "pdf" or lang not in ("kk", "ru"):
            problems.append(Problem("format", MSG_RESIDENTS_PDF))
        if problems:
            raise DefinitionError(problems, name)
        from .residents import render_residents_pdf

        return render_residents_pdf(db, period.start, lang, out)
    table = build_table(db, get_definition(db, name), period, signed_on=signed_on)
    if fmt == "xlsx":
        from .monitoring_xlsx import render_xlsx

        render_xlsx(table, lang, out)
        return 0
    from .monitoring_pdf import render_pdf

    return render_pdf(table, lang, out)
