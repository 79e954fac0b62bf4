"""A team's ownership settings and the protection period (保护期): set at first contact, extended by each visit and by
a won deal; while it runs nobody else may claim the customer or take it over.

Days are the team's local calendar days (Asia/Shanghai unless set): protection "until 12-31" holds through the
last second of 31 December there and lapses at that midnight, whatever zone a laptop's clock is in. Times are
aware datetimes; the server's clock decides (a laptop only shows what will happen and when)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class NamedPool:
    """One of a team's named public pools (e.g. by region or industry): the customers its filter matches (see
    `domain.pools.pool_of`) and the pool rules it sets differently from the team's (`domain.pools.OVERRIDES`)."""

    name: str
    #: Customers whose region is one of these (empty: any region).
    regions: tuple[str, ...] = ()
    #: Customers whose industry is one of these (empty: any industry).
    industries: tuple[str, ...] = ()
    #: The team's pool rules this pool overrides, by setting name.
    rules: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PoolRules:
    """A team's settings for ownership and its public pool (公海), with the defaults a new team gets.

    A day count of None switches its rule off."""

    #: Protection from the first contact, in days.
    protection_days: int = 30
    #: Each logged visit protects the customer this many days from the visit's day (never shortening it).
    visit_extends_days: int = 15
    #: A won deal protects the customer this many days from the day it was won.
    won_extends_days: int = 180
    #: Customers a rep may claim from the pool per day (customers already won do not count).
    claims_per_day: int = 5
    #: Customers a rep may hold at once (won customers do not count); `caps` overrides it per rep.
    holding_cap: int = 200
    caps: dict[str, int] = field(default_factory=dict)
    #: Back to the pool after this many days without a follow-up (a visit).
    return_without_followup_days: int | None = 30
    #: Back to the pool this many days after the owner took it, if no deal was won by then.
    return_without_deal_days: int | None = 90
    #: Back to the pool the day after protection ends, if no deal was won.
    return_when_protection_ends: bool = True
    #: Won customers never go back on their own (only by release, assignment or handover).
    won_stay: bool = True
    #: The owner is reminded this many days before a customer goes back.
    remind_days_before: int = 3
    #: A rep who let a customer go back cannot claim it again for this many days.
    lockout_days: int = 30
    #: A visit logged offline before protection lapsed but received after it still counts by its own time if it
    #: arrives within this many hours of that time: long enough for a rep who was on the road a weekend, short
    #: enough that a laptop cannot keep a customer by back-dating visits it never sent.
    offline_grace_hours: int = 72
    #: The team's calendar.
    timezone: str = "Asia/Shanghai"
    #: The team's named pools, matched in order; a customer none matches is in the team's default pool (公海).
    pools: tuple[NamedPool, ...] = ()

    def cap_for(self, rep_id: str) -> int:
        return self.caps.get(rep_id, self.holding_cap)

    def day_of(self, at: datetime) -> date:
        """The team's calendar day of an aware time."""
        if at.tzinfo is None:
            raise ValueError("times must carry their offset")
        return at.astimezone(ZoneInfo(self.timezone)).date()


def protection_from_first_contact(rules: PoolRules, at: datetime) -> date:
    """The last protected day of a customer first contacted at `at`."""
    return rules.day_of(at) + timedelta(days=rules.protection_days)


def protection_on_arrival(rules: PoolRules, sent: date | None, received_at: datetime) -> date:
    """Protection of a customer a rep registers or claims, as head office accepts it: what the laptop sent (from the
    first contact, extended by visits logged offline), but never past `protection_days` from the day head office
    receives it; nothing sent, that. A registration made offline counts as first contacted no later than its
    arrival, so a laptop sending protection to 2099, or dating its first contact ahead, gains nothing."""
    most = protection_from_first_contact(rules, received_at)
    return most if sent is None or sent > most else sent


def is_protected(rules: PoolRules, until: date | None, now: datetime) -> bool:
    """Whether protection that runs through `until` still holds at `now`."""
    return until is not None and rules.day_of(now) <= until


def days_left(rules: PoolRules, until: date | None, now: datetime) -> int | None:
    """Whole days of protection left after today (0 on its last day); None when it has lapsed or never ran."""
    if not is_protected(rules, until, now):
        return None
    assert until is not None
    return (until - rules.day_of(now)).days


def lapses_soon(rules: PoolRules, until: date | None, today: date) -> bool:
    """Whether protection through `until` still holds on the team's day `today` but ends within the days its owner
    is reminded before (`remind_days_before`): the customer list marks these."""
    return until is not None and 0 <= (until - today).days < rules.remind_days_before


def visit_counts_at(rules: PoolRules, until: date | None, visit_at: datetime, received_at: datetime) -> datetime | None:
    """The time a visit counts at for protection, or None if it cannot extend it.

    A visit counts at its own time if head office received it before protection lapsed, or within the grace window
    of that time (a rep offline when it lapsed). A visit dated after its arrival counts at its arrival: a laptop's
    clock running ahead gains nothing. A visit received too late to count protects nothing: the customer lapsed."""
    counted = min(visit_at, received_at)
    if until is None or rules.day_of(received_at) <= until:
        return counted
    if rules.day_of(counted) <= until and received_at - counted <= timedelta(hours=rules.offline_grace_hours):
        return counted
    return None


def protection_after_visit(
    rules: PoolRules, until: date | None, visit_at: datetime, received_at: datetime
) -> date | None:
    """Protection after a logged visit: extended to the visit's day plus `visit_extends_days` if the visit counts
    (see `visit_counts_at`) and that is later; otherwise unchanged."""
    counted = visit_counts_at(rules, until, visit_at, received_at)
    if counted is None:
        return until
    extended = rules.day_of(counted) + timedelta(days=rules.visit_extends_days)
    return extended if until is None or extended > until else until


def protection_after_won_deal(rules: PoolRules, until: date | None, won_at: datetime) -> date:
    """Protection after a deal is won: `won_extends_days` from that day, never shortened."""
    extended = rules.day_of(won_at) + timedelta(days=rules.won_extends_days)
    return extended if until is None or extended > until else until
