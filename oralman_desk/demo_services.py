"""Generated legal consultations, courses and employment for the demo register (called by
``demo.generate`` once the families and the centre's stays exist).

What a centre's years of services look like, for the register's own people and in date order:

- **legal consultations**: most families are consulted in their first weeks (status, registration,
  documents), many again later (citizenship, housing, land, pensions, …); one person or several
  members of one family, in person or by phone, with the question and the answer in short, some
  with a follow-up (most done, a few past due). Newcomers are also invited to group information
  sessions: one set of topics, 10 to 30 people of different families.
- **courses**: a catalogue of Kazakh (A1, A2, B1), Russian (A1, A2), computer literacy and
  vocational training for professions of reference data ``profession``; groups open when enough
  people ask, with a teacher, a schedule, a room and a capacity; their lessons are every scheduled
  weekday from start to end (``services.courses.lesson_days``). People enrol in the order they
  ask: those beyond the capacity wait, move up when someone drops out, or are transferred to the
  next group; at the end those who attended are given a certificate and a grade, the others are
  dropped for missed lessons. Every enrolled person has a mark (present or absent) for every
  lesson they were enrolled for, up to yesterday.
- **employment**: employers with valid BINs (``identity.make_bin``) and their vacancies;
  referrals of working-age people (and of those who finished vocational training) to an employer
  or to the employment centre, moving referred → interview → employed / refused / no answer with
  dated steps; an employment books the follow-ups after 3 and 6 months, most checked once due.

Every rule the services keep holds, so the rows are what ``ConsultationService``,
``CourseService`` and ``EmploymentService`` would have written, versions included (a row changed
twice by a service has version 3); like the placement demo it writes no audit entries. It is
deterministic for a seed, with a random generator of its own, and writes in bulk with
``executemany`` in transactions of a few hundred thousand rows: a register of a million people
gets about five million service records (attendance marks are most of them) in about a minute.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .demo_placement import SPAN_DAYS
from .domain import (
    ConsultationForm,
    CourseKind,
    EnrolmentStatus,
    JobKind,
    ReferralStatus,
    ReferralTarget,
)
from .identity import Sex, make_bin
from .services.employment import FOLLOW_UP_MONTHS
from .services.placement import add_months
from .services.reference import ReferenceData

CONSULTANTS = ("Сейітқали Д. Е.", "Жұмабай А. Н.", "Тулегенова С. М.", "Қасым Б. Т.")
EMPLOYMENT_STAFF = ("Омаров Н. Б.", "Ахметова Г. К.", "Тулегенова С. М.", "Бекова А. С.")

# ---- consultations ---------------------------------------------------------------------------

#: Topics of a first consultation (weights) and of later ones.
FIRST_TOPICS = (
    ("status", 60),
    ("registration", 35),
    ("documents", 35),
    ("social_benefits", 10),
    ("medical_care", 10),
    ("education_quota", 8),
)
LATER_TOPICS = (
    ("citizenship", 30),
    ("status", 14),
    ("employment_rights", 14),
    ("social_benefits", 12),
    ("housing_loan", 12),
    ("land_plots", 8),
    ("documents", 8),
    ("education_quota", 6),
    ("medical_care", 6),
    ("pensions", 5),
    ("other", 5),
)

#: Question, answer and documents handed over, in short, as staff write them.
QA: dict[str, tuple[tuple[str, str, str], ...]] = {
    "status": (
        (
            "Как получить статус кандаса, какие документы нужны?",
            "Разъяснён порядок: заявление в МИО по месту жительства, автобиография, документы "
            "членов семьи с нотариальным переводом, документ о национальности. Срок рассмотрения "
            "30 рабочих дней.",
            "Памятка о присвоении статуса кандаса, образец заявления",
        ),
        (
            "Қандас мәртебесін алу үшін қандай құжаттар керек?",
            "Өтініш, өмірбаян, отбасы мүшелерінің жеке басын куәландыратын құжаттары "
            "(нотариат куәландырған аудармасымен) және ұлтын растайтын құжат керек екені "
            "түсіндірілді.",
            "Өтініш үлгісі",
        ),
        (
            "Срок статуса истекает через месяц, как продлить?",
            "Статус продлевается на год по заявлению в МИО до истечения срока; нужны "
            "удостоверение кандаса и адресная справка.",
            "",
        ),
        (
            "Отказали в статусе: нет документа о национальности.",
            "Рекомендовано запросить архивную справку или свидетельства о рождении родителей с "
            "указанием национальности и подать заявление повторно.",
            "Образец запроса в архив",
        ),
        (
            "Мәртебе мерзімін қалай ұзартуға болады?",
            "Мерзімі біткенге дейін жергілікті атқарушы органға өтініш беру тәртібі түсіндірілді.",
            "",
        ),
    ),
    "citizenship": (
        (
            "Когда можно подать на гражданство РК?",
            "Разъяснён упрощённый порядок приёма в гражданство для кандасов, перечень "
            "документов, подача через миграционную службу.",
            "Перечень документов для приёма в гражданство",
        ),
        (
            "Азаматтыққа қабылдау туралы өтінішті қайда береді?",
            "Көші-қон қызметіне жеңілдетілген тәртіппен өтініш беру тәртібі түсіндірілді, "
            "құжаттар тізімі берілді.",
            "Құжаттар тізімі",
        ),
        (
            "Как подтвердить выход из прежнего гражданства?",
            "Разъяснено: нужен документ о выходе из прежнего гражданства либо нотариальное "
            "обязательство; выдан образец.",
            "Образец обязательства",
        ),
    ),
    "registration": (
        (
            "Как встать на временную регистрацию?",
            "Разъяснён порядок регистрации по месту пребывания через ЦОН или egov.kz; на время "
            "проживания — по адресу центра.",
            "",
        ),
        (
            "Уақытша тіркеуге қалай тұруға болады?",
            "Халыққа қызмет көрсету орталығы немесе egov.kz арқылы тіркелу тәртібі түсіндірілді.",
            "",
        ),
        (
            "Купили дом, как прописаться всей семьёй?",
            "Разъяснена постоянная регистрация по месту жительства через ЦОН, нужны документ на "
            "дом и удостоверения личности.",
            "",
        ),
    ),
    "documents": (
        (
            "Нужен перевод паспорта и свидетельства о браке.",
            "Направлены к нотариусу для заверенного перевода на казахский язык.",
            "Список нотариусов города",
        ),
        (
            "Как получить ИИН?",
            "ИИН присваивается в ЦОН по паспорту с нотариальным переводом; объяснён порядок.",
            "",
        ),
        (
            "Балаға туу туралы куәлік алу керек.",
            "АХАТ органына жүгіну тәртібі түсіндірілді, өтінішті толтыруға көмектесті.",
            "",
        ),
        (
            "Паспорт скоро истекает, а гражданства ещё нет.",
            "Рекомендовано продлить паспорт в консульстве страны выхода; до этого статус "
            "кандаса сохраняется.",
            "",
        ),
    ),
    "employment_rights": (
        (
            "Работодатель не оформил трудовой договор.",
            "Разъяснены права работника по Трудовому кодексу; рекомендовано обратиться в "
            "инспекцию труда.",
            "Адрес и телефон инспекции труда",
        ),
        (
            "Еңбек шартын қалай жасайды, сынақ мерзімі қанша?",
            "Еңбек шарты жазбаша жасалатыны, сынақ мерзімі үш айдан аспайтыны түсіндірілді.",
            "",
        ),
        (
            "Можно ли работать без гражданства РК?",
            "Разъяснено: кандас со статусом вправе работать без разрешения на трудоустройство.",
            "",
        ),
    ),
    "social_benefits": (
        (
            "Какие пособия положены на детей?",
            "Разъяснены пособия на рождение и по уходу за ребёнком, адресная социальная помощь; "
            "порядок подачи через ЦОН.",
            "Памятка о социальных выплатах",
        ),
        (
            "Көшу үшін субсидияны қалай алуға болады?",
            "Өңірлік квотаға енгізілгендерге көшуге және тұрғын үй жалдауға субсидия беру "
            "тәртібі түсіндірілді.",
            "Субсидия туралы жадынама",
        ),
        (
            "Положена ли субсидия на аренду жилья?",
            "Разъяснены условия субсидии на аренду для переселившихся по региональной квоте.",
            "",
        ),
    ),
    "housing_loan": (
        (
            "Есть ли льготная ипотека для кандасов?",
            "Разъяснены программы льготного жилищного займа и постановка в очередь в акимате.",
            "Перечень документов для очереди на жильё",
        ),
        (
            "Тұрғын үй кезегіне қалай тұруға болады?",
            "Әкімдікке кезекке тұру үшін қажетті құжаттар тізімі берілді.",
            "Құжаттар тізімі",
        ),
    ),
    "land_plots": (
        (
            "Как получить земельный участок под ИЖС?",
            "Разъяснён порядок подачи заявления в акимат района и очерёдность.",
            "",
        ),
        (
            "Жеке тұрғын үй салуға жер телімін алу тәртібі қандай?",
            "Аудан әкімдігіне өтініш беру және кезек тәртібі түсіндірілді.",
            "",
        ),
    ),
    "education_quota": (
        (
            "Квота для кандасов при поступлении в вуз.",
            "Разъяснена квота приёма для кандасов на грант, сроки подачи документов и ЕНТ.",
            "",
        ),
        (
            "Балаларды мектепке қалай орналастыруға болады?",
            "Мектепке қабылдау тәртібі, құжаттар тізімі түсіндірілді, білім бөліміне жолдама "
            "берілді.",
            "Білім бөліміне жолдама",
        ),
        (
            "Как устроить ребёнка в детский сад?",
            "Разъяснена постановка в электронную очередь в детский сад через egov.kz.",
            "",
        ),
    ),
    "medical_care": (
        (
            "Как прикрепиться к поликлинике?",
            "Разъяснено прикрепление к поликлинике по месту пребывания и участие в ОСМС.",
            "",
        ),
        (
            "Емханаға қалай тіркелуге болады?",
            "Тұрғылықты жері бойынша емханаға бекіну тәртібі түсіндірілді, МӘМС туралы "
            "ақпарат берілді.",
            "",
        ),
    ),
    "pensions": (
        (
            "Учтут ли стаж в стране выхода при назначении пенсии?",
            "Разъяснено: учитывается по международным соглашениям; нужна справка о стаже, "
            "направлен в отделение Госкорпорации.",
            "",
        ),
        (
            "Зейнетақыны қалай рәсімдеуге болады?",
            "Мемлекеттік корпорацияға жүгіну тәртібі және еңбек өтілін растайтын құжаттар "
            "түсіндірілді.",
            "",
        ),
    ),
    "other": (
        (
            "Замена иностранного водительского удостоверения.",
            "Разъяснён порядок замены в спецЦОН, нужны медицинская справка и экзамен.",
            "",
        ),
        (
            "Банкте шот ашу үшін не керек?",
            "ЖСН мен жеке басын куәландыратын құжат керек екені түсіндірілді.",
            "",
        ),
    ),
}

#: Group information sessions: topics, what was said, what was handed out.
GROUP_SESSIONS = (
    (
        ("status", "registration", "documents"),
        "Информационная встреча с вновь прибывшими: статус кандаса, регистрация, документы.",
        "Проведена беседа, даны ответы на вопросы, розданы памятки.",
        "Памятка для вновь прибывших",
    ),
    (
        ("status", "citizenship"),
        "Жаңа келгендермен кездесу: қандас мәртебесі және азаматтық.",
        "Мәртебе мен азаматтық алу тәртібі түсіндірілді, сұрақтарға жауап берілді.",
        "Жадынама",
    ),
    (
        ("employment_rights", "social_benefits"),
        "Семинар: трудовые права и социальная поддержка кандасов.",
        "Разъяснены Трудовой кодекс, меры содействия занятости, адресная помощь.",
        "",
    ),
    (
        ("housing_loan", "land_plots", "social_benefits"),
        "Встреча с представителем акимата: жильё, земля, субсидии по квоте.",
        "Разъяснены очередь на жильё, льготные займы, субсидии на переезд и аренду.",
        "Перечень документов для очереди на жильё",
    ),
    (
        ("education_quota", "medical_care"),
        "Кездесу: балаларды мектепке, балабақшаға орналастыру, емханаға бекіну.",
        "Білім алу квотасы, мектеп пен балабақша кезегі, МӘМС түсіндірілді.",
        "",
    ),
)

# ---- courses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseSpec:
    key: str
    kind: CourseKind
    name_kk: str
    name_ru: str
    level: str  # reference data "language_level"
    profession: str | None
    hours: int
    provider: str
    session_hours: float
    capacity: int
    prefix: str  # of the group names
    schedules: tuple[tuple[int, ...], ...]  # ISO weekdays, one chosen per group
    teachers: tuple[str, ...]
    rooms: tuple[str, ...]
    after: str | None = None  # the course it follows on
    follow_share: float = 0.0  # of those who complete ``after``
    #: How long the first in line waits for the group to fill before it opens anyway (0: two
    #: months for vocational training, three weeks for the others).
    gather_days: int = 0

    @property
    def gather(self) -> int:
        return self.gather_days or (60 if self.kind is CourseKind.VOCATIONAL else 21)


LANG_DAYS = ((1, 3, 5), (2, 4, 6))
KK_TEACHERS = ("Жұмабаева А. Т.", "Сейітқалиева Г. М.", "Омарова Д. Б.", "Нұрланова Ж. С.")
RU_TEACHERS = ("Ким Е. В.", "Исаева О. П.", "Бекмұхамбетова Л. Р.")
ROOMS = ("каб. 101", "каб. 102", "каб. 204", "каб. 205", "актовый зал")

COURSES = (
    CourseSpec(
        "kk_a1",
        CourseKind.KAZAKH,
        "Қазақ тілі (A1)",
        "Казахский язык (A1)",
        "basic",
        None,
        72,
        "",
        2.0,
        20,
        "ҚАЗ-A1",
        LANG_DAYS,
        KK_TEACHERS,
        ROOMS,
    ),
    CourseSpec(
        "kk_a2",
        CourseKind.KAZAKH,
        "Қазақ тілі (A2)",
        "Казахский язык (A2)",
        "basic",
        None,
        72,
        "",
        2.0,
        20,
        "ҚАЗ-A2",
        LANG_DAYS,
        KK_TEACHERS,
        ROOMS,
        "kk_a1",
        0.5,
    ),
    CourseSpec(
        "kk_b1",
        CourseKind.KAZAKH,
        "Қазақ тілі (B1): іс қағаздарын жүргізу",
        "Казахский язык (B1): делопроизводство",
        "intermediate",
        None,
        120,
        "",
        2.0,
        30,
        "ҚАЗ-B1",
        LANG_DAYS,
        KK_TEACHERS,
        ("актовый зал", "каб. 301"),
        "kk_a2",
        0.45,
        45,
    ),
    CourseSpec(
        "ru_a1",
        CourseKind.RUSSIAN,
        "Орыс тілі (A1)",
        "Русский язык (A1)",
        "basic",
        None,
        72,
        "",
        2.0,
        18,
        "ОРЫС-A1",
        ((2, 4, 6), (1, 3, 5)),
        RU_TEACHERS,
        ROOMS,
    ),
    CourseSpec(
        "ru_a2",
        CourseKind.RUSSIAN,
        "Орыс тілі (A2)",
        "Русский язык (A2)",
        "basic",
        None,
        72,
        "",
        2.0,
        18,
        "ОРЫС-A2",
        ((2, 4, 6), (1, 3, 5)),
        RU_TEACHERS,
        ROOMS,
        "ru_a1",
        0.35,
    ),
    CourseSpec(
        "pc",
        CourseKind.COMPUTER,
        "Компьютерлік сауаттылық және eGov порталы",
        "Компьютерная грамотность и портал eGov",
        "",
        None,
        36,
        "",
        2.0,
        12,
        "КОМП",
        ((2, 4), (1, 3), (3, 5)),
        ("Бекова А. С.", "Тоқтаров Е. К."),
        ("компьютерный класс",),
    ),
    CourseSpec(
        "welder",
        CourseKind.VOCATIONAL,
        "Электр дәнекерлеуші",
        "Электросварщик",
        "",
        "welder",
        240,
        "Маңғыстау политехникалық колледжі",
        4.0,
        15,
        "ДӘН",
        ((1, 2, 3, 4, 5),),
        ("Мастер п/о Ермеков Т. Ж.",),
        ("мастерская колледжа",),
    ),
    CourseSpec(
        "seamstress",
        CourseKind.VOCATIONAL,
        "Тігінші",
        "Швея",
        "",
        "seamstress",
        160,
        "Колледж сервиса и технологий",
        4.0,
        12,
        "ТІГ",
        ((1, 2, 3, 4, 5),),
        ("Мастер п/о Абдрахманова Р. С.",),
        ("швейный цех колледжа",),
    ),
    CourseSpec(
        "cook",
        CourseKind.VOCATIONAL,
        "Аспаз",
        "Повар",
        "",
        "cook",
        180,
        "Колледж сервиса и технологий",
        4.0,
        12,
        "АСП",
        ((1, 2, 3, 4, 5),),
        ("Мастер п/о Қалиева Б. М.",),
        ("учебная кухня колледжа",),
    ),
    CourseSpec(
        "hairdresser",
        CourseKind.VOCATIONAL,
        "Шаштараз",
        "Парикмахер",
        "",
        "hairdresser",
        120,
        "Колледж сервиса и технологий",
        4.0,
        10,
        "ШАШ",
        ((1, 2, 3, 4, 5),),
        ("Мастер п/о Ли Н. А.",),
        ("салон колледжа",),
    ),
    CourseSpec(
        "tractor",
        CourseKind.VOCATIONAL,
        "Тракторшы-машинист",
        "Тракторист-машинист",
        "",
        "tractor_driver",
        200,
        "Аграрно-технический колледж",
        4.0,
        15,
        "ТРАК",
        ((1, 2, 3, 4, 5),),
        ("Мастер п/о Сәрсенов Қ. Б.",),
        ("полигон колледжа",),
    ),
    CourseSpec(
        "plumber",
        CourseKind.VOCATIONAL,
        "Сантехник",
        "Сантехник",
        "",
        "plumber",
        160,
        "Маңғыстау политехникалық колледжі",
        4.0,
        15,
        "САН",
        ((1, 2, 3, 4, 5),),
        ("Мастер п/о Ермеков Т. Ж.",),
        ("мастерская колледжа",),
    ),
)
#: Vocational courses by who tends to ask for them (weights for men, for women).
VOCATIONAL = (
    ("welder", 35, 1),
    ("tractor", 25, 1),
    ("plumber", 20, 1),
    ("cook", 10, 25),
    ("seamstress", 2, 40),
    ("hairdresser", 3, 25),
)
TIME_SLOTS = (("09:00", "11:00"), ("11:00", "13:00"), ("14:00", "16:00"), ("16:00", "18:00"))
VOCATIONAL_SLOTS = (("09:00", "13:00"), ("14:00", "18:00"))
#: Share of the enrolled who leave a group before its end, and why (a man, a woman).
DROP_SHARE = 0.1
DROP_REASONS = (
    ("Переехал в регион расселения", "Переехала в регион расселения"),
    ("Вышел на работу", "Вышла на работу"),
    ("По семейным обстоятельствам", "По семейным обстоятельствам"),
    ("Отбасылық жағдайына байланысты", "Отбасылық жағдайына байланысты"),
    ("Жұмысқа орналасты", "Жұмысқа орналасты"),
    ("По болезни", "По болезни"),
    ("Басқа қалаға көшті", "Басқа қалаға көшті"),
)
MISSED_REASON = ("Пропустил более половины занятий", "Пропустила более половины занятий")
TRANSFER_REASON = "Мест нет: переведён(а) в следующую группу"
LANGUAGE_GRADES = (("5", 35), ("4", 45), ("3", 20))
TRADE_GRADES = (("3 разряд", 40), ("2 разряд", 60))

# ---- employment ------------------------------------------------------------------------------

EMPLOYER_WORDS = (
    "Каспий",
    "Маңғыстау",
    "Жетісу",
    "Сарыарқа",
    "Алтын Дән",
    "Береке",
    "Нұр",
    "Болашақ",
    "Ақ Жол",
    "Арман",
    "Достық",
    "Шапағат",
    "Тұлпар",
    "Кең Дала",
    "Жұлдыз",
    "Ақниет",
    "Самал",
    "Сұңқар",
    "Атамекен",
    "Ырыс",
)
#: Sectors: the name's second word, the sector as written, professions of its vacancies.
SECTORS = (
    (
        "Құрылыс",
        "Строительство",
        (
            "builder",
            "bricklayer",
            "welder",
            "painter_plasterer",
            "tiler",
            "unskilled_worker",
            "crane_operator",
            "plumber",
        ),
    ),
    (
        "Агро",
        "Сельское хозяйство",
        (
            "tractor_driver",
            "livestock_breeder",
            "shepherd",
            "milkmaid",
            "agronomist",
            "unskilled_worker",
        ),
    ),
    ("Сервис", "Услуги", ("cleaner", "security_guard", "hairdresser", "driver", "car_mechanic")),
    ("Трейд", "Торговля", ("salesperson", "cashier", "loader", "warehouse_worker", "driver")),
    (
        "Мұнай Сервис",
        "Нефтегазовый сервис",
        ("oil_gas_operator", "welder", "locksmith", "electrician", "driver", "turner"),
    ),
    ("Тігін", "Швейное производство", ("seamstress", "tailor", "embroiderer", "cleaner")),
    ("Дәмхана", "Общественное питание", ("cook", "waiter", "baker", "cleaner", "cashier")),
    (
        "Логистик",
        "Транспорт и склад",
        ("driver", "loader", "warehouse_worker", "courier", "car_mechanic"),
    ),
    ("Мед Орталығы", "Здравоохранение", ("nurse", "doctor", "midwife", "pharmacist", "cleaner")),
    (
        "Білім",
        "Образование",
        ("teacher", "kindergarten_teacher", "cook", "cleaner", "security_guard"),
    ),
)
FORMS = (("ТОО", "4", 70), ("ИП", "6", 20), ("АО", "4", 4), ("КХ", "6", 6))
STREETS = (
    "ул. Абая",
    "мкр. Самал",
    "ул. Жамбыла",
    "пр. Назарбаева",
    "мкр. Шұғыла",
    "ул. Төле би",
    "промзона",
    "ул. Сәтпаева",
)
CONTACTS = (
    "Сәрсенова А. Т., кадровик",
    "Жақсылықов Е. М., директор",
    "Омарова Г. Б., бухгалтер",
    "Исабекова Д. Қ., менеджер по персоналу",
    "Тұрсынов Б. А.",
    "Ким О. В., HR",
)
CONDITIONS = (
    "Полный рабочий день, 5/2",
    "Вахта 15/15, проживание и питание",
    "Сменный график 2/2",
    "Толық жұмыс күні, түскі ас",
    "Сезонная работа с апреля по октябрь",
    "Официальное оформление, соцпакет",
    "",
)
PATHS = (
    # steps after "referred", and their weights
    ((ReferralStatus.INTERVIEW, ReferralStatus.EMPLOYED), 38),
    ((ReferralStatus.EMPLOYED,), 12),
    ((ReferralStatus.INTERVIEW, ReferralStatus.REFUSED_BY_EMPLOYER), 14),
    ((ReferralStatus.INTERVIEW, ReferralStatus.REFUSED_BY_PERSON), 6),
    ((ReferralStatus.REFUSED_BY_PERSON,), 8),
    ((ReferralStatus.REFUSED_BY_EMPLOYER,), 5),
    ((ReferralStatus.NO_ANSWER,), 10),
    ((ReferralStatus.NO_ANSWER, ReferralStatus.INTERVIEW, ReferralStatus.EMPLOYED), 4),
    ((ReferralStatus.NO_ANSWER, ReferralStatus.EMPLOYED), 3),
)
STEP_NOTES: dict[ReferralStatus, tuple[str, ...]] = {
    ReferralStatus.INTERVIEW: ("", "", "Собеседование у директора", "Әңгімелесуге шақырылды"),
    ReferralStatus.EMPLOYED: ("", "Приказ о приёме № {n}-к", "Жұмысқа қабылданды, бұйрық № {n}"),
    ReferralStatus.REFUSED_BY_EMPLOYER: (
        "Нет опыта работы",
        "Требуется знание русского языка",
        "Вакансия уже закрыта",
        "Жұмыс өтілі жоқ",
    ),
    ReferralStatus.REFUSED_BY_PERSON: (
        "Не устроила зарплата",
        "Далеко от дома",
        "Вахтовый метод не подходит",
        "Жалақы аз",
    ),
    ReferralStatus.NO_ANSWER: ("Работодатель не ответил", "Телефон недоступен", "Жауап жоқ"),
}
JOB_KINDS = (
    (JobKind.PERMANENT, 55),
    (JobKind.TEMPORARY, 20),
    (JobKind.SEASONAL, 10),
    (JobKind.SOCIAL_JOB, 10),
    (JobKind.PUBLIC_WORKS, 5),
)
SEASONAL = {"tractor_driver", "livestock_breeder", "shepherd", "milkmaid", "agronomist", "builder"}
#: Professions a person cannot be referred as.
NO_TRADE = {"homemaker", "no_profession", "student"}
#: A referral that ends here needs no second one.
OPEN_OR_EMPLOYED = (ReferralStatus.REFERRED, ReferralStatus.INTERVIEW, ReferralStatus.EMPLOYED)
FOLLOW_UP_NOTES = {
    True: ("", "Работает, условиями доволен", "Жұмыс істеп жүр"),
    False: ("Уволился по собственному желанию", "Сезонные работы завершены", "Жұмыстан шықты"),
}


# ---- helpers ---------------------------------------------------------------------------------


def _pick(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    x = rng.random() * sum(w for _c, w in table)
    for code, w in table:
        x -= w
        if x < 0:
            return code
    return table[-1][0]


_ISO: dict[int, str] = {}
_TS: dict[tuple[int, int], str] = {}


def _iso(day: int) -> str:
    s = _ISO.get(day)
    if s is None:
        s = _ISO[day] = dt.date.fromordinal(day).isoformat()
    return s


def _ts(day: int, minute: int = 600) -> str:
    """A timestamp on ``day`` at ``minute`` past midnight, as SQLAlchemy stores it."""
    key = (day, minute)
    s = _TS.get(key)
    if s is None:
        s = _TS[key] = f"{_iso(day)} {minute // 60:02d}:{minute % 60:02d}:00.000000"
    return s


def _ordinal(iso: str) -> int:
    return dt.date(int(iso[:4]), int(iso[5:7]), int(iso[8:10])).toordinal()


class _Ids:
    """UUIDv7 keys as bytes, one millisecond apart from ``clock`` on (as ``demo._Gen.uid``)."""

    def __init__(self, clock: int, rng: random.Random) -> None:
        self.clock = clock
        self._bits = rng.getrandbits

    def __call__(self) -> bytes:
        self.clock += 1
        r = self._bits(80)
        value = (
            ((self.clock & 0xFFFFFFFFFFFF) << 80)
            | (0x7 << 76)
            | (((r >> 62) & 0xFFF) << 64)
            | (0b10 << 62)
            | (r & ((1 << 62) - 1))
        )
        return value.to_bytes(16, "big")


#: A vacancy: the day it was registered, its id, its employer's, its profession.
_Vacancy = tuple[int, bytes, bytes, str]
#: Sorts after every vacancy registered on a day (for ``bisect``).
_LAST = b"\xff" * 16


@dataclass(slots=True)
class _Person:
    pid: bytes
    hid: bytes
    female: bool
    age: float  # years, on arrival
    working: bool  # of working age on arrival (reference data "working_age")
    profession: str | None
    arrival: int
    pos: int  # in the family


@dataclass(slots=True)
class _Family:
    hid: bytes
    arrival: int
    origin: str
    adults: list[_Person]  # 16 and older on arrival, in the family's order
    children: int


# ---- output ----------------------------------------------------------------------------------

_TAIL = "?,?,'demo',?,?,0"  # created_at, updated_at, updated_by, centre_id, version, deleted
_COMMON = "created_at, updated_at, updated_by, centre_id, version, deleted"
SQL: dict[str, str] = {
    "consultation": "INSERT INTO consultation (id, date, form, consultant, question, answer, "
    f"documents_given, follow_up_date, follow_up_done, {_COMMON}) VALUES (?,?,?,?,?,?,?,?,?,{_TAIL})",
    "consultation_topic": f"INSERT INTO consultation_topic (id, consultation_id, topic, {_COMMON}) "
    f"VALUES (?,?,?,{_TAIL})",
    "consultation_attendee": "INSERT INTO consultation_attendee (id, consultation_id, person_id, "
    f"household_id, {_COMMON}) VALUES (?,?,?,?,{_TAIL})",
    "course": "INSERT INTO course (id, kind, name_kk, name_ru, level, profession, hours, provider, "
    f"{_COMMON}) VALUES (?,?,?,?,?,?,?,?,{_TAIL})",
    "course_group": "INSERT INTO course_group (id, course_id, name, teacher, start_date, end_date, "
    f"weekdays, time_from, time_to, session_hours, room, capacity, {_COMMON}) "
    f"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,{_TAIL})",
    "course_session": f"INSERT INTO course_session (id, group_id, date, hours, {_COMMON}) "
    f"VALUES (?,?,?,?,{_TAIL})",
    "enrolment": "INSERT INTO enrolment (id, group_id, person_id, household_id, enrolled_on, "
    f"status, result_date, certificate_number, grade, drop_reason, {_COMMON}) "
    f"VALUES (?,?,?,?,?,?,?,?,?,?,{_TAIL})",
    "attendance": f"INSERT INTO attendance (id, session_id, enrolment_id, present, {_COMMON}) "
    f"VALUES (?,?,?,?,{_TAIL})",
    "employer": "INSERT INTO employer (id, name, bin, sector, address, contact_person, phone, "
    f"{_COMMON}) VALUES (?,?,?,?,?,?,?,{_TAIL})",
    "vacancy": "INSERT INTO vacancy (id, employer_id, profession, places, wage, conditions, "
    f"closed_on, {_COMMON}) VALUES (?,?,?,?,?,?,NULL,{_TAIL})",
    "referral": "INSERT INTO referral (id, person_id, household_id, number, date, target, "
    "employer_id, vacancy_id, profession, job_kind, staff, status, status_date, employed_on, "
    f"employment_kind, note, {_COMMON}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,{_TAIL})",
    "referral_step": f"INSERT INTO referral_step (id, referral_id, status, date, note, {_COMMON}) "
    f"VALUES (?,?,?,?,?,{_TAIL})",
    "employment_follow_up": "INSERT INTO employment_follow_up (id, referral_id, months, due_date, "
    f"checked_on, still_employed, note, {_COMMON}) VALUES (?,?,?,?,?,?,?,{_TAIL})",
}
#: Parents before children: a flush writes the tables in this order.
TABLES = tuple(SQL)


class _Out:
    """Rows waiting to be written; written in one transaction every ``batch`` rows."""

    def __init__(self, cur: Any, batch: int) -> None:
        self.cur = cur
        self.batch = batch
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        self.pending = 0
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows[table].append(row)
        self.pending += 1

    def maybe_flush(self) -> None:
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        cur = self.cur
        cur.execute("BEGIN IMMEDIATE")
        try:
            for table in TABLES:
                rows = self.rows[table]
                if rows:
                    cur.executemany(SQL[table], rows)
                    self.counts[table] += len(rows)
                    rows.clear()
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        self.pending = 0


# ---- the generator ---------------------------------------------------------------------------


@dataclass
class ServicesResult:
    """How many rows of each table were written."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def has_services(cur: Any) -> bool:
    """Whether the database holds any consultation, course or employer already."""
    return bool(
        cur.execute(
            "SELECT EXISTS (SELECT 1 FROM consultation) OR EXISTS (SELECT 1 FROM course) "
            "OR EXISTS (SELECT 1 FROM employer) OR EXISTS (SELECT 1 FROM referral)"
        ).fetchone()[0]
    )


