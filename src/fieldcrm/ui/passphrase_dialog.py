"""`PassphraseDialog`: the store's passphrase, asked at start on a machine with no keyring (see `store.keys`).

For a new store the rep chooses one (typed twice, long enough); for an existing store they type it, and are asked
again, saying so, when it did not open the store. Cancel closes FieldCRM with one sentence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldcrm.store.keys import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(self, path: Path, *, new: bool, wrong: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.new = new
        self.setWindowTitle(self.tr("Choose a passphrase") if new else self.tr("Unlock FieldCRM"))
        if new:
            text = self.tr(
                "FieldCRM keeps your customers encrypted on this computer, and this computer has no keyring to keep "
                "the key in. Choose a passphrase of at least {0} characters: you will type it whenever FieldCRM "
                "starts. Without it nobody, you included, can read the data that has not reached head office."
            ).format(MIN_PASSPHRASE)
        else:
            text = self.tr("Type the passphrase that unlocks your FieldCRM data ({0}).").format(path.parent)
        intro = QLabel(text, objectName="passphraseIntro", wordWrap=True)
        self.passphrase = QLineEdit(objectName="passphraseField", echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(objectName="passphraseAgain", echoMode=QLineEdit.EchoMode.Password)
        self.problem = QLabel(objectName="passphraseProblem", wordWrap=True)
        self.problem.setProperty("tone", "bad")
        if wrong:
            self.problem.setText(self.tr("That passphrase does not unlock the data; try again."))
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if new:
            form.addRow(self.tr("Once more"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, objectName="passphraseButtons"
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def check(self) -> None:
        typed = self.passphrase.text()
        if self.new and len(typed) < MIN_PASSPHRASE:
            self.problem.setText(self.tr("The passphrase needs at least {0} characters.").format(MIN_PASSPHRASE))
        elif self.new and self.again.text() != typed:
            self.problem.setText(self.tr("The two passphrases differ."))
        elif not typed:
            self.problem.setText(self.tr("Type the passphrase, or Cancel to close FieldCRM."))
        else:
            self.accept()


def ask_in_dialog(path: Path, *, new: bool, wrong: bool) -> str | None:
    """The `store.keys` asker of the GUI: a modal dialog on the GUI thread; None elsewhere (a worker thread
    cannot show one) and when the rep cancels."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    dialog = PassphraseDialog(path, new=new, wrong=wrong)
    try:
        return dialog.passphrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
