"""Long Kazakh labels fit: the layout check, and every screen under the stretched pseudo-locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from ui.layout_check import cut_texts

ROOT = Path(__file__).resolve().parents[2]


def test_the_check_sees_a_cut_label_and_a_form_that_scrolls_sideways(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QWidget()
    qtbot.addWidget(box)
    label = QLabel("Қоныстануды жоспарлаған өңірі", box)
    label.setGeometry(0, 0, 40, 20)
    box.show()
    problems = cut_texts(box)
    assert len(problems) == 1 and "Қоныстануды" in problems[0]
    label.resize(label.sizeHint())
    assert cut_texts(box) == []

    window = QWidget()
    qtbot.addWidget(window)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    inner = QWidget()
    form = QFormLayout(inner)
    field = QLineEdit()
    field.setMinimumWidth(900)
    form.addRow("Тегі", field)
    scroll.setWidget(inner)
    QVBoxLayout(window).addWidget(scroll)
    window.resize(400, 300)
    window.show()
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().isVisible())
    assert any("form" in p for p in cut_texts(window))


def test_every_screen_fits_translations_forty_percent_longer(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORALMAN_DESK_STRETCH": "0.4"}
    out = subprocess.run(
        [sys.executable, "-m", "oralman_desk", "--self-test", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=240,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "cut off" not in out.stdout
    assert len(list(tmp_path.glob("*.png"))) >= 20
