"""The application's icon and the About box (Help → About): name, version, where the data lives.

The icon is drawn once as ``resources/icons/oralman-desk.svg``; the installers' build renders PNG
sizes beside it (``installer/make_icons.py``), which a frozen build uses. A checkout has only the SVG,
which Qt draws at any size.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from oralman_desk.i18n import _
from oralman_desk.paths import default_db_path, resources_dir
from oralman_desk.version import version

from .qt_i18n import Retranslatable

ICON_NAME = "oralman-desk"


def app_icon() -> QIcon:
    folder = resources_dir() / "icons"
    icon = QIcon()
    for png in sorted(folder.glob(f"{ICON_NAME}-*.png")):
        icon.addFile(str(png))
    svg = folder / f"{ICON_NAME}.svg"
    if icon.isNull() and svg.is_file():
        icon = QIcon(str(svg))
    return icon


class AboutDialog(Retranslatable, QDialog):
    def __init__(self, db_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path or default_db_path()
        self.icon_label = QLabel()
        self.icon_label.setPixmap(app_icon().pixmap(96, 96))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.version_label = QLabel()
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.data_label = QLabel()
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tech_label = QLabel()
        self.tech_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        for w in (
            self.name_label,
            self.version_label,
            self.description_label,
            self.data_label,
            self.tech_label,
        ):
            text.addWidget(w)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("About Oralman Desk"))
        self.name_label.setText(_("Oralman Desk"))
        self.version_label.setText(_("Version {version}").format(version=version()))
        self.description_label.setText(
            _(
                "The register and services of an adaptation centre for kandas: intake, "
                "placement, consultations, courses, employment and reports, in Kazakh and Russian."
            )
        )
        self.data_label.setText(_("Database: {path}").format(path=self.db_path))
        self.tech_label.setText(
            _("Built with Python {python}, Qt {qt} and PySide6 {pyside}.").format(
                python=platform.python_version(), qt=qVersion(), pyside=pyside_version
            )
        )
        # Wrapped labels grow taller with a longer translation: the dialog follows their height.
        if self.layout() is not None:
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
