"""The laptop's local store: SQLite engine, sessions, migrations and the customer search index."""

from fieldcrm.store.db import Store, StoreError, StoreTooNewError, known_store_error

__all__ = ["Store", "StoreError", "StoreTooNewError", "known_store_error"]
