"""Daily reports: built from visits, submitted, countersigned or returned; a signed report is frozen."""

from datetime import date

import pytest
from sqlalchemy import text

from fieldcrm.domain.errors import InvalidStateError, PermissionDeniedError, StaleError, ValidationError
from fieldcrm.models import DailyReport, User
from fieldcrm.services import Services
from fieldcrm.services.reports import may_countersign, verify_signature


@pytest.fixture
def day_with_visits(team_services: dict[str, Services]) -> dict[str, str]:
    rep = team_services["rep"]
    cid = rep.customers.create(name="苏州恒泰电子有限公司")
    first = rep.visits.log(cid, outcome="介绍新品")
    second = rep.visits.log(cid, kind="call", outcome="约定下周演示")
    return {"customer": cid, "first": first, "second": second}


def test_report_is_built_from_the_days_visits(team_services: dict[str, Services], day_with_visits, today: date) -> None:
    rep = team_services["rep"]
    report = rep.reports.build(today)
    assert report["status"] == "draft"
    assert [v["id"] for v in report["visits"]] == [day_with_visits["first"], day_with_visits["second"]]
    assert report["visits"][0]["customer_name"] == "苏州恒泰电子有限公司"
    rep.reports.edit_summary(today, "两次接触，客户兴趣高")
    third = rep.visits.log(day_with_visits["customer"], outcome="发送报价")
    submitted = rep.reports.submit(today)  # picks up the visit logged after building
    assert submitted["status"] == "submitted"
    assert submitted["summary"] == "两次接触，客户兴趣高"
    assert [v["id"] for v in submitted["visits"]][-1] == third


def test_empty_day_needs_a_summary(services: Services, today: date) -> None:
    with pytest.raises(ValidationError) as err:
        services.reports.submit(today)
    assert err.value.field == "summary"
    services.reports.edit_summary(today, "今天在公司整理客户资料")
    assert services.reports.submit(today)["status"] == "submitted"


def test_submitted_report_is_locked_until_returned(
    team_services: dict[str, Services], day_with_visits, today: date
) -> None:
    rep, sup = team_services["rep"], team_services["supervisor"]
    report = rep.reports.submit(today)
    with pytest.raises(InvalidStateError):
        rep.reports.edit_summary(today, "改一下")
    with pytest.raises(ValidationError):
        sup.reports.return_report(report["id"], "  ")
    returned = sup.reports.return_report(report["id"], "请补充客户反馈")
    assert (returned["status"], returned["return_comment"]) == ("returned", "请补充客户反馈")
    rep.reports.edit_summary(today, "客户反馈：价格偏高")
    again = rep.reports.submit(today)
    assert (again["status"], again["times_submitted"], again["return_comment"]) == ("submitted", 2, None)


def test_countersign_freezes_the_report(team_services: dict[str, Services], day_with_visits, today: date) -> None:
    rep, sup = team_services["rep"], team_services["supervisor"]
    report = rep.reports.submit(today)
    signed = sup.reports.countersign(report["id"])
    assert signed["status"] == "countersigned"
    assert signed["signed_by_name"] == "王经理" and signed["signed_at"]
    assert len(signed["signature"]) == 64 and signed["signature_valid"] is True
    for change in (
        lambda: rep.reports.edit_summary(today, "事后修改"),
        lambda: rep.reports.build(today),
        lambda: rep.reports.submit(today),
        lambda: sup.reports.return_report(report["id"], "撤回"),
        lambda: sup.reports.countersign(report["id"]),
    ):
        with pytest.raises(InvalidStateError):
            change()
    assert rep.reports.find(None, today)["signature_valid"] is True


def test_tampering_with_a_signed_report_is_detected(
    team_services: dict[str, Services], day_with_visits, today: date
) -> None:
    rep, sup = team_services["rep"], team_services["supervisor"]
    report_id = sup.reports.countersign(rep.reports.submit(today)["id"])["id"]
    with rep.store.engine.begin() as conn:  # someone edits the file behind the app's back
        conn.execute(text("UPDATE daily_report SET summary = '伪造的总结' WHERE id = :i"), {"i": report_id})
    assert rep.reports.get(report_id)["signature_valid"] is False
    with rep.store.session() as session:
        assert verify_signature(session.get(DailyReport, report_id)) is False


