"""Helpers for the UI tests: screenshots for reviewers, and a guard against modal message boxes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

SHOTS = Path("/tmp/ui-shots")


def shot(widget: QWidget, name: str) -> Path:
    """Save what the user sees of ``widget`` as /tmp/ui-shots/<name>.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), path
    return path


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Texts of the message boxes shown; a box would otherwise block the test in ``exec()``.

    A test that expects none gets a failure naming the unexpected message.
    """
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    yield shown
