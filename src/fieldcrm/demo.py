"""Demo data (演示数据): realistic, deterministic customers, contacts, visits, plans, reports and opportunities.

The same seed on an empty store gives the same names, phones and history. Rows go in through `BulkWriter` (each
chunk of customers with its contacts is one unit of work, so each lands whole with its outbox entries); reports
go through `ReportService`, so their content and countersignatures are the real ones.
"""

from __future__ import annotations

import bisect
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any, TypeVar

from sqlalchemy import text

from fieldcrm import demo_words as words
from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.domain.protection import PoolRules, protection_from_first_contact
from fieldcrm.ids import uuid7
from fieldcrm.models import Opportunity, OwnershipEvent, PlannedStop, Team, User, Visit, VisitPlan
from fieldcrm.normalize import normalise_company_name, normalise_phone
from fieldcrm.services.bulk import BulkWriter
from fieldcrm.services.changes import unit_of_work
from fieldcrm.services.customer_writes import customer_id_for, first_contact_event
from fieldcrm.services.plans import plan_id_for
from fieldcrm.services.profile import ProfileService, UserInfo
from fieldcrm.services.reports import ReportService, report_id_for
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.services.validation import credit_check_char
from fieldcrm.store import Store

CHUNK = 5000
HISTORY_DAYS = 90
PLAN_AHEAD_DAYS = 7
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # letters a credit code may hold
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
CONTACTS_PER_CUSTOMER = ((1, 50), (2, 35), (3, 15))
T = TypeVar("T")


