"""Reading the profile's user without the ORM (services/userinfo.py: what the window's first paint uses) and the
list's masked numbers on that light path (services/masking.py): they answer what the ORM services answer. Real
store, a team with a supervisor and two reps."""

from __future__ import annotations

from fieldcrm.domain.actors import Actor
from fieldcrm.services import CustomerQuery, Services
from fieldcrm.services.masking import NumberMask
from fieldcrm.services.userinfo import UserInfo, current_actor, current_user


def test_the_current_user_and_actors_read_as_the_orm_has_them(team_services: dict[str, Services]) -> None:
    rep, other, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    store = rep.store
    me = current_user(store)
    team_id = rep.profile.current().team_id
    assert me == UserInfo(rep.user_id, "张伟", "rep", team_id, "华东一组")
    assert current_actor(store) == Actor.of(rep.user_id, "rep", [])
    assert current_actor(store, other.user_id) == Actor.of(other.user_id, "rep", [])
    led = current_actor(store, boss.user_id)
    assert led is not None and led.role == "supervisor"
    assert led.covers(rep.user_id) and led.covers(other.user_id) and led.covers(boss.user_id)
    assert current_actor(store, "no-such-user") is None


def test_the_lists_numbers_are_masked_on_customers_the_user_does_not_hold(
    team_services: dict[str, Services],
) -> None:
    rep, other, boss = team_services["rep"], team_services["other"], team_services["supervisor"]
    mine = rep.customers.create(name="绍兴黄酒有限公司", phone="13912345678")
    theirs = other.customers.create(name="温州鞋业有限公司", phone="13987654321")
    rows = rep.search.search(CustomerQuery(limit=10))
    phones = {r.id: r.phone for r in NumberMask(rep.store).customer_rows(rows)}
    assert phones == {mine: "13912345678", theirs: "139****4321"}  # the profile's user: 张伟
    phones = {r.id: r.phone for r in NumberMask(rep.store, other.user_id).customer_rows(rows)}
    assert phones == {mine: "139****5678", theirs: "13987654321"}
    phones = {r.id: r.phone for r in NumberMask(rep.store, boss.user_id).customer_rows(rows)}
    assert phones == {mine: "13912345678", theirs: "13987654321"}  # their supervisor sees both in full
    phones = {r.id: r.phone for r in NumberMask(rep.store, "no-such-user").customer_rows(rows)}
    assert phones == {mine: "139****5678", theirs: "139****4321"}  # nobody known: everything masked
