"""The occupancy board: colours by days left, drag a resident to another bed, check-out and
check-in through the dialogs, the needs-attention list and the family card's Placement tab."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import shiboken6
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from oralman_desk.identity import Sex
from oralman_desk.services.intake import IntakeService
from oralman_desk.services.placement import Assignment, PlacementService, RoomInput, add_months
from oralman_desk.services.placement_queries import board, household_placements
from tests.core.helpers import family, person
from ui.context import AppContext
from ui.family_card import FamilyCard
from ui.placement_dialogs import CheckInDialog, CheckOutDialog
from ui.placement_page import ENDING, OVERDUE, BoardView, PlacementPage

from .form_helpers import type_text
from .helpers import message_boxes, shot

__all__ = ["message_boxes"]

TODAY = dt.date.today()


class Centre:
    def __init__(self, ctx: AppContext) -> None:
        db = ctx.db
        svc = PlacementService(db)
        svc.add_room(RoomInput("А", 1, "101", "family", 3))
        svc.add_room(RoomInput("А", 1, "102", "men", 2))
        svc.add_room(RoomInput("Б", 2, "201", "women", 2))
        rooms = {r.number: r for r in board(db, TODAY).rooms}
        self.beds = {n: [b.bed_id for b in r.beds] for n, r in rooms.items()}
        intake = IntakeService(db)
        a = intake.register_household(
            family(
                person("Әбілов", "Нұрлан", birth=dt.date(1980, 1, 5)),
                person("Әбілова", "Гүлнар", Sex.FEMALE, birth=dt.date(1983, 6, 9)),
            ),
            confirmed_new=True,
        )
        b = intake.register_household(
            family(person("Серікбаев", "Дәулет", birth=dt.date(1975, 3, 3))), confirmed_new=True
        )
        c = intake.register_household(
            family(person("Құдайбергенова", "Сәуле", Sex.FEMALE, birth=dt.date(1990, 2, 2))),
            confirmed_new=True,
        )
        self.a, self.b, self.c = a, b, c
        # Family A ends in 10 days (amber); Дәулет is 3 days past his term (red).
        svc.check_in(
            a.household_id,
            [
                Assignment(a.person_ids[0], self.beds["101"][0]),
                Assignment(a.person_ids[1], self.beds["101"][1]),
            ],
            add_months(TODAY, -6) + dt.timedelta(days=10),
        )
        svc.check_in(
            b.household_id,
            [Assignment(b.person_ids[0], self.beds["102"][0])],
            add_months(TODAY, -6) - dt.timedelta(days=3),
        )
        svc.block_bed(self.beds["201"][1], TODAY - dt.timedelta(days=2), None, "Жөндеу")


@pytest.fixture
def centre(ctx: AppContext) -> Centre:
    return Centre(ctx)


@pytest.fixture
def view(ctx: AppContext, centre: Centre, qtbot, wait_idle):  # type: ignore[no-untyped-def]
    page = PlacementPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    wait_idle()
    yield page.board  # the page stays referenced (and alive) while the test runs


def closed(dialog) -> bool:  # type: ignore[no-untyped-def]
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def cell(view: BoardView, bed: uuid.UUID):  # type: ignore[no-untyped-def]
    pos = view.cell_of(bed)
    assert pos is not None
    return view.table.item(*pos)


def drop(view: BoardView, source: uuid.UUID, target: uuid.UUID) -> None:
    """What the mouse does at the end of a drag: the dragged bed's data lands on the target."""
    t = view.table
    data = t.mimeData([cell(view, source)])
    rect = t.visualItemRect(cell(view, target))
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    t.dropEvent(event)


def test_board_shows_rooms_beds_and_days_left_in_colour(view: BoardView, centre: Centre) -> None:
    first = cell(view, centre.beds["101"][0])
    left = (add_months(add_months(TODAY, -6) + dt.timedelta(days=10), 6) - TODAY).days
    assert "Әбілов Нұрлан" in first.text() and f"осталось {left} д" in first.text()
    assert first.background().color() == ENDING
    late = cell(view, centre.beds["102"][0])
    assert "Серікбаев Дәулет" in late.text() and "просрочено" in late.text()
    assert late.background().color() == OVERDUE
    assert "Жөндеу" in cell(view, centre.beds["201"][1]).text()
    assert "свободно" in cell(view, centre.beds["101"][2]).text()
    assert view.totals.text().startswith("Мест: 7, занято: 3, не используется: 1, свободно: 3")
    shot(view, "placement-board-ru")


