"""Window state and UI choices in QSettings, kept in the profile's config folder (so tests stay isolated)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from fieldcrm.paths import AppPaths

GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
LAST_SCREEN = "window/screen"
LANGUAGE = "ui/language"
AUTO_SYNC_MINUTES = "sync/auto_minutes"  # 0: no automatic sync (a metered connection); "Sync now" still works
DEFAULT_AUTO_SYNC_MINUTES = 5
BACKUP_KEEP = "backup/keep_daily"  # how many daily backups of the store the app keeps
LOCK_MINUTES = "lock/idle_minutes"  # the app locks after this long without input; 0: never
DEFAULT_LOCK_MINUTES = 15


def backups_to_keep(settings: QSettings) -> int:
    from fieldcrm.store.backups import KEEP_DAILY

    try:
        return min(365, max(1, int(settings.value(BACKUP_KEEP, KEEP_DAILY))))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return KEEP_DAILY


def auto_sync_minutes(settings: QSettings) -> int:
    try:
        return max(0, int(settings.value(AUTO_SYNC_MINUTES, DEFAULT_AUTO_SYNC_MINUTES)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_AUTO_SYNC_MINUTES


def lock_minutes(settings: QSettings) -> int:
    try:
        return min(24 * 60, max(0, int(settings.value(LOCK_MINUTES, DEFAULT_LOCK_MINUTES))))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES


def settings_for(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config / "fieldcrm-ui.ini"), QSettings.Format.IniFormat)
