"""The referral letter (kk "жолдама", ru "направление") a person takes to an employer or to the
employment centre, in Kazakh or Russian.

One A4 page: the centre's name, "REFERRAL No. 12" with the date in official style, whom it is
addressed to, the person (name, date of birth, IIN), the profession and kind of job (and the
vacancy's wage when there is one), the request to report the outcome, the signatures of the
director and of the staff member with the centre's phone; below a cut line, the tear-off slip the
employer fills in and sends back (hired from which date, or refused and why).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import BinaryIO, Final
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy import select

from oralman_desk import domain
from oralman_desk.db.database import Database
from oralman_desk.db.models import Person, Referral, Vacancy
from oralman_desk.domain import ReferralTarget
from oralman_desk.formatting import number, official_date, short_date
from oralman_desk.i18n import N_, translate
from oralman_desk.services.centre import CentreService
from oralman_desk.services.employment import ReferralFilter, ReferralRow, referrals
from oralman_desk.services.reference import ReferenceData

from .pdf import GREY, Styles, build_document, centre_of, signature_line, write_out

MSG_TITLE: Final = N_("REFERRAL No. {num}")
MSG_PURPOSE: Final = N_("for employment")
MSG_TO: Final = N_("To")
MSG_TO_CENTRE: Final = N_("The district employment centre")
MSG_SENDS: Final = N_(
    "The centre refers the person named below for employment and asks you to consider the "
    "application."
)
MSG_WAGE: Final = N_("{wage} tenge a month")
MSG_ASK_OUTCOME: Final = N_(
    "Please fill in the tear-off slip below and return it to the centre, or tell us the "
    "outcome by phone."
)
MSG_DIRECTOR: Final = N_("Director")
MSG_EXECUTOR: Final = N_("Executor: {name}, phone {phone}")
MSG_CUT: Final = N_("cut here")
MSG_SLIP: Final = N_("Tear-off slip to referral No. {num} of {date}")
MSG_HIRED: Final = N_("Hired from «___» ____________ 20___, order No. ________")
MSG_REFUSED: Final = N_("Refused; reason: ______________________________________")
MSG_EMPLOYER_SIGN: Final = N_("Employer")
MSG_STAMP: Final = N_("Stamp here")

LABEL_NAME: Final = N_("Full name")
LABEL_BIRTH: Final = N_("Date of birth")
LABEL_IIN: Final = N_("IIN")
LABEL_PROFESSION: Final = N_("Profession")
LABEL_JOB_KIND: Final = N_("Kind of job")
LABEL_WAGE: Final = N_("Wage")
LABEL_BIN: Final = N_("BIN")
LABEL_ADDRESS: Final = N_("Address")


def render_referral_letter_pdf(
    db: Database, referral_id: uuid.UUID, lang: str, out: Path | BinaryIO
) -> int:
    """Write the referral letter of ``referral_id`` to ``out``; returns the number of pages."""
    rows = referrals(db, ReferralFilter(referral_id=referral_id, limit=1))
    if not rows:
        raise LookupError(f"no referral {referral_id}")
    r = rows[0]
    with db.read() as s:
        iin = s.scalar(select(Person.iin).where(Person.id == r.person_id))
        wage = s.scalar(
            select(Vacancy.wage)
            .join(Referral, Referral.vacancy_id == Vacancy.id)
            .where(Referral.id == referral_id)
        )
    settings = CentreService(db).get_settings(("report.director", "report.phone"))
    ref = ReferenceData.load(db)
    profession = ref.name("profession", r.profession, lang) if r.profession else ""
    data = build_referral_letter(
        r,
        lang,
        centre_name=centre_of(db, lang),
        iin=iin or "",
        profession=profession,
        wage=wage,
        director=settings["report.director"],
        phone=settings["report.phone"],
    )
    write_out(data, out)
    return 1


def build_referral_letter(
    r: ReferralRow,
    lang: str,
    *,
    centre_name: str,
    iin: str,
    profession: str,
    wage: int | None,
    director: str,
    phone: str,
) -> bytes:
    st = Styles()

    def t(msgid: str) -> str:
        return translate(msgid, lang)

    title = t(MSG_TITLE).format(num=r.number)
    story: list[Flowable] = []
    if centre_name:
        story.append(Paragraph(escape(centre_name), st.centre))
    story += [
        Spacer(0, 6 * mm),
        Paragraph(escape(title), st.title),
        Paragraph(escape(t(MSG_PURPOSE)), st.subtitle),
        Paragraph(escape(official_date(r.date, lang)), st.subtitle),
        Spacer(0, 8 * mm),
    ]
    if r.target is ReferralTarget.EMPLOYER:
        addressee = [(t(MSG_TO), r.employer)]
        if r.employer_bin:
            addressee.append((t(LABEL_BIN), r.employer_bin))
        if r.employer_address:
            addressee.append((t(LABEL_ADDRESS), r.employer_address))
    else:
        addressee = [(t(MSG_TO), t(MSG_TO_CENTRE))]
    story += [_fields(addressee, st), Spacer(0, 6 * mm)]
    story += [Paragraph(escape(t(MSG_SENDS)), st.body), Spacer(0, 4 * mm)]
    person = [
        (t(LABEL_NAME), r.name),
        (t(LABEL_BIRTH), short_date(r.birth_date, lang)),
        (t(LABEL_IIN), iin or "—"),
        (t(LABEL_PROFESSION), profession or "—"),
        (t(LABEL_JOB_KIND), domain.label(r.job_kind, lang)),
    ]
    if wage:
        person.append((t(LABEL_WAGE), t(MSG_WAGE).format(wage=number(wage, lang))))
    story += [_fields(person, st, bold_values=True), Spacer(0, 6 * mm)]
    story += [Paragraph(escape(t(MSG_ASK_OUTCOME)), st.body), Spacer(0, 12 * mm)]
    story.append(signature_line(t(MSG_DIRECTOR), lang, st, director))
    story += [
        Spacer(0, 4 * mm),
        Paragraph(escape(t(MSG_EXECUTOR).format(name=r.staff or "—", phone=phone or "—")), st.cell),
        Spacer(0, 14 * mm),
        _CutLine(t(MSG_CUT), st.regular),
        Spacer(0, 6 * mm),
        Paragraph(
            escape(t(MSG_SLIP).format(num=r.number, date=short_date(r.date, lang))), st.total
        ),
        Spacer(0, 3 * mm),
        _fields([(t(LABEL_NAME), r.name)], st),
        Spacer(0, 4 * mm),
        Paragraph(escape(t(MSG_HIRED)), st.body),
        Spacer(0, 3 * mm),
        Paragraph(escape(t(MSG_REFUSED)), st.body),
        Spacer(0, 10 * mm),
        signature_line(t(MSG_EMPLOYER_SIGN), lang, st),
        Spacer(0, 3 * mm),
        Paragraph(escape(t(MSG_STAMP)), st.caption),
    ]
    data, _pages = build_document(story, title=title, author=centre_name, lang=lang, footer=None)
    return data


def _fields(pairs: list[tuple[str, str]], st: Styles, bold_values: bool = False) -> Table:
    value_style = st.total if bold_values else st.body
    table = Table(
        [
            [Paragraph(escape(label + ":"), st.body), Paragraph(escape(value), value_style)]
            for label, value in pairs
        ],
        colWidths=[45 * mm, 135 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


class _CutLine(Flowable):
    """A dashed line across the page with "cut here" in a gap in its middle."""

    def __init__(self, caption: str, font: str) -> None:
        super().__init__()
        self.caption, self.font = caption, font

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        return aW, 10

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, 7.5)
        c.setFillColor(GREY)
        c.setStrokeColor(GREY)
        c.setDash(3, 3)
        c.setLineWidth(0.6)
        gap = stringWidth(self.caption, self.font, 7.5) + 8
        middle = self.width / 2
        c.line(0, 5, middle - gap / 2, 5)
        c.line(middle + gap / 2, 5, self.width, 5)
        c.drawCentredString(middle, 2.5, self.caption)
