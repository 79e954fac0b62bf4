"""`AppealDialog`: a rep appeals to their supervisor about a customer they lost, with their statement; the evidence
(their first contact, their visits) goes along from the store."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fieldcrm.ui.icons import icon
from fieldcrm.ui.ops import appeals as ops
from fieldcrm.ui.reasons import localize
from fieldcrm.ui.workers import DbWorker


class AppealDialog(QDialog):
    """Says why the customer was lost, asks why it should be the rep's, then files; a refusal shows in the dialog,
    which stays open."""

    def __init__(self, worker: DbWorker, customer_id: str, name: str, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appealDialog")
        self.worker = worker
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Appeal to your supervisor"))
        self.setMinimumWidth(480)
        lost = QLabel(self.tr("Why you lost {0}: {1}.").format(name, localize(why)), objectName="appealWhy")
        lost.setWordWrap(True)
        explain = QLabel(
            self.tr(
                "Your supervisor reads your statement beside both reps' first contact and visits, and decides in"
                " writing. Upheld, the customer becomes yours; rejected, it stays where it is. Both of you see the"
                " decision."
            )
        )
        explain.setWordWrap(True)
        self.statement = QPlainTextEdit(objectName="appealStatement")
        self.statement.setPlaceholderText(self.tr("Why the customer should be yours (required): when you first met"
                                                  " them, what you did since…"))  # fmt: skip
        self.statement.setMinimumHeight(90)
        self.message = QLabel(objectName="appealMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.file = self.buttons.addButton(self.tr("File appeal"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.file.setObjectName("appealFile")
        self.file.setIcon(icon("appeal", "attention"))
        layout = QVBoxLayout(self)
        layout.addWidget(lost)
        layout.addWidget(explain)
        layout.addWidget(self.statement)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        self.file.setEnabled(False)

        def refused(_exc: BaseException, message: str) -> None:
            self.message.setText(message)
            self.file.setEnabled(True)

        ops.file_appeal(self, self.worker, self.customer_id, self.statement.toPlainText()).success(
            lambda _r: self.accept()
        ).failure(refused).run()
