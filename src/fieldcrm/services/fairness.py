"""The fairness report (分配公平性报表) from this store: the reps the acting user may see (a supervisor their team's, an
admin everyone's, a rep only their own row), their ownership events, won deals and appeals over a range of the
team's months, counted by `domain/fairness.py`. Read-only: it writes nothing, not even to the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, or_, select

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.domain.exports import rule_for
from fieldcrm.domain.fairness import (
    FIGURES,
    FLAG_RULE,
    AppealFact,
    Month,
    MonthReport,
    Move,
    Win,
    months_between,
    refuse_fairness_export,
    tally,
)
from fieldcrm.domain.pool_counts import WON_STAGE
from fieldcrm.domain.team_rules import team_rules
from fieldcrm.models import Appeal, Opportunity, OwnershipEvent, User
from fieldcrm.pinyin import name_pinyin
from fieldcrm.services.base import BaseService
from fieldcrm.services.exports import policy_rules

MONTH_OR_RANGE = "give one month, or a range of months from/to, not both"


@dataclass(frozen=True)
class FairnessReport:
    """The months of a report, each with a row per rep, and the team's calendar it was counted in."""

    months: list[MonthReport]
    timezone: str

    @property
    def first(self) -> Month:
        return self.months[0].month

    @property
    def last(self) -> Month:
        return self.months[-1].month

    @property
    def rep_ids(self) -> list[str]:
        return [row.rep_id for row in self.months[0].rows] if self.months else []

    def describe(self) -> str:
        """What the export log keeps of it: `fairness report 2026-11`, or `… 2026-09 to 2026-11`."""
        span = str(self.first) if self.first == self.last else f"{self.first} to {self.last}"
        return f"fairness report {span}"

    def to_json(self) -> dict[str, Any]:
        return {
            "timezone": self.timezone,
            "flag_rule": FLAG_RULE,
            "months": [
                {
                    "month": str(m.month),
                    "reps": [{"rep_id": r.rep_id, "rep": r.name, **r.figures, "flag": r.flag} for r in m.rows],
                    "total": m.total,
                    "mean": {f: round(m.mean[f], 1) for f in FIGURES},
                }
                for m in self.months
            ],
        }


def parse_months(
    month: str | None = None, first: str | None = None, last: str | None = None
) -> tuple[Month | None, Month | None]:
    """The range a command asks for: one month, or from/to (either alone: that one month); (None, None) for none
    given (the service's default, this month). A ValidationError naming the option at fault otherwise."""
    if month and (first or last):
        raise ValidationError(MONTH_OR_RANGE, "month")

    def one(text: str | None, name: str) -> Month | None:
        try:
            return Month.parse(text) if text else None
        except ValueError as exc:
            raise ValidationError(str(exc), name) from None

    if month:
        return one(month, "month"), None
    start, end = one(first, "from"), one(last, "to")
    return (start or end), (end or start)


def reps_of(session: Session, actor: Actor) -> list[User]:
    """The reps on `actor`'s side, whose rows they see: a rep themselves alone, a supervisor their teams' reps, an
    admin every rep. Sorted by the pinyin of their names."""
    query = select(User).where(User.role == "rep", User.deleted == False)  # noqa: E712
    if actor.side is not None:
        query = query.where(col(User.id).in_(actor.side))
    return sorted(session.exec(query), key=lambda u: (name_pinyin(u.name, person=True).sort, u.id))


def appeal_facts(session: Session, rep_ids: Sequence[str], start: datetime, end: datetime) -> list[AppealFact]:
    """The appeals filed by `rep_ids` between `start` and `end` (UTC), or upheld for them in that time."""
    if not rep_ids:
        return []
    query = select(Appeal.appellant_id, Appeal.filed_at, Appeal.status, Appeal.decided_at).where(
        col(Appeal.appellant_id).in_(list(rep_ids)),
        col(Appeal.deleted) == False,  # noqa: E712
        or_(
            (col(Appeal.filed_at) >= start) & (col(Appeal.filed_at) < end),
            (col(Appeal.decided_at) >= start) & (col(Appeal.decided_at) < end),
        ),
    )
    return [
        AppealFact(appellant, filed_at, decided_at if status == "upheld" else None)
        for appellant, filed_at, status, decided_at in session.exec(query)
    ]


class FairnessService(BaseService):
    def this_month(self) -> Month:
        """The team's month now, by this service's clock."""
        with self.store.session() as session:
            return Month.of(self.clock(), team_rules(session, self.actor(session).team_id).timezone)

    def report(self, first: Month | None = None, last: Month | None = None) -> FairnessReport:
        """The report from `first` through `last` (default: this month) for the reps the acting user may see."""
        with self.store.session() as session:
            user = self.actor(session)
            actor = self.acting(session)
            timezone = team_rules(session, user.team_id).timezone
            first = first or Month.of(self.clock(), timezone)
            try:
                months = months_between(first, last or first)
            except ValueError as exc:
                raise ValidationError(str(exc), "to") from None
            start, end = months[0].start(timezone), months[-1].next().start(timezone)
            reps = reps_of(session, actor)
            ids = [r.id for r in reps]
            moves = [
                Move(*row)
                for row in session.exec(
                    select(
                        OwnershipEvent.kind, OwnershipEvent.from_owner_id, OwnershipEvent.to_owner_id, OwnershipEvent.at
                    ).where(
                        OwnershipEvent.deleted == False,  # noqa: E712
                        col(OwnershipEvent.at) >= start,
                        col(OwnershipEvent.at) < end,
                        or_(col(OwnershipEvent.to_owner_id).in_(ids), col(OwnershipEvent.from_owner_id).in_(ids)),
                    )
                )
            ]
            wins = [
                Win(owner, closed)
                for owner, closed in session.exec(
                    select(Opportunity.owner_id, Opportunity.closed_at).where(
                        Opportunity.stage == WON_STAGE,
                        Opportunity.deleted == False,  # noqa: E712
                        col(Opportunity.closed_at) >= start,
                        col(Opportunity.closed_at) < end,
                        col(Opportunity.owner_id).in_(ids),
                    )
                )
                if closed is not None
            ]
            appeals = appeal_facts(session, ids, start, end)
            # A rep no longer active keeps a row only for the months they were part of.
            busy = {m.to_owner_id for m in moves} | {m.from_owner_id for m in moves} | {w.owner_id for w in wins}
            busy |= {a.appellant_id for a in appeals}
            shown = [(r.id, r.name) for r in reps if r.active or r.id in busy or r.id == user.id]
            return FairnessReport(tally(shown, months, timezone, moves, wins, appeals), timezone)

    def for_export(self, first: Month | None = None, last: Month | None = None) -> FairnessReport:
        """The report as `report` gives it, once head office's export policy allows the acting user to take it out
        of the app (`domain.fairness.refuse_fairness_export`); PermissionDeniedError otherwise."""
        report = self.report(first, last)
        with self.store.session() as session:
            rule = rule_for(self.actor(session).role, policy_rules(session))
            refusal = refuse_fairness_export(rule, self.acting(session), report.rep_ids)
        if refusal:
            raise PermissionDeniedError(refusal)
        return report
