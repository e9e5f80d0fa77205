"""Validation problems: every problem at once, each naming its field, in the user's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from ..i18n import translate

# Field labels, so that a message can say which field is wrong in the user's language.
from .fields import FIELD_LABELS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input. ``field`` is a path like ``members[2].iin``."""

    field: str
    msgid: str
    params: dict[str, Any] = dc_field(default_factory=dict)

    @property
    def field_name(self) -> str:
        """The last component of the path without an index: ``iin`` for ``members[2].iin``."""
        return self.field.rsplit(".", 1)[-1].split("[", 1)[0]

    def message(self, lang: str | None = None) -> str:
        text = translate(self.msgid, lang)
        params = {k: _shown(k, v, lang) for k, v in self.params.items()}
        return text.format(**params) if params else text

    def field_label(self, lang: str | None = None) -> str:
        lbl = FIELD_LABELS.get(self.field_name)
        return translate(lbl, lang) if lbl else self.field_name

    def describe(self, lang: str | None = None) -> str:
        """'Field: message', for a console or a message box."""
        member = ""
        if self.field.startswith("members["):
            idx = int(self.field[len("members[") : self.field.index("]")])
            member = translate("Member {n}", lang).format(n=idx + 1) + ", "
        elif self.field.startswith("items["):
            idx = int(self.field[len("items[") : self.field.index("]")])
            member = translate("Plan item {n}", lang).format(n=idx + 1) + ", "
        return f"{member}{self.field_label(lang)}: {self.message(lang)}"


def _shown(key: str, value: Any, lang: str | None) -> Any:
    """A parameter as the user reads it: labels translated, dates as dd.mm.yyyy."""
    if key == "label":
        return translate(value, lang)
    if isinstance(value, dt.date):
        from ..formatting import short_date

        return short_date(value)
    return value


class ValidationError(Exception):
    """Input that cannot be saved as it is. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.describe() for p in problems))
        self.problems = problems

    def for_field(self, path: str) -> list[Problem]:
        return [p for p in self.problems if p.field == path]


class ConflictError(Exception):
    """The record was changed by someone else since it was read (row version moved on)."""