def build(
    cur: Any,
    ref: ReferenceData,
    today: dt.date,
    seed: int,
    clock: int,
    centre: bytes | None,
    batch: int = 250_000,
) -> tuple[ServicesResult, int]:
    """Write the services of the register's people through the raw cursor ``cur`` (its own
    transactions). Returns what was written and the UUID clock after it."""
    g = _Services(cur, ref, today, seed, clock, centre, batch)
    g.load()
    g.consultations()
    g.courses()
    g.employment()
    g.out.flush()
    return ServicesResult(dict(g.out.counts)), g.uid.clock


class _Services:
    def __init__(
        self,
        cur: Any,
        ref: ReferenceData,
        today: dt.date,
        seed: int,
        clock: int,
        centre: bytes | None,
        batch: int,
    ) -> None:
        self.cur = cur
        self.ref = ref
        self.t = today.toordinal()
        self.rng = random.Random(seed * 1_000_033 + 5_077)
        self.uid = _Ids(clock, random.Random(seed * 7_919 + 104_729))
        self.centre = centre
        self.out = _Out(cur, batch)
        self.families: list[_Family] = []
        #: People who finished a course: course key → [(day, person)].
        self.completed: dict[str, list[tuple[int, _Person]]] = {}
        self.cert_seq: dict[int, int] = {}

    # -- the register

    def _cuts(self, arrival: str) -> tuple[str, str, str, str, str]:
        """Birth dates (ISO) that split the people arriving on ``arrival``: 16 and older on or
        before the first; of working age (reference data ``working_age``, by sex) after the
        pension cut and on or before the minimum-age cut — men's two, then women's two."""
        y, m, d = int(arrival[:4]), int(arrival[5:7]), int(arrival[8:10])
        on = dt.date(y, m, d)

        def cut(months: int) -> str:
            total = y * 12 + m - 1 - months
            return f"{total // 12:04d}-{total % 12 + 1:02d}-{d:02d}"

        ref = self.ref
        return (
            cut(16 * 12),
            cut(ref.working_age_min_years(Sex.MALE, on) * 12),
            cut(ref.pension_age_months(Sex.MALE, on)),
            cut(ref.working_age_min_years(Sex.FEMALE, on) * 12),
            cut(ref.pension_age_months(Sex.FEMALE, on)),
        )

    def load(self) -> None:
        """The register's families, in their order, with the members who were 16 or older when
        they arrived (a million people in a few seconds: dates are compared as ISO strings)."""
        cur = self.cur
        cuts: dict[str, tuple[str, str, str, str, str]] = {}
        families: dict[bytes, tuple[_Family, tuple[str, str, str, str, str], int, int, int]] = {}
        order: list[tuple[int, bytes]] = []
        for hid, num, arrival, origin in cur.execute(
            "SELECT id, num, arrival_date, origin_country FROM household WHERE deleted = 0"
        ):
            c = cuts.get(arrival)
            if c is None:
                c = cuts[arrival] = self._cuts(arrival)
            y, m, d = int(arrival[:4]), int(arrival[5:7]), int(arrival[8:10])
            fam = _Family(hid, dt.date(y, m, d).toordinal(), origin, [], 0)
            families[hid] = (fam, c, y, m, d)
            order.append((num, hid))
        female_code = Sex.FEMALE.value
        unsorted: set[bytes] = set()
        # In the table's order (an index on live rows would cost a lookup a row).
        for hid, pos, pid, sex, birth, profession, deleted in cur.execute(
            "SELECT household_id, position, id, sex, birth_date, profession, deleted FROM person"
        ):
            found = families.get(hid)
            if found is None or deleted:
                continue
            fam, (adult, low_m, high_m, low_f, high_f), y, m, d = found
            if birth > adult:
                fam.children += 1
                continue
            female = sex == female_code
            working = (high_f < birth <= low_f) if female else (high_m < birth <= low_m)
            age = y - int(birth[:4]) + ((m - int(birth[5:7])) * 31 + d - int(birth[8:10])) / 372
            adults = fam.adults
            if adults and adults[-1].pos > pos:
                unsorted.add(hid)
            adults.append(_Person(pid, hid, female, age, working, profession, fam.arrival, pos))
        for hid in unsorted:
            families[hid][0].adults.sort(key=lambda p: p.pos)
        order.sort()
        self.families = [families[hid][0] for _num, hid in order]

    # -- consultations

    def consultations(self) -> None:
        rng = self.rng
        t = self.t
        pool: list[tuple[int, int, _Person]] = []  # (ready day, sequence, person) for sessions
        for fam in self.families:
            adults = fam.adults
            if not adults:
                continue
            arrival = fam.arrival
            # The first visit, in the first weeks.
            if rng.random() < 0.85:
                day = arrival + min(int(rng.expovariate(1 / 6)), 40)
                if day <= t:
                    self._consultation(fam, day, first=True)
            # Later questions: citizenship, housing, work, …
            later = _pick(rng, ((0, 60), (1, 27), (2, 10), (3, 3)))
            for _i in range(later):
                day = arrival + 20 + int(rng.random() ** 1.7 * 1100)
                if day <= t:
                    self._consultation(fam, day, first=False)
            for p in adults:
                if rng.random() < (0.45 if p.age < 60 else 0.25):
                    day = arrival + rng.randint(2, 30)
                    if day <= t:
                        pool.append((day, len(pool), p))
            self.out.maybe_flush()
        self._group_sessions(pool)

    def _consultation(self, fam: _Family, day: int, first: bool) -> None:
        rng = self.rng
        adults = fam.adults
        if first:
            people = adults[:1] if len(adults) == 1 or rng.random() < 0.6 else adults[:2]
        elif len(adults) > 1 and rng.random() < 0.2:
            people = rng.sample(adults, 2)
        else:
            working = [p for p in adults if p.working] or adults
            people = [rng.choice(working)]
        table = FIRST_TOPICS if first else LATER_TOPICS
        topics = [_pick(rng, table)]
        if rng.random() < 0.25:
            extra = _pick(rng, table)
            if extra not in topics:
                topics.append(extra)
        if any(p.age >= 55 for p in people) and rng.random() < 0.3 and "pensions" not in topics:
            topics.append("pensions")
        if fam.children and rng.random() < 0.15 and "education_quota" not in topics:
            topics.append("education_quota")
        question, answer, docs = rng.choice(QA[topics[0]])
        phone = not first and len(people) == 1 and rng.random() < 0.25
        form = ConsultationForm.PHONE if phone else ConsultationForm.IN_PERSON
        minute = rng.randint(9 * 60, 17 * 60 + 30)
        follow: int | None = None
        done: int | None = None
        version = 1
        updated = day
        if rng.random() < 0.15:
            follow = day + rng.randint(3, 45)
            if follow <= self.t:
                late = self.t - follow
                # Most are done; a few recent ones, and a very few old ones, are not.
                if rng.random() < (0.99 if late > 60 else 0.9 if late > 14 else 0.3):
                    done = min(max(day, follow + rng.randint(-2, 7)), self.t)
                    version = 2
                    updated = done
        self._write_consultation(
            day,
            minute,
            form,
            rng.choice(CONSULTANTS),
            topics,
            people,
            question,
            answer,
            docs if rng.random() < 0.7 else "",
            follow,
            done,
            version,
            updated,
        )

    def _write_consultation(
        self,
        day: int,
        minute: int,
        form: ConsultationForm,
        consultant: str,
        topics: list[str],
        people: list[_Person],
        question: str,
        answer: str,
        docs: str,
        follow: int | None,
        done: int | None,
        version: int,
        updated: int,
    ) -> None:
        uid, out, centre = self.uid, self.out, self.centre
        created = _ts(day, minute)
        cid = uid()
        out.add(
            "consultation",
            (
                cid,
                _iso(day),
                form.value,
                consultant,
                question,
                answer,
                docs,
                None if follow is None else _iso(follow),
                None if done is None else _iso(done),
                created,
                created if updated == day else _ts(updated, 720),
                centre,
                version,
            ),
        )
        for code in topics:
            out.add("consultation_topic", (uid(), cid, code, created, created, centre, 1))
        for p in people:
            out.add(
                "consultation_attendee", (uid(), cid, p.pid, p.hid, created, created, centre, 1)
            )

    def _group_sessions(self, pool: list[tuple[int, int, _Person]]) -> None:
        """Information sessions for newcomers, 10 to 30 people of different families each."""
        rng = self.rng
        pool.sort(key=lambda x: (x[0], x[1]))
        i = 0
        n = len(pool)
        while i < n:
            size = rng.randint(10, 30)
            first = pool[i][0]
            j = i
            # Those who came within three weeks of the first, up to the session's size.
            while j < n and j - i < size and pool[j][0] <= first + 21:
                j += 1
            if j - i < 10:
                if n - i < 10:
                    break
                j = i + 10
            day = pool[j - 1][0] + rng.randint(0, 3)
            if day > self.t:
                break
            topics, question, answer, docs = rng.choice(GROUP_SESSIONS)
            self._write_consultation(
                day,
                rng.choice((10 * 60, 15 * 60)),
                ConsultationForm.GROUP,
                rng.choice(CONSULTANTS),
                list(topics),
                [p for _d, _s, p in pool[i:j]],
                question,
                answer,
                docs,
                None,
                None,
                1,
                day,
            )
            i = j
            self.out.maybe_flush()

    # -- courses

    def courses(self) -> None:
        rng = self.rng
        out, uid, centre = self.out, self.uid, self.centre
        opened = _ts(self.t - SPAN_DAYS - 30, 9 * 60)
        course_ids: dict[str, bytes] = {}
        for c in COURSES:
            course_ids[c.key] = cid = uid()
            out.add(
                "course",
                (
                    cid,
                    c.kind.value,
                    c.name_kk,
                    c.name_ru,
                    c.level,
                    c.profession,
                    c.hours,
                    c.provider,
                    opened,
                    opened,
                    centre,
                    1,
                ),
            )
        # Who asks for which course, and from when.
        demand: dict[str, list[tuple[int, int, _Person]]] = {c.key: [] for c in COURSES}
        kk_share = {"CN": 0.09, "MN": 0.07, "UZ": 0.055, "TM": 0.055}
        ru_share = {"CN": 0.035, "MN": 0.03}
        seq = 0
        for fam in self.families:
            for p in fam.adults:
                if p.age >= 60:
                    continue
                young = p.age < 45
                if rng.random() < kk_share.get(fam.origin, 0.04) * (1.0 if young else 0.7):
                    demand["kk_a1"].append((fam.arrival + rng.randint(7, 75), seq, p))
                if rng.random() < ru_share.get(fam.origin, 0.012):
                    demand["ru_a1"].append((fam.arrival + rng.randint(14, 120), seq, p))
                if p.age < 50 and rng.random() < 0.012:
                    demand["pc"].append((fam.arrival + rng.randint(14, 200), seq, p))
                if p.working and 18 <= p.age < 50 and rng.random() < 0.015:
                    table = tuple((k, wf if p.female else wm) for k, wm, wf in VOCATIONAL)
                    key = _pick(rng, table)
                    demand[key].append((fam.arrival + rng.randint(30, 240), seq, p))
                seq += 1
        for c in COURSES:
            wants = demand[c.key]
            if c.after is not None:
                for day, p in self.completed.get(c.after, ()):
                    if rng.random() < c.follow_share:
                        wants.append((day + rng.randint(5, 40), seq, p))
                        seq += 1
            wants.sort(key=lambda w: (w[0], w[1]))
            self._run_course(c, course_ids[c.key], wants)

    def _run_course(
        self, c: CourseSpec, course_id: bytes, wants: list[tuple[int, int, _Person]]
    ) -> None:
        """Groups of the course as demand comes: a group opens when it would be full, or when
        the first in line has waited ``gather_days`` and there are enough for a class.

        A small centre has smaller classes: the capacity is what about a ``gather_days`` of last
        year's demand fills (the course's own capacity at most), so its groups fill up too and
        some have a waiting list. Those still waiting when the next group opens (or when their
        group ends) are moved to it, first in line."""
        rng = self.rng
        t = self.t
        lately = sum(1 for w in wants if t - 365 < w[0] <= t)
        capacity = max(6, min(c.capacity, round(lately * c.gather / 365 * 1.2)))
        pending: deque[tuple[int, int, _Person]] = deque()
        back: list[tuple[int, int, _Person]] = []  # left a finished group's waiting list
        runs: list[_Run] = []  # groups whose waiting list may still move on
        i, n = 0, len(wants)
        min_size = max(4, capacity // 3)
        late, give_up = max(60, 2 * c.gather), max(150, 4 * c.gather)
        counter: dict[int, int] = {}
        slot = 0
        day = wants[0][0] if wants else t + 1
        while day <= t:
            while i < n and wants[i][0] <= day:
                pending.append(wants[i])
                i += 1
            if back:
                back.sort(key=lambda w: (w[0], w[1]))
                ready = [w for w in back if w[0] <= day]
                if ready:
                    back = [w for w in back if w[0] > day]
                    pending.extendleft(reversed(ready))
            waited = day - pending[0][0] if pending else 0
            if pending and (
                len(pending) >= capacity
                or (waited >= c.gather and len(pending) >= min_size)
                or (waited >= late and len(pending) >= 3)
            ):
                created = day
                # First those still waiting for a place in earlier groups, then those in line,
                # then those who ask until two weeks after the start; a few beyond the capacity
                # wait (until the next group opens).
                members: list[tuple[int, int, _Person]] = []
                still: list[_Run] = []
                for run in runs:
                    if run.last_join <= created:
                        members += self._transfer(run, min(created, run.end))
                        back += self._finish(run)
                    else:
                        still.append(run)
                runs = still
                room = capacity + _pick(rng, ((0, 50), (1, 15), (2, 15), (3, 10), (4, 10)))
                while pending and len(members) < room:
                    members.append(pending.popleft())
                while i < n and wants[i][0] <= created + 21 and len(members) < room:
                    members.append(wants[i])
                    i += 1
                start_year = dt.date.fromordinal(created).year
                counter[start_year] = counter.get(start_year, 0) + 1
                name = f"{c.prefix}-{start_year % 100:02d}/{counter[start_year]:02d}"
                slot += 1
                run = self._group(c, course_id, name, created, slot, capacity, members)
                if len(run.enrols) > capacity:
                    runs.append(run)
                else:
                    back += self._finish(run)
                self.out.maybe_flush()
                continue
            if pending and waited >= give_up:
                pending.popleft()  # gave up waiting
                continue
            nxt = [wants[i][0]] if i < n else []
            if back:
                nxt.append(min(w[0] for w in back))
            if pending:
                first = pending[0][0]
                nxt += [d for d in (first + c.gather, first + late, first + give_up) if d > day]
            if not nxt:
                break
            day = max(day + 1, min(nxt))
        for run in runs:
            self._finish(run)

    def _group(
        self,
        c: CourseSpec,
        course_id: bytes,
        name: str,
        created: int,
        slot: int,
        capacity: int,
        members: list[tuple[int, int, _Person]],
    ) -> _Run:
        """A new group with its lessons (written now) and the people who will enrol in it."""
        rng = self.rng
        t = self.t
        uid, out, centre = self.uid, self.out, self.centre
        weekdays = c.schedules[slot % len(c.schedules)]
        wd = set(weekdays)
        start = created + 7
        while dt.date.fromordinal(start).isoweekday() not in wd:
            start += 1
        lessons_n = round(c.hours / c.session_hours)
        lessons: list[int] = []
        d = start
        while len(lessons) < lessons_n:
            if dt.date.fromordinal(d).isoweekday() in wd:
                lessons.append(d)
            d += 1
        end = lessons[-1]
        slots = VOCATIONAL_SLOTS if c.kind is CourseKind.VOCATIONAL else TIME_SLOTS
        time_from, time_to = slots[slot % len(slots)]
        gid = uid()
        gts = _ts(created, 10 * 60)
        out.add(
            "course_group",
            (
                gid,
                course_id,
                name,
                c.teachers[slot % len(c.teachers)],
                _iso(start),
                _iso(end),
                ",".join(str(x) for x in weekdays),
                time_from,
                time_to,
                c.session_hours,
                c.rooms[slot % len(c.rooms)],
                capacity,
                gts,
                gts,
                centre,
                1,
            ),
        )
        lesson_ids = []
        for day in lessons:
            sid = uid()
            lesson_ids.append(sid)
            out.add("course_session", (sid, gid, _iso(day), c.session_hours, gts, gts, centre, 1))
        run = _Run(c, gid, capacity, start, end, lessons, lesson_ids, time_to)

        # Who enrols when (up to today), and who will leave during the course and when.
        joins = []
        for ready, s, p in members:
            on = max(ready, created) + rng.randint(0, 4)
            if ready > created + 7:
                on = ready  # asked after the group was opened
            if on <= t:
                joins.append((on, s, p))
        joins.sort(key=lambda j: (j[0], j[1]))
        run.enrols = [_Enrol(p, on, k) for k, (on, _s, p) in enumerate(joins)]
        run.last_join = joins[-1][0] if joins else created
        for e in run.enrols:
            e.p = rng.betavariate(9, 1.2) if rng.random() < 0.9 else rng.uniform(0.3, 0.8)
            run.events.append((e.enrolled_on, 0, e.index, e))
            if rng.random() < DROP_SHARE:
                k0 = bisect.bisect_left(lessons, e.enrolled_on)
                if k0 + 2 < len(lessons) - 2:
                    k = rng.randint(k0 + 2, len(lessons) - 3)
                    run.events.append((lessons[k] + rng.randint(0, 2), 1, e.index, e))
        run.events.sort(key=lambda ev: ev[:3])
        return run

    def _until(self, run: _Run, day: int) -> None:
        """The group's days up to ``day`` as the service sees them: an enrolment takes a free
        place or waits; a person leaving gives the place to the first in line (enrolled from
        that day)."""
        rng = self.rng
        events = run.events
        last = min(day, self.t)
        while run.next < len(events) and events[run.next][0] <= last:
            on, kind, _k, e = events[run.next]
            run.next += 1
            if kind == 0:
                if run.taken < run.capacity:
                    e.status = EnrolmentStatus.ENROLLED
                    e.was_enrolled = True
                    run.taken += 1
                else:
                    run.waiting.append(e)
            elif e.status is EnrolmentStatus.ENROLLED and on >= e.enrolled_on:
                e.leave(on, rng.choice(DROP_REASONS)[e.person.female])
                run.taken -= 1
                if run.waiting:
                    nxt = run.waiting.popleft()
                    nxt.status = EnrolmentStatus.ENROLLED
                    nxt.was_enrolled = True
                    nxt.enrolled_on = max(nxt.enrolled_on, on)
                    nxt.version += 1
                    nxt.updated = on
                    run.taken += 1

    def _transfer(self, run: _Run, day: int) -> list[tuple[int, int, _Person]]:
        """Those still waiting on ``day`` leave the list for the next group."""
        self._until(run, day)
        out = []
        while run.waiting:
            e = run.waiting.popleft()
            e.leave(day, TRANSFER_REASON)
            out.append((day, e.index, e.person))
        return out

    def _finish(self, run: _Run) -> list[tuple[int, int, _Person]]:
        """The rest of the group up to today: its days, the waiting list at its end, the marks
        of every lesson up to yesterday, the results; its enrolments and marks are written.
        Returns those moved from its waiting list at its end."""
        rng = self.rng
        t = self.t
        uid, out, centre = self.uid, self.out, self.centre
        c = run.course
        moved: list[tuple[int, int, _Person]] = []
        if run.end <= t:
            moved = self._transfer(run, run.end)
        self._until(run, t)
        lessons = run.lessons
        lesson_ts = [_ts(day, int(run.time_to[:2]) * 60 + 5) for day in lessons]
        lesson_ids = run.lesson_ids
        finish = run.end + rng.randint(0, 6)
        results_due = finish <= t
        att = out.rows["attendance"]
        for e in run.enrols:
            if not e.was_enrolled:
                continue
            stop = e.result_date if e.status is EnrolmentStatus.DROPPED else run.end + 1
            assert stop is not None
            k0 = bisect.bisect_left(lessons, e.enrolled_on)
            k1 = bisect.bisect_left(lessons, min(stop, t))
            present = 0
            marked = max(0, k1 - k0)
            eid = e.eid = uid()
            p_present = e.p
            random_ = rng.random
            for k in range(k0, k1):
                here = 1 if random_() < p_present else 0
                present += here
                ts = lesson_ts[k]
                att.append((uid(), lesson_ids[k], eid, here, ts, ts, centre, 1))
            out.pending += marked
            if results_due and e.status is EnrolmentStatus.ENROLLED:
                if marked and present >= marked / 2:
                    e.status = EnrolmentStatus.COMPLETED
                    e.result_date = finish
                    e.certificate = self._certificate(finish)
                    e.grade = _pick(
                        rng, TRADE_GRADES if c.kind is CourseKind.VOCATIONAL else LANGUAGE_GRADES
                    )
                    e.version += 1
                    e.updated = finish
                    self.completed.setdefault(c.key, []).append((finish, e.person))
                elif max(finish, run.end + 1) <= t:  # after the last lesson
                    e.leave(max(finish, run.end + 1), MISSED_REASON[e.person.female])
        for e in run.enrols:
            if not e.eid:
                e.eid = uid()
            p = e.person
            created = _ts(e.created, 9 * 60 + e.index)
            out.add(
                "enrolment",
                (
                    e.eid,
                    run.gid,
                    p.pid,
                    p.hid,
                    _iso(e.enrolled_on),
                    e.status.value,
                    None if e.result_date is None else _iso(e.result_date),
                    e.certificate,
                    e.grade,
                    e.reason,
                    created,
                    _ts(e.updated, 17 * 60 + e.index) if e.version > 1 else created,
                    centre,
                    e.version,
                ),
            )
        return moved

    def _certificate(self, day: int) -> str:
        year = dt.date.fromordinal(day).year
        self.cert_seq[year] = n = self.cert_seq.get(year, 0) + 1
        return f"{year}/{n:05d}"

    # -- employment

    def employment(self) -> None:
        rng = self.rng
        t = self.t
        out, uid, centre = self.out, self.uid, self.centre
        opened_day = t - SPAN_DAYS - 30
        opened = _ts(opened_day, 9 * 60)
        n_employers = max(12, min(1500, len(self.families) // 200))
        bins: set[str] = set()
        names: set[str] = set()
        serial = rng.randint(100, 5000)
        #: Vacancies by profession, by the day they were registered: (day, id, employer, code).
        by_profession: dict[str, list[_Vacancy]] = {}
        for k in range(n_employers):
            word = EMPLOYER_WORDS[k % len(EMPLOYER_WORDS)]
            suffix, sector, professions = SECTORS[rng.randrange(len(SECTORS))]
            form, kind = _pick(rng, tuple(((f, kd), w) for f, kd, w in FORMS))
            name = base = f"{form} «{word} {suffix}»"
            n = 1
            while name in names:
                n += 1
                name = f"{base[:-1]}-{n}»"
            names.add(name)
            number: str | None = None
            if form != "КХ" or rng.random() < 0.5:
                while number is None or number in bins:
                    serial += rng.randint(1, 40)
                    number = make_bin(
                        rng.randint(1996, 2022), rng.randint(1, 12), kind, serial % 100_000
                    )
                bins.add(number)
            eid = uid()
            out.add(
                "employer",
                (
                    eid,
                    name,
                    number,
                    sector,
                    f"{rng.choice(STREETS)}, {rng.randint(1, 80)}",
                    rng.choice(CONTACTS),
                    f"+7 7292 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    opened,
                    opened,
                    centre,
                    1,
                ),
            )
            for _v in range(rng.randint(1, 4)):
                profession = rng.choice(professions)
                created = opened_day + int(rng.random() ** 0.6 * (SPAN_DAYS + 25))
                vid = uid()
                by_profession.setdefault(profession, []).append((created, vid, eid, profession))
                vts = _ts(created, 9 * 60 + 30)
                out.add(
                    "vacancy",
                    (
                        vid,
                        eid,
                        profession,
                        rng.choice((1, 1, 2, 3, 5, 10)),
                        rng.choice((85_000, 120_000, 150_000, 180_000, 220_000, 300_000, 450_000)),
                        rng.choice(CONDITIONS),
                        vts,
                        vts,
                        centre,
                        1,
                    ),
                )
        for lst in by_profession.values():
            lst.sort()
        all_vacancies = sorted(v for lst in by_profession.values() for v in lst)

        # Who looks for a job, and from when.
        seekers: list[tuple[int, int, _Person, str | None]] = []
        for fam in self.families:
            for p in fam.adults:
                if not p.working or p.age < 18 or p.age >= 57 or p.profession == "student":
                    continue
                if rng.random() < (0.05 if p.female else 0.11):
                    day = fam.arrival + 20 + int(rng.random() ** 1.5 * 400)
                    seekers.append((day, len(seekers), p, None))
        for c in COURSES:
            if c.kind is CourseKind.VOCATIONAL:
                for day, p in self.completed.get(c.key, ()):
                    if rng.random() < 0.65:
                        seekers.append((day + rng.randint(3, 30), len(seekers), p, c.profession))
        seekers.sort(key=lambda s: (s[0], s[1]))

        referrals: list[_Referral] = []
        for day0, _s, p, trained in seekers:
            day = day0
            for _attempt in range(3):
                if day > t:
                    break
                r = self._referral(p, day, trained, len(referrals), by_profession, all_vacancies)
                referrals.append(r)
                if r.status in OPEN_OR_EMPLOYED or rng.random() > 0.45:
                    break
                day = r.status_date + rng.randint(7, 45)
        # Numbers are given in the order referrals are written, as the service does.
        referrals.sort(key=lambda r: (r.date, r.seq))
        first = int(self.cur.execute("SELECT coalesce(max(number), 0) FROM referral").fetchone()[0])
        for k, r in enumerate(referrals):
            self._write_referral(r, first + k + 1)
            out.maybe_flush()

    def _referral(
        self,
        p: _Person,
        day: int,
        trained: str | None,
        seq: int,
        by_profession: dict[str, list[_Vacancy]],
        all_vacancies: list[_Vacancy],
    ) -> _Referral:
        rng = self.rng
        t = self.t
        profession = trained or (
            p.profession if p.profession and p.profession not in NO_TRADE else None
        )
        employer: bytes | None = None
        vacancy: bytes | None = None
        target = ReferralTarget.EMPLOYMENT_CENTRE
        if rng.random() < 0.65:
            # A vacancy registered by then: of the person's trade if there is one.
            options = by_profession.get(profession or "", [])
            k = bisect.bisect_right(options, (day, _LAST))
            if k == 0 or rng.random() < 0.25:
                options = all_vacancies
                k = bisect.bisect_right(options, (day, _LAST))
            if k:
                _created, vacancy, employer, profession = options[rng.randrange(k)]
                target = ReferralTarget.EMPLOYER
        if target is ReferralTarget.EMPLOYMENT_CENTRE and profession is None:
            profession = "unskilled_worker" if rng.random() < 0.5 else None
        job: JobKind = _pick(rng, JOB_KINDS)
        if profession in SEASONAL and rng.random() < 0.5:
            job = JobKind.SEASONAL
        r = _Referral(
            seq=seq,
            person=p,
            date=day,
            target=target,
            employer=employer,
            vacancy=vacancy,
            profession=profession,
            job=job,
            staff=rng.choice(EMPLOYMENT_STAFF),
            status=ReferralStatus.REFERRED,
            status_date=day,
            steps=[(ReferralStatus.REFERRED, day, "")],
        )
        path: tuple[ReferralStatus, ...] = _pick(rng, PATHS)
        if t - day > 60 and rng.random() < 0.03:
            path = ()  # nobody recorded what came of it
        prev = day
        for status in path:
            if status is ReferralStatus.INTERVIEW:
                nxt = prev + rng.randint(2, 10)
            elif status is ReferralStatus.NO_ANSWER:
                nxt = prev + rng.randint(14, 30)
            elif status is ReferralStatus.EMPLOYED:
                nxt = prev + rng.randint(1, 14)
            else:
                nxt = prev + rng.randint(1, 10)
            if nxt > t:
                break  # not yet
            note = rng.choice(STEP_NOTES.get(status, ("",))).format(n=rng.randint(12, 480))
            r.steps.append((status, nxt, note))
            r.status = status
            r.status_date = nxt
            prev = nxt
            if status is ReferralStatus.EMPLOYED:
                r.employed_on = max(day, nxt - rng.randint(0, 3))
                r.employment_kind = job if rng.random() < 0.9 else _pick(rng, JOB_KINDS)
        return r

    def _write_referral(self, r: _Referral, number: int) -> None:
        rng = self.rng
        t = self.t
        uid, out, centre = self.uid, self.out, self.centre
        rid = uid()
        p = r.person
        out.add(
            "referral",
            (
                rid,
                p.pid,
                p.hid,
                number,
                _iso(r.date),
                r.target.value,
                r.employer,
                r.vacancy,
                r.profession,
                r.job.value,
                r.staff,
                r.status.value,
                _iso(r.status_date),
                None if r.employed_on is None else _iso(r.employed_on),
                None if r.employment_kind is None else r.employment_kind.value,
                "",
                _ts(r.date, 11 * 60),
                _ts(r.status_date, 11 * 60 + (0 if r.status_date == r.date else 15)),
                centre,
                len(r.steps),
            ),
        )
        for status, day, note in r.steps:
            sts = _ts(day, 11 * 60 + (0 if day == r.date else 15))
            out.add(
                "referral_step", (uid(), rid, status.value, _iso(day), note, sts, sts, centre, 1)
            )
        if r.employed_on is None:
            return
        employed = dt.date.fromordinal(r.employed_on)
        booked = _ts(r.status_date, 11 * 60 + 15)
        still = True
        for months in FOLLOW_UP_MONTHS:
            due = add_months(employed, months).toordinal()
            checked: int | None = None
            answer: bool | None = None
            note = ""
            late = t - due
            if late >= 0 and rng.random() < (0.995 if late > 60 else 0.9 if late > 20 else 0.35):
                checked = min(t, due + rng.randint(0, 14))
                still = still and rng.random() < (0.86 if months == 3 else 0.88)
                answer = still
                note = rng.choice(FOLLOW_UP_NOTES[still])
            out.add(
                "employment_follow_up",
                (
                    uid(),
                    rid,
                    months,
                    _iso(due),
                    None if checked is None else _iso(checked),
                    None if answer is None else (1 if answer else 0),
                    note,
                    booked,
                    booked if checked is None else _ts(checked, 12 * 60),
                    centre,
                    1 if checked is None else 2,
                ),
            )


@dataclass(slots=True)
class _Enrol:
    person: _Person
    enrolled_on: int
    index: int
    created: int = 0
    status: EnrolmentStatus = EnrolmentStatus.WAITING
    was_enrolled: bool = False
    result_date: int | None = None
    certificate: str = ""
    grade: str = ""
    reason: str = ""
    version: int = 1
    updated: int = 0
    p: float = 0.9  # how often the person comes
    eid: bytes = b""

    def __post_init__(self) -> None:
        self.created = self.updated = self.enrolled_on

    def leave(self, day: int, reason: str) -> None:
        self.status = EnrolmentStatus.DROPPED
        self.result_date = day
        self.reason = reason
        self.version += 1
        self.updated = day


@dataclass(slots=True)
class _Run:
    """A group of a course while its days are simulated."""

    course: CourseSpec
    gid: bytes
    capacity: int
    start: int
    end: int
    lessons: list[int]
    lesson_ids: list[bytes]
    time_to: str
    enrols: list[_Enrol] = field(default_factory=list)
    #: (day, 0 enrols / 1 leaves, order, enrolment), by day.
    events: list[tuple[int, int, int, _Enrol]] = field(default_factory=list)
    next: int = 0
    last_join: int = 0
    taken: int = 0
    waiting: deque[_Enrol] = field(default_factory=deque)


@dataclass(slots=True)
class _Referral:
    seq: int
    person: _Person
    date: int
    target: ReferralTarget
    employer: bytes | None
    vacancy: bytes | None
    profession: str | None
    job: JobKind
    staff: str
    status: ReferralStatus
    status_date: int
    steps: list[tuple[ReferralStatus, int, str]]
    employed_on: int | None = None
    employment_kind: JobKind | None = None
