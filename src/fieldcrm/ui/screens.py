"""The navigation rail's screens: the protocol every screen keeps (`Screen`) and the registry (`SCREENS`). Adding a
screen is a `Screen` subclass and one `register(...)` line; the main window knows screens only through these two.

A screen's module is imported and its widget built when the screen is first shown (see `MainWindow.screens`); the
modules of screens not shown yet are loaded on the database worker once the first screen has painted (`warm_up`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, ClassVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from fieldcrm.paths import AppPaths
from fieldcrm.ui.i18n import QT_TRANSLATE_NOOP
from fieldcrm.ui.workers import DbWorker
from fieldcrm.vocabulary import ROLES


@dataclass(frozen=True)
class ScreenContext:
    """What a screen may be built with: the database worker and the profile's folders."""

    worker: DbWorker
    paths: AppPaths


class Screen(QWidget):
    """What the main window may ask of a screen and hear from it.

    A screen reloads what it shows (`reload`) when it is shown (`activate`) and when the worker announces a change to
    one of its `nouns` (the `refreshes` nouns of the table specs, see `models.registry`); it asks the window for
    dialogs through the `*_requested` signals, since screens do not know each other."""

    log_visit_requested = Signal(str, str, object)  # customer id, name, planned stop id or None
    new_customer_requested = Signal()
    import_requested = Signal()
    export_requested = Signal()  # the window exports what the customers screen's query() selects
    export_log_requested = Signal()  # who exported what (a supervisor's team's, a rep's own)
    show_screen_requested = Signal(str)  # an empty state's next step lives on another screen (its key)

    #: The changes this screen shows: it reloads when the worker announces one of them.
    nouns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        worker.changed.connect(self, self._announced)

    @classmethod
    def for_window(cls, context: ScreenContext) -> Screen:
        """The screen built for the window (screens needing more than the worker take it from `context`)."""
        return cls(context.worker)

    def _announced(self, nouns: frozenset[str]) -> None:
        if nouns & self.nouns:
            self.changed(nouns)

    def changed(self, nouns: frozenset[str]) -> None:
        """Something this screen shows changed."""
        self.reload()

    def activate(self) -> None:
        """The screen is being shown."""
        self.reload()

    def reload(self) -> None:
        """Ask the worker for what the screen shows, and show it when it comes."""
        raise NotImplementedError

    def when_painted(self, callback: Callable[[], Any]) -> None:
        """Call `callback` once the screen shows its data (start-up waits for it before loading the rest)."""
        QTimer.singleShot(0, self, callback)

    def log_visit_here(self) -> bool:
        """Ctrl+L on this screen: ask for the log-visit dialog for what the screen shows; False if nothing fits."""
        return False


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # source text in the "screens" context
    #: "module:Class" of the screen's `Screen` subclass, imported when the screen is first shown.
    screen: str
    roles: tuple[str, ...] = ROLES

    @property
    def icon(self) -> str:
        """The rail's icon: `resources/icons/<key>.svg`."""
        return self.key

    @property
    def module(self) -> str:
        return self.screen.partition(":")[0]

    def build(self, context: ScreenContext) -> Screen:
        module, _, name = self.screen.partition(":")
        cls: type[Screen] = getattr(import_module(module), name)
        return cls.for_window(context)


SCREENS: list[ScreenSpec] = []

#: Modules the window opens dialogs from (beside the screens'): loaded by `warm_up` so no click waits for an import.
DIALOG_MODULES = (
    "fieldcrm.ui.ops.sync",
    "fieldcrm.ui.auto_sync",
    "fieldcrm.ui.customers.page",
    "fieldcrm.ui.customers.new_dialog",
    "fieldcrm.ui.visits.log_dialog",
    "fieldcrm.ui.settings_dialog",
    "fieldcrm.ui.pool.release_dialog",
    "fieldcrm.ui.handovers.dialog",
    "fieldcrm.ui.appeals.appeal_dialog",
)


def register(spec: ScreenSpec) -> None:
    SCREENS.append(spec)


def import_window_modules(last_screen: str) -> None:
    """Import the main window's module and the module of the screen it will show first (`last_screen`, the key the
    window restores; unknown keys import nothing more). Called at start while the store's key is still being found
    (a passphrase's Argon2 or the keyring, on another thread), so the imports overlap that wait instead of
    following it."""
    import_module("fieldcrm.ui.main_window")
    for spec in SCREENS:
        if spec.key == last_screen:
            import_module(spec.module)


def warm_up_modules() -> tuple[str, ...]:
    """The modules of every registered screen and of the window's dialogs."""
    return DIALOG_MODULES + tuple(spec.module for spec in SCREENS)


register(
    ScreenSpec("today", QT_TRANSLATE_NOOP("screens", "Today"), "fieldcrm.ui.today.screen:TodayScreen", ("rep", "admin"))
)
register(
    ScreenSpec(
        "customers", QT_TRANSLATE_NOOP("screens", "Customers"), "fieldcrm.ui.customers.screen:CustomerListScreen"
    )
)
register(
    ScreenSpec("plans", QT_TRANSLATE_NOOP("screens", "Plans"), "fieldcrm.ui.plans.screen:PlanScreen", ("rep", "admin"))
)
register(
    ScreenSpec(
        "reports", QT_TRANSLATE_NOOP("screens", "Reports"), "fieldcrm.ui.reports.screen:ReportScreen", ("rep", "admin")
    )
)
register(
    ScreenSpec(
        "inbox", QT_TRANSLATE_NOOP("screens", "Inbox"), "fieldcrm.ui.reports.inbox:InboxScreen", ("supervisor", "admin")
    )
)
register(
    ScreenSpec(
        "pool", QT_TRANSLATE_NOOP("screens", "Public pool"), "fieldcrm.ui.pool.screen:PoolScreen", ("rep", "supervisor")
    )
)
register(
    ScreenSpec("handovers", QT_TRANSLATE_NOOP("screens", "Handovers"), "fieldcrm.ui.handovers.screen:HandoverScreen")
)
register(
    ScreenSpec(
        "arbitration",
        QT_TRANSLATE_NOOP("screens", "Arbitration"),
        "fieldcrm.ui.appeals.arbitration:ArbitrationScreen",
        ("supervisor", "admin"),
    )
)
register(
    ScreenSpec(
        "fairness",
        QT_TRANSLATE_NOOP("screens", "Fairness"),
        "fieldcrm.ui.fairness.screen:FairnessScreen",
        ("supervisor", "admin"),
    )
)
register(ScreenSpec("sync", QT_TRANSLATE_NOOP("screens", "Sync"), "fieldcrm.ui.sync.panel:SyncPanel"))
