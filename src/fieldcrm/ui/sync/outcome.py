"""One sync's outcome in the user's language, for the status bar and the Sync panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def sync_outcome(result: Any) -> str:
    """What a finished sync did: sent, received, conflicts, and any changes head office refused."""
    text = QCoreApplication.translate("SyncOutcome", "Synced: {0} sent, {1} received, {2} conflicts.").format(
        result.pushed, result.pulled, result.conflicts
    )
    if result.rejected:
        refused = QCoreApplication.translate(
            "SyncOutcome",
            "%n change(s) not accepted by head office: they stay on this laptop, marked.",
            "",
            result.rejected,
        )
        text += " " + refused
    return text