def test_dragging_a_resident_to_a_free_bed_moves_them(
    view: BoardView, centre: Centre, ctx: AppContext, wait_idle, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    drop(view, centre.beds["101"][1], centre.beds["101"][2])  # Гүлнар to the third bed
    wait_idle()
    wait_idle()
    assert "Әбілова Гүлнар" in cell(view, centre.beds["101"][2]).text()
    assert "свободно" in cell(view, centre.beds["101"][1]).text()
    (stay,) = [
        p
        for p in household_placements(ctx.db, centre.a.household_id)
        if p.name.startswith("Әбілова")
    ]
    assert [s.bed for s in stay.segments] == ["2", "3"]
    # The same rules as a check-in: a woman cannot be moved into the men's room.
    drop(view, centre.beds["101"][2], centre.beds["102"][1])
    wait_idle()
    assert message_boxes and "Мужская комната" in message_boxes[-1]
    wait_idle()
    assert "свободно" in cell(view, centre.beds["102"][1]).text()
    assert message_boxes == message_boxes[:1]


def test_check_out_from_the_board_frees_the_bed(
    view: BoardView, centre: Centre, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    dialog = view.check_out(centre.beds["102"][0])
    assert isinstance(dialog, CheckOutDialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.isVisible()  # no reason chosen: the field is marked
    assert dialog.fields["checkout_reason"].property("error")
    dialog.reason.set_code("term_expired")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    assert "свободно" in cell(view, centre.beds["102"][0]).text()


def test_check_in_from_a_free_bed_finds_the_family_by_a_latin_spelling(
    view: BoardView, centre: Centre, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    dialog = view.check_in(centre.beds["201"][0])
    assert isinstance(dialog, CheckInDialog)
    type_text(qtbot, dialog.search, "Kudaibergenova Saule")
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=5000)
    dialog.choose_family(dialog.results.item(0).data(Qt.ItemDataRole.UserRole))
    wait_idle()
    assert len(dialog.rows) == 1
    _pid, box, combo = dialog.rows[0]
    assert box.isChecked() and combo.currentData() == centre.beds["201"][0]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    assert "Құдайбергенова Сәуле" in cell(view, centre.beds["201"][0]).text()


def test_attention_list_and_the_family_card_show_the_stays(
    ctx: AppContext, centre: Centre, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    page = PlacementPage(ctx)
    qtbot.addWidget(page)
    wait_idle()
    tree = page.attention.tree
    texts = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert texts == [
        "Проживание заканчивается в ближайшие 14 дней: 2",
        "Срок проживания истёк: 1",
        "Семьи в очереди на место: 0",
    ]
    card = FamilyCard(ctx)
    qtbot.addWidget(card)
    card.load(centre.a.household_id)
    wait_idle()
    assert card.placements.topLevelItemCount() == 2
    assert (
        card.placements.topLevelItem(0).text(1) == "А 101 · 1"
        or card.placements.topLevelItem(1).text(1) == "А 101 · 1"
    )
    assert card.check_out_button.isEnabled() and not card.waiting_button.isEnabled()


def test_the_duty_officers_list_is_printed_from_the_board(
    view: BoardView, centre: Centre, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.reports.helpers import pdf_text
    from ui import printing

    monkeypatch.setattr(printing, "AUTO_SAVE_DIR", tmp_path)
    qtbot.mouseClick(view.residents_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / f"prozhivayushchie-{TODAY.isoformat()}.pdf"
    qtbot.waitUntil(pdf.exists, timeout=10000)
    text = " ".join(pdf_text(pdf))
    assert "Список проживающих на" in text
    for name in ("Әбілов Нұрлан", "Әбілова Гүлнар", "Серікбаев Дәулет"):
        assert name in text
    assert "Құдайбергенова" not in text  # registered, not living in the centre
    assert "Всего проживающих: 3" in text
