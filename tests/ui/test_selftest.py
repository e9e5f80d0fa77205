"""The installers' and reviewers' self-test: every area and the main dialogs in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_opens_every_screen_in_both_languages(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "oralman_desk", "--self-test", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=240,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    for lang in ("kk", "ru"):
        for name in (
            "area-register",
            "area-reference",
            "area-settings",
            "family-card",
            "intake",
            "first-start",
        ):
            assert f"{lang}-{name}.png" in shots
