"""The fairness report from a real store (分配公平性报表): events made through the real services (first contacts,
claims, releases, assignments, won deals) on a fake clock, counted per rep in the team's months (Asia/Shanghai);
a supervisor sees the team, an admin everyone, a rep their own row; nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.domain.exports import MAY_NOT_EXPORT
from fieldcrm.domain.fairness import ABOVE, FIGURES, FLAG_RULE, Month
from fieldcrm.models import Appeal, ExportPolicy, Opportunity, OutboxEntry, OwnershipEvent, User
from fieldcrm.services import Services
from fieldcrm.services.appeals import AppealService
from fieldcrm.services.assignment import AssignmentService
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.fairness import FairnessReport, FairnessService, parse_months
from fieldcrm.services.opportunities import OpportunityService
from fieldcrm.services.pool import PoolService
from fieldcrm.services.team_rules import TeamRulesService
from waiting import ManualClock

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOV, DEC = Month(2026, 11), Month(2026, 12)
#: The last second of November and the first of December on Shanghai's clock (both 30 November in UTC).
LAST_OF_NOV = datetime(2026, 11, 30, 23, 59, 59, tzinfo=SHANGHAI).astimezone(UTC)
FIRST_OF_DEC = datetime(2026, 12, 1, 0, 0, 0, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 10, 2, 0, tzinfo=UTC))


def _ids(services: Services) -> dict[str, str]:
    return {u.name: u.id for u in services.profile.users()}


def _pooled(boss: Services, clock: ManualClock, *names: str) -> list[str]:
    customers = CustomerService(boss.store, boss.user_id, clock=clock)
    return [customers.create(name=n, owner_id=None, in_public_pool=True) for n in names]


def _rows(report, month: Month) -> dict[str, dict]:
    (found,) = [m for m in report.to_json()["months"] if m["month"] == str(month)]
    return {r["rep"]: r for r in found["reps"]}


@pytest.fixture
def november(team_services: dict[str, Services], clock: ManualClock) -> dict[str, Services]:
    """张伟 registers two customers and claims one from the pool at the last second of November, then claims one
    at the first second of December; the supervisor assigns three pool customers to 李娜 in November, who releases
    one and wins a deal with another; a rep of another team claims one."""
    rep, other, sup = team_services["rep"], team_services["other"], team_services["supervisor"]
    mine = CustomerService(rep.store, rep.user_id, clock=clock)
    mine.create(name="杭州西湖茶业有限公司")
    mine.create(name="宁波北仑港务有限公司")
    pooled = _pooled(sup, clock, "甲公司", "乙公司", "丙公司", "丁公司", "戊公司", "己公司")
    ids = _ids(sup)
    AssignmentService(sup.store, sup.user_id, clock=clock).assign(pooled[:3], "by_hand", rep_id=ids["李娜"])
    PoolService(other.store, other.user_id, clock=clock).release(pooled[0], "客户暂无需求")
    deal = OpportunityService(other.store, other.user_id, clock=clock).create(pooled[1], "年度采购")
    OpportunityService(other.store, other.user_id, clock=clock).move(deal, "赢单")
    clock.now = LAST_OF_NOV
    PoolService(rep.store, rep.user_id, clock=clock).claim(pooled[3])
    clock.now = FIRST_OF_DEC
    PoolService(rep.store, rep.user_id, clock=clock).claim(pooled[4])
    zhao = sup.profile.add_user("赵强", "rep", "华南二组")
    PoolService(sup.store, zhao.id, clock=clock).claim(pooled[5])
    return team_services


def test_a_supervisor_sees_the_teams_reps_by_way_in_shanghai_months(
    november: dict[str, Services], clock: ManualClock
) -> None:
    sup = november["supervisor"]
    service = FairnessService(sup.store, sup.user_id, clock=clock)
    report = service.report(NOV, DEC)
    nov, dec = _rows(report, NOV), _rows(report, DEC)
    assert list(nov) == ["李娜", "张伟"]  # the team's reps in pinyin order; 赵强 is another team's, 王经理 no rep
    zhang, li = nov["张伟"], nov["李娜"]
    assert (zhang["first_contact"], zhang["claim"], zhang["received"]) == (2, 1, 3)  # the claim at 23:59:59
    assert (li["assignment"], li["received"], li["released"], li["won"]) == (3, 3, 1, 1)
    assert (dec["张伟"]["claim"], dec["张伟"]["received"], dec["李娜"]["received"]) == (1, 1, 0)  # at 00:00:00
    (month,) = [m for m in report.to_json()["months"] if m["month"] == "2026-11"]
    assert month["total"]["received"] == 6 and month["mean"]["received"] == 3.0
    assert report.timezone == "Asia/Shanghai"


def test_an_admin_sees_every_rep_and_a_rep_only_their_own_row(
    november: dict[str, Services], clock: ManualClock
) -> None:
    sup = november["supervisor"]
    admin = sup.profile.add_user("总部管理员", "admin")
    everyone = FairnessService(sup.store, admin.id, clock=clock).report(NOV, DEC)
    assert list(_rows(everyone, DEC)) == ["李娜", "张伟", "赵强"]
    assert _rows(everyone, DEC)["赵强"]["claim"] == 1
    rep = november["rep"]
    own = FairnessService(rep.store, rep.user_id, clock=clock).report(NOV)
    assert list(_rows(own, NOV)) == ["张伟"]
    assert _rows(own, NOV)["张伟"]["received"] == 3


def test_the_report_writes_nothing(november: dict[str, Services], clock: ManualClock) -> None:
    sup = november["supervisor"]
    with sup.store.session() as session:
        before = len(session.exec(select(OutboxEntry)).all())
    FairnessService(sup.store, sup.user_id, clock=clock).report(NOV, DEC)
    with sup.store.session() as session:
        assert len(session.exec(select(OutboxEntry)).all()) == before


def test_this_month_is_the_teams_month_by_the_clock(november: dict[str, Services], clock: ManualClock) -> None:
    sup = november["supervisor"]
    clock.now = LAST_OF_NOV
    service = FairnessService(sup.store, sup.user_id, clock=clock)
    assert service.this_month() == NOV
    assert [m.month for m in service.report().months] == [NOV]
    clock.now = FIRST_OF_DEC  # still 30 November in UTC
    assert service.this_month() == DEC


def test_the_flag_marks_a_rep_far_above_the_teams_mean(team_services: dict[str, Services], clock: ManualClock) -> None:
    sup = team_services["supervisor"]
    for name in ("刘洋", "陈静"):
        sup.profile.add_user(name, "rep", "华东一组")
    ids = _ids(sup)
    pooled = _pooled(sup, clock, *(f"客户{i}号有限公司" for i in range(8)))
    AssignmentService(sup.store, sup.user_id, clock=clock).assign(pooled, "by_hand", rep_id=ids["刘洋"])
    report = FairnessService(sup.store, sup.user_id, clock=clock).report(NOV)
    flags = {name: row["flag"] for name, row in _rows(report, NOV).items()}
    assert flags == {"陈静": None, "李娜": None, "刘洋": ABOVE, "张伟": None}  # 8 against a mean of 2


def test_a_role_that_may_not_export_gets_no_workbook_of_it(november: dict[str, Services], clock: ManualClock) -> None:
    sup = november["supervisor"]
    with sup.store.transaction() as session:
        session.add(ExportPolicy(role="supervisor", scope="none"))
    service = FairnessService(sup.store, sup.user_id, clock=clock)
    with pytest.raises(PermissionDeniedError, match=MAY_NOT_EXPORT):
        service.for_export(NOV)
    rep = november["rep"]
    assert FairnessService(rep.store, rep.user_id, clock=clock).for_export(NOV).rep_ids == [rep.user_id]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"month": "2026-11"}, (NOV, None)),
        ({"first": "2026-11", "last": "2026-12"}, (NOV, DEC)),
        ({"first": "2026-11"}, (NOV, NOV)),
        ({}, (None, None)),
    ],
)
def test_parse_months(args: dict, expected: tuple) -> None:
    assert parse_months(**args) == expected


def test_parse_months_names_the_option_at_fault() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_months(first="2026-11", last="2026/12")
    assert caught.value.field == "to"
    with pytest.raises(ValidationError, match="not both"):
        parse_months(month="2026-11", first="2026-10")


def test_a_range_that_ends_before_it_starts_is_refused(november: dict[str, Services], clock: ManualClock) -> None:
    sup = november["supervisor"]
    with pytest.raises(ValidationError, match="ends before it starts") as caught:
        FairnessService(sup.store, sup.user_id, clock=clock).report(DEC, NOV)
    assert caught.value.field == "to"


OCT = Month(2026, 10)
#: The first instant of November and a day inside October, on Shanghai's clock.
FIRST_OF_NOV = datetime(2026, 11, 1, 0, 0, 0, tzinfo=SHANGHAI).astimezone(UTC)
MID_OCT = datetime(2026, 10, 15, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)
NONE_OF_IT = dict.fromkeys(FIGURES, 0)


class _Acts:
    """Real services acting as the team's people on the test's clock."""

    def __init__(self, team: dict[str, Services], clock: ManualClock) -> None:
        self.sup, self.clock = team["supervisor"], clock
        self.ids = _ids(self.sup)

    def register(self, rep: str, name: str) -> str:
        return CustomerService(self.sup.store, self.ids[rep], clock=self.clock).create(name=name)

    def claim(self, rep: str, customer_id: str) -> None:
        PoolService(self.sup.store, self.ids[rep], clock=self.clock).claim(customer_id)

    def release(self, rep: str, customer_id: str) -> None:
        PoolService(self.sup.store, self.ids[rep], clock=self.clock).release(customer_id, "客户暂无需求")

    def assign(self, customer_id: str, rep: str) -> None:
        AssignmentService(self.sup.store, self.sup.user_id, clock=self.clock).assign(
            [customer_id], "by_hand", rep_id=self.ids[rep]
        )

    def deal(self, rep: str, customer_id: str, stage: str = "赢单") -> str:
        deals = OpportunityService(self.sup.store, self.ids[rep], clock=self.clock)
        deal = deals.create(customer_id, "年度采购")
        deals.move(deal, stage, lost_reason="预算取消" if stage == "输单" else None)
        return deal

    def lose_and_appeal(self, rep: str, name: str) -> str:
        """`rep` registers a customer, the supervisor assigns it to 李娜, and `rep` appeals: the appeal's id."""
        customer_id = self.register(rep, name)
        self.assign(customer_id, "李娜")
        return self.file(rep, customer_id)

    def file(self, rep: str, customer_id: str) -> str:
        return AppealService(self.sup.store, self.ids[rep], clock=self.clock).file(customer_id, "客户是我开发的")["id"]

    def decide(self, appeal_id: str, uphold: bool) -> None:
        AppealService(self.sup.store, self.sup.user_id, clock=self.clock).decide(appeal_id, uphold, "拜访在先")

    def mark(self, model: type, row_id: str, **values: object) -> None:
        """A row as head office's latest version has it (a tombstone, a user no longer active)."""
        with self.sup.store.transaction() as session:
            row = session.get(model, row_id)
            for name, value in values.items():
                setattr(row, name, value)
            session.add(row)

    def report(self, first: Month, last: Month | None = None) -> FairnessReport:
        return FairnessService(self.sup.store, self.sup.user_id, clock=self.clock).report(first, last)


