"""Appeals on the laptop (AppealService): who lost a customer and why, filing once with the evidence, the
supervisor's decision (upheld moves the customer and its contacts with an arbitration event; rejected moves
nothing), refusals in the domain's words. Real store, fake clock (the team's calendar is Asia/Shanghai)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from fieldcrm.domain import appeals as rules
from fieldcrm.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from fieldcrm.models import OwnershipEvent
from fieldcrm.models.codec import encode_value
from fieldcrm.models.registry import SYNCED_TABLES
from fieldcrm.services import Services
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.assignment import AssignmentService
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.team_rules import TeamRulesService
from fieldcrm.services.visits import VisitService
from fieldcrm.sync.apply import apply_page
from fieldcrm.sync.protocol import RowChange
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


@pytest.fixture
def laptop_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The laptop's own clock is on New York time: what the app shows must not depend on it."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class _Team:
    """The team's people acting through real services on the test's clock."""

    def __init__(self, team: dict[str, Services], clock: ManualClock) -> None:
        self.team, self.clock = team, clock
        self.store = team["rep"].store
        self.zhang, self.li, self.boss = (team[k].user_id for k in ("rep", "other", "supervisor"))

    def appeals(self, who: str) -> AppealService:
        return AppealService(self.store, self.team[who].user_id, clock=self.clock)

    def register(self, name: str) -> str:
        return CustomerService(self.store, self.zhang, clock=self.clock).create(name=name)

    def assign_to_li(self, customer_id: str) -> None:
        AssignmentService(self.store, self.boss, clock=self.clock).assign([customer_id], "by_hand", rep_id=self.li)

    def visit(self, rep_id: str, customer_id: str, at: datetime, outcome: str) -> str:
        return VisitService(self.store, rep_id, clock=self.clock).log(customer_id, outcome=outcome, started_at=at)

    def accepted_as_made(self, customer_id: str) -> None:
        """Head office accepted each of the customer's ownership events the moment it was made (it stamps
        `created_at`, the time a loss is told by; this laptop's own stamp is the real clock's)."""
        events = OwnershipEvent.__table__
        with self.store.transaction() as session:
            session.connection().execute(
                events.update().where(events.c.customer_id == customer_id).values(created_at=events.c.at)
            )

    def pulled(self, table: str, row_id: str, **values: object) -> None:
        """A row as head office's latest version has it, written as a pull writes it: the values given, or
        removed from this laptop (the row left this user's view) when none are."""
        if values:
            row = {k: encode_value(v) for k, v in values.items()}
            with self.store.transaction() as session:
                session.connection().execute(
                    SYNCED_TABLES[table].__table__.update().where(SYNCED_TABLES[table].__table__.c.id == row_id), row
                )
        else:
            apply_page(self.store, [RowChange(seq=1, table=table, id=row_id, gone=True)], "test-device", None)


def test_the_loss_is_told_in_the_teams_time_zone_whatever_the_laptops(
    team_services: dict[str, Services], clock: ManualClock, laptop_in_new_york: None
) -> None:
    """The team works on Urumqi's clock (UTC+6): an assignment at 01:00 UTC reads 07:00, wherever the laptop is."""
    team = _Team(team_services, clock)
    TeamRulesService(team.store, team.boss).set({"timezone": "Asia/Urumqi"})
    customer_id = team.register("绍兴纺机有限公司")
    team.assign_to_li(customer_id)
    team.accepted_as_made(customer_id)
    expected = {
        "how": "assignment",
        "winner_id": team.li,
        "winner": "李娜",
        "at": T0.isoformat(),
        "sentence": "assigned to 李娜 on 2027-03-01 07:00",
        "may_appeal": True,
        "open_appeal_id": None,
    }
    assert team.appeals("rep").lost(customer_id) == expected
    filed = team.appeals("rep").file(customer_id, "客户是我开发的")["id"]
    assert team.appeals("rep").lost(customer_id) == {**expected, "may_appeal": False, "open_appeal_id": filed}


def test_a_loss_without_a_known_winner_name_or_time(team_services: dict[str, Services], clock: ManualClock) -> None:
    """What this laptop holds may be short of the whole story: a registration head office gave to 李娜 without
    her event here (no time to tell), a customer head office returned to the pool (nobody has it), a winner whose
    user row this laptop does not hold (the id stands for the name)."""
    team = _Team(team_services, clock)
    theirs = team.register("宁波一号有限公司")
    team.pulled("customer", theirs, owner_id=team.li)
    registered = team.appeals("rep").lost(theirs)
    assert registered is not None
    assert (registered["how"], registered["winner"], registered["at"]) == ("registration", "李娜", None)
    assert registered["sentence"] == "李娜 registered this company first; your first contact and visits stay with it"

    returned = team.register("宁波二号有限公司")
    with team.store.transaction() as session:
        session.add(
            OwnershipEvent(
                customer_id=returned,
                kind="return_to_pool",
                from_owner_id=team.zhang,
                by_user_id=team.boss,
                at=T0 + timedelta(days=1),
                rule="no_followup",
                owner_id=team.boss,
            )
        )
    team.accepted_as_made(returned)
    team.pulled("customer", returned, owner_id=None, in_public_pool=True)
    back = team.appeals("rep").lost(returned)
    assert back is not None
    assert (back["how"], back["winner_id"], back["winner"]) == ("return_to_pool", None, "")
    assert back["sentence"] == "head office returned it to the public pool on 2027-03-02 09:00"

    assigned = team.register("宁波三号有限公司")
    team.assign_to_li(assigned)
    team.accepted_as_made(assigned)
    team.pulled("app_user", team.li)
    unknown = team.appeals("rep").lost(assigned)
    assert unknown is not None
    assert (unknown["winner_id"], unknown["winner"]) == (team.li, team.li)


def test_an_appeal_shows_both_sides_and_the_first_contact_as_filed(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    """张伟 registered the customer ten days before it was assigned to 李娜 and visited it; she visited it too.
    Upheld, he logs an older visit he had forgotten: the appeal keeps the first contact it was filed with. When the
    customer leaves the laptop, its name is blank; when the appellant's user row does, his id stands for his name."""
    team = _Team(team_services, clock)
    registered = T0 - timedelta(days=10)
    clock.now = registered
    customer_id = team.register("绍兴纺机有限公司")
    his = team.visit(team.zhang, customer_id, registered + timedelta(days=1), "参观车间")
    clock.now = T0
    team.assign_to_li(customer_id)
    team.accepted_as_made(customer_id)
    hers = team.visit(team.li, customer_id, T0 + timedelta(hours=1), "报价")
    clock.now = T0 + timedelta(hours=2)
    appeal_id = team.appeals("rep").file(customer_id, "客户是我开发的")["id"]
    clock.now = T0 + timedelta(days=1)
    team.appeals("supervisor").decide(appeal_id, True, "拜访在先")
    team.accepted_as_made(customer_id)
    forgotten = team.visit(team.zhang, customer_id, registered - timedelta(days=1), "电话介绍")

    def visit(visit_id: str, at: datetime, outcome: str) -> dict:
        return {"id": visit_id, "at": at.isoformat(), "outcome": outcome}

    expected = {
        "id": appeal_id,
        "customer_id": customer_id,
        "customer": "绍兴纺机有限公司",
        "appellant_id": team.zhang,
        "appellant": "张伟",
        "holder_id": team.li,
        "holder": "李娜",
        "lost_how": "assignment",
        "statement": "客户是我开发的",
        "filed_at": (T0 + timedelta(hours=2)).isoformat(),
        "status": "upheld",
        "decision": "拜访在先",
        "decided_by": "王经理",
        "decided_at": (T0 + timedelta(days=1)).isoformat(),
        "appellant_side": {
            "first_contact_at": registered.isoformat(),
            "held_since": (T0 + timedelta(days=1)).isoformat(),
            "visits": [
                visit(forgotten, registered - timedelta(days=1), "电话介绍"),
                visit(his, registered + timedelta(days=1), "参观车间"),
            ],
        },
        "holder_side": {
            "first_contact_at": (T0 + timedelta(hours=1)).isoformat(),
            "held_since": T0.isoformat(),
            "visits": [visit(hers, T0 + timedelta(hours=1), "报价")],
        },
    }
    boss = team.appeals("supervisor")
    assert boss.get(appeal_id) == expected
    assert boss.appeals() == [expected]
    team.pulled("customer", customer_id)
    assert boss.get(appeal_id)["customer"] == "" and boss.appeals()[0]["customer"] == ""
    team.pulled("app_user", team.zhang)
    assert boss.appeals()[0]["appellant"] == team.zhang


def test_appeals_open_first_newest_first_by_status_and_customer(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    team = _Team(team_services, clock)
    customers = [team.register(name) for name in ("甲公司", "乙公司", "丙公司")]
    for customer_id in customers:
        team.assign_to_li(customer_id)
        team.accepted_as_made(customer_id)
    filed = []
    for hours, customer_id in enumerate(customers, start=1):
        clock.now = T0 + timedelta(hours=hours)
        filed.append(team.appeals("rep").file(customer_id, "客户是我开发的")["id"])
    first, rejected, newest = filed
    team.appeals("supervisor").decide(rejected, False, "按区域规则")
    boss = team.appeals("supervisor")

    def ids(**filters: str) -> list[str]:
        return [a["id"] for a in boss.appeals(**filters)]

    assert ids() == [newest, first, rejected]
    assert ids(status="open") == [newest, first]
    assert ids(status="rejected") == [rejected]
    assert ids(customer_id=customers[0]) == [first]
    team.pulled("appeal", first, deleted=True)
    with pytest.raises(NotFoundError) as caught:
        boss.get(first)
    assert caught.value.message == f"no appeal with id {first}"
    with pytest.raises(NotFoundError, match="no appeal with id nobody"):
        boss.get("nobody")
