"""The returns due on a puller's side are looked for once per round of pulls (once a minute per user by head
office's clock), not on every page of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fieldcrm.server.auth import Principal
from fieldcrm.server.pool_returns import PullReturns

NOON = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)


def principal(user_id: str) -> Principal:
    return Principal(user_id, user_id, "rep", "team", "device", "hash")


def test_one_look_per_user_per_minute_by_head_offices_clock() -> None:
    looked: list[tuple[str, datetime]] = []

    def look(_bind, who: Principal, now: datetime) -> list:  # noqa: ANN001
        looked.append((who.user_id, now))
        return []

    gate = PullReturns(timedelta(minutes=1), look)
    pages = [NOON + timedelta(seconds=s) for s in (0, 1, 5, 59)]
    for at in pages:  # a round of four pages within the minute
        gate(None, principal("a"), at)
    assert looked == [("a", NOON)]
    gate(None, principal("b"), NOON + timedelta(seconds=2))  # another user: a look of their own
    gate(None, principal("a"), NOON + timedelta(minutes=1))  # the next round
    gate(None, principal("a"), NOON - timedelta(days=1))  # a clock set back: look again rather than never
    assert looked == [
        ("a", NOON),
        ("b", NOON + timedelta(seconds=2)),
        ("a", NOON + timedelta(minutes=1)),
        ("a", NOON - timedelta(days=1)),
    ]
