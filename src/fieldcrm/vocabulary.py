"""Fixed vocabularies of the domain (grades, stages, roles), importable without the ORM (the GUI's first paint)."""

from __future__ import annotations

GRADES = ("A", "B", "C")
#: Lifecycle stages: prospect, new, regular, important, strategic, lost.
STAGES = ("潜在", "新", "一般", "重要", "战略", "流失")
ROLES = ("rep", "supervisor", "admin")