def test_only_the_reps_supervisor_countersigns(
    team_services: dict[str, Services], day_with_visits, today: date
) -> None:
    rep, other, sup = team_services["rep"], team_services["other"], team_services["supervisor"]
    report = rep.reports.submit(today)
    for who in (rep, other):
        with pytest.raises(PermissionDeniedError):
            who.reports.countersign(report["id"])
    outsider = sup.profile.add_user("赵主管", "supervisor", "华南二组")
    with pytest.raises(PermissionDeniedError):
        Services.for_store(sup.store, outsider.id).reports.countersign(report["id"])
    admin = sup.profile.add_user("管理员", "admin")
    assert Services.for_store(sup.store, admin.id).reports.countersign(report["id"])["status"] == "countersigned"


def test_decision_on_a_stale_view_is_refused(team_services: dict[str, Services], day_with_visits, today: date) -> None:
    rep, sup = team_services["rep"], team_services["supervisor"]
    seen = rep.reports.submit(today)
    returned = sup.reports.return_report(seen["id"], "补充")
    rep.reports.submit(today)
    with pytest.raises(StaleError):
        sup.reports.countersign(seen["id"], seen_updated_at=returned["updated_at"])
    fresh = sup.reports.get(seen["id"])
    assert sup.reports.countersign(seen["id"], seen_updated_at=fresh["updated_at"])["status"] == "countersigned"


def test_inbox_lists_the_teams_submitted_reports(
    team_services: dict[str, Services], day_with_visits, today: date
) -> None:
    rep, other, sup = team_services["rep"], team_services["other"], team_services["supervisor"]
    rep.reports.submit(today)
    other.reports.edit_summary(today, "电话回访三家")
    other.reports.submit(today)
    inbox = sup.reports.inbox()
    assert sorted(r["rep"] for r in inbox) == ["张伟", "李娜"]
    assert [r["rep"] for r in sup.reports.inbox(rep_id=inbox[0]["rep_id"])] == [inbox[0]["rep"]]
    assert rep.reports.inbox() == []  # a rep countersigns nothing


@pytest.mark.parametrize("role", ["rep", "supervisor", "admin"])
@pytest.mark.parametrize("step", ["countersign", "return"])
def test_nobody_countersigns_or_returns_their_own_report(
    team_services: dict[str, Services], role: str, step: str, today: date
) -> None:
    """Whatever the role: a supervisor's own report goes to an admin, an admin's to another admin."""
    sup = team_services["supervisor"]
    admin = Services.for_store(sup.store, sup.profile.add_user("管理员", "admin").id)
    other_admin = Services.for_store(sup.store, sup.profile.add_user("总部审核", "admin").id)
    pairs = {"rep": (team_services["rep"], sup), "supervisor": (sup, admin), "admin": (admin, other_admin)}
    author, reviewer = pairs[role]
    author.reports.edit_summary(today, "走访两家客户，整理报价")
    report = author.reports.submit(today)
    decide = {
        "countersign": lambda who: who.reports.countersign(report["id"]),
        "return": lambda who: who.reports.return_report(report["id"], "请补充客户反馈"),
    }[step]
    with pytest.raises(PermissionDeniedError):
        decide(author)
    assert author.reports.get(report["id"])["status"] == "submitted"
    assert report["id"] not in {r["id"] for r in author.reports.inbox()}
    with author.store.session() as session:
        actor = session.get(User, report["rep_id"])
        assert may_countersign(session, actor, actor.id) is False
    # Someone else with the right role decides it: the refusal is about the signer being the author.
    assert report["id"] in {r["id"] for r in reviewer.reports.inbox()}
    assert decide(reviewer)["status"] == {"countersign": "countersigned", "return": "returned"}[step]
