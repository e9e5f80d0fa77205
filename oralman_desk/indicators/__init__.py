"""Named, documented indicators of the centre's work, computed in SQL over a period (domain.md §6).

``compute(db, keys, periods)`` gives the figures of a report's rows for each of its columns;
``drill_down(db, key, period, value)`` the records behind one figure; ``REGISTRY`` every indicator
with its documentation. See ``catalogue`` for what each one counts.
"""

from __future__ import annotations

from .base import Dimension, EventIndicator, Indicator, ItemKind, StockIndicator, ValueIndicator
from .engine import (
    MSG_NOT_STATED,
    NOT_AVAILABLE,
    REGISTRY,
    DrillDown,
    DrillRow,
    Figure,
    UnknownIndicator,
    ValueLabel,
    all_keys,
    compute,
    dimension_values,
    drill_down,
    is_known,
    resolve,
    value_label,
)

__all__ = [
    "MSG_NOT_STATED",
    "NOT_AVAILABLE",
    "REGISTRY",
    "Dimension",
    "DrillDown",
    "DrillRow",
    "EventIndicator",
    "Figure",
    "Indicator",
    "ItemKind",
    "StockIndicator",
    "UnknownIndicator",
    "ValueIndicator",
    "ValueLabel",
    "all_keys",
    "compute",
    "dimension_values",
    "drill_down",
    "is_known",
    "resolve",
    "value_label",
]
