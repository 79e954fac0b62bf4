"""The navigation rail's screens. Adding a screen is one `register(...)` line (Public pool, Dashboard later).

A screen's module is imported and its widget built when the screen is first shown (see `MainWindow.screens`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from fieldcrm.paths import AppPaths
from fieldcrm.ui.workers import DbWorker
from fieldcrm.vocabulary import ROLES


@dataclass(frozen=True)
class ScreenContext:
    """What a screen may be built with: the database worker and the profile's folders."""

    worker: DbWorker
    paths: AppPaths


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # source text in the "screens" context
    factory: Callable[[ScreenContext], QWidget]
    roles: tuple[str, ...] = ROLES


SCREENS: list[ScreenSpec] = []


def register(spec: ScreenSpec) -> None:
    SCREENS.append(spec)


def _today(context: ScreenContext) -> QWidget:
    from fieldcrm.ui.today.screen import TodayScreen

    return TodayScreen(context.worker)


def _customers(context: ScreenContext) -> QWidget:
    from fieldcrm.ui.customers.screen import CustomerListScreen

    return CustomerListScreen(context.worker)


def _plans(context: ScreenContext) -> QWidget:
    from fieldcrm.ui.plans.screen import PlanScreen

    return PlanScreen(context.worker)


def _reports(context: ScreenContext) -> QWidget:
    from fieldcrm.ui.reports.screen import ReportScreen

    return ReportScreen(context.worker)


def _inbox(context: ScreenContext) -> QWidget:
    from fieldcrm.ui.reports.inbox import InboxScreen

    return InboxScreen(context.worker)


def _sync(context: ScreenContext) -> QWidget:
    from fieldcrm.ui.sync.panel import SyncPanel

    return SyncPanel(context.worker, context.paths)


register(ScreenSpec("today", QT_TRANSLATE_NOOP("screens", "Today"), _today, ("rep", "admin")))
register(ScreenSpec("customers", QT_TRANSLATE_NOOP("screens", "Customers"), _customers))
register(ScreenSpec("plans", QT_TRANSLATE_NOOP("screens", "Plans"), _plans, ("rep", "admin")))
register(ScreenSpec("reports", QT_TRANSLATE_NOOP("screens", "Reports"), _reports, ("rep", "admin")))
register(ScreenSpec("inbox", QT_TRANSLATE_NOOP("screens", "Inbox"), _inbox, ("supervisor", "admin")))
register(ScreenSpec("sync", QT_TRANSLATE_NOOP("screens", "Sync"), _sync))
