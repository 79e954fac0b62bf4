"""Languages: Simplified Chinese and English, following the system locale unless the user chose one.

The `.ts` sources ship as package data; the `.qm` Qt loads is compiled from them with lrelease into the cache
folder on first use (keyed by the source's hash), unless a bundle already ships a compiled one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldcrm.paths import APP_NAME

log = logging.getLogger(__name__)

# Qt's marker for lupdate, which returns the text unchanged; PySide6's stub says it returns `object`.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)

LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


def resolve_language(choice: str | None) -> str:
    """'zh_CN' or 'en': the user's choice, else the system locale (any Chinese locale gets Simplified Chinese)."""
    if choice in LANGUAGES:
        return choice
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def _lrelease() -> str | None:
    import shutil

    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found:
        return found
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    return str(bundled) if bundled.exists() else None


def compiled_catalogue(language: str, cache_dir: Path | None = None) -> Path | None:
    """The .qm file for `language`: shipped next to the .ts, or compiled into the cache; None if impossible."""
    folder = resources.files("fieldcrm.resources") / "translations"
    shipped = folder / f"fieldcrm_{language}.qm"
    if shipped.is_file():
        with resources.as_file(shipped) as path:
            return Path(path)
    source = folder / f"fieldcrm_{language}.ts"
    if not source.is_file():
        return None
    import hashlib
    import subprocess

    import platformdirs

    data = source.read_bytes()
    cache = cache_dir or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations"
    target = cache / f"fieldcrm_{language}-{hashlib.sha256(data).hexdigest()[:16]}.qm"
    if target.is_file():
        return target
    tool = _lrelease()
    if tool is None:
        log.warning("no lrelease tool found; the GUI stays in English")
        return None
    cache.mkdir(parents=True, exist_ok=True)
    with resources.as_file(source) as ts_path:
        partial = target.with_suffix(".tmp")
        result = subprocess.run(
            [tool, "-silent", str(ts_path), "-qm", str(partial)], capture_output=True, text=True, check=False
        )
    if result.returncode != 0 or not partial.is_file():
        log.warning("lrelease failed (%s): %s", result.returncode, result.stderr.strip())
        return None
    partial.replace(target)  # whole file or nothing: a half-written catalogue is never loaded
    return target


def install_language(choice: str | None, cache_dir: Path | None = None) -> str:
    """Load the catalogues for the chosen (or system) language into the application; returns the language."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the application"
    language = resolve_language(choice)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return language
    ours = QTranslator(app)
    catalogue = compiled_catalogue(language, cache_dir)
    if catalogue is not None and ours.load(str(catalogue)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)  # Qt's own strings: standard buttons, context menus
    if qt_own.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language
