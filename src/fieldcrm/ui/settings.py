"""Window state and UI choices in QSettings, kept in the profile's config folder (so tests stay isolated)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from fieldcrm.paths import AppPaths

GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
LAST_SCREEN = "window/screen"
LANGUAGE = "ui/language"


def settings_for(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config / "fieldcrm-ui.ini"), QSettings.Format.IniFormat)
