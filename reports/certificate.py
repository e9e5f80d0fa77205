"""The certificate of a completed course, in Kazakh or Russian: one A4 landscape page.

A double frame; the centre's name; "CERTIFICATE No. …"; the person's full name in large letters;
the course, its dates, volume in hours, level and grade; the director's and the teacher's
signatures, the date of issue in official style and the place for the stamp. Only a completed
enrolment has a certificate.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select

from oralman_desk.db.database import Database
from oralman_desk.db.models import Course, CourseGroup, Enrolment, Person
from oralman_desk.domain import EnrolmentStatus
from oralman_desk.formatting import number, official_date, short_date
from oralman_desk.i18n import N_, translate
from oralman_desk.identity import Sex
from oralman_desk.names import join_name
from oralman_desk.services.centre import CentreService

from .pdf import Styles, build_document, centre_of, signature_line, write_out

MSG_TITLE: Final = N_("CERTIFICATE No. {num}")
MSG_CERTIFIES: Final = N_("This certificate confirms that")
MSG_COMPLETED_MALE: Final = N_("from {start} to {end} completed the course «{course}» (he)")
MSG_COMPLETED_FEMALE: Final = N_("from {start} to {end} completed the course «{course}» (she)")
MSG_HOURS: Final = N_("Course volume: {hours} hours")
MSG_LEVEL: Final = N_("Level: {level}")
MSG_GRADE: Final = N_("Grade: {grade}")
MSG_PROVIDER: Final = N_("Provider: {provider}")
MSG_DIRECTOR: Final = N_("Director")
MSG_TEACHER: Final = N_("Teacher")
MSG_ISSUED: Final = N_("Issued on {date}")
MSG_STAMP: Final = N_("Stamp here")

PAGE: Final = landscape(A4)


class NotCompletedError(ValueError):
    """The enrolment has no certificate: the person has not completed the course."""


@dataclass(frozen=True)
class CertificateData:
    number: str
    name: str
    sex: Sex
    course: str
    level: str
    hours: int
    provider: str
    start: dt.date
    end: dt.date
    grade: str
    issued: dt.date
    teacher: str


def certificate_data(db: Database, enrolment_id: uuid.UUID, lang: str) -> CertificateData:
    with db.read() as s:
        row = s.execute(
            select(Enrolment, Person, CourseGroup, Course)
            .join(Person, Person.id == Enrolment.person_id)
            .join(CourseGroup, CourseGroup.id == Enrolment.group_id)
            .join(Course, Course.id == CourseGroup.course_id)
            .where(Enrolment.id == enrolment_id, Enrolment.deleted.is_(False))
        ).one_or_none()
        if row is None:
            raise LookupError(f"no enrolment {enrolment_id}")
        e, p, g, c = row
        if e.status is not EnrolmentStatus.COMPLETED or e.result_date is None:
            raise NotCompletedError(enrolment_id)
        return CertificateData(
            number=e.certificate_number,
            name=join_name(p.surname, p.given_name, p.patronymic),
            sex=p.sex,
            course=c.name_kk if lang == "kk" else c.name_ru,
            level=c.level,
            hours=c.hours,
            provider=c.provider,
            start=g.start_date,
            end=min(g.end_date, e.result_date),
            grade=e.grade,
            issued=e.result_date,
            teacher=g.teacher,
        )


def render_certificate_pdf(
    db: Database, enrolment_id: uuid.UUID, lang: str, out: Path | BinaryIO
) -> int:
    """Write the certificate of a completed enrolment to ``out``; returns the number of pages.
    Raises ``NotCompletedError`` when the person has not completed the course."""
    data = certificate_data(db, enrolment_id, lang)
    director = CentreService(db).get_setting("report.director")
    pdf = build_certificate(data, lang, centre_name=centre_of(db, lang), director=director)
    write_out(pdf, out)
    return 1


def build_certificate(
    data: CertificateData, lang: str, *, centre_name: str, director: str
) -> bytes:
    st = Styles()

    def t(msgid: str) -> str:
        return translate(msgid, lang)

    big = ParagraphStyle(
        "big", fontName=st.bold, fontSize=30, leading=36, alignment=TA_CENTER, spaceAfter=4
    )
    name = ParagraphStyle("name", fontName=st.bold, fontSize=22, leading=28, alignment=TA_CENTER)
    line = ParagraphStyle("line", fontName=st.regular, fontSize=13, leading=18, alignment=TA_CENTER)
    title = t(MSG_TITLE).format(num=data.number)
    completed = t(MSG_COMPLETED_FEMALE if data.sex is Sex.FEMALE else MSG_COMPLETED_MALE)
    details = [t(MSG_HOURS).format(hours=number(data.hours, lang))]
    if data.level:
        details.append(t(MSG_LEVEL).format(level=data.level))
    if data.grade:
        details.append(t(MSG_GRADE).format(grade=data.grade))
    story: list[Flowable] = []
    if centre_name:
        story.append(Paragraph(escape(centre_name), st.centre))
    story += [
        Spacer(0, 10 * mm),
        Paragraph(escape(title), big),
        Spacer(0, 6 * mm),
        Paragraph(escape(t(MSG_CERTIFIES)), line),
        Spacer(0, 3 * mm),
        Paragraph(escape(data.name), name),
        Spacer(0, 3 * mm),
        Paragraph(
            escape(
                completed.format(
                    start=short_date(data.start, lang),
                    end=short_date(data.end, lang),
                    course=data.course,
                )
            ),
            line,
        ),
        Paragraph(escape(" · ".join(details)), line),
    ]
    if data.provider:
        story.append(Paragraph(escape(t(MSG_PROVIDER).format(provider=data.provider)), line))
    story += [Spacer(0, 14 * mm), _signatures(lang, st, director, data.teacher)]
    story += [
        Spacer(0, 6 * mm),
        Paragraph(
            escape(t(MSG_ISSUED).format(date=official_date(data.issued, lang))),
            line,
        ),
        Paragraph(escape(t(MSG_STAMP)), st.caption),
    ]
    margin = 25 * mm
    pdf, _pages = build_document(
        story,
        title=title,
        author=centre_name,
        lang=lang,
        footer=_frame,
        pagesize=PAGE,
        margins=(margin, 22 * mm, 18 * mm),
    )
    return pdf


def _signatures(lang: str, st: Styles, director: str, teacher: str) -> Table:
    both = Table(
        [
            [
                signature_line(translate(MSG_DIRECTOR, lang), lang, st, director),
                signature_line(translate(MSG_TEACHER, lang), lang, st, teacher),
            ]
        ],
        hAlign="CENTER",
    )
    both.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
            ]
        )
    )
    return both


def _frame(canvas: Canvas, page: int, pages: int) -> None:
    """The double border of a certificate, drawn on the page when it is finished."""
    del page, pages
    width, height = PAGE
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#1F4E79"))
    canvas.setLineWidth(2.5)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)
    canvas.restoreState()