@dataclass
class DemoSummary:
    user: str
    role: str
    reps_added: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: Seconds per phase ("insert customers and contacts" is BulkWriter.insert_customers alone), and overall.
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    def timed(self, phase: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[phase] = self.timings.get(phase, 0.0) + now - since
        return now


#: Running totals per weight table, by id; the entry holds the table itself so that id is never reused.
_CUMULATIVE: dict[int, tuple[tuple, list[Any], list[int]]] = {}


def weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    """One value of (value, weight) pairs, from one random() call; totals are worked out once per table."""
    entry = _CUMULATIVE.get(id(pairs))
    if entry is None or entry[0] is not pairs:
        entry = _CUMULATIVE[id(pairs)] = (pairs, [p[0] for p in pairs], list(itertools.accumulate(p[1] for p in pairs)))
    _, values, totals = entry
    return values[bisect.bisect_right(totals, rng.random() * totals[-1])]


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """rng.choice, from one random() call: several times faster, which counts at 100,000 customers."""
    return seq[int(rng.random() * len(seq))]


def below(rng: random.Random, start: int, stop: int) -> int:
    """rng.randrange(start, stop), the same way."""
    return start + int(rng.random() * (stop - start))


def mobile(rng: random.Random) -> str:
    return pick(rng, words.MOBILE_PREFIXES) + f"{below(rng, 0, 10**8):08d}"


def person_name(rng: random.Random) -> str:
    given = pick(rng, words.GIVEN_CHARS) + (pick(rng, words.GIVEN_CHARS) if rng.random() < 0.7 else "")
    return pick(rng, words.SURNAMES) + given


def credit_code(rng: random.Random, city: words.City) -> str:
    """A unified social credit code (统一社会信用代码) of an enterprise registered in `city`, with valid check
    characters: the organisation code's (GB 11714) and the whole code's (GB 32100)."""
    org = "".join(pick(rng, _ORG_CHARS[:10] + "ABCDEFGH") for _ in range(8))
    total = sum(int(ch, 36) * w for ch, w in zip(org, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    org += {10: "X", 11: "0"}.get(check, str(check))
    first17 = "91" + city.division + org
    return first17 + credit_check_char(first17)


class CustomerFactory:
    """Makes customer and contact rows; names, phones and credit codes unique within the store."""

    def __init__(
        self, rng: random.Random, today: date, taken: dict[str, set[str]], spread: random.Random | None = None
    ) -> None:
        self.rng = rng
        self.today = today
        # Protection dates draw from a generator of their own, so the rest of a seed's demo stays as it was.
        self.spread = spread or random.Random(0)
        self.rules = PoolRules()  # the demo's people are made after these customers: the defaults
        self.names, self.phones, self.codes = taken["names"], taken["phones"], taken["codes"]
        self.city_weights = list(itertools.accumulate(c.weight for c in words.CITIES))
        self.industry_words = list(words.INDUSTRY_WORDS)

    def _name(self, city: words.City) -> tuple[str, str, str]:
        rng = self.rng
        while True:
            trade = pick(rng, words.TRADE_CHARS) + pick(rng, words.TRADE_CHARS)
            if trade[0] == trade[1]:
                continue
            word = pick(rng, self.industry_words)
            legal = weighted(rng, words.LEGAL_FORMS)
            roll = rng.random()
            if roll < 0.7:
                name = f"{city.name}{trade}{word}{legal}"
            elif roll < 0.85:
                name = f"{trade}（{city.name}）{word}{legal}"
            else:
                name = f"{trade}{word}{legal}"
            norm = normalise_company_name(name)
            if norm not in self.names:
                self.names.add(norm)
                return name, norm, words.INDUSTRY_WORDS[word]

    def _phone(self, city: words.City) -> str | None:
        rng = self.rng
        for _ in range(20):
            roll = rng.random()
            if roll < 0.1:
                return None
            if roll < 0.75:
                digits = 8 if len(city.area_code) == 3 or rng.random() < 0.6 else 7
                phone = f"{city.area_code}-{below(rng, 2, 9)}{below(rng, 0, 10 ** (digits - 1)):0{digits - 1}d}"
            else:
                phone = mobile(rng)
            norm = normalise_phone(phone)
            if norm not in self.phones:
                self.phones.add(norm)
                return phone
        return None

    def _credit_code(self, city: words.City) -> str | None:
        if self.rng.random() >= 0.3:
            return None
        code = credit_code(self.rng, city)
        if code in self.codes:
            return None
        self.codes.add(code)
        return code

    def _address(self, city: words.City) -> str:
        rng = self.rng
        address = f"{city.name}市{pick(rng, city.districts)}{pick(rng, words.ROADS)}{below(rng, 1, 999)}号"
        roll = rng.random()
        if roll < 0.3:
            address += f"{below(rng, 1, 30)}栋{below(rng, 1, 30)}{below(rng, 1, 20):02d}室"
        elif roll < 0.5:
            address += f"{pick(rng, 'ABCDE')}座{below(rng, 2, 40)}楼"
        return address

    def customer(self, owner_id: str | None) -> dict[str, Any]:
        rng = self.rng
        city = words.CITIES[bisect.bisect_right(self.city_weights, rng.random() * self.city_weights[-1])]
        name, norm, industry = self._name(city)
        phone = self._phone(city)
        code = self._credit_code(city)
        first = datetime.combine(self.today - timedelta(days=below(rng, 1, 720)), clock(9)) + timedelta(
            minutes=below(rng, 0, 540)
        )
        tags = rng.sample(words.TAGS, k=pick(rng, (0, 0, 1, 1, 2, 3)))
        follow_up = self.today + timedelta(days=below(rng, -14, 45)) if owner_id and rng.random() < 0.45 else None
        return {
            "id": customer_id_for(code) or uuid7(),
            "name": name,
            "name_norm": norm,
            "credit_code": code,
            "phone": phone,
            "phone_norm": normalise_phone(phone) or None,
            "address": self._address(city),
            "region": city.region,
            "industry": industry,
            "size": weighted(rng, words.SIZES),
            "grade": weighted(rng, words.GRADE_WEIGHTS),
            "stage": weighted(rng, words.STAGE_WEIGHTS),
            "source": weighted(rng, words.SOURCES),
            "owner_id": owner_id,
            "first_contact_at": first.astimezone(UTC),
            "first_contact_by": owner_id,
            "protection_until": self._protection(first.astimezone(UTC)) if owner_id else None,
            "in_public_pool": owner_id is None,
            "tags": ",".join(tags),
            "notes": pick(rng, words.NOTES) if rng.random() < 0.2 else "",
            "next_follow_up": follow_up,
        }

    def _protection(self, first: datetime) -> date:
        """A held customer's protection as a team's would stand today: from its first contact if that was within
        the protection days; else, as visits extended it, mostly weeks ahead, some lapsing within the reminder days,
        some lapsed lately (not yet returned to the pool), never before its first contact's protection ended."""
        base = protection_from_first_contact(self.rules, first)
        if base >= self.today:
            return base
        roll = self.spread.random()
        if roll < 0.08:
            until = self.today + timedelta(days=self.spread.randrange(self.rules.remind_days_before))
        elif roll < 0.2:
            until = self.today - timedelta(days=self.spread.randrange(1, 45))
        else:
            until = self.today + timedelta(days=self.spread.randrange(self.rules.remind_days_before, 46))
        return max(until, base)

    def contacts(self, customer: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for n in range(weighted(rng, CONTACTS_PER_CUSTOMER)):
            cell = mobile(rng)
            landline = None
            if customer["phone"] and "-" in customer["phone"] and rng.random() < 0.4:
                landline = f"{customer['phone']}-{below(rng, 800, 899)}"
            out.append(
                {
                    "customer_id": customer["id"],
                    "owner_id": customer["owner_id"],
                    "name": person_name(rng),
                    "title": weighted(rng, words.TITLES),
                    "mobile": cell,
                    "phone": landline,
                    "email": f"{cell[-8:]}@{pick(rng, words.EMAIL_DOMAINS)}" if rng.random() < 0.3 else None,
                    "wechat": cell if rng.random() < 0.5 else None,
                    "is_primary": n == 0,
                }
            )
        return out


KIND_WEIGHTS = (("visit", 55), ("call", 25), ("meeting", 10), ("email", 10))


def _local_utc(day: date, minutes_after_nine: int) -> datetime:
    """A wall-clock time on `day` in this laptop's zone, as UTC (how visits are stored)."""
    local = datetime.combine(day, clock(9)) + timedelta(minutes=minutes_after_nine)
    return local.astimezone().astimezone(UTC)


def _working_days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += timedelta(days=1)


@dataclass
class History:
    """One person's generated plans, stops and visits, and what each past day held (for report summaries)."""

    plans: list[dict[str, Any]] = field(default_factory=list)
    stops: list[dict[str, Any]] = field(default_factory=list)
    visits: list[dict[str, Any]] = field(default_factory=list)
    days: dict[date, list[str]] = field(default_factory=dict)  # day → customer ids contacted


class HistoryFactory:
    """90 days of visits (a few per working day) on one person's own customers, their plans, and next week's."""

    def __init__(self, rng: random.Random, today: date, existing_stops: dict[str, int]) -> None:
        self.rng = rng
        self.today = today
        self.existing_stops = existing_stops  # plan id → live stops it already has

    def _plan(self, history: History, person_id: str, day: date) -> tuple[str, int]:
        plan_id = plan_id_for(person_id, day)
        if plan_id not in self.existing_stops:
            history.plans.append({"id": plan_id, "rep_id": person_id, "owner_id": person_id, "plan_date": day})
            self.existing_stops[plan_id] = 0
        return plan_id, self.existing_stops[plan_id]

    def _stop(self, history: History, plan_id: str, person_id: str, customer_id: str, **values: Any) -> str:
        stop_id = uuid7()
        position = self.existing_stops[plan_id]
        self.existing_stops[plan_id] = position + 1
        purpose = self.rng.choice(words.PURPOSES)
        history.stops.append(
            {
                "id": stop_id,
                "plan_id": plan_id,
                "customer_id": customer_id,
                "owner_id": person_id,
                "position": position,
                "purpose": purpose,
                "status": "planned",
                "visit_id": None,
                **values,
            }
        )
        return stop_id

    def build(self, person_id: str, customers: list[str]) -> History:
        history = History()
        if not customers:
            return history
        rng = self.rng
        hot = rng.sample(customers, min(len(customers), 150))
        for day in _working_days(self.today - timedelta(days=HISTORY_DAYS), self.today - timedelta(days=1)):
            slots = sorted(rng.sample(range(32), rng.randint(2, 5)))  # quarter hours from 09:00
            plan_id = None
            history.days[day] = []
            for slot in slots:
                kind = weighted(rng, KIND_WEIGHTS)
                customer_id = rng.choice(hot)
                history.days[day].append(customer_id)
                visit_id = uuid7()
                stop_id = None
                if kind in ("visit", "meeting"):
                    plan_id = plan_id or self._plan(history, person_id, day)[0]
                    stop_id = self._stop(history, plan_id, person_id, customer_id, status="done", visit_id=visit_id)
                minutes = {"visit": (30, 90), "meeting": (45, 120), "call": (5, 20)}.get(kind)
                start = _local_utc(day, slot * 15)
                has_next = rng.random() < 0.5
                history.visits.append(
                    {
                        "id": visit_id,
                        "customer_id": customer_id,
                        "rep_id": person_id,
                        "owner_id": person_id,
                        "stop_id": stop_id,
                        "kind": kind,
                        "started_at": start,
                        "ended_at": start + timedelta(minutes=rng.randint(*minutes)) if minutes else None,
                        "outcome": rng.choice(words.OUTCOMES[kind]),
                        "notes": rng.choice(words.NOTES) if rng.random() < 0.2 else "",
                        "next_step": rng.choice(words.NEXT_STEPS) if has_next else None,
                        "next_date": day + timedelta(days=rng.randint(3, 21)) if has_next else None,
                    }
                )
            if plan_id and rng.random() < 0.1:
                self._stop(history, plan_id, person_id, rng.choice(hot), status="cancelled")
        for day in _working_days(self.today, self.today + timedelta(days=PLAN_AHEAD_DAYS - 1)):
            plan_id, _ = self._plan(history, person_id, day)
            for customer_id in rng.sample(hot, min(len(hot), rng.randint(3, 5))):
                self._stop(history, plan_id, person_id, customer_id)
        return history


def _opportunities(rng: random.Random, today: date, candidates: list[tuple[str, str]], count: int) -> list[dict]:
    """Opportunities over the whole funnel: one at each stage first, then stages by their usual shares."""
    rows = []
    stages = [s for s, _ in words.OPPORTUNITY_WEIGHTS]
    for n, (customer_id, owner_id) in enumerate(rng.sample(candidates, min(count, len(candidates)))):
        stage = stages[n] if n < len(stages) else weighted(rng, words.OPPORTUNITY_WEIGHTS)
        closed = stage in ("赢单", "输单")
        rows.append(
            {
                "customer_id": customer_id,
                "owner_id": owner_id,
                "title": rng.choice(words.PRODUCTS) + "项目",
                "stage": stage,
                "amount_cents": rng.choice((2, 5, 8, 12, 20, 35, 50, 80, 120, 200, 500)) * 10_000 * 100,
                "expected_close": today + timedelta(days=rng.randint(-30, 180)),
                "closed_at": _local_utc(today - timedelta(days=rng.randint(1, 120)), 120) if closed else None,
                "lost_reason": rng.choice(words.LOST_REASONS) if stage == "输单" else None,
            }
        )
    return rows


def _taken(store: Store) -> dict[str, set[str]]:
    """Names, phones and credit codes already in the store, so demo customers never duplicate them."""
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT name_norm, phone_norm, credit_code FROM customer WHERE deleted = 0")).all()
    return {
        "names": {r[0] for r in rows},
        "phones": {r[1] for r in rows if r[1]},
        "codes": {r[2] for r in rows if r[2]},
    }


def _field_people(profile: ProfileService, me: UserInfo) -> tuple[list[UserInfo], list[str]]:
    """Who gets customers and visits: the current user, and for a supervisor the team's reps (three at least,
    adding demo reps as needed)."""
    if me.role != "supervisor":
        return [me], []
    if me.team_id is None:  # a supervisor without a team leads a demo team, so countersigning works
        me = profile.add_user(me.name, "supervisor", "演示团队")
    users = profile.users()
    names = {u.name for u in users}
    reps = [u for u in users if u.role == "rep" and u.team_id == me.team_id]
    added = []
    for name in words.DEMO_REPS:
        if len(reps) >= 3:
            break
        if name not in names:
            reps.append(profile.add_user(name, "rep", me.team_name))
            added.append(name)
    return [me, *reps], added


#: The demo team's named pool (公海 by industry): manufacturing customers, back to the pool sooner without a visit and
#: claimed three a day at most; every other customer is in the default pool (公海) under the team's rules.
DEMO_POOLS = [
    {
        "name": "制造业公海",
        "industries": ["机械制造", "电子电器"],
        "rules": {"return_without_followup_days": 20, "claims_per_day": 3},
    }
]


def _team_pools(store: Store, supervisor_id: str) -> int:
    """The supervisor's team gets the demo's pools, unless it has set pools of its own. How many were set."""
    service = TeamRulesService(store, supervisor_id)
    if service.show().rules.pools:
        return 0
    service.set({"pools": DEMO_POOLS})
    return len(DEMO_POOLS)


def _existing_stops(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        counts: dict[str, int] = dict(
            conn.execute(text("SELECT plan_id, count(*) FROM planned_stop WHERE deleted = 0 GROUP BY plan_id")).all()
        )
        plans = [r[0] for r in conn.execute(text("SELECT id FROM visit_plan"))]
    return {plan_id: counts.get(plan_id, 0) for plan_id in plans}


def _supervisor_of(store: Store, rep_id: str) -> str | None:
    with store.session() as session:
        rep = session.get(User, rep_id)
        team = session.get(Team, rep.team_id) if rep and rep.team_id else None
        return team.supervisor_id if team else None


def _existing_reports(store: Store, ids: list[str]) -> set[str]:
    wanted = set(ids)
    with store.engine.connect() as conn:
        return {r[0] for r in conn.execute(text("SELECT id FROM daily_report")) if r[0] in wanted}


def _reports(
    store: Store, rng: random.Random, rep: UserInfo, days: dict[date, list[str]], names: dict[str, str]
) -> dict[str, int]:
    """The rep's reports for past days, through ReportService: yesterday a draft, the two days before submitted,
    older ones submitted and, when the team has a supervisor, countersigned (a few returned with a comment)."""
    counts = {"draft": 0, "submitted": 0, "countersigned": 0, "returned": 0}
    ordered = sorted(days)
    existing = _existing_reports(store, [report_id_for(rep.id, d) for d in ordered])
    supervisor_id = _supervisor_of(store, rep.id)
    stamp = [datetime.now(UTC)]  # the time the reports below are submitted and signed at: set per day
    own = ReportService(store, rep.id, clock=lambda: stamp[0])
    boss = ReportService(store, supervisor_id, clock=lambda: stamp[0]) if supervisor_id else None
    for age, day in enumerate(reversed(ordered), 1):
        if report_id_for(rep.id, day) in existing:
            continue  # a report the user already has is theirs; demo data never overwrites it
        customers = days[day]
        summary = rng.choice(words.SUMMARIES).format(n=len(customers), c=names.get(customers[0], "客户"))
        report = own.edit_summary(day, summary)
        status = "draft"
        if age > 1:
            stamp[0] = _local_time(day, clock(18, 0)) + timedelta(minutes=rng.randrange(150))  # that evening
            report = own.submit(day)
            status = "submitted"
            if age > 3 and boss is not None:
                stamp[0] = _local_time(day + timedelta(days=1), clock(8, 30)) + timedelta(minutes=rng.randrange(90))
                if rng.random() < 0.06:
                    boss.return_report(report["id"], rng.choice(words.RETURN_COMMENTS))
                    status = "returned"
                else:
                    boss.countersign(report["id"])
                    status = "countersigned"
        counts[status] += 1
    return counts


def _open_appeal(store: Store, rng: random.Random, boss: UserInfo, reps: list[UserInfo], built: dict) -> int:
    """An appeal waiting in the supervisor's arbitration queue: a customer the first rep visited, given to the
    second by the supervisor; the first rep appeals with their visits as evidence. 1 if made, else 0."""
    from fieldcrm.services.appeals import AppealService  # the demo's other writers do not need it
    from fieldcrm.services.assignment import AssignmentService

    loser, winner = reps
    visited = sorted({v["customer_id"] for v in built[loser.id].visits})
    if not visited or AppealService(store, boss.id).appeals("open"):
        return 0
    customer_id = rng.choice(visited)
    moved = AssignmentService(store, boss.id).assign(
        [customer_id], "by_hand", rep_id=winner.id, reason=words.APPEAL_MOVES[0]
    )
    if not moved["placed"]:  # the second rep is at their cap: no appeal to show
        return 0
    AppealService(store, loser.id).file(customer_id, rng.choice(words.APPEAL_STATEMENTS))
    return 1


def _open_handovers(store: Store, rng: random.Random, reps: list[UserInfo], owned: dict[str, list[str]]) -> int:
    """Handovers waiting in the team (客户交接): the third rep hands two customers to the first (one accepted, so it
    waits for the supervisor's approval; one still waiting for the receiving rep) and one to the second. How many
    were asked for (none if the demo already has handovers waiting)."""
    from fieldcrm.services.handover import HandoverService  # the demo's other writers do not need it

    giver, first, second = reps[2], reps[0], reps[1]
    if any(h["status"] in ("requested", "accepted") for h in HandoverService(store, giver.id).handovers()):
        return 0
    held = sorted(owned[giver.id])
    if len(held) < 3:
        return 0
    chosen = rng.sample(held, 3)
    asked = HandoverService(store, giver.id).request(chosen[:2], first.id, words.HANDOVER_REASONS[0])
    to_second = HandoverService(store, giver.id).request(chosen[2:], second.id, words.HANDOVER_REASONS[1])
    made = [h["id"] for h in asked["requested"]]
    if made:
        HandoverService(store, first.id).accept(made[0])
    return len(made) + len(to_second["requested"])


def _local_time(day: date, at: clock) -> datetime:
    """`at` o'clock on `day` on this computer's clock, as an aware time."""
    return datetime.combine(day, at).astimezone(UTC)


def generate_demo(
    store: Store,
    customers: int,
    seed: int = 1,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill the store with demo data for its current user (and, for a supervisor, the team's reps)."""
    if customers < 0:
        raise ValidationError(f"{customers} is not a number of customers; give 0 or more", "customers")
    started = time.perf_counter()
    today = today or date.today()
    profile = ProfileService(store)
    me = profile.current()
    if me is None:
        raise PermissionDeniedError("no local profile yet: run `fieldcrm init --name NAME --role rep` first")
    rng = random.Random(seed)
    people, added = _field_people(profile, me)
    summary = DemoSummary(me.name, me.role, reps_added=added)
    owner_table = tuple((p.id, 1 if p.role == "supervisor" else 3) for p in people)
    factory = CustomerFactory(rng, today, _taken(store), random.Random(seed * 7919 + 1))
    owned: dict[str, list[str]] = {p.id: [] for p in people}
    names: dict[str, str] = {}
    candidates: list[tuple[str, str]] = []  # customers an opportunity may be about
    counts = dict.fromkeys(("customers", "contacts", "opportunities", "visits", "visit plans", "planned stops"), 0)
    tick = time.perf_counter()
    for done in range(0, customers, CHUNK):
        rows, contacts = [], []
        for _ in range(min(CHUNK, customers - done)):
            owner = None if rng.random() < 0.05 else weighted(rng, owner_table)
            row = factory.customer(owner)
            rows.append(row)
            contacts.extend(factory.contacts(row))
            names[row["id"]] = row["name"]
            if owner is not None:
                owned[owner].append(row["id"])
                if row["stage"] in ("新", "一般", "重要", "战略"):
                    candidates.append((row["id"], owner))
        tick = summary.timed("make rows", tick)
        with unit_of_work(store) as uow:
            writer = BulkWriter(uow)
            writer.insert_customers(rows, contacts)
            tick = summary.timed("insert customers and contacts", tick)
            # Each held customer's first contact, as its ownership history starts (pool customers have none).
            writer.insert_many(OwnershipEvent, [first_contact_event(r) for r in rows if r["first_contact_by"]])
            tick = summary.timed("first contacts", tick)
        tick = summary.timed("commit", tick)
        counts["customers"] += len(rows)
        counts["contacts"] += len(contacts)
        if progress is not None:
            progress(counts["customers"], customers)
    opportunities = _opportunities(rng, today, candidates, max(14, customers // 20))
    histories = HistoryFactory(rng, today, _existing_stops(store))
    with unit_of_work(store) as uow:
        writer = BulkWriter(uow)
        writer.insert_many(Opportunity, opportunities)
        counts["opportunities"] = len(opportunities)
        built = {p.id: histories.build(p.id, owned[p.id]) for p in people}
        for history in built.values():
            writer.insert_many(VisitPlan, history.plans)
            writer.insert_many(PlannedStop, history.stops)
            writer.insert_many(Visit, history.visits)
            counts["visit plans"] += len(history.plans)
            counts["planned stops"] += len(history.stops)
            counts["visits"] += len(history.visits)
    tick = summary.timed("opportunities, plans, visits", tick)
    for person in people:
        if person.role == "rep":
            for status, n in _reports(store, rng, person, built[person.id].days, names).items():
                counts[f"reports {status}"] = counts.get(f"reports {status}", 0) + n
    tick = summary.timed("reports", tick)
    reps = [p for p in people if p.role == "rep"]
    if me.role == "supervisor":
        counts["named pools"] = _team_pools(store, people[0].id)
    if me.role == "supervisor" and len(reps) >= 2:
        counts["appeals open"] = _open_appeal(store, rng, me, reps[:2], built)
        tick = summary.timed("appeals", tick)
        if len(reps) >= 3:
            counts["handovers waiting"] = _open_handovers(store, rng, reps[:3], owned)
            summary.timed("handovers", tick)
    summary.counts = counts
    summary.seconds = time.perf_counter() - started
    return summary
