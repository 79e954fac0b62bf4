"""On a computer with no keyring the GUI asks for the store's passphrase: chosen (twice, long enough) at the first
start, typed at the next, asked again after a wrong one; Cancel keeps FieldCRM closed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldcrm.app import GuiApp
from fieldcrm.paths import resolve_paths
from fieldcrm.store import StoreLockedError, cipher, keys
from fieldcrm.ui.i18n import install_language
from fieldcrm.ui.passphrase_dialog import PassphraseDialog

Step = Callable[[PassphraseDialog], None]


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(keys.ENV_PASSPHRASE, raising=False)
    monkeypatch.setenv("FIELDCRM_NO_KEYRING", "1")
    keys.forget_all()
    yield
    keys.set_asker(None)
    keys.forget_all()
    install_language("en")


def _answering(steps: list[Step], seen: list[tuple[bool, str]]) -> QTimer:
    """A timer that plays `steps` on each passphrase dialog that comes up (they are modal: the test is blocked)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog) and steps and not dialog.property("answered"):
            seen.append((dialog.new, dialog.problem.text()))
            steps.pop(0)(dialog)

    timer = QTimer(interval=20)
    timer.timeout.connect(poll)
    timer.start()
    return timer


def _type(passphrase: str, again: str | None = None, *, last: bool = True) -> Step:
    def step(dialog: PassphraseDialog) -> None:
        dialog.passphrase.setText(passphrase)
        dialog.again.setText(passphrase if again is None else again)
        dialog.setProperty("answered", last)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    return step


def _cancel(dialog: PassphraseDialog) -> None:
    dialog.setProperty("answered", True)
    dialog.reject()


def test_the_rep_chooses_a_passphrase_then_unlocks_with_it(qapp, tmp_path: Path, no_keyring) -> None:
    paths = resolve_paths(tmp_path / "profile").ensure()
    seen: list[tuple[bool, str]] = []
    steps = [_type("short", last=False), _type("long enough 口令", "a typo", last=False), _type("long enough 口令")]
    timer = _answering(steps, seen)
    try:
        GuiApp(paths, cache_dir=tmp_path / "qm").close()
        assert cipher.state(paths.database) == "encrypted"
        # One dialog, which said why it did not take the first two answers and stayed open.
        assert [new for new, _ in seen] == [True, True, True] and steps == []
        assert "at least 8 characters" in seen[1][1] and seen[2][1] == "The two passphrases differ."

        keys.forget_all()
        steps.extend([_type("wrong passphrase"), _type("long enough 口令")])
        seen.clear()
        GuiApp(paths, cache_dir=tmp_path / "qm").close()
        assert seen == [(False, ""), (False, "That passphrase does not unlock the data; try again.")]
    finally:
        timer.stop()


def test_the_dialog_says_what_is_wrong_with_a_new_passphrase(qtbot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(tmp_path / "fieldcrm.sqlite3", new=True, wrong=False)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("short")
    dialog.check()
    assert "at least 8 characters" in dialog.problem.text() and not dialog.result()
    dialog.passphrase.setText("long enough")
    dialog.again.setText("long enuogh")
    dialog.check()
    assert dialog.problem.text() == "The two passphrases differ." and not dialog.result()
    dialog.again.setText("long enough")
    dialog.check()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted


def test_cancel_keeps_fieldcrm_closed_and_creates_nothing(qapp, tmp_path: Path, no_keyring) -> None:
    paths = resolve_paths(tmp_path / "profile").ensure()
    timer = _answering([_cancel], [])
    try:
        with pytest.raises(StoreLockedError):
            GuiApp(paths, cache_dir=tmp_path / "qm")
    finally:
        timer.stop()
    assert cipher.state(paths.database) == "missing"
