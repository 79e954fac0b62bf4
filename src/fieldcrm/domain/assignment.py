"""Assignment by a supervisor (分配客户): who gets which customer, by hand, in turn (round-robin), by region, by
industry or by capacity, never past a rep's holding cap. Pure rules over what the caller read (`Candidate`,
`ToAssign`); what cannot be placed comes back with why.

Choices made here, for the laptop, the CLI and the preview alike:
- A rep's region is the region most of the customers they hold are in (ties: the first by name). Teams have no
  region setting yet; when they get one it plugs in where `Candidate.regions` is read.
- By industry, a customer goes to the rep holding most customers of its industry (experience), then the one with
  most free room.
- By capacity, the rep with most free room under their cap goes first; ties go to the rep who won more customers
  (performance), then by name.
- Reps take turns, and ties go, in the order of their names (in pinyin, as the caller gives it).
- Round-robin continues after the rep who got the last round-robin customer (`after`, read from the synced
  ownership history, so every supervisor's laptop continues from the same place); reps at their cap are skipped.
- Won customers count against no cap (as for claims from the pool); a customer never goes to the rep who holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Strategy = Literal["by_hand", "round_robin", "region", "industry", "capacity"]
STRATEGIES: tuple[Strategy, ...] = ("by_hand", "round_robin", "region", "industry", "capacity")

ONLY_SUPERVISORS = "only a supervisor or an admin can assign customers"
NO_REPS = "there is no rep on your team to assign customers to"
PICK_A_REP = "choose the rep to give the customers to"
NOT_A_CANDIDATE = "{0} is not a rep on your team"
ALREADY_THEIRS = "{0} already holds this customer"
AT_CAP = "{0} already holds {1} customers, their limit"
EVERY_REP_AT_CAP = "every rep is at their limit of customers"
NO_OTHER_REP = "there is no other rep on your team to give this customer to"
NO_REGION = "this customer has no region"
NOBODY_IN_REGION = "no rep works in {0}"
NO_INDUSTRY = "this customer has no industry"
NOBODY_IN_INDUSTRY = "no rep holds customers in {0}"


@dataclass(frozen=True)
class Candidate:
    """A rep who may receive customers, as the rules count them."""

    id: str
    name: str
    #: Customers held now, won ones left out.
    held: int
    cap: int
    #: Customers held per region and per industry.
    regions: Mapping[str, int] = field(default_factory=dict)
    industries: Mapping[str, int] = field(default_factory=dict)
    #: Customers won (performance): the tie-break of capacity.
    won: int = 0
    #: The order reps take turns in and ties go by (the caller's: their names in pinyin); their name if empty.
    sort_key: str = ""

    @property
    def order(self) -> tuple[str, str, str]:
        return (self.sort_key or self.name, self.name, self.id)

    @property
    def home_region(self) -> str | None:
        """The region most of their customers are in (ties: the first by name)."""
        if not self.regions:
            return None
        return min(self.regions, key=lambda r: (-self.regions[r], r))


@dataclass(frozen=True)
class ToAssign:
    """A customer to assign, as the rules need it."""

    id: str
    owner_id: str | None
    in_pool: bool = False
    region: str | None = None
    industry: str | None = None
    won: bool = False


@dataclass(frozen=True)
class Placement:
    customer_id: str
    rep_id: str


@dataclass(frozen=True)
class Unplaced:
    customer_id: str
    reason: str


@dataclass(frozen=True)
class Plan:
    """Who gets which customer (in the order given), and the customers nobody could take, with why."""

    placed: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]


class _Room:
    """The candidates' load as the plan fills it."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.by_id = {c.id: c for c in candidates}
        self.held = {c.id: c.held for c in candidates}

    def free(self, rep_id: str) -> int:
        return self.by_id[rep_id].cap - self.held[rep_id]

    def fits(self, rep_id: str, customer: ToAssign) -> bool:
        return customer.won or self.free(rep_id) > 0

    def take(self, rep_id: str, customer: ToAssign) -> None:
        if not customer.won:
            self.held[rep_id] += 1


