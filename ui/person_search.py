"""Finding a person in a dialog: a search field (any spelling, IIN, document number) and the list
of matches under it, searched on a worker 300 ms after the last keystroke."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from oralman_desk.formatting import short_date
from oralman_desk.i18n import _
from oralman_desk.names import join_name
from oralman_desk.services.search import search_people

from .context import AppContext
from .worker import Op

#: Each match carries (person id, full name).
PERSON_ROLE = Qt.ItemDataRole.UserRole


class PersonSearch(QObject):
    def __init__(
        self, ctx: AppContext, owner: QWidget, limit: int = 30, select_first: bool = True
    ) -> None:
        super().__init__(owner)
        self.ctx, self.owner, self.limit, self.select_first = ctx, owner, limit, select_first
        self.find = QLineEdit()
        self.found = QListWidget()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._search)
        self.find.textChanged.connect(self._changed)

    def _changed(self, _text: str) -> None:
        self.found.clear()  # matches of an older text are not offered for the new one
        self._timer.start()

    def _search(self) -> None:
        text = self.find.text().strip()
        if len(text) < 2:
            return
        db, limit = self.ctx.db, self.limit
        Op(self.owner, lambda: search_people(db, text, limit=limit)).success(
            lambda hits, t=text: self._show(t, hits)
        ).run()

    def _show(self, text: str, hits: object) -> None:
        if text != self.find.text().strip():
            return  # typed on since
        assert isinstance(hits, list)
        self.found.clear()
        for h in hits:
            name = join_name(h.surname, h.given_name, h.patronymic)
            it = QListWidgetItem(
                _("{name}, born {date}, family No. {num}").format(
                    name=name, date=short_date(h.birth_date), num=h.household_num
                )
            )
            it.setData(PERSON_ROLE, (h.id, name))
            self.found.addItem(it)
        if self.select_first and self.found.count():
            self.found.setCurrentRow(0)

    def set_person(self, person_id: uuid.UUID, name: str) -> None:
        """Offer one person already known (started from a family card or a plan)."""
        it = QListWidgetItem(name)
        it.setData(PERSON_ROLE, (person_id, name))
        self.found.addItem(it)
        self.found.setCurrentRow(0)

    @staticmethod
    def person_of(item: QListWidgetItem | None) -> tuple[uuid.UUID, str] | None:
        value = item.data(PERSON_ROLE) if item is not None else None
        return (value[0], value[1]) if isinstance(value, tuple) else None

    def person_id(self) -> uuid.UUID | None:
        chosen = self.person_of(self.found.currentItem())
        return chosen[0] if chosen else None

    def retranslate(self) -> None:
        self.find.setPlaceholderText(_("Name in any spelling, IIN or document number"))
