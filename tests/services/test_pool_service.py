"""The public pool (公海) on the laptop: claims and releases with their events, the cap, the daily limit, the lockout,
won customers left out of the counts. Real store, fake clock (the team's calendar is Asia/Shanghai)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import PermissionDeniedError, ValidationError
from fieldcrm.domain.pool import CLAIMED_BY, IN_PROTECTION, RELEASE_NEEDS_REASON
from fieldcrm.domain.protection import PoolRules
from fieldcrm.models import Customer, OutboxEntry, OwnershipEvent
from fieldcrm.services import Services
from fieldcrm.services.customers import CustomerService
from fieldcrm.services.pool import PoolService
from fieldcrm.services.team_rules import TeamRulesService
from waiting import ManualClock

#: 2027-03-01 09:00 in Shanghai.
T0 = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


def _pool(services: Services, clock: ManualClock) -> PoolService:
    return PoolService(services.store, services.user_id, clock=clock)


def _pooled(boss: Services, count: int, prefix: str = "公海") -> list[str]:
    customers = CustomerService(boss.store, boss.user_id)
    return [
        customers.create(name=f"{prefix}{i}号贸易有限公司", owner_id=None, in_public_pool=True, phone=f"1380013{i:04d}")
        for i in range(count)
    ]


def _events(services: Services, customer_id: str) -> list[OwnershipEvent]:
    with services.store.session() as session:
        query = select(OwnershipEvent).where(OwnershipEvent.customer_id == customer_id).order_by(OwnershipEvent.at)
        return list(session.exec(query))


def _customer(services: Services, customer_id: str) -> Customer:
    with services.store.session() as session:
        found = session.get(Customer, customer_id)
        assert found is not None
        return found


def test_a_claim_takes_the_customer_protects_it_and_records_its_event_in_one_action(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep = team_services["rep"]
    (pool_id,) = _pooled(team_services["supervisor"], 1)
    sent_before = rep.store.session().exec(select(OutboxEntry)).all()
    _pool(rep, clock).claim(pool_id)
    customer = _customer(rep, pool_id)
    assert (customer.owner_id, customer.in_public_pool) == (rep.user_id, False)
    assert customer.protection_until == date(2027, 3, 31)  # 30 days from the claim's day in Shanghai
    claim = _events(rep, pool_id)[-1]
    assert (claim.kind, claim.from_owner_id, claim.to_owner_id, claim.by_user_id) == (
        "claim",
        None,
        rep.user_id,
        rep.user_id,
    )
    with rep.store.session() as session:
        sent = session.exec(select(OutboxEntry).order_by(OutboxEntry.client_seq)).all()[len(sent_before) :]
    assert [e.table_name for e in sent] == ["customer", "ownership_event"]
    assert sent[0].group_id == sent[1].group_id
    assert json.loads(sent[0].fields)["owner_id"] == rep.user_id


def test_a_release_needs_a_reason_clears_the_owners_data_and_records_its_event(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep = team_services["rep"]
    mine = CustomerService(rep.store, rep.user_id, clock=clock).create(name="绍兴黄酒有限公司")
    CustomerService(rep.store, rep.user_id).update(mine, next_follow_up="2027-03-05")
    with pytest.raises(ValidationError, match="reason"):
        _pool(rep, clock).release(mine, "  ")
    assert _customer(rep, mine).owner_id == rep.user_id
    _pool(rep, clock).release(mine, "客户已转向竞品")
    customer = _customer(rep, mine)
    assert (customer.owner_id, customer.in_public_pool) == (None, True)
    assert (customer.protection_until, customer.next_follow_up) == (None, None)
    release = _events(rep, mine)[-1]
    assert (release.kind, release.from_owner_id, release.to_owner_id, release.reason) == (
        "release",
        rep.user_id,
        None,
        "客户已转向竞品",
    )
    with pytest.raises(PermissionDeniedError, match="only its owner"):
        _pool(team_services["other"], clock).release(mine, "不是我的")


def test_the_daily_limit_counts_claims_on_the_teams_calendar(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep = team_services["rep"]
    ids = _pooled(team_services["supervisor"], PoolRules().claims_per_day + 1)
    for customer_id in ids[:-1]:
        _pool(rep, clock).claim(customer_id)
    with pytest.raises(PermissionDeniedError, match="claimed 5 customers today"):
        _pool(rep, clock).claim(ids[-1])
    assert _customer(rep, ids[-1]).in_public_pool
    clock.now = datetime(2027, 3, 1, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai: still the same day
    with pytest.raises(PermissionDeniedError, match="today"):
        _pool(rep, clock).claim(ids[-1])
    clock.now = datetime(2027, 3, 1, 16, 0, tzinfo=UTC)  # midnight there: a new day
    _pool(rep, clock).claim(ids[-1])
    assert _customer(rep, ids[-1]).owner_id == rep.user_id


def test_a_claim_at_the_cap_is_refused_and_won_customers_do_not_count(
    team_services: dict[str, Services], clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    rep = team_services["rep"]
    monkeypatch.setattr("fieldcrm.services.pool.team_rules", lambda session, team: PoolRules(holding_cap=2))
    customers = CustomerService(rep.store, rep.user_id, clock=clock)
    held = [customers.create(name=f"持有{i}号有限公司") for i in range(2)]
    (pool_id,) = _pooled(team_services["supervisor"], 1)
    with pytest.raises(PermissionDeniedError, match="you hold 2 customers and your limit is 2"):
        _pool(rep, clock).claim(pool_id)
    deal = rep.opportunities.create(held[0], title="年度采购", stage="谈判签约")
    rep.opportunities.move(deal, "赢单")
    _pool(rep, clock).claim(pool_id)  # the won customer no longer counts against the cap
    assert _customer(rep, pool_id).owner_id == rep.user_id


def test_a_rep_who_let_a_customer_go_is_locked_out_of_it(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, other = team_services["rep"], team_services["other"]
    (pool_id,) = _pooled(team_services["supervisor"], 1)
    _pool(rep, clock).claim(pool_id)
    _pool(rep, clock).release(pool_id, "暂时没有需求")
    clock.now = T0 + timedelta(days=29)
    with pytest.raises(PermissionDeniedError, match="you can claim it again from 2027-03-31"):
        _pool(rep, clock).claim(pool_id)
    _pool(other, clock).claim(pool_id)  # the lockout is his alone
    _pool(other, clock).release(pool_id, "交回公海")
    clock.now = T0 + timedelta(days=30)
    _pool(rep, clock).claim(pool_id)
    assert [e.kind for e in _events(rep, pool_id)] == ["first_contact", "claim", "release", "claim", "release", "claim"]


def test_another_reps_customer_cannot_be_claimed_and_an_edit_of_owner_records_its_claim(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, other = team_services["rep"], team_services["other"]
    (pool_id,) = _pooled(team_services["supervisor"], 1)
    CustomerService(other.store, other.user_id, clock=clock).update(
        pool_id, owner_id=other.user_id, in_public_pool=False
    )
    assert [e.kind for e in _events(rep, pool_id)][-1] == "claim"  # the edit went the pool's way
    with pytest.raises(PermissionDeniedError, match="already claimed by 李娜 on 2027-03-01"):
        _pool(rep, clock).claim(pool_id)
    with pytest.raises(ValidationError, match="reason"):
        CustomerService(other.store, other.user_id).update(pool_id, in_public_pool=True)


def test_the_pool_lists_its_customers_with_mobiles_masked(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep = team_services["rep"]
    ids = _pooled(team_services["supervisor"], 3)
    CustomerService(rep.store, rep.user_id, clock=clock).create(name="私有客户有限公司")
    listed = _pool(rep, clock).pool_customers()
    assert sorted(r["id"] for r in listed) == sorted(ids)
    assert all("****" in r["phone"] for r in listed)
    assert [r["id"] for r in _pool(rep, clock).pool_customers("公海1号")] == [ids[1]]
    _pool(rep, clock).claim(ids[0])
    assert ids[0] not in {r["id"] for r in _pool(rep, clock).pool_customers()}


def test_the_pool_lists_in_pinyin_order_finds_by_name_region_or_industry_and_leaves_deleted_ones_out(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, boss = team_services["rep"], team_services["supervisor"]
    customers = CustomerService(boss.store, boss.user_id)

    def pooled(name: str, region: str, industry: str, phone: str) -> str:
        return customers.create(
            name=name, region=region, industry=industry, phone=phone, grade="B", owner_id=None, in_public_pool=True
        )

    silk = pooled("嘉兴丝绸有限公司", "华东", "纺织", "13800138001")
    tea = pooled("杭州茶叶有限公司", "浙西", "食品", "13800138002")
    brush = pooled("湖州湖笔有限公司", "浙北", "文具", "13800138003")
    gone = pooled("安吉竹业有限公司", "浙北", "文具", "13800138004")
    customers.delete(gone)
    pool = _pool(rep, clock)
    # 杭 (hang) before 湖 (hu) before 嘉 (jia): pinyin, not the characters' code order (嘉 < 杭 < 湖)
    assert [r["id"] for r in pool.pool_customers()] == [tea, brush, silk]
    assert [r["id"] for r in pool.pool_customers(limit=2)] == [tea, brush]
    row = next(r for r in pool.pool_customers() if r["id"] == silk)
    stored = _customer(rep, silk)
    assert row == {
        "id": silk,
        "name": "嘉兴丝绸有限公司",
        "phone": "138****8001",  # not hers: masked
        "region": "华东",
        "industry": "纺织",
        "grade": "B",
        "stage": stored.stage,
        "updated_at": stored.updated_at.isoformat(),
        "pool": "公海",  # the team sets no pools of its own: the default one
    }
    assert [r["id"] for r in pool.pool_customers("丝绸有限")] == [silk]  # a part of the name as written
    assert [r["id"] for r in pool.pool_customers("嘉兴丝绸股份有限公司")] == [silk]  # the same company, normalised
    assert [r["id"] for r in pool.pool_customers("浙北")] == [brush]  # region (the deleted one left out)
    assert [r["id"] for r in pool.pool_customers("食品")] == [tea]  # industry
    admin = Services.for_store(rep.store, rep.profile.add_user("管理员", "admin", None).id)
    assert {r["phone"] for r in PoolService(admin.store, admin.user_id, clock=clock).pool_customers()} == {
        "13800138001",
        "13800138002",
        "13800138003",
    }  # an admin sees every number in full


def test_a_release_without_a_reason_names_the_reason_field(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep = team_services["rep"]
    mine = CustomerService(rep.store, rep.user_id, clock=clock).create(name="绍兴黄酒有限公司")
    for reason in (None, "", "   "):
        with pytest.raises(ValidationError) as refused:
            _pool(rep, clock).release(mine, reason)  # type: ignore[arg-type]
        assert (refused.value.field, refused.value.message) == ("reason", RELEASE_NEEDS_REASON)
    assert _customer(rep, mine).owner_id == rep.user_id
    _pool(rep, clock).release(mine, "客户已转向竞品")
    release = _events(rep, mine)[-1]
    assert (release.owner_id, release.by_user_id, release.rule) == (rep.user_id, rep.user_id, "release")


def test_a_claim_of_a_customer_another_rep_registered_says_it_is_protected_not_claimed(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, other = team_services["rep"], team_services["other"]
    theirs = CustomerService(other.store, other.user_id, clock=clock).create(name="温州鞋业有限公司")
    with pytest.raises(PermissionDeniedError) as refused:
        _pool(rep, clock).claim(theirs)
    assert refused.value.message == IN_PROTECTION.format("2027-03-31")


def test_a_lost_claim_names_the_time_head_office_accepted_the_winners_claim(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, other = team_services["rep"], team_services["other"]
    (pool_id,) = _pooled(team_services["supervisor"], 1)
    _pool(other, clock).claim(pool_id)  # 09:00 in Shanghai on 03-01, on 李娜's laptop
    with rep.store.session() as session:  # head office accepted it at 10:30 (version 1: it came back from there)
        claim = session.exec(select(OwnershipEvent).where(OwnershipEvent.kind == "claim")).one()
        claim.created_at, claim.version = datetime(2027, 3, 1, 2, 30, tzinfo=UTC), 1
        session.add(claim)
        session.commit()
    with pytest.raises(PermissionDeniedError) as refused:
        _pool(rep, clock).claim(pool_id)
    assert refused.value.message == CLAIMED_BY.format("李娜", "2027-03-01", "10:30")


def _two_pools(supervisor: Services, claims: int) -> None:
    """The team's pools: 制造业公海 (manufacturing, `claims` a day) and the default 公海 (the team's one a day)."""
    pools = [{"name": "制造业公海", "industries": ["制造业"], "rules": {"claims_per_day": claims}}]
    TeamRulesService(supervisor.store, supervisor.user_id).set({"claims_per_day": 1, "pools": pools})


def _pooled_in(boss: Services, industry: str, count: int) -> list[str]:
    customers = CustomerService(boss.store, boss.user_id)
    return [
        customers.create(name=f"{industry}{i}号有限公司", owner_id=None, in_public_pool=True, industry=industry)
        for i in range(count)
    ]


def test_the_daily_limit_is_counted_per_pool_with_that_pools_limit(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, boss = team_services["rep"], team_services["supervisor"]
    _two_pools(boss, claims=2)
    factories = _pooled_in(boss, "制造业", 3)
    shops = _pooled_in(boss, "零售", 2)
    _pool(rep, clock).claim(shops[0])
    with pytest.raises(PermissionDeniedError, match="claimed 1 customers today"):
        _pool(rep, clock).claim(shops[1])  # the default pool's limit: the team's 1
    _pool(rep, clock).claim(factories[0])  # at the limit in one pool, still free in another
    _pool(rep, clock).claim(factories[1])
    with pytest.raises(PermissionDeniedError, match="claimed 2 customers today"):
        _pool(rep, clock).claim(factories[2])  # the manufacturing pool's own limit
    clock.now = T0 + timedelta(days=1)
    _pool(rep, clock).claim(factories[2])


def test_the_pool_lists_each_customers_pool_filters_by_one_and_counts_them(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    rep, boss = team_services["rep"], team_services["supervisor"]
    _two_pools(boss, claims=2)
    factories = _pooled_in(boss, "制造业", 2)
    shops = _pooled_in(boss, "零售", 1)
    service = _pool(rep, clock)
    assert {r["id"]: r["pool"] for r in service.pool_customers()} == {
        factories[0]: "制造业公海",
        factories[1]: "制造业公海",
        shops[0]: "公海",
    }
    assert sorted(r["id"] for r in service.pool_customers(pool="制造业公海")) == sorted(factories)
    assert [r["id"] for r in service.pool_customers(pool="公海")] == shops
    assert service.pool_customers(pool="没有这个池") == []
    assert service.pool_counts() == [("制造业公海", 2), ("公海", 1)]
    service.claim(factories[0])
    assert service.pool_counts() == [("制造业公海", 1), ("公海", 1)]


def test_a_team_without_pools_lists_everything_in_the_default_pool(
    team_services: dict[str, Services], clock: ManualClock
) -> None:
    ids = _pooled(team_services["supervisor"], 2)
    service = _pool(team_services["rep"], clock)
    assert {r["pool"] for r in service.pool_customers(pool="公海")} == {"公海"}
    assert len(service.pool_customers(pool="公海")) == 2 == len(ids)
    assert service.pool_counts() == [("公海", 2)]