def plan_assignment(
    strategy: Strategy,
    customers: Sequence[ToAssign],
    candidates: Sequence[Candidate],
    rep_id: str | None = None,
    after: str | None = None,
) -> Plan:
    """The assignment of `customers` among `candidates` by `strategy`: `rep_id` is the rep chosen by hand, `after`
    the rep who got the last round-robin customer. Nobody is given more than their cap."""
    if strategy not in STRATEGIES:
        raise ValueError(f"'{strategy}' is not a way to assign; use one of {', '.join(STRATEGIES)}")
    reps = sorted(candidates, key=lambda c: c.order)
    room = _Room(reps)
    placed: list[Placement] = []
    unplaced: list[Unplaced] = []
    turn = _first_turn(reps, after)
    for customer in customers:
        eligible = [c for c in reps if c.id != customer.owner_id or customer.in_pool]
        reason: str | None = None
        chosen: Candidate | None = None
        if not reps:
            reason = NO_REPS
        elif not eligible and strategy != "by_hand":
            reason = NO_OTHER_REP
        elif strategy == "by_hand":
            chosen, reason = _by_hand(room, customer, rep_id)
        elif strategy == "round_robin":
            for step in range(len(reps)):
                rep = reps[(turn + step) % len(reps)]
                if rep in eligible and room.fits(rep.id, customer):
                    chosen, turn = rep, (turn + step + 1) % len(reps)
                    break
            reason = None if chosen else EVERY_REP_AT_CAP
        elif strategy == "region":
            chosen, reason = _matching(room, customer, eligible, customer.region, "region")
        elif strategy == "industry":
            chosen, reason = _matching(room, customer, eligible, customer.industry, "industry")
        else:
            fitting = [c for c in eligible if room.fits(c.id, customer)]
            chosen = min(fitting, key=lambda c: (-room.free(c.id), -c.won, c.order), default=None)
            reason = None if chosen else EVERY_REP_AT_CAP
        if chosen is None:
            unplaced.append(Unplaced(customer.id, reason or EVERY_REP_AT_CAP))
            continue
        room.take(chosen.id, customer)
        placed.append(Placement(customer.id, chosen.id))
    return Plan(tuple(placed), tuple(unplaced))


def _first_turn(reps: Sequence[Candidate], after: str | None) -> int:
    """Where round-robin starts: after the rep who got the last customer in turn (the first rep by name if none, or
    if that rep is no longer a candidate)."""
    if after is None or not reps:
        return 0
    ids = [c.id for c in reps]
    if after in ids:
        return (ids.index(after) + 1) % len(reps)
    return 0


def _by_hand(room: _Room, customer: ToAssign, rep_id: str | None) -> tuple[Candidate | None, str | None]:
    if rep_id is None:
        return None, PICK_A_REP
    rep = room.by_id.get(rep_id)
    if rep is None:
        return None, NOT_A_CANDIDATE.format(rep_id)
    if rep.id == customer.owner_id and not customer.in_pool:
        return None, ALREADY_THEIRS.format(rep.name)
    if not room.fits(rep.id, customer):
        return None, AT_CAP.format(rep.name, rep.cap)
    return rep, None


def _matching(
    room: _Room, customer: ToAssign, eligible: Sequence[Candidate], value: str | None, by: str
) -> tuple[Candidate | None, str | None]:
    """By region (reps whose home region it is) or industry (reps holding customers of it, most first); then the
    most free room."""
    if not value:
        return None, NO_REGION if by == "region" else NO_INDUSTRY
    if by == "region":
        matching = [c for c in eligible if c.home_region == value]
    else:
        matching = [c for c in eligible if c.industries.get(value, 0) > 0]
    if not matching:
        return None, (NOBODY_IN_REGION if by == "region" else NOBODY_IN_INDUSTRY).format(value)
    fitting = [c for c in matching if room.fits(c.id, customer)]
    if not fitting:
        return None, EVERY_REP_AT_CAP
    if by == "region":
        return min(fitting, key=lambda c: (-room.free(c.id), c.order)), None
    return min(fitting, key=lambda c: (-c.industries.get(value, 0), -room.free(c.id), c.order)), None
