"""Domain vocabulary shared by services, reports and the UI: enumerations and their labels.

Labels are marked with ``N_`` and translated when shown, so they follow a language switch.
"""

from __future__ import annotations

import enum

from .i18n import N_, translate


class CentreType(enum.StrEnum):
    CAIO = "caio"  # adaptation and integration centre (ЦАИО / ОБЫО)
    CVR = "cvr"  # temporary placement centre (ЦВР / ОУОО)


class CaseStatus(enum.StrEnum):
    ARRIVED = "arrived"
    APPLIED = "applied"
    GRANTED = "granted"
    EXTENDED = "extended"
    CITIZENSHIP = "citizenship"


class AgeGroup(enum.StrEnum):
    MINOR = "minor"
    WORKING = "working"
    PENSION = "pension"


class ConsultationForm(enum.StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    GROUP = "group"  # an information session: one topic list, many attendees


class CourseKind(enum.StrEnum):
    KAZAKH = "kazakh"
    RUSSIAN = "russian"
    OTHER_LANGUAGE = "other_language"
    VOCATIONAL = "vocational"  # with the profession it trains for
    COMPUTER = "computer"


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITING = "waiting"  # the group was full: first in line when a place frees up
    COMPLETED = "completed"
    DROPPED = "dropped"


class JobKind(enum.StrEnum):
    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    SEASONAL = "seasonal"
    SOCIAL_JOB = "social_job"
    PUBLIC_WORKS = "public_works"


class ReferralTarget(enum.StrEnum):
    EMPLOYMENT_CENTRE = "employment_centre"  # the state employment centre of the district
    EMPLOYER = "employer"


class ReferralStatus(enum.StrEnum):
    REFERRED = "referred"
    INTERVIEW = "interview"
    EMPLOYED = "employed"
    REFUSED_BY_EMPLOYER = "refused_by_employer"
    REFUSED_BY_PERSON = "refused_by_person"
    NO_ANSWER = "no_answer"


class PlanItemKind(enum.StrEnum):
    """What an item of an individual adaptation plan is for: the service that fulfils it."""

    CONSULTATION = "consultation"  # a legal consultation on a topic (reference data)
    LANGUAGE_COURSE = "language_course"  # Kazakh, Russian or another language
    TRAINING = "training"  # vocational training (a profession, optional) or computer literacy
    EMPLOYMENT = "employment"  # a referral that ends in a job
    OTHER = "other"  # anything else, described in words and marked done by hand


class PlanState(enum.StrEnum):
    """Where a plan item stands on a day. Derived from its records and dates, never stored."""

    DONE = "done"
    UNDER_WAY = "under_way"  # its record has started (studying, referred) and is not done yet
    LATE = "late"  # past its target date, not done and not under way
    NEXT = "next"  # among the earliest items still ahead
    PLANNED = "planned"


#: The kinds of course that fulfil a language-course item and a training item.
LANGUAGE_COURSE_KINDS: tuple[CourseKind, ...] = (
    CourseKind.KAZAKH,
    CourseKind.RUSSIAN,
    CourseKind.OTHER_LANGUAGE,
)
TRAINING_COURSE_KINDS: tuple[CourseKind, ...] = (CourseKind.VOCATIONAL, CourseKind.COMPUTER)


LABELS: dict[enum.Enum, str] = {
    CentreType.CAIO: N_("Adaptation and integration centre"),
    CentreType.CVR: N_("Temporary placement centre"),
    CaseStatus.ARRIVED: N_("Arrived"),
    CaseStatus.APPLIED: N_("Applied for kandas status"),
    CaseStatus.GRANTED: N_("Kandas status granted"),
    CaseStatus.EXTENDED: N_("Kandas status extended"),
    CaseStatus.CITIZENSHIP: N_("Citizenship obtained"),
    AgeGroup.MINOR: N_("Minor"),
    AgeGroup.WORKING: N_("Working age"),
    AgeGroup.PENSION: N_("Pension age"),
    ConsultationForm.IN_PERSON: N_("In person"),
    ConsultationForm.PHONE: N_("By phone"),
    ConsultationForm.GROUP: N_("Group session"),
    CourseKind.KAZAKH: N_("Kazakh language"),
    CourseKind.RUSSIAN: N_("Russian language"),
    CourseKind.OTHER_LANGUAGE: N_("Other language"),
    CourseKind.VOCATIONAL: N_("Vocational training"),
    CourseKind.COMPUTER: N_("Computer literacy"),
    EnrolmentStatus.ENROLLED: N_("Studying"),
    EnrolmentStatus.WAITING: N_("Waiting list"),
    EnrolmentStatus.COMPLETED: N_("Completed"),
    EnrolmentStatus.DROPPED: N_("Dropped out"),
    JobKind.PERMANENT: N_("Permanent job"),
    JobKind.TEMPORARY: N_("Temporary job"),
    JobKind.SEASONAL: N_("Seasonal job"),
    JobKind.SOCIAL_JOB: N_("Social job"),
    JobKind.PUBLIC_WORKS: N_("Public works"),
    ReferralTarget.EMPLOYMENT_CENTRE: N_("Employment centre"),
    ReferralTarget.EMPLOYER: N_("Employer"),
    ReferralStatus.REFERRED: N_("Referred"),
    ReferralStatus.INTERVIEW: N_("Interview"),
    ReferralStatus.EMPLOYED: N_("Employed"),
    ReferralStatus.REFUSED_BY_EMPLOYER: N_("Refused by the employer"),
    ReferralStatus.REFUSED_BY_PERSON: N_("Refused by the person"),
    ReferralStatus.NO_ANSWER: N_("No answer"),
    PlanItemKind.CONSULTATION: N_("Legal consultation"),
    PlanItemKind.LANGUAGE_COURSE: N_("Language course"),
    PlanItemKind.TRAINING: N_("Vocational training"),
    PlanItemKind.EMPLOYMENT: N_("Employment"),
    PlanItemKind.OTHER: N_("Other"),
    PlanState.DONE: N_("Done"),
    PlanState.UNDER_WAY: N_("Under way"),
    PlanState.LATE: N_("Late"),
    PlanState.NEXT: N_("Next"),
    PlanState.PLANNED: N_("Planned"),
}

# Where a referral may go next. "No answer" may still turn into an interview or a job.
NEXT_REFERRAL_STATUS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.REFERRED: (
        ReferralStatus.INTERVIEW,
        ReferralStatus.EMPLOYED,
        ReferralStatus.REFUSED_BY_EMPLOYER,
        ReferralStatus.REFUSED_BY_PERSON,
        ReferralStatus.NO_ANSWER,
    ),
    ReferralStatus.INTERVIEW: (
        ReferralStatus.EMPLOYED,
        ReferralStatus.REFUSED_BY_EMPLOYER,
        ReferralStatus.REFUSED_BY_PERSON,
        ReferralStatus.NO_ANSWER,
    ),
    ReferralStatus.NO_ANSWER: (ReferralStatus.INTERVIEW, ReferralStatus.EMPLOYED),
    ReferralStatus.EMPLOYED: (),
    ReferralStatus.REFUSED_BY_EMPLOYER: (),
    ReferralStatus.REFUSED_BY_PERSON: (),
}

# Which status may follow which. "extended" may repeat: status is valid one year at a time.
NEXT_STATUS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.ARRIVED: (CaseStatus.APPLIED,),
    CaseStatus.APPLIED: (CaseStatus.GRANTED,),
    CaseStatus.GRANTED: (CaseStatus.EXTENDED, CaseStatus.CITIZENSHIP),
    CaseStatus.EXTENDED: (CaseStatus.EXTENDED, CaseStatus.CITIZENSHIP),
    CaseStatus.CITIZENSHIP: (),
}


def label(value: enum.Enum, lang: str | None = None) -> str:
    return translate(LABELS[value], lang)
