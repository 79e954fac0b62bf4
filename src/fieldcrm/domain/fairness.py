"""The fairness report (分配公平性报表): per rep and month, the customers each rep received and by which way, the ones
they let go or lost, the deals they won and their appeals; a totals row, the team's mean and a plain flag for reps
far from the mean in customers received. Pure: the caller reads the events, deals and appeals and passes them in.

Months are the team's calendar months (Asia/Shanghai unless the team says otherwise, `PoolRules.timezone`): an event
at 23:59:59 on 30 November in Shanghai counts in November, one at 00:00 on 1 December in December, whatever zone
a laptop's clock is in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fieldcrm.domain.actors import Actor
from fieldcrm.domain.exports import MAY_NOT_EXPORT, ExportRule, in_export_scope
from fieldcrm.times import stored_utc

#: The ways a rep receives a customer, as the report's first columns (an ownership event's kind, to that rep).
RECEIVED_WAYS = ("first_contact", "claim", "assignment", "handover", "arbitration")
#: Ways a customer leaves one rep for another (the giver's "handed away").
HANDED_WAYS = ("claim", "assignment", "handover", "arbitration")
#: Every figure of a row, in the report's order: the ways received, their sum, then what left and what was won.
FIGURES = (
    *RECEIVED_WAYS,
    "received",
    "released",
    "returned",
    "handed_away",
    "won",
    "appeals_filed",
    "appeals_upheld",
)
#: A rep is flagged when their customers received are this far from the team's mean, in share of the mean ...
FAR_SHARE = 0.5
#: ... and by at least this many customers (so 2 against a mean of 1 is not "far").
FAR_MIN = 3
#: The flag rule in one sentence (the CLI and the workbook print it; the window has it translated).
FLAG_RULE = (
    f"flagged: customers received at least {FAR_SHARE:.0%} above or below the team's mean for the month, "
    f"and at least {FAR_MIN} away from it"
)
ABOVE = "above"
BELOW = "below"
#: At most this many months in one report (two years side by side is a comparison; more is a data dump).
MOST_MONTHS = 24

BAD_MONTH = "'{0}' is not a month; write it as YYYY-MM, e.g. 2026-11"
ENDS_BEFORE_START = "the range of months ends before it starts"
TOO_MANY_MONTHS = "a fairness report covers at most 24 months at once; choose a shorter range"
NOT_YOUR_ROWS = "a fairness report you export may hold only your own side's reps"

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month of the team's calendar."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """`2026-11` (or `2026-1`); a ValueError carrying `BAD_MONTH` otherwise."""
        found = _MONTH.fullmatch((text or "").strip())
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1900:
            raise ValueError(BAD_MONTH.format(text))
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, at: datetime, timezone: str) -> Month:
        """The team's month of an aware time."""
        if at.tzinfo is None:
            raise ValueError("times must carry their offset")
        local = at.astimezone(ZoneInfo(timezone))
        return cls(local.year, local.month)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def start(self, timezone: str) -> datetime:
        """The UTC instant the month begins in the team's calendar (midnight on the 1st there)."""
        return datetime(self.year, self.month, 1, tzinfo=ZoneInfo(timezone)).astimezone(UTC)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from `first` through `last`; a ValueError for a range that ends before it starts or is longer
    than `MOST_MONTHS`."""
    if last < first:
        raise ValueError(ENDS_BEFORE_START)
    months = [first]
    while months[-1] < last:
        months.append(months[-1].next())
        if len(months) > MOST_MONTHS:
            raise ValueError(TOO_MANY_MONTHS)
    return months


@dataclass(frozen=True)
class Move:
    """An ownership event as the report reads it."""

    kind: str
    from_owner_id: str | None
    to_owner_id: str | None
    at: datetime


@dataclass(frozen=True)
class Win:
    """A deal won: whose it is and when it was won."""

    owner_id: str | None
    at: datetime


@dataclass(frozen=True)
class AppealFact:
    """An appeal as the report reads it: who filed it and when, and when it was upheld (None: open or rejected)."""

    appellant_id: str
    filed_at: datetime
    upheld_at: datetime | None = None


@dataclass(frozen=True)
class RepRow:
    rep_id: str
    name: str
    figures: dict[str, int]
    #: ABOVE or BELOW the team's mean in customers received (`flag_for`), or None.
    flag: str | None = None


@dataclass(frozen=True)
class MonthReport:
    """One month: a row per rep (in the order given), the totals and the team's mean of each figure."""

    month: Month
    rows: list[RepRow]
    total: dict[str, int] = field(default_factory=dict)
    mean: dict[str, float] = field(default_factory=dict)


