"""The public pool (公海): who may claim a customer and why not, when a held customer goes back on its own (and by
which rule), and when its owner is warned. Pure rules over what the caller read (`Term`, `Load`); the team's
settings are `protection.PoolRules`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from fieldcrm.domain.protection import PoolRules, is_protected
from fieldcrm.times import stored_utc

ReturnRule = Literal["no_followup", "no_deal", "protection_ended"]

IN_PROTECTION = "this customer is protected for its owner until {0}; it cannot be claimed before then"
NOT_IN_POOL = "this customer is not in the public pool; ask your supervisor to assign it"
ALREADY_YOURS = "this customer is already yours"
LOCKED_OUT = "you let this customer go back to the pool on {0}; you can claim it again from {1}"
OVER_CAP = "you hold {0} customers and your limit is {1}; release one before claiming another"
OVER_DAILY = "you have claimed {0} customers today, the daily limit; claim more tomorrow"
CLAIMED_BY = "already claimed by {0} on {1} at {2}, when head office accepted it; it is no longer in the public pool"
RELEASE_NEEDS_REASON = "give a reason for releasing this customer to the public pool"
ONLY_OWNER_RELEASES = "only its owner can release this customer to the public pool"


@dataclass(frozen=True)
class Term:
    """What the rules need to know of one customer."""

    owner_id: str | None
    in_pool: bool
    #: When its current owner got it (first contact, claim, assignment, handover).
    taken_at: datetime | None = None
    #: Its last protected day (see `protection`).
    protection_until: date | None = None
    #: The time of its latest follow-up (a visit), whoever logged it.
    last_followup_at: datetime | None = None
    #: Whether a deal with it was won.
    won: bool = False
    #: Reps who let it go back, and the day each did (for the lockout).
    lapsed: dict[str, date] = field(default_factory=dict)


@dataclass(frozen=True)
class Load:
    """A rep's load, as the caps count it: customers held and claims made today, won customers left out."""

    held: int
    claimed_today: int


def refuse_claim(rules: PoolRules, rep_id: str, term: Term, load: Load, now: datetime) -> str | None:
    """Why `rep_id` may not claim the customer now, or None. Each refusal names the limit and what to do."""
    if term.owner_id == rep_id and not term.in_pool:
        return ALREADY_YOURS
    if not term.in_pool:
        if term.owner_id is not None and is_protected(rules, term.protection_until, now):
            return IN_PROTECTION.format(term.protection_until)
        return NOT_IN_POOL
    lapsed_on = term.lapsed.get(rep_id)
    if lapsed_on is not None:
        free_from = lapsed_on + timedelta(days=rules.lockout_days)
        if rules.day_of(now) < free_from:
            return LOCKED_OUT.format(lapsed_on, free_from)
    if not term.won:  # won customers count against neither limit
        if load.held >= rules.cap_for(rep_id):
            return OVER_CAP.format(load.held, rules.cap_for(rep_id))
        if load.claimed_today >= rules.claims_per_day:
            return OVER_DAILY.format(load.claimed_today)
    return None


def refuse_release(rep_id: str, term: Term, reason: str) -> str | None:
    """Why `rep_id` may not release the customer to the pool with `reason`, or None."""
    if term.in_pool or term.owner_id != rep_id:
        return ONLY_OWNER_RELEASES
    if not reason.strip():
        return RELEASE_NEEDS_REASON
    return None


def claimed_by(name: str, accepted_at: datetime, rules: PoolRules) -> str:
    """The refusal of a claim someone else's claim beat (the earliest one head office accepted wins): who, and the
    day and time (the team's) head office accepted theirs."""
    local = stored_utc(accepted_at).astimezone(ZoneInfo(rules.timezone))
    return CLAIMED_BY.format(name, local.date(), local.strftime("%H:%M"))


