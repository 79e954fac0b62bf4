"""Appeal rules (domain/appeals.py), pure, on fixed times: how a rep lost a customer, who may file, who decides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from fieldcrm.domain import appeals
from fieldcrm.domain.actors import Actor
from fieldcrm.domain.appeals import (
    Case,
    EventFact,
    Filing,
    Loss,
    how_lost,
    lost_sentence,
    refuse_decision,
    refuse_filing,
)
from fieldcrm.domain.ownership import Holding

REP, OTHER, SUP, ADMIN, STRANGER = "rep", "other", "sup", "admin", "stranger"
T0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
rep = Actor.of(REP, "rep")
other = Actor.of(OTHER, "rep")
sup = Actor.of(SUP, "supervisor", (REP, OTHER))
other_sup = Actor.of("sup2", "supervisor", (STRANGER,))
admin = Actor.of(ADMIN, "admin")


def _event(kind: str, frm: str | None, to: str | None, minutes: int) -> EventFact:
    return EventFact(kind, frm, to, T0 + timedelta(minutes=minutes))


def test_a_claim_lost_counts_by_the_visit_made_before_the_winning_claim_was_accepted() -> None:
    held = Holding(OTHER)
    events = [_event("claim", None, OTHER, 10)]
    assert how_lost(REP, held, events, T0 + timedelta(minutes=5)) == Loss("claim", OTHER, T0 + timedelta(minutes=10))
    assert how_lost(REP, held, events, T0 + timedelta(minutes=10)) is not None  # the same instant still counts
    assert how_lost(REP, held, events, T0 + timedelta(minutes=11)) is None  # worked after it was taken
    assert how_lost(REP, held, events, None) is None  # never worked on it: nothing lost
    naive = (T0 + timedelta(minutes=5)).replace(tzinfo=None)  # SQLite hands back naive UTC
    assert how_lost(REP, held, events, naive) is not None


def _claim_lost(rep_id: str, made: int, accepted: int = 30) -> EventFact:
    """A claim of `rep_id`'s head office refused: made at T0 + `made` minutes by her laptop, recorded at `accepted`."""
    return EventFact("claim_lost", None, None, T0 + timedelta(minutes=accepted), rep_id, T0 + timedelta(minutes=made))


def test_a_claim_head_office_recorded_as_lost_is_evidence_without_a_visit() -> None:
    held = Holding(OTHER)
    won = _event("claim", None, OTHER, 10)
    lost = Loss("claim", OTHER, T0 + timedelta(minutes=10))
    assert how_lost(REP, held, [won, _claim_lost(REP, 5)], None) == lost
    assert how_lost(REP, held, [won, _claim_lost(REP, 10)], None) == lost  # the same instant still counts
    assert how_lost(REP, held, [won, _claim_lost(REP, 11)], None) is None  # made after the winner's was accepted
    assert how_lost(REP, held, [won, _claim_lost(STRANGER, 5)], None) is None  # another rep's lost claim
    # The earlier of her visit and her lost claim is the evidence.
    assert how_lost(REP, held, [won, _claim_lost(REP, 11)], T0 + timedelta(minutes=5)) == lost
    assert how_lost(REP, held, [won, _claim_lost(REP, 5)], T0 + timedelta(minutes=11)) == lost
    naive = EventFact("claim_lost", None, None, T0, REP, (T0 + timedelta(minutes=5)).replace(tzinfo=None))
    assert how_lost(REP, held, [won, naive], None) == lost  # SQLite hands back naive UTC
    assert how_lost(REP, Holding(REP), [won, _claim_lost(REP, 5)], None) is None  # she holds it now


def test_a_registration_lost_keeps_the_first_contact_as_evidence() -> None:
    events = [_event("first_contact", None, OTHER, 1), _event("first_contact", None, REP, 3)]
    assert how_lost(REP, Holding(OTHER), events, None) == Loss("registration", OTHER, T0 + timedelta(minutes=1))
    assert how_lost(REP, Holding(REP), events, None) is None  # they hold it


def test_returns_assignments_and_handovers_away_are_losses_but_releases_and_arbitrations_are_not() -> None:
    for kind in ("assignment", "handover"):
        events = [_event("claim", None, REP, 0), _event(kind, REP, OTHER, 5)]
        assert how_lost(REP, Holding(OTHER), events, None) == Loss(kind, OTHER, T0 + timedelta(minutes=5))
    returned = [_event("claim", None, REP, 0), _event("return_to_pool", REP, None, 5)]
    assert how_lost(REP, Holding(None, True), returned, None) == Loss("return_to_pool", None, T0 + timedelta(minutes=5))
    released = [_event("claim", None, REP, 0), _event("release", REP, None, 5)]
    assert how_lost(REP, Holding(None, True), released, None) is None
    decided = [_event("claim", None, REP, 0), _event("arbitration", REP, OTHER, 5)]
    assert how_lost(REP, Holding(OTHER), decided, None) is None
    # Given back later: the latest change involving the rep decides.
    back = [_event("assignment", REP, OTHER, 5), _event("assignment", OTHER, REP, 9)]
    assert how_lost(REP, Holding(REP), back, None) is None


