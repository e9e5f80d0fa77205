"""For the intake and family-card tests: typing Kazakh letters, settling layouts, screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` key event by key event. ``qtbot.keyClicks`` (``QTest.keyClicks``) takes
    ASCII only and aborts the process on any other character, so letters like ә, Қ or ұ are sent
    as key events that carry their text, which is what a keyboard layout produces."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def settle() -> None:
    """Run the layout passes that are queued (each may queue the next), before a screenshot.
    Not a wait: only events already posted are processed."""
    for _ in range(5):
        QApplication.processEvents()


SHOTS = Path("/tmp/ui-shots")


def shot(widget: QWidget, name: str) -> Path:
    """Save what the user sees of ``widget`` as /tmp/ui-shots/<name>.png, for a reviewer."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path
