"""The ``oralman-desk`` command: the desktop application, and the subcommands for setup and scripts.

The language of every message, ``--help`` included, comes from ``--lang``, then the
``ORALMAN_DESK_LANG`` variable, then the OS locale. argparse's own words ("usage:", "options", its
errors) are routed through our catalogs too.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import i18n
from .i18n import N_, _, ngettext
from .paths import default_db_path

# argparse's own strings, marked so that they are extracted into our catalogs.
_ARGPARSE_STRINGS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)

MSG_REPORT_CLOSED = N_("The report “{name}” for {period} is closed: its figures are frozen.")
MSG_REPORT_REOPENED = N_("The report “{name}” for {period} is reopened.")
MSG_REPORT_SUBMITTED = N_(
    "The period is closed: the figures are those submitted on {date} ({user})."
)


def _patch_argparse() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _pre_language(argv: Sequence[str]) -> str | None:
    """The messages' language given before the command (``report --lang`` after it is the
    report's language, not the messages')."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--db":
            i += 1  # its value
        elif not arg.startswith("-"):
            break  # the command: what follows is its own
        i += 1
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oralman-desk",
        description=_(
            "Oralman Desk: the register and services of an adaptation centre for kandas. "
            "Without a command, starts the desktop application."
        ),
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=_("database file (default: {path}; or the ORALMAN_DESK_DB variable)").format(
            path=default_db_path()
        ),
    )
    parser.add_argument("--lang", choices=["kk", "ru"], default=None, help=_("language: kk or ru"))
    parser.add_argument(
        "--self-test",
        metavar="DIR",
        type=Path,
        default=None,
        help=_("open every screen on a demo database, save screenshots into DIR and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("command"))

    p_init = sub.add_parser(
        "init",
        help=_("create or upgrade the database and set up the centre"),
        description=_(
            "Creates the database (or upgrades it, after a backup) and records the centre "
            "this installation belongs to. Asks for what is not given."
        ),
    )
    p_init.add_argument("--centre-name-kk", help=_("the centre's name in Kazakh"))
    p_init.add_argument("--centre-name-ru", help=_("the centre's name in Russian"))
    p_init.add_argument(
        "--centre-type",
        choices=["caio", "cvr"],
        help=_("caio: adaptation and integration centre; cvr: temporary placement centre"),
    )
    p_init.add_argument(
        "--region", help=_("the region's two-digit KATO code, for example 47 for Mangystau")
    )

    p_demo = sub.add_parser(
        "demo-data",
        help=_("fill the database with realistic generated families"),
        description=_(
            "Generates believable families for training and testing. Deterministic for a seed."
        ),
    )
    p_demo.add_argument("--families", type=int, default=200, help=_("how many families"))
    p_demo.add_argument("--seed", type=int, default=1, help=_("random seed"))

    p_search = sub.add_parser(
        "search",
        help=_("find people by name, IIN or document number"),
        description=_(
            "Finds people by any spelling of the name (Cyrillic or Latin), IIN or document number."
        ),
    )
    p_search.add_argument("text", nargs="+", help=_("what to search for"))
    p_search.add_argument("--limit", type=int, default=20, help=_("at most this many results"))

    sub.add_parser(
        "check",
        help=_("check the database's integrity"),
        description=_("Checks the file's integrity, the foreign keys and the schema revision."),
    )

    p_report = sub.add_parser(
        "report",
        help=_("make a report as PDF or Excel"),
        description=_(
            "Makes a report for a period: monthly, quarterly, yearly (monitoring), residents "
            "(the list of residents on a day) or a report the centre added."
        ),
    )
    p_report.add_argument("name", help=_("the report: monthly, quarterly, yearly, residents, …"))
    p_report.add_argument(
        "--period",
        required=True,
        help=_(
            "a month 2024-03, a quarter 2024-Q1, a year 2024, a day 2024-03-15 "
            "or a range 2024-01-01..2024-02-15"
        ),
    )
    p_report.add_argument(
        "--lang",
        dest="report_lang",
        choices=["kk", "ru", "both"],
        default=None,
        help=_("the report's language: kk, ru or both (by default the language of messages)"),
    )
    p_report.add_argument(
        "--format",
        dest="report_format",
        choices=["pdf", "xlsx"],
        default=None,
        help=_("pdf or xlsx (by default from the output file's extension, otherwise pdf)"),
    )
    p_report.add_argument(
        "--output",
        type=Path,
        default=None,
        help=_("the file to write (by default NAME-PERIOD.pdf in the current folder)"),
    )
    closing = p_report.add_mutually_exclusive_group()
    closing.add_argument(
        "--close",
        action="store_true",
        help=_(
            "close the period on submission: freeze the report's figures, then write the report"
        ),
    )
    closing.add_argument(
        "--reopen",
        action="store_true",
        help=_("reopen a closed period (give the reason with --reason)"),
    )
    p_report.add_argument(
        "--reason", default="", help=_("why the period is reopened (with --reopen)")
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.preferred_language(_pre_language(args_list)))
    _patch_argparse()
    parser = build_parser()
    args = parser.parse_args(args_list)
    db_path: Path = args.db or default_db_path()
    if args.self_test is not None or args.command is None:
        return _run_gui(db_path, args)
    handler = {
        "init": cmd_init,
        "demo-data": cmd_demo,
        "search": cmd_search,
        "check": cmd_check,
        "report": cmd_report,
    }[args.command]
    return handler(db_path, args)


def _open(db_path: Path) -> object:
    from .db.database import Database, DatabaseError

    try:
        db = Database.open(db_path)
    except DatabaseError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(2) from exc
    db.user = _os_user()
    return db


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        return ""


def _run_gui(db_path: Path, args: argparse.Namespace) -> int:
    import importlib

    try:
        run = importlib.import_module("ui.app").run
    except ImportError:
        print(
            _(
                "The desktop application is not part of this version yet. "
                "Use the commands: oralman-desk --help"
            )
        )
        return 1
    return int(run(db_path, args))


def _ask(prompt: str, current: str | None) -> str:
    if current:
        return current
    if not sys.stdin.isatty():
        return ""
    return input(prompt + ": ").strip()


def cmd_init(db_path: Path, args: argparse.Namespace) -> int:
    from .db.database import Database
    from .services.centre import CentreInput, CentreService
    from .services.errors import ValidationError

    db = _open(db_path)
    assert isinstance(db, Database)
    centre = db.centre()
    if centre is not None and not any(
        (args.centre_name_kk, args.centre_name_ru, args.centre_type, args.region)
    ):
        print(
            _("The database {path} is ready: {centre}.").format(
                path=db_path, centre=_centre_name(centre)
            )
        )
        return 0
    data = CentreInput(
        name_kk=_ask(
            _("The centre's name in Kazakh"),
            args.centre_name_kk or (centre.name_kk if centre else None),
        ),
        name_ru=_ask(
            _("The centre's name in Russian"),
            args.centre_name_ru or (centre.name_ru if centre else None),
        ),
        centre_type=_ask(
            _("Type of centre (caio or cvr)"),
            args.centre_type or (centre.centre_type.value if centre else None),
        ),
        region_code=_ask(
            _("Region (two-digit KATO code)"),
            args.region or (centre.region_code if centre else None),
        ),
    )
    try:
        CentreService(db).set_up(data)
    except ValidationError as exc:
        for p in exc.problems:
            print(p.describe(), file=sys.stderr)
        return 2
    centre = db.centre()
    assert centre is not None
    print(
        _("The database {path} is ready: {centre}.").format(
            path=db_path, centre=_centre_name(centre)
        )
    )
    return 0


def _centre_name(centre: object) -> str:
    name_kk = getattr(centre, "name_kk", "")
    name_ru = getattr(centre, "name_ru", "")
    return str(name_kk if i18n.current_language() == "kk" else name_ru)


def cmd_demo(db_path: Path, args: argparse.Namespace) -> int:
    from .db.database import Database
    from .demo import generate

    db = _open(db_path)
    assert isinstance(db, Database)
    if args.families < 1:
        print(_("The number of families must be at least 1."), file=sys.stderr)
        return 2
    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 2 or done == total:
            last[0] = now
            print(_("Families: {done} of {total}").format(done=done, total=total), file=sys.stderr)

    result = generate(db, families=args.families, seed=args.seed, progress=progress)
    elapsed = time.perf_counter() - started
    print(
        _("Families generated: {families}; people: {people}; time: {seconds} s.").format(
            families=result.families, people=result.people, seconds=f"{elapsed:.1f}"
        )
    )
    return 0


def cmd_search(db_path: Path, args: argparse.Namespace) -> int:
    from .db.database import Database
    from .formatting import short_date
    from .services.search import search_people

    db = _open(db_path)
    assert isinstance(db, Database)
    query = " ".join(args.text)
    hits = search_people(db, query, limit=args.limit)
    if not hits:
        print(_("Nobody found for “{query}”.").format(query=query))
        return 1
    iin_label = _("IIN")
    family_label = _("family No.")
    for h in hits:
        born = short_date(h.birth_date)
        iin = h.iin or "—"
        latin = f" ({h.latin_name})" if h.latin_name else ""
        print(
            f"{h.num:>8}  {h.full_name}{latin}  {born}  {iin_label} {iin}  {family_label} {h.household_num}"
        )
    print(ngettext("{n} person found", "{n} people found", len(hits)).format(n=len(hits)))
    return 0


def cmd_check(db_path: Path, args: argparse.Namespace) -> int:
    from .db.check import check_database

    if not db_path.exists():
        print(_("The database {path} does not exist.").format(path=db_path), file=sys.stderr)
        return 2
    report = check_database(db_path)
    for line in report.lines:
        print(line)
    print(
        _("The database is in order.") if report.ok else _("Problems were found in the database.")
    )
    return 0 if report.ok else 1


def cmd_report(db_path: Path, args: argparse.Namespace) -> int:
    """``report NAME --period P``: the renderers live in ``reports`` (reportlab, openpyxl), loaded
    only here, so the core itself never imports them."""
    import importlib

    from .db.database import Database
    from .formatting import short_date
    from .periods import Period, PeriodError
    from .services.errors import ValidationError

    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    lang = args.report_lang or i18n.current_language()
    output: Path | None = args.output
    fmt = args.report_format
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in ("pdf", "xlsx") else "pdf"
    if output is None:
        output = Path(f"{args.name}-{period.code.replace('..', '_')}.{fmt}")
    if not db_path.exists():
        print(_("The database {path} does not exist.").format(path=db_path), file=sys.stderr)
        return 2
    db = _open(db_path)
    assert isinstance(db, Database)
    run = importlib.import_module("reports.run")
    definitions = importlib.import_module("reports.definitions")
    closing = importlib.import_module("reports.closing")
    try:
        if args.reopen:
            closing.reopen_period(db, args.name, period, args.reason)
            print(_(MSG_REPORT_REOPENED).format(name=args.name, period=period.code))
            return 0
        if args.close:
            closing.close_period(db, args.name, period)
            print(_(MSG_REPORT_CLOSED).format(name=args.name, period=period.code))
        pages = int(run.make_report(db, args.name, period, lang, fmt, output))
        submitted = closing.closed_snapshot(db, args.name, period)
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem.message(), file=sys.stderr)
        return 2
    except definitions.DefinitionError as exc:
        print(definitions.describe_problems(exc), file=sys.stderr)
        if any(p.msgid == definitions.MSG_NOT_FOUND for p in exc.problems):
            names = ", ".join(run.report_names(db))
            print(_("Reports you can make: {names}.").format(names=names), file=sys.stderr)
        return 2
    if pages:
        print(
            ngettext(
                "The report is saved: {path} ({n} page).",
                "The report is saved: {path} ({n} pages).",
                pages,
            ).format(path=output, n=pages)
        )
    else:
        print(_("The report is saved: {path}.").format(path=output))
    if submitted is not None:
        print(
            _(MSG_REPORT_SUBMITTED).format(
                date=short_date(submitted.closed_on), user=submitted.closed_by or "—"
            )
        )
    return 0
