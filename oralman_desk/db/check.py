"""``oralman-desk check``: the file's integrity, foreign keys, schema revision, search index."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from .migrate import current_revision, head_revision, known_revisions


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.ok = False
        self.lines.append("✗ " + line)

    def good(self, line: str) -> None:
        self.lines.append("✓ " + line)


def check_database(path: Path) -> CheckReport:
    """Read-only checks; never changes the file."""
    report = CheckReport()
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        report.fail(_("The file cannot be read as a database: {error}").format(error=exc))
        return report
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if rows == ["ok"]:
            report.good(_("File integrity: no damage found."))
        else:
            report.fail(_("File integrity: {n} problems.").format(n=len(rows)))
            report.lines.extend("  " + r for r in rows[:20])
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            report.fail(_("Foreign keys: {n} rows point to missing records.").format(n=len(fk)))
            report.lines.extend(f"  {t} rowid={rid} → {parent}" for t, rid, parent, _i in fk[:20])
        else:
            report.good(_("Foreign keys: all links lead to existing records."))
    except sqlite3.DatabaseError as exc:
        report.fail(_("The file cannot be read as a database: {error}").format(error=exc))
        con.close()
        return report
    con.close()
    rev = current_revision(path)
    head = head_revision()
    if rev == head:
        report.good(_("Schema revision {rev}: current.").format(rev=rev))
    elif rev is None:
        report.fail(_("The database has no schema revision: it was not created by Oralman Desk."))
    elif rev not in known_revisions():
        report.fail(
            _("Schema revision {rev} is from a newer version of Oralman Desk.").format(rev=rev)
        )
    else:
        report.fail(
            _(
                "Schema revision {rev} is old; it is upgraded to {head} when the database is opened."
            ).format(rev=rev, head=head)
        )
    if rev == head:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            live = con.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
            indexed = con.execute("SELECT count(*) FROM person_search").fetchone()[0]
            missing = con.execute(
                "SELECT count(*) FROM person p WHERE p.deleted = 0 AND NOT EXISTS "
                "(SELECT 1 FROM person_search s WHERE s.rowid = p.num)"
            ).fetchone()[0]
        finally:
            con.close()
        if missing or indexed != live:
            report.fail(
                _("Search index: {indexed} entries for {live} people.").format(
                    indexed=indexed, live=live
                )
            )
        else:
            report.good(_("Search index: all {live} people are indexed.").format(live=live))
    return report