def worked_before_claim(work_at: datetime, claimed_at: datetime | None) -> bool:
    """Whether work on a customer (a visit logged at `work_at`) was done while it was still in the pool, before
    the claim that took it (`claimed_at`, when head office accepted it): a rep whose offline claim lost keeps the
    visits they made, attached to the customer, on the laptop and at head office."""
    if claimed_at is None:
        return False
    aware = [stored_utc(t) for t in (work_at, claimed_at)]
    return aware[0] <= aware[1]


#: A customer's owner-specific data, cleared when it goes back to the pool (its next owner starts their own): the
#: owner's protection and their planned next follow-up. Its file, contacts, deals and visit history stay with it.
CLEARED_ON_RETURN = ("protection_until", "next_follow_up")


@dataclass(frozen=True)
class Return:
    """A held customer's return to the pool: the day it goes back and the rule sending it."""

    on: date
    rule: ReturnRule


def next_return(rules: PoolRules, term: Term) -> Return | None:
    """The day a held customer goes back to the pool if nothing changes, and why; None if no rule applies.

    It goes back on the first day a rule's count has run out (the earliest rule wins; on a tie the order is
    follow-up, deal, protection). A customer in protection never goes back before protection ends."""
    if term.in_pool or term.owner_id is None or (term.won and rules.won_stay):
        return None
    due: list[Return] = []

    def after(start: datetime, days: int) -> date:  # the first day after `days` whole days from `start`'s day
        return rules.day_of(start) + timedelta(days=days + 1)

    start = term.last_followup_at or term.taken_at
    if rules.return_without_followup_days is not None and start is not None:
        due.append(Return(after(start, rules.return_without_followup_days), "no_followup"))
    if not term.won:
        if rules.return_without_deal_days is not None and term.taken_at is not None:
            due.append(Return(after(term.taken_at, rules.return_without_deal_days), "no_deal"))
        if rules.return_when_protection_ends and term.protection_until is not None:
            due.append(Return(term.protection_until + timedelta(days=1), "protection_ended"))
    if not due:
        return None
    first = min(due, key=lambda r: r.on)  # min keeps the first of equals: the order above
    if term.protection_until is not None and first.on <= term.protection_until:
        return Return(term.protection_until + timedelta(days=1), first.rule)
    return first


def returns_now(rules: PoolRules, term: Term, now: datetime) -> Return | None:
    """The return due at `now` (by the server's clock), or None."""
    upcoming = next_return(rules, term)
    return upcoming if upcoming is not None and upcoming.on <= rules.day_of(now) else None


def goes_back(rules: PoolRules, term: Term, now: datetime) -> Return | None:
    """The return head office carries out at `now`: due (`returns_now`), and the offline grace window has passed
    since its day began. A rep offline when the customer lapsed may still be carrying a visit made before the lapse,
    which counts by its own time if it arrives within the window (`protection.visit_counts_at`); the customer waits
    for it rather than going back and coming out again."""
    due = returns_now(rules, term, now)
    if due is None:
        return None
    began = datetime.combine(due.on, time.min, ZoneInfo(rules.timezone))
    return due if now >= began + timedelta(hours=rules.offline_grace_hours) else None


def reminded(rules: PoolRules, upcoming: Return, now: datetime) -> bool:
    """Whether the owner is warned of `upcoming` at `now`: within `remind_days_before` days of it, and not yet due."""
    today = rules.day_of(now)
    return today < upcoming.on <= today + timedelta(days=rules.remind_days_before)


def reminder(rules: PoolRules, term: Term, now: datetime) -> Return | None:
    """The return its owner is warned of at `now` (`reminded`), or None."""
    upcoming = next_return(rules, term)
    return upcoming if upcoming is not None and reminded(rules, upcoming, now) else None


def lapse(term: Term, rules: PoolRules, now: datetime) -> Term:
    """The customer back in the pool: no owner, no protection, and its last owner locked out from today."""
    lapsed = dict(term.lapsed)
    if term.owner_id is not None:
        lapsed[term.owner_id] = rules.day_of(now)
    return Term(None, True, None, None, term.last_followup_at, term.won, lapsed)
