"""The command line speaks the user's language where it reports a reason (a refused value, a failed import row,
the saved error workbook): the profile's language setting (the GUI's Settings), else the system locale.

Reasons are translated with the GUI's catalogue (`ui.reasons`), through a translator of the CLI's own: Qt's
application-wide translator is never installed, and nothing is loaded for an English user."""

from __future__ import annotations

import configparser
import locale
import os
from collections.abc import Callable
from functools import cache

from fieldcrm.paths import AppPaths

#: Where the GUI keeps the language choice (ui.settings: QSettings in IniFormat, key ui/language).
SETTINGS_FILE = "fieldcrm-ui.ini"


def _chosen(paths: AppPaths) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(paths.config / SETTINGS_FILE, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return ""
    return parser.get("ui", "language", fallback="").strip()


def _system() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    found = locale.getlocale()[0] or ""
    return "zh_CN" if found.lower().startswith(("zh", "chinese")) else "en"


def language(paths: AppPaths) -> str:
    """'zh_CN' or 'en' for this profile's commands."""
    chosen = _chosen(paths)
    return chosen if chosen in ("zh_CN", "en") else _system()


@cache
def _translator(lang: str) -> Callable[[str], str]:
    from PySide6.QtCore import QTranslator

    from fieldcrm.ui import reasons
    from fieldcrm.ui.i18n import compiled_catalogue

    translator = QTranslator()
    catalogue = compiled_catalogue(lang)
    if catalogue is None or not translator.load(str(catalogue)):
        return lambda message: message

    def tr(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return lambda message: reasons.localize(message, tr)


def localizer(paths: AppPaths) -> Callable[[str], str]:
    """A function that puts a reason into the profile's language (the identity for English)."""
    lang = language(paths)
    if lang == "en":
        return lambda message: message
    return _translator(lang)