def test_a_months_first_instant_counts_deleted_and_lost_things_do_not(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    """张伟's November: a claim, a won deal and an appeal filed (still open) at its first instant; an appeal filed
    in October and upheld at that instant (which gives the customer back: an arbitration), one filed in October and
    rejected in November; a lost deal, and a claim, a won deal and an appeal that were deleted, count nothing."""
    acts = _Acts(team_services, clock)
    clock.now = MID_OCT
    pooled = _pooled(acts.sup, clock, "甲公司", "乙公司")
    upheld = acts.lose_and_appeal("张伟", "杭州一号有限公司")
    rejected = acts.lose_and_appeal("张伟", "杭州二号有限公司")
    open_customer = acts.register("张伟", "杭州三号有限公司")
    acts.assign(open_customer, "李娜")
    deleted_customer = acts.register("张伟", "杭州四号有限公司")
    acts.assign(deleted_customer, "李娜")
    own = acts.register("张伟", "杭州五号有限公司")
    clock.now = FIRST_OF_NOV
    acts.claim("张伟", pooled[0])
    acts.deal("张伟", own)
    acts.decide(upheld, True)
    acts.file("张伟", open_customer)
    clock.now = FIRST_OF_NOV + timedelta(days=3)
    acts.decide(rejected, False)
    acts.deal("张伟", own, "输单")
    acts.mark(Opportunity, acts.deal("张伟", own), deleted=True)
    acts.mark(Appeal, acts.file("张伟", deleted_customer), deleted=True)
    acts.claim("张伟", pooled[1])
    with acts.sup.store.session() as session:
        (claimed,) = session.exec(
            select(OwnershipEvent.id).where(OwnershipEvent.customer_id == pooled[1], OwnershipEvent.kind == "claim")
        ).all()
    acts.mark(OwnershipEvent, claimed, deleted=True)

    zhang = _rows(acts.report(NOV), NOV)["张伟"]
    assert {f: zhang[f] for f in FIGURES} == {
        **NONE_OF_IT,
        "claim": 1,
        "arbitration": 1,
        "received": 2,
        "won": 1,
        "appeals_filed": 1,
        "appeals_upheld": 1,
    }


def test_a_rep_no_longer_active_is_shown_only_in_ranges_they_had_something_in(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    """Three reps have left: 陈静 was assigned a customer in November, 孙丽 released one then; 刘洋 registered,
    won deals, lost customers and appealed in October and at the first instant of December, never in November.
    A deleted rep is never listed."""
    acts = _Acts(team_services, clock)
    for name in ("陈静", "孙丽", "刘洋", "周敏"):
        acts.sup.profile.add_user(name, "rep", "华东一组")
    acts.ids = _ids(acts.sup)
    clock.now = MID_OCT
    (pooled,) = _pooled(acts.sup, clock, "甲公司")
    released = acts.register("孙丽", "宁波一号有限公司")
    rejected = acts.lose_and_appeal("刘洋", "温州一号有限公司")
    acts.decide(rejected, False)
    acts.deal("刘洋", acts.register("刘洋", "温州二号有限公司"))
    clock.now = FIRST_OF_NOV + timedelta(days=10)
    acts.assign(pooled, "陈静")
    acts.release("孙丽", released)
    clock.now = FIRST_OF_DEC
    acts.deal("刘洋", acts.register("刘洋", "温州三号有限公司"))
    acts.decide(acts.lose_and_appeal("刘洋", "温州四号有限公司"), True)
    for name in ("陈静", "孙丽", "刘洋"):
        acts.mark(User, acts.ids[name], active=False)
    acts.mark(User, acts.ids["周敏"], deleted=True)

    november = _rows(acts.report(NOV), NOV)
    assert list(november) == ["陈静", "李娜", "孙丽", "张伟"]
    assert (november["陈静"]["assignment"], november["孙丽"]["released"]) == (1, 1)
    for month in (OCT, DEC):
        assert "刘洋" in _rows(acts.report(month), month)


def test_reps_are_listed_by_the_pinyin_of_their_names_as_people(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    """单 as a surname reads Shan (not dan), so 单明 comes after 李娜; ids (the order the reps were added in) do
    not decide."""
    sup = team_services["supervisor"]
    for name in ("邓丽", "单明"):
        sup.profile.add_user(name, "rep", "华东一组")
    report = FairnessService(sup.store, sup.user_id, clock=clock).report(NOV)
    assert list(_rows(report, NOV)) == ["邓丽", "李娜", "单明", "张伟"]


def test_this_month_and_the_report_use_the_teams_own_time_zone(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    """The team works on Urumqi's clock (UTC+6): the first instant of December in Shanghai is still 30 November."""
    acts = _Acts(team_services, clock)
    TeamRulesService(acts.sup.store, acts.sup.user_id).set({"timezone": "Asia/Urumqi"})
    (pooled,) = _pooled(acts.sup, clock, "甲公司")
    clock.now = FIRST_OF_DEC
    acts.claim("张伟", pooled)
    service = FairnessService(acts.sup.store, acts.sup.user_id, clock=clock)
    assert service.this_month() == NOV
    report = service.report()
    assert (report.timezone, [m.month for m in report.months]) == ("Asia/Urumqi", [NOV])
    assert _rows(report, NOV)["张伟"]["claim"] == 1


def test_the_reports_json_is_the_contract_scripts_read(team_services: dict[str, Services], clock: ManualClock) -> None:
    """Every key as scripts and the window read them; the mean rounded to one decimal (1 of 3 reps: 0.3)."""
    acts = _Acts(team_services, clock)
    acts.sup.profile.add_user("陈静", "rep", "华东一组")
    acts.ids = _ids(acts.sup)
    acts.register("张伟", "杭州一号有限公司")
    one = {**NONE_OF_IT, "first_contact": 1, "received": 1}
    assert acts.report(NOV).to_json() == {
        "timezone": "Asia/Shanghai",
        "flag_rule": FLAG_RULE,
        "months": [
            {
                "month": "2026-11",
                "reps": [
                    {"rep_id": acts.ids["陈静"], "rep": "陈静", **NONE_OF_IT, "flag": None},
                    {"rep_id": acts.ids["李娜"], "rep": "李娜", **NONE_OF_IT, "flag": None},
                    {"rep_id": acts.ids["张伟"], "rep": "张伟", **one, "flag": None},
                ],
                "total": one,
                "mean": {**NONE_OF_IT, "first_contact": 0.3, "received": 0.3},
            }
        ],
    }


def test_the_export_covers_the_range_asked_for(november: dict[str, Services], clock: ManualClock) -> None:
    sup = november["supervisor"]
    report = FairnessService(sup.store, sup.user_id, clock=clock).for_export(OCT, DEC)
    assert [m.month for m in report.months] == [OCT, NOV, DEC]


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ({"month": "2026-13"}, "month", "'2026-13' is not a month; write it as YYYY-MM, e.g. 2026-11"),
        ({"first": "2026/10"}, "from", "'2026/10' is not a month; write it as YYYY-MM, e.g. 2026-11"),
        ({"first": "2026-10", "last": "10-2026"}, "to", "'10-2026' is not a month; write it as YYYY-MM, e.g. 2026-11"),
        ({"month": "2026-11", "last": "2026-12"}, "month", "give one month, or a range of months from/to, not both"),
    ],
)
def test_a_bad_month_names_the_option_at_fault(args: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_months(**args)
    assert (caught.value.field, caught.value.message) == (field, message)