def flag_for(received: int, mean: float) -> str | None:
    """ABOVE or BELOW when `received` is far from the team's `mean` (`FLAG_RULE`), else None."""
    if received - mean >= FAR_MIN and received >= mean * (1 + FAR_SHARE):
        return ABOVE
    if mean - received >= FAR_MIN and received <= mean * (1 - FAR_SHARE):
        return BELOW
    return None


def tally(
    reps: Sequence[tuple[str, str]],
    months: Sequence[Month],
    timezone: str,
    moves: Iterable[Move] = (),
    wins: Iterable[Win] = (),
    appeals: Iterable[AppealFact] = (),
) -> list[MonthReport]:
    """The report for `reps` ((id, name) in the order shown) over `months`, each event counted in its team month:

    - received by way: an event of a kind in `RECEIVED_WAYS` that gives the customer to the rep from someone else
      (or from nobody); `received` is their sum (the figure the flag compares);
    - released: the rep's own releases to the public pool; returned: head office's returns of the rep's customers
      to the pool by its rules (automatic);
    - handed away: the rep's customers that went to another rep (claimed from them, assigned, handed over or
      arbitrated away);
    - won: the rep's deals won that month; appeals filed that month, and upheld that month (by the decision's time).

    Events outside the months and people outside `reps` are left out."""
    wanted = set(months)
    index = {rep_id: i for i, (rep_id, _) in enumerate(reps)}
    counts: dict[Month, list[dict[str, int]]] = {m: [dict.fromkeys(FIGURES, 0) for _ in reps] for m in months}

    def add(rep_id: str | None, month: Month, *figures: str) -> None:
        if rep_id in index and month in wanted:
            for figure in figures:
                counts[month][index[rep_id]][figure] += 1

    def month_of(at: datetime) -> Month:
        return Month.of(stored_utc(at), timezone)

    for move in moves:
        if move.from_owner_id is not None and move.from_owner_id == move.to_owner_id:
            continue  # no change of hands
        month = month_of(move.at)
        if move.kind in RECEIVED_WAYS and move.to_owner_id is not None:
            add(move.to_owner_id, month, move.kind, "received")
        if move.kind == "release":
            add(move.from_owner_id, month, "released")
        elif move.kind == "return_to_pool":
            add(move.from_owner_id, month, "returned")
        elif move.kind in HANDED_WAYS and move.to_owner_id is not None:
            add(move.from_owner_id, month, "handed_away")
    for win in wins:
        add(win.owner_id, month_of(win.at), "won")
    for appeal in appeals:
        add(appeal.appellant_id, month_of(appeal.filed_at), "appeals_filed")
        if appeal.upheld_at is not None:
            add(appeal.appellant_id, month_of(appeal.upheld_at), "appeals_upheld")

    reports = []
    for month in months:
        figures = counts[month]
        total = {f: sum(row[f] for row in figures) for f in FIGURES}
        mean = {f: (total[f] / len(reps) if reps else 0.0) for f in FIGURES}
        rows = [
            RepRow(rep_id, name, figures[i], flag_for(figures[i]["received"], mean["received"]))
            for i, (rep_id, name) in enumerate(reps)
        ]
        reports.append(MonthReport(month, rows, total, mean))
    return reports


def refuse_fairness_export(rule: ExportRule, actor: Actor, rep_ids: Iterable[str]) -> str | None:
    """Why `actor` may not take this fairness report out of the app under their role's export `rule`, or None.

    A role that may export nothing exports no report either; under "own" the report may hold only the reps on the
    actor's side (a rep: their own row, never the team's); "visible" exports whatever the actor may see."""
    if rule.scope == "none":
        return MAY_NOT_EXPORT
    if rule.scope != "visible" and not all(in_export_scope(rule, actor, rep_id) for rep_id in rep_ids):
        return NOT_YOUR_ROWS
    return None
