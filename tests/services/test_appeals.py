"""Appeals on the laptop (AppealService): who lost a customer and why, filing once with the evidence, the
supervisor's decision (upheld moves the customer and its contacts with an arbitration event; rejected moves
nothing), refusals in the domain's words. Real store, fake clock (the team's calendar is Asia/Shanghai)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fieldcrm.domain import appeals as rules
from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.services import Services
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.assignment import AssignmentService
from waiting import ManualClock

#: 2027-03-01 09:00 in Shanghai.
T0 = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def _service(who: Services, clock: ManualClock) -> AppealService:
    return AppealService(who.store, who.user_id, clock=clock)


def _assigned_away(team: dict[str, Services], clock: ManualClock, name: str = "绍兴纺机有限公司") -> str:
    """张伟's customer with a contact and his visit, given to 李娜 by their supervisor."""
    rep, boss = team["rep"], team["supervisor"]
    customer_id = rep.customers.create(name=name, contacts=[{"name": "周厂长", "mobile": "13912340000"}])
    rep.visits.log(customer_id, outcome="参观车间")
    AssignmentService(boss.store, boss.user_id, clock=clock).assign(
        [customer_id], "by_hand", rep_id=team["other"].user_id, reason="区域调整"
    )
    return customer_id


def test_the_rep_who_lost_it_is_told_how_and_files_once_with_his_evidence(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    customer_id = _assigned_away(team_services, clock)
    rep, other = team_services["rep"], team_services["other"]
    lost = _service(rep, clock).lost(customer_id)
    assert lost is not None
    assert (lost["how"], lost["winner"], lost["may_appeal"]) == ("assignment", "李娜", True)
    assert _service(other, clock).lost(customer_id) is None  # she holds it
    with pytest.raises(ValidationError, match="say why"):
        _service(rep, clock).file(customer_id, "  ")
    clock.advance(timedelta(hours=2))
    filed = _service(rep, clock).file(customer_id, "客户是我开发的")
    [row] = _service(rep, clock).appeals()
    assert (row["id"], row["status"], row["lost_how"], row["holder"]) == (filed["id"], "open", "assignment", "李娜")
    assert row["filed_at"] == (T0 + timedelta(hours=2)).isoformat()
    assert [v["outcome"] for v in row["appellant_side"]["visits"]] == ["参观车间"]
    assert _service(rep, clock).lost(customer_id)["may_appeal"] is False  # type: ignore[index]
    with pytest.raises(PermissionDeniedError, match="open appeal"):
        _service(rep, clock).file(customer_id, "再申诉一次")
    with pytest.raises(PermissionDeniedError, match="yours"):
        _service(other, clock).file(customer_id, "我的")


def test_upheld_the_customer_and_its_contact_go_to_the_appellant_rejected_nothing_moves(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, other, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    customer_id = _assigned_away(team_services, clock)
    appeal_id = _service(rep, clock).file(customer_id, "客户是我开发的")["id"]
    for party in (rep, other):
        with pytest.raises(PermissionDeniedError, match="party"):
            _service(party, clock).decide(appeal_id, True, "我说了算")
    with pytest.raises(ValidationError, match="write the reason"):
        _service(boss, clock).decide(appeal_id, True, "")
    clock.advance(timedelta(days=1))
    assert _service(boss, clock).decide(appeal_id, True, "拜访在先")["status"] == "upheld"
    shown = rep.customers.get(customer_id)
    assert shown["owner_id"] == rep.user_id
    assert [c["owner_id"] for c in shown["contacts"]] == [rep.user_id]
    event = shown["ownership"][0]
    assert (event["kind"], event["from_owner"], event["to_owner"], event["by"], event["reason"], event["rule"]) == (
        "arbitration",
        "李娜",
        "张伟",
        "王经理",
        "拜访在先",
        "appeal",
    )
    assert event["at"] == (T0 + timedelta(days=1)).isoformat()
    decided = _service(rep, clock).get(appeal_id)
    assert (decided["decided_by"], decided["decided_at"]) == ("王经理", (T0 + timedelta(days=1)).isoformat())
    with pytest.raises(PermissionDeniedError, match=r"decided already \(upheld\)"):
        _service(boss, clock).decide(appeal_id, False, "改判")
    # Now 李娜 lost it by arbitration: a decision is final, not a loss to appeal.
    assert _service(other, clock).lost(customer_id) is None

    second = _assigned_away(team_services, clock, "嘉兴丝绸有限公司")
    appeal_id = _service(rep, clock).file(second, "也是我开发的")["id"]
    _service(boss, clock).decide(appeal_id, False, "按区域规则")
    assert rep.customers.get(second)["owner_id"] == other.user_id
    assert rep.customers.get(second)["ownership"][0]["kind"] == "assignment"
    assert _service(rep, clock).get(appeal_id)["status"] == "rejected"
    assert rules.DECIDED.format("rejected") in _refusal(lambda: _service(boss, clock).decide(appeal_id, True, "再议"))


def _refusal(act) -> str:  # noqa: ANN001
    try:
        act()
    except PermissionDeniedError as exc:
        return exc.message
    return ""


def test_the_fairness_report_counts_the_appeal_filed_and_upheld(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    from fieldcrm.domain.fairness import Month
    from fieldcrm.services.fairness import FairnessService

    rep, boss = team_services["rep"], team_services["supervisor"]
    customer_id = _assigned_away(team_services, clock)
    appeal_id = _service(rep, clock).file(customer_id, "客户是我开发的")["id"]
    march = Month(2027, 3)

    def appeals() -> dict[str, tuple[int, int]]:
        report = FairnessService(boss.store, boss.user_id, clock=clock).report(march, march).to_json()
        [month] = report["months"]
        return {r["rep"]: (r["appeals_filed"], r["appeals_upheld"]) for r in month["reps"]}

    assert appeals()["张伟"] == (1, 0)
    clock.advance(timedelta(days=1))
    _service(boss, clock).decide(appeal_id, True, "拜访在先")
    assert appeals()["张伟"] == (1, 1)
    assert appeals()["李娜"] == (0, 0)
