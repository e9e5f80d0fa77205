"""What every screen needs: the open database, the reference data, and a change notifier."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

from oralman_desk.db.database import Database
from oralman_desk.services.reference import ReferenceData


class AppContext(QObject):
    """Shared by all screens of one window. Lives on the UI thread.

    ``changed`` is emitted after a service saved something (with the service's ``Saved`` result or
    ``None``), so that lists and cards refresh only what they show. ``reference_changed`` after an
    edit of reference data (combo boxes reload).
    """

    changed = Signal(object)
    reference_changed = Signal()

    def __init__(
        self, db: Database, settings: QSettings | None = None, ref: ReferenceData | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.ref = ref or ReferenceData.load(db)
        self.settings = settings or QSettings("OralmanDesk", "OralmanDesk")
        #: Whether a journal has had the mark's statements prepared (once per database engine:
        #: SQLAlchemy keeps compiled statements per engine, whatever the group).
        self.marking_prepared = False

    def reload_reference(self) -> None:
        self.ref = ReferenceData.load(self.db)
        self.reference_changed.emit()
