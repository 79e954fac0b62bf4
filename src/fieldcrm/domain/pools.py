"""A team's several public pools (公海, e.g. by region or industry): which pool a customer is in, and the pool rules
that pool works under (the team's, with the pool's overrides). A customer is in the first named pool whose filter
matches its region and industry (exact match after trimming spaces), else in the team's default pool. The same
matching as a SQL expression, so the laptop and head office count and list a pool's customers in one statement."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fieldcrm.domain.protection import NamedPool, PoolRules

#: The pool of customers no named pool matches (every team has it).
DEFAULT_POOL = "公海"
#: The pool rules a named pool may set differently from its team's.
OVERRIDES = (
    "claims_per_day",
    "return_without_followup_days",
    "return_without_deal_days",
    "return_when_protection_ends",
    "remind_days_before",
    "lockout_days",
)
#: Named pools a team may have.
MAX_POOLS = 20


def _clean(value: str | None) -> str:
    return (value or "").strip(" ")


def matches(pool: NamedPool, region: str | None, industry: str | None) -> bool:
    """Whether a customer of `region` and `industry` passes the pool's filter: each list it has must hold the
    customer's value (both lists: both must)."""
    if pool.regions and _clean(region) not in pool.regions:
        return False
    return not pool.industries or _clean(industry) in pool.industries


def pool_of(rules: PoolRules, region: str | None, industry: str | None) -> str:
    """The name of the pool a customer of `region` and `industry` is in: the first of the team's named pools whose
    filter matches, else the default pool (公海)."""
    for pool in rules.pools:
        if matches(pool, region, industry):
            return pool.name
    return DEFAULT_POOL


def pool_names(rules: PoolRules) -> list[str]:
    """The team's pools in order, the default last."""
    return [*(p.name for p in rules.pools), DEFAULT_POOL]


def rules_of_pool(rules: PoolRules, name: str) -> PoolRules:
    """The pool rules of the team's pool `name`: the team's, with that pool's overrides applied (the default pool,
    or a pool the team no longer has: the team's own)."""
    for pool in rules.pools:
        if pool.name == name:
            return replace(rules, **pool.rules)
    return rules


def rules_for(rules: PoolRules, region: str | None, industry: str | None) -> PoolRules:
    """The pool rules a customer of `region` and `industry` works under (its pool's)."""
    return rules_of_pool(rules, pool_of(rules, region, industry))


def pool_column(rules: PoolRules, region: Any, industry: Any) -> Any:
    """`pool_of` as a SQL expression over a customer's region and industry columns (SQLite and PostgreSQL alike):
    the pool's name."""
    # Imported here: the customer list reads the pools' rules for its tint before the ORM has loaded (startup).
    from sqlalchemy import and_, case, func, literal

    whens = []
    for pool in rules.pools:
        conditions = []
        if pool.regions:
            conditions.append(func.trim(region).in_(pool.regions))
        if pool.industries:
            conditions.append(func.trim(industry).in_(pool.industries))
        whens.append((and_(*conditions), literal(pool.name)))
    if not whens:
        return literal(DEFAULT_POOL)
    return case(*whens, else_=literal(DEFAULT_POOL))
