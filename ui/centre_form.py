"""The centre's fields (names, type, region), shared by Settings and the first-start dialog.

``CentreFields`` adds its rows to the caller's ``QFormLayout`` so that its labels line up with the
caller's other rows; the caller calls ``retranslate()`` from its own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from oralman_desk.domain import CentreType, label
from oralman_desk.i18n import N_, translate
from oralman_desk.services.centre import CentreInput, CentreService
from oralman_desk.services.errors import Problem
from oralman_desk.services.fields import FIELD_LABELS
from oralman_desk.services.reference import ReferenceData

from .field_errors import FieldErrors
from .widgets import RefCombo


class CentreFields:
    def __init__(self, ref: ReferenceData, errors: FieldErrors) -> None:
        self.name_kk = QLineEdit()
        self.name_ru = QLineEdit()
        self.name_kk.setMaxLength(300)
        self.name_ru.setMaxLength(300)
        self.centre_type = QComboBox()
        for ct in CentreType:
            self.centre_type.addItem("", ct.value)
        self.centre_type.setCurrentIndex(-1)
        self.region = RefCombo(ref, "region")
        self.errors = errors
        self._labels: dict[str, QLabel] = {}

    def add_rows(self, form: QFormLayout) -> None:
        for name, widget in (
            ("name_kk", self.name_kk),
            ("name_ru", self.name_ru),
            ("centre_type", self.centre_type),
            ("region_code", self.region),
        ):
            lbl = QLabel()
            lbl.setBuddy(widget)
            self._labels[name] = lbl
            form.addRow(lbl, self.errors.wrap(name, widget))

    def labels(self) -> list[QLabel]:
        return list(self._labels.values())

    def retranslate(self) -> None:
        for name, lbl in self._labels.items():
            lbl.setText(translate(FIELD_LABELS[name]) + ":")
        for i in range(self.centre_type.count()):
            self.centre_type.setItemText(i, label(CentreType(self.centre_type.itemData(i))))

    def value(self) -> CentreInput:
        data = self.centre_type.currentData()
        return CentreInput(
            name_kk=self.name_kk.text(),
            name_ru=self.name_ru.text(),
            centre_type=str(data) if data else None,
            region_code=self.region.code() or "",
        )

    def set_value(self, data: CentreInput) -> None:
        self.name_kk.setText(data.name_kk)
        self.name_ru.setText(data.name_ru)
        self.centre_type.setCurrentIndex(self.centre_type.findData(str(data.centre_type)))
        self.region.set_code(data.region_code)


def centre_problems(svc: CentreService, data: CentreInput) -> list[Problem]:
    """The service's problems, worded for a form: the service speaks of codes, the form has lists.

    Runs on a worker thread (the service reads the reference data).
    """
    problems = svc.validate(data)
    out: list[Problem] = []
    for p in problems:
        if p.field == "region_code" and not data.region_code:
            out.append(Problem("region_code", N_("Choose the region.")))
        elif p.field == "centre_type" and not data.centre_type:
            out.append(Problem("centre_type", N_("Choose the type of centre.")))
        else:
            out.append(p)
    return out
