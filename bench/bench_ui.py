"""Benchmarks of the desktop application (issue 3), on generated data, on this machine.

    QT_QPA_PLATFORM=offscreen python bench/bench_ui.py

1. Start-up: from process start to an interactive main window on a 100,000-person database, against a
   bare PySide6 window that opens the same SQLite file (median of several runs each; the ratio).
2. Search as you type at 1,000,000 people: from the end of the debounce to the rows on screen.
3. Scrolling the register top to bottom at 1,000,000 people: the longest event-loop stall and the
   process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BARE = r"""
import sys, time, sqlite3
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
con = sqlite3.connect(sys.argv[1])
con.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1366, 800); w.show()
QTimer.singleShot(0, lambda: (print(f"window {time.time():.4f}", flush=True), app.quit()))
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launching ``cmd`` to each event it prints as "<event> <epoch seconds>"."""
    t = time.time()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT, text=True)
    events = {}
    for line in out.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        try:
            events[name] = float(stamp) - t
        except ValueError:
            continue
    return events


def bench_startup(db: Path, runs: int) -> None:
    from bench_core import build

    build(db, 100_000, fresh=False)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "ORALMAN_DESK_EXIT_WHEN_SHOWN": "1",
        "ORALMAN_DESK_LANG": "kk",
    }
    app_cmd = [sys.executable, "-m", "oralman_desk", "--db", str(db)]
    bare_cmd = [sys.executable, "-c", BARE, str(db)]
    timed(app_cmd, env)  # warm the file cache for both
    windows, registers, bares = [], [], []
    for _ in range(runs):
        ev = timed(app_cmd, env)
        windows.append(ev["window"])
        registers.append(ev["register"])
        bares.append(timed(bare_cmd, env)["window"])
    a, r, b = (statistics.median(x) for x in (windows, registers, bares))
    print(
        f"start-up at 100,000 people (process launch to event, medians of {runs} runs): "
        f"main window interactive {a:.2f} s (target < 2 s); register filled {r:.2f} s; "
        f"bare PySide6 window opening the same file {b:.2f} s; ratio {a / b:.2f} (target <= 1.5)"
    )


def bench_interactive(db: Path) -> None:
    from bench_core import build

    build(db, 1_000_000, fresh=False)
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from oralman_desk.db.database import Database
    from ui import worker
    from ui.context import AppContext
    from ui.register import RegisterPage

    app = QApplication.instance() or QApplication([])
    database = Database.open(db)
    ctx = AppContext(database)
    page = RegisterPage(ctx)
    page.resize(1366, 800)
    page.show()

    def settle() -> None:
        while worker.pending():
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()

    settle()
    from ui.app import freeze_startup_objects

    freeze_startup_objects()  # as the application does once the register is filled
    print(f"register at {page.model.rowCount():,} people")
    # Search as you type: the page's own debounce timer fires, then measure until rows are shown.
    import sqlite3

    con = sqlite3.connect(db)
    names = [
        r[0] + " " + r[1][:3]
        for r in con.execute(
            "SELECT surname, given_name FROM person WHERE rowid % 50021 = 0 LIMIT 20"
        )
    ]
    names += [
        r[0]
        for r in con.execute(
            "SELECT substr(iin, 1, 8) FROM person WHERE iin IS NOT NULL AND rowid % 70001 = 0 LIMIT 10"
        )
    ]
    con.close()
    times = []
    for q in names:
        page.search.setText(q)
        page._timer.stop()
        t = time.perf_counter()
        page.apply_filter()
        settle()
        page.table.viewport().repaint()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(
        f"search as you type: median {statistics.median(times):.0f} ms, max {times[-1]:.0f} ms "
        f"after the debounce, over {len(times)} queries (target < 100 ms)"
    )
    page.search.setText("")
    page.apply_filter()
    settle()
    # Scroll top to bottom in steps of a screenful; a timer measures event-loop stalls.
    bar = page.table.verticalScrollBar()
    stalls: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        stalls.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    step = max(1, bar.pageStep())
    t = time.perf_counter()
    pos = 0
    while pos < bar.maximum():
        pos = min(bar.maximum(), pos + step * 40)
        bar.setValue(pos)
        app.processEvents()
    for _ in range(3):
        app.processEvents()
    timer.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"scroll top to bottom: {time.perf_counter() - t:.1f} s, longest event-loop stall "
        f"{max(stalls):.0f} ms (target < 100 ms), peak memory {rss:.0f} MB (target < 400 MB)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db100k", type=Path, default=ROOT / "bench" / "out" / "core-100k.db")
    ap.add_argument("--db1m", type=Path, default=ROOT / "bench" / "out" / "core-1m-final.db")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    bench_startup(args.db100k, args.runs)
    bench_interactive(args.db1m)
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter-exit teardown of the benchmark's widgets


if __name__ == "__main__":
    main()
