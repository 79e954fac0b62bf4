"""The laptop's local store: SQLite engine, sessions, migrations and the customer search index.

`Store` loads SQLAlchemy on first use, so `fieldcrm.store.reader` (the bare DB-API driver) stays light for the
GUI's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldcrm.store.errors import StoreError, StoreLockedError, StoreTooNewError, known_store_error

if TYPE_CHECKING:
    from fieldcrm.store.db import Store

__all__ = ["Store", "StoreError", "StoreLockedError", "StoreTooNewError", "known_store_error"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from fieldcrm.store.db import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
