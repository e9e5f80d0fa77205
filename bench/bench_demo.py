"""Where ``demo-data``'s time goes, phase by phase, on this machine.

    python bench/bench_demo.py --families 281691 --db bench/out/demo-1m.db   # ≈ 1,053,000 people

Generates into a new database (removed first) in this process, as ``demo-data`` does, and times
its phases: the register (families, members, documents, status steps, search index) with the
rooms and stays, then the services (``demo_services``: consultations, courses with attendance,
employment), then the adaptation plans (``demo_plans``). Issue 2's target (under 3 minutes for
1,000,000 people) was set for the register; the services and plans came with issue 5.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=281_691)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "demo-1m.db")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import oralman_desk.demo as demo
    from oralman_desk.db.database import Database
    from oralman_desk.services.centre import CentreInput, CentreService

    phases: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def run(*a: Any, **k: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                phases[name] = time.perf_counter() - started

        return run

    demo.build_services = timed("services", demo.build_services)
    demo.build_plans = timed("plans", demo.build_plans)
    for suffix in ("", "-wal", "-shm"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    db = Database.open(args.db)
    db.user = "bench"
    CentreService(db).set_up(
        CentreInput(
            name_kk="Бенчмарк орталығы",
            name_ru="Центр для замеров",
            centre_type="caio",
            region_code="47",
        )
    )
    started = time.perf_counter()
    result = demo.generate(db, args.families, seed=args.seed)
    total = time.perf_counter() - started
    db.close()
    register = total - phases.get("services", 0) - phases.get("plans", 0)
    print(f"demo-data: {result.families:,} families, {result.people:,} people in {total:.1f} s")
    print(f"  register with rooms and stays: {register:.1f} s (issue 2: < 180 s at 1,000,000)")
    print(f"  services: {phases.get('services', 0):.1f} s")
    print(f"  plans: {phases.get('plans', 0):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
