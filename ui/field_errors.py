"""Validation messages shown under the fields they concern, in the language of the moment.

A form registers each field by the name the service uses in ``Problem.field`` (``name_kk``,
``valid_from``, ...). ``show(problems)`` marks those fields and writes the message under each; the
problems are kept, so ``retranslate()`` rewrites the messages after a language switch.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from oralman_desk.services.errors import Problem

from .widgets import error_label, mark_error


class FieldErrors:
    def __init__(self, general: QLabel | None = None) -> None:
        """``general`` receives the problems of fields that the form does not show."""
        self.general = general
        self._fields: dict[str, tuple[list[QWidget], QLabel, QWidget]] = {}
        self._problems: list[Problem] = []

    def wrap(self, name: str, widget: QWidget, *marks: QWidget) -> QWidget:
        """Return ``widget`` with a (hidden) message line under it; ``marks`` get the red border
        (``widget`` itself by default)."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        label = error_label()
        lay.addWidget(label)
        targets = list(marks) or [widget]
        for w in targets:
            # The error style sheet drops the native frame and its padding; keep the height so
            # that the form does not jump when a field is marked.
            w.setMinimumHeight(w.sizeHint().height())
        self._fields[name] = (targets, label, box)
        return box

    def clear(self) -> None:
        self._problems = []
        self._render()

    def show(self, problems: Sequence[Problem]) -> None:
        self._problems = list(problems)
        self._render()
        first = next((p for p in self._problems if p.field_name in self._fields), None)
        if first is not None:
            self._fields[first.field_name][0][0].setFocus()

    def message(self, name: str) -> str:
        return " ".join(p.message() for p in self._problems if p.field_name == name)

    def retranslate(self) -> None:
        self._render()

    def _render(self) -> None:
        for name, (marks, label, box) in self._fields.items():
            text = self.message(name)
            for w in marks:
                mark_error(w, text or None)
            label.setText(text)
            label.setVisible(bool(text))
            # A wrapped label's height depends on its width, which a form's (and a dialog's)
            # minimum size ignores: without an explicit minimum the message overlaps the next row
            # instead of pushing it down.
            width = box.width() if box.isVisible() else box.sizeHint().width()
            label.setMinimumHeight(label.heightForWidth(max(width, 120)) if text else 0)
        if self._fields:
            grow_to_fit(next(iter(self._fields.values()))[2])
        if self.general is not None:
            rest = [p.describe() for p in self._problems if p.field_name not in self._fields]
            self.general.setText("\n".join(rest))
            self.general.setVisible(bool(rest))


def grow_to_fit(widget: QWidget) -> None:
    """Make the dialog holding ``widget`` tall enough for its wrapped texts at its width.

    A layout's minimum size counts a word-wrapped label as one line, so a dialog whose messages
    appear (or whose labels get longer after a language switch) would squeeze its rows together.
    """
    win = widget.window()
    lay = win.layout()
    if not isinstance(win, QDialog) or lay is None or not lay.hasHeightForWidth():
        return
    lay.activate()
    need = lay.totalHeightForWidth(win.width())
    if need > win.height():
        win.resize(win.width(), need)
