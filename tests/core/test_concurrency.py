"""Two windows (two connections) saving at the same moment: both saves land, numbers stay unique."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from oralman_desk.db.database import Database
from oralman_desk.identity import Sex
from oralman_desk.services.intake import IntakeService

from .helpers import family, person


def test_simultaneous_registrations_queue_instead_of_failing(db_path: Path) -> None:
    errors: list[BaseException] = []
    saved: list[int] = []
    start = threading.Barrier(4)

    def worker(k: int) -> None:
        db = Database.open(db_path)
        db.user = f"window-{k}"
        svc = IntakeService(db)
        try:
            start.wait()
            for i in range(5):
                given = ("Алмас", "Дана", "Ерлан", "Жібек", "Тимур")[i]
                result = svc.register_household(
                    family(
                        person(f"Параллель{'абвг'[k]}", given, Sex.MALE, dt.date(1990, 1, 1 + i))
                    ),
                    confirmed_new=True,
                )
                saved.append(result.household_num)
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(saved) == 20 and len(set(saved)) == 20
