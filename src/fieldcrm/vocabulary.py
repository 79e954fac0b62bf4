"""Fixed vocabularies of the domain (grades, stages, roles), importable without the ORM (the GUI's first paint)."""

from __future__ import annotations

GRADES = ("A", "B", "C")
#: Lifecycle stages: prospect, new, regular, important, strategic, lost.
STAGES = ("潜在", "新", "一般", "重要", "战略", "流失")
ROLES = ("rep", "supervisor", "admin")
#: What a screen listens for, one word per kind of synced row: each table spec (`models.registry`) names the one its
#: rows refresh, and a screen declares the ones it shows (`ui.screens.Screen.nouns`).
ROW_NOUNS = frozenset({"customers", "visits", "plans", "reports", "profile", "audit"})
#: Every change a screen may be told of: rows of any kind, and a sync (which a screen showing sync state listens for).
ALL_NOUNS = ROW_NOUNS | {"sync"}
