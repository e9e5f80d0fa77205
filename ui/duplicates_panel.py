"""The side panel that shows likely duplicates with their score and reasons.

Duplicates are never merged: the worker sees the matches and either opens one or ticks "This is a
new person" for that member.
"""

from __future__ import annotations

from babel.numbers import format_percent
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.formatting import short_date
from oralman_desk.i18n import _, current_language, ngettext
from oralman_desk.services.intake import (
    DuplicateMatch,
)

from .person_form import (
    label,
)
from .qt_i18n import Retranslatable
from .widgets import WARNING_TEXT, scroll_area

# ---- the duplicates panel ------------------------------------------------------------------------


class DuplicatesPanel(Retranslatable, QWidget):
    """Likely duplicates of the person being entered: score, reasons, "Open", and the worker's
    decision "This is a new person". Shows; never decides."""

    open_person = Signal(object)
    confirm_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches: list[DuplicateMatch] | None = None
        self.checking = False
        self.needs_input = True
        self.decision_required = False
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.title.setFont(f)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.request = QLabel()
        self.request.setWordWrap(True)
        self.request.setStyleSheet(WARNING_TEXT + " font-weight: bold;")
        self.request.setVisible(False)
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.addStretch(1)
        scroll = scroll_area(self.cards)
        self.confirm = QCheckBox()
        self.confirm.setVisible(False)
        self.confirm.toggled.connect(self.confirm_toggled.emit)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.status)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.request)
        # Not stretched: a click beside the text would otherwise miss the box.
        lay.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignLeft)
        self.open_buttons: list[QPushButton] = []
        self.retranslate()

    def set_state(
        self,
        matches: list[DuplicateMatch] | None,
        *,
        checking: bool = False,
        needs_input: bool = False,
        confirmed: bool = False,
        decision_required: bool = False,
    ) -> None:
        self.matches = matches
        self.checking = checking
        self.needs_input = needs_input
        self.decision_required = decision_required
        self.confirm.blockSignals(True)
        self.confirm.setChecked(confirmed)
        self.confirm.blockSignals(False)
        self._rebuild()

    def retranslate(self) -> None:
        self.title.setText(_("Possible duplicates"))
        self.confirm.setText(_("This is a new person"))
        self.confirm.setToolTip(
            _("Tick this after comparing: the person is not one of those listed above.")
        )
        self._rebuild()

    def _rebuild(self) -> None:
        while self.cards_layout.count() > 1:
            item = self.cards_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.open_buttons = []
        matches = self.matches or []
        if self.checking:
            self.status.setText(_("Looking for people already registered…"))
        elif self.needs_input:
            self.status.setText(
                _(
                    "Enter the date of birth, the IIN or a document number: people already "
                    "registered with them are shown here."
                )
            )
        elif self.matches is None:
            self.status.setText("")
        elif not matches:
            self.status.setText(_("No similar people are registered."))
        else:
            self.status.setText(
                ngettext(
                    "{n} person already registered may be the same person. Compare before saving.",
                    "{n} people already registered may be the same person. Compare before saving.",
                    len(matches),
                ).format(n=len(matches))
            )
        for i, m in enumerate(matches):
            self.cards_layout.insertWidget(i, self._card(m))
        self.confirm.setVisible(bool(matches))
        self.request.setVisible(bool(matches) and self.decision_required)
        self.request.setText(
            _(
                "Saving waits for your decision: open the people listed to compare, and if this "
                "is someone else, tick “This is a new person” and save again."
            )
        )

    def _card(self, m: DuplicateMatch) -> QWidget:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(box)
        name = QLabel(m.full_name)
        f = name.font()
        f.setBold(True)
        name.setFont(f)
        name.setWordWrap(True)
        score = QLabel(format_percent(m.score, locale=current_language()))
        score.setFont(f)
        score.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        score.setToolTip(_("How sure the match is"))
        lines = []
        if m.latin_name:
            lines.append(m.latin_name)
        lines.append(f"{label('birth_date')}: {short_date(m.birth_date)}")
        if m.iin:
            lines.append(f"{label('iin')}: {m.iin}")
        lines.append(
            _("Person No. {num}, family No. {family}").format(num=m.num, family=m.household_num)
        )
        details = QLabel("\n".join(lines))
        details.setWordWrap(True)
        reasons = QLabel("\n".join("• " + _(r) for r in m.reasons))
        reasons.setWordWrap(True)
        reasons.setStyleSheet(WARNING_TEXT)
        open_button = QPushButton(_("Open"))
        open_button.setAutoDefault(False)
        open_button.setToolTip(_("Open this person's family card"))
        open_button.clicked.connect(lambda: self.open_person.emit(m.person_id))
        self.open_buttons.append(open_button)
        grid.addWidget(name, 0, 0)
        grid.addWidget(score, 0, 1)
        grid.addWidget(details, 1, 0, 1, 2)
        grid.addWidget(reasons, 2, 0, 1, 2)
        grid.addWidget(open_button, 3, 1)
        grid.setColumnStretch(0, 1)
        return box

    def text(self) -> str:
        """Everything the panel shows, as plain text (for tests and accessibility)."""
        parts = [self.status.text()]
        for lbl in self.cards.findChildren(QLabel):
            parts.append(lbl.text())
        return "\n".join(parts)