def test_only_the_rep_who_lost_files_once_for_themselves_with_a_statement() -> None:
    held = Holding(OTHER)
    loss = Loss("assignment", OTHER, T0)
    filing = Filing(REP, REP, OTHER, "客户是我开发的")
    assert refuse_filing(rep, filing, held, loss, open_already=False) is None
    assert refuse_filing(rep, filing, held, loss, open_already=True) == appeals.ALREADY_OPEN
    assert refuse_filing(rep, filing, held, None, False) == appeals.NOT_LOST
    assert refuse_filing(rep, Filing(REP, REP, OTHER, "  "), held, loss, False) == appeals.SAY_WHY
    assert refuse_filing(other, filing, held, loss, False) == appeals.FOR_YOURSELF
    assert refuse_filing(sup, filing, held, loss, False) == appeals.ONLY_REPS
    assert refuse_filing(rep, Filing(REP, REP, OTHER, "x", "upheld"), held, loss, False) == appeals.STARTS_OPEN
    assert refuse_filing(rep, filing, Holding(REP), loss, False) == appeals.YOU_HOLD_IT
    assert refuse_filing(rep, Filing(REP, REP, STRANGER, "x"), held, loss, False) == appeals.NOT_AS_IT_STANDS


def test_the_supervisor_of_both_or_an_admin_decides_never_a_party_with_a_reason() -> None:
    case = Case(REP, OTHER)
    assert refuse_decision(sup, case, "upheld", "拜访在先") is None
    assert refuse_decision(admin, case, "rejected", "按规则") is None
    assert refuse_decision(rep, case, "upheld", "我的") == appeals.A_PARTY
    assert refuse_decision(other, case, "rejected", "我的") == appeals.A_PARTY
    assert refuse_decision(other_sup, case, "upheld", "越权") == appeals.ONLY_SUPERVISOR
    assert refuse_decision(sup, Case(REP, STRANGER), "upheld", "跨组") == appeals.ONLY_SUPERVISOR
    assert refuse_decision(sup, case, "upheld", "   ") == appeals.WRITE_THE_REASON
    assert refuse_decision(sup, case, "maybe", "嗯") == appeals.UPHOLD_OR_REJECT
    assert refuse_decision(sup, Case(REP, OTHER, "rejected"), "upheld", "改判") == appeals.DECIDED.format("rejected")
    assert refuse_decision(sup, Case(REP, None), "upheld", "从公海判回") is None  # lost to the pool: no holder


def test_the_sentence_says_who_won_and_when() -> None:
    loss = Loss("claim", OTHER, T0)
    assert appeals.lost_sentence(loss, "张伟", "2026-12-07 09:00") == (
        "张伟's claim reached head office first, accepted on 2026-12-07 09:00; your visits stay with the customer"
    )


def test_a_loss_whose_time_this_laptop_does_not_know_is_told_without_one() -> None:
    assert lost_sentence(Loss("registration", "li", None), "李娜", "") == (
        "李娜 registered this company first; your first contact and visits stay with it"
    )
    assert lost_sentence(Loss("claim", "li", None), "李娜", "") == (
        "李娜's claim reached head office first; your visits stay with the customer"
    )
    assert lost_sentence(Loss("return_to_pool", None, None), "", "") == "head office returned it to the public pool"
    assert lost_sentence(Loss("assignment", "li", None), "李娜", "") == "assigned to 李娜"
    assert lost_sentence(Loss("handover", "li", None), "李娜", "") == "handed over to 李娜"
    assert (
        lost_sentence(Loss("handover", "li", None), "李娜", "2027-03-01 09:00")
        == "handed over to 李娜 on 2027-03-01 09:00"
    )


def test_a_visit_timed_in_the_teams_zone_counts_by_the_instant_it_was() -> None:
    held = Holding(OTHER)
    events = [_event("claim", None, OTHER, 10)]  # accepted at 01:10 UTC
    shanghai = timezone(timedelta(hours=8))
    assert how_lost(REP, held, events, datetime(2026, 12, 7, 9, 5, tzinfo=shanghai)) == Loss(
        "claim", OTHER, T0 + timedelta(minutes=10)
    )  # 09:05 in Shanghai is 01:05 UTC: before the claim
    assert how_lost(REP, held, events, datetime(2026, 12, 7, 9, 11, tzinfo=shanghai)) is None
