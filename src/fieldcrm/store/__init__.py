"""The laptop's local store: SQLite engine, sessions, migrations and the customer search index."""

from fieldcrm.store.db import Store, StoreError, StoreTooNewError

__all__ = ["Store", "StoreError", "StoreTooNewError"]
