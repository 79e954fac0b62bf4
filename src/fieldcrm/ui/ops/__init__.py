"""Operation factories: small functions per domain noun that run service calls on the database worker."""

from fieldcrm.ui.ops.base import Op, Progress, QueryOp

__all__ = ["Op", "Progress", "QueryOp"]
