"""The app lock: after a settable idle time (default 15 minutes) every FieldCRM window hides behind a lock that
needs the user's password (their head-office login, else the store's passphrase; checked offline on the database
worker, see `services.app_lock`). The work in flight (a sync, an import) goes on while locked."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.domain.app_lock import LockRule, window_minutes
from fieldcrm.ui.ops.base import QueryOp
from fieldcrm.ui.workers import DbWorker

#: What counts as the user being there.
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class LockDialog(QDialog):
    """The lock: a password and Unlock, or Quit. Escape and the close box do not unlock."""

    unlocked = Signal()

    def __init__(self, worker: DbWorker, reader: Any, user_name: str = "") -> None:
        super().__init__(None)
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("FieldCRM is locked"))
        self.worker = worker
        self.reader = reader
        who = self.tr("Locked after a while without use. Type {0}'s password to go on.").format(user_name)
        self.intro = QLabel(who if user_name else self.tr("Locked after a while without use. Type your password."))
        self.intro.setWordWrap(True)
        self.password = QLineEdit(objectName="lockPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.problem = QLabel(objectName="lockProblem", wordWrap=True)
        self.problem.setProperty("tone", "bad")
        self.buttons = QDialogButtonBox()
        self.unlock = QPushButton(self.tr("Unlock"), objectName="lockUnlock", default=True)
        self.quit = QPushButton(self.tr("Quit FieldCRM"), objectName="lockQuit")
        self.buttons.addButton(self.unlock, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.quit.clicked.connect(QApplication.quit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.password)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def reject(self) -> None:  # Escape: stay locked
        pass

    def closeEvent(self, event: Any) -> None:  # the close box: stay locked
        event.ignore()

    def try_unlock(self) -> None:
        from fieldcrm.services.app_lock import unlocks

        typed = self.password.text()
        if not typed or not self.unlock.isEnabled():
            return
        self.unlock.setEnabled(False)
        self.problem.setText(self.tr("Checking…"))
        reader = self.reader

        def check(_services: Any) -> bool:
            with reader.read_connection() as conn:
                return unlocks(conn, reader.path, typed)

        QueryOp(self, self.worker, check).success(self._checked).failure(self._failed).run()

    def _checked(self, ok: bool) -> None:
        self.unlock.setEnabled(True)
        if ok:
            self.problem.clear()
            self.password.clear()
            self.unlocked.emit()
            self.done(QDialog.DialogCode.Accepted)
        else:
            self.password.selectAll()
            self.problem.setText(self.tr("That password is not right; try again."))

    def _failed(self, _exc: BaseException, message: str) -> None:
        self.unlock.setEnabled(True)
        self.problem.setText(message)


class IdleLock(QObject):
    """Watches the application's input; after `minutes` (0: never) without any, hides its windows behind a
    `LockDialog`. `check_ms`: how often it looks (tests make it short)."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self, worker: DbWorker, reader: Any, minutes: int, user_name: str = "", check_ms: int = 15_000
    ) -> None:
        super().__init__()
        self.worker = worker
        self.reader = reader
        self.user_name = user_name
        self.chosen = minutes  # the user's setting; head office's policy may shorten it (`rule`)
        self.rule = LockRule()
        self.idle_seconds = minutes * 60.0
        self.last_input = time.monotonic()
        self.dialog: LockDialog | None = None
        self._hidden: list[QWidget] = []
        self._asking = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer = QTimer(self, interval=check_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        worker.changed.connect(self, self._changed)  # the policy is read once the window is ready (`read_policy`)

    def read_policy(self) -> None:
        """Read head office's lock policy for the user's role (on the worker); it arrives with a sync."""
        reader = self.reader

        def read(_services: Any) -> LockRule:
            from fieldcrm.services.app_lock import current_rule  # on the worker: Argon2 is not needed to paint

            return current_rule(reader)

        QueryOp(None, self.worker, read).success(self._policy).run()

    def _changed(self, nouns: frozenset[str]) -> None:
        if "profile" in nouns:  # the policy rows, the user's role
            self.read_policy()

    def _policy(self, rule: LockRule) -> None:
        if rule != self.rule:
            self.rule = rule
            self.idle_seconds = window_minutes(self.chosen, rule) * 60.0

    def set_minutes(self, minutes: int) -> None:
        """The user's setting, kept within head office's policy."""
        self.chosen = minutes
        self.set_idle_seconds(window_minutes(minutes, self.rule) * 60.0)

    def set_idle_seconds(self, seconds: float) -> None:
        self.idle_seconds = seconds
        self.last_input = time.monotonic()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.dialog is None:
            self.last_input = time.monotonic()
        return False

    def _tick(self) -> None:
        if self.idle_seconds <= 0 or self.dialog is not None or self._asking:
            return
        if time.monotonic() - self.last_input >= self.idle_seconds:
            self.lock()

    def lock(self) -> None:
        """Lock now, if there is a password to unlock with (else the profile cannot lock: nothing happens)."""
        from fieldcrm.services.app_lock import can_lock

        reader = self.reader

        def possible(_services: Any) -> bool:
            with reader.read_connection() as conn:
                return can_lock(conn, reader.path)

        self._asking = True
        QueryOp(None, self.worker, possible).success(self._lock_if).run()

    def _lock_if(self, possible: bool) -> None:
        self._asking = False
        if not possible or self.dialog is not None:
            self.last_input = time.monotonic()
            return
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self.dialog = LockDialog(self.worker, self.reader, self.user_name)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.show()
        self.dialog.activateWindow()
        self.locked.emit()

    def _unlocked(self) -> None:
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self.last_input = time.monotonic()
        self.unlocked.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
