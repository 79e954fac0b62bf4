"""Carrying out head office's remote wipe on this laptop: forget the sync token, erase the store, its journal files,
every backup and their keys (`store.wipe`), and say in one sentence why (the window says it in the user's language:
the sentences are templates in `ui/reasons.py`)."""

from __future__ import annotations

from fieldcrm.paths import AppPaths
from fieldcrm.store.wipe import Erased, erase_store
from fieldcrm.sync.tokens import TokenStore
from fieldcrm.sync.transport import WipeOrdered

SENTENCES = {
    "lost": "Head office reported this laptop lost, so FieldCRM has erased its data here without sending anything.",
    "departed": "Head office ended your use of FieldCRM on this laptop, so FieldCRM sent your work to head office "
    "and erased its data here.",
}


def sentence(order: WipeOrdered) -> str:
    """Why this laptop's data is gone, in one plain sentence."""
    return SENTENCES.get(order.kind, SENTENCES["lost"])


def carry_out(order: WipeOrdered, paths: AppPaths) -> Erased:
    """Erase the profile's data as `order` says. The caller has closed every connection to the store first."""
    if order.server and order.user:
        TokenStore(paths.config).clear(order.server, order.user)
    return erase_store(paths.database, paths.backups)
