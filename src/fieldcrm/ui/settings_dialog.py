"""`SettingsDialog`: language (applied at once), which of this laptop's users is working, and how often the app
syncs by itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from fieldcrm.ui.fields import role_name
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.settings import AUTO_SYNC_MINUTES, LANGUAGE, auto_sync_minutes
from fieldcrm.ui.workers import DbWorker

AUTO_SYNC_CHOICES = (
    (5, QT_TRANSLATE_NOOP("SettingsDialog", "Every 5 minutes and after changes (recommended)")),
    (15, QT_TRANSLATE_NOOP("SettingsDialog", "Every 15 minutes and after changes")),
    (60, QT_TRANSLATE_NOOP("SettingsDialog", "Every hour and after changes")),
    (0, QT_TRANSLATE_NOOP("SettingsDialog", "Off: only when I press “Sync now”")),
)


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
        self.settings = settings
        self.auto_sync = QComboBox(objectName="settingsAutoSync")
        for minutes, text in AUTO_SYNC_CHOICES:
            self.auto_sync.addItem(QCoreApplication.translate("SettingsDialog", text), minutes)
        current = auto_sync_minutes(settings)
        if self.auto_sync.findData(current) < 0:  # a value written by hand stays as it is
            self.auto_sync.addItem(self.tr("Every {0} minutes and after changes").format(current), current)
        self.auto_sync.setCurrentIndex(self.auto_sync.findData(current))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Working as"), self.user)
        form.addRow(self.tr("Sync automatically"), self.auto_sync)
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
        self.settings.setValue(AUTO_SYNC_MINUTES, int(self.auto_sync.currentData()))  # the rebuilt window reads it
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
