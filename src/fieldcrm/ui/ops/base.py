"""`Op` (a change) and `QueryOp` (a read): run a work function on the database worker, then call back on the GUI."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from fieldcrm.domain.errors import ServiceError
from fieldcrm.store.errors import StoreError, known_store_error
from fieldcrm.ui.fields import error_text
from fieldcrm.ui.reasons import localize

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from fieldcrm.services import Services
    from fieldcrm.ui.workers import DbWorker

log = logging.getLogger(__name__)


class Progress:
    """Written by a long job's callback on the worker, read by a widget's timer; `cancel` is an Event."""

    def __init__(self) -> None:
        self.cancel = threading.Event()
        self._lock = threading.Lock()
        self._state = ("", 0, 0)

    def __call__(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self._state = (stage, done, total)

    def snapshot(self) -> tuple[str, int, int]:
        with self._lock:
            return self._state


def is_bug(exc: BaseException) -> bool:
    """Not a refusal the user can act on, not a known store or network state: an error nobody foresaw."""
    if isinstance(exc, ServiceError):
        return False
    from fieldcrm.sync.transport import Offline, SyncError

    return not isinstance(exc, SyncError | Offline | StoreError) and known_store_error(exc) is None


def describe_error(exc: BaseException, details: str) -> str:
    """A message the user can act on: service errors and known SQLite failures as they are; anything else is a bug."""
    if isinstance(exc, ServiceError):
        return error_text(exc)
    from fieldcrm.sync.transport import Offline, SyncError  # on the error path only: it loads httpx

    if isinstance(exc, SyncError | Offline | StoreError):
        return localize(str(exc))
    known = known_store_error(exc)
    if known:
        return known
    log.error("unexpected error in a database operation\n%s", details)
    return QCoreApplication.translate("ops", "Unexpected error (this is a bug, details are in the log): {0}").format(
        exc
    )


def show_error(parent: QWidget | None, message: str) -> QMessageBox:
    """A non-blocking warning box (open(), never exec(): the event loop keeps running)."""
    from PySide6.QtWidgets import QMessageBox  # its enums cost ~10 ms to load: not before the first paint

    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("ops", "FieldCRM"), message, parent=parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class QueryOp:
    """Read something on the database worker; `success` gets the plain result on the GUI thread."""

    changes: frozenset[str] = frozenset()
    #: Runs on the worker's network thread: work that waits on a server must not hold up the store's queue.
    network = False

    def __init__(self, parent: QWidget | None, worker: DbWorker, work: Callable[[Services], Any]) -> None:
        self._parent = parent
        self._worker = worker
        self._work = work
        self._success: Callable[[Any], object] | None = None
        self._failure: Callable[[BaseException, str], None] | None = None

    def success(self, callback: Callable[[Any], object]) -> QueryOp:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException, str], None]) -> QueryOp:
        """Called with the exception and a user-readable message instead of the default warning box."""
        self._failure = callback
        return self

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _done(self, result: Any) -> None:
        self._worker.announce(self.changes)
        if self._success is not None and self._alive():
            self._success(result)

    def _error(self, exc: BaseException, details: str) -> None:
        from fieldcrm.sync.transport import WipeOrdered

        if isinstance(exc, WipeOrdered):  # not this op's failure: the app erases the store and quits
            self._worker.wipe_ordered.emit(exc)
            return
        message = describe_error(exc, details)
        if is_bug(exc):
            from fieldcrm.ui.crash import report_bug

            if report_bug(details) and self._failure is None:
                return  # the crash dialog says it all
        if not self._alive():
            return
        if self._failure is not None:
            self._failure(exc, message)
        else:
            show_error(self._parent, message)

    def run(self) -> None:
        self._worker.submit(self._work, self._done, self._error, network=self.network)


class Op(QueryOp):
    """A change to the store: like a query, and on success it announces which nouns changed."""

    def __init__(
        self, parent: QWidget | None, worker: DbWorker, work: Callable[[Services], Any], changes: set[str]
    ) -> None:
        super().__init__(parent, worker, work)
        self.changes = frozenset(changes)
