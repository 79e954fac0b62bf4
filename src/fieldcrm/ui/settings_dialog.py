"""`SettingsDialog`: language (applied at once), which of this laptop's users is working, how often the app
syncs by itself, and backups: how many daily ones to keep, back up now, restore one, open the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from fieldcrm.domain.app_lock import window_minutes
from fieldcrm.ui.fields import role_name
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.ops import backups as backup_ops
from fieldcrm.ui.ops.base import Op, QueryOp
from fieldcrm.ui.settings import (
    AUTO_SYNC_MINUTES,
    BACKUP_KEEP,
    LANGUAGE,
    LOCK_MINUTES,
    auto_sync_minutes,
    backups_to_keep,
    lock_minutes,
)
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
        self.keep_backups = QSpinBox(objectName="settingsKeepBackups", minimum=1, maximum=365)
        self.keep_backups.setValue(backups_to_keep(settings))
        self.keep_backups.setSuffix(self.tr(" daily backups"))
        self.lock_after = QSpinBox(objectName="settingsLockMinutes", minimum=0, maximum=24 * 60)
        self.lock_after.setValue(lock_minutes(settings))
        self.lock_after.setSuffix(self.tr(" minutes without use"))
        self.lock_after.setSpecialValueText(self.tr("Never"))
        self.lock_policy = QLabel(objectName="settingsLockPolicy", wordWrap=True)
        self.lock_policy.setVisible(False)
        rule = getattr(getattr(app, "lock", None), "rule", None)
        if rule is not None and rule.minutes is not None:  # head office's policy: no longer, and not Never
            self.lock_after.setRange(1, rule.minutes)
            self.lock_after.setValue(window_minutes(lock_minutes(settings), rule))
            self.lock_policy.setText(
                self.tr("Head office locks FieldCRM after at most {0} minutes without use.").format(rule.minutes)
            )
            self.lock_policy.setVisible(True)
        self.back_up = QPushButton(self.tr("Back up now"), objectName="settingsBackUp")
        self.restore = QPushButton(self.tr("Restore…"), objectName="settingsRestore")
        self.open_folder = QPushButton(self.tr("Open data folder"), objectName="settingsOpenFolder")
        backup_row = QHBoxLayout()
        for button in (self.back_up, self.restore, self.open_folder):
            backup_row.addWidget(button)
        self.message = QLabel(objectName="settingsMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Working as"), self.user)
        form.addRow(self.tr("Sync automatically"), self.auto_sync)
        form.addRow(self.tr("Lock after"), self.lock_after)
        form.addRow("", self.lock_policy)
        form.addRow(self.tr("Keep"), self.keep_backups)
        form.addRow(self.tr("Backups"), backup_row)
        form.addRow(self.message)
        form.addRow(buttons)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.back_up.clicked.connect(self.back_up_now)
        self.restore.clicked.connect(self.choose_backup)
        self.open_folder.clicked.connect(self._open_folder)
        QueryOp(self, worker, lambda s: (s.profile.users(), s.profile.current())).success(self._fill).run()

    def _fill(self, result: tuple[list[Any], Any]) -> None:
        users, current = result
        for user in users:
            self.user.addItem(f"{user.name} · {role_name(user.role)}", user.name)
        if current is not None:
            self.user.setCurrentIndex(max(0, self.user.findData(current.name)))
        self._initial_user = current.name if current else None

    # -- backups -----------------------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.back_up.setEnabled(False)
        self.message.setText(self.tr("Backing up…"))
        op = backup_ops.back_up_now(self, self.worker, self.app.paths)
        op.success(self._backed_up).failure(self._backup_failed).run()

    def _backed_up(self, info: Any) -> None:
        self.back_up.setEnabled(True)
        self.message.setText(
            self.tr("Backed up {0} customers and {1} visits to {2}.").format(info.customers, info.visits, info.path)
        )

    def _backup_failed(self, _exc: BaseException, message: str) -> None:
        self.back_up.setEnabled(True)
        self.restore.setEnabled(True)
        self.message.setText(message)

    def choose_backup(self) -> None:
        chooser = QFileDialog(self, self.tr("Restore a backup"), str(self.app.paths.backups))
        chooser.setObjectName("restoreChooser")
        chooser.setNameFilter(self.tr("FieldCRM backups (*.sqlite3)"))
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.fileSelected.connect(lambda name: self.check_backup(Path(name)))
        chooser.open()

    def check_backup(self, file: Path) -> None:
        """Check the file on the worker, then ask before replacing anything."""
        op = backup_ops.inspect(self, self.worker, file)
        op.success(self._confirm_restore).failure(self._backup_failed).run()

    def _confirm_restore(self, info: Any) -> None:
        who = info.user or self.tr("nobody")
        when = info.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore a backup"),
            self.tr(
                "Restore the backup of {0} from {1} ({2} customers, {3} visits)? What is on this laptop now is kept as"
                " a backup first; changes made since that backup and not yet synced are then only in that copy."
            ).format(who, when, info.customers, info.visits),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("restoreConfirm")
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda button: box.standardButton(button) == yes and self.restore_backup(info.path))  # type: ignore[func-returns-value]
        box.open()

    def restore_backup(self, file: Path) -> None:
        self.restore.setEnabled(False)
        self.message.setText(self.tr("Restoring…"))
        op = backup_ops.restore(self, self.worker, self.app.paths, file)
        op.success(self._restored).failure(self._backup_failed).run()

    def _restored(self, result: tuple[Any, Any, Any]) -> None:
        info, kept, user = result
        text = self.tr("Restored {0}. The previous data is kept as {1}.").format(info.path.name, kept)
        self.restore.setEnabled(True)
        self.message.setText(text)
        if user is None:
            return
        self.accept()
        self.app.open_main(user)  # a new window shows the restored data (and its user); this dialog goes with the old
        self.app.window.statusBar().showMessage(text)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.app.paths.data)))

    def apply(self) -> None:
        self.settings.setValue(AUTO_SYNC_MINUTES, int(self.auto_sync.currentData()))  # the rebuilt window reads it
        self.settings.setValue(BACKUP_KEEP, self.keep_backups.value())
        self.settings.setValue(LOCK_MINUTES, self.lock_after.value())
        if getattr(self.app, "lock", None) is not None:
            self.app.lock.set_minutes(self.lock_after.value())
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
