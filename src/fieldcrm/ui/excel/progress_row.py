"""A progress bar with a stage label and a Cancel button that follows a `Progress` while a long job runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops.base import Progress

STAGES = {
    "read": QT_TRANSLATE_NOOP("ProgressRow", "Reading the file"),
    "validate": QT_TRANSLATE_NOOP("ProgressRow", "Checking rows"),
    "dedupe": QT_TRANSLATE_NOOP("ProgressRow", "Looking for duplicates"),
    "write": QT_TRANSLATE_NOOP("ProgressRow", "Writing"),
}


class ProgressRow(QWidget):
    """Hidden while idle. `start(progress, on_cancel)` shows it and polls the progress every 150 ms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressRow")
        self.stage = QLabel(objectName="progressStage")
        self.bar = QProgressBar(objectName="progressBar")
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="progressCancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self._progress: Progress | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._timer = QTimer(self, interval=150)
        self._timer.timeout.connect(self._poll)
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def start(self, progress: Progress, on_cancel: Callable[[], None] | None = None) -> None:
        self._progress, self._on_cancel = progress, on_cancel
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.stage.setText("")
        self.cancel_button.setEnabled(True)
        self.show()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._progress = None
        self.hide()

    def _poll(self) -> None:
        if self._progress is None:
            return
        stage, done, total = self._progress.snapshot()
        self.stage.setText(QCoreApplication.translate("ProgressRow", STAGES[stage]) if stage in STAGES else stage)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def _cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel.set()
        if self._on_cancel is not None:
            self._on_cancel()
        self.cancel_button.setEnabled(False)
        self.stage.setText(self.tr("Cancelling…"))
