"""`SettingsDialog`: language (applied at once) and which of this laptop's users is working."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from fieldcrm.ui.fields import role_name
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.settings import LANGUAGE
from fieldcrm.ui.workers import DbWorker


class SettingsDialog(QDialog):
    def __init__(self, worker: DbWorker, settings: QSettings, app: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.worker = worker
        self.app = app
        self.language = QComboBox(objectName="settingsLanguage")
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(str(settings.value(LANGUAGE) or ""))))
        self.user = QComboBox(objectName="settingsUser")
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Working as"), self.user)
        form.addRow(self.message)
        form.addRow(buttons)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        QueryOp(self, worker, lambda s: (s.profile.users(), s.profile.current())).success(self._fill).run()

    def _fill(self, result: tuple[list[Any], Any]) -> None:
        users, current = result
        for user in users:
            self.user.addItem(f"{user.name} · {role_name(user.role)}", user.name)
        if current is not None:
            self.user.setCurrentIndex(max(0, self.user.findData(current.name)))
        self._initial_user = current.name if current else None

    def apply(self) -> None:
        language = self.language.currentData()
        name = self.user.currentData()
        if name and name != getattr(self, "_initial_user", None):
            op = Op(self, self.worker, lambda s: s.profile.switch_to(name), {"profile"})
            op.success(lambda user: self._switched(user, language)).failure(lambda _e, m: self.message.setText(m))
            op.run()
            return
        self.accept()
        self.app.set_language(language)

    def _switched(self, user: Any, language: str) -> None:
        self.accept()
        from fieldcrm.ui.i18n import install_language

        self.app.settings.setValue(LANGUAGE, language)
        self.app.language = install_language(language, self.app.cache_dir)
        self.app.open_main(user)

    @classmethod
    def show_for(cls, window: QWidget, worker: DbWorker, settings: QSettings, app: Any) -> SettingsDialog:
        dialog = cls(worker, settings, app, window)
        dialog.open()
        return dialog
