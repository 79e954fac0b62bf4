"""The fairness report from a real store (分配公平性报表): events made through the real services (first contacts,
claims, releases, assignments, won deals) on a fake clock, counted per rep in the team's months (Asia/Shanghai);
a supervisor sees the team, an admin everyone, a rep their own row; nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.domain.exports import MAY_NOT_EXPORT
from fieldcrm.domain.fairness import ABOVE, Month
from fieldcrm.models import ExportPolicy, OutboxEntry
from fieldcrm.services import Services
from fieldcrm.services.assignment import AssignmentService
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.fairness import FairnessService, parse_months
from fieldcrm.services.opportunities import OpportunityService
from fieldcrm.services.pool import PoolService
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
    with pytest.raises(ValidationError, match="ends before it starts"):
        FairnessService(sup.store, sup.user_id, clock=clock).report(DEC, NOV)
