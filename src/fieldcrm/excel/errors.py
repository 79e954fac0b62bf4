"""Why an import stops: refused files, limits, cancellation; each message is one sentence a user can act on."""

from __future__ import annotations

from dataclasses import dataclass

from fieldcrm.domain.errors import ServiceError


class ImportRefusedError(ServiceError):
    """The file cannot be imported as it is (not a spreadsheet, encrypted, too large, no header row…)."""


class ImportCancelledError(ServiceError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was written")


@dataclass(frozen=True)
class ImportLimits:
    """Limits that keep a hostile or broken file from exhausting the laptop; no row cap below them."""

    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_rows: int = 1_000_000
