"""The list of residents on a date: who is in it, in Kazakh and in Russian, over several pages."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from oralman_desk.db.database import Database
from oralman_desk.identity import Sex
from oralman_desk.services.intake import IntakeService, PersonInput
from oralman_desk.services.placement import Assignment, PlacementService, RoomInput
from oralman_desk.services.placement_queries import Resident, board
from reports.residents import build_residents_pdf, render_residents_pdf
from tests.core.helpers import family, person

from .helpers import pdf_text

D = dt.date
DAY = D(2026, 2, 20)

SURNAMES = (
    "Нұрғалиев",
    "Әбдірахманов",
    "Құрманғалиев",
    "Өтепбергенов",
    "Жақсыбеков",
    "Тұрсынбаев",
    "Ғабдуллин",
    "Үсенов",
    "Шәріпов",
    "Төлеубаев",
    "Серікбаев",
    "Әлімжанов",
    "Жұмабаев",
    "Қасымов",
    "Мұқанов",
    "Бекмұхамбетов",
    "Ерғалиев",
    "Сейітқалиев",
    "Ахметов",
    "Дәулетбаев",
)
MEN = ("Ерлан", "Бауыржан", "Ғалым", "Дәулет", "Қуаныш", "Өркен", "Нұрлан", "Серік", "Әділ", "Ұлан")
WOMEN = ("Ұлжан", "Әсел", "Айгерім", "Ботагөз", "Мөлдір", "Ақерке", "Іңкәр", "Үміт", "Гүлнар")


def register(db: Database, *members: PersonInput) -> tuple[uuid.UUID, list[uuid.UUID]]:
    saved = IntakeService(db).register_household(family(*members), confirmed_new=True)
    return saved.household_id, list(saved.person_ids)


def family_rooms(db: Database, count: int) -> list[list[uuid.UUID]]:
    """``count`` family rooms of four beds, half in building А and half in Б."""
    svc = PlacementService(db)
    ids = []
    for i in range(count):
        building = "А" if i < (count + 1) // 2 else "Б"
        ids.append(svc.add_room(RoomInput(building, 1 + i % 3, str(101 + i), "family", 4)))
    rooms = {r.room_id: r for r in board(db, DAY).rooms}
    return [[b.bed_id for b in rooms[rid].beds] for rid in ids]


def four(i: int) -> list[PersonInput]:
    """A family of four: the parents and two children, with Kazakh letters in every name."""
    surname = SURNAMES[i % len(SURNAMES)]
    father = MEN[i % len(MEN)]
    return [
        person(surname, father, Sex.MALE, D(1980 + i % 10, 1 + i % 12, 3), patronymic="Бақытұлы"),
        person(
            surname + "а",
            WOMEN[i % len(WOMEN)],
            Sex.FEMALE,
            D(1983 + i % 8, 1 + (i + 5) % 12, 17),
            relation="spouse",
        ),
        person(surname, MEN[(i + 3) % len(MEN)], Sex.MALE, D(2010 + i % 6, 6, 1), relation="son"),
        person(
            surname + "а",
            WOMEN[(i + 2) % len(WOMEN)],
            Sex.FEMALE,
            D(2014 + i % 5, 9, 25),
            relation="daughter",
        ),
    ]


def settle(
    db: Database, beds: list[uuid.UUID], members: list[PersonInput], day: dt.date
) -> list[uuid.UUID]:
    hid, people = register(db, *members)
    return PlacementService(db).check_in(
        hid, [Assignment(p, b) for p, b in zip(people, beds, strict=False)], day
    )


def render(db: Database, lang: str, day: dt.date = DAY, **kw: str) -> tuple[int, bytes]:
    buf = io.BytesIO()
    pages = render_residents_pdf(db, day, lang, buf, **kw)
    return pages, buf.getvalue()


@pytest.fixture
def small(db: Database) -> None:
    """Two families living there on the day, one gone before it, one arriving after it."""
    rooms = family_rooms(db, 4)
    settle(
        db,
        rooms[0],
        [
            person("Нұрғалиев", "Ерлан", patronymic="Бақытұлы"),
            person("Нұрғалиева", "Ұлжан", Sex.FEMALE, D(1987, 5, 2), relation="spouse"),
        ],
        D(2026, 1, 12),
    )
    settle(db, rooms[1], [person("Әбдірахманова", "Ақерке", Sex.FEMALE, D(1992, 11, 30))], DAY)
    gone = settle(
        db, rooms[2], [person("Өтепбергенов", "Ғалым", birth=D(1979, 2, 8))], D(2026, 1, 5)
    )
    PlacementService(db).check_out(gone, D(2026, 2, 14), "housing")
    # Leaves on the day itself: the night of the 20th is no longer theirs.
    leaving = settle(
        db, rooms[2][1:], [person("Қасымов", "Дәулет", birth=D(1990, 7, 7))], D(2026, 1, 5)
    )
    PlacementService(db).check_out(leaving, DAY, "housing")
    settle(db, rooms[3], [person("Тұрсынбаев", "Серік", birth=D(1975, 4, 4))], D(2026, 2, 21))


def test_the_list_names_who_lives_there_on_the_day_in_kazakh(db: Database, small: None) -> None:
    pages, data = render(db, "kk")
    assert pages == 1
    (text,) = pdf_text(data)
    assert "Ақтау қаласының қандастарды бейімдеу орталығы" in text
    assert "2026 жылғы 20 ақпандағы жағдай бойынша тұрғындар тізімі" in text
    assert "Нұрғалиев Ерлан Бақытұлы" in text
    assert "Нұрғалиева Ұлжан" in text
    assert "Әбдірахманова Ақерке" in text
    for absent in ("Өтепбергенов", "Қасымов", "Тұрсынбаев"):
        assert absent not in text
    assert "Туған күні" in text and "Төсек-орын" in text
    assert "12.01.2026" in text and "12.07.2026" in text  # checked in; six months for a ЦАИО
    assert "Тұрғындардың жалпы саны: 3" in text
    assert "Кезекші" in text
    assert "Бет 1 / 1" in text


def test_the_list_names_who_lives_there_on_the_day_in_russian(db: Database, small: None) -> None:
    pages, data = render(db, "ru")
    assert pages == 1
    (text,) = pdf_text(data)
    assert "Центр адаптации кандасов города Актау" in text
    assert "Список проживающих на 20 февраля 2026 г." in text
    assert "Нұрғалиев Ерлан Бақытұлы" in text
    assert "Әбдірахманова Ақерке" in text
    for absent in ("Өтепбергенов", "Қасымов", "Тұрсынбаев"):
        assert absent not in text
    assert "Дата рождения" in text and "Койко-место" in text
    assert "Всего проживающих: 3" in text
    assert "Дежурный" in text
    assert "Стр. 1 из 1" in text


def test_a_given_centre_name_replaces_the_registered_one(db: Database, small: None) -> None:
    _, data = render(db, "ru", centre_name="ЦАИО № 2")
    (text,) = pdf_text(data)
    assert "ЦАИО № 2" in text
    assert "Актау" not in text


def test_an_empty_centre_gets_a_sentence_instead_of_a_table(db: Database) -> None:
    pages, data = render(db, "ru")
    assert pages == 1
    (text,) = pdf_text(data)
    assert "На 20 февраля 2026 г. в центре никто не проживает." in text
    assert "Дата рождения" not in text
    assert "Дежурный" in text
    _, data = render(db, "kk")
    (text,) = pdf_text(data)
    assert "2026 жылғы 20 ақпандағы жағдай бойынша орталықта ешкім тұрмайды." in text


def test_eighty_residents_run_over_pages_with_the_header_on_each(
    db: Database, tmp_path: Path
) -> None:
    rooms = family_rooms(db, 20)
    for i, beds in enumerate(rooms):
        settle(db, beds, four(i), D(2026, 1, 1 + i))
    out = tmp_path / "residents.pdf"
    pages = render_residents_pdf(db, DAY, "ru", out)
    texts = pdf_text(out)
    assert pages == len(texts) > 1
    for n, text in enumerate(texts, 1):
        assert text.count("Дата рождения") == 1, n
        assert text.count("ФИО") == 1, n
        assert f"Стр. {n} из {pages}" in text
    everything = "\n".join(texts)
    assert "Всего проживающих: 80" in everything
    assert "Всего проживающих" in texts[-1] and "Дежурный" in texts[-1]
    for i in range(20):
        assert f"{SURNAMES[i]} {MEN[i % len(MEN)]} Бақытұлы" in everything
    # Numbered 1…80 in building, then room order.
    assert everything.index("Нұрғалиев Ерлан") < everything.index("Дәулетбаев")

    kk_pages, kk = render(db, "kk")
    kk_texts = pdf_text(kk)
    assert kk_pages == len(kk_texts) > 1
    for n, text in enumerate(kk_texts, 1):
        assert text.count("Туған күні") == 1, n
        assert f"Бет {n} / {kk_pages}" in text


def test_pt_sans_is_embedded(db: Database, small: None) -> None:
    _, data = render(db, "kk")
    reader = PdfReader(io.BytesIO(data))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font: Any = ref.get_object()
            descendant: Any = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor: Any = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts
    assert all("PTSans" in name for name in fonts), fonts
    assert all(fonts.values()), fonts
    assert any("PTSans-Bold" in name for name in fonts)


def test_the_total_and_the_signature_never_stand_alone_on_the_last_page() -> None:
    """Whatever the count, the last page carries some rows of the list (with its header) above
    the total and the signature."""
    rows = [
        Resident(
            "А",
            1,
            str(100 + i // 4),
            str(1 + i % 4),
            f"Сейітқалиев Нұрлан {i:03d}",
            D(1990, 1, 1),
            i // 4 + 1,
            D(2026, 1, 10),
            D(2026, 7, 10),
        )
        for i in range(95)
    ]
    page_counts = set()
    for n in range(76, 92):
        buf = io.BytesIO()
        pages = build_residents_pdf(rows[:n], DAY, "ru", buf)
        texts = pdf_text(buf.getvalue())
        assert pages == len(texts) >= 2
        last = texts[-1]
        assert f"Сейітқалиев Нұрлан {n - 1:03d}" in last, n
        page_counts.add(pages)
        assert last.count("Дата рождения") == 1, n
        assert f"Всего проживающих: {n}" in last, n
    # The range crosses the point where the closing lines no longer fit under the rows of page 2
    # (80…84 rows: without care they would have a page 3 to themselves).
    assert page_counts == {2, 3}


def test_the_centre_chooses_the_columns_of_its_list(db: Database, small: None) -> None:
    from dataclasses import replace

    from reports.definitions import DefinitionError, Text, get_definition, list_definitions
    from reports.list_definition import (
        ListColumn,
        residents_definition,
        save_residents_definition,
        shipped_list,
    )

    shipped = shipped_list()
    assert residents_definition(db) == shipped
    by_field = {c.field: c for c in shipped.columns}
    # The name first, relabelled; no bed; the days left added after the planned end.
    mine = replace(
        shipped,
        title=Text("{date} тұрғындар", "Проживают на {date}"),
        columns=(
            replace(by_field["name"], heading=Text("Тұрғын", "Проживающий")),
            by_field["number"],
            by_field["room"],
            by_field["planned_end"],
            ListColumn("days_left", Text("Қалған күн", "Осталось дней"), 15),
        ),
    )
    save_residents_definition(db, mine)
    assert residents_definition(db).columns == mine.columns
    # It is not mistaken for a monitoring report of the centre's own.
    assert all(getattr(d, "key", None) != "residents" for d in list_definitions(db))

    _pages, data = render(db, "ru")
    (text,) = pdf_text(data)
    assert "Проживают на 20 февраля 2026 г." in text
    assert "Койко-место" not in text and "Дата рождения" not in text
    heads = ["Проживающий", "№", "Корпус / комната", "Плановое окончание", "Осталось дней"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)
    with pytest.raises(DefinitionError):  # the list is not a table of indicators
        get_definition(db, "residents")


def test_a_list_with_an_unknown_column_is_refused_naming_it() -> None:
    from reports.definitions import DefinitionError
    from reports.list_definition import parse_list, shipped_list, to_dict

    data = to_dict(shipped_list())
    data["columns"].append({"field": "passport", "label": {"kk": "Паспорт", "ru": "Паспорт"}})
    with pytest.raises(DefinitionError) as exc:
        parse_list(data)
    (message,) = exc.value.messages("ru")
    assert "passport" in message and "days_left" in message
    data = to_dict(shipped_list())
    data["columns"][3]["width"] = 40  # no column left to take the rest of the page
    with pytest.raises(DefinitionError) as exc:
        parse_list(data)
    assert exc.value.messages("kk")
