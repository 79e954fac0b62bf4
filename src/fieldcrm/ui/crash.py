"""The crash dialog: an error nobody foresaw (a bug) is logged, and the rep gets a short apology, a report to copy
and send to head office (version, system, the traceback and the last log lines; no customer data), the log folder,
and the assurance that what they saved is safe: every change is one transaction, so an interrupted one left
nothing half-written."""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from fieldcrm import __version__
from fieldcrm.logs import last_lines

log = logging.getLogger(__name__)


def crash_report(details: str, log_dir: Path | None) -> str:
    """The text a rep copies: what FieldCRM and the system are, when, the traceback, the newest log lines."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    lines = [
        f"FieldCRM {__version__}",
        f"System: {platform.platform()}; Python {platform.python_version()}; Qt {qVersion()}; PySide6 {pyside_version}",
        f"Time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        "",
        details.rstrip(),
    ]
    if log_dir is not None:
        tail = last_lines(log_dir)
        if tail:
            lines += ["", "Last log lines:", *tail]
    return "\n".join(lines) + "\n"


class CrashDialog(QDialog):
    """Shown once per error; a second error while it is open is added to the same report."""

    def __init__(self, report: str, log_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("FieldCRM: something went wrong"))
        self.log_dir = log_dir
        apology = QLabel(
            self.tr(
                "Sorry: FieldCRM ran into an error it did not expect. The data you saved is safe: every change is "
                "saved whole or not at all, so at most the last action did not happen. Please copy the report below "
                "and send it to head office; it holds no customer data."
            ),
            objectName="crashApology",
        )
        apology.setWordWrap(True)
        self.report = QPlainTextEdit(objectName="crashReport")
        self.report.setReadOnly(True)
        self.report.setPlainText(report)
        folder = QLabel(
            self.tr("Log folder: {0}").format(log_dir) if log_dir else self.tr("No log folder"), objectName="crashLogs"
        )
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy = QPushButton(self.tr("Copy report"), objectName="crashCopy")
        self.open_logs = QPushButton(self.tr("Open log folder"), objectName="crashOpenLogs")
        self.open_logs.setEnabled(log_dir is not None)
        close = QPushButton(self.tr("Close"), objectName="crashClose")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy)
        buttons.addWidget(self.open_logs)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(apology)
        layout.addWidget(self.report, 1)
        layout.addWidget(folder)
        layout.addLayout(buttons)
        self.resize(720, 480)
        self.copy.clicked.connect(self.copy_report)
        self.open_logs.clicked.connect(self._open_logs)
        close.clicked.connect(self.accept)

    def add(self, report: str) -> None:
        self.report.appendPlainText("\n" + "-" * 40 + "\n" + report)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())

    def _open_logs(self) -> None:
        if self.log_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))


class CrashReporter(QObject):
    """Catches what nothing else caught (Qt slots, threads) and shows it in one `CrashDialog` at a time."""

    _reported = Signal(str)  # from any thread to the GUI thread

    def __init__(self, log_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_dir = log_dir
        self.dialog: CrashDialog | None = None
        self._reported.connect(self.show_report)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def _excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:  # pragma: no cover - exercised through Qt
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.report_exception(exc, tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:  # pragma: no cover - exercised through Qt
        if args.exc_value is not None:
            self.report_exception(args.exc_value, args.exc_traceback)

    def report_exception(self, exc: BaseException, tb: TracebackType | None = None) -> None:
        details = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
        self.report(details)

    def report(self, details: str) -> None:
        """Log the error and show it (from any thread: the dialog opens on the GUI thread)."""
        log.error("unexpected error\n%s", details)
        self._reported.emit(details)

    def show_report(self, details: str) -> None:
        report = crash_report(details, self.log_dir)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(report)
            return
        self.dialog = CrashDialog(report, self.log_dir)
        self.dialog.open()  # never exec(): the event loop (and the database worker's answers) keep running


_reporter: CrashReporter | None = None


def install_crash_reporter(log_dir: Path | None) -> CrashReporter:
    """The app's crash reporter: sys.excepthook and threading.excepthook show the dialog from now on."""
    global _reporter
    _reporter = CrashReporter(log_dir)
    _reporter.install()
    return _reporter


def report_bug(details: str) -> bool:
    """Show a bug that code caught (a database operation that failed unexpectedly); False if no reporter is set up
    (tests, scripts), when the caller's own message is all the user sees."""
    if _reporter is None:
        return False
    QTimer.singleShot(0, _reporter, lambda: _reporter.show_report(details) if _reporter else None)
    return True
