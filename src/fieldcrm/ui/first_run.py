"""`FirstRunDialog`: with no profile yet, ask language, name, role and team (server login once sync exists)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from fieldcrm.domain.errors import ServiceError
from fieldcrm.models import ROLES
from fieldcrm.paths import AppPaths
from fieldcrm.services.profile import UserInfo
from fieldcrm.ui.fields import label, role_name
from fieldcrm.ui.ops.base import Op
from fieldcrm.ui.workers import DbWorker


class FirstRunDialog(QDialog):
    profile_created = Signal(object, str)  # UserInfo, language choice ("" = system)

    def __init__(
        self, worker: DbWorker, language: str = "", paths: AppPaths | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to FieldCRM"))
        self.worker = worker
        self.paths = paths
        intro = QLabel(
            self.tr(
                "This laptop has no profile yet. Tell FieldCRM who you are; everything stays on this laptop "
                "until you connect to your head-office server."
            )
        )
        intro.setWordWrap(True)
        self.language = QComboBox(objectName="firstRunLanguage")
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.name = QLineEdit(objectName="firstRunName", placeholderText=self.tr("Your name, e.g. 张伟"))
        self.role = QComboBox(objectName="firstRunRole")
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.team = QLineEdit(objectName="firstRunTeam", placeholderText=self.tr("e.g. 华东一组 (optional)"))
        self.server = QPushButton(self.tr("Log in to a head-office server instead…"), objectName="firstRunServer")
        self.server.setEnabled(paths is not None)
        self.login_box = QGroupBox(self.tr("Head-office server"))
        self.server_url = QLineEdit(objectName="firstRunServerUrl", placeholderText="https://crm.example.com")
        self.server_user = QLineEdit(objectName="firstRunServerUser")
        self.server_password = QLineEdit(objectName="firstRunPassword", echoMode=QLineEdit.EchoMode.Password)
        self.login = QPushButton(self.tr("Log in"), objectName="firstRunLogin")
        login_form = QFormLayout(self.login_box)
        login_form.addRow(self.tr("Server address"), self.server_url)
        login_form.addRow(self.tr("User name"), self.server_user)
        login_form.addRow(self.tr("Password"), self.server_password)
        login_form.addRow("", self.login)
        self.login_box.hide()
        self.message = QLabel(objectName="dialogMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(label("role"), self.role)
        form.addRow(label("team"), self.team)
        form.addRow(self.message)
        form.addRow(self.server)
        form.addRow(self.login_box)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.create_profile)
        self.server.clicked.connect(self._show_login)
        self.login.clicked.connect(self.log_in)
        self.resize(460, 300)

    def create_profile(self) -> None:
        name, role, team = self.name.text(), self.role.currentData(), self.team.text().strip() or None
        self.buttons.setEnabled(False)
        op = Op(self, self.worker, lambda s: s.profile.init_profile(name, role, team), {"profile"})
        op.success(self._created).failure(self._failed).run()

    def _show_login(self) -> None:
        self.login_box.setVisible(not self.login_box.isVisible())

    def log_in(self) -> None:
        """The profile comes from the server account; the main window opens as that user."""
        from fieldcrm.ui.ops import sync as sync_ops

        op = sync_ops.login(
            self,
            self.worker,
            self.paths,  # type: ignore[arg-type]  # the login box is enabled only with paths
            self.server_url.text(),
            self.server_user.text(),
            self.server_password.text(),
        )
        op.success(self._logged_in).failure(self._failed).run()

    def _logged_in(self, _name: str) -> None:
        Op(self, self.worker, lambda s: s.profile.current(), set()).success(self._created).run()

    def _created(self, user: UserInfo) -> None:
        self.buttons.setEnabled(True)
        self.profile_created.emit(user, self.language.currentData())
        self.accept()

    def _failed(self, exc: BaseException, message: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(message)
        if isinstance(exc, ServiceError) and exc.field == "name":
            self.name.setFocus()
