"""Find text that a layout cuts off (or pushes out of sight to the right): the check behind the stretched pseudo-locale.

``cut_texts(window)`` lists every visible label, button, check box and group box whose text does
not fit in the room the layout gave it. The self-test runs it on every screen it photographs, and
the layout tests run the self-test with every translation made 40 % longer
(``oralman_desk.i18n.set_stretch``), so a Kazakh wording longer than today's still fits.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QScrollArea,
    QWidget,
)

#: Pixels of slack: styles round sizes differently.
SLACK = 2


def _inside_item_view(widget: QWidget, root: QWidget) -> bool:
    """A table's cell widgets get the column's width, which the user drags wider."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget, text: str, need: int, have: int, what: str) -> str:
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text!r}: needs {need} px {what}, has {have}"


def cut_texts(root: QWidget) -> list[str]:
    problems: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or _inside_item_view(w, root):
            continue
        if isinstance(w, QScrollArea) and w.horizontalScrollBar().isVisible():
            # A form scrolls down, never sideways: a field out of sight to the right is missed.
            inner = w.widget()
            need = inner.minimumSizeHint().width() if inner is not None else 0
            problems.append(_describe(w, "form", need, w.viewport().width(), "wide"))
        if isinstance(w, QLabel):
            text = w.text()
            if not text.strip():
                continue
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + SLACK:
                    problems.append(_describe(w, text, need, w.height(), "high"))
            else:
                need = w.minimumSizeHint().width()
                if need > w.width() + SLACK:
                    problems.append(_describe(w, text, need, w.width(), "wide"))
        elif isinstance(w, QAbstractButton) and w.text().strip():
            need = w.sizeHint().width()
            if need > w.width() + SLACK:
                problems.append(_describe(w, w.text(), need, w.width(), "wide"))
        elif isinstance(w, QGroupBox) and w.title().strip():
            need = w.minimumSizeHint().width()
            if need > w.width() + SLACK:
                problems.append(_describe(w, w.title(), need, w.width(), "wide"))
    return problems
