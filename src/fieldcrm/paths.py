"""Where FieldCRM keeps its files: platformdirs locations, overridable by --data-dir or FIELDCRM_DATA_DIR."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "FieldCRM"
ENV_DATA_DIR = "FIELDCRM_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one profile. With a data dir everything lives below it; otherwise platformdirs decides."""

    data: Path
    config: Path
    logs: Path
    backups: Path

    @property
    def database(self) -> Path:
        return self.data / "fieldcrm.sqlite3"

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.config, self.logs, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data=root, config=root / "config", logs=root / "logs", backups=root / "backups")
    import platformdirs  # only without a data dir (it takes ~10 ms to import)

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return AppPaths(
        data=data,
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        backups=data / "backups",
    )
