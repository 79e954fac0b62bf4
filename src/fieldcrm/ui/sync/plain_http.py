"""`PlainHttpChoice`: under a login form's server address, when it is plain http:// to another machine, the
sentence saying why that is unsafe and the choice to connect anyway (remembered for that server)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldcrm.sync.plain_http import WHY, unencrypted_host


class PlainHttpChoice(QWidget):
    def __init__(self, server_url: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plainHttpChoice")
        self.why = QLabel(objectName="plainHttpWhy")
        self.why.setWordWrap(True)
        self.why.setProperty("role", "warning")
        self.allow = QCheckBox(self.tr("Connect without encryption anyway (a network I trust)"), objectName="plainHttp")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.why)
        layout.addWidget(self.allow)
        self._host: str | None = None
        server_url.textChanged.connect(self.follow)
        self.follow(server_url.text())

    def follow(self, url: str) -> None:
        """Shown only for plain http to another machine; ticked anew for each host."""
        host = unencrypted_host(url)
        if host != self._host:
            self.allow.setChecked(False)
        self._host = host
        self.setVisible(host is not None)
        if host is not None:
            self.why.setText(self.sentence())

    def sentence(self) -> str:
        """Why plain http is refused: the sentence `fieldcrm login` says, in the window's language."""
        return self.tr(WHY).format(host=self._host)  # the sync layer's sentence is the catalogue's source text

    @property
    def insecure(self) -> bool:
        """The user allows plain http to this address."""
        return self._host is not None and self.allow.isChecked()

    @property
    def refused(self) -> bool:
        """Plain http to another machine, and not allowed: the login must not go ahead."""
        return self._host is not None and not self.allow.isChecked()
