"""The Sync panel: server login, sync now with progress and cancel, the last result, conflicts side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcrm.paths import AppPaths
from fieldcrm.ui.common.dict_model import Column, DictTableModel
from fieldcrm.ui.common.timefmt import local_time
from fieldcrm.ui.customers.page import table
from fieldcrm.ui.fields import label
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import sync as ops
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.screens import Screen, ScreenContext
from fieldcrm.ui.sync.outcome import sync_outcome
from fieldcrm.ui.workers import DbWorker
from fieldcrm.vocabulary import ALL_NOUNS

CONFLICT_COLUMNS = [
    Column("table_name", QT_TRANSLATE_NOOP("SyncPanel", "Record")),
    Column("field", QT_TRANSLATE_NOOP("SyncPanel", "Field"), lambda f: label(f) if f else ""),
    Column("local_value", QT_TRANSLATE_NOOP("SyncPanel", "Mine")),
    Column("server_value", QT_TRANSLATE_NOOP("SyncPanel", "Theirs (server)")),
    Column("reason", QT_TRANSLATE_NOOP("SyncPanel", "Why"), lambda r: localize(r) if r else ""),
    Column("created_at", QT_TRANSLATE_NOOP("SyncPanel", "Since"), local_time),
]


class SyncPanel(Screen):
    nouns = ALL_NOUNS  # the changes waiting, the conflicts and the refusals follow edits of every kind

    def __init__(self, worker: DbWorker, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.paths = paths
        self.running: ops.SyncProgress | None = None
        self.background = False  # `running` is the window's background sync, shown here with its cancel
        self.state = QLabel(objectName="syncState")
        self.state.setWordWrap(True)
        self.state.setProperty("role", "title")
        self.pending = QLabel(objectName="syncPending")
        self.refused = QLabel(objectName="syncRefused")
        self.refused.setWordWrap(True)
        self.refused.setProperty("role", "warning")
        self.refused.hide()
        self.last = QLabel(objectName="syncLast")
        self.last_result = QLabel(objectName="syncLastResult")
        self.last_result.setWordWrap(True)
        self.server = QLineEdit(objectName="syncServer", placeholderText="https://crm.example.com")
        self.user = QLineEdit(objectName="syncUser")
        self.password = QLineEdit(objectName="syncPassword", echoMode=QLineEdit.EchoMode.Password)
        self.login = QPushButton(self.tr("Log in"), objectName="syncLogin")
        self.sync_now = QPushButton(icon("sync"), self.tr("Sync now"), objectName="syncNow")
        self.cancel = QPushButton(self.tr("Cancel"), objectName="syncCancel")
        self.cancel.setEnabled(False)
        self.progress = QProgressBar(objectName="syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()  # shown while a sync runs: an idle bar at 0 % says nothing
        self.conflicts = DictTableModel("SyncPanel", CONFLICT_COLUMNS, self)
        self.conflict_view = table(self.conflicts, "conflictTable", 4)
        header = self.conflict_view.horizontalHeader()
        header.setMinimumSectionSize(90)  # empty columns keep a readable width
        for column in (2, 3):  # the two values: wide enough to compare, long ones elided (in full as a tooltip)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 220)
        self.conflict_hint = QLabel(self.tr("No conflicts. Changes made on two devices to the same field show here."))
        self.conflict_hint.setWordWrap(True)
        self.edited = QLineEdit(objectName="conflictEdited", placeholderText=self.tr("Or type the value to keep"))
        self.keep_mine = QPushButton(self.tr("Keep mine"), objectName="keepMine")
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), objectName="keepTheirs")
        self.keep_edited = QPushButton(self.tr("Keep edited value"), objectName="keepEdited")
        self.message = QLabel(objectName="syncMessage")
        self.message.setWordWrap(True)
        self._poll = QTimer(self, interval=150)  # Anki polls sync progress the same way
        self._poll.timeout.connect(self._show_progress)

        login_box = QGroupBox(self.tr("Head-office server"))
        form = QFormLayout(login_box)
        form.addRow(self.tr("Server address"), self.server)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.login)
        status_box = QGroupBox(self.tr("Status"))
        status = QVBoxLayout(status_box)
        for widget in (self.state, self.pending, self.refused, self.last, self.last_result):
            status.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.sync_now)
        row.addWidget(self.cancel)
        status.addLayout(row)
        top = QHBoxLayout()
        top.addWidget(status_box, 1)
        top.addWidget(login_box, 1)
        conflict_box = QGroupBox(self.tr("Conflicts"))
        conflict_layout = QVBoxLayout(conflict_box)
        conflict_layout.addWidget(self.conflict_hint)
        conflict_layout.addWidget(self.conflict_view, 1)
        choose = QHBoxLayout()
        choose.addWidget(self.keep_mine)
        choose.addWidget(self.keep_theirs)
        choose.addWidget(self.edited, 1)
        choose.addWidget(self.keep_edited)
        conflict_layout.addLayout(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(conflict_box, 1)
        layout.addWidget(self.message)

        self.login.clicked.connect(self._login)
        self.sync_now.clicked.connect(self.start_sync)
        self.cancel.clicked.connect(self._cancel)
        self.keep_mine.clicked.connect(self._keep_mine)
        self.keep_theirs.clicked.connect(self._keep_theirs)
        self.keep_edited.clicked.connect(self._keep_edited)

    @classmethod
    def for_window(cls, context: ScreenContext) -> SyncPanel:
        return cls(context.worker, context.paths)

    def syncing_by_hand(self) -> bool:
        """A "Sync now" of this panel is under way (not the window's background sync it follows)."""
        return self.running is not None and not self.background

    def changed(self, _nouns: frozenset[str]) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        ops.panel_state(self, self.worker, self.paths).success(self._show).run()

    def _show(self, status: dict[str, Any]) -> None:
        if not status["server"]:
            self.state.setText(self.tr("Sync not configured: your changes are kept safely on this laptop."))
        elif not status["logged_in"]:
            self.state.setText(self.tr("Logged out of {0}: log in again to sync.").format(status["server"]))
        else:
            self.state.setText(self.tr("Connected to {0} as {1}").format(status["server"], status["user"]))
        if status["server"] and not self.server.text():
            self.server.setText(status["server"])
            self.user.setText(status["user"] or "")
        self.pending.setText(self.tr("%n change(s) waiting to be sent", "", status["pending_changes"]))
        refused = status.get("refused", 0)
        self.refused.setText(
            self.tr(
                "%n change(s) not accepted by head office. They stay on this laptop, marked, with the reason below:"
                " edit the record to send it again, or select it and keep mine (send again) or theirs (discard).",
                "",
                refused,
            )
        )
        self.refused.setVisible(refused > 0)
        last = local_time(status["last_sync"]) if status["last_sync"] else self.tr("never")
        self.last.setText(self.tr("Last sync: {0}").format(last))
        self.last_result.setText(self.tr("Last result: {0}").format(status["last_result"] or "—"))
        self.sync_now.setEnabled(bool(status["logged_in"]) and self.running is None)
        self.conflicts.set_rows(status["open"])
        self.conflict_hint.setVisible(not status["open"])
        for widget in (self.keep_mine, self.keep_theirs, self.keep_edited, self.edited):
            widget.setEnabled(bool(status["open"]))

    def _fail(self, _exc: BaseException, message: str) -> None:
        self.message.setText(message)

    def _login(self) -> None:
        op = ops.login(self, self.worker, self.paths, self.server.text(), self.user.text(), self.password.text())
        op.success(self._logged_in).failure(self._fail).run()

    def _logged_in(self, name: str) -> None:
        self.password.clear()
        self.message.setText(self.tr("Logged in as {0}.").format(name))

    def start_sync(self) -> None:
        if self.running is not None:
            return
        self.running = ops.SyncProgress()
        self.sync_now.setEnabled(False)
        self.cancel.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.progress.show()
        self._poll.start()
        op = ops.sync_once(self, self.worker, self.paths, self.running)
        op.success(self._synced).failure(self._sync_failed).run()

    def follow(self, progress: ops.SyncProgress) -> None:
        """A background sync started: show its progress and let the user cancel it like one started here."""
        if self.running is not None:
            return
        self.running = progress
        self.background = True
        self.sync_now.setEnabled(False)
        self.cancel.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._poll.start()
        self.message.setText(self.tr("Syncing in the background…"))

    def followed(self, text: str) -> None:
        """The background sync ended with `text` (already in the user's language)."""
        if self.background:
            self.background = False
            self._finish()
            self.message.setText(text)

    def _show_progress(self) -> None:
        if self.running is None:
            return
        stage, done, total = self.running.snapshot()
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if stage:
            self.progress.setFormat(f"{stage} %v/%m")

    def _cancel(self) -> None:
        if self.running is not None:
            self.running.cancel.set()
            self.message.setText(self.tr("Cancelling after the current batch…"))

    def _finish(self) -> None:
        self.running = None
        self._poll.stop()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.hide()
        self.cancel.setEnabled(False)
        self.reload()

    def _synced(self, result: Any) -> None:
        self._finish()
        if result.offline:
            self.message.setText(self.tr("Offline: will sync when the server can be reached."))
        elif result.cancelled:
            self.message.setText(self.tr("Sync cancelled."))
        else:
            self.message.setText(sync_outcome(result))

    def _sync_failed(self, exc: BaseException, message: str) -> None:
        self._finish()
        self.message.setText(message)

    def _selected(self) -> dict[str, Any] | None:
        index = self.conflict_view.currentIndex()
        conflict = self.conflicts.row(index.row()) if index.isValid() else None
        if conflict is None:
            self.message.setText(self.tr("Select a conflict first."))
        return conflict

    def _resolve(self, choice: str) -> None:
        conflict = self._selected()
        if conflict is not None:
            op = ops.resolve(self, self.worker, conflict, choice, self.edited.text())
            op.success(self._resolved).failure(self._fail).run()

    def _resolved(self, _record: dict[str, Any]) -> None:
        self.edited.clear()
        self.message.setText(self.tr("Conflict resolved."))

    def _keep_mine(self) -> None:
        self._resolve("mine")

    def _keep_theirs(self) -> None:
        self._resolve("theirs")

    def _keep_edited(self) -> None:
        self._resolve("edited")
