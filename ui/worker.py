"""The one helper for background work: ``Op(parent, fn).success(cb).failure(cb).run()``.

``fn`` runs on a pool thread and must not touch widgets; it opens its own database sessions (the
engine's pool is thread-safe, sessions are not shared). Its result, or its exception, comes back to
the UI thread by a queued signal and is handed to ``success`` or ``failure``. If ``fn`` accepts a
``progress`` argument it gets a callable ``progress(done, total)`` that reaches ``on_progress`` on
the UI thread. When ``parent`` is destroyed before the work ends, the callbacks are not called.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_live_ops: set[Op] = set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, wants_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.wants_progress = wants_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.wants_progress:
                result = self.fn(progress=lambda d, t: self.signals.progress.emit(int(d), int(t)))
            else:
                result = self.fn()
        except BaseException as exc:  # reported to the UI thread, never lost
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Op:
    def __init__(self, parent: QObject | None, fn: Callable[..., Any]) -> None:
        self.parent = parent
        self.fn = fn
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Callable[[int, int], None] | None = None
        self._alive = True
        if parent is not None:
            parent.destroyed.connect(self._parent_gone)

    def _parent_gone(self) -> None:
        self._alive = False

    def success(self, cb: Callable[[Any], None]) -> Op:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op:
        self._failure = cb
        return self

    def on_progress(self, cb: Callable[[int, int], None]) -> Op:
        self._progress = cb
        return self

    def run(self, pool: QThreadPool | None = None) -> Op:
        signals = _Signals()
        self._signals = signals
        signals.done.connect(self._on_done)
        signals.failed.connect(self._on_failed)
        signals.progress.connect(self._on_progress)
        try:
            wants = "progress" in inspect.signature(self.fn).parameters
        except (TypeError, ValueError):
            wants = False
        _live_ops.add(self)
        (pool or QThreadPool.globalInstance()).start(_Task(self.fn, signals, wants))
        return self

    def _on_done(self, result: object) -> None:
        _live_ops.discard(self)
        if self._alive and self._success:
            self._success(result)

    def _on_failed(self, exc: BaseException) -> None:
        _live_ops.discard(self)
        if not self._alive:
            return
        if self._failure:
            self._failure(exc)
        else:
            from .errors import show_error

            show_error(self.parent, exc)

    def _on_progress(self, done: int, total: int) -> None:
        if self._alive and self._progress:
            self._progress(done, total)


def pending() -> int:
    """How many operations are still running (tests wait for zero)."""
    return len(_live_ops)


def wait_all(timeout_ms: int = 15_000) -> bool:
    """Block until every background task has finished (at exit, so none outlives the objects
    its result would be delivered to)."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
