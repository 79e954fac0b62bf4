"""Operation factories: small functions per domain noun that run service calls on the database worker."""

from fieldcrm.ui.ops.base import Op, QueryOp

__all__ = ["Op", "QueryOp"]
