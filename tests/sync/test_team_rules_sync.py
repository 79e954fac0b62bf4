"""A team's own settings (团队规则) on the real server (SQLite and PostgreSQL): set by the supervisor on his laptop,
they reach his reps' laptops and decide what their next registration and claim get, there and at head office; a
rep, another team's supervisor and a stranger to the team can neither change nor see them."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from handmade import add_second_team, push_one, read_row, token_of
from laptops import pooled, server_count
from sqlalchemy import text

from fieldcrm.domain.errors import PermissionDeniedError
from fieldcrm.domain.team_rules import ONLY_SUPERVISOR, rules_id
from fieldcrm.server.cli import main as server_main
from fieldcrm.services.team_rules import TeamRulesService
from server_fixtures import wire_op as op

pytestmark = pytest.mark.server_threads(1)


def _team_id(server) -> str:
    with server.engine.connect() as conn:
        return conn.execute(text("SELECT id FROM team WHERE name = '华东一组'")).scalar_one()


def _team_day() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def test_the_supervisors_settings_decide_his_reps_next_registration_and_claim(server, team, laptop_factory) -> None:
    admin = laptop_factory("admin", "管理员")
    in_pool = pooled(admin, [f"无锡公海{i}号有限公司" for i in range(2)])
    boss = laptop_factory("wang", "王经理")
    boss.sync()
    boss.cli("team", "rules", "set", "--protection-days", "45", "--claims-per-day", "1", "--set", "lockout_days=7")
    assert boss.sync().rejected == 0
    zhang = laptop_factory("zhang", "张伟")
    zhang.sync()
    shown = zhang.cli_json("team", "rules", "show")
    assert (shown["team"], shown["editable"]) == ("华东一组", False)
    assert (shown["rules"]["protection_days"], shown["rules"]["claims_per_day"], shown["rules"]["lockout_days"]) == (
        45,
        1,
        7,
    )
    with pytest.raises(PermissionDeniedError, match="only the team's supervisor"):
        TeamRulesService(zhang.store).set({"protection_days": 400})
    # Days are the team's calendar days (Asia/Shanghai), not this machine's: read before and after, in case the
    # test runs across that midnight.
    days = [_team_day()]
    customer_id = zhang.services().customers.create(name="无锡新登记电子有限公司")
    local = zhang.cli_json("customers", "show", customer_id)["protection_until"]
    assert zhang.sync().rejected == 0
    # Head office caps protection by the team's own protection_days (45), not the default 30.
    held = server_count(server, f"SELECT count(*) FROM customer WHERE id = '{customer_id}'")
    with server.engine.connect() as conn:
        until = conn.execute(text("SELECT protection_until FROM customer WHERE id = :i"), {"i": customer_id}).scalar()
    days.append(_team_day())
    assert held == 1 and until is not None
    for protected in (date.fromisoformat(local[:10]), date.fromisoformat(str(until)[:10])):
        assert any(protected - day == timedelta(days=45) for day in days), (protected, days)
    # One claim a day: the second is refused on his laptop already.
    zhang.cli("customers", "claim", in_pool[0])
    zhang.cli("customers", "claim", in_pool[1], expect=1)
    assert "claimed 1 customer" in zhang.last_stderr
    assert zhang.sync().rejected == 0


def test_only_the_teams_supervisor_or_an_admin_changes_them_and_only_the_team_sees_them(server, team) -> None:
    add_second_team(server)
    out = io.StringIO()
    with redirect_stdout(out):
        setting = ["team-rules", "华东一组", "--protection-days", "40", "--set", "return_without_deal_days=off"]
        assert server_main([*setting, "--database-url", server.database_url]) == 0
    assert "protection_days\t40" in out.getvalue() and "return_without_deal_days\toff" in out.getvalue()
    row_id = rules_id(_team_id(server))
    change = {"rules": json.dumps({"protection_days": 365})}
    for user in ("张伟", "陈主管"):  # a rep of the team, another team's supervisor
        result = push_one(server, token_of(server, user), op("team_rules", row_id, "update", change, base=1))
        assert (result["status"], result["reason"]) == ("rejected", ONLY_SUPERVISOR), user
    bad = {"rules": json.dumps({"protection_days": -5})}
    result = push_one(server, token_of(server, "王经理"), op("team_rules", row_id, "update", bad, base=1))
    assert result["status"] == "rejected" and result["reason"].startswith("protection_days: must be a whole number")
    assert server_count(server, "SELECT count(*) FROM team_rules WHERE rules LIKE '%\"protection_days\": 40%'") == 1
    result = push_one(server, token_of(server, "王经理"), op("team_rules", row_id, "update", change, base=1))
    assert result["status"] in ("applied", "merged"), result
    for user, sees in (("张伟", True), ("李娜", True), ("王经理", True), ("赵强", False), ("陈主管", False)):
        assert (read_row(server, token_of(server, user), "team_rules", row_id) is not None) == sees, user
