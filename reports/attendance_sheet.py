"""A group's attendance sheet for one month, in Kazakh or Russian: the paper journal's page.

A4 landscape. People as rows (those enrolled, finished or dropped — not the waiting list), the
month's lessons as columns ("05.03"), "+" for present and a letter for absent ("н" / "ж"), the hours
attended in the month, and a last row with the number present at each lesson; the header repeats
on every page, which carries "Бет 2 / 5" / "Стр. 2 из 5"; the teacher signs at the end.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any, BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from oralman_desk.db.database import Database
from oralman_desk.domain import EnrolmentStatus
from oralman_desk.formatting import month_title, number
from oralman_desk.i18n import N_, translate
from oralman_desk.services.courses import Journal, journal

from .pdf import (
    MARGIN_X,
    Styles,
    build_document,
    centre_of,
    grid_style,
    page_footer,
    signature_line,
    write_out,
)

MSG_TITLE: Final = N_("Attendance sheet")
MSG_GROUP: Final = N_("Course «{course}», group {group}; teacher: {teacher}")
MSG_ABSENT: Final = N_("Absent, one letter")
MSG_LEGEND: Final = N_("+ present; {absent} absent; blank: not marked")
MSG_PRESENT_ROW: Final = N_("Present")
MSG_NO_LESSONS: Final = N_("The group had no lessons in this month.")
MSG_TEACHER: Final = N_("Teacher")
HEAD_NO: Final = N_("No.")
HEAD_NAME: Final = N_("Full name")
HEAD_HOURS: Final = N_("Hours")

PAGE: Final = landscape(A4)
BODY_WIDTH: Final = PAGE[0] - 2 * MARGIN_X


def render_attendance_sheet_pdf(
    db: Database, group_id: uuid.UUID, year: int, month: int, lang: str, out: Path | BinaryIO
) -> int:
    """Write the group's attendance sheet for ``month`` of ``year``; returns the number of pages."""
    data, pages = build_attendance_sheet(
        journal(db, group_id), year, month, lang, centre_of(db, lang)
    )
    write_out(data, out)
    return pages


def build_attendance_sheet(
    j: Journal, year: int, month: int, lang: str, centre_name: str = ""
) -> tuple[bytes, int]:
    st = Styles()

    def t(msgid: str) -> str:
        return translate(msgid, lang)

    first = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    lessons = [lesson for lesson in j.lessons if first <= lesson.date < after]
    people = [
        r for r in j.rows if r.status is not EnrolmentStatus.WAITING and r.enrolled_on < after
    ]
    title = t(MSG_TITLE)
    period = month_title(year, month, lang)
    group = j.group
    story: list[Flowable] = []
    if centre_name:
        story.append(Paragraph(escape(centre_name), st.centre))
    story += [
        Paragraph(escape(f"{title} — {period}"), st.title),
        Paragraph(
            escape(
                t(MSG_GROUP).format(
                    course=group.course.name(lang), group=group.name, teacher=group.teacher or "—"
                )
            ),
            st.subtitle,
        ),
        Spacer(0, 4 * mm),
    ]
    absent = t(MSG_ABSENT)
    if not lessons:
        story.append(Paragraph(escape(t(MSG_NO_LESSONS)), st.body))
    else:
        head = [t(HEAD_NO), t(HEAD_NAME)]
        head += [lesson.date.strftime("%d.%m") for lesson in lessons]
        head.append(t(HEAD_HOURS))
        body: list[list[Any]] = [[Paragraph(escape(h), st.head) for h in head]]
        present = [0] * len(lessons)
        for i, r in enumerate(people, 1):
            cells: list[Any] = [str(i), Paragraph(escape(r.name), st.cell)]
            hours = 0.0
            for k, lesson in enumerate(lessons):
                mark = r.marks.get(lesson.id)
                if mark:
                    present[k] += 1
                    hours += lesson.hours
                cells.append("+" if mark else absent if mark is False else "")
            cells.append(number(hours, lang))
            body.append(cells)
        body.append(["", Paragraph(escape(t(MSG_PRESENT_ROW)), st.cell), *present, ""])
        story.append(_grid(body, len(lessons), st))
    story.append(
        KeepTogether(
            [
                Spacer(0, 3 * mm),
                Paragraph(escape(t(MSG_LEGEND).format(absent=absent)), st.caption),
                Spacer(0, 8 * mm),
                signature_line(t(MSG_TEACHER), lang, st, group.teacher),
            ]
        )
    )
    footer = page_footer(f"{title} — {group.name} — {period}", lang, PAGE[0])
    return build_document(
        story, title=title, author=centre_name, lang=lang, footer=footer, pagesize=PAGE
    )


def _grid(body: list[list[Any]], lessons: int, st: Styles) -> Table:
    number_w, hours_w = 9 * mm, 13 * mm
    lesson_w = min(11 * mm, (BODY_WIDTH - number_w - hours_w - 55 * mm) / lessons)
    name_w = BODY_WIDTH - number_w - hours_w - lesson_w * lessons
    table = Table(
        body,
        colWidths=[number_w, name_w] + [lesson_w] * lessons + [hours_w],
        repeatRows=1,
    )
    style = grid_style(st.regular)
    style += [
        ("FONTSIZE", (0, 1), (-1, -1), 9),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("LEFTPADDING", (2, 0), (-1, -1), 1),
        ("RIGHTPADDING", (2, 0), (-1, -1), 1),
        ("FONTNAME", (0, -1), (-1, -1), st.bold),
        ("LINEABOVE", (0, -1), (-1, -1), 1, "#808080"),
    ]
    table.setStyle(TableStyle(style))
    return table
