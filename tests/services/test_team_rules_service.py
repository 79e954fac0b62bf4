"""A team's settings on the laptop (TeamRulesService): which team a user's screen shows (the one asked for, else
the one they lead, else their own), who may change them, and how a change is stored and sent: the rest of the
settings kept, the row restored if a pull had deleted it, one outbox entry per change."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from fieldcrm.domain.errors import NotFoundError, PermissionDeniedError
from fieldcrm.domain.protection import PoolRules
from fieldcrm.domain.team_rules import ONLY_SUPERVISOR, rules_id
from fieldcrm.models import OutboxEntry, Team, TeamRules
from fieldcrm.services import Services
from fieldcrm.services.team_rules import NO_TEAM, TeamRulesService


def _service(services: Services) -> TeamRulesService:
    return TeamRulesService(services.store, services.user_id)


def _team_id(services: Services, name: str) -> str:
    with services.store.session() as session:
        return session.exec(select(Team.id).where(Team.name == name)).one()


def _sent(services: Services, row_id: str) -> list[tuple[str, dict]]:
    with services.store.session() as session:
        entries = session.exec(select(OutboxEntry).where(OutboxEntry.row_id == row_id)).all()
        return [(e.op, json.loads(e.fields)) for e in entries]


def test_a_rep_reads_their_teams_settings_and_may_not_change_them(team_services) -> None:
    rep = team_services["rep"]
    view = _service(rep).show()
    assert (view.team_name, view.can_edit, view.rules) == ("华东一组", False, PoolRules())
    assert view.settings()["protection_days"] == PoolRules().protection_days
    with pytest.raises(PermissionDeniedError) as refused:
        _service(rep).set({"protection_days": 45})
    assert refused.value.message == ONLY_SUPERVISOR
    team_id = _team_id(rep, "华东一组")
    assert _sent(rep, rules_id(team_id)) == []
    with rep.store.session() as session:
        assert session.get(TeamRules, rules_id(team_id)) is None


def test_the_supervisor_changes_some_settings_and_the_rest_stay(team_services) -> None:
    boss = team_services["supervisor"]
    team_id = _team_id(boss, "华东一组")
    assert _service(boss).show().can_edit is True
    assert _service(boss).set({"protection_days": 45}).protection_days == 45
    rules = _service(boss).set({"claims_per_day": 3})
    assert (rules.protection_days, rules.claims_per_day) == (45, 3)
    assert _service(team_services["rep"]).show().rules == rules  # the team reads them
    sent = _sent(boss, rules_id(team_id))
    assert [op for op, _ in sent] == ["insert", "update"]
    assert sent[0][1]["team_id"] == team_id and sent[0][1]["owner_id"] == boss.user_id
    assert json.loads(sent[1][1]["rules"])["protection_days"] == 45


def test_a_settings_row_a_pull_deleted_is_restored_by_the_next_change(team_services) -> None:
    boss = team_services["supervisor"]
    team_id = _team_id(boss, "华东一组")
    _service(boss).set({"protection_days": 45})
    with boss.store.transaction() as session:  # as a pull writes head office's delete
        row = session.get(TeamRules, rules_id(team_id))
        row.deleted = True
        session.add(row)
    assert _service(boss).show().rules == PoolRules()  # a deleted row: the defaults
    assert _service(boss).set({"lockout_days": 7}).lockout_days == 7
    shown = _service(boss).show().rules
    assert (shown.lockout_days, shown.protection_days) == (7, PoolRules().protection_days)


def test_a_supervisor_sees_the_team_they_lead_before_their_own_and_one_asked_for_by_id(team_services) -> None:
    boss = team_services["supervisor"]
    profile = boss.profile
    profile.add_user("赵总", "supervisor", "华南组")  # another team, made first
    with boss.store.transaction() as session:  # he moves to lead 华北组; his own team stays 华东一组
        own = session.exec(select(Team).where(Team.name == "华东一组")).one()
        own.supervisor_id = None
        led = Team(name="华北组", supervisor_id=boss.user_id)
        session.add_all([own, led])
        session.flush()
        led_id = led.id
    view = _service(boss).show()
    assert (view.team_id, view.team_name) == (led_id, "华北组")
    admin = boss.profile.add_user("管理员", "admin")
    south = _team_id(boss, "华南组")
    TeamRulesService(boss.store, admin.id).set({"claims_per_day": 2}, south)  # an admin sets the team asked for
    assert _service(boss).show(south).rules.claims_per_day == 2
    assert _service(boss).show().rules.claims_per_day == PoolRules().claims_per_day
    assert _service(boss).show(_team_id(boss, "华南组")).team_name == "华南组"
    assert _service(boss).show(_team_id(boss, "华南组")).can_edit is False  # led by 赵总
    with boss.store.transaction() as session:  # the team he led is gone: his own again
        row = session.get(Team, led_id)
        row.deleted = True
        session.add(row)
    assert _service(boss).show().team_name == "华东一组"
    with pytest.raises(NotFoundError, match=f"no team with id {led_id}"):
        _service(boss).show(led_id)
    with pytest.raises(NotFoundError, match="no team with id nowhere"):
        _service(boss).show("nowhere")


def test_a_user_in_no_team_is_told_so(team_services) -> None:
    boss = team_services["supervisor"]
    loner = boss.profile.add_user("孤雁", "rep")
    with pytest.raises(NotFoundError) as refused:
        TeamRulesService(boss.store, loner.id).show()
    assert refused.value.message == NO_TEAM
