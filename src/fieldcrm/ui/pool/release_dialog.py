"""`ReleaseDialog`: release a customer to the public pool (公海), with the reason its history keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import pool as ops
from fieldcrm.ui.workers import DbWorker


class ReleaseDialog(QDialog):
    """Asks why, then releases; a refusal shows in the dialog, which stays open."""

    def __init__(self, worker: DbWorker, customer_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseDialog")
        self.worker = worker
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Release to the public pool"))
        explain = QLabel(
            self.tr(
                "{0} goes back to the public pool: it is no longer yours, its protection and next follow-up are"
                " cleared, and you cannot claim it again for a while. Its file, contacts and visits stay."
            ).format(name)
        )
        explain.setWordWrap(True)
        self.reason = QLineEdit(objectName="releaseReason", placeholderText=self.tr("Why it goes back (required)"))
        self.message = QLabel(objectName="releaseMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.release = self.buttons.addButton(self.tr("Release"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.release.setObjectName("releaseConfirm")
        self.release.setIcon(icon("release", "attention"))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        self.release.setEnabled(False)

        def refused(_exc: BaseException, message: str) -> None:
            self.message.setText(message)
            self.release.setEnabled(True)

        ops.release(self, self.worker, self.customer_id, self.reason.text()).success(lambda _r: self.accept()).failure(
            refused
        ).run()
